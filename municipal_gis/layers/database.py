"""Create, open, write and upgrade the municipal database from the catalogue.

Two backends share one catalogue (`municipal_gis.layers.backends`, one interface):
- GeoPackage (the embedded default), written through OGR so that gpkg_contents, geometry
  columns and R-tree indexes are right;
- PostGIS (multi-user), through psycopg2 with parameterised SQL.

A database is named by a `DatabaseLocation`, whose text form is either a GeoPackage path or
``PG:<libpq conninfo> schema=<schema>`` (e.g. ``PG:service=municipal schema=serres``). No
credentials live in code: use a PostgreSQL service file or the QGIS auth manager. What differs
between the two lives in the location's `backend`; this module holds what they share.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import shapely

from municipal_gis.i18n import tr
from municipal_gis.paths import plugin_version
from municipal_gis.schema import catalogue

MARKER_KEY = "municipal_gis_schema_version"
# Append-only registers (the land-use certificate register) are refused UPDATE, DELETE and a
# replacing INSERT at database level (layers/backends: `append_only_sql`, `guard`).
REGISTER_UNCHAINED_KEY = "register_unchained_entries"  # entries issued before the hash chain existed


class DatabaseError(Exception):
    """A user-facing problem with a database (message is translated and names the database)."""


# --------------------------------------------------------------------------------------------
# Locations


@dataclass(frozen=True)
class DatabaseLocation:
    kind: str  # "gpkg" or "postgis": which backend
    path: str = ""
    conninfo: str = ""
    schema: str = "municipal"

    @classmethod
    def parse(cls, text) -> DatabaseLocation:
        if isinstance(text, DatabaseLocation):
            return text
        text = str(text or "").strip()
        if not text:
            raise DatabaseError(tr("No database given: choose a GeoPackage file or a PostGIS connection."))
        if text.upper().startswith("PG:"):
            body = text[3:].strip()
            schema = "municipal"
            match = re.search(r"(?:^|\s)schema=(\S+)", body)
            if match:
                schema = match.group(1).strip("'\"")
                body = (body[: match.start()] + body[match.end():]).strip()
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", schema):
                raise DatabaseError(tr("PostGIS schema name «{schema}» is not a plain SQL identifier.").format(
                    schema=schema))
            if not body:
                raise DatabaseError(tr("PostGIS location «{text}» has no connection details.").format(text=text))
            return cls("postgis", conninfo=body, schema=schema)
        return cls("gpkg", path=str(Path(text).expanduser()))

    @classmethod
    def from_qgis_connection(cls, name: str, schema: str) -> DatabaseLocation:
        """A location from a PostgreSQL connection stored in the QGIS settings."""
        from qgis.core import QgsDataSourceUri, QgsProviderRegistry

        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        try:
            connection = metadata.findConnection(name)
        except Exception:  # noqa: BLE001 - QGIS raises QgsProviderConnectionException
            connection = None
        if connection is None:
            raise DatabaseError(tr("There is no PostgreSQL connection named «{name}» in QGIS.").format(name=name))
        uri = QgsDataSourceUri(connection.uri())
        return cls("postgis", conninfo=uri.connectionInfo(True), schema=schema or "municipal")

    @property
    def backend(self):
        """What this kind of database does (`layers.backends.Backend`)."""
        from municipal_gis.layers.backends import backend_for

        return backend_for(self)

    def __str__(self) -> str:
        return self.backend.text()

    @property
    def label(self) -> str:
        """How messages name this database (never shows passwords)."""
        return self.backend.label()

    @property
    def paramstyle(self) -> str:
        return self.backend.paramstyle

    def table(self, layer_id: str) -> str:
        """Quoted (and for PostGIS schema-qualified) table name for SQL."""
        return self.backend.table(layer_id)

    # -- connections ------------------------------------------------------------------------
    def dbapi_connect(self):
        """A DB-API connection (sqlite3 for a GeoPackage, psycopg2 for PostGIS); see `Backend.connect`."""
        return self.backend.connect()

    def layer_uri(self, layer_id: str) -> tuple[str, str]:
        """(uri, provider key) for a QgsVectorLayer of a catalogue layer."""
        return self.backend.layer_uri(layer_id)

    def qgs_layer(self, layer_id: str, name: str | None = None):
        from qgis.core import QgsVectorLayer

        uri, provider = self.layer_uri(layer_id)
        return QgsVectorLayer(uri, name or layer_id, provider)


# --------------------------------------------------------------------------------------------
# Inspection


@dataclass
class DatabaseInfo:
    location: DatabaseLocation
    schema_version: int | None  # None: no municipal marker
    tables: dict[str, set[str]]  # table name -> column names (lower case)

    @property
    def is_municipal(self) -> bool:
        return self.schema_version is not None


def inspect_database(location: DatabaseLocation) -> DatabaseInfo:
    """Which tables and columns exist, and the schema version; raises DatabaseError if unreadable."""
    return DatabaseLocation.parse(location).backend.inspect()


def open_database(location) -> DatabaseInfo:
    """Inspect a database and insist that it is a municipal one (clear message otherwise)."""
    location = DatabaseLocation.parse(location)
    info = inspect_database(location)
    if not info.is_municipal:
        known = [lid for lid in catalogue.layer_ids() if lid in info.tables]
        if not known:
            raise DatabaseError(tr("{db} is not a municipal database: it has none of the municipal layers. "
                                   "Create one with “Create municipal database”.").format(db=location.label))
    elif info.schema_version > catalogue.SCHEMA_VERSION:
        raise DatabaseError(tr("{db} was made by a newer version of the plugin (schema {found}, this version "
                               "knows {known}). Update the plugin.").format(
            db=location.label, found=info.schema_version, known=catalogue.SCHEMA_VERSION))
    return info


# --------------------------------------------------------------------------------------------
# Creation


def metadata_rows() -> list[tuple[str, str]]:
    return [
        (MARKER_KEY, str(catalogue.SCHEMA_VERSION)),
        ("plugin_version", plugin_version()),
        ("created_at", dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()),
        ("crs", f"EPSG:{catalogue.CRS_EPSG}"),
    ]


def create_database(location, overwrite: bool = False) -> DatabaseLocation:
    """Make an empty municipal database with every catalogue layer (transactional)."""
    location = DatabaseLocation.parse(location)
    location.backend.create(overwrite)
    return location


# --------------------------------------------------------------------------------------------
# Writing records


def as_layer_geometry(geometry, layer: catalogue.Layer):
    if geometry is None:
        return None
    if layer.geometry == "MultiPolygon" and geometry.geom_type == "Polygon":
        return shapely.MultiPolygon([geometry])
    if layer.geometry == "MultiLineString" and geometry.geom_type == "LineString":
        return shapely.MultiLineString([geometry])
    return geometry


def to_db_value(value, field: catalogue.Field):
    if value is None:
        return None
    if field.type == catalogue.BOOLEAN:
        return bool(value)
    if field.type == catalogue.INTEGER:
        return int(value)
    if field.type == catalogue.REAL:
        return float(value)
    if field.type == catalogue.DATE:
        if isinstance(value, dt.datetime):
            value = value.date()
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if field.type == catalogue.DATETIME:
        return value.isoformat() if isinstance(value, dt.datetime) else str(value)
    return str(value)


def write_records(location, layer_id: str, records, geometries=None, feedback=None) -> int:
    """Append records (dicts keyed by catalogue field names) to a layer, in one transaction."""
    location = DatabaseLocation.parse(location)
    layer = catalogue.layer(layer_id)
    records = list(records)
    if geometries is not None:
        geometries = list(geometries)
        if len(geometries) != len(records):
            raise ValueError("records and geometries differ in length")
    known = set(layer.field_names())
    for i, record in enumerate(records):
        unknown = set(record) - known
        if unknown:
            raise DatabaseError(tr("Layer {layer}, record {n}: unknown fields {fields}.").format(
                layer=layer_id, n=i + 1, fields=", ".join(sorted(unknown))))
    return location.backend.write(layer, records, geometries, feedback)


# --------------------------------------------------------------------------------------------
# Upgrade


def backup_database(location: DatabaseLocation) -> str:
    """Copy a GeoPackage beside itself before an upgrade; return the backup's path ("" for PostGIS,
    whose upgrade is one transaction)."""
    return DatabaseLocation.parse(location).backend.backup()


def upgrade_database(location) -> list[str]:
    """Add the catalogue layers and fields a database lacks, keeping every row; return what changed.

    The database is backed up first (GeoPackage: a copy beside it; PostGIS: one transaction).
    """
    location = DatabaseLocation.parse(location)
    info = open_database(location)
    missing_layers = [layer for layer in catalogue.LAYERS if layer.id not in info.tables]
    missing_fields = [
        (layer, field)
        for layer in catalogue.LAYERS
        if layer.id in info.tables
        for field in layer.all_fields
        if field.name.lower() not in info.tables[layer.id]
    ]
    if not missing_layers and not missing_fields and info.schema_version == catalogue.SCHEMA_VERSION:
        return []
    changes = location.backend.upgrade(missing_layers, missing_fields)
    changes += [f"layer {layer.id}" for layer in missing_layers]
    changes += [f"field {layer.id}.{field.name}" for layer, field in missing_fields]
    return changes
