"""The PySAL side of bench_siting.py, run with .venv-bench/bin/python (numpy 2, spopt, pulp).

    peer_spopt.py INSTANCE.npz OUT.npz [--lscp]

Reads the same instance file as our side (demand xy and weights, candidate xy, radius, k),
builds spopt's dense demand × candidate cost matrix (scipy cdist, straight line, as spopt's
from_cost_matrix expects) and solves MCLP (and with --lscp also LSCP) with spopt's default
solver, CBC through pulp. Saves objectives, chosen sites, solver status and wall-clock times.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("instance")
    parser.add_argument("out")
    parser.add_argument("--lscp", action="store_true")
    args = parser.parse_args()

    import pulp
    import spopt
    from scipy.spatial.distance import cdist
    from spopt.locate import LSCP, MCLP

    data = np.load(args.instance)
    dxy, w, cxy = data["demand_xy"], data["weights"], data["cand_xy"]
    radius, k = float(data["radius"]), int(data["k"])
    out = {"versions": np.array([spopt.__version__, pulp.__version__, np.__version__])}

    t0 = time.perf_counter()
    cost = cdist(dxy, cxy)
    out["t_matrix"] = time.perf_counter() - t0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        mclp = MCLP.from_cost_matrix(cost, w, radius, p_facilities=k)
        out["t_mclp_build"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        mclp.solve(pulp.PULP_CBC_CMD(msg=False))
        out["t_mclp_solve"] = time.perf_counter() - t0
    out["mclp_status"] = int(mclp.problem.status)
    sites = [j for j, clients in enumerate(mclp.fac2cli) if len(clients)]
    chosen = [j for j in range(cxy.shape[0]) if mclp.fac_vars[j].value() and mclp.fac_vars[j].value() > 0.5]
    out["mclp_sites"] = np.array(chosen, dtype=np.int64)
    covered = (cost[:, chosen] <= radius).any(axis=1) if chosen else np.zeros(len(w), bool)
    out["mclp_objective"] = float(w[covered].sum())
    out["mclp_pulp_objective"] = float(pulp.value(mclp.problem.objective))
    del sites

    if args.lscp:
        ldxy = data["lscp_demand_xy"]
        lcost = cdist(ldxy, cxy)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            lscp = LSCP.from_cost_matrix(lcost, float(data["lscp_radius"]))
            out["t_lscp_build"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            lscp.solve(pulp.PULP_CBC_CMD(msg=False))
            out["t_lscp_solve"] = time.perf_counter() - t0
        out["lscp_status"] = int(lscp.problem.status)
        out["lscp_objective"] = float(sum(1 for v in lscp.fac_vars if v.value() and v.value() > 0.5))
    np.savez(args.out, **out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
