"""Print layouts built from code: the overview map of a municipal database."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsPathResolver,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSymbolLayerUtils,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtGui import QColor, QFont

from municipal_gis.i18n import tr


def text_format(size: float, color: str = "#202020", bold: bool = False, buffer_mm: float = 0.6) -> QgsTextFormat:
    """The plugin's label look: DejaVu Sans with a white halo, for map labels and styles."""
    fmt = QgsTextFormat()
    font = QFont("DejaVu Sans")
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setColor(QColor(color))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(buffer_mm)
    buffer.setColor(QColor("white"))
    fmt.setBuffer(buffer)
    return fmt


def _label(layout, text, x, y, w, h, size=12, bold=False):
    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    font = QFont("DejaVu Sans", size)
    font.setBold(bold)
    item.setFont(font)
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    layout.addLayoutItem(item)
    return item


def city_extent(layers: dict) -> QgsRectangle:
    """The extent of the city community (is_city), else of all city blocks, else of parcels."""
    community = layers.get("community")
    if community is not None:
        extent = QgsRectangle()
        extent.setMinimal()
        for feature in community.getFeatures():
            if feature["is_city"] in (True, 1, "true") and feature.hasGeometry():
                extent.combineExtentWith(feature.geometry().boundingBox())
        blocks = layers.get("city_block")
        if not extent.isEmpty() and blocks is not None:
            from qgis.core import QgsFeatureRequest

            built = QgsRectangle()
            built.setMinimal()
            for feature in blocks.getFeatures(QgsFeatureRequest().setFilterRect(extent)):
                built.combineExtentWith(feature.geometry().boundingBox())
            if not built.isEmpty():
                return built
        if not extent.isEmpty():
            return extent
    for layer_id in ("city_block", "parcel"):
        if layer_id in layers:
            return layers[layer_id].extent()
    return QgsRectangle()


def municipality_extent(layers: dict) -> QgsRectangle:
    extent = QgsRectangle()
    extent.setMinimal()
    for layer_id in ("community", "street", "city_block", "parcel"):
        if layer_id in layers and layers[layer_id].featureCount():
            extent.combineExtentWith(layers[layer_id].extent())
    return extent


def overview_layout(project: QgsProject, extent: QgsRectangle, title: str, subtitle: str = "",
                    inset_extent: QgsRectangle | None = None) -> QgsPrintLayout:
    """An A3 landscape overview: map, inset of the whole municipality, title, legend of what the
    map shows, scale bar, north arrow, ΕΓΣΑ87 note."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize("A3", page.Orientation.Landscape)
    width, height = 420.0, 297.0
    _label(layout, title, 10, 6, 300, 12, size=20, bold=True)
    if subtitle:
        _label(layout, subtitle, 10, 18, 300, 8, size=10)
    map_item = QgsLayoutItemMap(layout)
    map_item.setRect(0, 0, 300, 250)
    map_item.attemptMove(QgsLayoutPoint(10, 30, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    map_item.attemptResize(QgsLayoutSize(305, 257, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    map_item.setCrs(project.crs())
    extent = QgsRectangle(extent)
    extent.scale(1.05)
    map_item.zoomToExtent(extent)
    map_item.setFrameEnabled(True)
    layout.addLayoutItem(map_item)
    legend_top = 30.0
    if inset_extent is not None and not inset_extent.isEmpty():
        inset = QgsLayoutItemMap(layout)
        inset.setRect(0, 0, 90, 70)
        inset.attemptMove(QgsLayoutPoint(322, 30, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        inset.attemptResize(QgsLayoutSize(90, 70, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        inset.setCrs(project.crs())
        inset.setFrameEnabled(True)
        wide = QgsRectangle(inset_extent)
        wide.scale(1.05)
        inset.zoomToExtent(wide)
        layout.addLayoutItem(inset)
        inset.overview().setLinkedMap(map_item)
        legend_top = 104.0
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(tr("Legend"))
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    for node in list(root.findLayers()):
        layer = node.layer()
        if layer is None or not layer.isSpatial():
            node.parent().removeChildNode(node)
    for group in list(root.children()):
        if hasattr(group, "findLayers") and not group.findLayers():
            root.removeChildNode(group)
    legend.setLegendFilterByMapEnabled(True)
    for style, size in ((QgsLegendStyle.Style.Title, 11), (QgsLegendStyle.Style.Group, 8),
                        (QgsLegendStyle.Style.Subgroup, 7), (QgsLegendStyle.Style.SymbolLabel, 6.5)):
        font = QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(style in (QgsLegendStyle.Style.Title, QgsLegendStyle.Style.Group))
        legend.rstyle(style).setFont(font)
    legend.setSymbolHeight(3.0)
    legend.setSymbolWidth(6.0)
    legend.attemptMove(QgsLayoutPoint(322, legend_top, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    legend.setResizeToContents(True)
    layout.addLayoutItem(legend)
    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setStyle("Single Box")
    scale_bar.setLinkedMap(map_item)
    scale_bar.applyDefaultSize()
    scale_bar.attemptMove(QgsLayoutPoint(12, height - 22, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    layout.addLayoutItem(scale_bar)
    arrow_path = QgsSymbolLayerUtils.svgSymbolNameToPath("arrows/NorthArrow_02.svg", QgsPathResolver())
    if arrow_path:
        arrow = QgsLayoutItemPicture(layout)
        arrow.setPicturePath(arrow_path)
        arrow.attemptMove(QgsLayoutPoint(297, 33, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        arrow.attemptResize(QgsLayoutSize(14, 18, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        layout.addLayoutItem(arrow)
    note = tr("Coordinate reference system: ΕΓΣΑ87 / Greek Grid (EPSG:2100). Printed {date}.").format(
        date=dt.date.today().strftime("%d/%m/%Y"))
    _label(layout, note, 200, 20, width - 210, 6, size=7)
    return layout


def export_pdf(layout: QgsPrintLayout, path: str) -> None:
    exporter = QgsLayoutExporter(layout)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 150
    result = exporter.exportToPdf(path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(tr("Could not write the PDF {path} (error {code}).").format(path=path, code=int(result)))


def export_image(layout: QgsPrintLayout, path: str, dpi: int = 60) -> None:
    exporter = QgsLayoutExporter(layout)
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    result = exporter.exportToImage(path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(tr("Could not write the image {path} (error {code}).").format(path=path, code=int(result)))
