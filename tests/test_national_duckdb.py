"""The national path off the database (docs/national_runs.md §3): the parcels and zones exported to
Parquet with WKB geometries, and the document's overlay SQL run by DuckDB's spatial extension,
give the areas of the Python core to 0.01 m².

DuckDB runs in the benchmark venv (.venv-bench, `make bench-setup`) with its spatial extension from
PyPI's `duckdb-extension-spatial` (the extension file for that DuckDB version, installed from the file;
without that package DuckDB's own `INSTALL spatial` downloads it from extensions.duckdb.org). Where
neither works the test is skipped, saying why.
"""

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
import shapely

from municipal_gis.core import overlay
from tests.test_indatabase import _city

ROOT = Path(__file__).resolve().parent.parent
BENCH_PY = ROOT / ".venv-bench" / "bin" / "python"

# Loads DuckDB's spatial extension into `con`: from the PyPI package when installed, else DuckDB's download.
SPATIAL = r"""
def load_spatial(con):
    import pathlib
    try:
        import duckdb_extension_spatial as package
    except ImportError:
        package = None
    if package is not None:
        version = con.execute("PRAGMA version").fetchone()[0]
        path = pathlib.Path(package.__file__).parent / "extensions" / version / "spatial.duckdb_extension"
        if path.is_file():
            con.execute(f"INSTALL '{path}'")
    else:
        con.execute("INSTALL spatial")
    con.execute("LOAD spatial")
"""

PROBE = SPATIAL + "import duckdb\nload_spatial(duckdb.connect())\nprint('ok')"

# Export (the GeoParquet files of the document, written by DuckDB instead of ogr2ogr, whose Parquet
# driver needs GDAL ≥ 3.8), then the document's overlay SQL verbatim in shape.
DUCKDB_RUN = SPATIAL + r"""
import json, sys
import duckdb
folder, = sys.argv[1:]
data = json.load(open(f"{folder}/city.json"))
con = duckdb.connect()
load_spatial(con)
con.execute("CREATE TABLE p (fid BIGINT, kaek TEXT, municipality TEXT, geom BLOB)")
con.execute("CREATE TABLE z (zone_code TEXT, municipality TEXT, valid_from DATE, valid_to DATE, geom BLOB)")
con.executemany("INSERT INTO p VALUES (?, ?, ?, from_hex(?))", data["parcels"])
con.executemany("INSERT INTO z VALUES (?, ?, NULL, NULL, from_hex(?))", data["zones"])
con.execute(f"COPY p TO '{folder}/parcel.parquet' (FORMAT parquet)")
con.execute(f"COPY z TO '{folder}/land_use_zone.parquet' (FORMAT parquet)")
con.execute(f"CREATE VIEW parcel AS SELECT fid, kaek, municipality, ST_GeomFromWKB(geom) AS geom "
            f"FROM read_parquet('{folder}/parcel.parquet')")
con.execute(f"CREATE VIEW zone AS SELECT zone_code, municipality, valid_from, valid_to, ST_GeomFromWKB(geom) AS geom "
            f"FROM read_parquet('{folder}/land_use_zone.parquet')")
rows = con.execute('''
  WITH piece AS (
    SELECT p.fid AS parcel_fid, p.kaek, z.zone_code,
           CASE WHEN ST_CoveredBy(p.geom, z.geom) THEN ST_Area(p.geom)
                ELSE ST_Area(ST_Intersection(p.geom, z.geom)) END AS area_m2
    FROM parcel p JOIN zone z
      ON p.municipality = z.municipality AND ST_Intersects(p.geom, z.geom)
    WHERE (z.valid_from IS NULL OR z.valid_from <= DATE '2025-01-01')
      AND (z.valid_to   IS NULL OR z.valid_to   >  DATE '2025-01-01'))
  SELECT parcel_fid, kaek, zone_code, area_m2 FROM piece WHERE area_m2 > 1e-6
  UNION ALL
  SELECT p.fid, p.kaek, NULL, ST_Area(p.geom) - coalesce(s.zoned, 0)
  FROM parcel p LEFT JOIN (SELECT parcel_fid, sum(area_m2) AS zoned FROM piece GROUP BY ALL) s
    ON s.parcel_fid = p.fid
  WHERE ST_Area(p.geom) - coalesce(s.zoned, 0) > 1e-6''').fetchall()
print(json.dumps([[k, z, a] for _f, k, z, a in rows]))
"""


def _duckdb_or_skip():
    if not BENCH_PY.exists():
        pytest.skip("no .venv-bench: run `make bench-setup` (DuckDB runs there)")
    probe = subprocess.run([str(BENCH_PY), "-c", PROBE], capture_output=True, text=True, timeout=300)
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["?"])[-1]
        if "No module named 'duckdb'" in probe.stderr:
            pytest.skip("DuckDB is not installed in .venv-bench (`make bench-setup` installs it)")
        pytest.skip(f"DuckDB's spatial extension could not be loaded here (neither the PyPI package "
                    f"duckdb-extension-spatial nor a download from extensions.duckdb.org): {reason[:200]}")


def test_duckdb_spatial_overlay_on_parquet_equals_the_python_core(tmp_path):
    _duckdb_or_skip()
    cities = {"9186": _city(7, n_parcels=200, n_zones=8), "9187": _city(8, n_parcels=200, n_zones=8)}
    cities["9187"] = tuple(shapely.transform(g, lambda xy: xy + [10_000.0, 0.0]) for g in cities["9187"])
    parcels_rows, zones_rows, core = [], [], {}
    for m, (parcels, zones) in cities.items():
        for i, g in enumerate(parcels):
            parcels_rows.append([len(parcels_rows) + 1, f"{m}0{i:07d}", m, shapely.to_wkb(g, hex=True)])
        for j, g in enumerate(zones):
            zones_rows.append([f"{m}-Z{j}", m, shapely.to_wkb(g, hex=True)])
        res = overlay.overlay(parcels, zones, keep_geometry=False)
        for p, z, a in zip(res.parcel.tolist(), res.zone.tolist(), res.area_m2.tolist()):
            key = (f"{m}0{p:07d}", f"{m}-Z{z}" if z >= 0 else None)
            core[key] = core.get(key, 0.0) + a
    (tmp_path / "city.json").write_text(json.dumps({"parcels": parcels_rows, "zones": zones_rows}))
    done = subprocess.run([str(BENCH_PY), "-c", DUCKDB_RUN, str(tmp_path)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "parcel.parquet").is_file() and (tmp_path / "land_use_zone.parquet").is_file()
    duck = {}
    for k, z, a in json.loads(done.stdout.strip().splitlines()[-1]):
        duck[(k, z)] = duck.get((k, z), 0.0) + a
    assert set(duck) == set(core)
    assert max(abs(duck[k] - core[k]) for k in core) <= 0.01
    assert abs(sum(duck.values()) - sum(float(np.sum(shapely.area(p))) for p, _ in cities.values())) < 0.01
