"""Projects dock: the technical programme as the hub of the map.

Filter the projects of the loaded municipal database by year, funding source, phase and
community; zoom to a project (its own footprint, else the features tied to it); list its
features across every municipal layer and select one on the map.

The dock reads the municipal layers of the current project (`municipal_layers`); the filtering
rule is `municipal_gis.core.programme_summary.filter_projects`.
"""

from __future__ import annotations

import shapely
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from municipal_gis.core.programme import format_amount
from municipal_gis.core.programme_summary import filter_projects
from municipal_gis.i18n import current_locale, tr
from municipal_gis.layers.project import municipal_layers
from municipal_gis.qgisio.features import feature_fid, to_python
from municipal_gis.schema import catalogue, vocabularies

ALL = None


def _language() -> str:
    return "el" if current_locale() == "el" else "en"


def _by_code(layer, code):
    request = QgsFeatureRequest().setFilterExpression(
        QgsExpression.quotedColumnRef(catalogue.PROJECT_KEY) + " = " + QgsExpression.quotedValue(code))
    return list(layer.getFeatures(request))


class ProjectsDock(QgsDockWidget):
    # the title first (what people look for, elided to a fixed width, whole in the tooltip), then the
    # code; clicking a row does not scroll the table sideways (it used to scroll the code out of view)
    COLUMNS = ("title", "project_code", "budget_eur", "status")
    TITLE, CODE, BUDGET, STATUS = range(4)
    TITLE_WIDTH = 200  # pixels, before the user drags it

    def __init__(self, iface, parent=None):
        super().__init__(tr("Technical programme projects"), parent)
        self.iface = iface
        self.setObjectName("MunicipalGisProjectsDock")
        self._projects: list[dict] = []
        self._fundings: list[dict] = []
        self._locations: dict = {}
        self._communities: list = []
        body = QWidget()
        layout = QVBoxLayout(body)
        form = QFormLayout()
        self.year = QComboBox()
        self.source = QComboBox()
        self.status = QComboBox()
        self.community = QComboBox()
        form.addRow(tr("Year"), self.year)
        form.addRow(tr("Funding source"), self.source)
        form.addRow(tr("Phase"), self.status)
        form.addRow(tr("Community"), self.community)
        layout.addLayout(form)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAutoScroll(False)  # Qt scrolls to the clicked cell otherwise
        header = self.table.horizontalHeader()
        for column in range(len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive if column == self.TITLE
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(self.TITLE, self.TITLE_WIDTH)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.zoom_button = QPushButton(tr("Zoom to project"))
        self.refresh_button = QPushButton(tr("Refresh"))
        buttons.addWidget(self.zoom_button)
        buttons.addWidget(self.refresh_button)
        layout.addLayout(buttons)
        self.features = QListWidget()
        layout.addWidget(self.features)
        self.setWidget(body)
        for combo in (self.year, self.source, self.status, self.community):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.table.itemSelectionChanged.connect(self._show_features)
        self.table.itemDoubleClicked.connect(lambda _item: self.zoom_to(self.selected_code()))
        self.zoom_button.clicked.connect(lambda: self.zoom_to(self.selected_code()))
        self.refresh_button.clicked.connect(self.reload)
        self.features.itemDoubleClicked.connect(self._select_feature)
        QgsProject.instance().layersAdded.connect(self.reload)
        QgsProject.instance().layersRemoved.connect(self.reload)
        self.reload()

    # -- data ------------------------------------------------------------------------------
    def reload(self, *args) -> None:
        """Read projects, funding, locations and communities from the loaded municipal layers."""
        layers = municipal_layers(QgsProject.instance())
        self._layers = layers
        self._projects, self._fundings, self._locations, self._communities = [], [], {}, []
        projects = layers.get("programme_project")
        if projects is not None:
            known = set(catalogue.layer("programme_project").field_names())
            names = [f.name() for f in projects.fields() if f.name() in known]
            for feature in projects.getFeatures():
                record = {n: to_python(feature[n]) for n in names}
                if not record.get("project_code"):
                    continue
                self._projects.append(record)
                if feature.hasGeometry() and not feature.geometry().isEmpty():
                    self._locations[record["project_code"]] = shapely.from_wkb(bytes(feature.geometry().asWkb()))
        funding = layers.get("project_funding")
        if funding is not None:
            for feature in funding.getFeatures():
                self._fundings.append({"project_code": to_python(feature["project_code"]),
                                       "funding_source": to_python(feature["funding_source"])})
        codes = {p["project_code"] for p in self._projects}
        for layer_id, layer in layers.items():
            spec = catalogue.layer(layer_id) if layer_id in catalogue.layer_ids() else None
            if spec is None or not spec.project_link or not layer.isSpatial():
                continue
            for feature in layer.getFeatures(QgsFeatureRequest().setFilterExpression('"project_code" IS NOT NULL')):
                code = to_python(feature["project_code"])
                if code in codes and code not in self._locations and feature.hasGeometry():
                    geometry = shapely.from_wkb(bytes(feature.geometry().asWkb()))
                    self._locations.setdefault(("linked", code), []).append(geometry)
        for key in [k for k in self._locations if isinstance(k, tuple)]:
            self._locations[key[1]] = shapely.union_all(self._locations.pop(key))
        communities = layers.get("community")
        if communities is not None:
            for feature in communities.getFeatures():
                if feature.hasGeometry():
                    self._communities.append((to_python(feature["name"]),
                                              shapely.from_wkb(bytes(feature.geometry().asWkb()))))
        self._fill_filters()
        self.apply_filters()

    def _fill_filters(self) -> None:
        language = _language()
        i = 1 if language == "el" else 2
        used_sources = {f["funding_source"] for f in self._fundings if f.get("funding_source")}
        used_status = {p.get("status") for p in self._projects if p.get("status")}
        options = {
            self.year: sorted({p["year"] for p in self._projects if p.get("year")}, reverse=True),
            self.source: [e[0] for e in vocabularies.VOCABULARIES["funding_source"] if e[0] in used_sources],
            self.status: [e[0] for e in vocabularies.VOCABULARIES["project_phase"] if e[0] in used_status],
            self.community: sorted({name for name, _ in self._communities if name}),
        }
        labels = {
            self.source: {e[0]: e[i] for e in vocabularies.VOCABULARIES["funding_source"]},
            self.status: {e[0]: e[i] for e in vocabularies.VOCABULARIES["project_phase"]},
        }
        for combo, values in options.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("All"), ALL)
            for value in values:
                combo.addItem(str(labels.get(combo, {}).get(value, value)), value)
            index = combo.findData(current)
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)

    # -- filtering -------------------------------------------------------------------------
    def set_filters(self, year=ALL, funding_source=ALL, status=ALL, community=ALL) -> None:
        for combo, value in ((self.year, year), (self.source, funding_source), (self.status, status),
                             (self.community, community)):
            combo.blockSignals(True)
            index = combo.findData(value)
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)
        self.apply_filters()

    def visible_codes(self) -> list[str]:
        return [self.table.item(r, self.CODE).text() for r in range(self.table.rowCount())]

    def apply_filters(self, *args) -> None:
        codes = filter_projects(self._projects, self._fundings, year=self.year.currentData(),
                                funding_source=self.source.currentData(), status=self.status.currentData(),
                                community=self.community.currentData(), locations=self._locations,
                                communities=self._communities)
        by_code = {p["project_code"]: p for p in self._projects}
        language = _language()
        spec = catalogue.layer("programme_project")
        self.table.setHorizontalHeaderLabels([spec.field(c).alias(language) for c in self.COLUMNS])
        self.table.setRowCount(len(codes))
        for row, code in enumerate(codes):
            project = by_code[code]
            budget = project.get("budget_eur")
            status = project.get("status")
            values = (project.get("title") or "", code,
                      format_amount(float(budget)) if budget is not None else "–",
                      vocabularies.label("project_phase", status, language) if status else "–")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == self.TITLE:
                    item.setToolTip(value)  # the whole title where the column elides it
                if column == self.BUDGET:
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                self.table.setItem(row, column, item)
        self.features.clear()

    # -- one project -----------------------------------------------------------------------
    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.table.item(rows[0].row(), self.CODE).text()

    def select_code(self, code: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, self.CODE).text() == code:
                self.table.selectRow(row)
                return

    def project_features(self, code: str) -> list[tuple[str, int, str]]:
        """(layer id, feature id, label) of every feature tied to a project, across the layers."""
        out = []
        for layer_id, layer in sorted(self._layers.items()):
            if layer_id not in catalogue.layer_ids():
                continue
            spec = catalogue.layer(layer_id)
            if not spec.project_link or layer.fields().indexOf(catalogue.PROJECT_KEY) < 0:
                continue
            context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
            expression = QgsExpression(layer.displayExpression())
            for feature in _by_code(layer, code):
                context.setFeature(feature)
                value = expression.evaluate(context) if layer.displayExpression() else None
                label = str(value) if value not in (None, "") else f"#{feature_fid(feature)}"
                out.append((layer_id, feature.id(), label))
        return out

    def _show_features(self) -> None:
        self.features.clear()
        code = self.selected_code()
        if not code:
            return
        language = _language()
        for layer_id, fid, label in self.project_features(code):
            item = QListWidgetItem(f"{catalogue.layer(layer_id).name(language)}: {label}")
            item.setData(Qt.ItemDataRole.UserRole, (layer_id, fid))
            self.features.addItem(item)

    def _select_feature(self, item) -> None:
        layer_id, fid = item.data(Qt.ItemDataRole.UserRole)
        layer = self._layers.get(layer_id)
        if layer is None:
            return
        layer.selectByIds([fid])
        feature = layer.getFeature(fid)
        if feature.hasGeometry():
            self._zoom_to_rect(feature.geometry().boundingBox(), layer.crs())

    def project_extent(self, code: str | None) -> QgsRectangle | None:
        location = self._locations.get(code) if code else None
        if location is None or shapely.is_empty(location):
            return None
        geometry = QgsGeometry()
        geometry.fromWkb(shapely.to_wkb(location))
        return geometry.boundingBox()

    def zoom_to(self, code: str | None) -> bool:
        """Zoom the map to a project; False (with a message) when it has no location."""
        extent = self.project_extent(code)
        if extent is None:
            if code and self.iface is not None and hasattr(self.iface, "messageBar"):
                self.iface.messageBar().pushWarning(
                    tr("Projects"), tr("Project {code} has no footprint and no linked feature.").format(code=code))
            return False
        layer = self._layers.get("programme_project")
        self._zoom_to_rect(extent, layer.crs() if layer is not None else None)
        return True

    def _zoom_to_rect(self, rect: QgsRectangle, crs) -> None:
        if self.iface is None:
            return
        canvas = self.iface.mapCanvas()
        rect = QgsRectangle(rect)
        if crs is not None and crs.isValid() and canvas.mapSettings().destinationCrs() != crs:
            from qgis.core import QgsCoordinateTransform

            rect = QgsCoordinateTransform(crs, canvas.mapSettings().destinationCrs(),
                                          QgsProject.instance()).transformBoundingBox(rect)
        margin = max(rect.width(), rect.height(), 20.0) * 0.25
        rect.grow(margin)
        canvas.setExtent(rect)
        canvas.refresh()

    def unload(self) -> None:
        for signal in (QgsProject.instance().layersAdded, QgsProject.instance().layersRemoved):
            try:
                signal.disconnect(self.reload)
            except TypeError:
                pass
        self.deleteLater()
