from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from municipal_gis.layers.checks import Finding, check_database, error_count
from municipal_gis.layers.database import DatabaseError
from municipal_gis.processing.base import MunicipalAlgorithm, integrity_message
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue

FINDING_FIELDS = [
    ("layer", catalogue.TEXT),
    ("feature_id", catalogue.INTEGER),
    ("field", catalogue.TEXT),
    ("problem", catalogue.TEXT),
    ("message", catalogue.TEXT),
    ("severity", catalogue.TEXT),
]


class CheckDatabase(MunicipalAlgorithm):
    ALGORITHM_ID = "check_database"
    GROUP_ID = "database"
    # parameter names (frozen once released)
    INPUT = "INPUT"
    TOLERANCE_M2 = "TOLERANCE_M2"
    IN_DATABASE = "IN_DATABASE"
    OUTPUT = "OUTPUT"
    # output names
    FINDINGS = "FINDINGS"
    ERRORS = "ERRORS"

    def displayName(self):  # noqa: N802
        return self.tr("Check municipal database")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Reports, without changing anything, what is wrong with a municipal database: missing layers or "
            "fields, wrong field types, layers not in EPSG:2100 or with coordinates that look like degrees, "
            "invalid or empty geometries, duplicate or malformed ΚΑΕΚ, parcels that overlap or leave gaps inside "
            "a city block, values outside the value lists, features tied to unknown projects, leases and "
            "encroachments of unknown property, and projects with no location.\n\n"
            "OUTPUT is a table with one row per finding (layer, feature_id, field, problem, message, severity). "
            "FINDINGS is their count, ERRORS the count of findings of severity “error”.\n\n"
            "On a PostGIS database the checks run as SQL in the database (advanced parameter «Check in the "
            "database», on by default): only the findings' rows come to QGIS, with the same findings as when "
            "every layer is read into QGIS. The log says which way it checked, and why when the database "
            "cannot.")

    def initAlgorithm(self, config=None):  # noqa: N802
        add_database_parameters(self, self.INPUT, self.tr("Municipal database"))
        tolerance = QgsProcessingParameterNumber(self.TOLERANCE_M2, self.tr("Ignore overlaps and gaps smaller than (m²)"),
                                                 QgsProcessingParameterNumber.Type.Double, 0.01, minValue=0.0)
        self.addParameter(tolerance)
        in_database = QgsProcessingParameterBoolean(
            self.IN_DATABASE, self.tr("Check in the database (PostGIS: as SQL, without reading the layers into QGIS)"),
            defaultValue=True)
        in_database.setFlags(in_database.flags() | QgsProcessingParameterBoolean.FlagAdvanced)
        self.addParameter(in_database)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Findings"),
                                                            QgsProcessing.SourceType.TypeVector))
        self.addOutput(QgsProcessingOutputNumber(self.FINDINGS, self.tr("Number of findings")))
        self.addOutput(QgsProcessingOutputNumber(self.ERRORS, self.tr("Number of errors")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        location = database_from_parameters(self, parameters, context, self.INPUT)
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE_M2, context)
        health = location.backend.health()
        if health.ok:
            try:
                findings = check_database(location, feedback, tolerance,
                                          self.parameterAsBoolean(parameters, self.IN_DATABASE, context))
            except DatabaseError as exc:
                self.fail(str(exc))
        elif health.problem == "damaged":
            # a damaged file answers every later question wrongly: the damage is the finding
            findings = [Finding(Path(location.path).name, -1, "", "damaged_file", self.tr(
                "The GeoPackage file {file} is damaged (SQLite integrity check: {detail}). Its layers were not "
                "checked, since what they appear to hold cannot be trusted; restore it from a backup.").format(
                file=location.path, detail=health.detail or "?"))]
            feedback.reportError(findings[0].message)
        elif health.problem == "not_sqlite":
            self.fail(self.tr("{path} is not a GeoPackage (not an SQLite file).").format(path=location.path))
        else:
            self.fail(integrity_message(location.path, health))
        self.check_cancel(feedback)
        fields = make_fields(FINDING_FIELDS)
        sink, dest_id = self.create_sink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.NoGeometry)
        for finding in findings:
            sink.addFeature(make_feature(fields, [finding.layer, finding.feature_id, finding.field,
                                                  finding.problem, finding.message, finding.severity]),
                            QgsFeatureSink.Flag.FastInsert)
        errors = error_count(findings)
        feedback.pushInfo(self.tr("{n} findings, {e} errors.").format(n=len(findings), e=errors))
        return {self.OUTPUT: dest_id, self.FINDINGS: len(findings), self.ERRORS: errors}
