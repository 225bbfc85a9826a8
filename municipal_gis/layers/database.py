"""Create, open, write and upgrade the municipal database from the catalogue.

Two backends share one catalogue:
- GeoPackage (the embedded default), written through OGR so that gpkg_contents, geometry
  columns and R-tree indexes are right;
- PostGIS (multi-user), through psycopg2 with parameterised SQL.

A database is named by a `DatabaseLocation`, whose text form is either a GeoPackage path or
``PG:<libpq conninfo> schema=<schema>`` (e.g. ``PG:service=municipal schema=serres``). No
credentials live in code: use a PostgreSQL service file or the QGIS auth manager.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

import shapely

from municipal_gis.i18n import tr
from municipal_gis.paths import plugin_version
from municipal_gis.schema import catalogue

MARKER_KEY = "municipal_gis_schema_version"


class DatabaseError(Exception):
    """A user-facing problem with a database (message is translated and names the database)."""


# --------------------------------------------------------------------------------------------
# Locations


@dataclass(frozen=True)
class DatabaseLocation:
    kind: str  # "gpkg" or "postgis"
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

    def __str__(self) -> str:
        if self.kind == "gpkg":
            return self.path
        return f"PG:{self.conninfo} schema={self.schema}"

    @property
    def label(self) -> str:
        """How messages name this database (never shows passwords)."""
        if self.kind == "gpkg":
            return self.path
        safe = re.sub(r"password=\S+", "password=***", self.conninfo)
        return f"PostGIS {safe}, schema {self.schema}"

    @property
    def paramstyle(self) -> str:
        return "?" if self.kind == "gpkg" else "%s"

    def table(self, layer_id: str) -> str:
        """Quoted (and for PostGIS schema-qualified) table name for SQL."""
        if self.kind == "gpkg":
            return f'"{layer_id}"'
        return f'"{self.schema}"."{layer_id}"'

    # -- connections ------------------------------------------------------------------------
    def dbapi_connect(self):
        """A DB-API connection (sqlite3 for a GeoPackage, psycopg2 for PostGIS).

        With sqlite3 only touch tables without geometry: GeoPackage R-tree triggers call
        spatial functions that plain sqlite3 lacks.
        """
        if self.kind == "gpkg":
            if not Path(self.path).exists():
                raise DatabaseError(tr("GeoPackage {path} does not exist.").format(path=self.path))
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            return connection
        try:
            import psycopg2
        except ImportError as exc:  # pragma: no cover - Debian package python3-psycopg2
            raise DatabaseError(tr("PostGIS needs the Python package psycopg2 (python3-psycopg2).")) from exc
        try:
            return psycopg2.connect(self.conninfo, connect_timeout=10)
        except psycopg2.Error as exc:
            raise DatabaseError(tr("Cannot connect to {db}: {error}").format(
                db=self.label, error=str(exc).strip())) from exc

    def layer_uri(self, layer_id: str) -> tuple[str, str]:
        """(uri, provider key) for a QgsVectorLayer of a catalogue layer."""
        layer = catalogue.layer(layer_id)
        if self.kind == "gpkg":
            return f"{self.path}|layername={layer_id}", "ogr"
        from qgis.core import QgsDataSourceUri, QgsWkbTypes

        uri = QgsDataSourceUri(self.conninfo)
        uri.setDataSource(self.schema, layer_id, "geom" if layer.is_spatial else None, "", "fid")
        if layer.is_spatial:
            uri.setSrid(str(catalogue.CRS_EPSG))
            uri.setWkbType(QgsWkbTypes.parseType(layer.geometry))
        return uri.uri(False), "postgres"

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


def _gpkg_check_file(path: str) -> None:
    p = Path(path)
    if not p.exists():
        raise DatabaseError(tr("GeoPackage {path} does not exist.").format(path=path))
    with open(p, "rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseError(tr("{path} is not a GeoPackage (not an SQLite file).").format(path=path))


def inspect_database(location: DatabaseLocation) -> DatabaseInfo:
    """Which tables and columns exist, and the schema version; raises DatabaseError if unreadable."""
    if location.kind == "gpkg":
        _gpkg_check_file(location.path)
        try:
            connection = sqlite3.connect(f"file:{location.path}?mode=ro", uri=True, timeout=30)
            try:
                names = [r[0] for r in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'")]
                if "gpkg_contents" not in names:
                    raise DatabaseError(tr("{path} is an SQLite file but not a GeoPackage.").format(
                        path=location.path))
                tables = {}
                for name in names:
                    cols = {r[1].lower() for r in connection.execute(f'PRAGMA table_info("{name}")')}
                    tables[name] = cols
                version = None
                if catalogue.METADATA_TABLE in tables:
                    row = connection.execute(
                        f'SELECT value FROM "{catalogue.METADATA_TABLE}" WHERE key = ?', (MARKER_KEY,)).fetchone()
                    version = int(row[0]) if row else None
            finally:
                connection.close()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(tr("{path} cannot be read as a GeoPackage: {error}").format(
                path=location.path, error=exc)) from exc
        return DatabaseInfo(location, version, tables)

    connection = location.dbapi_connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = %s",
                (location.schema,))
            tables: dict[str, set[str]] = {}
            for table, column in cursor.fetchall():
                tables.setdefault(table, set()).add(column.lower())
            version = None
            if catalogue.METADATA_TABLE in tables:
                cursor.execute(
                    f'SELECT value FROM "{location.schema}"."{catalogue.METADATA_TABLE}" WHERE key = %s',
                    (MARKER_KEY,))
                row = cursor.fetchone()
                version = int(row[0]) if row else None
    finally:
        connection.close()
    return DatabaseInfo(location, version, tables)


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

_PG_TYPES = {
    catalogue.TEXT: "text",
    catalogue.INTEGER: "bigint",
    catalogue.REAL: "double precision",
    catalogue.DATE: "date",
    catalogue.DATETIME: "timestamp",
    catalogue.BOOLEAN: "boolean",
}


def _ogr_field(field: catalogue.Field):
    from osgeo import ogr

    types = {
        catalogue.TEXT: ogr.OFTString,
        catalogue.INTEGER: ogr.OFTInteger64,
        catalogue.REAL: ogr.OFTReal,
        catalogue.DATE: ogr.OFTDate,
        catalogue.DATETIME: ogr.OFTDateTime,
        catalogue.BOOLEAN: ogr.OFTInteger,
    }
    definition = ogr.FieldDefn(field.name, types[field.type])
    if field.type == catalogue.BOOLEAN:
        definition.SetSubType(ogr.OFSTBoolean)
    if field.not_null:
        definition.SetNullable(False)
    if field.unique:
        definition.SetUnique(True)
    return definition


def _ogr_geometry_type(name: str | None):
    from osgeo import ogr

    return {
        None: ogr.wkbNone,
        "MultiPolygon": ogr.wkbMultiPolygon,
        "Polygon": ogr.wkbPolygon,
        "Point": ogr.wkbPoint,
        "LineString": ogr.wkbLineString,
        "MultiLineString": ogr.wkbMultiLineString,
    }[name]


def _metadata_rows() -> list[tuple[str, str]]:
    return [
        (MARKER_KEY, str(catalogue.SCHEMA_VERSION)),
        ("plugin_version", plugin_version()),
        ("created_at", dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()),
        ("crs", f"EPSG:{catalogue.CRS_EPSG}"),
    ]


# -- append-only registers (the land-use certificate register) ---------------------------------
# Refused at database level: UPDATE, DELETE, and an INSERT that would replace an entry (GeoPackage:
# INSERT OR REPLACE deletes the old row without firing DELETE triggers, so a BEFORE INSERT trigger
# refuses any fid or unique value that exists); PostgreSQL also refuses TRUNCATE, and the register's
# id is an identity column, so a clerk role needs only SELECT and INSERT on it.
REGISTER_UNCHAINED_KEY = "register_unchained_entries"  # entries issued before the hash chain existed


def _append_only_sqlite(layer: catalogue.Layer) -> list[str]:
    t = layer.id
    keys = ["fid"] + [f.name for f in layer.all_fields if f.unique]
    clash = " OR ".join(f'"{k}" = NEW."{k}"' for k in keys)
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{t}_append_only_update" BEFORE UPDATE ON "{t}" '
        f"BEGIN SELECT RAISE(ABORT, '{t} is an append-only register: issue a new entry instead'); END",
        f'CREATE TRIGGER IF NOT EXISTS "{t}_append_only_delete" BEFORE DELETE ON "{t}" '
        f"BEGIN SELECT RAISE(ABORT, '{t} is an append-only register: entries are never deleted'); END",
        f'CREATE TRIGGER IF NOT EXISTS "{t}_append_only_insert" BEFORE INSERT ON "{t}" '
        f'WHEN EXISTS (SELECT 1 FROM "{t}" WHERE {clash}) '
        f"BEGIN SELECT RAISE(ABORT, '{t} is an append-only register: an entry with this number or fid "
        f"exists and is never replaced'); END",
    ]


def _guard_gpkg(connection, layers) -> None:
    """Append-only triggers (idempotent) and the start of the hash chain, inside the caller's transaction."""
    present = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for layer in layers:
        if not layer.append_only or layer.id not in present:
            continue
        for statement in _append_only_sqlite(layer):
            connection.execute(statement)
        if layer.id == "land_use_certificate":
            connection.execute(
                f'INSERT OR IGNORE INTO "{catalogue.METADATA_TABLE}" (key, value) '
                f'SELECT ?, CAST(COUNT(*) AS TEXT) FROM "{layer.id}"', (REGISTER_UNCHAINED_KEY,))


def _guard_pg(cursor, schema: str, layer: catalogue.Layer) -> None:
    """Append-only triggers, identity id and privileges of a register (idempotent)."""
    table = f'"{schema}"."{layer.id}"'
    cursor.execute(
        f'CREATE OR REPLACE FUNCTION "{schema}".mgis_append_only() RETURNS trigger AS $$ '
        "BEGIN RAISE EXCEPTION '% is an append-only register', TG_TABLE_NAME; END $$ LANGUAGE plpgsql")
    for name, when, each in ((f"{layer.id}_append_only", "BEFORE UPDATE OR DELETE", "ROW"),
                             (f"{layer.id}_append_only_truncate", "BEFORE TRUNCATE", "STATEMENT")):
        cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON {table}')
        cursor.execute(f'CREATE TRIGGER "{name}" {when} ON {table} FOR EACH {each} '
                       f'EXECUTE FUNCTION "{schema}".mgis_append_only()')
    cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER ON {table} FROM PUBLIC")  # a trigger could rewrite new entries
    cursor.execute("SELECT is_identity FROM information_schema.columns WHERE table_schema = %s "
                   "AND table_name = %s AND column_name = 'fid'", (schema, layer.id))
    row = cursor.fetchone()
    if row is not None and row[0] != "YES":  # a bigserial id from before: inserting needs no sequence grant now
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'fid')", (table,))
        sequence = cursor.fetchone()[0]
        cursor.execute(f"ALTER TABLE {table} ALTER COLUMN fid DROP DEFAULT")
        if sequence:
            cursor.execute(f"DROP SEQUENCE IF EXISTS {sequence}")
        cursor.execute(f"ALTER TABLE {table} ALTER COLUMN fid ADD GENERATED BY DEFAULT AS IDENTITY")
        cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'fid'), COALESCE(MAX(fid), 0) + 1, false) "
                       f"FROM {table}", (table,))
    if layer.id == "land_use_certificate":
        cursor.execute(
            f'INSERT INTO "{schema}"."{catalogue.METADATA_TABLE}" (key, value) '
            f"SELECT %s, COUNT(*)::text FROM {table} ON CONFLICT (key) DO NOTHING", (REGISTER_UNCHAINED_KEY,))


def _create_gpkg_layers(ds, layers) -> None:
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(catalogue.CRS_EPSG)
    for layer in layers:
        options = ["FID=fid"]
        if layer.is_spatial:
            options += ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"]
        ogr_layer = ds.CreateLayer(layer.id, srs if layer.is_spatial else None,
                                   _ogr_geometry_type(layer.geometry), options=options)
        if ogr_layer is None:
            raise DatabaseError(tr("Could not create layer {layer}.").format(layer=layer.id))
        for field in layer.all_fields:
            if ogr_layer.CreateField(_ogr_field(field)) != 0:
                raise DatabaseError(tr("Could not create field {layer}.{field}.").format(
                    layer=layer.id, field=field.name))


def _gpkg_finish(path: str, layers) -> None:
    """Metadata table, append-only triggers and indexes, through sqlite3 (no geometry touched)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        connection.execute(f'CREATE TABLE IF NOT EXISTS "{catalogue.METADATA_TABLE}" '
                           "(key TEXT PRIMARY KEY, value TEXT)")
        connection.executemany(f'INSERT OR REPLACE INTO "{catalogue.METADATA_TABLE}" (key, value) VALUES (?, ?)',
                               _metadata_rows())
        connection.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
            "VALUES (?, 'attributes', ?, ?)",
            (catalogue.METADATA_TABLE, catalogue.METADATA_TABLE, "municipal_gis schema metadata"))
        for layer in layers:
            for field in layer.indexed_fields():
                connection.execute(f'CREATE INDEX IF NOT EXISTS "{layer.id}_{field.name}_idx" '
                                   f'ON "{layer.id}" ("{field.name}")')
        _guard_gpkg(connection, catalogue.LAYERS)
        connection.execute("COMMIT")
    except Exception:
        connection.execute("ROLLBACK") if connection.in_transaction else None
        raise
    finally:
        connection.close()


def _create_gpkg(location: DatabaseLocation, overwrite: bool) -> None:
    from osgeo import gdal, ogr

    target = Path(location.path)
    if target.suffix.lower() != ".gpkg":
        raise DatabaseError(tr("{path}: a municipal database file must end in .gpkg.").format(path=location.path))
    if target.exists() and not overwrite:
        raise DatabaseError(tr("{path} already exists; choose another file or allow overwriting.").format(
            path=location.path))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # build beside the target and move into place: a failure never leaves half a database
        fd, tmp = tempfile.mkstemp(suffix=".gpkg", dir=str(target.parent))
    except OSError as exc:  # read-only folder, a file where a folder should be, …
        raise DatabaseError(tr("Cannot write in the folder {folder}: {reason}. Choose a folder you may write "
                               "to.").format(folder=target.parent, reason=exc.strerror or exc)) from exc
    os.close(fd)
    os.unlink(tmp)
    gdal.UseExceptions()
    try:
        driver = ogr.GetDriverByName("GPKG")
        ds = driver.CreateDataSource(tmp, options=["VERSION=1.2"])
        if ds is None:
            raise DatabaseError(tr("Could not create GeoPackage {path}.").format(path=location.path))
        ds.StartTransaction()
        _create_gpkg_layers(ds, catalogue.LAYERS)
        ds.CommitTransaction()
        ds = None
        _gpkg_finish(tmp, catalogue.LAYERS)
        from municipal_gis.layers.history import install_gpkg

        install_gpkg(tmp)  # edit history triggers (schema 2)
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"):
            if os.path.exists(leftover):
                os.unlink(leftover)


def _pg_column(field: catalogue.Field) -> str:
    parts = [f'"{field.name}" {_PG_TYPES[field.type]}']
    if field.not_null:
        parts.append("NOT NULL")
    if field.unique:
        parts.append("UNIQUE")
    return " ".join(parts)


def _pg_table_sql(schema: str, layer: catalogue.Layer) -> list[str]:
    fid = "fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" if layer.append_only else "fid bigserial PRIMARY KEY"
    columns = [fid] + [_pg_column(f) for f in layer.all_fields]
    if layer.is_spatial:
        columns.append(f'geom geometry({layer.geometry}, {catalogue.CRS_EPSG})')
    statements = [f'CREATE TABLE "{schema}"."{layer.id}" ({", ".join(columns)})']
    if layer.is_spatial:
        statements.append(f'CREATE INDEX "{layer.id}_geom_idx" ON "{schema}"."{layer.id}" USING gist (geom)')
    for field in layer.indexed_fields():
        statements.append(f'CREATE INDEX "{layer.id}_{field.name}_idx" ON "{schema}"."{layer.id}" '
                          f'("{field.name}")')
    return statements


def _create_postgis(location: DatabaseLocation, overwrite: bool, layers=None) -> None:
    import psycopg2

    layers = catalogue.LAYERS if layers is None else layers
    connection = location.dbapi_connect()
    schema = location.schema
    try:
        with connection:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
                if cursor.fetchone() is None:
                    try:
                        cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
                    except psycopg2.Error as exc:
                        raise DatabaseError(tr("{db}: the PostGIS extension is not installed and could not be "
                                               "created ({error}). Ask the database administrator to run "
                                               "CREATE EXTENSION postgis.").format(
                            db=location.label, error=str(exc).strip())) from exc
                cursor.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
                               (schema, catalogue.METADATA_TABLE))
                if cursor.fetchone() is not None:
                    if not overwrite:
                        raise DatabaseError(tr("{db} already holds a municipal database; choose another schema "
                                               "or allow overwriting.").format(db=location.label))
                    cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
                cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                cursor.execute(f'CREATE TABLE "{schema}"."{catalogue.METADATA_TABLE}" '
                               "(key text PRIMARY KEY, value text)")
                cursor.executemany(
                    f'INSERT INTO "{schema}"."{catalogue.METADATA_TABLE}" (key, value) VALUES (%s, %s)',
                    _metadata_rows())
                for layer in layers:
                    for statement in _pg_table_sql(schema, layer):
                        cursor.execute(statement)
                    cursor.execute(f'COMMENT ON TABLE "{schema}"."{layer.id}" IS %s',
                                   (f"{layer.name_el} / {layer.name_en}",))
                    for field in layer.all_fields:
                        cursor.execute(f'COMMENT ON COLUMN "{schema}"."{layer.id}"."{field.name}" IS %s',
                                       (f"{field.alias_el} / {field.alias_en}",))
                    if layer.append_only:
                        _guard_pg(cursor, schema, layer)
                from municipal_gis.layers.history import _pg_install

                _pg_install(cursor, schema)  # edit history, row versions, parcel rules (schema 2)
    except psycopg2.Error as exc:
        raise DatabaseError(tr("{db}: could not create the municipal tables: {error}").format(
            db=location.label, error=str(exc).strip())) from exc
    finally:
        connection.close()


def create_database(location, overwrite: bool = False) -> DatabaseLocation:
    """Make an empty municipal database with every catalogue layer (transactional)."""
    location = DatabaseLocation.parse(location)
    if location.kind == "gpkg":
        _create_gpkg(location, overwrite)
    else:
        _create_postgis(location, overwrite)
    return location


# --------------------------------------------------------------------------------------------
# Writing records


def _as_layer_geometry(geometry, layer: catalogue.Layer):
    if geometry is None:
        return None
    if layer.geometry == "MultiPolygon" and geometry.geom_type == "Polygon":
        return shapely.MultiPolygon([geometry])
    if layer.geometry == "MultiLineString" and geometry.geom_type == "LineString":
        return shapely.MultiLineString([geometry])
    return geometry


def _to_db_value(value, field: catalogue.Field):
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


def _set_ogr_field(feature, index: int, field: catalogue.Field, value) -> None:
    if value is None:
        feature.SetFieldNull(index)
        return
    if field.type == catalogue.DATE:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        feature.SetField(index, value.year, value.month, value.day, 0, 0, 0.0, 0)
    elif field.type == catalogue.DATETIME:
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        feature.SetField(index, value.year, value.month, value.day, value.hour, value.minute,
                         value.second + value.microsecond / 1e6, 100 if value.tzinfo else 0)
    elif field.type == catalogue.BOOLEAN:
        feature.SetField(index, 1 if value else 0)
    elif field.type == catalogue.INTEGER:
        feature.SetField(index, int(value))
    elif field.type == catalogue.REAL:
        feature.SetField(index, float(value))
    else:
        feature.SetField(index, str(value))


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
    if location.kind == "gpkg":
        return _write_gpkg(location, layer, records, geometries, feedback)
    return _write_postgis(location, layer, records, geometries, feedback)


def _write_gpkg(location, layer, records, geometries, feedback) -> int:
    from osgeo import gdal, ogr

    gdal.UseExceptions()
    ds = ogr.Open(location.path, 1)
    if ds is None:
        raise DatabaseError(tr("Cannot open {path} for writing.").format(path=location.path))
    ogr_layer = ds.GetLayerByName(layer.id)
    if ogr_layer is None:
        raise DatabaseError(tr("{db} has no layer {layer}.").format(db=location.label, layer=layer.id))
    definition = ogr_layer.GetLayerDefn()
    fields = [(definition.GetFieldIndex(f.name), f) for f in layer.all_fields]
    missing = [f.name for idx, f in fields if idx < 0]
    if missing:
        raise DatabaseError(tr("{db}: layer {layer} lacks fields {fields}.").format(
            db=location.label, layer=layer.id, fields=", ".join(missing)))
    wkbs = None
    if geometries is not None and layer.is_spatial:
        prepared = [_as_layer_geometry(g, layer) for g in geometries]
        wkbs = shapely.to_wkb(prepared, output_dimension=3, include_srid=False)
    ds.StartTransaction()
    try:
        for i, record in enumerate(records):
            feature = ogr.Feature(definition)
            for index, field in fields:
                if field.name in record:
                    _set_ogr_field(feature, index, field, record[field.name])
            if wkbs is not None and wkbs[i] is not None:
                feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkbs[i]))
            try:
                failed = ogr_layer.CreateFeature(feature) != 0
            except RuntimeError:
                failed = True
            if failed:
                raise DatabaseError(tr("Layer {layer}, record {n}: could not be written ({reason}).").format(
                    layer=layer.id, n=i + 1, reason=gdal.GetLastErrorMsg() or "?"))
            if feedback is not None and i % 10000 == 0 and feedback.isCanceled():
                raise DatabaseError(tr("Cancelled by the user."))
        ds.CommitTransaction()
    except Exception:
        ds.RollbackTransaction()
        raise
    finally:
        ds = None
    return len(records)


def _write_postgis(location, layer, records, geometries, feedback) -> int:
    import psycopg2
    from psycopg2.extras import execute_values

    names = [f.name for f in layer.all_fields]
    by_name = {f.name: f for f in layer.all_fields}
    columns = ", ".join(f'"{n}"' for n in names)
    template_parts = ["%s"] * len(names)
    rows = []
    wkbs = None
    if geometries is not None and layer.is_spatial:
        wkbs = shapely.to_wkb([_as_layer_geometry(g, layer) for g in geometries], hex=True, output_dimension=3)
        columns += ", geom"
        template_parts.append(f"ST_SetSRID(ST_GeomFromWKB(decode(%s, 'hex')), {catalogue.CRS_EPSG})")
    for i, record in enumerate(records):
        row = [_to_db_value(record.get(n), by_name[n]) for n in names]
        if wkbs is not None:
            row.append(wkbs[i])
        rows.append(row)
    connection = location.dbapi_connect()
    try:
        with connection:
            with connection.cursor() as cursor:
                execute_values(cursor, f"INSERT INTO {location.table(layer.id)} ({columns}) VALUES %s", rows,
                               template="(" + ", ".join(template_parts) + ")", page_size=2000)
    except psycopg2.Error as exc:
        raise DatabaseError(tr("{db}, layer {layer}: could not write the records: {error}").format(
            db=location.label, layer=layer.id, error=str(exc).strip())) from exc
    finally:
        connection.close()
    return len(records)


# --------------------------------------------------------------------------------------------
# Upgrade


def backup_database(location: DatabaseLocation) -> str:
    """Copy a GeoPackage beside itself before an upgrade; return the backup's path."""
    if location.kind != "gpkg":
        return ""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = f"{location.path}.backup-{stamp}"
    source = sqlite3.connect(location.path)
    try:
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)
        destination.close()
    finally:
        source.close()
    return target


def upgrade_database(location) -> list[str]:
    """Add the catalogue layers and fields a database lacks, keeping every row; return what changed.

    The database is backed up first (GeoPackage: a copy beside it; PostGIS: one transaction).
    """
    location = DatabaseLocation.parse(location)
    info = open_database(location)
    changes: list[str] = []
    missing_layers = [layer for layer in catalogue.LAYERS if layer.id not in info.tables]
    missing_fields = [
        (layer, field)
        for layer in catalogue.LAYERS
        if layer.id in info.tables
        for field in layer.all_fields
        if field.name.lower() not in info.tables[layer.id]
    ]
    if not missing_layers and not missing_fields and info.schema_version == catalogue.SCHEMA_VERSION:
        return changes
    if location.kind == "gpkg":
        backup = backup_database(location)
        changes.append(f"backup {backup}")
        from osgeo import gdal, ogr

        gdal.UseExceptions()
        ds = ogr.Open(location.path, 1)
        ds.StartTransaction()
        try:
            _create_gpkg_layers(ds, missing_layers)
            for layer, field in missing_fields:
                definition = _ogr_field(field)
                definition.SetNullable(True)  # existing rows have no value yet
                definition.SetUnique(False)
                ds.GetLayerByName(layer.id).CreateField(definition)
            ds.CommitTransaction()
        except Exception:
            ds.RollbackTransaction()
            raise
        finally:
            ds = None
        _gpkg_finish(location.path, missing_layers)
        from municipal_gis.layers.history import install_gpkg

        changes += install_gpkg(location.path)
    else:
        connection = location.dbapi_connect()
        try:
            with connection, connection.cursor() as cursor:
                for layer in missing_layers:
                    for statement in _pg_table_sql(location.schema, layer):
                        cursor.execute(statement)
                for layer, field in missing_fields:
                    cursor.execute(f'ALTER TABLE {location.table(layer.id)} ADD COLUMN '
                                   f'"{field.name}" {_PG_TYPES[field.type]}')
                for layer in catalogue.LAYERS:
                    if layer.append_only:
                        _guard_pg(cursor, location.schema, layer)
                cursor.execute(f'UPDATE "{location.schema}"."{catalogue.METADATA_TABLE}" SET value = %s '
                               "WHERE key = %s", (str(catalogue.SCHEMA_VERSION), MARKER_KEY))
                from municipal_gis.layers.history import _pg_install

                changes += _pg_install(cursor, location.schema)
        finally:
            connection.close()
    changes += [f"layer {layer.id}" for layer in missing_layers]
    changes += [f"field {layer.id}.{field.name}" for layer, field in missing_fields]
    return changes

