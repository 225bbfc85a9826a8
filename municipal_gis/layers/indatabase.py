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
    if location.kind != "postgis":
        raise ValueError("zone_areas runs in PostGIS only")
    sql = overlay_sql(location.table(parcel_layer), location.table(zone_layer))
    connection = location.dbapi_connect()
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = %s", (int(workers),))
            cursor.execute(sql, {"as_of": as_of, "noise": noise_m2})
            return [(int(f), k, z, float(a)) for f, k, z, a in cursor.fetchall()]
    finally:
        connection.close()
