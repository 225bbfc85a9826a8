from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from municipal_gis.layers.database import DatabaseError, DatabaseLocation, create_database, write_records
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.database_params import GPKG_FILTER
from municipal_gis.schema import catalogue


class _Progress:
    """Maps the generator's 0–100 progress onto a part of the algorithm's bar."""

    def __init__(self, feedback, start: float, span: float):
        self.feedback, self.start, self.span = feedback, start, span

    def setProgress(self, value):  # noqa: N802
        self.feedback.setProgress(self.start + self.span * float(value) / 100.0)

    def isCanceled(self):  # noqa: N802
        return self.feedback.isCanceled()


class GenerateSampleMunicipality(MunicipalAlgorithm):
    ALGORITHM_ID = "generate_sample_municipality"
    GROUP_ID = "database"

    def displayName(self):  # noqa: N802
        return self.tr("Generate sample municipality")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Writes a realistic synthetic municipality around Serres in EPSG:2100 into a new municipal "
            "GeoPackage: streets, city blocks with topologically clean parcels, zoning that mostly follows the "
            "blocks but sometimes cuts parcels, census blocks with population and deprivation indicators, "
            "communities, municipal property with leases (active, expiring, expired, vacant) and encroachments, "
            "playgrounds, the five shared-bike stations, the ΣΒΑΑ intervention area, and the Serres 2019 "
            "technical-programme rows as projects, several of them placed on the map.\n\n"
            "PARCELS is the approximate number of parcels (1 000 for a village, 200 000 for a large city). "
            "The same SEED always gives the same municipality. An existing file is replaced only when "
            "OVERWRITE is set.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Sample municipality"),
                                                                GPKG_FILTER))
        self.addParameter(QgsProcessingParameterNumber("PARCELS", self.tr("Approximate number of parcels"),
                                                       QgsProcessingParameterNumber.Type.Integer, 5000,
                                                       minValue=1000, maxValue=500_000))
        self.addParameter(QgsProcessingParameterNumber("SEED", self.tr("Random seed"),
                                                       QgsProcessingParameterNumber.Type.Integer, 1, minValue=0))
        # never by default: OUTPUT pointed at the real database by mistake must not replace it (issue 12)
        self.addParameter(QgsProcessingParameterBoolean("OVERWRITE", self.tr("Overwrite an existing file"),
                                                        defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber("PARCEL_COUNT", self.tr("Parcels written")))
        self.addOutput(QgsProcessingOutputNumber("FEATURE_COUNT", self.tr("Features and rows written")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from municipal_gis.core.sample import GenerationCancelled, generate

        path = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        parcels = self.parameterAsInt(parameters, "PARCELS", context)
        seed = self.parameterAsInt(parameters, "SEED", context)
        overwrite = self.parameterAsBoolean(parameters, "OVERWRITE", context)
        feedback.pushInfo(self.tr("Generating about {n} parcels (seed {seed})…").format(n=parcels, seed=seed))
        try:
            tables = generate(parcels=parcels, seed=seed, feedback=_Progress(feedback, 0, 60))
        except GenerationCancelled:
            self.fail(self.tr("Cancelled by the user."))
        except ValueError as exc:
            self.fail(self.tr("Parameter PARCELS: {error}").format(error=exc))
        self.check_cancel(feedback)
        location = DatabaseLocation.parse(path)
        counts = {}
        try:
            create_database(location, overwrite=overwrite)
            ordered = [lid for lid in catalogue.layer_ids() if lid in tables]
            for n, layer_id in enumerate(ordered):
                table = tables[layer_id]
                feedback.setProgress(60 + 40 * n / max(len(ordered), 1))
                self.check_cancel(feedback)
                counts[layer_id] = write_records(location, layer_id, table.records, table.geometries, feedback)
        except DatabaseError as exc:
            self.fail(str(exc))
        for layer_id, count in counts.items():
            feedback.pushInfo(self.tr("{layer}: {n}").format(layer=layer_id, n=count))
        return {"OUTPUT": path, "PARCEL_COUNT": counts.get("parcel", 0), "FEATURE_COUNT": sum(counts.values())}
