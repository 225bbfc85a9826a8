"""Benchmark: how generating, checking and certifying a cadastre grow with its size.

The steps of bench/bench_national.py (each in its own process, with its peak memory) at several
sizes, zones one per 50 parcels: generate + write the catalogue GeoPackage, `check_database` on it,
certify every parcel on the Python path from the GeoPackage, and with the SQL in PostGIS. For each
step the time per parcel and per n·log₂n, and the exponent b of a least-squares fit t ≈ a·nᵇ over
the sizes: 1 is linear; n log n between 62 500 and 1 000 000 parcels fits b ≈ 1.08; a quadratic
step would show b ≈ 2. Peak memory is fitted the same way (QGIS's own ~200 MiB included).

    .venv/bin/python bench/bench_scaling.py [--quick] [--sizes 62500,250000,1000000]

`--quick` (two small sizes) only checks that the run works; its exponents mean little.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
# its own PostGIS schema, so that it never drops a national run's kept tables
os.environ["BENCH_NATIONAL_SCHEMA"] = "bench_scaling"

import bench_national  # noqa: E402

STEPS = (  # (label, step of bench_national, field of its result)
    ("generate (Voronoi city)", "generate", "generate_s"),
    ("write the catalogue GeoPackage", "generate", "gpkg_write_s"),
    ("check_database (GeoPackage)", "check", "check_s"),
    ("certify all, Python path (GeoPackage)", "certify:gpkg", "certify_s"),
    ("certify all, SQL in PostGIS", "certify:sql", "certify_s"),
)


def exponent(sizes, values) -> float:
    """b of the least-squares fit log t = log a + b log n."""
    return float(np.polyfit(np.log(sizes), np.log(values), 1)[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="2 000 and 8 000 parcels (the run works; no figures)")
    parser.add_argument("--sizes", help="comma-separated numbers of parcels")
    parser.add_argument("--parcels", type=int, help=argparse.SUPPRESS)  # make bench's common options
    parser.add_argument("--zones", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes else
             [2_000, 8_000] if args.quick else [62_500, 250_000, 1_000_000])
    results = {"sizes": sizes, "load_average_before": os.getloadavg(), "cpu_count": os.cpu_count(), "runs": []}
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"bench_scaling_{n}_"))
        run = {"parcels_asked": n}
        try:
            for _label, step, _field in STEPS:
                if step not in run:
                    run[step] = bench_national._child(step, work, *((n, max(n // 50, 10)) if step == "generate" else ()))
            reference = bench_national._areas(work / "pieces_gpkg.gpkg")
            other = bench_national._areas(work / "pieces_sql.gpkg")
            run["max_abs_diff_m2_sql"] = max(abs(reference.get(k, 0.0) - other.get(k, 0.0))
                                             for k in set(reference) | set(other))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        run["parcels"] = run["generate"]["parcels"]
        results["runs"].append(run)
        print(f"{run['parcels']:>9d} parcels: " + ", ".join(
            f"{label} {run[step][field]:.1f} s" for label, step, field in STEPS) +
            f"; SQL vs Python areas {run['max_abs_diff_m2_sql']:.1e} m²", flush=True)
    results["load_average_after"] = os.getloadavg()
    _drop_schema()

    n = np.array([r["parcels"] for r in results["runs"]], dtype=float)
    print(f"\nsizes {', '.join(f'{int(x):,}' for x in n)} parcels (zones n/50); load average "
          f"{results['load_average_before'][0]:.2f} → {results['load_average_after'][0]:.2f} on "
          f"{results['cpu_count']} CPUs; one run each, each step in its own process")
    print(f"{'step':40s} {'µs/parcel':>22s} {'ns/(n·log₂n)':>22s} {'exponent':>9s} {'peak MiB':>16s} {'mem exp.':>9s}")
    fits = {}
    for label, step, field in STEPS:
        t = np.array([r[step][field] for r in results["runs"]])
        mem = np.array([r[step]["peak_rss_mib"] for r in results["runs"]])
        per = 1e6 * t / n
        per_nlogn = 1e9 * t / (n * np.log2(n))
        b = exponent(n, t) if len(n) > 1 else math.nan
        b_mem = exponent(n, mem) if len(n) > 1 else math.nan
        fits[f"{step}:{field}"] = {"exponent": b, "memory_exponent": b_mem, "us_per_parcel": per.tolist(),
                                   "ns_per_nlogn": per_nlogn.tolist(), "peak_rss_mib": mem.tolist()}
        print(f"{label:40s} {' '.join(f'{x:6.1f}' for x in per):>22s} {' '.join(f'{x:6.1f}' for x in per_nlogn):>22s} "
              f"{b:9.2f} {' '.join(f'{x:5.0f}' for x in mem):>16s} {b_mem:9.2f}")
    results["fits"] = fits
    worst = max(r["max_abs_diff_m2_sql"] for r in results["runs"])
    print(f"areas, SQL path vs Python path, every size: max {worst:.1e} m²")
    if worst > 0.01:
        raise SystemExit("the SQL path's areas differ from the Python path's: no figures reported")
    if not args.quick:
        out = ROOT / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        (out / "scaling.json").write_text(json.dumps(results, indent=2))


def _drop_schema() -> None:
    sys.path.insert(0, str(ROOT))
    from municipal_gis.layers.database import DatabaseLocation

    connection = DatabaseLocation.parse(f"PG:service={bench_national._service()} "
                                        f"schema={bench_national.SCHEMA}").dbapi_connect()
    with connection, connection.cursor() as cur:
        cur.execute(f"DROP SCHEMA IF EXISTS {bench_national.SCHEMA} CASCADE")
    connection.close()


if __name__ == "__main__":
    main()
