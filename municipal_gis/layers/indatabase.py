"""Parcel × zone areas computed inside PostGIS, for when parcels and zones live in one database.

Instead of pulling every feature into QGIS, the database does the overlay with its GiST indexes
and, for large tables, parallel workers. The areas are those of `core.overlay` (the Python path)
for zones that do not overlap one another: per parcel and zone in force, the area of their
intersection (a parcel covered by one zone takes its own area, no intersection computed), and
per parcel the unzoned rest. Overlapping zones are reported by `check_database` and handled by
the Python path, which splits the shared part into «A + B» pieces.

The same SELECT runs on a table partitioned by municipality (each partition is overlaid with its
own index; see docs/national_runs.md) and, with DuckDB's spatial extension, on a GeoParquet
export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from municipal_gis.core.overlay import NOISE_M2

# {p}, {z}: schema-qualified parcel and zone tables. Parameters: as_of (date or NULL), noise (m²).
OVERLAY_SQL = """
WITH piece AS (
    SELECT p.fid AS parcel_fid, p.kaek, z.zone_code,
           CASE WHEN ST_CoveredBy(f.pg, f.zg) THEN ST_Area(f.pg) ELSE ST_Area(ST_Intersection(f.pg, f.zg)) END
               AS area_m2
    FROM {p} p
    JOIN {z} z ON p.geom && z.geom  -- the GiST indexes of the tables themselves
    CROSS JOIN LATERAL (SELECT {fix_p} AS pg, {fix_z} AS zg) f
    WHERE NOT ST_IsEmpty(p.geom)
      AND (%(as_of)s::date IS NULL OR ((z.valid_from IS NULL OR z.valid_from <= %(as_of)s::date)
                                       AND (z.valid_to IS NULL OR z.valid_to > %(as_of)s::date)))
      AND ST_Intersects(f.pg, f.zg)
)
SELECT parcel_fid, kaek, zone_code, area_m2 FROM piece WHERE area_m2 > %(noise)s
UNION ALL
SELECT p.fid, p.kaek, NULL, ST_Area({fix_p}) - coalesce(s.zoned, 0)
FROM {p} p LEFT JOIN (SELECT parcel_fid, sum(area_m2) AS zoned FROM piece GROUP BY parcel_fid) s
    ON s.parcel_fid = p.fid
WHERE p.geom IS NOT NULL AND NOT ST_IsEmpty(p.geom) AND ST_Area({fix_p}) - coalesce(s.zoned, 0) > %(noise)s
"""
_FIX = "CASE WHEN ST_IsValid({g}) THEN {g} ELSE ST_CollectionExtract(ST_MakeValid({g}), 3) END"


def parallel(cursor, workers: int) -> None:
    """Let this transaction's queries use `workers` parallel workers, even over a small table.

    PostgreSQL splits a scan among workers only past a minimum table size and when the workers'
    start-up and per-row costs are paid back; the zones table (a few thousand rows) is below that,
    while each of its rows costs a GiST lookup and GEOS work. Charging nothing for parallel workers
    and setting no minimum lets the planner share out such a scan: a join of the parcel and zone tables
    as in `zone_areas`, 250 000 parcels × 5 000 zones, 6.0 s → 3.3 s on 2 CPUs. (`certificate_areas`
    runs its zone-by-zone loop on parallel connections instead: PostgreSQL does not run it in workers.)"""
    cursor.execute("SET LOCAL max_parallel_workers_per_gather = %s", (int(workers),))
    if int(workers) > 0:
        cursor.execute("SET LOCAL parallel_setup_cost = 0")
        cursor.execute("SET LOCAL parallel_tuple_cost = 0")
        cursor.execute("SET LOCAL min_parallel_table_scan_size = 0")


def overlay_sql(parcel_table: str, zone_table: str) -> str:
    """The overlay SELECT for two schema-qualified, quoted table names."""
    return OVERLAY_SQL.format(p=parcel_table, z=zone_table, fix_p=_FIX.format(g="p.geom"),
                              fix_z=_FIX.format(g="z.geom"))


def zone_areas(location, as_of: dt.date | None = None, *, parcel_layer: str = "parcel",
               zone_layer: str = "land_use_zone", workers: int = 2, noise_m2: float = NOISE_M2) -> list[tuple]:
    """Rows (parcel fid, ΚΑΕΚ, zone code or None for the unzoned rest, area m²) computed in PostGIS.

    `location`: a PostGIS `DatabaseLocation` (layers/database.py); `workers`: parallel workers
    the database may use for the query.
    """
    if not location.backend.overlay_in_database:
        raise ValueError(f"zone_areas runs in the database, which {location.backend.label()} cannot do")
    sql = overlay_sql(location.table(parcel_layer), location.table(zone_layer))
    connection = location.dbapi_connect()
    try:
        with connection, connection.cursor() as cursor:
            parallel(cursor, workers)
            cursor.execute(sql, {"as_of": as_of, "noise": noise_m2})
            return [(int(f), k, z, float(a)) for f, k, z, a in cursor.fetchall()]
    finally:
        connection.close()


# -- the overlay for land_use_certificate on two PostGIS layers ---------------------------------

@dataclass(frozen=True)
class PostgisTable:
    """A PostGIS table behind a QGIS layer: where it is and which columns the overlay needs."""

    conninfo: str
    schema: str
    table: str
    geometry: str
    key: str

    @property
    def sql_name(self) -> str:
        return f"{_quote(self.schema)}.{_quote(self.table)}"

    def connect(self):
        import psycopg2

        return psycopg2.connect(self.conninfo, connect_timeout=10)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def postgis_table(layer) -> PostgisTable | None:
    """The PostGIS table of a QGIS layer that is a whole table with no unsaved edit, keyed by the
    column whose values read_source gives as the rows' fids, else None.

    That column is the table's primary key as QGIS's provider uses it (not the URI's key, which a
    table layer may name differently and QGIS then ignores): `fid` when the key is the integer `fid`
    column (read_source reads it, whatever QGIS's own numbering); another integer key only when QGIS's
    feature ids are its values, i.e. int2/int4 (a bigint key is numbered 1, 2, 3… by QGIS itself).
    """
    from qgis.core import QgsDataSourceUri, QgsVectorLayer

    from municipal_gis.qgisio.features import FID_FIELD, fid_field_index

    if not isinstance(layer, QgsVectorLayer) or not layer.isValid() or layer.providerType() != "postgres":
        return None
    if layer.subsetString() or layer.isModified():  # the SQL sees only what is saved
        return None
    uri = QgsDataSourceUri(layer.source())
    if not uri.table() or not uri.geometryColumn() or uri.sql():
        return None
    if uri.table().lstrip().startswith("("):  # a query layer, not a table
        return None
    keys = layer.primaryKeyAttributes()
    if len(keys) != 1:
        return None
    field = layer.fields().at(keys[0])
    if keys[0] == fid_field_index(layer.fields()):
        key = FID_FIELD
    elif field.typeName().lower() in ("int2", "int4", "integer", "smallint", "serial"):
        key = field.name()
    else:
        return None
    return PostgisTable(uri.connectionInfo(True), uri.schema() or "public", uri.table(), uri.geometryColumn(), key)


# column types read as QGIS's postgres provider gives them (text, whole numbers, doubles, dates,
# booleans); any other type (numeric, real, timestamps, arrays…) is left to QGIS
_PLAIN_TYPES = ("text", "character varying", "integer", "bigint", "smallint", "double precision", "date",
                "boolean")


def read_columns(table: PostgisTable, names, geometry: bool = False, multi: bool = False):
    """The table's rows as a SourceData, straight from PostgreSQL: fids (the key `postgis_table`
    chose), the columns `names` as read_source gives them for the whole table (the caller has
    checked with postgis_table that the layer is the whole saved table) and, with `geometry`, the
    geometries (shapely, from ST_AsBinary; single parts made multi-part with `multi`, as QGIS gives
    them for a multi-type layer), else None for each. Rows in key order. QGIS's own feature ids are
    not known here: the result's `ids` are its fids, which for a bigint key are not QGIS's — for
    messages, outputs and SQL, not for selecting on the layer.
    None when a column's type is not one read the same way, or a geometry one shapely does not read
    (curves): the caller then uses read_source.
    """
    import numpy as np
    import shapely

    from municipal_gis.qgisio.features import SourceData, promote_to_multi

    names = list(names)
    connection = table.connect()
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute("SELECT attname, format_type(atttypid, NULL) FROM pg_attribute "
                           "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                           (table.sql_name,))
            types = dict(cursor.fetchall())
            if any(types.get(n) not in _PLAIN_TYPES for n in names) or types.get(table.key) not in (
                    "integer", "bigint", "smallint"):
                return None
            columns = [_quote(n) for n in [table.key, *names]]
            if geometry:
                columns.append(f"ST_AsBinary({_quote(table.geometry)})")
            cursor.execute(f"SELECT {', '.join(columns)} FROM {table.sql_name} ORDER BY {_quote(table.key)}")
            rows = cursor.fetchall()
    finally:
        connection.close()
    values = list(zip(*rows)) if rows else [()] * len(columns)
    fids = np.array(values[0], dtype=np.int64)
    geometries = np.full(len(fids), None, dtype=object)
    if geometry and len(fids):
        wkb = np.array([None if w is None else bytes(w) for w in values[-1]], dtype=object)
        present = np.flatnonzero(wkb != None)  # noqa: E711 - elementwise
        try:
            geometries[present] = shapely.from_wkb(wkb[present])
        except Exception:  # noqa: BLE001 - e.g. curves, which GEOS does not read: QGIS reads them
            return None
        if multi:
            promote_to_multi(geometries)
    return SourceData(fids, geometries, {n: list(v) for n, v in zip(names, values[1:])})


# Zone by zone, each zone's parcels through the parcel table's GiST index: PostGIS then prepares the
# zone once for all its parcels (ST_Intersects, ST_CoveredBy keep the prepared geometry of an argument
# repeated from call to call). The per-zone LATERAL aggregate keeps that shape: as a plain join, on a
# million parcels, the planner scanned the parcels outside and looked the zones up by index — a new
# zone at every call, nothing prepared, 25–71 s instead of 15 s. PostgreSQL does not run such a loop
# in parallel workers, so certificate_areas runs it in parts (zones by key modulo `parts`) on several
# connections at once, all on one snapshot.
PIECES_SQL = """
SELECT unnest(x.parcels), z.{zk}, unnest(x.areas)
FROM {z} z
CROSS JOIN LATERAL (SELECT {fix_z} AS zg) fz
CROSS JOIN LATERAL (
    SELECT array_agg(p.{pk}) AS parcels,
           array_agg(CASE WHEN ST_CoveredBy(f.pg, fz.zg) THEN ST_Area(f.pg)
                          ELSE ST_Area(ST_Intersection(f.pg, fz.zg)) END) AS areas
    FROM {p} p
    CROSS JOIN LATERAL (SELECT {fix_p} AS pg) f
    WHERE p.{pg} && z.{zg}  -- the GiST index of the parcel table itself
      AND NOT ST_IsEmpty(p.{pg}) AND ST_Intersects(f.pg, fz.zg)
) x
WHERE z.{zk} = ANY(%(zones)s) AND z.{zk} %% %(parts)s = %(part)s
"""
PARCELS_SQL = """
SELECT p.{pk},
       CASE WHEN p.{pg} IS NULL OR ST_IsEmpty(p.{pg}) THEN NULL
            WHEN v.valid THEN ST_Area(p.{pg})
            ELSE ST_Area(ST_CollectionExtract(ST_MakeValid(p.{pg}), 3)) END,
       CASE WHEN p.{pg} IS NULL THEN 'missing' WHEN ST_IsEmpty(p.{pg}) THEN 'empty'
            WHEN NOT v.valid THEN ST_IsValidReason(p.{pg}) END,
       ST_Area(p.{pg})
FROM {p} p
CROSS JOIN LATERAL (SELECT ST_IsValid(p.{pg}) AS valid) v  -- once per parcel
"""
INVALID_ZONES_SQL = "SELECT z.{zk} FROM {z} z WHERE z.{zk} = ANY(%(zones)s) AND NOT ST_IsValid(z.{zg})"
# Only the rows found invalid beforehand are repaired in the pairs: ST_IsValid of a zone of a few
# thousand vertices, once per parcel it meets, cost more than the overlay itself.
_FIX_LISTED = "CASE WHEN {key} = ANY(%({listed})s) THEN ST_CollectionExtract(ST_MakeValid({g}), 3) ELSE {g} END"


def certificate_areas(parcels: PostgisTable, zones: PostgisTable, zone_fids, workers: int = 2):
    """(pieces, parcels) computed in PostGIS for land_use_certificate.

    pieces: (parcel key, zone key, area m²) per parcel × zone of `zone_fids` (the zones in force,
    which must not overlap one another) whose geometries intersect; parcels: (parcel key, area
    m² of the repaired polygon or None when there is none, reason when the geometry is missing,
    empty or invalid else None, area before the repair) per parcel. Invalid geometries are
    repaired as the Python core repairs them (ST_MakeValid, polygonal parts): each parcel's and
    zone's validity is tested once, and only the invalid ones are repaired where they meet.
    Every query reads one snapshot of the database (REPEATABLE READ, exported to the connections
    of the pieces' parts), so an edit committed meanwhile by another user is in none or in all.
    """
    from concurrent.futures import ThreadPoolExecutor

    names = {"p": parcels.sql_name, "z": zones.sql_name, "pk": _quote(parcels.key), "zk": _quote(zones.key),
             "pg": _quote(parcels.geometry), "zg": _quote(zones.geometry)}
    zone_keys = [int(z) for z in zone_fids]
    workers = max(1, int(workers))
    parts = 4 * workers  # more parts than connections: a part of large zones does not hold up the rest
    connection = parcels.connect()
    try:
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection, connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            parallel(cursor, workers)
            cursor.execute(PARCELS_SQL.format(**names))
            parcel_rows = cursor.fetchall()
            cursor.execute(INVALID_ZONES_SQL.format(**names), {"zones": zone_keys})
            bad_zones = [row[0] for row in cursor.fetchall()]
            bad_parcels = [key for key, _area, reason, _raw in parcel_rows if reason not in (None, "missing", "empty")]
            fix_p = _FIX_LISTED.format(key=f"p.{names['pk']}", listed="bad_parcels", g=f"p.{names['pg']}")
            fix_z = _FIX_LISTED.format(key=f"z.{names['zk']}", listed="bad_zones", g=f"z.{names['zg']}")
            sql = PIECES_SQL.format(fix_p=fix_p, fix_z=fix_z, **names)

            def part(k):
                other = parcels.connect()
                try:
                    other.set_session(isolation_level="REPEATABLE READ", readonly=True)
                    with other, other.cursor() as cur:
                        cur.execute("SET TRANSACTION SNAPSHOT %s", (snapshot,))
                        cur.execute("SET LOCAL max_parallel_workers_per_gather = 0")
                        cur.execute(sql, {"zones": zone_keys, "parts": parts, "part": k, "bad_parcels": bad_parcels,
                                          "bad_zones": bad_zones})
                        return cur.fetchall()
                finally:
                    other.close()

            # the snapshot lives as long as this transaction: the parts run inside it
            with ThreadPoolExecutor(workers) as pool:
                pieces = [row for rows in pool.map(part, range(parts)) for row in rows]
    finally:
        connection.close()
    return pieces, parcel_rows
