from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber, QgsProcessingOutputString, QgsProcessingParameterBoolean

from municipal_gis.layers.database import DatabaseError, create_database
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters
from municipal_gis.schema import catalogue


class CreateDatabase(MunicipalAlgorithm):
    ALGORITHM_ID = "create_database"
    GROUP_ID = "database"

    def displayName(self):  # noqa: N802
        return self.tr("Create municipal database")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Creates an empty municipal database with every municipal layer (parcels, city blocks, zoning, "
            "municipal property, leases, encroachments, playgrounds, bike stations, census blocks, streets, "
            "communities, regeneration zones, technical-programme projects and funding, and the land-use "
            "certificate register) in EPSG:2100 (ΕΓΣΑ87).\n\n"
            "OUTPUT is a GeoPackage file (the default: one file a municipality can e-mail). For a shared, "
            "multi-user database choose a PostGIS connection and a schema instead, or give OUTPUT as "
            "“PG:service=NAME schema=SCHEMA” with a PostgreSQL service file. Nothing is overwritten unless "
            "OVERWRITE is set; the database is built completely or not at all.")

    def initAlgorithm(self, config=None):  # noqa: N802
        add_database_parameters(self, "OUTPUT", self.tr("Municipal database to create"), destination=True)
        self.addParameter(QgsProcessingParameterBoolean("OVERWRITE", self.tr("Overwrite an existing database"),
                                                        defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber("LAYERS", self.tr("Layers created")))
        self.addOutput(QgsProcessingOutputString("DATABASE", self.tr("Database")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        location = database_from_parameters(self, parameters, context, "OUTPUT")
        overwrite = self.parameterAsBoolean(parameters, "OVERWRITE", context)
        feedback.pushInfo(self.tr("Creating {db}").format(db=location.label))
        try:
            create_database(location, overwrite=overwrite)
        except DatabaseError as exc:
            self.fail(str(exc))
        return {"OUTPUT": str(location), "DATABASE": str(location), "LAYERS": len(catalogue.LAYERS)}
