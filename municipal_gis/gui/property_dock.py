"""Property card: a dock showing the selected municipal property and everything tied to it.

Sections: the property; its parcels (parcels sharing area with it); its leases, current first
(status as of today by `municipal_gis.core.leases`); encroachments; the technical-programme
projects it is tied to (its project_code, and projects whose site overlaps it); the land-use
zones on it with their share. Lessee names are not shown. Dates and numbers are written the Greek
way in Greek (07/03/2025, 1.254,34); a title area that differs from the GIS area beyond the tolerance
of `municipal_gis.core.title_area` is flagged. The dock's buttons open the feature form, zoom to the
property within its block and open the topographic diagram dialog for it.

`property_card_html(project, feature)` builds the HTML and is what the tests call; the dock only
follows the selection of the municipal_property layer and shows the card of the first selected
feature.
"""

from __future__ import annotations

import datetime as dt
import html

from qgis.core import QgsExpression, QgsFeatureRequest, QgsProject
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QCursor
from qgis.PyQt.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QToolTip, QVBoxLayout, QWidget

from municipal_gis.core.leases import Lease, lease_status
from municipal_gis.core.title_area import TITLE_AREA_TOLERANCE, check_title_area, format_date, format_number
from municipal_gis.i18n import tr
from municipal_gis.layers.project import database_of, municipal_layers
from municipal_gis.qgisio.features import to_python
from municipal_gis.schema import catalogue, vocabularies

PROPERTY_SHOWN = ("property_code", "name", "kaek", "property_type", "acquisition", "bequest_name", "current_use",
                  "status", "address", "ot_code", "registered_area_m2", "project_code")


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _language() -> str:
    from municipal_gis.i18n import current_locale

    return "el" if current_locale() == "el" else "en"


def _show(layer_id: str, field_name: str, value, language: str) -> str:
    try:
        spec = catalogue.layer(layer_id).field(field_name)
    except KeyError:
        return _e(value)
    if spec.vocabulary and value is not None:
        return _e(vocabularies.label(spec.vocabulary, value, language))
    if isinstance(value, float):
        return _e(format_number(value, 2, language))
    if isinstance(value, dt.date):
        return _e(format_date(value, language))
    return _e(value)


def _alias(layer_id: str, field_name: str, language: str) -> str:
    try:
        return _e(catalogue.layer(layer_id).field(field_name).alias(language))
    except KeyError:
        return _e(field_name)


def _by_code(layer, field_name: str, code):
    request = QgsFeatureRequest().setFilterExpression(
        QgsExpression.quotedColumnRef(field_name) + " = " + QgsExpression.quotedValue(code))
    return list(layer.getFeatures(request))


def _overlapping(layer, geometry):
    if layer is None or geometry is None or geometry.isEmpty() or not layer.isSpatial():
        return []
    request = QgsFeatureRequest().setFilterRect(geometry.boundingBox())
    out = []
    for feature in layer.getFeatures(request):
        shared = feature.geometry().intersection(geometry)
        if not shared.isEmpty() and shared.area() > 0.01:
            out.append((feature, shared.area()))
    return out


def _table(layer_id, fields, rows, language, extra_header=None):
    headers = "".join(f"<th>{_alias(layer_id, f, language)}</th>" for f in fields)
    if extra_header:
        headers += f"<th>{_e(extra_header)}</th>"
    body = []
    for values, extra in rows:
        cells = "".join(f"<td>{_show(layer_id, f, values.get(f), language)}</td>" for f in fields)
        if extra_header:
            cells += f"<td>{_e(extra)}</td>"
        body.append(f"<tr>{cells}</tr>")
    return f"<table border='1' cellspacing='0' cellpadding='2'><tr>{headers}</tr>{''.join(body)}</table>"


def _attrs(feature):
    return {f.name(): to_python(feature.attribute(f.name())) for f in feature.fields()}


def property_card_html(project: QgsProject, feature, as_of: dt.date | None = None, language: str | None = None) -> str:
    """The card of one municipal_property feature as HTML."""
    language = language or _language()
    as_of = as_of or dt.date.today()
    layers = municipal_layers(project)
    values = _attrs(feature)
    code = values.get("property_code")
    geometry = feature.geometry()
    parts = [f"<h3>{_e(tr('Property'))}: {_e(code)} {_e(values.get('name') or '')}</h3><table>"]
    for name in PROPERTY_SHOWN:
        if name in values:
            parts.append(f"<tr><td><b>{_alias('municipal_property', name, language)}</b></td>"
                         f"<td>{_show('municipal_property', name, values[name], language)}</td></tr>")
    if geometry is not None and not geometry.isEmpty():
        parts.append(f"<tr><td><b>GIS</b></td><td>"
                     f"{_e(tr('{n} m²').format(n=format_number(geometry.area(), 2, language)))}</td></tr>")
        parts.append(_title_area_row(values.get("registered_area_m2"), geometry.area(), language))
    parts.append("</table>")

    def section(title, content):
        parts.append(f"<h4>{_e(title)}</h4>{content or _e(tr('none'))}")

    parcels = _overlapping(layers.get("parcel"), geometry)
    section(tr("Parcels"), _table("parcel", ("kaek", "ot_code", "address", "owner_type"),
                                  [(_attrs(f), format_number(a, 2, language)) for f, a in parcels], language, "m²")
            if parcels else "")

    section(tr("Parcel lineage"), _lineage_html(layers.get("parcel"), [f["kaek"] for f, _ in parcels]))

    lease_layer = layers.get("lease")
    leases = [_attrs(f) for f in _by_code(lease_layer, "property_code", code)] if lease_layer and code else []
    if leases:
        objects = [Lease(v.get("lease_code") or "", code, v.get("start_date"), v.get("end_date"),
                         v.get("annual_rent_eur"), v.get("purpose"), None, v.get("status")) for v in leases]
        valid = [x for x in objects if isinstance(x.start_date, dt.date)
                 and (x.end_date is None or isinstance(x.end_date, dt.date))]
        statuses, _ = lease_status([code], valid, as_of)
        current = statuses[0].lease.lease_code if statuses and statuses[0].lease is not None \
            and statuses[0].status in ("leased", "expiring") else None
        far = dt.date.min
        leases.sort(key=lambda v: (v.get("lease_code") != current,
                                   -(v.get("start_date") or far).toordinal()))
        rows = [({k: v for k, v in item.items() if k != "lessee"},
                 tr("current") if item.get("lease_code") == current else "") for item in leases]
        section(tr("Leases"), _table("lease", ("lease_code", "purpose", "start_date", "end_date", "annual_rent_eur",
                                               "status"), rows, language, " "))
    else:
        section(tr("Leases"), "")

    enc_layer = layers.get("encroachment")
    encroachments = [_attrs(f) for f in _by_code(enc_layer, "property_code", code)] if enc_layer and code else []
    section(tr("Encroachments"), _table("encroachment", ("detected_on", "area_m2", "fee_eur", "neighbour_kaek",
                                                         "status"), [(v, "") for v in encroachments], language)
            if encroachments else "")

    project_layer = layers.get("programme_project")
    projects = {}
    if project_layer is not None:
        if values.get("project_code"):
            for f in _by_code(project_layer, "project_code", values["project_code"]):
                projects[f.id()] = _attrs(f)
        for f, _ in _overlapping(project_layer, geometry):
            projects[f.id()] = _attrs(f)
    section(tr("Projects"), _table("programme_project", ("project_code", "title", "year", "status"),
                                   [(v, "") for v in projects.values()], language) if projects else "")

    zones = _overlapping(layers.get("land_use_zone"), geometry)
    total = geometry.area() if geometry is not None and not geometry.isEmpty() else 0.0
    section(tr("Zoning"), _table("land_use_zone", ("zone_code", "category_code", "far", "coverage_pct"),
                                 [(_attrs(f), f"{format_number(100.0 * a / total, 1, language)} %" if total else "")
                                  for f, a in zones],
                                 language, "%") if zones else "")
    return "".join(parts)


TOLERANCE_ANCHOR = "title-area-tolerance"  # the «Title area» label links here: hovering it explains the tolerance


def tolerance_tooltip(language: str) -> str:
    """Why a title area is flagged: the tolerance of `core.title_area.TITLE_AREA_TOLERANCE`, explained."""
    def short(value: float) -> str:
        return format_number(value, 0 if float(value).is_integer() else 1, language)

    return tr("A title area is flagged when it differs from the GIS area by more than {m2} m² or {pct} % of the "
              "title area, whichever is larger: titles are rounded to the square metre, and older ones were "
              "measured by tape or on paper plans. A working default of the technical service, not a legal "
              "limit.").format(m2=short(TITLE_AREA_TOLERANCE.m2), pct=short(TITLE_AREA_TOLERANCE.pct))


def _title_area_row(registered, measured, language) -> str:
    """A row that flags a title area differing from the GIS area beyond the tolerance ('' if unknown)."""
    check = check_title_area(registered, measured)
    if check is None:
        return ""
    label = f"<a href='#{TOLERANCE_ANCHOR}' title='{_e(tolerance_tooltip(language))}'>{_e(tr('Title area'))}</a>"
    numbers = {"diff": format_number(check.difference_m2, 2, language),
               "pct": format_number(check.difference_pct, 1, language),
               "tol": format_number(check.tolerance_m2, 2, language)}
    if check.exceeds:
        text = tr("⚠ title area and GIS area differ by {diff} m² ({pct} %), beyond the tolerance of {tol} m²: "
                  "check the title or the drawing").format(**numbers)
        return f"<tr><td><b>{label}</b></td><td><span style='color:#b00000'><b>{_e(text)}</b></span></td></tr>"
    text = tr("matches the GIS area within {tol} m² (difference {diff} m²)").format(**numbers)
    return f"<tr><td><b>{label}</b></td><td>{_e(text)}</td></tr>"


def _lineage_html(parcel_layer, kaeks) -> str:
    """Ancestors and descendants of the parcels' ΚΑΕΚ (split and merge lineage), or ''."""
    database = database_of(parcel_layer)  # a copied project folder reads its own copy, not the original
    if not kaeks or not database:
        return ""
    from municipal_gis.layers.cadastre import lineage

    rows = []
    for kaek in kaeks:
        try:
            family = lineage(database, kaek)
        except Exception:  # noqa: BLE001 - an older database without lineage: nothing to show
            return ""
        for title, items in ((tr("comes from"), family["ancestors"]), (tr("became"), family["descendants"])):
            for code, operation, done_at in items:
                label = vocabularies.label("lineage_operation", operation, _language())
                when = to_python(done_at)
                when = format_date(when, _language()) if isinstance(when, dt.date) else str(done_at)[:10]
                rows.append(f"<tr><td>{_e(kaek)}</td><td>{_e(title)}</td><td>{_e(code)}</td><td>{_e(label)}</td>"
                            f"<td>{_e(when)}</td></tr>")
    if not rows:
        return ""
    return "<table border='1' cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>"


class PropertyDock(QgsDockWidget):
    """Dock with the card of the selected municipal property.

    `iface` may be None; `project` defaults to QgsProject.instance().
    """

    def __init__(self, iface=None, project: QgsProject | None = None, parent=None):
        super().__init__(tr("Property card"), parent)
        self.setObjectName("municipal_gis_property_card")
        self._iface = iface
        self._project = project or QgsProject.instance()
        self._layer = None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        buttons = QHBoxLayout()
        self.form_button = QPushButton(tr("Open form"), body)
        self.form_button.clicked.connect(lambda: self.open_form())
        self.zoom_button = QPushButton(tr("Zoom to it"), body)
        self.zoom_button.clicked.connect(lambda: self.zoom())
        self.diagram_button = QPushButton(tr("Topographic diagram…"), body)
        self.diagram_button.clicked.connect(lambda: self.print_diagram())
        for button in (self.form_button, self.zoom_button, self.diagram_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.browser = QTextBrowser(body)
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # the card's only link is the tolerance's explanation, shown on hover
        self.browser.highlighted.connect(self._hover)
        layout.addWidget(self.browser)
        self.setWidget(body)
        self._set_buttons(False)
        self.browser.setHtml(_e(tr("Select a municipal property on the map.")))
        self._project.layersAdded.connect(self._connect)
        self._project.layersRemoved.connect(self._connect)
        self._connect()

    def _connect(self, *args):
        layer = municipal_layers(self._project).get("municipal_property")
        if layer is self._layer:
            return
        if self._layer is not None:
            try:
                self._layer.selectionChanged.disconnect(self.refresh)
            except (TypeError, RuntimeError):
                pass
        self._layer = layer
        if layer is not None:
            layer.selectionChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *args):
        feature = self.current_feature()
        self._set_buttons(feature is not None)
        if feature is None:
            self.browser.setHtml(_e(tr("Select a municipal property on the map.")))
            return
        self.browser.setHtml(property_card_html(self._project, feature))

    def _hover(self, link) -> None:
        """Over the «Title area» label, its tooltip explains the tolerance; elsewhere no tooltip."""
        link = link.toString() if isinstance(link, QUrl) else str(link or "")
        tip = tolerance_tooltip(_language()) if link.endswith(TOLERANCE_ANCHOR) else ""
        self.browser.setToolTip(tip)
        if tip:
            QToolTip.showText(QCursor.pos(), tip, self.browser)
        else:
            QToolTip.hideText()

    # -- the card's actions --------------------------------------------------------------------
    def current_feature(self):
        """The municipal property the card shows (the first selected), or None."""
        layer = self._layer
        ids = layer.selectedFeatureIds() if layer is not None else []
        return layer.getFeature(sorted(ids)[0]) if ids else None

    def _set_buttons(self, enabled: bool) -> None:
        for button in (self.form_button, self.zoom_button, self.diagram_button):
            button.setEnabled(enabled)
        self.form_button.setEnabled(enabled and self._iface is not None)
        self.zoom_button.setEnabled(enabled and self._iface is not None)

    def open_form(self) -> bool:
        feature = self.current_feature()
        if feature is None or self._iface is None:
            return False
        self._iface.openFeatureForm(self._layer, feature)
        return True

    def zoom(self) -> bool:
        """Show the property within its city block (as the locator does)."""
        feature = self.current_feature()
        if feature is None or self._iface is None:
            return False
        from municipal_gis.gui.locator import zoom_with_context

        canvas = self._iface.mapCanvas()
        ok = zoom_with_context(canvas, self._layer, [feature.id()], municipal_layers(self._project).get("city_block"))
        if ok:
            canvas.flashFeatureIds(self._layer, [feature.id()])
        return ok

    def diagram_parameters(self) -> dict | None:
        """What the topographic diagram dialog opens with: this property, its neighbours and streets."""
        feature = self.current_feature()
        if feature is None:
            return None
        layers = municipal_layers(self._project)
        parameters = {"INPUT": self._layer.id(), "CODE": str(feature.attribute("property_code") or "")}
        for name, layer_id in (("PARCELS", "parcel"), ("STREETS", "street")):
            if layers.get(layer_id) is not None:
                parameters[name] = layers[layer_id].id()
        leases = layers.get("lease")
        if leases is not None and parameters["CODE"]:
            codes = sorted(str(f.attribute("lease_code")) for f in _by_code(leases, "property_code", parameters["CODE"])
                           if f.attribute("lease_code"))
            if len(codes) == 1:
                parameters["LEASE_CODE"] = codes[0]
        return parameters

    def print_diagram(self):
        """Open the topographic diagram dialog filled in for this property (not modal, as the toolbox
        opens it); returns the dialog."""
        parameters = self.diagram_parameters()
        if parameters is None:
            return None
        from qgis import processing

        dialog = processing.createAlgorithmDialog("municipal_gis:topographic_diagram", parameters)
        if dialog is not None:
            dialog.show()
        return dialog

    def unload(self):
        try:
            self._project.layersAdded.disconnect(self._connect)
            self._project.layersRemoved.disconnect(self._connect)
        except (TypeError, RuntimeError):
            pass
        if self._layer is not None:
            try:
                self._layer.selectionChanged.disconnect(self.refresh)
            except (TypeError, RuntimeError):
                pass
        self._layer = None
