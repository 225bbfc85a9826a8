"""Edit history, row versions and (on PostGIS) the cadastral rules, kept by the database itself.

Every layer in `catalogue.HISTORY_LAYERS` gets a `<layer>_history` table holding one row per
*version* of a feature: its full image (fields and geometry), the operation that made it
(`insert`, `update`, `delete`, or `baseline` for rows that existed before history was switched
on), who, when, the transaction, the reason given, and its validity period
`[h_valid_from, h_valid_to)` (open while it is the current version; on PostGIS also as a
`tstzrange` column `h_valid`). A `delete` row keeps the image of the deleted feature with an
empty period. Change ids (`change_id`) are unique across all history tables of a database.

Triggers write the history, so a change made by any client (QGIS, ogr2ogr, psql, sqlite3) is
recorded. The plugin's own operations say who and why: on PostGIS through the settings
`mgis.user` / `mgis.reason` / `mgis.accept_exception` (`SET LOCAL`), on a GeoPackage through the
table `mgis_edit_context`, which a write transaction fills and empties before it commits (SQLite
has one writer at a time, so triggers only ever see the current transaction's context).

PostGIS only: `row_version` is raised on every update, and an UPDATE that names `row_version`
must carry the version its client loaded, otherwise it is refused as a stale save (optimistic
locking; `municipal_gis.gui.edit_guard` does this for QGIS layers). Parcels are checked by a
deferrable constraint trigger at commit (valid, ΚΑΕΚ well-formed, no overlap, inside the block,
no gap opened in a block), so no client can bypass the rules; a deliberate exception is
accepted when `mgis.accept_exception` holds a reason, and recorded in `edit_exception`.
"""

from __future__ import annotations

import sqlite3
import struct

import shapely

from municipal_gis.schema import catalogue

COUNTER_TABLE = "mgis_change_counter"
CONTEXT_TABLE = "mgis_edit_context"
VETO_TABLE = "mgis_commit_veto"
META_COLUMNS = ("change_id", "h_feature_id", "h_operation", "h_user", "h_time", "h_txid", "h_reason",
                "h_valid_from", "h_valid_to")
TOPOLOGY_TOLERANCE_M2 = 0.01
GPKG_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
VETO_FRESH = "strftime('%Y-%m-%dT%H:%M:%fZ','now','-60 seconds')"


def history_table(layer_id: str) -> str:
    return layer_id + catalogue.HISTORY_SUFFIX


def tracked_layers() -> tuple[catalogue.Layer, ...]:
    return tuple(catalogue.layer(layer_id) for layer_id in catalogue.HISTORY_LAYERS)


def key_field(layer: catalogue.Layer) -> str:
    """The field that names a feature to a person (ΚΑΕΚ, property code, Ο.Τ. …)."""
    for field in layer.fields:
        if field.unique:
            return field.name
    for field in layer.fields:
        if field.not_null and field.type == catalogue.TEXT:
            return field.name
    return layer.fields[0].name


# --------------------------------------------------------------------------------------------
# GeoPackage geometry blobs (so that plain sqlite3 can read and write geometries)


def gpkg_blob(geometry, srs_id: int = catalogue.CRS_EPSG) -> bytes | None:
    """A GeoPackage geometry blob (little-endian, xy envelope) for a shapely geometry."""
    if geometry is None:
        return None
    if shapely.is_empty(geometry):
        return b"GP\x00\x11" + struct.pack("<i", srs_id) + shapely.to_wkb(geometry, byte_order=1)
    minx, miny, maxx, maxy = shapely.bounds(geometry).tolist()
    header = b"GP\x00\x03" + struct.pack("<i", srs_id) + struct.pack("<4d", minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geometry, byte_order=1, output_dimension=2)


_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def from_gpkg_blob(blob):
    if blob is None:
        return None
    blob = bytes(blob)
    if blob[:2] != b"GP":
        return shapely.from_wkb(blob)
    flags = blob[3]
    offset = 8 + _ENVELOPE_BYTES[(flags >> 1) & 0x07]
    return shapely.from_wkb(blob[offset:])


def _envelope(blob):
    if blob is None:
        return None
    blob = bytes(blob)
    flags = blob[3]
    if flags & 0x10:
        return None  # empty
    if (flags >> 1) & 0x07:
        order = "<" if flags & 0x01 else ">"
        minx, maxx, miny, maxy = struct.unpack(order + "4d", blob[8:40])
        return minx, maxx, miny, maxy
    minx, miny, maxx, maxy = shapely.bounds(from_gpkg_blob(blob)).tolist()
    return minx, maxx, miny, maxy


def _st_is_empty(blob):
    if blob is None:
        return None
    return 1 if _envelope(blob) is None else 0


def _st_part(index):
    def function(blob):
        envelope = _envelope(blob)
        return None if envelope is None else envelope[index]
    return function


def gpkg_connect(path: str) -> sqlite3.Connection:
    """sqlite3 connection to a GeoPackage with the few spatial functions its R-tree triggers call,
    so that features can be written without GDAL. Autocommit mode: the caller runs BEGIN."""
    connection = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    connection.create_function("ST_IsEmpty", 1, _st_is_empty, deterministic=True)
    for n, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        connection.create_function(name, 1, _st_part(n), deterministic=True)
    return connection


# --------------------------------------------------------------------------------------------
# GeoPackage DDL

_SQLITE_TYPES = {
    catalogue.TEXT: "TEXT", catalogue.INTEGER: "INTEGER", catalogue.REAL: "REAL", catalogue.DATE: "DATE",
    catalogue.DATETIME: "DATETIME", catalogue.BOOLEAN: "BOOLEAN",
}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _data_columns(layer: catalogue.Layer) -> list[str]:
    return [f.name for f in layer.all_fields] + (["geom"] if layer.is_spatial else [])


def _gpkg_history_ddl(layer: catalogue.Layer) -> list[str]:
    table = history_table(layer.id)
    columns = ["change_id INTEGER PRIMARY KEY", "h_feature_id INTEGER NOT NULL", "h_operation TEXT NOT NULL",
               "h_user TEXT", "h_time DATETIME NOT NULL", "h_txid TEXT", "h_reason TEXT",
               "h_valid_from DATETIME", "h_valid_to DATETIME"]
    columns += [f"{_q(f.name)} {_SQLITE_TYPES[f.type]}" for f in layer.all_fields]
    if layer.is_spatial:
        columns.append(f"geom {layer.geometry.upper()}")
    return [
        f"CREATE TABLE IF NOT EXISTS {_q(table)} ({', '.join(columns)})",
        f"CREATE INDEX IF NOT EXISTS {_q(table + '_feature_idx')} ON {_q(table)} (h_feature_id, h_valid_to)",
        f"CREATE INDEX IF NOT EXISTS {_q(table + '_txid_idx')} ON {_q(table)} (h_txid)",
        f"CREATE INDEX IF NOT EXISTS {_q(table + '_time_idx')} ON {_q(table)} (h_time)",
    ]


def _gpkg_triggers(layer: catalogue.Layer) -> list[str]:
    table, hist = layer.id, history_table(layer.id)
    data = _data_columns(layer)
    targets = ", ".join(list(META_COLUMNS) + [_q(c) for c in data])
    ctx = f"(SELECT value FROM {CONTEXT_TABLE} WHERE key = '{{}}')"
    user, reason, txid = ctx.format("user"), ctx.format("reason"), ctx.format("txid")
    change = f"(SELECT n FROM {COUNTER_TABLE})"
    bump = f"UPDATE {COUNTER_TABLE} SET n = n + 1;"
    close = (f"UPDATE {_q(hist)} SET h_valid_to = {GPKG_NOW} "
             f"WHERE h_feature_id = OLD.fid AND h_valid_to IS NULL;")

    def image(row: str, version_expr: str | None = None) -> str:
        values = []
        for c in data:
            if c == catalogue.ROW_VERSION and version_expr:
                values.append(version_expr)
            else:
                values.append(f"{row}.{_q(c)}")
        return ", ".join(values)

    common = f"{user}, {GPKG_NOW}, coalesce({txid}, 's' || {GPKG_NOW}), {reason}"
    new_version = f"coalesce(OLD.{catalogue.ROW_VERSION}, 0) + 1"
    own_bump = " AND ".join([f"coalesce(NEW.{catalogue.ROW_VERSION}, 0) = {new_version}"] + [
        f"NEW.{_q(c)} IS OLD.{_q(c)}" for c in data if c != catalogue.ROW_VERSION])
    return [
        f"CREATE TRIGGER {_q('mgis_history_' + table + '_insert')} AFTER INSERT ON {_q(table)} BEGIN {bump} "
        f"INSERT INTO {_q(hist)} ({targets}) SELECT {change}, NEW.fid, 'insert', {common}, {GPKG_NOW}, NULL, "
        f"{image('NEW')}; END",
        # GDAL turns recursive triggers on: the version bump below must not record itself again
        f"CREATE TRIGGER {_q('mgis_history_' + table + '_update')} AFTER UPDATE ON {_q(table)} "
        f"WHEN NOT ({own_bump}) BEGIN {bump} {close} "
        f"INSERT INTO {_q(hist)} ({targets}) SELECT {change}, NEW.fid, 'update', {common}, {GPKG_NOW}, NULL, "
        f"{image('NEW', new_version)}; "
        f"UPDATE {_q(table)} SET {catalogue.ROW_VERSION} = {new_version} WHERE fid = NEW.fid; END",
        f"CREATE TRIGGER {_q('mgis_history_' + table + '_delete')} AFTER DELETE ON {_q(table)} BEGIN {bump} {close} "
        f"INSERT INTO {_q(hist)} ({targets}) SELECT {change}, OLD.fid, 'delete', {common}, {GPKG_NOW}, "
        f"{GPKG_NOW}, {image('OLD')}; END",
        # a commit the plugin's check stopped: QGIS (or anyone) writing the layer meanwhile is refused
        f"CREATE TRIGGER {_q('mgis_veto_' + table + '_insert')} BEFORE INSERT ON {_q(table)} "
        f"WHEN EXISTS (SELECT 1 FROM {VETO_TABLE} WHERE layer_id = '{table}' AND created > {VETO_FRESH}) BEGIN "
        f"SELECT RAISE(ABORT, 'municipal_gis: the cadastral check stopped this commit (see the message in QGIS)'); END",
        f"CREATE TRIGGER {_q('mgis_veto_' + table + '_update')} BEFORE UPDATE ON {_q(table)} "
        f"WHEN EXISTS (SELECT 1 FROM {VETO_TABLE} WHERE layer_id = '{table}' AND created > {VETO_FRESH}) BEGIN "
        f"SELECT RAISE(ABORT, 'municipal_gis: the cadastral check stopped this commit (see the message in QGIS)'); END",
    ]


def _gpkg_install(connection: sqlite3.Connection) -> list[str]:
    changes = []
    connection.execute(f"CREATE TABLE IF NOT EXISTS {COUNTER_TABLE} (n INTEGER NOT NULL)")
    if connection.execute(f"SELECT count(*) FROM {COUNTER_TABLE}").fetchone()[0] == 0:
        connection.execute(f"INSERT INTO {COUNTER_TABLE} (n) VALUES (0)")
    connection.execute(f"CREATE TABLE IF NOT EXISTS {CONTEXT_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute(f"CREATE TABLE IF NOT EXISTS {VETO_TABLE} (layer_id TEXT, message TEXT, created DATETIME)")
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for layer in tracked_layers():
        if layer.id not in tables:
            continue
        hist = history_table(layer.id)
        existed = hist in tables
        for statement in _gpkg_history_ddl(layer):
            connection.execute(statement)
        present = {r[1] for r in connection.execute(f"PRAGMA table_info({_q(hist)})")}
        for field in layer.all_fields:
            if field.name not in present:
                connection.execute(f"ALTER TABLE {_q(hist)} ADD COLUMN {_q(field.name)} {_SQLITE_TYPES[field.type]}")
        if not existed:
            changes.append(f"history {hist}")
            connection.execute(
                "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                "VALUES (?, ?, ?, ?, ?)",
                (hist, "features" if layer.is_spatial else "attributes", hist,
                 f"History of {layer.id} (municipal_gis)", catalogue.CRS_EPSG if layer.is_spatial else None))
            if layer.is_spatial:
                connection.execute(
                    "INSERT OR IGNORE INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, "
                    "srs_id, z, m) VALUES (?, 'geom', ?, ?, 0, 0)", (hist, layer.geometry.upper(), catalogue.CRS_EPSG))
        present_main = {r[1] for r in connection.execute(f"PRAGMA table_info({_q(layer.id)})")}
        missing = [c for c in _data_columns(layer) if c not in present_main]
        if missing:
            continue  # the caller adds the fields first
        for name, in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
                "AND (name LIKE 'mgis_history_%' OR name LIKE 'mgis_veto_%')", (layer.id,)).fetchall():
            connection.execute(f"DROP TRIGGER {_q(name)}")
        for statement in _gpkg_triggers(layer):
            connection.execute(statement)
        _gpkg_baseline(connection, layer)
    return changes


def _gpkg_baseline(connection, layer) -> None:
    """Rows without any history (written before history existed) get a `baseline` version."""
    hist = history_table(layer.id)
    data = _data_columns(layer)
    rows = connection.execute(
        f"SELECT fid FROM {_q(layer.id)} t WHERE NOT EXISTS "
        f"(SELECT 1 FROM {_q(hist)} h WHERE h.h_feature_id = t.fid)").fetchall()
    for (fid,) in rows:
        connection.execute(f"UPDATE {COUNTER_TABLE} SET n = n + 1")
        connection.execute(
            f"INSERT INTO {_q(hist)} ({', '.join(list(META_COLUMNS) + [_q(c) for c in data])}) "
            f"SELECT (SELECT n FROM {COUNTER_TABLE}), fid, 'baseline', NULL, {GPKG_NOW}, NULL, NULL, NULL, NULL, "
            f"{', '.join(_q(c) for c in data)} FROM {_q(layer.id)} WHERE fid = ?", (fid,))


def install_gpkg(path: str) -> list[str]:
    """History tables and triggers in a GeoPackage (idempotent, one transaction)."""
    connection = gpkg_connect(path)
    try:
        connection.execute("BEGIN IMMEDIATE")
        changes = _gpkg_install(connection)
        connection.execute("COMMIT")
    except Exception:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    return changes


# --------------------------------------------------------------------------------------------
# PostGIS DDL

_PG_TYPES = {
    catalogue.TEXT: "text", catalogue.INTEGER: "bigint", catalogue.REAL: "double precision",
    catalogue.DATE: "date", catalogue.DATETIME: "timestamp", catalogue.BOOLEAN: "boolean",
}


def _pg_history_ddl(schema: str, layer: catalogue.Layer) -> list[str]:
    s = _q(schema)
    hist = f"{s}.{_q(history_table(layer.id))}"
    columns = [f"change_id bigint PRIMARY KEY DEFAULT nextval('{schema}.mgis_change_seq')",
               "h_feature_id bigint NOT NULL", "h_operation text NOT NULL", "h_user text",
               "h_time timestamptz NOT NULL", "h_txid text", "h_reason text", "h_valid_from timestamptz",
               "h_valid_to timestamptz",
               "h_valid tstzrange GENERATED ALWAYS AS (tstzrange(h_valid_from, h_valid_to)) STORED"]
    columns += [f"{_q(f.name)} {_PG_TYPES[f.type]}" for f in layer.all_fields]
    if layer.is_spatial:
        columns.append(f"geom geometry({layer.geometry}, {catalogue.CRS_EPSG})")
    name = history_table(layer.id)
    return [
        f"CREATE TABLE IF NOT EXISTS {hist} ({', '.join(columns)})",
        f"CREATE INDEX IF NOT EXISTS {_q(name + '_feature_idx')} ON {hist} (h_feature_id, h_valid_to)",
        f"CREATE INDEX IF NOT EXISTS {_q(name + '_txid_idx')} ON {hist} (h_txid)",
        f"CREATE INDEX IF NOT EXISTS {_q(name + '_valid_idx')} ON {hist} USING gist (h_valid)",
        f"COMMENT ON TABLE {hist} IS 'History of {layer.id}: one row per version (municipal_gis)'",
    ]


_PG_CONTEXT = """
    ts timestamptz := clock_timestamp();
    who text := coalesce(nullif(current_setting('mgis.user', true), ''), session_user::text);
    why text := nullif(current_setting('mgis.reason', true), '');
    tx text := txid_current()::text;
"""


def _pg_functions(schema: str, layer: catalogue.Layer) -> list[str]:
    s = _q(schema)
    hist = f"{s}.{_q(history_table(layer.id))}"
    data = _data_columns(layer)
    targets = ", ".join(list(META_COLUMNS[1:]) + [_q(c) for c in data])
    new_image = ", ".join(f"NEW.{_q(c)}" for c in data)
    old_image = ", ".join(f"OLD.{_q(c)}" for c in data)
    key = key_field(layer)
    label = layer.name_en
    return [
        f"""CREATE OR REPLACE FUNCTION {s}.{_q('mgis_history_' + layer.id)}() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE {_PG_CONTEXT}
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE {hist} SET h_valid_to = greatest(ts, coalesce(h_valid_from, ts))
            WHERE h_feature_id = OLD.fid AND h_valid_to IS NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        INSERT INTO {hist} ({targets}) VALUES (OLD.fid, 'delete', who, ts, tx, why, ts, ts, {old_image});
        RETURN OLD;
    END IF;
    INSERT INTO {hist} ({targets}) VALUES (NEW.fid, lower(TG_OP), who, ts, tx, why, ts, NULL, {new_image});
    RETURN NEW;
END $fn$""",
        f"""CREATE OR REPLACE FUNCTION {s}.{_q('mgis_version_check_' + layer.id)}() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE who text; at timestamptz;
BEGIN
    IF coalesce(NEW.row_version, 0) <> coalesce(OLD.row_version, 0) THEN
        SELECT h_user, h_time INTO who, at FROM {hist} WHERE h_feature_id = OLD.fid
            ORDER BY change_id DESC LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = format(
            'municipal_gis stale save: %s %s (fid %s) was changed by %s at %s after you loaded it '
            '(you loaded version %s, it is now version %s). Reload the feature and apply your change again.',
            '{label}', OLD.{_q(key)}, OLD.fid, coalesce(who, '?'),
            to_char(at, 'YYYY-MM-DD HH24:MI:SS'), coalesce(NEW.row_version, 0), coalesce(OLD.row_version, 0));
    END IF;
    RETURN NEW;
END $fn$""",
    ]


def _pg_triggers(schema: str, layer: catalogue.Layer) -> list[str]:
    s = _q(schema)
    table = f"{s}.{_q(layer.id)}"
    statements = [
        f"DROP TRIGGER IF EXISTS mgis_history ON {table}",
        f"DROP TRIGGER IF EXISTS mgis_v1_version_check ON {table}",
        f"DROP TRIGGER IF EXISTS mgis_v2_version_bump ON {table}",
        f"DROP TRIGGER IF EXISTS mgis_v0_veto ON {table}",
        f"CREATE TRIGGER mgis_v0_veto BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION {s}.mgis_veto()",
        f"CREATE TRIGGER mgis_history AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION {s}.{_q('mgis_history_' + layer.id)}()",
        # BEFORE triggers fire in name order: the check sees the client's version, then it is raised
        f"CREATE TRIGGER mgis_v1_version_check BEFORE UPDATE OF {catalogue.ROW_VERSION} ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION {s}.{_q('mgis_version_check_' + layer.id)}()",
        f"CREATE TRIGGER mgis_v2_version_bump BEFORE UPDATE ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION {s}.mgis_version_bump()",
    ]
    return statements


def _pg_parcel_topology(schema: str) -> list[str]:
    s = _q(schema)
    parcel, block, exc = f"{s}.parcel", f"{s}.city_block", f"{s}.edit_exception"
    active = "(p.status IS NULL OR p.status <> 'closed')"
    return [f"""CREATE OR REPLACE FUNCTION {s}.mgis_parcel_topology() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    tol double precision := {TOPOLOGY_TOLERANCE_M2};
    accepted text := nullif(current_setting('mgis.accept_exception', true), '');
    who text := coalesce(nullif(current_setting('mgis.user', true), ''), session_user::text);
    cur {parcel}%ROWTYPE; hit record; blk record; problems text[] := '{{}}'; rules text[] := '{{}}';
    freed geometry; area double precision; kaek text;
BEGIN
    IF TG_OP <> 'DELETE' THEN
        SELECT * INTO cur FROM {parcel} WHERE fid = NEW.fid;
    END IF;
    IF TG_OP = 'UPDATE' AND cur.fid IS NOT NULL AND OLD.geom IS NOT DISTINCT FROM cur.geom
            AND OLD.status IS NOT DISTINCT FROM cur.status AND OLD.kaek IS NOT DISTINCT FROM cur.kaek
            AND OLD.ot_code IS NOT DISTINCT FROM cur.ot_code THEN
        RETURN NULL;  -- only other attributes changed: the parcel's topology is what it was
    END IF;
    IF TG_OP = 'INSERT' THEN kaek := cur.kaek; ELSE kaek := coalesce(cur.kaek, OLD.kaek); END IF;
    IF cur.fid IS NOT NULL AND cur.geom IS NOT NULL AND (cur.status IS NULL OR cur.status <> 'closed') THEN
        IF NOT ST_IsValid(cur.geom) THEN
            rules := rules || 'invalid'::text;
            problems := problems || format('geometry is not valid (%s)', ST_IsValidReason(cur.geom));
        ELSE
            FOR hit IN SELECT p.kaek, ST_Area(ST_Intersection(p.geom, cur.geom)) AS a FROM {parcel} p
                    WHERE p.fid <> cur.fid AND {active} AND p.geom && cur.geom AND ST_Intersects(p.geom, cur.geom)
            LOOP
                IF hit.a > tol THEN
                    rules := rules || 'overlap'::text;
                    problems := problems || format('overlaps parcel %s by %s m2', hit.kaek, round(hit.a::numeric, 2));
                END IF;
            END LOOP;
            SELECT b.ot_code, b.geom INTO blk FROM {block} b WHERE b.geom && cur.geom
                ORDER BY (b.ot_code IS NOT DISTINCT FROM cur.ot_code) DESC,
                         ST_Area(ST_Intersection(b.geom, cur.geom)) DESC LIMIT 1;
            IF blk.geom IS NOT NULL THEN
                area := ST_Area(ST_Difference(cur.geom, blk.geom));
                IF area > tol THEN
                    rules := rules || 'outside_block'::text;
                    problems := problems || format('lies %s m2 outside city block %s', round(area::numeric, 2),
                                                   blk.ot_code);
                END IF;
            END IF;
        END IF;
        IF cur.kaek IS NULL OR cur.kaek !~ '^[0-9]{{12}}(/[0-9]{{1,4}})*$' THEN
            rules := rules || 'kaek_format'::text;
            problems := problems || format('ΚΑΕΚ «%s» is not 12 digits', cur.kaek);
        END IF;
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.geom IS NOT NULL AND (OLD.status IS NULL OR OLD.status <> 'closed') THEN
        IF cur.fid IS NULL OR cur.geom IS NULL OR cur.status = 'closed' THEN
            freed := OLD.geom;
        ELSIF ST_IsValid(cur.geom) AND ST_IsValid(OLD.geom) THEN
            freed := ST_Difference(OLD.geom, cur.geom);
        END IF;
        IF freed IS NOT NULL AND NOT ST_IsEmpty(freed) AND ST_Area(freed) > tol THEN
            freed := ST_Difference(freed, coalesce((SELECT ST_Union(p.geom) FROM {parcel} p
                     WHERE p.fid <> OLD.fid AND {active} AND p.geom && freed), ST_SetSRID('POLYGON EMPTY'::geometry, {catalogue.CRS_EPSG})));
            freed := ST_Intersection(freed, coalesce((SELECT ST_Union(b.geom) FROM {block} b WHERE b.geom && freed),
                                                     ST_SetSRID('POLYGON EMPTY'::geometry, {catalogue.CRS_EPSG})));
            area := ST_Area(freed);
            IF area > tol THEN
                rules := rules || 'gap'::text;
                problems := problems || format('opens a gap of %s m2 inside a city block', round(area::numeric, 2));
            END IF;
        END IF;
    END IF;
    IF array_length(problems, 1) > 0 THEN
        IF accepted IS NULL THEN  -- accepted in QGIS just before this commit (municipal_gis edit guard)
            SELECT message INTO accepted FROM {s}.{VETO_TABLE} WHERE layer_id = 'accept:' || kaek
                AND created > now() - interval '1 minute' ORDER BY created DESC LIMIT 1;
        END IF;
        IF accepted IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = '23514', MESSAGE = format(
                'municipal_gis cadastral check: parcel %s %s', kaek, array_to_string(problems, '; '));
        END IF;
        INSERT INTO {exc} (layer_id, kaek, rule, detail, reason, user_name, accepted_at)
            VALUES ('parcel', kaek, array_to_string(rules, ','), array_to_string(problems, '; '), accepted, who, now());
    END IF;
    RETURN NULL;
END $fn$""",
        f"DROP TRIGGER IF EXISTS mgis_parcel_topology ON {parcel}",
        f"CREATE CONSTRAINT TRIGGER mgis_parcel_topology AFTER INSERT OR UPDATE OR DELETE ON {parcel} "
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {s}.mgis_parcel_topology()"]


def _pg_install(cursor, schema: str) -> list[str]:
    changes = []
    s = _q(schema)
    cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {s}.mgis_change_seq")
    cursor.execute(f"CREATE TABLE IF NOT EXISTS {s}.{VETO_TABLE} (layer_id text, message text, "
                   "created timestamptz DEFAULT now())")
    cursor.execute(f"""CREATE OR REPLACE FUNCTION {s}.mgis_veto() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF EXISTS (SELECT 1 FROM {s}.{VETO_TABLE} WHERE layer_id = TG_TABLE_NAME
               AND created > now() - interval '1 minute') THEN
        RAISE EXCEPTION 'municipal_gis: the cadastral check stopped this commit (see the message in QGIS)';
    END IF;
    RETURN NEW;
END $fn$""")
    cursor.execute(f"""CREATE OR REPLACE FUNCTION {s}.mgis_version_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN NEW.row_version := coalesce(OLD.row_version, 0) + 1; RETURN NEW; END $fn$""")
    cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,))
    tables = {r[0] for r in cursor.fetchall()}
    for layer in tracked_layers():
        if layer.id not in tables:
            continue
        hist = history_table(layer.id)
        for statement in _pg_history_ddl(schema, layer):
            cursor.execute(statement)
        for field in layer.all_fields:
            cursor.execute(f"ALTER TABLE {s}.{_q(hist)} ADD COLUMN IF NOT EXISTS {_q(field.name)} "
                           f"{_PG_TYPES[field.type]}")
        if hist not in tables:
            changes.append(f"history {hist}")
        for statement in _pg_functions(schema, layer) + _pg_triggers(schema, layer):
            cursor.execute(statement)
        data = _data_columns(layer)
        cursor.execute(
            f"INSERT INTO {s}.{_q(hist)} ({', '.join(list(META_COLUMNS[1:]) + [_q(c) for c in data])}) "
            f"SELECT fid, 'baseline', NULL, now(), NULL, NULL, NULL, NULL, {', '.join(_q(c) for c in data)} "
            f"FROM {s}.{_q(layer.id)} t WHERE NOT EXISTS (SELECT 1 FROM {s}.{_q(hist)} h "
            f"WHERE h.h_feature_id = t.fid)")
    if {"parcel", "city_block", "edit_exception"} <= tables:
        for statement in _pg_parcel_topology(schema):
            cursor.execute(statement)
    return changes


def install(location) -> list[str]:
    """History tables and triggers (and on PostGIS the parcel rules) in a municipal database."""
    from municipal_gis.layers.database import DatabaseLocation

    location = DatabaseLocation.parse(location)
    if location.kind == "gpkg":
        return install_gpkg(location.path)
    connection = location.dbapi_connect()
    try:
        with connection, connection.cursor() as cursor:
            return _pg_install(cursor, location.schema)
    finally:
        connection.close()
