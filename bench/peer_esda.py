"""The PySAL side of bench_hotspots.py, run with .venv-bench/bin/python (numpy 2, esda, libpysal).

    peer_esda.py BLOCKS.gpkg OUT.npz --permutations 999 --seed 12345

Reads the same GeoPackage as our side, builds queen contiguity with libpysal, runs
esda.G_Local(star=True, transform="B") and esda.Moran_Local(transformation="r") and saves the
statistics, pseudo p-values, neighbour lists and wall-clock times. G_Local is timed with its
default n_jobs=-1 (joblib processes) and with n_jobs=1; Moran_Local's default is n_jobs=1.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("gpkg")
    parser.add_argument("out")
    parser.add_argument("--permutations", type=int, default=999)
    parser.add_argument("--seed", type=int, default=12345)
    args = parser.parse_args()

    import esda
    import geopandas
    import libpysal

    frame = geopandas.read_file(args.gpkg)
    y = frame["value"].to_numpy(dtype=np.float64)

    t0 = time.perf_counter()
    w = libpysal.weights.Queen.from_dataframe(frame, use_index=False, silence_warnings=True)
    t_weights = time.perf_counter() - t0
    adjacency = w.sparse.tocsr()
    adjacency.sort_indices()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the 'alternative' deprecation: esda 2.9 uses 'directed' here
        t0 = time.perf_counter()
        g = esda.G_Local(y, w, transform="B", star=True, permutations=args.permutations, seed=args.seed)
        t_g = time.perf_counter() - t0
        t0 = time.perf_counter()
        esda.G_Local(y, w, transform="B", star=True, permutations=args.permutations, seed=args.seed, n_jobs=1)
        t_g1 = time.perf_counter() - t0
        w.transform = "O"
        t0 = time.perf_counter()
        m = esda.Moran_Local(y, w, transformation="r", permutations=args.permutations, seed=args.seed)
        t_m = time.perf_counter() - t0

    np.savez(
        args.out,
        indptr=adjacency.indptr, indices=adjacency.indices,
        g_z=g.Zs, g_p=g.p_sim,
        m_i=m.Is, m_eic=m.EIc, m_vic=m.VIc, m_p=m.p_sim,
        t_weights=t_weights, t_g=t_g, t_g1=t_g1, t_m=t_m,
        versions=np.array([esda.__version__, libpysal.__version__, np.__version__]),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
