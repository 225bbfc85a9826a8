"""Print layouts: the overview map of a municipal database, and what every PDF the plugin
prints shares (templates, labels, map frames, memory layers of drawn features, export)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import shapely
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsPalLayerSettings,
    QgsPathResolver,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRenderContext,
    QgsSymbolLayerUtils,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtXml import QDomDocument

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
    item.setHAlign(Qt.AlignmentFlag.AlignLeft)  # not the default justified, which QGIS 3.40+ stretches
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    layout.addLayoutItem(item)
    return item


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


def export_pdf(layout: QgsPrintLayout, path, dpi: int = 150, text_as_text: bool = False) -> None:
    """Export a layout to PDF; `text_as_text`: texts stay selectable text, drawings stay vectors
    (the official documents)."""
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = dpi
    if text_as_text:
        settings.rasterizeWholeImage = False
        settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    result = QgsLayoutExporter(layout).exportToPdf(str(path), settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(tr("Could not write the PDF {path} (error {code}).").format(path=path, code=int(result)))


def load_layout(project: QgsProject, template) -> QgsPrintLayout:
    """A print layout from a template (.qpt), which the municipality may have edited."""
    template = Path(template)
    document = QDomDocument()
    parsed, *_error = document.setContent(template.read_text(encoding="utf-8"))  # PyQt: (ok, message, line, column)
    if not parsed:
        raise ValueError(tr("Layout template {path} cannot be read.").format(path=template))
    layout = QgsPrintLayout(project)
    _items, ok = layout.loadFromTemplate(document, QgsReadWriteContext())
    if not ok:
        raise ValueError(tr("Layout template {path} cannot be read.").format(path=template))
    return layout


def set_label(layout: QgsPrintLayout, item_id: str, text: str) -> None:
    """Set the text of the template's label `item_id` (a template without it is left as it is)."""
    item = layout.itemById(item_id)
    if isinstance(item, QgsLayoutItemLabel):
        item.setText(text)


def labelled_layer(geometry_type: str, name: str, items, symbol, label_size: float | None = None,
                   label_color: str = "#000000", line_labels: bool = False, buffer_mm: float = 0.6):
    """A memory layer (ΕΓΣΑ87) of (shapely geometry, label) items, drawn with `symbol` and, when
    `label_size` is given, labelled (along lines with `line_labels`; points in bold beside them)."""
    layer = QgsVectorLayer(f"{geometry_type}?crs=EPSG:2100&field=label:string", name, "memory")
    items = [(g, v) for g, v in items if g is not None]
    geometries = np.array([g for g, _ in items], dtype=object)
    keep = ~shapely.is_empty(geometries) if len(geometries) else np.zeros(0, dtype=bool)
    wkbs = shapely.to_wkb(geometries[keep], output_dimension=2) if keep.any() else []  # one call per layer
    features = []
    for wkb, (_, value) in zip(wkbs, [item for item, k in zip(items, keep) if k]):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([None if value is None else str(value)])
        geometry = QgsGeometry()
        geometry.fromWkb(wkb)
        feature.setGeometry(geometry)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    layer.renderer().setSymbol(symbol)
    if label_size:
        settings = QgsPalLayerSettings()
        settings.fieldName = "label"
        if line_labels:
            settings.placement = label_placement("Line")
        elif geometry_type == "Point":
            settings.placement = label_placement("OrderedPositionsAroundPoint")
            settings.dist = 1.0
        else:
            settings.placement = label_placement("OverPoint")
        settings.setFormat(text_format(label_size, label_color, bold=geometry_type == "Point", buffer_mm=buffer_mm))
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
    return layer


def label_placement(name: str):
    """A label placement mode by name: Qgis.LabelPlacement from QGIS 3.26 on (3.40 accepts nothing
    else), QgsPalLayerSettings' own enum before."""
    scoped = getattr(Qgis, "LabelPlacement", None)
    return getattr(scoped, name) if scoped is not None else getattr(QgsPalLayerSettings, name)


def frame_map(layout: QgsPrintLayout, map_item, layers, centre, scale: int, grid_step: float,
              bar_step: float) -> None:
    """Point the template's map at `layers` (ΕΓΣΑ87), centred on `centre` at 1:`scale`, with the
    map's grids every `grid_step` metres and the scale bar («scalebar») in `bar_step` segments."""
    map_item.setCrs(QgsCoordinateReferenceSystem("EPSG:2100"))
    map_item.setLayers(layers)
    map_item.setKeepLayerSet(True)
    cx, cy = centre
    map_item.zoomToExtent(QgsRectangle(cx - 1, cy - 1, cx + 1, cy + 1))
    map_item.setScale(scale)
    for grid in map_item.grids().asList():
        grid.setIntervalX(grid_step)
        grid.setIntervalY(grid_step)
    bar = layout.itemById("scalebar")
    if isinstance(bar, QgsLayoutItemScaleBar):
        bar.setUnitsPerSegment(bar_step)
        bar.update()


def export_image(layout: QgsPrintLayout, path: str, dpi: int = 60) -> None:
    exporter = QgsLayoutExporter(layout)
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    result = exporter.exportToImage(path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(tr("Could not write the image {path} (error {code}).").format(path=path, code=int(result)))


# -- documents that flow over pages ------------------------------------------------------------
MM = QgsUnitTypes.LayoutUnit.LayoutMillimeters
LINE_SLACK = 1.06  # measured text is drawn a little taller by some QGIS versions: leave room


def wrap_text(font: QFont, text: str, width_mm: float) -> list[str]:
    """The lines of `text` (its own line breaks kept) broken between words so that each fits in
    `width_mm` with `font`; a word wider than the width on its own is broken inside."""
    from qgis.core import QgsLayoutUtils

    def width(s):
        return QgsLayoutUtils.textWidthMM(font, s) * LINE_SLACK

    lines = []
    for paragraph in str(text).split("\n"):
        words = paragraph.split(" ")
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if width(candidate) <= width_mm or not line and width(word) <= width_mm:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            while width(word) > width_mm and len(word) > 1:  # a word longer than the column
                cut = len(word) - 1
                while cut > 1 and width(word[:cut]) > width_mm:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def text_height_mm(font: QFont, n_lines: int) -> float:
    """Height of `n_lines` lines of a layout label in `font`."""
    from qgis.PyQt.QtGui import QFontMetricsF

    if n_lines <= 0:
        return 0.0
    # the label draws with Qt's line spacing (leading included): measure it on a large font, as QGIS does
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 10)
    metrics = QFontMetricsF(big)
    pt_to_mm = 25.4 / 72.0 / 10.0 / (metrics.fontDpi() / 72.0)
    line = max(metrics.lineSpacing(), metrics.ascent() + metrics.descent()) * pt_to_mm
    return (line * n_lines + metrics.descent() * pt_to_mm) * LINE_SLACK


class PageFlow:
    """Places layout items one under another from `top` down to `bottom` (mm on the page), and
    continues on new pages (from `page_top`) when a page is full. `on_new_page(page_index)` may add
    a running header to each new page."""

    def __init__(self, layout: QgsPrintLayout, top: float, bottom: float, page_top: float, on_new_page=None):
        self.layout, self.y, self.bottom, self.page_top = layout, top, bottom, page_top
        self.page = 0
        self.on_new_page = on_new_page
        self.first_y = top  # where the current page's content starts

    @property
    def at_top(self) -> bool:
        """Nothing placed yet on this page (moving on to a new page would not help)."""
        return self.y <= self.first_y + 0.01

    @property
    def room(self) -> float:
        return self.bottom - self.y

    def new_page(self) -> None:
        self.layout.pageCollection().extendByNewPage()
        self.page += 1
        self.y = self.page_top
        if self.on_new_page is not None:
            self.on_new_page(self.page)
        self.first_y = self.y

    def skip(self, gap: float) -> None:
        self.y = min(self.y + gap, self.bottom)

    def put(self, item, x: float, y: float, width: float, height: float) -> None:
        """`item` at (x, y) mm of the current page."""
        item.attemptResize(QgsLayoutSize(width, height, MM))
        item.attemptMove(QgsLayoutPoint(x, y, MM), True, False, self.page)

    def text(self, item: QgsLayoutItemLabel, text: str, keep: int = 2, heading: QgsLayoutItemLabel | None = None,
             heading_text: str = "") -> list:
        """The label `item` with `text` wrapped to its width, split over pages when it does not fit
        (never fewer than `keep` lines at the foot of a page); `heading` stays with the first lines.
        Returns the labels used (clones of `item` for the parts on later pages)."""
        x, width = item.positionWithUnits().x(), item.sizeWithUnits().width()
        item.setMarginX(0)
        item.setMarginY(0)
        lines = wrap_text(item.font(), text, width)
        heading_h = 0.0
        if heading is not None:
            heading_lines = wrap_text(heading.font(), heading_text, width)
            heading.setText("\n".join(heading_lines))
            heading.setMarginX(0)
            heading.setMarginY(0)
            heading_h = text_height_mm(heading.font(), len(heading_lines))
        used, current = [], item
        while lines:
            fit = len(lines)
            while fit and heading_h + text_height_mm(item.font(), fit) > self.room:
                fit -= 1
            if fit < min(keep, len(lines)) and not self.at_top:
                self.new_page()
                continue
            fit = max(fit, 1)
            if heading is not None:
                self.put(heading, x, self.y, width, heading_h)
                self.y += heading_h
                heading, heading_h = None, 0.0
            if current is None:
                current = clone_label(item)
            height = text_height_mm(item.font(), fit)
            current.setText("\n".join(lines[:fit]))
            self.put(current, x, self.y, width, height)
            self.y += height
            used.append(current)
            current, lines = None, lines[fit:]
            if lines:
                self.new_page()
        return used

    def group(self, items) -> None:
        """Items kept together (e.g. the signatures), as placed in the template relative to each other."""
        items = [i for i in items if i is not None]
        if not items:
            return
        top = min(i.pagePositionWithUnits().y() for i in items)
        height = max(i.pagePositionWithUnits().y() + i.sizeWithUnits().height() for i in items) - top
        if height > self.room and not self.at_top:
            self.new_page()
        for item in items:
            position, size = item.pagePositionWithUnits(), item.sizeWithUnits()
            self.put(item, position.x(), self.y + position.y() - top, size.width(), size.height())
        self.y += height

    def table(self, frame, header: list[str], rows: list[list[str]]) -> list:
        """The text table of the template's `frame` with `header` and `rows`, from here down; rows
        that do not fit continue in a copy of the table on the next page, with the header repeated.
        The header is the table's first row (styled as the template's header row), so that wrapped
        headings get their full height on every QGIS version. Returns the frames used."""
        from qgis.core import QgsLayoutMultiFrame, QgsLayoutTable

        template = frame.multiFrame()
        x = frame.pagePositionWithUnits().x()
        header_style = template.cellStyle(QgsLayoutTable.CellStyleGroup.HeaderRow)
        frames, table, remaining = [], template, list(rows)
        while True:
            if table is not template:
                frame = QgsLayoutFrame(self.layout, table)
                table.addFrame(frame, False)
            table.setHeaderMode(QgsLayoutTable.HeaderMode.NoHeaders)
            table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
            if header_style is not None:
                table.setCellStyle(QgsLayoutTable.CellStyleGroup.FirstRow, header_style)

            def fits(k, height, table=table, frame=frame, rows=remaining):
                table.setContents([header] + rows[:k])
                frame.attemptResize(QgsLayoutSize(frame.sizeWithUnits().width(), height, MM))
                table.recalculateFrameSizes()
                return table.totalSize().height() <= frame.sizeWithUnits().height() + 0.01

            count = len(remaining)
            while count and not fits(count, self.room):
                count -= 1
            if count == 0 and remaining and not self.at_top:
                self.new_page()  # not even the header and one row: all on the next page
                continue
            count = max(count, min(1, len(remaining)))
            low, high = 0.0, self.room
            while high - low > 0.2:  # the least height that shows these rows
                middle = (low + high) / 2
                if fits(count, middle):
                    high = middle
                else:
                    low = middle
            fits(count, high)
            self.put(frame, x, self.y, frame.sizeWithUnits().width(), high)
            self.y += high
            frames.append(frame)
            remaining = remaining[count:]
            if not remaining:
                return frames
            self.new_page()
            table = copy_table(template)


def copy_table(template):
    """An empty text table in `template`'s layout with its look (fonts, grid, margins, colours)."""
    from qgis.core import QgsLayoutItemTextTable, QgsLayoutTable

    table = QgsLayoutItemTextTable(template.layout())
    table.setContentTextFormat(template.contentTextFormat())
    table.setHeaderTextFormat(template.headerTextFormat())
    table.setCellMargin(template.cellMargin())
    table.setShowGrid(template.showGrid())
    table.setGridStrokeWidth(template.gridStrokeWidth())
    table.setGridColor(template.gridColor())
    table.setHorizontalGrid(template.horizontalGrid())
    table.setVerticalGrid(template.verticalGrid())
    table.setBackgroundColor(template.backgroundColor())
    table.setWrapBehavior(template.wrapBehavior())
    table.setColumns(template.columns())
    for group in (QgsLayoutTable.CellStyleGroup.OddRows, QgsLayoutTable.CellStyleGroup.EvenRows,
                  QgsLayoutTable.CellStyleGroup.HeaderRow):
        style = template.cellStyle(group)
        if style is not None:
            table.setCellStyle(group, style)
    template.layout().addMultiFrame(table)
    return table


def clone_label(item: QgsLayoutItemLabel) -> QgsLayoutItemLabel:
    """A new label in the same layout with the look of `item` (font, colour, alignment, margins)
    and its place on the page."""
    label = QgsLayoutItemLabel(item.layout())
    label.setFont(item.font())
    label.setFontColor(item.fontColor())
    label.setHAlign(item.hAlign())
    label.setVAlign(item.vAlign())
    label.setMarginX(item.marginX())
    label.setMarginY(item.marginY())
    label.setFrameEnabled(False)
    label.setBackgroundEnabled(False)
    item.layout().addLayoutItem(label)
    label.attemptResize(item.sizeWithUnits())
    label.attemptMove(item.pagePositionWithUnits(), True, False, item.page())
    return label
