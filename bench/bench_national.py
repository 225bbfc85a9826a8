"""Benchmark: a country-sized cadastre on one machine — generate, check, certify every parcel.

Default 1 000 000 parcels × 20 000 zones (synthetic Voronoi parcels of ~400 m², Voronoi zones with
a 30 m unzoned margin, EPSG:2100; `make bench BENCH_ARGS=...` passes its options on, and `--quick`
runs 5 000 × 100 in the test suite). Every step runs in its own process, so that each peak
memory (the process's maximum resident set, `resource.getrusage`) is that step's alone:

1. generate: the city, written to a GeoPackage of the project's catalogue (`create_database`,
   `write_records`) and loaded into PostGIS (COPY; schema bench_national of MUNICIPAL_TEST_DB);
2. check: `check_database` on the GeoPackage;
3. certify, Python path: `land_use_certificate` through processing.run on the GeoPackage layers,
   every parcel, table of areas, written to a GeoPackage (bulk writer);
4. certify, SQL path: the same algorithm on the PostGIS tables, where the overlay runs as one SQL
   query in the database (layers/indatabase.py; the database's own memory is not in the figure);
5. certify, Python path on the PostGIS tables (IN_DATABASE off: every parcel read into QGIS);
6. off the database (docs/national_runs.md §3): DuckDB's spatial extension exports the GeoPackage's
   parcels and zones to Parquet, then runs the document's overlay SQL on the Parquet files
   (bench/peer_duckdb.py in .venv-bench; skipped, saying so, where DuckDB or its extension is missing).

The outputs of 3, 4, 5 and 6 must give every parcel × zone the same area to 0.01 m² before any time
is reported.

    .venv/bin/python bench/bench_national.py [--quick] [--parcels N] [--zones M] [--keep]
                                             [--reuse FOLDER] [--only STEP,STEP]

`--keep` keeps the work folder and the PostGIS schema; `--reuse FOLDER` runs the other steps on
such a kept folder (and schema) without generating again; `--only` picks steps by name.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PGSERVICEFILE", str(ROOT / ".pg_service.conf"))
# the quick run (test suite) gets its own schema, so that it never drops a full run's tables
SCHEMA = os.environ.get("BENCH_NATIONAL_SCHEMA", "bench_national")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _service() -> str:
    return os.environ.get("MUNICIPAL_TEST_DB", "municipal_test")


def step_generate(work: Path, n_parcels: int, n_zones: int) -> dict:
    import io

    import numpy as np
    import shapely
    from bench_indatabase import make_city

    from municipal_gis.layers.database import DatabaseLocation, create_database, write_records

    t = time.perf_counter()
    parcels, zones = make_city(n_parcels, n_zones)
    made = time.perf_counter() - t
    rng = np.random.default_rng(3)
    registered = np.round(shapely.area(parcels) * rng.uniform(0.97, 1.03, len(parcels)), 2)
    kaek = [f"4001{i:08d}" for i in range(len(parcels))]
    t = time.perf_counter()
    location = create_database(str(work / "city.gpkg"))
    write_records(location, "parcel", [{"kaek": k, "registered_area_m2": float(a)} for k, a in zip(kaek, registered)],
                  list(parcels))
    write_records(location, "land_use_zone", [{"zone_code": f"Z{j}", "far": 0.8, "coverage_pct": 60.0}
                                              for j in range(len(zones))], list(zones))
    gpkg = time.perf_counter() - t
    t = time.perf_counter()
    pg = DatabaseLocation.parse(f"PG:service={_service()} schema={SCHEMA}")
    connection = pg.dbapi_connect()
    with connection, connection.cursor() as cur:
        cur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
        cur.execute(f"CREATE TABLE {SCHEMA}.parcel (fid bigint PRIMARY KEY, kaek text, registered_area_m2 "
                    "double precision, geom geometry(MultiPolygon, 2100))")
        cur.execute(f"CREATE TABLE {SCHEMA}.land_use_zone (fid bigint PRIMARY KEY, zone_code text, far double "
                    "precision, coverage_pct double precision, valid_from date, valid_to date, "
                    "geom geometry(MultiPolygon, 2100))")
        buf = io.StringIO()
        for i, (k, a, g) in enumerate(zip(kaek, registered.tolist(), shapely.to_wkb(
                shapely.multipolygons(parcels[:, np.newaxis]), hex=True))):
            buf.write(f"{i + 1}\t{k}\t{a}\tSRID=2100;{g}\n")
        buf.seek(0)
        cur.copy_expert(f"COPY {SCHEMA}.parcel (fid, kaek, registered_area_m2, geom) FROM STDIN", buf)
        buf = io.StringIO()
        multi = [shapely.multipolygons([g]) if g.geom_type == "Polygon" else g for g in zones]
        for j, g in enumerate(shapely.to_wkb(np.array(multi, dtype=object), hex=True)):
            buf.write(f"{j + 1}\tZ{j}\t0.8\t60\tSRID=2100;{g}\n")
        buf.seek(0)
        cur.copy_expert(f"COPY {SCHEMA}.land_use_zone (fid, zone_code, far, coverage_pct, geom) FROM STDIN", buf)
        for table in ("parcel", "land_use_zone"):
            cur.execute(f"CREATE INDEX ON {SCHEMA}.{table} USING gist (geom)")
            cur.execute(f"ANALYZE {SCHEMA}.{table}")
    connection.close()
    return {"parcels": len(parcels), "zones": len(zones), "generate_s": made, "gpkg_write_s": gpkg,
            "postgis_load_s": time.perf_counter() - t}


def _qgis():
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from municipal_gis.processing.provider import MunicipalGisProvider

    provider = MunicipalGisProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def step_check(work: Path) -> dict:
    _app, _provider = _qgis()
    from municipal_gis.layers.checks import check_database, error_count

    t = time.perf_counter()
    findings = check_database(str(work / "city.gpkg"))
    return {"check_s": time.perf_counter() - t, "findings": len(findings), "errors": error_count(findings)}


def step_certify(work: Path, source: str) -> dict:
    """source: "gpkg" (Python path on the GeoPackage), "sql" or "pg_python" (PostGIS tables)."""
    _app, _provider = _qgis()
    from qgis import processing
    from qgis.core import QgsVectorLayer

    if source == "gpkg":
        parcels = QgsVectorLayer(f"{work / 'city.gpkg'}|layername=parcel", "parcel", "ogr")
        zones = QgsVectorLayer(f"{work / 'city.gpkg'}|layername=land_use_zone", "zones", "ogr")
    else:
        def pg(table):
            uri = (f"service={_service()} key='fid' srid=2100 type=MultiPolygon checkPrimaryKeyUnicity='0' "
                   f'table="{SCHEMA}"."{table}" (geom)')
            return QgsVectorLayer(uri, table, "postgres")
        parcels, zones = pg("parcel"), pg("land_use_zone")
    assert parcels.isValid() and zones.isValid(), source
    out = work / f"pieces_{source}.gpkg"
    t = time.perf_counter()
    processing.run("municipal_gis:land_use_certificate", {
        "PARCELS": parcels, "ZONING": zones, "OUTPUT": str(out), "KAEK_PROBLEMS": "memory:",
        "OUTPUT_GEOMETRY": False, "IN_DATABASE": source == "sql"})
    return {"certify_s": time.perf_counter() - t}


PEER_PYTHON = ROOT / ".venv-bench" / "bin" / "python"


def step_duckdb(work: Path, action: str) -> dict:
    """Step 6 through bench/peer_duckdb.py in .venv-bench (its own process, its own peak memory)."""
    args = ([str(work / "city.gpkg"), str(work / "parquet")] if action == "export"
            else [str(work / "parquet"), str(work / "pieces_duckdb.csv")])
    done = subprocess.run([str(PEER_PYTHON), str(ROOT / "bench" / "peer_duckdb.py"), action, *args],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"DuckDB {action} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _duckdb_ready() -> str:
    """Why step 6 cannot run here, or "" when it can."""
    if not PEER_PYTHON.exists():
        return "no .venv-bench (make bench-setup)"
    probe = subprocess.run([str(PEER_PYTHON), str(ROOT / "bench" / "peer_duckdb.py"), "probe"],
                           capture_output=True, text=True)
    return "" if probe.returncode == 0 else (probe.stderr.strip().splitlines() or ["?"])[-1][:200]


def _areas(path: Path) -> dict:
    if path.suffix == ".csv":
        import csv

        with open(path, newline="", encoding="utf-8") as handle:
            areas = {}
            for row in csv.DictReader(handle):
                key = (row["kaek"], row["zone_code"] or None)
                areas[key] = areas.get(key, 0.0) + float(row["area_m2"])
            return areas
    with sqlite3.connect(path) as con:
        table = con.execute("SELECT table_name FROM gpkg_contents").fetchone()[0]
        return {(k, z): a for k, z, a in con.execute(
            f'SELECT kaek, zone_code, sum(area_m2) FROM "{table}" GROUP BY kaek, zone_code')}


def _child(step: str, work: Path, *extra) -> dict:
    """Run one step in a fresh process; its result with the process's peak memory."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, __file__, "--step", step, "--work", str(work), *map(str, extra)],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="5 000 × 100 (the test suite's run)")
    parser.add_argument("--parcels", type=int)
    parser.add_argument("--zones", type=int)
    parser.add_argument("--keep", action="store_true", help="keep the work folder and the PostGIS schema")
    parser.add_argument("--reuse", help="a kept work folder: run the other steps on it, without generating")
    parser.add_argument("--only", help="comma-separated steps: generate, check, certify_python_gpkg, "
                        "certify_sql_postgis, certify_python_postgis, duckdb")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:  # a child: one step, its result as the last line of JSON
        work = Path(args.work)
        if args.step == "generate":
            result = step_generate(work, int(args.args[0]), int(args.args[1]))
        elif args.step == "check":
            result = step_check(work)
        elif args.step.startswith("duckdb:"):
            result = step_duckdb(work, args.step.split(":", 1)[1])  # with the DuckDB process's own peak memory
        else:
            result = step_certify(work, args.step.split(":", 1)[1])
        result.setdefault("peak_rss_mib", _peak_mib())
        print(json.dumps(result))
        sys.stdout.flush()
        os._exit(0)  # no QGIS tear-down (it can crash this build on exit)
    if args.quick:
        global SCHEMA
        SCHEMA = os.environ["BENCH_NATIONAL_SCHEMA"] = "bench_national_quick"
    n_parcels = args.parcels or (5_000 if args.quick else 1_000_000)
    n_zones = args.zones or (100 if args.quick else 20_000)
    work = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="bench_national_"))
    saved = work / "results.json"
    results = json.loads(saved.read_text()) if args.reuse and saved.exists() else {}
    results.update({"load_average_before": os.getloadavg(), "cpu_count": os.cpu_count()})
    steps = [("generate", "generate", (n_parcels, n_zones)), ("check", "check", ()),
             ("certify_python_gpkg", "certify:gpkg", ()), ("certify_sql_postgis", "certify:sql", ()),
             ("certify_python_postgis", "certify:pg_python", ()),
             ("duckdb_export", "duckdb:export", ()), ("duckdb_overlay", "duckdb:overlay", ())]
    only = set(args.only.split(",")) if args.only else None
    if args.reuse:
        only = (only or {key for key, _s, _e in steps}) - {"generate"}
    duckdb_missing = _duckdb_ready()
    if duckdb_missing:
        print(f"DuckDB step skipped: {duckdb_missing}")
    for key, step, extra in steps:
        if only is not None and key not in only and key.split("_")[0] not in only:
            continue
        if key.startswith("duckdb") and duckdb_missing:
            continue
        results[key] = _child(step, work, *extra)
        print(f"{key:24s} {json.dumps(results[key])}", flush=True)
        saved.write_text(json.dumps(results, indent=2))
    results["load_average_after"] = os.getloadavg()
    sources = {"gpkg": "pieces_gpkg.gpkg", "sql": "pieces_sql.gpkg", "pg_python": "pieces_pg_python.gpkg",
               "duckdb": "pieces_duckdb.csv"}
    present = {name: work / file for name, file in sources.items() if (work / file).exists()}
    reference = _areas(present.pop("gpkg")) if "gpkg" in present else {}
    if not reference:
        present = {}  # nothing to compare with yet (e.g. --only generate)
    for source, path in present.items():
        other = _areas(path)
        keys = set(reference) | set(other)
        worst = max(abs(reference.get(k, 0.0) - other.get(k, 0.0)) for k in keys)
        results[f"max_abs_diff_m2_{source}"] = worst
        results[f"pairs_one_side_only_{source}"] = len(set(reference) ^ set(other))
    results["pieces"] = len(reference)
    saved.write_text(json.dumps(results, indent=2))
    if not args.keep and not args.reuse:
        from municipal_gis.layers.database import DatabaseLocation

        connection = DatabaseLocation.parse(f"PG:service={_service()} schema={SCHEMA}").dbapi_connect()
        with connection, connection.cursor() as cur:
            cur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        connection.close()
        shutil.rmtree(work)
    g = results["generate"]
    print(f"\n{g['parcels']} parcels × {g['zones']} zones; load average {results['load_average_before'][0]:.2f} → "
          f"{results['load_average_after'][0]:.2f} on {results['cpu_count']} CPUs; one run")
    print(f"{'step':44s} {'seconds':>8s} {'peak MiB':>9s}")
    for label, key, field in (
            ("generate (Voronoi)", "generate", "generate_s"),
            ("  write the catalogue GeoPackage", "generate", "gpkg_write_s"),
            ("  load PostGIS (COPY, GiST, ANALYZE)", "generate", "postgis_load_s"),
            ("check_database (GeoPackage)", "check", "check_s"),
            ("certify all, Python path (GeoPackage)", "certify_python_gpkg", "certify_s"),
            ("certify all, SQL in PostGIS", "certify_sql_postgis", "certify_s"),
            ("certify all, Python path (PostGIS tables)", "certify_python_postgis", "certify_s"),
            ("DuckDB: GeoPackage → Parquet", "duckdb_export", "export_s"),
            ("DuckDB: overlay SQL on the Parquet files", "duckdb_overlay", "overlay_s")):
        if key in results:
            print(f"{label:44s} {results[key][field]:8.1f} {results[key]['peak_rss_mib']:9.0f}")
    print(f"pieces: {results['pieces']}; " + "; ".join(
        f"{source} vs Python (GeoPackage): max {results[f'max_abs_diff_m2_{source}']:.1e} m², "
        f"{results[f'pairs_one_side_only_{source}']} pairs on one side only" for source in present))
    for source in present:
        if results[f"max_abs_diff_m2_{source}"] > 0.01 or results[f"pairs_one_side_only_{source}"]:
            raise SystemExit(f"the {source} path's areas differ from the Python path's: no figures reported")
    if not args.quick:
        out = ROOT / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        (out / "national.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
