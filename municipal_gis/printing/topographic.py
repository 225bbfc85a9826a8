"""The topographic diagram (τοπογραφικό διάγραμμα) of a property or parcel, as a PDF.

The print layout comes from `resources/layouts/topographic_diagram.qpt` (the municipality may
edit it; items are found by id and a missing one is skipped). The document language is chosen
by the user (Greek by default) independently of the interface, so its texts come from `TEXTS`.
Coordinates are printed in ΕΓΣΑ87 metres with two decimals and a decimal point in both
languages, as surveyors write them; lengths and the area follow the document language.
The algorithm `topographic_diagram` picks the feature, its neighbours and streets, and calls `render`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
    QgsProject,
    QgsTableCell,
)

from municipal_gis.core.formatting import fmt_number, pick
from municipal_gis.core.topographic import choose_scale, diagram_geometry, grid_interval
from municipal_gis.paths import layout_path
from municipal_gis.printing.layout import export_pdf, frame_map, labelled_layer, load_layout, set_label

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
