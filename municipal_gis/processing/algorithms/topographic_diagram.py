"""Topographic diagram (τοπογραφικό διάγραμμα) of a property or parcel, as a PDF.

The print layout comes from `resources/layouts/topographic_diagram.qpt` (the municipality may
edit it; items are found by id and a missing one is skipped). The document language is chosen
by the user (Greek by default) independently of the interface, so its texts come from `TEXTS`.
Coordinates are printed in ΕΓΣΑ87 metres with two decimals and a decimal point in both
languages, as surveyors write them; lengths and the area follow the document language.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import shapely
from qgis.core import (
    QgsFillSymbol,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutMultiFrame,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProject,
    QgsTableCell,
)

from municipal_gis.core.formatting import fmt_number, pick
from municipal_gis.core.neighbours import neighbours
from municipal_gis.core.topographic import choose_scale, diagram_geometry, grid_interval
from municipal_gis.i18n import tr
from municipal_gis.paths import layout_path
from municipal_gis.printing.layout import export_pdf, frame_map, labelled_layer, load_layout, set_label
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.schema import vocabularies

STREET_DISTANCE_M = 30.0
LANGUAGES = ("el", "en")

# document texts: key -> (English, Greek)
TEXTS = {
    "title": ("TOPOGRAPHIC DIAGRAM", "ΤΟΠΟΓΡΑΦΙΚΟ ΔΙΑΓΡΑΜΜΑ"),
    "property": ("Property", "Ακίνητο"),
    "kaek": ("ΚΑΕΚ", "ΚΑΕΚ"),
    "address": ("Address", "Διεύθυνση"),
    "block": ("City block (Ο.Τ.)", "Ο.Τ."),
    "date": ("Date", "Ημερομηνία"),
    "scale": ("Scale", "Κλίμακα"),
    "coordinates": ("Vertex coordinates (ΕΓΣΑ87)", "Συντεταγμένες κορυφών (ΕΓΣΑ87)"),
    "neighbours": ("Neighbouring parcels", "Όμορα γεωτεμάχια"),
    "col_vertex": ("Vertex", "Κορυφή"),
    "col_side": ("Side", "Πλευρά"),
    "col_length": ("Length m", "Μήκος μ."),
    "col_owner": ("Owner type", "Ιδιοκτησία"),
    "col_shared": ("Common side m", "Κοινό όριο μ."),
    "area": ("Area", "Εμβαδόν"),
    "perimeter": ("Perimeter", "Περίμετρος"),
    "streets": ("Streets", "Οδοί"),
    "none": ("none", "καμία"),
    "scale_note": ("The property does not fit the sheet at 1:1000; drawn at 1:{scale}.",
                   "Το ακίνητο δεν χωρά στο φύλλο σε κλίμακα 1:1000· σχεδιάστηκε σε 1:{scale}."),
    "purpose": ("Purpose", "Σκοπός"),
    "lease": ("Lease", "Μίσθωση"),
    "prepared": ("Prepared by", "Ο/Η Συντάξας/ασα"),
    "signature": ("(signature)", "(υπογραφή)"),
    "footer": ("Reference system ΕΓΣΑ87 (EPSG:2100). Vertices numbered clockwise from the northernmost.",
               "Σύστημα αναφοράς ΕΓΣΑ87 (EPSG:2100). Αρίθμηση κορυφών δεξιόστροφα από τη βορειότερη."),
}
# the tables continue on further pages (header repeated) instead of stopping at a fixed number of rows


def text(key: str, language: str) -> str:
    return pick(TEXTS[key], language)


def fmt_coordinate(value: float) -> str:
    return f"{value:.2f}"


class TopographicDiagramAlgorithm(MunicipalAlgorithm):
    ALGORITHM_ID = "topographic_diagram"
    ALWAYS_EGSA87 = True  # the diagram lists ΕΓΣΑ87 coordinates
    GROUP_ID = "property"
    CATALOGUE_LAYERS = {"INPUT": "municipal_property", "PARCELS": "parcel", "STREETS": "street"}

    INPUT = "INPUT"
    CODE = "CODE"
    PARCELS = "PARCELS"
    STREETS = "STREETS"
    LANGUAGE = "LANGUAGE"
    OUTPUT = "OUTPUT"
    PURPOSE, LEASE_CODE, MUNICIPALITY = "PURPOSE", "LEASE_CODE", "MUNICIPALITY"
    AUTHOR_NAME, AUTHOR_TITLE = "AUTHOR_NAME", "AUTHOR_TITLE"
    SCALE = "SCALE"
    AREA_M2 = "AREA_M2"

    def displayName(self):  # noqa: N802
        return tr("Topographic diagram (PDF)")

    def shortHelpString(self):  # noqa: N802
        return tr(
            "A topographic diagram of one property or parcel for a lease: the polygon with numbered vertices, "
            "a table of ΕΓΣΑ87 coordinates (X, Y) and side lengths, the area, the neighbouring parcels with "
            "their ΚΑΕΚ, the street names within 30 m, north arrow, grid and a scale between 1:200 and 1:1000 "
            "chosen to fit the sheet. Give the property code (or ΚΑΕΚ for a parcel layer), or run on a layer "
            "with one selected feature. Greek by default, English on request. The layout can be edited in "
            "resources/layouts/topographic_diagram.qpt."
        )

    def flags(self):
        # print layouts are rendered with fonts and a QPainter: keep it in the main thread
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, tr("Property or parcel layer"), polygon))
        self.addParameter(QgsProcessingParameterString(
            self.CODE, tr("Property code or ΚΑΕΚ (empty: the only feature)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PARCELS, tr("Parcels (neighbours)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.STREETS, tr("Streets"), [QgsProcessing.SourceType.TypeVectorLine], optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.LANGUAGE, tr("Document language"), [tr("Greek"), tr("English")], defaultValue=0))
        for name, label in (
                (self.PURPOSE, tr("Purpose (title block), e.g. lease of the property")),
                (self.LEASE_CODE, tr("Lease code (title block)")),
                (self.MUNICIPALITY, tr("Municipality and service (title block; empty: the project's letterhead)")),
                (self.AUTHOR_NAME, tr("Prepared by: engineer's name (empty: the user's setting)")),
                (self.AUTHOR_TITLE, tr("Prepared by: title, e.g. Surveying Engineer (empty: the user's setting)"))):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Topographic diagram"), tr("PDF files (*.pdf)")))
        self.addOutput(QgsProcessingOutputNumber(self.SCALE, tr("Scale denominator")))
        self.addOutput(QgsProcessingOutputNumber(self.AREA_M2, tr("Area (m²)")))

    def _pick(self, source, code, feedback):
        names = [f.name() for f in source.fields()]
        key = "property_code" if "property_code" in names else "kaek" if "kaek" in names else None
        layer = self.layer_name(source) or self.INPUT
        if key is None:
            self.fail(tr("Layer {layer}: field {field} is missing.").format(layer=layer, field="property_code / kaek"))
        wanted = [n for n in (key, "name", "kaek", "address", "ot_code") if n in names]
        wanted = list(dict.fromkeys(wanted))
        data = self.read_source(source, wanted, feedback)
        if code:
            matches = [i for i, v in enumerate(data.attributes[key]) if v is not None and str(v).strip() == code]
            if not matches:
                self.fail(tr("Layer {layer}: no feature with {field} = {code}.").format(layer=layer, field=key,
                                                                                         code=code))
        else:
            if len(data) != 1:
                self.fail(tr("Layer {layer} has {n} features: give the code, or select one feature and use "
                             "'Selected features only'.").format(layer=layer, n=len(data)))
            matches = [0]
        i = matches[0]
        geometry = data.geometries[i]
        if geometry is None or geometry.is_empty:
            self.fail(tr("Layer {layer}, feature {fid}: the feature has no geometry.").format(
                layer=layer, fid=int(data.fids[i])))
        attributes = {name: data.attributes[name][i] for name in wanted}
        attributes["_code"] = attributes[key]
        return geometry, attributes

    def _title_block(self, parameters, context) -> dict:
        """The title block and signature: the parameters, else what the certificate panel keeps (the
        project's letterhead, this user's name and title)."""
        from municipal_gis.printing.certificate import load_signatures

        saved = load_signatures(context.project())
        given = {name: (self.parameterAsString(parameters, name, context) or "").strip()
                 for name in (self.PURPOSE, self.LEASE_CODE, self.MUNICIPALITY, self.AUTHOR_NAME, self.AUTHOR_TITLE)}
        return {"municipality": given[self.MUNICIPALITY] or saved.header, "purpose": given[self.PURPOSE],
                "lease_code": given[self.LEASE_CODE], "author_name": given[self.AUTHOR_NAME] or saved.author_name,
                "author_title": given[self.AUTHOR_TITLE] or saved.author_title, "author_role": saved.author_role}

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        code = (self.parameterAsString(parameters, self.CODE, context) or "").strip()
        parcel_source = self.parameterAsSource(parameters, self.PARCELS, context)
        street_source = self.parameterAsSource(parameters, self.STREETS, context)
        language = LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        out_path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        geometry, attributes = self._pick(source, code, feedback)
        if not geometry.is_valid:
            self.fail(tr("Layer {layer}, feature {code}: the polygon is invalid ({reason}); repair it first.").format(
                layer=self.layer_name(source), code=attributes["_code"], reason=shapely.is_valid_reason(geometry)))

        neighbour_rows, neighbour_geoms = [], []
        if parcel_source is not None:
            names = [f.name() for f in parcel_source.fields()]
            if "kaek" not in names:
                self.fail(tr("Layer {layer}: field {field} is missing.").format(
                    layer=self.layer_name(parcel_source), field="kaek"))
            parcels = self.read_source(parcel_source, ["kaek"] + (["owner_type"] if "owner_type" in names else []),
                                       feedback)
            geoms = np.asarray([g if g is not None else shapely.Polygon() for g in parcels.geometries], dtype=object)
            for n in neighbours(geometry, geoms, 0.0):
                owner = parcels.attributes.get("owner_type", [None] * len(parcels))[n.index]
                neighbour_rows.append((parcels.attributes["kaek"][n.index] or "–",
                                       vocabularies.label("owner_type", owner, language) if owner else "–",
                                       n.shared_boundary_m))
                neighbour_geoms.append((geoms[n.index], parcels.attributes["kaek"][n.index] or ""))
        streets = []
        if street_source is not None:
            data = self.read_source(street_source, ["name"] if "name" in [f.name() for f in street_source.fields()] else [],
                                    feedback)
            reach = geometry.buffer(STREET_DISTANCE_M)
            for g, name in zip(data.geometries, data.attributes.get("name", [None] * len(data))):
                if g is not None and g.intersects(reach):
                    streets.append((g, name or ""))
        self.check_cancel(feedback)

        title_block = self._title_block(parameters, context)
        try:
            scale, area = render(out_path, geometry, attributes, neighbour_rows, neighbour_geoms, streets, language,
                                 title_block=title_block)
        except (RuntimeError, ValueError, OSError) as error:
            self.fail(tr("The topographic diagram could not be written to {path}: {error}").format(
                path=out_path, error=error))
        feedback.pushInfo(tr("Topographic diagram written at scale 1:{scale}.").format(scale=scale))
        return {self.OUTPUT: out_path, self.SCALE: scale, self.AREA_M2: area}


def _fill_table(layout, item_id, headers, rows, language):
    frame = layout.itemById(item_id)
    table = frame.multiFrame() if frame is not None and hasattr(frame, "multiFrame") else None
    if not isinstance(table, QgsLayoutItemManualTable):
        return 0
    shown = rows
    # every row: what does not fit continues on the next page, under the repeated header
    table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.ExtendToNextPage)
    table.setHeaderMode(QgsLayoutTable.HeaderMode.AllFrames)
    columns = [QgsLayoutTableColumn(h) for h in headers]
    table.setIncludeTableHeader(True)
    table.setHeaders(columns)
    table.setTableContents([[QgsTableCell(value) for value in row] for row in shown])
    table.refresh()
    return len(shown)


def title_block_text(attributes: dict, title_block: dict, language: str) -> str:
    """The title block: municipality (letterhead), purpose, lease, property and date."""
    t = lambda key: text(key, language)  # noqa: E731
    lines = [line for line in (title_block.get("municipality") or "").splitlines() if line.strip()] or ["–"]
    lines.append(f"{t('purpose')}: {title_block.get('purpose') or '–'}")
    lease = title_block.get("lease_code") or "–"
    lines.append(f"{t('lease')}: {lease}     {t('property')}: {attributes.get('_code') or '–'}")
    lines.append(f"{t('date')}: {dt.date.today().strftime('%d/%m/%Y')}")
    return "\n".join(lines)


def signature_text(title_block: dict, language: str) -> str:
    """The engineer who prepared the diagram: role, room to sign, name and title."""
    role = title_block.get("author_role") or text("prepared", language)
    return "\n".join([role, "", "", text("signature", language), title_block.get("author_name") or "",
                      title_block.get("author_title") or ""])


def render(out_path, geometry, attributes, neighbour_rows, neighbour_geoms, streets, language="el",
           template: Path | None = None, title_block: dict | None = None):
    """Fill the template and export the PDF; returns (scale denominator, area m²). `title_block`:
    municipality, purpose, lease_code, author_name, author_title, author_role (all optional)."""
    t = lambda key: text(key, language)  # noqa: E731
    diagram = diagram_geometry(geometry)
    project = QgsProject()
    layout = load_layout(project, template or layout_path("topographic_diagram"))

    set_label(layout, "title", t("title"))
    code = attributes.get("_code") or "–"
    first = f"{t('property')}: {code}"
    if attributes.get("name"):
        first += f" – {attributes['name']}"
    info = [first,
            f"{t('kaek')}: {attributes.get('kaek') or '–'}     {t('block')}: {attributes.get('ot_code') or '–'}     "
            f"{t('address')}: {attributes.get('address') or '–'}",
            f"{t('date')}: {dt.date.today().strftime('%d/%m/%Y')}"]
    set_label(layout, "info", "\n".join(info))

    notes = []
    scale = 500
    map_item = layout.itemById("map")
    layers = []
    if isinstance(map_item, QgsLayoutItemMap):
        xmin, ymin, xmax, ymax = diagram.bounds
        size = map_item.sizeWithUnits()
        scale, standard = choose_scale(xmax - xmin, ymax - ymin, size.width(), size.height())
        if not standard:
            notes.append(t("scale_note").format(scale=scale))
        vertices = [(shapely.Point(v.x, v.y), v.number) for v in diagram.vertices]
        layers = [
            labelled_layer("Point", "vertices", vertices,
                           QgsMarkerSymbol.createSimple({"name": "circle", "size": "1.4", "color": "0,0,0",
                                                         "outline_color": "0,0,0"}), 8, "#b00000", buffer_mm=0.8),
            labelled_layer("MultiPolygon", "property", [(geometry, "")],
                           QgsFillSymbol.createSimple({"color": "220,30,30,35", "outline_color": "200,0,0",
                                                       "outline_width": "0.7"})),
            labelled_layer("LineString", "streets", streets,
                           QgsLineSymbol.createSimple({"color": "150,150,150", "width": "0.3",
                                                       "line_style": "dash"}), 8, "#333333", line_labels=True,
                           buffer_mm=0.8),
            labelled_layer("MultiPolygon", "parcels", neighbour_geoms,
                           QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "90,90,90",
                                                       "outline_width": "0.25"}), 6.5, "#444444", buffer_mm=0.8),
        ]
        frame_map(layout, map_item, layers, ((xmin + xmax) / 2, (ymin + ymax) / 2), scale,
                  grid_step=grid_interval(scale), bar_step=grid_interval(scale, 10.0))
    set_label(layout, "scale_text", f"{t('scale')} 1:{scale}")

    set_label(layout, "coordinates_title", t("coordinates"))
    sides = {s.start: s for s in diagram.sides}
    rows = []
    for v in diagram.vertices:
        side = sides[v.number]
        rows.append([str(v.number), fmt_coordinate(v.x), fmt_coordinate(v.y), f"{side.start}–{side.end}",
                     fmt_number(side.length_m, 2, language)])
    _fill_table(layout, "coordinates_table", [t("col_vertex"), "X", "Y", t("col_side"), t("col_length")], rows,
                language)
    set_label(layout, "neighbours_title", t("neighbours"))
    rows = [[kaek, owner, fmt_number(shared, 2, language)] for kaek, owner, shared in neighbour_rows]
    if not rows:
        rows = [[t("none"), "", ""]]
    _fill_table(layout, "neighbours_table", [t("kaek"), t("col_owner"), t("col_shared")], rows, language)
    set_label(layout, "area_text", f"{t('area')}: {fmt_number(diagram.area_m2, 2, language)} m²\n"
                                    f"{t('perimeter')}: {fmt_number(diagram.perimeter_m, 2, language)} m")
    street_names = sorted({name for _, name in streets if name})
    set_label(layout, "streets", f"{t('streets')}: {', '.join(street_names) if street_names else t('none')}")
    set_label(layout, "notes", "\n".join(notes))
    set_label(layout, "footer", t("footer"))
    set_label(layout, "title_block", title_block_text(attributes, title_block or {}, language))
    set_label(layout, "signature", signature_text(title_block or {}, language))

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        export_pdf(layout, out_path, dpi=200, text_as_text=True)
    finally:
        del layers
    return scale, diagram.area_m2
