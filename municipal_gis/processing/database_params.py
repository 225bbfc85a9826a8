"""The parameter block that names a municipal database, shared by every algorithm that uses one.

A database is given either as a GeoPackage file (`<NAME>`, also accepting the text form
``PG:<conninfo> schema=<schema>`` for headless runs with a PostgreSQL service file), or as a
PostgreSQL connection stored in QGIS (`<NAME>_CONNECTION`) with a schema (`<NAME>_SCHEMA`).
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDatabaseSchema,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterProviderConnection,
)

from municipal_gis.i18n import tr
from municipal_gis.layers.database import DatabaseError, DatabaseLocation

GPKG_FILTER = "GeoPackage (*.gpkg *.GPKG)"


def add_database_parameters(algorithm, name: str = "DATABASE", description: str | None = None,
                            destination: bool = False, optional: bool = False) -> None:
    """Add `<name>` (file), `<name>_CONNECTION` and `<name>_SCHEMA` (advanced) to an algorithm."""
    description = description or tr("Municipal database (GeoPackage, or PG:service=… schema=…)")
    if destination:
        file_param = QgsProcessingParameterFileDestination(name, description, GPKG_FILTER, optional=True)
    else:
        # QGIS 3.22 checks a value against the extension and the filter: "All files (*)" in the filter
        # lets the same parameter take the text form "PG:service=… schema=…"
        file_param = QgsProcessingParameterFile(name, description, QgsProcessingParameterFile.Behavior.File,
                                                "", optional=True, fileFilter=GPKG_FILTER + ";;All files (*)")
    algorithm.addParameter(file_param)
    connection = QgsProcessingParameterProviderConnection(
        f"{name}_CONNECTION", tr("…or a PostGIS connection"), "postgres", optional=True)
    schema = QgsProcessingParameterDatabaseSchema(
        f"{name}_SCHEMA", tr("PostGIS schema"), f"{name}_CONNECTION", "municipal", optional=True)
    for param in (connection, schema):
        param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        algorithm.addParameter(param)


def database_from_parameters(algorithm, parameters, context, name: str = "DATABASE",
                             required: bool = True) -> DatabaseLocation | None:
    connection = algorithm.parameterAsConnectionName(parameters, f"{name}_CONNECTION", context)
    schema = algorithm.parameterAsSchema(parameters, f"{name}_SCHEMA", context) or "municipal"
    raw = parameters.get(name)
    text = raw if isinstance(raw, str) else ""
    try:
        if connection:
            return DatabaseLocation.from_qgis_connection(connection, schema)
        if text.strip().upper().startswith("PG:"):
            return DatabaseLocation.parse(text)
        path = algorithm.parameterAsFile(parameters, name, context) if name in parameters else ""
        if not path and isinstance(raw, str):
            path = raw
        if not path:
            path = algorithm.parameterAsFileOutput(parameters, name, context) if raw is not None else ""
        if not path:
            if required:
                raise QgsProcessingException(
                    tr("Parameter {name}: choose a GeoPackage file or a PostGIS connection.").format(name=name))
            return None
        return DatabaseLocation.parse(path)
    except DatabaseError as exc:
        raise QgsProcessingException(str(exc)) from exc
