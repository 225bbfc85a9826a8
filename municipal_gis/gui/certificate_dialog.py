"""Desktop «Land-use certificate» dock: pick a parcel (or use the selection), see the zones on it,
then issue the PDF.

The parcels and zones come from the municipal database loaded in the project (found through
`municipal_layers()`). The result table is computed with the same core overlay as the
`municipal_gis:land_use_certificate` algorithm, on the chosen parcels only; «Issue PDF» runs that
algorithm for their ΚΑΕΚ codes, with a progress bar and a Cancel button. The algorithm renders
print layouts, so it runs on the main thread (it declares no threading); the progress handler
keeps the interface responsive so that Cancel is heard.

`CertificateDock(iface)` is the controller the plugin keeps: it docks the panel hidden, `show()` shows it,
`unload()` removes it and releases the map tool.
"""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsCollapsibleGroupBox, QgsDockWidget, QgsHighlight, QgsMapToolIdentifyFeature
from qgis.PyQt.QtCore import QCoreApplication, QDate, QObject, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from municipal_gis.core import building_terms
from municipal_gis.core import kaek as kaek_rules
from municipal_gis.core import overlay as core_overlay
from municipal_gis.core.formatting import fmt_number
from municipal_gis.core.values import as_float
from municipal_gis.i18n import current_locale, plural, tr
from municipal_gis.layers.project import database_of, municipal_layers
from municipal_gis.printing import certificate as certificate_pdf
from municipal_gis.processing.base import (
    crs_problem,
    measuring_crs,
    missing_field_message,
    transformed_message,
)
from municipal_gis.qgisio.features import feature_fid, read_source, to_python

ALGORITHM = "municipal_gis:land_use_certificate"
KAEK_FIELD = "kaek"
ZONE_FIELD = "zone_code"
COLUMNS = ("kaek", "zone", "area_m2", "share_pct", "sliver", "terms")


def _language() -> str:
    """The panel writes numbers as the QGIS interface does: Greek (1.234,56) or English (1,234.56)."""
    return "el" if current_locale() == "el" else "en"


def _number(value, digits: int = 2) -> str:
    return "" if value is None else fmt_number(value, digits, _language())


def _short(value: float) -> str:
    """A ratio, percentage or height with only the decimals it has (ΣΔ 0,8; 11,5 m)."""
    text = f"{value:g}"
    return text.replace(".", ",") if _language() == "el" else text


def _parcels(n: int) -> str:
    return plural(n, tr("1 parcel"), tr("{n} parcels"))


def _pieces(n: int) -> str:
    return plural(n, tr("1 piece"), tr("{n} pieces"))


def _certificates(n: int) -> str:
    return plural(n, tr("1 certificate"), tr("{n} certificates"))


def terms_text(attributes: dict, area_m2: float) -> str:
    """Building terms of one zone on a piece: ΣΔ, coverage, height, and what they allow on the piece."""
    parts = []
    far = as_float(attributes.get("far"))
    coverage = as_float(attributes.get("coverage_pct"))
    height = as_float(attributes.get("max_height_m"))
    floor_area, footprint = building_terms.piece_terms(area_m2, far, coverage)  # NaN where unknown
    if far is not None:
        parts.append(tr("FAR {far} (max floor area {area} m²)").format(
            far=_short(far), area=_number(float(floor_area))))
    if coverage is not None:
        parts.append(tr("coverage {pct} % (max footprint {area} m²)").format(
            pct=_short(coverage), area=_number(float(footprint))))
    if height is not None:
        parts.append(tr("height {h} m").format(h=_short(height)))
    # in Greek «;» is the question mark: the parts are joined with the ano teleia, as the panel's messages are
    return (" · " if _language() == "el" else "; ").join(parts)


class CertificateDock(QObject):
    """The «Land-use certificate» panel. `iface` may be None (then the dock is not docked)."""

    def __init__(self, iface=None, project: QgsProject | None = None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.rows: list[dict] = []
        self.parcels: list = []  # QgsFeature of the parcels shown
        self.last_outputs: dict | None = None
        self._tool = None
        self._feedback = None
        self._docked = False
        self._running = False
        self._highlights: list = []  # QgsHighlight of the parcels shown

        main_window = iface.mainWindow() if iface is not None else None
        self.dock = QgsDockWidget(tr("Land-use certificate"), main_window)
        self.dock.setObjectName("MunicipalGisCertificateDock")
        if iface is not None:  # docked from the start and hidden: undocked, it would float over the menus
            iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.dock.hide()
            self._docked = True
        body = QWidget(self.dock)
        layout = QVBoxLayout(body)

        buttons = QHBoxLayout()
        self.selection_button = QPushButton(tr("Use the selected parcels"), body)
        self.selection_button.clicked.connect(self.use_selection)
        self.pick_button = QPushButton(tr("Pick a parcel on the map"), body)
        self.pick_button.setCheckable(True)
        self.pick_button.toggled.connect(self.pick)
        buttons.addWidget(self.selection_button)
        buttons.addWidget(self.pick_button)
        layout.addLayout(buttons)

        form = QFormLayout()
        self.as_of_edit = QDateEdit(QDate.currentDate(), body)
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("dd/MM/yyyy")
        form.addRow(tr("Plan in force on"), self.as_of_edit)
        self.protocol_edit = QLineEdit(body)
        form.addRow(tr("Protocol number"), self.protocol_edit)
        self.applicant_edit = QLineEdit(body)
        self.applicant_edit.setPlaceholderText(tr("optional; printed and registered only if given"))
        form.addRow(tr("Applicant"), self.applicant_edit)
        self.language_combo = QComboBox(body)
        self.language_combo.addItem(tr("Greek"), "el")
        self.language_combo.addItem(tr("English"), "en")
        form.addRow(tr("Certificate language"), self.language_combo)
        layout.addLayout(form)
        self.register_label = QLabel(body)  # which register will receive the certificate (see database())
        self.register_label.setWordWrap(True)
        self.register_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.register_label)
        layout.addWidget(self._signature_box(body))

        self.table = QTableWidget(0, len(COLUMNS), body)
        self.table.setHorizontalHeaderLabels([
            tr("ΚΑΕΚ"), tr("Zone"), tr("Area (m²)"), tr("Share (%)"), tr("Sliver"), tr("Building terms")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # room for the header, three zones and the scroll bar, even with the signature box open; any
        # height left over goes to the table first
        self.table.setMinimumHeight(
            self.table.horizontalHeader().sizeHint().height() + 3 * self.table.verticalHeader().defaultSectionSize()
            + self.table.horizontalScrollBar().sizeHint().height() + 2 * self.table.frameWidth())
        layout.addWidget(self.table, 1)

        self.message = QLabel(tr("Select parcels, or pick one on the map."), body)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        run_row = QHBoxLayout()
        self.issue_button = QPushButton(tr("Issue PDF"), body)
        self.issue_button.setEnabled(False)
        self.issue_button.clicked.connect(lambda: self.issue())
        self.progress_bar = QProgressBar(body)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.cancel_button = QPushButton(tr("Cancel"), body)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        run_row.addWidget(self.issue_button)
        run_row.addWidget(self.progress_bar, 1)
        run_row.addWidget(self.cancel_button)
        layout.addLayout(run_row)
        self.dock.setWidget(body)
        self.dock.closed.connect(self.clear_highlight)
        self.project.readProject.connect(self._project_read)  # another municipality's project: its signatories
        self.database()

    def _signature_box(self, parent) -> QWidget:
        """«Signatures»: who signs the certificate, kept as QGIS variables (the head of service and
        the letterhead in the project, the author for this user); collapsed once filled in."""
        box = QgsCollapsibleGroupBox(tr("Signatures on the certificate"), parent)
        box.setObjectName("MunicipalGisCertificateSignatures")
        form = QFormLayout(box)
        self.signature_edits = {}
        for name, label, hint in (
                ("author_name", tr("Prepared by"), tr("name of the engineer who prepares it (this user)")),
                ("author_title", tr("Title"), tr("e.g. Civil Engineer")),
                ("head_name", tr("Head of service"), tr("name (kept in the project)")),
                ("head_title", tr("Title"), tr("e.g. Head of the Planning Department")),
                ("head_role", tr("Signs as"), tr("empty: «Ο/Η Προϊστάμενος/η»; e.g. «Με εντολή Δημάρχου»"))):
            edit = QLineEdit(box)
            edit.setPlaceholderText(hint)
            edit.editingFinished.connect(self.save_signatures)
            form.addRow(label, edit)
            self.signature_edits[name] = edit
        self.header_edit = QPlainTextEdit(box)
        self.header_edit.setPlaceholderText(tr("Letterhead, one line each (empty: the template's)"))
        self.header_edit.setMaximumHeight(70)
        form.addRow(tr("Letterhead"), self.header_edit)
        self.load_signatures()
        box.setCollapsed(bool(self.signature_edits["author_name"].text() and self.signature_edits["head_name"].text()))
        return box

    def load_signatures(self) -> certificate_pdf.Signatures:
        signatures = certificate_pdf.load_signatures(self.project)
        for name, edit in self.signature_edits.items():
            edit.setText(getattr(signatures, name))
        self.header_edit.setPlainText(signatures.header)
        return signatures

    def signatures(self) -> certificate_pdf.Signatures:
        """The signatures as filled in the panel (roles not shown in the panel are kept)."""
        signatures = certificate_pdf.load_signatures(self.project)
        for name, edit in self.signature_edits.items():
            setattr(signatures, name, edit.text().strip())
        signatures.header = self.header_edit.toPlainText().strip()
        return signatures

    def save_signatures(self) -> None:
        certificate_pdf.save_signatures(self.signatures(), self.project)

    def _project_read(self, *_args) -> None:
        self.load_signatures()
        self.database()

    # -- lifecycle ------------------------------------------------------------------------------
    def show(self):
        if self.iface is not None and not self._docked:
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self._docked = True
        self.database()
        self.dock.show()
        self.dock.raise_()

    def unload(self):
        self.cancel()
        self.clear_highlight()
        try:
            self.project.readProject.disconnect(self._project_read)
        except TypeError:  # already disconnected
            pass
        self._release_tool()
        if self.iface is not None and self._docked:
            self.iface.removeDockWidget(self.dock)
            self._docked = False
        self.dock.hide()
        self.dock.deleteLater()

    # -- layers ---------------------------------------------------------------------------------
    def layers(self):
        """(parcel layer, land-use zone layer) of the loaded municipal database; None where missing."""
        found = municipal_layers(self.project)
        return found.get("parcel"), found.get("land_use_zone")

    def database(self) -> str:
        """The register that will receive the certificates (the parcels' database), shown in the panel."""
        parcels, _ = self.layers()
        database = database_of(parcels)
        if database:
            from municipal_gis.layers.database import DatabaseError, DatabaseLocation

            try:
                label = DatabaseLocation.parse(database).label  # never shows a password
            except DatabaseError:
                label = database
            self.register_label.setText(tr("Register: {db}").format(db=label))
        else:
            self.register_label.setText(tr("No register: the certificates will be drafts without a number."))
        return database

    # -- the parcels on the map ------------------------------------------------------------------
    def highlight(self, features, layer) -> None:
        """Show the parcels of `features` (of `layer`) on the map canvas, instead of the previous ones."""
        self.clear_highlight()
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is None or layer is None:
            return
        for feature in features:
            if not feature.hasGeometry():
                continue
            mark = QgsHighlight(canvas, feature.geometry(), layer)
            mark.setColor(QColor(220, 0, 0))
            mark.setFillColor(QColor(220, 0, 0, 50))
            mark.setWidth(3)
            mark.show()
            self._highlights.append(mark)
        canvas.refresh()

    def clear_highlight(self) -> None:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        for mark in self._highlights:
            mark.hide()
            if canvas is not None and mark.scene() is not None:
                canvas.scene().removeItem(mark)
        self._highlights = []

    def _say(self, text: str, warning: bool = False):
        self.message.setText(text)
        if warning and self.iface is not None:
            self.iface.messageBar().pushWarning(tr("Land-use certificate"), text)

    # -- choosing parcels -----------------------------------------------------------------------
    def use_selection(self) -> list[dict]:
        parcels, _ = self.layers()
        if parcels is None:
            self._say(tr("Load the municipal database first: no parcel layer in the project."), True)
            return []
        features = list(parcels.getSelectedFeatures())  # materialised once
        if not features:
            self._say(tr("Layer {layer}: no parcel selected.").format(layer=parcels.name()))
            return []
        return self.compute(features)

    def pick(self, checked: bool = True):
        """Turn the «pick a parcel» map tool on or off."""
        if not checked:
            self._release_tool()
            return
        parcels, _ = self.layers()
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if parcels is None or canvas is None:
            self._say(tr("Load the municipal database first: no parcel layer in the project."), True)
            self.pick_button.setChecked(False)
            return
        self._tool = QgsMapToolIdentifyFeature(canvas, parcels)
        self._tool.featureIdentified.connect(self._picked)
        self._tool.deactivated.connect(lambda: self.pick_button.setChecked(False))
        canvas.setMapTool(self._tool)
        self._say(tr("Click a parcel on the map."))

    def _picked(self, feature):
        self.compute([feature])

    def _release_tool(self):
        if self._tool is None:
            return
        tool, self._tool = self._tool, None
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is not None and canvas.mapTool() is tool:
            canvas.unsetMapTool(tool)
        tool.deleteLater()

    # -- the overlay ----------------------------------------------------------------------------
    def compute(self, features) -> list[dict]:
        """Overlay `features` (parcels) on the zones in force on the chosen date and fill the table."""
        parcels, zones_layer = self.layers()
        self.rows, self.parcels = [], list(features)
        self.table.setRowCount(0)
        self.issue_button.setEnabled(False)
        self.highlight(self.parcels, parcels)
        self.database()  # the panel says which register will receive these certificates
        if parcels is None or zones_layer is None:
            self._say(tr("Load the municipal database first: the parcel and land-use zone layers are needed."), True)
            return []
        # the algorithm's CRS rule (core.crs): refused without CRS, else measured where the certificate is
        crs = parcels.crs()
        problem = crs_problem(parcels.name(), crs) or crs_problem(zones_layer.name(), zones_layer.crs())
        if problem is not None:
            self._say(problem, True)
            return []
        working = measuring_crs(crs)
        to_working = (QgsCoordinateTransform(crs, working, self.project.transformContext())
                      if working != crs else None)
        names = parcels.fields().names()
        if KAEK_FIELD not in names:
            self._say(missing_field_message(parcels.name(), KAEK_FIELD), True)
            return []
        if ZONE_FIELD not in zones_layer.fields().names():
            self._say(missing_field_message(zones_layer.name(), ZONE_FIELD), True)
            return []

        geometries = np.empty(len(self.parcels), dtype=object)
        for i, feature in enumerate(self.parcels):
            geometry = QgsGeometry(feature.geometry())  # a copy: the layer's feature is never changed
            if not geometry.isNull() and to_working is not None:
                geometry.transform(to_working)
            geometries[i] = None if geometry.isNull() else shapely.from_wkb(bytes(geometry.asWkb()))
        # a parcel without a ΚΑΕΚ by its fid, the table's (on PostGIS QGIS numbers the features itself)
        codes = [kaek_rules.check(to_python(f[KAEK_FIELD])).normalised or f"#{feature_fid(f)}" for f in self.parcels]
        registered = ([as_float(to_python(f["registered_area_m2"])) for f in self.parcels]
                      if "registered_area_m2" in names else None)

        present = [g for g in geometries if g is not None]
        if not present:
            self._say(tr("Layer {layer}: the chosen parcels have no geometry.").format(layer=parcels.name()), True)
            return []
        x0, y0, x1, y1 = shapely.total_bounds(np.array(present, dtype=object))
        request = QgsFeatureRequest().setDestinationCrs(working, self.project.transformContext())
        request.setFilterRect(QgsRectangle(x0 - 1.0, y0 - 1.0, x1 + 1.0, y1 + 1.0))
        zones = read_source(zones_layer, None, request=request)
        as_of = self.as_of_edit.date().toPyDate()
        active = core_overlay.valid_on(zones.attributes.get("valid_from", [None] * len(zones)),
                                       zones.attributes.get("valid_to", [None] * len(zones)), as_of)
        result = core_overlay.overlay(geometries, zones.geometries, registered_area=registered,
                                      zone_active=active, keep_geometry=False)

        zone_codes = [str(v) for v in zones.attributes[ZONE_FIELD]]
        for k in range(len(result)):
            key = result.zones[k]
            area = float(result.area_m2[k])
            attributes = {n: values[key[0]] for n, values in zones.attributes.items()} if len(key) == 1 else {}
            self.rows.append({
                "kaek": codes[int(result.parcel[k])],
                "zone_code": " + ".join(zone_codes[z] for z in key) if key else None,
                "area_m2": area,
                "share_pct": float(result.share_pct[k]),
                "sliver": bool(result.sliver[k]),
                "overlap": len(key) > 1,
                "terms": terms_text(attributes, area),
            })
        self._fill_table()
        repaired = sum(1 for r in result.repairs if r.kind == "parcel")
        text = tr("{parcels}, {pieces}; plan in force on {date}.").format(
            parcels=_parcels(len(self.parcels)), pieces=_pieces(len(self.rows)), date=as_of.strftime("%d/%m/%Y"))
        if repaired:
            text += " " + tr("{n} parcel geometries were invalid and have been repaired.").format(n=repaired)
        if result.zone_overlaps:
            text += " " + tr("Some zones overlap: the overlapping parts are shown once, with every zone.")
        if to_working is not None:
            text += " " + transformed_message(parcels.name(), crs, working)
        if self._without_kaek():
            text += " " + self._without_kaek_message()
        self._say(text)
        self.issue_button.setEnabled(self._can_issue())
        return self.rows

    def _without_kaek(self) -> list[int]:
        """The fids of the parcels shown that have no ΚΑΕΚ: no certificate can name them."""
        return [feature_fid(f) for f in self.parcels if not kaek_rules.check(to_python(f[KAEK_FIELD])).normalised]

    def _without_kaek_message(self) -> str:
        return tr("Parcels without a ΚΑΕΚ cannot be certified: {parcels}.").format(
            parcels=", ".join(f"#{fid}" for fid in self._without_kaek()))

    def _can_issue(self) -> bool:
        return bool(self.rows) and len(self._without_kaek()) < len(self.parcels)

    def _fill_table(self):
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            zone = row["zone_code"] if row["zone_code"] else tr("(unzoned)")
            if row["overlap"]:
                zone = tr("{zones} (zones overlap)").format(zones=zone)
            cells = (row["kaek"], zone, _number(row["area_m2"]), _number(row["share_pct"]),
                     tr("yes") if row["sliver"] else "", row["terms"])
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (2, 3):
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                self.table.setItem(r, c, item)

    # -- issuing --------------------------------------------------------------------------------
    def issue(self, folder: str | None = None) -> dict | None:
        """Run the certificate algorithm for the parcels shown; numbers them when a database is loaded."""
        if self._running or not self.parcels:
            return None
        parcels, zones = self.layers()
        if parcels is None or zones is None:
            self._say(tr("Load the municipal database first: the parcel and land-use zone layers are needed."), True)
            return None
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self.dock, tr("Folder for the PDF certificates"))
            if not folder:
                return None
        codes = sorted({str(to_python(f[KAEK_FIELD]) or "") for f in self.parcels
                        if kaek_rules.check(to_python(f[KAEK_FIELD])).normalised})
        if not codes:  # the algorithm's empty list is «every parcel of the layer»
            self._say(self._without_kaek_message(), True)
            return None
        database = self.database()
        parameters = {
            "PARCELS": parcels, "ZONING": zones, "KAEK_LIST": "\n".join(codes),
            "AS_OF": self.as_of_edit.date(), "OUTPUT": "TEMPORARY_OUTPUT", "KAEK_PROBLEMS": "TEMPORARY_OUTPUT",
            "OUTPUT_GEOMETRY": False, "OUTPUT_REPORT": str(folder),
            "DATABASE": database, "ISSUE": bool(database),
            "PROTOCOL_NO": self.protocol_edit.text().strip(), "APPLICANT": self.applicant_edit.text().strip(),
            "LANGUAGE": 1 if self.language_combo.currentData() == "en" else 0,
        }
        # the frontage: on the street layer and the city blocks of the database (the certificate says how)
        found = municipal_layers(self.project)
        if found.get("street") is not None:
            parameters["STREETS"] = found["street"]
        if found.get("city_block") is not None:
            parameters["BLOCKS"] = found["city_block"]
        signatures = self.signatures()
        self.save_signatures()
        for name, key in (("author_name", "AUTHOR_NAME"), ("author_title", "AUTHOR_TITLE"),
                          ("head_name", "HEAD_NAME"), ("head_title", "HEAD_TITLE")):
            parameters[key] = getattr(signatures, name)
        from qgis import processing

        self._feedback = QgsProcessingFeedback()
        self._feedback.progressChanged.connect(self._progress)
        context = QgsProcessingContext()
        context.setProject(self.project)
        self._running = True
        self.issue_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress_bar.setValue(0)
        self._say(tr("Issuing {certificates}…").format(certificates=_certificates(len(codes))))
        outputs = None
        try:
            outputs = processing.run(ALGORITHM, parameters, context=context, feedback=self._feedback)
        except QgsProcessingException as exc:
            if self._feedback.isCanceled():
                self._say(tr("Cancelled: no certificate was issued after the cancel."))
            else:
                self._say(str(exc), True)
        finally:
            self._running = False
            self._feedback = None
            self.cancel_button.setEnabled(False)
            self.issue_button.setEnabled(self._can_issue())
        if outputs is not None:
            self.progress_bar.setValue(100)
            # the next certificate is for another applicant: never print this one's name on it
            self.protocol_edit.clear()
            self.applicant_edit.clear()
            issued = outputs.get("ISSUED") or ""
            if issued:
                one = len(issued.split(", ")) == 1
                text = (tr("Certificate {numbers} issued in {folder}.") if one else
                        tr("Certificates {numbers} issued in {folder}.")).format(numbers=issued, folder=folder)
            else:
                text = tr("Drafts written to {folder}: {certificates} (no register: load the municipal "
                          "database to number them).").format(
                    certificates=_certificates(outputs.get("CERTIFICATES", 0)), folder=folder)
            if self._without_kaek():
                text += " " + self._without_kaek_message()
            self._say(text)
        self.last_outputs = outputs
        return outputs

    def _progress(self, value: float):
        self.progress_bar.setValue(int(value))
        QCoreApplication.processEvents()  # the algorithm runs on this thread: let Cancel be clicked

    def cancel(self):
        if self._feedback is not None:
            self._feedback.cancel()
