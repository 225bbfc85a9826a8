"""Benchmark: `check_database` on a 200 000-parcel GeoPackage, side by side with QGIS's own checks.

Data (synthetic, EPSG:2100): a grid of 20 × 20 m parcels in 200 × 200 m city blocks, with planted
defects: self-intersecting parcels (bow-ties), parcels moved 1.5 m into their neighbour
(overlaps) and parcels left out (gaps in their block). Timed in one run on the same file:

* ours: `check_database` — every layer's fields, values, codes, ΚΑΕΚ, geometry validity, and the
  partition of each city block (parcel overlaps and gaps);
* QGIS: `qgis:checkvalidity` (GEOS method) over the parcels, which is validity alone, and
  `native:joinattributesbylocation` of the parcels with themselves on "overlaps", the way to find
  overlapping parcels with QGIS's processing tools (3.22 has no overlap check algorithm). The
  self-join takes minutes at 200 000 parcels; it runs at full size only with --overlap-peer, on the
  quick size always.

Both sides must find the same invalid parcels (by fid) and the same overlapping pairs before a
ratio is reported.

Then the same grid in PostGIS (schema bench_checks of MUNICIPAL_TEST_DB; triggers off, as data
loaded by another tool), checked both ways `check_database` can check a PostGIS database, each
in its own process so that its peak memory (maximum resident set) is its own:

* SQL: the checks run in the database (layers/backends/postgis_checks.py), only the findings'
  rows come back (the database server's own memory is not in the figure);
* Python: every layer read into QGIS and checked with shapely (`in_database=False`).

`--sample` puts the sample municipality there instead (core.sample: parcels of real shapes and
every other layer, with ten bow-ties and ten parcels moved 1.5 m planted); `--quick` runs both.

The two must give identical findings (layer, fid, field, problem, message, severity) and find
every planted defect before any time is reported. `--no-postgis` skips this part.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_checks.py [--quick] [--parcels N] [--overlap-peer]
        [--no-postgis] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PGSERVICEFILE", str(ROOT / ".pg_service.conf"))

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from shapely.geometry import Polygon  # noqa: E402

X0, Y0, SIZE = 462_000.0, 4_540_000.0, 20.0


def build(path, n: int, seed: int = 5):
    """The grid (n rounded up to whole blocks), with planted defects; returns (location, planted invalid
    fids, overlap pairs, blocks with a gap, grid size). `path`: a GeoPackage file or a PostGIS location
    (its schema is made afresh, with the triggers that would refuse the defects turned off)."""
    from municipal_gis.layers.database import create_database, write_records

    side = 10 * int(np.ceil(np.sqrt(n) / 10))  # whole blocks of 10 × 10 parcels
    n = side * side
    i, j = np.divmod(np.arange(n), side)
    parcels = shapely.box(X0 + j * SIZE, Y0 + i * SIZE, X0 + (j + 1) * SIZE, Y0 + (i + 1) * SIZE)
    rng = np.random.default_rng(seed)
    inner = np.flatnonzero((j > 0) & (j < side - 2) & (i > 0) & (i < side - 1) & (j % 10 < 8))
    picks = rng.choice(inner, size=30, replace=False)
    bowties, movers, dropped = picks[:10], picks[10:20], picks[20:]
    for k in bowties:
        x, y = X0 + j[k] * SIZE, Y0 + i[k] * SIZE
        parcels[k] = Polygon([(x, y), (x + SIZE, y + SIZE), (x + SIZE, y), (x, y + SIZE)])
    for k in movers:  # 1.5 m east: 30 m² into the eastern neighbour, a 30 m² gap behind
        x, y = X0 + j[k] * SIZE, Y0 + i[k] * SIZE
        parcels[k] = shapely.box(x + 1.5, y, x + SIZE + 1.5, y + SIZE)
    keep = np.ones(n, dtype=bool)
    keep[dropped] = False
    bi, bj = i // 10, j // 10
    block_ids = sorted(set(zip(bi.tolist(), bj.tolist())))
    blocks = [shapely.box(X0 + b * 10 * SIZE, Y0 + a * 10 * SIZE, X0 + (b + 1) * 10 * SIZE, Y0 + (a + 1) * 10 * SIZE)
              for a, b in block_ids]
    location = create_database(path, overwrite=True)
    if location.kind == "postgis":  # the data of another tool: the database's parcel rules would refuse it
        connection = location.dbapi_connect()
        with connection, connection.cursor() as cursor:
            for table in ("parcel", "city_block"):
                cursor.execute(f"ALTER TABLE {location.table(table)} DISABLE TRIGGER USER")
        connection.close()
    index = np.flatnonzero(keep)
    records = [{"kaek": f"4001{k:08d}", "ot_code": f"{bi[k]}-{bj[k]}", "registered_area_m2": SIZE * SIZE}
               for k in index.tolist()]
    write_records(location, "parcel", records, list(parcels[index]))
    write_records(location, "city_block", [{"ot_code": f"{a}-{b}"} for a, b in block_ids], blocks)
    if location.kind == "postgis":
        connection = location.dbapi_connect()
        with connection, connection.cursor() as cursor:
            for table in ("parcel", "city_block"):
                cursor.execute(f"ANALYZE {location.table(table)}")
        connection.close()
    fid_of = {int(k): f + 1 for f, k in enumerate(index.tolist())}  # fids follow insertion (both backends)
    invalid = sorted(fid_of[int(k)] for k in bowties)
    overlaps = sorted(tuple(sorted((fid_of[int(k)], fid_of[int(k) + 1]))) for k in movers)
    # a gap in each block holding a dropped or moved parcel, or a bow-tie (invalid parcels are left
    # out of the partition check: they are reported as invalid)
    gaps = len({(int(bi[k]), int(bj[k])) for k in picks.tolist()})
    return location, invalid, overlaps, gaps, n


def _service() -> str:
    return os.environ.get("MUNICIPAL_TEST_DB", "municipal_test")


def _peak_mib() -> float:
    """This process's peak resident memory. VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over
    exec, so a child started by a parent holding the GeoPackage run would report the parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_check(location_text: str, in_database: bool) -> dict:
    """One check_database in this (child) process: time, findings, peak memory."""
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from municipal_gis.layers.checks import _Checker
    from municipal_gis.layers.database import DatabaseLocation

    checker = _Checker(DatabaseLocation.parse(location_text), in_database=in_database)
    t = time.perf_counter()
    findings = checker.run()
    seconds = time.perf_counter() - t
    del app
    return {"seconds": seconds, "path": checker.path, "peak_rss_mib": _peak_mib(),
            "findings": sorted([f.layer, f.feature_id, f.field, f.problem, f.message, f.severity] for f in findings)}


def _child(location_text: str, in_database: bool) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, __file__, "--step", "sql" if in_database else "python", location_text],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"check step failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def build_sample(location, n: int):
    """The sample municipality of `n` parcels (core.sample: every layer, parcels of real shapes) in PostGIS,
    with the grid's planted defects' kinds on a few parcels: bow-ties and parcels moved 1.5 m."""
    from municipal_gis.core.sample import generate
    from municipal_gis.layers.database import create_database, write_records

    tables = generate(parcels=n, seed=5)
    location = create_database(location, overwrite=True)
    connection = location.dbapi_connect()
    with connection, connection.cursor() as cursor:
        for layer_id in tables:
            cursor.execute(f"ALTER TABLE {location.table(layer_id)} DISABLE TRIGGER USER")
    connection.close()
    parcels = tables["parcel"]
    geometries = list(parcels.geometries)
    rng = np.random.default_rng(5)
    picks = rng.choice(len(geometries), size=20, replace=False)
    for k in picks[:10]:
        minx, miny, maxx, maxy = geometries[k].bounds
        geometries[k] = Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])
    for k in picks[10:]:
        geometries[k] = shapely.transform(geometries[k], lambda xy: xy + [1.5, 0.0])
    for layer_id, table in tables.items():
        write_records(location, layer_id, table.records, geometries if layer_id == "parcel" else table.geometries)
    connection = location.dbapi_connect()
    with connection, connection.cursor() as cursor:
        for layer_id in tables:
            cursor.execute(f"ANALYZE {location.table(layer_id)}")
    connection.close()
    return location, len(geometries)


def _same_as_planted(findings, invalid, overlaps, gaps):
    """The grid's planted defects, and only they, among the findings."""
    found_invalid = sorted(f[1] for f in findings if f[0] == "parcel" and f[3] == "invalid_geometry")
    found_overlaps = sorted(tuple(sorted((f[1], int(f[4].split("parcel ")[-1].split(" ")[0]))))
                            for f in findings if f[3] == "parcel_overlap")
    assert found_invalid == invalid, (found_invalid, invalid)
    assert found_overlaps == overlaps, (found_overlaps, overlaps)
    assert sum(1 for f in findings if f[3] == "parcel_gap") == gaps


def postgis_part(n: int, quick: bool, repeat: int, sample: bool = False) -> dict:
    """The grid (or, `sample`, the sample municipality) in PostGIS, checked as SQL in the database and the
    Python way (see the module doc)."""
    from municipal_gis.layers.database import DatabaseLocation

    schema = "bench_checks_quick" if quick else "bench_checks"
    location = DatabaseLocation.parse(f"PG:service={_service()} schema={schema}")
    t = time.perf_counter()
    if sample:
        location, n = build_sample(location, n)
        invalid = overlaps = gaps = None
    else:
        location, invalid, overlaps, gaps, n = build(location, n)
        n -= 10  # ten are left out (gaps)
    out = {"data": "sample municipality" if sample else "grid", "parcels": n,
           "load_s": round(time.perf_counter() - t, 1), "load_average_before": os.getloadavg()}
    runs = {"sql": [], "python": []}
    for _ in range(repeat):  # alternating, so that a change of load falls on both
        for mode in ("sql", "python"):
            runs[mode].append(_child(str(location), mode == "sql"))
    out["load_average_after"] = os.getloadavg()
    sql, python = runs["sql"][0], runs["python"][0]
    assert all(r["path"] == "sql" for r in runs["sql"]), [r["path"] for r in runs["sql"]]
    assert all(r["path"] == "python" for r in runs["python"])
    assert sql["findings"] == python["findings"], "the SQL path's findings differ from the Python path's"
    assert all(r["findings"] == sql["findings"] for r in runs["sql"] + runs["python"])
    if sample:  # the planted bow-ties are found (moved parcels overlap where their neighbours are)
        assert sum(1 for f in sql["findings"] if f[0] == "parcel" and f[3] == "invalid_geometry") >= 10
        assert any(f[3] == "parcel_overlap" for f in sql["findings"])
    else:
        _same_as_planted(sql["findings"], invalid, overlaps, gaps)
    best = {mode: min(r["seconds"] for r in rs) for mode, rs in runs.items()}
    out.update({
        "findings": len(sql["findings"]), "runs": repeat,
        "findings_by_problem": {p: sum(1 for f in sql["findings"] if f[3] == p)
                                for p in sorted({f[3] for f in sql["findings"]})},
        "sql_in_postgis_s": round(best["sql"], 2), "python_on_postgis_s": round(best["python"], 2),
        "ratio_python_to_sql": round(best["python"] / best["sql"], 2),
        "sql_peak_rss_mib": round(max(r["peak_rss_mib"] for r in runs["sql"])),
        "python_peak_rss_mib": round(max(r["peak_rss_mib"] for r in runs["python"])),
        "all_seconds": {mode: [round(r["seconds"], 2) for r in rs] for mode, rs in runs.items()},
    })
    connection = location.dbapi_connect()
    with connection, connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    connection.close()
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--parcels", type=int)
    parser.add_argument("--overlap-peer", action="store_true", help="run QGIS's overlap self-join at full size too")
    parser.add_argument("--no-postgis", action="store_true", help="skip SQL in PostGIS vs the Python path")
    parser.add_argument("--no-gpkg", action="store_true", help="skip the GeoPackage run against QGIS's checks")
    parser.add_argument("--repeat", type=int, help="runs of each PostGIS path (default 2, quick 1)")
    parser.add_argument("--sample", action="store_true",
                        help="PostGIS part on the sample municipality (real parcel shapes, every layer) instead "
                             "of the grid (--quick runs both)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:  # a child: one check, its result as the last line of JSON
        result = step_check(args.args[0], args.step == "sql")
        print(json.dumps(result, ensure_ascii=False))
        sys.stdout.flush()
        os._exit(0)  # no QGIS tear-down (it can crash this build on exit)
    n = args.parcels or (5_000 if args.quick else 200_000)
    repeat = args.repeat or (1 if args.quick else 2)
    if args.no_gpkg:
        result = {"postgis": postgis_part(n, args.quick, repeat, sample=args.sample)}
        if args.quick and not args.sample:
            result["postgis_sample"] = postgis_part(1500, True, 1, sample=True)
        print(json.dumps(result, indent=2, ensure_ascii=False))
        if not args.quick:
            out_dir = ROOT / "bench" / "results"
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / "checks_postgis.json").write_text(json.dumps(result, indent=2, ensure_ascii=False),
                                                         encoding="utf-8")
        return
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing
    from qgis import processing

    from municipal_gis.layers.checks import check_database

    Processing.initialize()
    result = {"parcels": n, "load_average_before": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        location, invalid, overlaps, gaps, n = build(Path(tmp) / "bench.gpkg", n)
        result["parcels"] = n - 10  # ten are left out (gaps)
        result["build_s"] = round(time.perf_counter() - t, 1)

        t = time.perf_counter()
        findings = check_database(location)
        ours = time.perf_counter() - t
        ours_invalid = sorted(f.feature_id for f in findings if f.layer == "parcel" and f.problem == "invalid_geometry")
        ours_overlaps = sorted(tuple(sorted((f.feature_id, int(f.message.split("parcel ")[-1].split(" ")[0]))))
                               for f in findings if f.problem == "parcel_overlap")
        ours_gaps = sum(1 for f in findings if f.problem == "parcel_gap")

        layer = location.qgs_layer("parcel")
        t = time.perf_counter()
        out = processing.run("qgis:checkvalidity", {"INPUT_LAYER": layer, "METHOD": 2, "IGNORE_RING_SELF_INTERSECTION": False,
                                                    "VALID_OUTPUT": "memory:", "INVALID_OUTPUT": "memory:",
                                                    "ERROR_OUTPUT": "memory:"})
        validity = time.perf_counter() - t
        fid_index = layer.fields().indexOf("fid")
        qgis_invalid = sorted(int(f.attributes()[fid_index]) if fid_index >= 0 else int(f.id())
                              for f in out["INVALID_OUTPUT"].getFeatures())

        overlap_peer = None
        if args.quick or args.overlap_peer or n <= 20_000:
            from qgis.core import QgsFeatureRequest, QgsProcessingContext

            context = QgsProcessingContext()  # the bow-ties stay in: QGIS would otherwise stop at the first
            context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
            t = time.perf_counter()
            joined = processing.run("native:joinattributesbylocation", {
                "INPUT": layer, "JOIN": layer, "PREDICATE": [4], "JOIN_FIELDS": ["kaek"], "METHOD": 0,
                "DISCARD_NONMATCHING": True, "PREFIX": "other_", "OUTPUT": "memory:",
                "NON_MATCHING": "memory:"}, context=context)["OUTPUT"]
            overlap_peer = time.perf_counter() - t
            kaek_fid = {f["kaek"]: int(f.id()) for f in layer.getFeatures()}
            qgis_overlaps = sorted({tuple(sorted((kaek_fid[f["kaek"]], kaek_fid[f["other_kaek"]])))
                                    for f in joined.getFeatures() if f["kaek"] != f["other_kaek"]})
        else:
            qgis_overlaps = None

    assert ours_invalid == invalid, (ours_invalid, invalid)
    assert qgis_invalid == invalid, ("qgis:checkvalidity disagrees", qgis_invalid, invalid)
    assert ours_overlaps == overlaps, (ours_overlaps, overlaps)
    # QGIS's "overlaps" also pairs the bow-ties with their neighbours (GEOS on invalid input);
    # the planted pairs must be among its pairs
    if qgis_overlaps is not None:
        assert set(overlaps) <= set(qgis_overlaps), ("self-join misses planted overlaps", qgis_overlaps[:20])
    assert ours_gaps == gaps, (ours_gaps, gaps)
    result.update({
        "check_database_s": round(ours, 2), "findings": len(findings),
        "qgis_checkvalidity_s": round(validity, 2),
        "ratio_checkvalidity_to_check_database": round(validity / ours, 2),
        "qgis_overlap_self_join_s": None if overlap_peer is None else round(overlap_peer, 2),
        "ratio_checkvalidity_plus_self_join_to_check_database":
            None if overlap_peer is None else round((validity + overlap_peer) / ours, 2),
        "planted": {"invalid": len(invalid), "overlaps": len(overlaps), "gaps": gaps},
        "load_average_after": os.getloadavg(),
    })
    if not args.no_postgis:
        result["postgis"] = postgis_part(n, args.quick, repeat, sample=args.sample)
        if args.quick and not args.sample:
            result["postgis_sample"] = postgis_part(1500, True, 1, sample=True)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    if not args.quick:
        (out_dir / "checks.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    # no app.exitQgis(): tearing QGIS down under live Python-owned layers and processing results
    # crashes this QGIS build on exit (as in bench_certificates.py)
    del app


if __name__ == "__main__":
    main()
