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
WITH parcel AS (
    SELECT fid, kaek, CASE WHEN ST_IsValid(geom) THEN geom ELSE ST_CollectionExtract(ST_MakeValid(geom), 3) END AS geom
    FROM {p} WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)
), zone AS (
    SELECT fid, zone_code, CASE WHEN ST_IsValid(geom) THEN geom ELSE ST_CollectionExtract(ST_MakeValid(geom), 3) END AS geom
    FROM {z}
    WHERE geom IS NOT NULL
      AND (%(as_of)s::date IS NULL OR ((valid_from IS NULL OR valid_from <= %(as_of)s::date)
                                       AND (valid_to IS NULL OR valid_to > %(as_of)s::date)))
), piece AS (
    SELECT p.fid AS parcel_fid, p.kaek, z.zone_code,
           CASE WHEN ST_CoveredBy(p.geom, z.geom) THEN ST_Area(p.geom)
                ELSE ST_Area(ST_Intersection(p.geom, z.geom)) END AS area_m2
    FROM parcel p JOIN zone z ON ST_Intersects(p.geom, z.geom)
)
SELECT parcel_fid, kaek, zone_code, area_m2 FROM piece WHERE area_m2 > %(noise)s
UNION ALL
SELECT p.fid, p.kaek, NULL, ST_Area(p.geom) - coalesce(sum(pc.area_m2), 0)
FROM parcel p LEFT JOIN piece pc ON pc.parcel_fid = p.fid
GROUP BY p.fid, p.kaek, p.geom
HAVING ST_Area(p.geom) - coalesce(sum(pc.area_m2), 0) > %(noise)s
"""


def overlay_sql(parcel_table: str, zone_table: str) -> str:
    """The overlay SELECT for two schema-qualified, quoted table names."""
    return OVERLAY_SQL.format(p=parcel_table, z=zone_table)


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
