"""Benchmark: the commit-time cadastral check of a local edit on a 200 000-parcel GeoPackage.

One parcel's edge is moved into its neighbour (an overlap), as an engineer would do in QGIS;
`layers.edit_check.check_edit` reads the parcels and blocks near the edit through the R-tree and
checks them. Peers on the same data, for the whole layer as QGIS offers today:
* `qgis:checkvalidity` (QGIS's batch validity check, GEOS method) over all parcels;
* an all-pairs overlap scan of every parcel (shapely STRtree, the way `check_database` does it),
  which is the least a whole-layer overlap check has to do.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_editing.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import shapely  # noqa: E402

from municipal_gis.core.editing import EditedParcel  # noqa: E402
from municipal_gis.layers.database import create_database, write_records  # noqa: E402
from municipal_gis.layers.edit_check import check_edit  # noqa: E402

X0, Y0, SIZE = 462_000.0, 4_540_000.0, 20.0


def build(path: Path, n: int):
    side = int(np.ceil(np.sqrt(n)))
    i, j = np.divmod(np.arange(n), side)
    parcels = shapely.box(X0 + j * SIZE, Y0 + i * SIZE, X0 + (j + 1) * SIZE, Y0 + (i + 1) * SIZE)
    bi, bj = i // 10, j // 10
    block_ids = sorted(set(zip(bi.tolist(), bj.tolist())))
    blocks = [shapely.box(X0 + b * 10 * SIZE, Y0 + a * 10 * SIZE, X0 + (b + 1) * 10 * SIZE, Y0 + (a + 1) * 10 * SIZE)
              for a, b in block_ids]
    location = create_database(path)
    records = [{"kaek": f"4001{k:08d}", "ot_code": f"{a}-{b}", "registered_area_m2": SIZE * SIZE}
               for k, (a, b) in enumerate(zip(bi.tolist(), bj.tolist()))]
    write_records(location, "parcel", records, list(parcels))
    write_records(location, "city_block", [{"ot_code": f"{a}-{b}"} for a, b in block_ids], blocks)
    return location, parcels, side


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n = 20_000 if args.quick else 200_000
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        location, parcels, side = build(Path(tmp) / "bench.gpkg", n)
        build_s = time.perf_counter() - start
        rng = np.random.default_rng(3)
        times, found = [], []
        for k in rng.integers(side, n - side, 25).tolist():
            original = parcels[k]
            minx, miny, maxx, maxy = original.bounds
            moved = shapely.box(minx, miny, maxx + 5.535, maxy)  # 110.7 m² into the eastern neighbour
            edited = [EditedParcel(f"4001{k:08d}", moved, SIZE * SIZE, None, original, SIZE * SIZE)]
            t = time.perf_counter()
            violations = check_edit(location, edited, [k + 1])
            times.append(time.perf_counter() - t)
            found.append(sorted({v.rule for v in violations}))
        ours = statistics.median(times)

        sys.path.append("/usr/share/qgis/python/plugins")
        from processing.core.Processing import Processing
        from qgis import processing

        Processing.initialize()
        layer = location.qgs_layer("parcel")
        t = time.perf_counter()
        processing.run("qgis:checkvalidity", {"INPUT_LAYER": layer, "METHOD": 2, "VALID_OUTPUT": "memory:",
                                              "INVALID_OUTPUT": "memory:", "ERROR_OUTPUT": "memory:"})
        validity = time.perf_counter() - t
        del layer  # no QGIS layer may outlive exitQgis()
        t = time.perf_counter()
        tree = shapely.STRtree(parcels)
        left, right = tree.query(parcels, predicate="intersects")
        keep = left < right
        overlaps = shapely.area(shapely.intersection(parcels[left[keep]], parcels[right[keep]]))
        scan = time.perf_counter() - t
    result = {
        "parcels": n, "build_s": round(build_s, 1),
        "edit_check_median_s": round(ours, 4), "edit_check_max_s": round(max(times), 4),
        "edit_check_rules_found": found[0],
        "qgis_checkvalidity_s": round(validity, 2), "whole_layer_overlap_scan_s": round(scan, 2),
        "ratio_checkvalidity_to_edit_check": round(validity / ours, 1),
        "ratio_overlap_scan_to_edit_check": round(scan / ours, 1),
        "overlapping_pairs_in_scan": int((overlaps > 0.01).sum()),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "editing.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    # no app.exitQgis(): tearing QGIS down after processing.run crashes this QGIS build on exit
    # (status -11 after the results were written; as in bench_certificates.py)
    del app


if __name__ == "__main__":
    main()
