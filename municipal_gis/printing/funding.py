"""The funding-proposal pack's pages (issue 15): an A4 landscape layout built in code (title, location map,
overview, project facts, parcels touched with «… and N more», legend, north arrow, Greek scale bar), the
layers styled for it, and the template it can be saved as. `processing/algorithms/funding_proposal_maps.py`
fills one page per project."""
from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsBasicNumericFormat,
    QgsCentroidFillSymbolLayer,
    QgsCoordinateReferenceSystem,
    QgsField,
    QgsFillSymbol,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemHtml,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapOverview,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRuleBasedRenderer,
    QgsScaleBarSettings,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from municipal_gis.paths import resource
from municipal_gis.schema import catalogue

TEMPLATE_NAME = "funding_proposal"
LANGUAGES = ("el", "en")
# a location map: never closer than 1:1 000, so that a point or a small building shows its street
SCALES = [1000, 2000, 2500, 5000, 10000, 25000, 50000, 100000]
PARCEL_ROWS = 8  # rows of the «parcels touched» table that fit its frame; more: «… and N more» as the last
PARCEL_LABELS_MAX_SCALE = 2000  # ΚΑΕΚ labels only where they can be read (1:2 000 and closer)
TEXTS = {
    "parcels": ("Parcels touched", "Γεωτεμάχια που επηρεάζονται"),
    "kaek": ("ΚΑΕΚ", "ΚΑΕΚ"),
    "municipal": ("Municipal property", "Δημοτική ιδιοκτησία"),
    "overview": ("Location in the municipality", "Θέση στον δήμο"),
    "facts": ("Project", "Στοιχεία έργου"),
    "more": ("… and {n} more (all in parcels.csv)", "… και {n} ακόμη (όλα στο parcels.csv)"),
    "legend": ("Legend", "Υπόμνημα"),
    "project": ("Project", "Έργο"),
    "area": ("Project area", "Περιοχή έργου"),
    "site": ("Project site", "Θέση έργου"),
    "parcel": ("Parcels", "Γεωτεμάχια"),
    "property": ("Municipal property", "Δημοτική περιουσία"),
    "street": ("Streets", "Οδοί"),
    "zone": ("Land-use zones", "Ζώνες χρήσεων γης"),
    "north": ("N", "Β"),
    "scale": ("Scale 1:", "Κλίμακα 1:"),
}
SEPARATORS = {"el": (".", ","), "en": (",", ".")}  # thousands, decimal
# (item id, x, y, width, height) on an A4 landscape page, millimetres
ITEMS = {
    "title": (10, 6, 277, 14),
    "map": (10, 22, 180, 160),
    "north_arrow": (176, 24, 12, 14),
    "north_label": (176, 38, 12, 5),
    "overview_title": (197, 22, 90, 6),
    "overview": (197, 28, 90, 58),
    "facts_title": (197, 89, 90, 6),
    "facts": (197, 95, 90, 55),
    "parcels_title": (197, 152, 90, 6),
    "parcels_frame": (197, 158, 90, 44),
    "scalebar": (10, 184, 75, 10),
    "scale_text": (10, 196, 75, 5),
    "legend": (90, 184, 100, 22),
}


def _move(item, key):
    x, y, w, h = ITEMS[key]
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))


def _label(layout, key, text, size=9.0, bold=False, html=False):
    item = QgsLayoutItemLabel(layout)
    item.setId(key)
    item.setText(text)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    item.setFont(font)
    # explicitly left: a new label is justified by default, which QGIS 3.22 ignored but 3.40+ honours
    # (every line but the last stretched to the full width)
    item.setHAlign(Qt.AlignmentFlag.AlignLeft)
    if html:
        item.setMode(QgsLayoutItemLabel.Mode.ModeHtml)
    layout.addLayoutItem(item)
    _move(item, key)
    return item


def restore_facts_label(layout: QgsPrintLayout) -> None:
    """QGIS 3.40+ turns the HTML label «facts» of a template saved by 3.22 into an HTML item without
    an id (drawn by QtWebKit when QGIS has it, blank otherwise): put the label back in its place and
    drop that item, so the facts are printed once on every release."""
    if layout.itemById("facts") is not None or layout.itemById("facts_title") is None:
        return
    for multi_frame in list(layout.multiFrames()):
        if isinstance(multi_frame, QgsLayoutItemHtml) and "facts_html" in multi_frame.html():
            for frame in list(multi_frame.frames()):
                layout.removeLayoutItem(frame)
            if multi_frame in layout.multiFrames():
                layout.removeMultiFrame(multi_frame)
    _label(layout, "facts", '[% "facts_html" %]', html=True)


def setup_scalebar(scalebar, main, language: str = "el") -> None:
    scalebar.setLinkedMap(main)
    thousands, decimal = SEPARATORS[language]
    number_format = QgsBasicNumericFormat()  # 1.600 in Greek, not the English 1,600
    number_format.setShowThousandsSeparator(True)
    number_format.setThousandsSeparator(thousands)
    number_format.setDecimalSeparator(decimal)
    number_format.setNumberDecimalPlaces(0)
    scalebar.setNumericFormat(number_format)
    scalebar.setUnits(QgsUnitTypes.DistanceUnit.DistanceMeters)
    scalebar.setUnitLabel("m")
    scalebar.setMapUnitsPerScaleBarUnit(1.0)
    scalebar.setNumberOfSegments(4)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth)
    scalebar.setMinimumBarWidth(30)
    scalebar.setMaximumBarWidth(70)
    scalebar.setHeight(2.5)
    scalebar.update()


def build_layout(project: QgsProject) -> QgsPrintLayout:
    """The funding-proposal page: the template shipped in resources/layouts is saved from this."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(TEMPLATE_NAME)
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape)
    _label(layout, "title", '[% "page_title" %]', size=14, bold=True)
    greece = QgsRectangle(100000, 3850000, 900000, 4650000)  # EPSG:2100, replaced at run time
    crs = QgsCoordinateReferenceSystem(f"EPSG:{catalogue.CRS_EPSG}")
    main = QgsLayoutItemMap(layout)
    main.setId("map")
    main.setFrameEnabled(True)
    layout.addLayoutItem(main)
    main.setCrs(crs)
    _move(main, "map")
    main.setExtent(greece)  # a map never given an extent is saved with NaN; setExtent resizes it, so again:
    _move(main, "map")
    overview = QgsLayoutItemMap(layout)
    overview.setId("overview")
    overview.setFrameEnabled(True)
    layout.addLayoutItem(overview)
    overview.setCrs(crs)
    _move(overview, "overview")
    overview.setExtent(greece)
    _move(overview, "overview")
    frame = QgsLayoutItemMapOverview("extent", overview)
    overview.overviews().addOverview(frame)
    frame.setLinkedMap(main)
    _label(layout, "overview_title", '[% "t_overview" %]', size=8, bold=True)
    _label(layout, "facts_title", '[% "t_facts" %]', size=8, bold=True)
    _label(layout, "facts", '[% "facts_html" %]', html=True)
    _label(layout, "parcels_title", '[% "t_parcels" %]', size=8, bold=True)
    table = QgsLayoutItemAttributeTable.create(layout)
    layout.addMultiFrame(table)
    table_frame = QgsLayoutFrame(layout, table)
    table_frame.setId("parcels_frame")
    table.addFrame(table_frame)
    _move(table_frame, "parcels_frame")
    scalebar = QgsLayoutItemScaleBar(layout)
    scalebar.setId("scalebar")
    scalebar.setStyle("Single Box")
    layout.addLayoutItem(scalebar)
    _move(scalebar, "scalebar")
    setup_scalebar(scalebar, main)
    _label(layout, "scale_text", '[% "t_scale" %]', size=8)
    arrow = QgsLayoutItemPicture(layout)
    arrow.setId("north_arrow")
    layout.addLayoutItem(arrow)
    _move(arrow, "north_arrow")
    arrow.setLinkedMap(main)
    arrow.setNorthMode(QgsLayoutItemPicture.NorthMode.GridNorth)
    _label(layout, "north_label", '[% "t_north" %]', size=9, bold=True).setHAlign(Qt.AlignmentFlag.AlignHCenter)
    legend = QgsLayoutItemLegend(layout)
    legend.setId("legend")
    layout.addLayoutItem(legend)
    legend.setLinkedMap(main)
    _move(legend, "legend")
    return layout


def scale_expression(language: str) -> str:
    """The map's scale as text with the language's thousands separator, at render time (atlas)."""
    thousands = SEPARATORS[language][0]
    prefix = TEXTS["scale"][1 if language == "el" else 0]
    return (f"[% '{prefix}' || regexp_replace(to_string(round(map_get(item_variables('map'), 'map_scale'))), "
            f"'(\\\\d)(?=(\\\\d{{3}})+$)', '\\\\1{thousands}') %]")  # backslashes doubled for the expression


def setup_north_arrow(layout, main, language: str) -> None:
    arrow = layout.itemById("north_arrow")
    if isinstance(arrow, QgsLayoutItemPicture):
        arrow.setPicturePath(str(resource("layouts", "north_arrow.svg")))
        arrow.setLinkedMap(main)
        arrow.setNorthMode(QgsLayoutItemPicture.NorthMode.GridNorth)


def setup_legend(layout, project, main, layers, language: str) -> None:
    """The legend of the main map: the project's area or site, and the base layers that show on the page."""
    legend = layout.itemById("legend")
    if not isinstance(legend, QgsLayoutItemLegend):
        return
    i = 1 if language == "el" else 0
    root = project.layerTreeRoot()
    for layer in layers:
        root.addLayer(layer)
    legend.setTitle(TEXTS["legend"][i])
    legend.setLinkedMap(main)
    legend.setAutoUpdateModel(True)
    legend.setLegendFilterByMapEnabled(True)  # only what the page shows
    legend.setColumnCount(2)
    legend.setSplitLayer(True)
    legend.setResizeToContents(False)
    legend.setSymbolHeight(3.0)
    legend.setSymbolWidth(5.0)
    for style in (QgsLegendStyle.Style.Title, QgsLegendStyle.Style.Group, QgsLegendStyle.Style.Subgroup,
                  QgsLegendStyle.Style.SymbolLabel):
        font = QFont("DejaVu Sans")
        font.setPointSizeF(8.0 if style == QgsLegendStyle.Style.Title else 6.5)
        font.setBold(style == QgsLegendStyle.Style.Title)
        legend.rstyle(style).setFont(font)


def save_template(path: Path) -> None:
    """Write the shipped template (run when the layout design changes)."""
    project = QgsProject()
    layout = build_layout(project)
    layout.saveAsTemplate(str(path), QgsReadWriteContext())


def memory_layer(uri: str, name: str, fields: list[tuple[str, object]], project: QgsProject):
    layer = QgsVectorLayer(uri, name, "memory")
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    project.addMapLayer(layer, False)
    return layer


def style_pack_layers(coverage, base_layers, language: str = "el") -> None:
    """Symbology of the pack: the project footprint in red (a point or line project also gets a red
    marker on every site, visible at any scale), parcels with their ΚΑΕΚ where they can be read,
    municipal property hatched (the catalogue styles categorise on fields the pack does not need)."""
    i = 1 if language == "el" else 0
    area = QgsFillSymbol.createSimple({"color": "215,25,28,45", "outline_color": "215,25,28,255",
                                       "outline_width": "0.8"})
    site = area.clone()
    marker = QgsCentroidFillSymbolLayer()
    marker.setSubSymbol(QgsMarkerSymbol.createSimple({
        "name": "circle", "color": "215,25,28,255", "outline_color": "255,255,255,255", "outline_width": "0.4",
        "size": "3.5"}))
    marker.setPointOnAllParts(True)
    site.appendSymbolLayer(marker)
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(area, 0, 0, "\"kind\" = 'area'", TEXTS["area"][i]))
    root.appendChild(QgsRuleBasedRenderer.Rule(site, 0, 0, "\"kind\" = 'site'", TEXTS["site"][i]))
    coverage.setRenderer(QgsRuleBasedRenderer(root))
    coverage.setName(TEXTS["project"][i])
    for layer_id, key in (("parcel", "parcel"), ("municipal_property", "property"), ("street", "street"),
                          ("land_use_zone", "zone")):
        if layer_id in base_layers:
            base_layers[layer_id].setName(TEXTS[key][i])
    parcel = base_layers.get("parcel")
    if parcel is not None:
        parcel.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": "255,255,255,0", "outline_color": "90,90,90,255", "outline_width": "0.15"})))
        settings = QgsPalLayerSettings()
        settings.fieldName = "kaek"
        text = QgsTextFormat()
        text.setFont(QFont("DejaVu Sans"))
        text.setSize(6)
        text.setColor(QColor(60, 60, 60))
        settings.setFormat(text)
        settings.scaleVisibility = True
        settings.maximumScale = 0
        settings.minimumScale = PARCEL_LABELS_MAX_SCALE
        parcel.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        parcel.setLabelsEnabled(True)
    prop = base_layers.get("municipal_property")
    if prop is not None:
        prop.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": "51,160,44,70", "style": "b_diagonal", "outline_color": "51,160,44,255",
            "outline_width": "0.3"})))
