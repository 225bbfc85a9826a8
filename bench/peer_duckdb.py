"""The national path off the database (docs/national_runs.md §3), run with .venv-bench/bin/python:
DuckDB with its spatial extension exports a catalogue GeoPackage's parcels and zones to Parquet (WKB
geometries) and runs the document's overlay SQL on the Parquet files.

    peer_duckdb.py export CITY.gpkg FOLDER        parcel.parquet, land_use_zone.parquet in FOLDER
    peer_duckdb.py probe                          exits 0 when DuckDB and its spatial extension load here
    peer_duckdb.py overlay FOLDER OUT.parquet     (parcel_fid, kaek, zone_code, area_m2) of every parcel
                                                  (OUT.csv: the same rows as CSV with a header)

Each prints one line of JSON: seconds, rows and the process's peak memory. The SQL is this module's
OVERLAY_SQL, which tests/test_national_duckdb.py runs as well.
"""

from __future__ import annotations

import json
import pathlib
import resource
import sys
import time

# Every parcel × zone in force (same municipality): the area of their intersection, and per parcel
# the unzoned rest. A parcel inside one zone needs no intersection at all. The municipality test is
# written as list_contains, not «p.municipality = z.municipality»: DuckDB turns an equality between
# the two sides into a hash join on the municipality and then tests ST_Intersects on every parcel ×
# zone pair of a municipality (a million parcels × 20 000 zones ran for minutes); this way it plans
# its SPATIAL_JOIN (an R-tree over one side) and checks the municipality on the pairs it finds.
OVERLAY_SQL = """
  WITH piece AS (
    SELECT p.fid AS parcel_fid, p.kaek, z.zone_code,
           CASE WHEN ST_CoveredBy(p.geom, z.geom) THEN ST_Area(p.geom)
                ELSE ST_Area(ST_Intersection(p.geom, z.geom)) END AS area_m2
    FROM parcel p JOIN zone z
      ON ST_Intersects(p.geom, z.geom) AND list_contains([z.municipality], p.municipality)
    WHERE (z.valid_from IS NULL OR z.valid_from <= DATE '{as_of}')
      AND (z.valid_to   IS NULL OR z.valid_to   >  DATE '{as_of}'))
  SELECT parcel_fid, kaek, zone_code, area_m2 FROM piece WHERE area_m2 > 1e-6
  UNION ALL
  SELECT p.fid, p.kaek, NULL, ST_Area(p.geom) - coalesce(s.zoned, 0)
  FROM parcel p LEFT JOIN (SELECT parcel_fid, sum(area_m2) AS zoned FROM piece GROUP BY ALL) s
    ON s.parcel_fid = p.fid
  WHERE ST_Area(p.geom) - coalesce(s.zoned, 0) > 1e-6"""


def load_spatial(con) -> None:
    """DuckDB's spatial extension: from PyPI's duckdb-extension-spatial when installed (the extension
    file of this DuckDB version), else DuckDB's own download from extensions.duckdb.org."""
    try:
        import duckdb_extension_spatial as package
    except ImportError:
        package = None
    if package is not None:
        version = con.execute("PRAGMA version").fetchone()[0]
        path = pathlib.Path(package.__file__).parent / "extensions" / version / "spatial.duckdb_extension"
        con.execute(f"INSTALL '{path}'" if path.is_file() else "INSTALL spatial")
    else:
        con.execute("INSTALL spatial")
    con.execute("LOAD spatial")


def views(con, folder) -> None:
    """parcel and zone over the Parquet files of `folder` (a file or a folder of files each)."""
    def source(name):
        path = pathlib.Path(folder) / name
        return f"{path}/*.parquet" if path.is_dir() else f"{path}.parquet"

    con.execute(f"CREATE OR REPLACE VIEW parcel AS SELECT fid, kaek, municipality, ST_GeomFromWKB(geom) AS geom "
                f"FROM read_parquet('{source('parcel')}')")
    con.execute(f"CREATE OR REPLACE VIEW zone AS SELECT zone_code, municipality, valid_from, valid_to, "
                f"ST_GeomFromWKB(geom) AS geom FROM read_parquet('{source('land_use_zone')}')")


def export(gpkg: str, folder: str, municipality: str = "9186") -> dict:
    """The GeoPackage's parcel and land_use_zone layers to Parquet, geometries as WKB (what
    `ogr2ogr -f Parquet ... -lco GEOMETRY_ENCODING=WKB` writes with GDAL ≥ 3.8). The layers are read
    through pyogrio's Arrow stream (GDAL) and handed to DuckDB without a copy; the spatial
    extension's own ST_Read is the fallback (it crashed on the million-parcel GeoPackage here)."""
    import duckdb

    con = duckdb.connect()
    load_spatial(con)
    out = pathlib.Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    columns = {"parcel": ["kaek"], "land_use_zone": ["zone_code", "valid_from", "valid_to"]}
    try:
        import pyogrio
    except ImportError:
        pyogrio = None
    for layer, names in columns.items():
        if pyogrio is not None:
            meta, table = pyogrio.read_arrow(gpkg, layer=layer, columns=names, return_fids=True)
            con.register("source", table)
            geometry = f'"{meta["geometry_name"] or "wkb_geometry"}"'
            kinds = {row[0]: row[1] for row in con.execute("DESCRIBE source").fetchall()}
            if kinds.get(geometry.strip('"'), "").upper().startswith("GEOMETRY"):  # GeoArrow read as GEOMETRY
                geometry = f"ST_AsWKB({geometry})"
            fid = "fid" if "fid" in table.column_names else "OGC_FID"
        else:
            con.execute(f"CREATE OR REPLACE VIEW source AS SELECT *, ST_AsWKB(geom) AS wkb FROM ST_Read('{gpkg}', "
                        f"layer='{layer}')")
            geometry, fid = "wkb", "fid"
        if layer == "parcel":
            select = f"SELECT {fid} AS fid, kaek, '{municipality}' AS municipality, {geometry} AS geom FROM source"
        else:
            select = (f"SELECT zone_code, '{municipality}' AS municipality, CAST(valid_from AS DATE) AS valid_from, "
                      f"CAST(valid_to AS DATE) AS valid_to, {geometry} AS geom FROM source")
        con.execute(f"COPY ({select}) TO '{out / layer}.parquet' (FORMAT parquet)")
        if pyogrio is not None:
            con.unregister("source")
    rows = con.execute(f"SELECT count(*) FROM read_parquet('{out / 'parcel.parquet'}')").fetchone()[0]
    return {"export_s": time.perf_counter() - t, "parcels": rows, "reader": "pyogrio" if pyogrio else "ST_Read"}


def overlay(folder: str, target: str, as_of: str = "2025-01-01") -> dict:
    import duckdb

    con = duckdb.connect()
    load_spatial(con)
    views(con, folder)
    csv = str(target).endswith(".csv")
    t = time.perf_counter()
    con.execute(f"COPY ({OVERLAY_SQL.format(as_of=as_of)}) TO '{target}' "
                f"({'FORMAT csv, HEADER' if csv else 'FORMAT parquet'})")
    reader = "read_csv_auto" if csv else "read_parquet"
    rows = con.execute(f"SELECT count(*) FROM {reader}('{target}')").fetchone()[0]
    return {"overlay_s": time.perf_counter() - t, "rows": rows,
            "threads": con.execute("SELECT current_setting('threads')").fetchone()[0]}


def main(argv) -> int:
    action, *args = argv
    if action == "probe":  # the test and the national benchmark ask before they run DuckDB
        import duckdb

        load_spatial(duckdb.connect())
        return 0
    result = export(*args) if action == "export" else overlay(*args)
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
