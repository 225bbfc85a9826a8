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


# Export (the GeoParquet files of the document, written by DuckDB instead of ogr2ogr, whose Parquet
# driver needs GDAL ≥ 3.8), then the document's overlay SQL (bench/peer_duckdb.py, which the national
# benchmark runs too).
DUCKDB_RUN = f"""
import json, sys
sys.path.insert(0, {str(ROOT / 'bench')!r})
import duckdb
from peer_duckdb import OVERLAY_SQL, load_spatial, views
folder, = sys.argv[1:]
data = json.load(open(f"{{folder}}/city.json"))
con = duckdb.connect()
load_spatial(con)
con.execute("CREATE TABLE p (fid BIGINT, kaek TEXT, municipality TEXT, geom BLOB)")
con.execute("CREATE TABLE z (zone_code TEXT, municipality TEXT, valid_from DATE, valid_to DATE, geom BLOB)")
con.executemany("INSERT INTO p VALUES (?, ?, ?, from_hex(?))", data["parcels"])
con.executemany("INSERT INTO z VALUES (?, ?, NULL, NULL, from_hex(?))", data["zones"])
con.execute(f"COPY p TO '{{folder}}/parcel.parquet' (FORMAT parquet)")
con.execute(f"COPY z TO '{{folder}}/land_use_zone.parquet' (FORMAT parquet)")
views(con, folder)
rows = con.execute(OVERLAY_SQL.format(as_of="2025-01-01")).fetchall()
print(json.dumps([[k, z, a] for _f, k, z, a in rows]))
"""


def _duckdb_or_skip():
    if not BENCH_PY.exists():
        pytest.skip("no .venv-bench: run `make bench-setup` (DuckDB runs there)")
    probe = subprocess.run([str(BENCH_PY), str(ROOT / "bench" / "peer_duckdb.py"), "probe"], capture_output=True,
                           text=True, timeout=300)
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["?"])[-1]
        if "No module named 'duckdb'" in probe.stderr:
            pytest.skip("DuckDB is not installed in .venv-bench (`make bench-setup` installs it)")
        pytest.skip(f"DuckDB's spatial extension could not be loaded here (neither the PyPI package "
                    f"duckdb-extension-spatial nor a download from extensions.duckdb.org): {reason[:200]}")


def test_duckdb_spatial_overlay_on_parquet_equals_the_python_core(tmp_path):
    _duckdb_or_skip()
    cities = {"9186": _city(7, n_parcels=200, n_zones=8), "9187": _city(8, n_parcels=200, n_zones=8)}
    # the second municipality overlaps the first (as an overlay of two municipalities' data could): only
    # each municipality's own zones may count for its parcels
    cities["9187"] = tuple(shapely.transform(g, lambda xy: xy + [100.0, 0.0]) for g in cities["9187"])
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
