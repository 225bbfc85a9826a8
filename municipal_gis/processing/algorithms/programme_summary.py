from __future__ import annotations

from qgis.core import (
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
from municipal_gis.layers.database import DatabaseError, open_database
from municipal_gis.layers.programme_data import read_areas, read_programme_data
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue

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
    DATABASE_PARAMETERS = ("DATABASE",)

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
            "CONFLICTS", self.tr("Spatial-temporal conflicts"), QgsProcessing.SourceType.TypeVector, optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "FOLDER", self.tr("Folder for tables and charts"), optional=True))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_EUR", self.tr("Programme total (€)")))
        self.addOutput(QgsProcessingOutputNumber("PROJECTS", self.tr("Projects")))
        self.addOutput(QgsProcessingOutputNumber("CONFLICT_COUNT", self.tr("Conflicts")))
        self.addOutput(QgsProcessingOutputString("FILES", self.tr("Files written")))

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

        data = read_programme_data(location, info, year, feedback)
        projects, fundings, locations = data.projects, data.fundings, data.locations
        communities, city, zones = read_areas(location, info)
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
