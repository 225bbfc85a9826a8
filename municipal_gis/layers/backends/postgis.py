"""The PostGIS backend (multi-user): one schema per municipal database, through psycopg2 with
parameterised SQL. No credentials live in code: use a PostgreSQL service file or the QGIS
auth manager."""

from __future__ import annotations

import re

import shapely

from municipal_gis.i18n import tr
from municipal_gis.layers.backends.base import Backend
from municipal_gis.layers.database import (
    MARKER_KEY,
    REGISTER_UNCHAINED_KEY,
    DatabaseError,
    DatabaseInfo,
    as_layer_geometry,
    metadata_rows,
    to_db_value,
)
from municipal_gis.schema import catalogue

PG_TYPES = {
    catalogue.TEXT: "text",
    catalogue.INTEGER: "bigint",
    catalogue.REAL: "double precision",
    catalogue.DATE: "date",
    catalogue.DATETIME: "timestamp",
    catalogue.BOOLEAN: "boolean",
}


class PostgisBackend(Backend):
    kind = "postgis"
    paramstyle = "%s"
    has_roles = True
    row_versions = True
    rules_in_database = True
    overlay_in_database = True

    @property
    def schema(self) -> str:
        return self.location.schema

    def text(self) -> str:
        return f"PG:{self.location.conninfo} schema={self.schema}"

    def label(self) -> str:
        safe = re.sub(r"password=\S+", "password=***", self.location.conninfo)
        return f"PostGIS {safe}, schema {self.schema}"

    def table(self, name: str) -> str:
        return f'"{self.schema}"."{name}"'

    # -- connections and transactions -----------------------------------------------------------
    def connect(self):
        try:
            import psycopg2
        except ImportError as exc:  # pragma: no cover - Debian package python3-psycopg2
            raise DatabaseError(tr("PostGIS needs the Python package psycopg2 (python3-psycopg2).")) from exc
        try:
            return psycopg2.connect(self.location.conninfo, connect_timeout=10)
        except psycopg2.Error as exc:
            raise DatabaseError(tr("Cannot connect to {db}: {error}").format(
                db=self.label(), error=str(exc).strip())) from exc

    def errors(self) -> tuple:
        import psycopg2

        return (psycopg2.Error,)

    def _begin(self, connection, lock):
        cursor = connection.cursor()
        if lock:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (lock,))
        return cursor

    def _commit(self, connection) -> None:
        connection.commit()

    def _rollback(self, connection) -> None:
        connection.rollback()

    def recover(self, cursor) -> None:
        cursor.connection.rollback()

    # -- values in SQL --------------------------------------------------------------------------
    def geometry_select(self, column: str = "geom") -> str:
        return f"ST_AsBinary({column})"

    def geometry_param(self) -> str:
        return f"ST_SetSRID(ST_GeomFromWKB(%s), {catalogue.CRS_EPSG})"

    def geometry_to_db(self, geometry):
        return None if geometry is None else shapely.to_wkb(geometry, output_dimension=2)

    def geometry_from_db(self, value):
        return None if value is None else shapely.from_wkb(bytes(value))

    def moment(self, when):
        return when if when.tzinfo else when.astimezone()

    def features_in_box(self, table: str, key: str, bbox, where: str = "") -> list[tuple]:
        minx, miny, maxx, maxy = bbox
        rows = self.read(f'SELECT t.fid, t."{key}", ST_AsBinary(t.geom) FROM {self.table(table)} t '
                         f"WHERE t.geom && ST_MakeEnvelope(%s, %s, %s, %s, {catalogue.CRS_EPSG}) {where}",
                         (minx, miny, maxx, maxy))
        return [(r[0], r[1], self.geometry_from_db(r[2])) for r in rows]

    def checks_in_database(self):
        """`check_database`'s set-based checks as SQL in this database (one read-only transaction)."""
        from municipal_gis.layers.backends.postgis_checks import PostgisChecks

        return PostgisChecks(self)

    # -- inspection -----------------------------------------------------------------------------
    def inspect(self) -> DatabaseInfo:
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = %s",
                    (self.schema,))
                tables: dict[str, set[str]] = {}
                for table, column in cursor.fetchall():
                    tables.setdefault(table, set()).add(column.lower())
                version = None
                if catalogue.METADATA_TABLE in tables:
                    cursor.execute(f"SELECT value FROM {self.table(catalogue.METADATA_TABLE)} WHERE key = %s",
                                   (MARKER_KEY,))
                    row = cursor.fetchone()
                    version = int(row[0]) if row else None
        finally:
            connection.close()
        return DatabaseInfo(self.location, version, tables)

    # -- creation -------------------------------------------------------------------------------
    def create(self, overwrite: bool, layers=None) -> None:
        import psycopg2

        layers = catalogue.LAYERS if layers is None else layers
        schema = self.schema
        try:
            with self.transaction() as cursor:
                cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
                if cursor.fetchone() is None:
                    try:
                        cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
                    except psycopg2.Error as exc:
                        raise DatabaseError(tr("{db}: the PostGIS extension is not installed and could not be "
                                               "created ({error}). Ask the database administrator to run "
                                               "CREATE EXTENSION postgis.").format(
                            db=self.label(), error=str(exc).strip())) from exc
                cursor.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
                               (schema, catalogue.METADATA_TABLE))
                if cursor.fetchone() is not None:
                    if not overwrite:
                        raise DatabaseError(tr("{db} already holds a municipal database; choose another schema "
                                               "or allow overwriting.").format(db=self.label()))
                    cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
                cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                cursor.execute(f"CREATE TABLE {self.table(catalogue.METADATA_TABLE)} (key text PRIMARY KEY, value text)")
                cursor.executemany(
                    f"INSERT INTO {self.table(catalogue.METADATA_TABLE)} (key, value) VALUES (%s, %s)",
                    metadata_rows())
                for layer in layers:
                    for statement in table_sql(schema, layer):
                        cursor.execute(statement)
                    cursor.execute(f"COMMENT ON TABLE {self.table(layer.id)} IS %s",
                                   (f"{layer.name_el} / {layer.name_en}",))
                    for field in layer.all_fields:
                        cursor.execute(f'COMMENT ON COLUMN {self.table(layer.id)}."{field.name}" IS %s',
                                       (f"{field.alias_el} / {field.alias_en}",))
                    if layer.append_only:
                        guard(cursor, schema, layer)
                from municipal_gis.layers.history import _pg_install

                _pg_install(cursor, schema)  # edit history, row versions, parcel rules (schema 2)
        except psycopg2.Error as exc:
            raise DatabaseError(tr("{db}: could not create the municipal tables: {error}").format(
                db=self.label(), error=str(exc).strip())) from exc

    # -- writing --------------------------------------------------------------------------------
    def write(self, layer: catalogue.Layer, records: list[dict], geometries, feedback=None) -> int:
        import psycopg2
        from psycopg2.extras import execute_values

        names = [f.name for f in layer.all_fields]
        by_name = {f.name: f for f in layer.all_fields}
        columns = ", ".join(f'"{n}"' for n in names)
        template_parts = ["%s"] * len(names)
        rows = []
        wkbs = None
        if geometries is not None and layer.is_spatial:
            wkbs = shapely.to_wkb([as_layer_geometry(g, layer) for g in geometries], hex=True, output_dimension=3)
            columns += ", geom"
            template_parts.append(f"ST_SetSRID(ST_GeomFromWKB(decode(%s, 'hex')), {catalogue.CRS_EPSG})")
        for i, record in enumerate(records):
            row = [to_db_value(record.get(n), by_name[n]) for n in names]
            if wkbs is not None:
                row.append(wkbs[i])
            rows.append(row)
        try:
            with self.transaction() as cursor:
                execute_values(cursor, f"INSERT INTO {self.table(layer.id)} ({columns}) VALUES %s", rows,
                               template="(" + ", ".join(template_parts) + ")", page_size=2000)
        except psycopg2.Error as exc:
            raise DatabaseError(tr("{db}, layer {layer}: could not write the records: {error}").format(
                db=self.label(), layer=layer.id, error=str(exc).strip())) from exc
        return len(records)

    # -- upgrade --------------------------------------------------------------------------------
    def backup(self) -> str:
        return ""  # the upgrade is one transaction: a failure leaves the schema as it was

    def upgrade(self, missing_layers, missing_fields) -> list[str]:
        from municipal_gis.layers.history import _pg_install

        with self.transaction() as cursor:
            for layer in missing_layers:
                for statement in table_sql(self.schema, layer):
                    cursor.execute(statement)
            for layer, field in missing_fields:
                cursor.execute(f'ALTER TABLE {self.table(layer.id)} ADD COLUMN "{field.name}" {PG_TYPES[field.type]}')
            for layer in catalogue.LAYERS:
                if layer.append_only:
                    guard(cursor, self.schema, layer)
            cursor.execute(f"UPDATE {self.table(catalogue.METADATA_TABLE)} SET value = %s WHERE key = %s",
                           (str(catalogue.SCHEMA_VERSION), MARKER_KEY))
            return _pg_install(cursor, self.schema)

    def layer_uri(self, layer_id: str) -> tuple[str, str]:
        from qgis.core import QgsDataSourceUri, QgsWkbTypes

        layer = catalogue.layer(layer_id)
        uri = QgsDataSourceUri(self.location.conninfo)
        uri.setDataSource(self.schema, layer_id, "geom" if layer.is_spatial else None, "", "fid")
        if layer.is_spatial:
            uri.setSrid(str(catalogue.CRS_EPSG))
            uri.setWkbType(QgsWkbTypes.parseType(layer.geometry))
        return uri.uri(False), "postgres"

    # -- history hooks --------------------------------------------------------------------------
    def install_history(self) -> list[str]:
        from municipal_gis.layers.history import _pg_install

        with self.transaction() as cursor:
            return _pg_install(cursor, self.schema)

    def start_edit(self, cursor, user, reason, accept_exception) -> str:
        for name, value in (("mgis.user", user), ("mgis.reason", reason), ("mgis.accept_exception", accept_exception)):
            cursor.execute("SELECT set_config(%s, %s, true)", (name, value or ""))
        cursor.execute("SELECT txid_current()::text")
        return cursor.fetchone()[0]

    def set_veto(self, layer_id: str, message: str) -> None:
        from municipal_gis.layers.history import VETO_TABLE

        with self.transaction() as cursor:
            cursor.execute(f"INSERT INTO {self.table(VETO_TABLE)} (layer_id, message) VALUES (%s, %s)",
                           (layer_id, message))


# --------------------------------------------------------------------------------------------
# DDL


def _column(field: catalogue.Field) -> str:
    parts = [f'"{field.name}" {PG_TYPES[field.type]}']
    if field.not_null:
        parts.append("NOT NULL")
    if field.unique:
        parts.append("UNIQUE")
    return " ".join(parts)


def table_sql(schema: str, layer: catalogue.Layer) -> list[str]:
    fid = "fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" if layer.append_only else "fid bigserial PRIMARY KEY"
    columns = [fid] + [_column(f) for f in layer.all_fields]
    if layer.is_spatial:
        columns.append(f'geom geometry({layer.geometry}, {catalogue.CRS_EPSG})')
    statements = [f'CREATE TABLE "{schema}"."{layer.id}" ({", ".join(columns)})']
    if layer.is_spatial:
        statements.append(f'CREATE INDEX "{layer.id}_geom_idx" ON "{schema}"."{layer.id}" USING gist (geom)')
    for field in layer.indexed_fields():
        statements.append(f'CREATE INDEX "{layer.id}_{field.name}_idx" ON "{schema}"."{layer.id}" '
                          f'("{field.name}")')
    return statements


def guard(cursor, schema: str, layer: catalogue.Layer) -> None:
    """Append-only triggers, identity id and privileges of a register (idempotent): UPDATE, DELETE
    and TRUNCATE are refused, and the id is an identity column, so a clerk role needs only SELECT
    and INSERT on it."""
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
