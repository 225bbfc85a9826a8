from __future__ import annotations

import shapely
from qgis.core import (
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from municipal_gis.core.programme_report import (
    category_label,
    charts_available,
    dimension_title,
    write_charts,
    write_tables,
)
from municipal_gis.core.programme_summary import find_conflicts, summarise, total_budget
from municipal_gis.layers import catalogue
from municipal_gis.layers.database import DatabaseError, open_database
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters
from municipal_gis.processing.qgis_io import make_feature, make_fields, read_source

SUMMARY_FIELDS = (("dimension", catalogue.TEXT), ("dimension_label", catalogue.TEXT), ("category", catalogue.TEXT),
                  ("category_label", catalogue.TEXT), ("projects", catalogue.INTEGER),
                  ("budget_eur", catalogue.REAL), ("share_pct", catalogue.REAL))
CONFLICT_FIELDS = (("project_a", catalogue.TEXT), ("title_a", catalogue.TEXT), ("project_b", catalogue.TEXT),
                   ("title_b", catalogue.TEXT), ("overlap_m2", catalogue.REAL), ("overlap_from", catalogue.DATE),
                   ("overlap_to", catalogue.DATE))
LANGUAGES = ("el", "en")


class ProgrammeSummary(MunicipalAlgorithm):
    ALGORITHM_ID = "programme_summary"
    GROUP_ID = "programme"

    def displayName(self):  # noqa: N802
        return self.tr("Technical programme summary")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Sums the budget of the technical-programme projects by funding source, kind of action, axis and "
            "measure of the operational programme, phase, community, inside or outside the regeneration zones, "
            "and city or villages. Every table adds up to the programme total: a project with several funding "
            "sources and no amounts per source is shown under their combination; a project's budget is shared "
            "between areas in proportion to the part of its location in each (its own footprint, otherwise the "
            "features linked to it); projects without a location and budgets that could not be read have "
            "categories of their own.\n\n"
            "FOLDER receives the tables as CSV and XLSX and, when matplotlib is available, a bar chart per table "
            "as PNG and SVG, ready for a report. CONFLICTS lists projects whose locations overlap while their "
            "schedules overlap (a project without dates runs through its programme year).")

    def initAlgorithm(self, config=None):  # noqa: N802
        add_database_parameters(self, "DATABASE", self.tr("Municipal database"))
        self.addParameter(QgsProcessingParameterNumber(
            "YEAR", self.tr("Programme year (0: every year)"), QgsProcessingParameterNumber.Type.Integer,
            defaultValue=0, minValue=0, maxValue=2100))
        self.addParameter(QgsProcessingParameterEnum(
            "LANGUAGE", self.tr("Language of the tables and charts"), options=["Ελληνικά", "English"],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_OVERLAP_M2", self.tr("Smallest overlap of two footprints that counts as a conflict (m²)"),
            QgsProcessingParameterNumber.Type.Double, defaultValue=0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Budget summary"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "CONFLICTS", self.tr("Spatial-temporal conflicts"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "FOLDER", self.tr("Folder for tables and charts"), optional=True))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_EUR", self.tr("Programme total (€)")))
        self.addOutput(QgsProcessingOutputNumber("PROJECTS", self.tr("Projects")))
        self.addOutput(QgsProcessingOutputNumber("CONFLICT_COUNT", self.tr("Conflicts")))
        self.addOutput(QgsProcessingOutputString("FILES", self.tr("Files written")))

    # -- reading ---------------------------------------------------------------------------
    def _layer(self, location, layer_id, info):
        if layer_id not in info.tables:
            return None
        layer = location.qgs_layer(layer_id)
        if not layer.isValid():
            self.fail(self.tr("{db}: layer {layer} cannot be opened.").format(db=location.label, layer=layer_id))
        return layer

    def _read(self, location, info, year, feedback):
        layer = self._layer(location, "programme_project", info)
        if layer is None:
            self.fail(self.tr("{db} has no programme_project layer.").format(db=location.label))
        names = ["project_code", "title", "kind", "status", "op_measure", "budget_eur", "year", "start_date",
                 "end_date"]
        request = QgsFeatureRequest()
        if year:
            request.setFilterExpression(f'"year" = {int(year)}')
        try:
            data = read_source(layer, names, feedback, request)
        except KeyError as exc:
            self.fail(self.tr("{db}, layer programme_project: field {field} is missing.").format(
                db=location.label, field=exc.args[0]))
        projects = []
        locations = {}
        for i in range(len(data)):
            project = {name: data.attributes[name][i] for name in names}
            if not project["project_code"]:
                self.fail(self.tr("{db}, layer programme_project, feature {fid}: field project_code is empty.").format(
                    db=location.label, fid=int(data.fids[i])))
            projects.append(project)
            geometry = data.geometries[i]
            if geometry is not None and not shapely.is_empty(geometry):
                locations[project["project_code"]] = geometry
        codes = {p["project_code"] for p in projects}
        # projects without their own footprint: the union of the features linked to them
        linked: dict[str, list] = {}
        for layer_def in catalogue.LAYERS:
            if not layer_def.project_link or not layer_def.is_spatial:
                continue
            linked_layer = self._layer(location, layer_def.id, info)
            if linked_layer is None or linked_layer.fields().indexOf("project_code") < 0:
                continue
            self.check_cancel(feedback)
            request = QgsFeatureRequest().setFilterExpression('"project_code" IS NOT NULL')
            part = read_source(linked_layer, ["project_code"], None, request)
            for code, geometry in zip(part.attributes["project_code"], part.geometries):
                if code in codes and code not in locations and geometry is not None:
                    linked.setdefault(code, []).append(geometry)
        for code, geometries in linked.items():
            locations[code] = shapely.union_all(geometries)
        fundings = []
        funding_layer = self._layer(location, "project_funding", info)
        if funding_layer is not None:
            data = read_source(funding_layer, ["project_code", "funding_source", "amount_eur"], None,
                               with_geometry=False)
            for code, source, amount in zip(data.attributes["project_code"], data.attributes["funding_source"],
                                            data.attributes["amount_eur"]):
                if code in codes:
                    fundings.append({"project_code": code, "funding_source": source, "amount_eur": amount})
        communities, city = [], []
        community_layer = self._layer(location, "community", info)
        if community_layer is not None:
            data = read_source(community_layer, ["name", "is_city"], None)
            for fid, name, is_city, geometry in zip(data.fids, data.attributes["name"], data.attributes["is_city"],
                                                    data.geometries):
                if geometry is None:
                    continue
                communities.append((name or str(int(fid)), geometry))
                city.append(("city" if is_city else "villages", geometry))
        zones = []
        zone_layer = self._layer(location, "regeneration_zone", info)
        if zone_layer is not None:
            data = read_source(zone_layer, ["name"], None)
            zones = [(name, g) for name, g in zip(data.attributes["name"], data.geometries) if g is not None]
        return projects, fundings, locations, communities, zones, city

    # -- running ---------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        location = database_from_parameters(self, parameters, context, "DATABASE")
        try:
            info = open_database(location)
        except DatabaseError as exc:
            self.fail(str(exc))
        year = self.parameterAsInt(parameters, "YEAR", context)
        language = LANGUAGES[self.parameterAsEnum(parameters, "LANGUAGE", context)]
        min_overlap = self.parameterAsDouble(parameters, "MIN_OVERLAP_M2", context)
        folder = self.parameterAsString(parameters, "FOLDER", context)

        projects, fundings, locations, communities, zones, city = self._read(location, info, year, feedback)
        if not projects:
            feedback.reportError(self.tr("{db}: no technical-programme projects{year}.").format(
                db=location.label, year=self.tr(" for {year}").format(year=year) if year else ""))
        feedback.setProgress(40)
        self.check_cancel(feedback)
        rows = summarise(projects, fundings, locations, communities, zones, city)
        total = total_budget(projects)
        feedback.pushInfo(self.tr("{n} projects, total {total} €, {located} with a location").format(
            n=len(projects), total=f"{total:,.2f}", located=sum(1 for p in projects
                                                              if p["project_code"] in locations)))
        fields = make_fields(SUMMARY_FIELDS)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
        if sink is None:
            self.fail(self.tr("Could not create the summary output."))
        for r in rows:
            sink.addFeature(make_feature(fields, [r.dimension, dimension_title(r.dimension, language), r.category,
                                                  category_label(r.dimension, r.category, language), r.projects,
                                                  r.budget_eur, r.share_pct]), QgsFeatureSink.Flag.FastInsert)
        feedback.setProgress(60)
        self.check_cancel(feedback)
        conflicts = find_conflicts(projects, locations, min_overlap)
        titles = {p["project_code"]: p["title"] for p in projects}
        cfields = make_fields(CONFLICT_FIELDS)
        csink, cdest = self.parameterAsSink(parameters, "CONFLICTS", context, cfields, QgsWkbTypes.Type.NoGeometry)
        if csink is None:
            self.fail(self.tr("Could not create the conflicts output."))
        for c in conflicts:
            csink.addFeature(make_feature(cfields, [c.project_a, titles.get(c.project_a), c.project_b,
                                                    titles.get(c.project_b), c.overlap_m2, c.overlap_from,
                                                    c.overlap_to]), QgsFeatureSink.Flag.FastInsert)
        if conflicts:
            feedback.pushWarning(self.tr("{n} pairs of projects overlap in place and time.").format(n=len(conflicts)))
        files = []
        if folder:
            try:
                files += write_tables(rows, folder, language)
                if charts_available():
                    files += write_charts(rows, folder, language)
                else:
                    feedback.pushWarning(self.tr("matplotlib is not installed: no charts were drawn."))
            except OSError as exc:
                self.fail(self.tr("Cannot write to folder {folder}: {error}").format(folder=folder, error=exc))
        feedback.setProgress(100)
        return {"OUTPUT": dest, "CONFLICTS": cdest, "FOLDER": folder, "TOTAL_EUR": total,
                "PROJECTS": len(projects), "CONFLICT_COUNT": len(conflicts),
                "FILES": ";".join(str(p) for p in files)}
