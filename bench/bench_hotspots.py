"""Hot spots: our core (numpy) against PySAL esda on the same blocks, weights and data.

    .venv/bin/python bench/bench_hotspots.py [--quick] [--blocks N] [--permutations R]

Synthetic Voronoi census blocks (10 000 by default) around central Serres in EPSG:2100 are
written to one GeoPackage that both sides read. Our side builds queen contiguity by vertex
hashing and computes Gi* (binary, self included) and local Moran's I (row-standardised) with
R conditional permutations; the peer (bench/peer_esda.py in .venv-bench) builds libpysal Queen
weights and runs esda.G_Local(star=True, transform="B") and esda.Moran_Local.

Checks (the script fails if they do not hold): identical neighbour lists; Gi* z-scores, local
Moran's I and its conditional-randomisation z-score equal to 1e-9. Pseudo p-values are compared
on the same random draws (esda's stream reproduced with the legacy RandomState) with the
alternative pinned to esda 2.9's 'directed' (G_Local and Moran_Local take no `alternative`).
Times are wall-clock, one run each, in one process run; the table prints ratios esda / ours.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from municipal_gis.core import hotspots, spatial_weights  # noqa: E402

PEER_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
E0, N0 = 462000.0, 4548500.0


def voronoi_in_order(pts, frame):
    """The Voronoi cell of each point, in the points' order (shapely 2.0 has no `ordered=`: each
    cell is matched to the one point inside it)."""
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame))
    point_idx, cell_idx = shapely.STRtree(cells).query(shapely.points(pts), predicate="intersects")
    if len(point_idx) != len(pts) or len(np.unique(point_idx)) != len(pts):
        raise RuntimeError("Voronoi cells do not match the points one to one")
    ordered = np.empty(len(pts), dtype=object)
    ordered[point_idx] = cells[cell_idx]
    return ordered


def make_blocks(n: int, seed: int = 7):
    """n Voronoi cells in a square of about 110 m per block side, with a clustered value field."""
    rng = np.random.default_rng(seed)
    side = 110.0 * np.sqrt(n)
    pts = rng.uniform(0, side, size=(n, 2)) + [E0 - side / 2, N0 - side / 2]
    frame = shapely.box(E0 - side / 2, N0 - side / 2, E0 + side / 2, N0 + side / 2)
    cells = voronoi_in_order(pts, frame)
    cells = shapely.intersection(cells, frame)
    u = (pts - [E0 - side / 2, N0 - side / 2]) / side
    value = (np.sin(3 * np.pi * u[:, 0]) * np.cos(2 * np.pi * u[:, 1])
             + 2.5 * np.exp(-((u[:, 0] - 0.3) ** 2 + (u[:, 1] - 0.7) ** 2) / 0.005)
             + rng.normal(0, 0.5, n))
    return cells, value


def write_gpkg(path: Path, cells, value):
    import geopandas

    frame = geopandas.GeoDataFrame(
        {"block_code": [f"B{i:05d}" for i in range(len(cells))], "value": value},
        geometry=list(cells), crs="EPSG:2100")
    frame.to_file(path, layer="census_block", driver="GPKG")


def read_gpkg(path: Path):
    import geopandas

    frame = geopandas.read_file(path)
    return np.asarray(frame.geometry.values, dtype=object), frame["value"].to_numpy(dtype=np.float64)


def esda_draws(n: int, permutations: int, max_card: int, seed: int) -> np.ndarray:
    """esda 2.9's vec_permutations without numba: the legacy global RandomState stream."""
    state = np.random.RandomState(seed)
    return np.array([state.choice(n - 1, size=max_card, replace=False) for _ in range(permutations)])


def ours(geoms, y, permutations: int, seed: int):
    times = {}
    t0 = time.perf_counter()
    w = spatial_weights.queen(geoms)
    times["weights"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    _, gz = hotspots.gi_star(y, w)
    n_ge, n_le, r = hotspots.permutation_counts(y, w, permutations, seed=seed)
    gp = hotspots.pseudo_p(n_ge, n_le, r, "directed")
    times["gi"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    lm = hotspots.local_moran(y, w)
    n_ge2, n_le2, r = hotspots.permutation_counts(y, w, permutations, seed=seed)
    s = y.std()
    mge, mle = hotspots.moran_counts((y - y.mean()) / s, n_ge2, n_le2, r)
    mp = hotspots.pseudo_p(mge, mle, r, "directed")
    times["moran"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    hotspots.local_statistics(y, w, permutations, seed=seed, alternative="directed")
    times["both"] = time.perf_counter() - t0
    return w, gz, gp, lm, mp, times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 000 blocks, 199 permutations")
    parser.add_argument("--blocks", type=int, default=None)
    parser.add_argument("--permutations", type=int, default=None)
    parser.add_argument("--seed", type=int, default=12345)
    args = parser.parse_args()
    n = args.blocks or (1000 if args.quick else 10000)
    perms = args.permutations or (199 if args.quick else 999)

    with tempfile.TemporaryDirectory() as tmp:
        gpkg = Path(tmp) / "blocks.gpkg"
        cells, value = make_blocks(n)
        write_gpkg(gpkg, cells, value)
        geoms, y = read_gpkg(gpkg)
        w, gz, gp, lm, mp, times = ours(geoms, y, perms, args.seed)

        peer_out = Path(tmp) / "peer.npz"
        if not PEER_PYTHON.exists():
            print(f"peer venv missing: {PEER_PYTHON}", file=sys.stderr)
            return 2
        subprocess.run([str(PEER_PYTHON), str(ROOT / "bench" / "peer_esda.py"), str(gpkg), str(peer_out),
                        "--permutations", str(perms), "--seed", str(args.seed)], check=True)
        peer = dict(np.load(peer_out))

    # -- correctness -----------------------------------------------------------------------------
    same_weights = (np.array_equal(peer["indptr"], w.indptr) and np.array_equal(peer["indices"], w.indices))
    assert same_weights, "libpysal Queen and our queen contiguity differ"
    dz_g = float(np.max(np.abs(peer["g_z"] - gz)))
    dz_i = float(np.max(np.abs(peer["m_i"] - lm.i)))
    peer_mz = (peer["m_i"] - peer["m_eic"]) / np.sqrt(peer["m_vic"])
    ok = np.isfinite(peer_mz) & np.isfinite(lm.z)
    dz_m = float(np.max(np.abs(peer_mz[ok] - lm.z[ok])))
    assert dz_g <= 1e-9, f"Gi* z differs by {dz_g}"
    assert dz_i <= 1e-9, f"local Moran's I differs by {dz_i}"
    assert dz_m <= 1e-9, f"local Moran z differs by {dz_m}"

    # p-values on esda's own random draws
    card = spatial_weights.cardinalities(w)
    draws = esda_draws(len(y), perms, int(card.max()), args.seed)
    n_ge, n_le, r = hotspots.permutation_counts(y, w, permuted_ids=draws)
    gp_same = hotspots.pseudo_p(n_ge, n_le, r, "directed")
    mge, mle = hotspots.moran_counts((y - y.mean()) / y.std(), n_ge, n_le, r)
    mp_same = hotspots.pseudo_p(mge, mle, r, "directed")
    g_p_equal = float(np.mean(np.isclose(gp_same, peer["g_p"], rtol=0, atol=1e-6)))
    m_p_equal = float(np.mean(np.isclose(mp_same, peer["m_p"], rtol=0, atol=1e-6)))
    # with our own draws: the p-values agree in distribution (mean absolute difference)
    g_p_mad = float(np.mean(np.abs(gp - peer["g_p"])))

    # -- report -----------------------------------------------------------------------------------
    esda_v, libpysal_v, np_v = (str(v) for v in peer["versions"])
    rows = [
        ("queen weights", float(peer["t_weights"]), times["weights"]),
        (f"Gi* z + {perms} permutations", float(peer["t_g"]), times["gi"]),
        (f"Gi* z + {perms} permutations, esda n_jobs=1", float(peer["t_g1"]), times["gi"]),
        (f"local Moran + {perms} permutations", float(peer["t_m"]), times["moran"]),
        ("both statistics (one permutation pass)", float(peer["t_g"]) + float(peer["t_m"]), times["both"]),
    ]
    print(f"\nHot spots: {n} Voronoi blocks, {perms} permutations "
          f"(esda {esda_v}, libpysal {libpysal_v}, numpy {np_v} vs numpy {np.__version__})")
    print(f"{'task':42s} {'esda s':>9s} {'ours s':>9s} {'ratio':>7s}")
    for task, theirs, mine in rows:
        print(f"{task:42s} {theirs:9.3f} {mine:9.3f} {theirs / mine:6.1f}x")
    print(f"max |Δz| Gi* {dz_g:.2e}; max |ΔI| {dz_i:.2e}; max |Δz| Moran {dz_m:.2e}; same neighbours: {same_weights}")
    print(f"pseudo p equal on the same draws ('directed'): Gi* {100 * g_p_equal:.2f} %, Moran {100 * m_p_equal:.2f} %; "
          f"mean |Δp| Gi* with independent draws {g_p_mad:.4f}")

    result = {
        "area": "hotspots", "blocks": n, "permutations": perms,
        "peer": {"esda": esda_v, "libpysal": libpysal_v, "numpy": np_v},
        "times_s": {task: {"esda": theirs, "ours": mine, "ratio": theirs / mine} for task, theirs, mine in rows},
        "max_abs_diff": {"gi_z": dz_g, "moran_i": dz_i, "moran_z": dz_m},
        "p_equal_share_same_draws": {"gi": g_p_equal, "moran": m_p_equal},
        "gi_p_mean_abs_diff_independent_draws": g_p_mad,
        "same_weights": same_weights,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "hotspots.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
