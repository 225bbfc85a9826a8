from __future__ import annotations

import csv
from pathlib import Path

import shapely
from qgis.core import (
    QgsBasicNumericFormat,
    QgsCentroidFillSymbolLayer,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsLayoutExporter,
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
    QgsLayoutTableColumn,
    QgsLegendStyle,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRenderContext,
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

from municipal_gis.compat import FieldType
from municipal_gis.core.programme_maps import FACT_ORDER, YES_NO, facts_html, project_facts, touched_parcels
from municipal_gis.layers.database import DatabaseError, open_database
from municipal_gis.layers.programme_data import read_programme_data
from municipal_gis.paths import layout_path, resource, style_path
from municipal_gis.printing.layout import load_layout, set_label
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters
from municipal_gis.qgisio.features import read_source, to_qgs_geometry
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


def _setup_scalebar(scalebar, main, language: str = "el") -> None:
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
    _setup_scalebar(scalebar, main)
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


def _scale_expression(language: str) -> str:
    """The map's scale as text with the language's thousands separator, at render time (atlas)."""
    thousands = SEPARATORS[language][0]
    prefix = TEXTS["scale"][1 if language == "el" else 0]
    return (f"[% '{prefix}' || regexp_replace(to_string(round(map_get(item_variables('map'), 'map_scale'))), "
            f"'(\\\\d)(?=(\\\\d{{3}})+$)', '\\\\1{thousands}') %]")  # backslashes doubled for the expression


def _setup_north_arrow(layout, main, language: str) -> None:
    arrow = layout.itemById("north_arrow")
    if isinstance(arrow, QgsLayoutItemPicture):
        arrow.setPicturePath(str(resource("layouts", "north_arrow.svg")))
        arrow.setLinkedMap(main)
        arrow.setNorthMode(QgsLayoutItemPicture.NorthMode.GridNorth)


def _setup_legend(layout, project, main, layers, language: str) -> None:
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


def _memory_layer(uri: str, name: str, fields: list[tuple[str, object]], project: QgsProject):
    layer = QgsVectorLayer(uri, name, "memory")
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    project.addMapLayer(layer, False)
    return layer


def _style_pack_layers(coverage, base_layers, language: str = "el") -> None:
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


class FundingProposalMaps(MunicipalAlgorithm):
    ALGORITHM_ID = "funding_proposal_maps"
    GROUP_ID = "programme"
    # parameter names (frozen once released)
    DATABASE = "DATABASE"
    PROJECTS = "PROJECTS"
    FUNDING_SOURCE = "FUNDING_SOURCE"
    YEAR = "YEAR"
    LANGUAGE = "LANGUAGE"
    TEMPLATE = "TEMPLATE"
    FOLDER = "FOLDER"
    # output names
    PAGES = "PAGES"
    COMBINED_PDF = "COMBINED_PDF"
    SKIPPED = "SKIPPED"
    DATABASE_PARAMETERS = (DATABASE,)

    def displayName(self):  # noqa: N802
        return self.tr("Funding-proposal map pack")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Makes a PDF page per technical-programme project for a funding proposal, from the layout template "
            "resources/layouts/funding_proposal.qpt (or TEMPLATE): a location map at a readable scale with the "
            "project's footprint (or the features linked to it), the parcels and the zoning, an overview inset "
            "of the municipality, the parcels the project touches with their ΚΑΕΚ and whether they are "
            "municipal property, and a fact table (title, Κ.Α., budget, funding, measure, phase).\n\n"
            "Choose the projects by PROJECTS (codes separated by commas), by FUNDING_SOURCE (a funding-source "
            "code such as filodimos_ii) and by YEAR; with none of them every located project is included.\n\n"
            "FOLDER receives:\n"
            "• project_CODE.pdf: the page of each project (CODE: its project code);\n"
            "• funding_proposal_maps.pdf: every page in one file (COMBINED_PDF);\n"
            "• facts.csv: the fact table of every project, one row each;\n"
            "• parcels.csv: every parcel each project touches (project_code, kaek, and municipal: yes or no, in "
            "the language of the pages).\n"
            "The page's table lists up to {rows} parcels. A project that touches more shows the first {shown}, "
            "and its last row says how many are left out: «… and N more (all in parcels.csv)» on English pages, "
            "«… και N ακόμη (όλα στο parcels.csv)» on Greek ones. The list is never cut silently: parcels.csv "
            "has them all.\n\n"
            "PAGES counts the pages written; projects with no location are reported in SKIPPED and left out. "
            "Runs headless through qgis_process.").format(rows=PARCEL_ROWS, shown=PARCEL_ROWS - 1)

    def initAlgorithm(self, config=None):  # noqa: N802
        add_database_parameters(self, self.DATABASE, self.tr("Municipal database"))
        self.addParameter(QgsProcessingParameterString(
            self.PROJECTS, self.tr("Project codes (comma-separated; empty: all)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.FUNDING_SOURCE, self.tr("Only projects of this funding source (code)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.YEAR, self.tr("Programme year (0: every year)"), QgsProcessingParameterNumber.Type.Integer,
            defaultValue=0, minValue=0, maxValue=2100))
        self.addParameter(QgsProcessingParameterEnum(
            self.LANGUAGE, self.tr("Language of the pages"), options=["Ελληνικά", "English"], defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.TEMPLATE, self.tr("Layout template (.qpt)"), QgsProcessingParameterFile.Behavior.File, "qpt",
            optional=True, fileFilter="QGIS layout templates (*.qpt)"))
        self.addParameter(QgsProcessingParameterFolderDestination(self.FOLDER, self.tr("Folder for the PDF files")))
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, self.tr("Pages")))
        self.addOutput(QgsProcessingOutputString(self.COMBINED_PDF, self.tr("Combined PDF")))
        self.addOutput(QgsProcessingOutputString(self.SKIPPED, self.tr("Projects without a location")))

    # -- data ------------------------------------------------------------------------------
    def _read(self, location, info, parameters, context, feedback):
        year = self.parameterAsInt(parameters, self.YEAR, context)
        data = read_programme_data(location, info, year, feedback)
        projects = data.projects
        wanted = [c.strip() for c in (self.parameterAsString(parameters, self.PROJECTS, context) or "").split(",")
                  if c.strip()]
        if wanted:
            known = {p["project_code"] for p in projects}
            unknown = [c for c in wanted if c not in known]
            if unknown:
                self.fail(self.tr("{db}: no project {codes} in layer programme_project.").format(
                    db=location.label, codes=", ".join(unknown)))
            projects = [p for p in projects if p["project_code"] in set(wanted)]
        fundings: dict[str, list[dict]] = {}
        for record in data.fundings:
            fundings.setdefault(record["project_code"], []).append(record)
        source = (self.parameterAsString(parameters, self.FUNDING_SOURCE, context) or "").strip()
        if source:
            projects = [p for p in projects if any(f["funding_source"] == source
                                                   for f in fundings.get(p["project_code"], []))]
        return projects, fundings, data.locations

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        location = database_from_parameters(self, parameters, context, self.DATABASE)
        try:
            info = open_database(location)
        except DatabaseError as exc:
            self.fail(str(exc))
        language = LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        i = 1 if language == "el" else 0
        folder = Path(self.parameterAsString(parameters, self.FOLDER, context))
        template = self.parameterAsFile(parameters, self.TEMPLATE, context) or str(layout_path(TEMPLATE_NAME))
        if not Path(template).is_file():
            self.fail(self.tr("Layout template {path} does not exist.").format(path=template))
        projects, fundings, locations = self._read(location, info, parameters, context, feedback)
        located = [p for p in projects if p["project_code"] in locations]
        skipped = [p["project_code"] for p in projects if p["project_code"] not in locations]
        for code in skipped:
            feedback.pushWarning(self.tr("Project {code} has no footprint and no linked feature: left out.").format(
                code=code))
        if not located:
            self.fail(self.tr("{db}: none of the chosen projects has a location (a footprint or linked "
                              "features).").format(db=location.label))
        self.check_cancel(feedback)

        project = QgsProject()
        crs = QgsCoordinateReferenceSystem(f"EPSG:{catalogue.CRS_EPSG}")
        project.setCrs(crs)
        base_layers = {}
        for layer_id in ("land_use_zone", "parcel", "municipal_property", "street", "community"):
            if layer_id in info.tables:
                qlayer = location.qgs_layer(layer_id)
                if qlayer.isValid():
                    if layer_id in ("land_use_zone", "street", "community") and style_path(layer_id).exists():
                        qlayer.loadNamedStyle(str(style_path(layer_id)))
                    project.addMapLayer(qlayer, False)
                    base_layers[layer_id] = qlayer

        # parcels touched by each project, with the municipal-property flag
        parcel_rows: dict[str, list[tuple[str, bool]]] = {}
        if "parcel" in base_layers:
            parcels = read_source(base_layers["parcel"], ["kaek"], None)
            props_geoms, props_kaeks = [], []
            if "municipal_property" in base_layers:
                props = read_source(base_layers["municipal_property"], ["kaek"], None)
                props_geoms, props_kaeks = list(props.geometries), list(props.attributes["kaek"])
            for p in located:
                parcel_rows[p["project_code"]] = touched_parcels(
                    locations[p["project_code"]], parcels.geometries, parcels.attributes["kaek"], props_geoms,
                    props_kaeks)
        feedback.setProgress(20)

        coverage = _memory_layer(f"MultiPolygon?crs=EPSG:{catalogue.CRS_EPSG}", "projects", [
            ("project_code", FieldType.String), ("page_title", FieldType.String), ("facts_html", FieldType.String),
            ("t_overview", FieldType.String), ("t_facts", FieldType.String), ("t_parcels", FieldType.String),
            ("kind", FieldType.String), ("t_north", FieldType.String)], project)
        facts_rows = []
        features = []
        for p in sorted(located, key=lambda r: r["project_code"]):
            code = p["project_code"]
            facts = project_facts(p, fundings.get(code, []), language)
            facts_rows.append(facts)
            geometry = locations[code]
            kind = "area"
            if shapely.get_type_id(geometry) not in (3, 6) or shapely.area(geometry) <= 0:
                geometry = shapely.buffer(geometry, 5.0)  # points and lines: a 5 m halo and a marker
                kind = "site"
            polygons = [g for g in shapely.get_parts(geometry) if shapely.get_type_id(g) in (3, 6)]
            feature = QgsFeature(coverage.fields())
            feature.setAttributes([code, f"{facts['title']} ({code})", facts_html(facts, language), TEXTS["overview"][i],
                                   TEXTS["facts"][i], TEXTS["parcels"][i], kind, TEXTS["north"][i]])
            feature.setGeometry(to_qgs_geometry(shapely.MultiPolygon(
                [q for g in polygons for q in shapely.get_parts(g)])))
            features.append(feature)
        coverage.dataProvider().addFeatures(features)
        coverage.updateExtents()
        _style_pack_layers(coverage, base_layers, language)

        touched = _memory_layer("None", "touched_parcels", [
            ("project_code", FieldType.String), ("kaek", FieldType.String), ("municipal", FieldType.String)], project)
        rows = []
        for code, items in parcel_rows.items():
            shown = items if len(items) <= PARCEL_ROWS else items[:PARCEL_ROWS - 1]
            for kaek, municipal in shown:
                feature = QgsFeature(touched.fields())
                feature.setAttributes([code, kaek, YES_NO[municipal][i]])
                rows.append(feature)
            if len(shown) < len(items):  # never cut silently: the last row says how many are not shown
                feature = QgsFeature(touched.fields())
                feature.setAttributes([code, TEXTS["more"][i].format(n=len(items) - len(shown)), ""])
                rows.append(feature)
        touched.dataProvider().addFeatures(rows)

        try:
            layout = load_layout(project, Path(template))
        except ValueError:
            self.fail(self.tr("Layout template {path} cannot be read.").format(path=template))
        restore_facts_label(layout)
        main = layout.itemById("map")
        overview = layout.itemById("overview")
        if not isinstance(main, QgsLayoutItemMap) or not isinstance(overview, QgsLayoutItemMap):
            self.fail(self.tr("Layout template {path} needs two map items with the ids «map» and «overview».").format(
                path=template))
        order = [coverage] + [base_layers[k] for k in ("street", "municipal_property", "parcel", "land_use_zone")
                              if k in base_layers]
        main.setLayers(order)
        main.setKeepLayerSet(True)
        main.setCrs(crs)
        main.zoomToExtent(coverage.extent())
        main.setAtlasDriven(True)
        main.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Predefined)
        layout.renderContext().setPredefinedScales(SCALES)
        overview_layers = [coverage] + [base_layers[k] for k in ("community",) if k in base_layers]
        overview.setLayers(overview_layers)
        overview.setKeepLayerSet(True)
        overview.setCrs(crs)
        extent = QgsRectangle(base_layers["community"].extent()) if "community" in base_layers else QgsRectangle(
            coverage.extent())
        if "community" in base_layers and base_layers["community"].featureCount() == 0:
            extent = QgsRectangle(coverage.extent())
        extent.combineExtentWith(coverage.extent())
        extent.scale(1.05)
        overview.zoomToExtent(extent)
        for item_overview in overview.overviews().asList():
            item_overview.setLinkedMap(main)
        scalebar = layout.itemById("scalebar")
        if isinstance(scalebar, QgsLayoutItemScaleBar):
            _setup_scalebar(scalebar, main, language)
        set_label(layout, "scale_text", _scale_expression(language))
        _setup_north_arrow(layout, main, language)
        _setup_legend(layout, project, main, order, language)
        tables = [m for m in layout.multiFrames() if isinstance(m, QgsLayoutItemAttributeTable)]
        if tables:
            table = tables[0]
            table.setVectorLayer(touched)
            table.setFilterFeatures(True)
            table.setFeatureFilter("\"project_code\" = attribute(@atlas_feature, 'project_code')")
            columns = []
            for field_name, heading in (("kaek", TEXTS["kaek"][i]), ("municipal", TEXTS["municipal"][i])):
                column = QgsLayoutTableColumn(heading)
                column.setAttribute(field_name)
                columns.append(column)
            table.setColumns(columns)
            table.setMaximumNumberOfFeatures(PARCEL_ROWS)
            for kind, bold in (("Content", False), ("Header", True)):
                font = QFont("DejaVu Sans")
                font.setPointSizeF(7.0)
                font.setBold(bold)
                if hasattr(table, f"set{kind}TextFormat"):  # QGIS 3.16+: the font setters are deprecated
                    text_format = QgsTextFormat.fromQFont(font)
                    text_format.setSize(7.0)
                    text_format.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
                    getattr(table, f"set{kind}TextFormat")(text_format)
                else:
                    getattr(table, f"set{kind}Font")(font)
            table.setCellMargin(0.8)
            table.setEmptyTableBehavior(QgsLayoutItemAttributeTable.EmptyTableMode.ShowMessage)
            table.setEmptyTableMessage("–")
            table.refreshAttributes()
            table.recalculateFrameSizes()
        atlas = layout.atlas()
        atlas.setCoverageLayer(coverage)
        atlas.setEnabled(True)
        atlas.setHideCoverage(False)
        atlas.setSortFeatures(True)
        atlas.setSortExpression('"project_code"')
        atlas.setFilenameExpression("'project_' || \"project_code\"")
        feedback.setProgress(30)
        self.check_cancel(feedback)

        folder.mkdir(parents=True, exist_ok=True)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = True
        settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText  # searchable text
        combined = folder / "funding_proposal_maps.pdf"
        result, error = QgsLayoutExporter.exportToPdf(atlas, str(combined), settings)
        if result != QgsLayoutExporter.ExportResult.Success:
            self.fail(self.tr("The combined PDF {path} could not be written: {error}").format(
                path=combined, error=error))
        feedback.setProgress(65)
        self.check_cancel(feedback)
        result, error = QgsLayoutExporter.exportToPdfs(atlas, str(folder / "project.pdf"), settings)
        if result != QgsLayoutExporter.ExportResult.Success:
            self.fail(self.tr("The project PDFs could not be written to {folder}: {error}").format(
                folder=folder, error=error))
        with (folder / "facts.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(("title",) + FACT_ORDER)
            for facts in facts_rows:
                writer.writerow([facts["title"]] + [facts[k] for k in FACT_ORDER])
        with (folder / "parcels.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)  # every parcel touched, where the page's table says «… and N more»
            writer.writerow(("project_code", "kaek", "municipal"))
            for code in sorted(parcel_rows):
                writer.writerows((code, kaek, YES_NO[municipal][i]) for kaek, municipal in parcel_rows[code])
        feedback.pushInfo(self.tr("{n} pages written to {folder}").format(n=len(located), folder=folder))
        feedback.setProgress(100)
        return {self.FOLDER: str(folder), self.PAGES: len(located), self.COMBINED_PDF: str(combined),
                self.SKIPPED: ",".join(skipped)}
