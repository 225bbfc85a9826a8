"""Benchmark: importing a technical programme of 10 000 rows into a municipal GeoPackage.

Rows are the 43 Serres sample rows repeated with numbered titles and varied amounts (the
malformed amounts of the sample come along, about 12 %). Ours reads the CSV, parses every cell
(amounts, Κ.Α. lists and ranges, measures, funding sources), writes projects and funding rows in
one transaction, then re-imports the same file (no change) and a revised file (10 % of the
budgets changed). Peers load the same CSV as raw text, with no parsing or checking at all:
pandas read_csv + to_sql into SQLite (.venv-bench), and GDAL VectorTranslate (ogr2ogr) into a
GeoPackage. The ratios show what the reading of every cell costs over a raw load.

Then a funding-proposal map pack of 100 projects (--projects) on 6 400 parcels: one PDF per
project plus the combined PDF, through `municipal_gis:funding_proposal_maps` (no peer: QGIS's
own atlas export is what it runs).

    .venv/bin/python bench/bench_programme.py [--quick] [--rows N] [--projects N] [--no-maps]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from municipal_gis.core.programme import format_amount, read_programme  # noqa: E402
from municipal_gis.layers.programme_store import import_programme  # noqa: E402

SAMPLE = ROOT / "resources" / "sample" / "technical_programme_rows_serres_2019.csv"
PEER_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
PANDAS_PEER = r"""
import sys, time, json, sqlite3
import pandas as pd
path, db = sys.argv[1], sys.argv[2]
t = time.perf_counter()
frame = pd.read_csv(path, dtype=str, keep_default_na=False)
connection = sqlite3.connect(db)
frame.to_sql("programme_raw", connection, index=False, if_exists="replace")
connection.commit()
n = connection.execute("SELECT count(*) FROM programme_raw").fetchone()[0]
connection.close()
print(json.dumps({"seconds": time.perf_counter() - t, "rows": n, "pandas": pd.__version__}))
"""


def make_rows(n: int, seed: int = 5, revise: float = 0.0):
    with SAMPLE.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    budget = header.index("budget_text")
    rnd = random.Random(seed)
    revised = random.Random(seed + 1)
    out = [header]
    for i in range(n):
        row = list(body[i % len(body)])
        row[2] = f"{row[2]} – τμήμα {i // len(body) + 1}"
        if i % len(body) not in (3, 14, 16, 19, 20):  # keep the malformed amounts verbatim
            value = rnd.randint(1_000_00, 3_000_000_00) / 100
            if revise and revised.random() < revise:
                value += 1000.0
            row[budget] = format_amount(value) + " €"
        out.append(row)
    return out


def write_csv(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def timed(fn, *args, **kw):
    t = time.perf_counter()
    value = fn(*args, **kw)
    return time.perf_counter() - t, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--no-maps", action="store_true")
    args = parser.parse_args()
    n = 1_000 if args.quick else args.rows
    n_maps = 10 if args.quick else args.projects

    from osgeo import gdal

    from municipal_gis.layers.database import DatabaseLocation, create_database

    gdal.UseExceptions()
    work = Path(tempfile.mkdtemp(prefix="bench_programme_"))
    source = work / "programme.csv"
    revised = work / "programme_revised.csv"
    write_csv(source, make_rows(n))
    write_csv(revised, make_rows(n, revise=0.10))
    gpkg = work / "municipality.gpkg"
    create_database(str(gpkg))
    location = DatabaseLocation.parse(str(gpkg))

    from municipal_gis.i18n import tr

    tr("warm-up")  # the first tr() imports Qt; inside QGIS it is already loaded
    results = {"rows": n}
    t_read, read = timed(read_programme, source, 2019)
    assert len(read.projects) == n, len(read.projects)
    t_write, first = timed(import_programme, location, read.projects, read.fundings, 2019)
    assert len(first.added) == n
    t_reread, again = timed(read_programme, source, 2019)
    t_rewrite, second = timed(import_programme, location, again.projects, again.fundings, 2019)
    assert not second.changed and len(second.unchanged) == n
    t_rev_read, rev = timed(read_programme, revised, 2019)
    t_rev_write, third = timed(import_programme, location, rev.projects, rev.fundings, 2019)
    changed = len(set(third.updated) | set(third.funding_changed))
    results.update({
        "ours_parse_s": t_read, "ours_write_s": t_write, "ours_import_s": t_read + t_write,
        "ours_reimport_s": t_reread + t_rewrite, "ours_revised_s": t_rev_read + t_rev_write,
        "findings": len(read.findings), "revised_projects_changed": changed,
    })

    # peer 1: ogr2ogr CSV → GeoPackage, raw text
    target = work / "peer_ogr.gpkg"
    t_ogr, translated = timed(gdal.VectorTranslate, str(target), str(source), format="GPKG",
                              layerName="programme_raw")
    translated = None  # closed now: left open, GDAL finishes writing it at exit, after the read below  # noqa: F841
    from osgeo import ogr

    ds = ogr.Open(str(target))
    assert ds.GetLayer(0).GetFeatureCount() == n
    ds = None
    results["ogr2ogr_raw_s"] = t_ogr

    # peer 2: pandas read_csv + to_sql (.venv-bench, numpy 2)
    if PEER_PYTHON.exists():
        run = subprocess.run([str(PEER_PYTHON), "-c", PANDAS_PEER, str(source), str(work / "peer.sqlite")],
                             capture_output=True, text=True, timeout=600)
        if run.returncode == 0:
            peer = json.loads(run.stdout.strip().splitlines()[-1])
            assert peer["rows"] == n
            results["pandas_raw_s"] = peer["seconds"]
            results["pandas_version"] = peer["pandas"]
        else:
            results["pandas_error"] = run.stderr.strip().splitlines()[-1] if run.stderr else "failed"

    print(f"\nTechnical programme import, {n} rows ({results['findings']} findings; "
          f"revised file: {changed} projects changed)")
    print(f"{'step':48s} {'seconds':>9s} {'rows/s':>10s}")
    for label, key in (("ours: read + parse every cell", "ours_parse_s"),
                       ("ours: write (one transaction)", "ours_write_s"),
                       ("ours: import total", "ours_import_s"),
                       ("ours: re-import same file (no change)", "ours_reimport_s"),
                       ("ours: import revised file (10 % changed)", "ours_revised_s"),
                       ("peer: ogr2ogr CSV → GeoPackage (raw text)", "ogr2ogr_raw_s"),
                       ("peer: pandas read_csv + to_sql (raw text)", "pandas_raw_s")):
        if key in results:
            print(f"{label:48s} {results[key]:9.3f} {n / results[key]:10.0f}")
    print()
    for peer in ("ogr2ogr_raw_s", "pandas_raw_s"):
        if peer in results:
            ratio = results["ours_import_s"] / results[peer]
            results[f"ratio_ours_vs_{peer[:-2]}"] = ratio
            print(f"ratio ours import / {peer[:-2]}: {ratio:.2f}× (ours also parses and checks every cell)")
    if not args.no_maps:
        seconds, pages = bench_map_pack(work, n_maps)
        results.update({"map_pack_projects": pages, "map_pack_s": seconds,
                        "map_pack_s_per_page": seconds / max(pages, 1)})
        print(f"map pack: {pages} projects (PDF each + combined) in {seconds:.1f} s, "
              f"{seconds / max(pages, 1):.2f} s per project")
    out = ROOT / "bench" / "results" / "programme.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"results: {out}")
    import shutil

    shutil.rmtree(work, ignore_errors=True)


def bench_map_pack(work: Path, n_projects: int) -> tuple[float, int]:
    """A municipality with n located projects on a grid of parcels; time the whole pack."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shapely
    from osgeo import ogr
    from qgis.core import QgsApplication

    from municipal_gis.layers.database import DatabaseLocation, create_database, write_records

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing  # noqa: F401
    from processing.core.Processing import Processing

    Processing.initialize()
    from municipal_gis.processing.algorithms.funding_proposal_maps import FundingProposalMaps

    gpkg = work / "map_pack.gpkg"
    create_database(str(gpkg))
    x0, y0, side = 460000.0, 4545000.0, 25.0
    cells = 80
    parcels = [shapely.MultiPolygon([shapely.box(x0 + i * side, y0 + j * side, x0 + (i + 1) * side,
                                                 y0 + (j + 1) * side)]) for i in range(cells) for j in range(cells)]
    write_records(str(gpkg), "parcel", [{"kaek": f"4001604{k:05d}"} for k in range(len(parcels))], parcels)
    write_records(str(gpkg), "community", [{"name": "Σέρρες", "is_city": True}],
                  [shapely.MultiPolygon([shapely.box(x0, y0, x0 + cells * side, y0 + cells * side)])])
    write_records(str(gpkg), "municipal_property", [{"property_code": f"ΔΑ-{k}", "kaek": f"4001604{k * 7:05d}"}
                                                    for k in range(300)],
                  [parcels[k * 7] for k in range(300)])
    rows = make_rows(n_projects, seed=3)
    read = read_programme(rows, 2019)
    import_programme(DatabaseLocation.parse(str(gpkg)), read.projects, read.fundings, 2019)
    per_row = 10
    ds = ogr.Open(str(gpkg), 1)
    layer = ds.GetLayerByName("programme_project")
    ds.StartTransaction()
    for k, feature in enumerate(layer):
        i, j = (k % per_row) * 8 + 1, (k // per_row) * 8 + 1
        geom = shapely.box(x0 + i * side + 5, y0 + j * side + 5, x0 + (i + 3) * side - 5, y0 + (j + 2) * side - 5)
        feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.MultiPolygon([geom]).wkb))
        layer.SetFeature(feature)
    ds.CommitTransaction()
    ds = None
    alg = FundingProposalMaps()
    alg.initAlgorithm()
    t = time.perf_counter()
    result = processing.run(alg, {"DATABASE": str(gpkg), "FOLDER": str(work / "pack")})
    seconds = time.perf_counter() - t
    return seconds, int(result["PAGES"])


if __name__ == "__main__":
    main()
