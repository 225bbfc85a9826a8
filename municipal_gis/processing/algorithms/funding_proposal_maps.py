from __future__ import annotations

import csv
from pathlib import Path

import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsLayoutExporter,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutTableColumn,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProject,
    QgsRectangle,
    QgsRenderContext,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtGui import QFont

from municipal_gis.compat import FieldType
from municipal_gis.core.programme_maps import FACT_ORDER, YES_NO, facts_html, project_facts, touched_parcels
from municipal_gis.layers.database import DatabaseError, open_database
from municipal_gis.layers.programme_data import read_programme_data
from municipal_gis.paths import layout_path, style_path
from municipal_gis.printing.funding import (
    LANGUAGES,
    PARCEL_ROWS,
    SCALES,
    TEMPLATE_NAME,
    TEXTS,
    memory_layer,
    restore_facts_label,
    scale_expression,
    setup_legend,
    setup_north_arrow,
    setup_scalebar,
    style_pack_layers,
)
from municipal_gis.printing.layout import load_layout, set_label
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters
from municipal_gis.qgisio.features import read_source, to_qgs_geometry
from municipal_gis.schema import catalogue


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

        coverage = memory_layer(f"MultiPolygon?crs=EPSG:{catalogue.CRS_EPSG}", "projects", [
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
        style_pack_layers(coverage, base_layers, language)

        touched = memory_layer("None", "touched_parcels", [
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
            setup_scalebar(scalebar, main, language)
        set_label(layout, "scale_text", scale_expression(language))
        setup_north_arrow(layout, main, language)
        setup_legend(layout, project, main, order, language)
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
