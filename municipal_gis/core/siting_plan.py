"""From a walking-distance matrix to a siting plan: solve, rank, assign, and the coverage curve.

The pure half of the siting algorithms (`playground_siting`, `bike_station_siting`), as spopt splits a model
into `from_cost_matrix` and an input adapter: the algorithm reads the layers and the street network into a
demand × candidate distance matrix (`processing/siting_inputs.py`), and `from_cost_matrix` does everything
after that, with no QGIS. Indices in the plan are positions in the arrays given (the adapter maps them to
feature ids).

Shared reading rules live here too: `site_points` (the point standing for a feature), `id_list` (feature ids
in a message) and `MAX_PEOPLE`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from scipy import sparse

from municipal_gis.core import siting

MAX_PEOPLE = 1e8  # more people than in ten Greeces in one demand unit is an error, not data
MAX_LISTED = 10   # feature ids named in one message


def id_list(fids, limit: int = MAX_LISTED) -> str:
    """Feature ids for a message: the first `limit`, then how many more («3, 7, 9 (+12)»)."""
    fids = [str(int(f)) for f in fids]
    more = len(fids) - limit
    return ", ".join(fids[:limit]) + (f" (+{more})" if more > 0 else "")


def site_points(geoms) -> np.ndarray:
    """Points standing for features: the point itself, or a point on the surface of a polygon/line.

    A point on surface is always inside its polygon (a centroid may fall outside an L-shaped block)."""
    out = np.empty(len(geoms), dtype=object)
    for i, g in enumerate(geoms):
        if g is None or shapely.is_empty(g):
            out[i] = None
        elif shapely.get_type_id(g) == 0:
            out[i] = g
        else:
            out[i] = shapely.point_on_surface(g)
    return out


# what the solvers note, as keys the algorithm translates
NOTES = ("time limit reached by the MILP solver", "no time left for the MILP solver",
         "reduced problem too large for the MILP solver within the time limit",
         "no set of sites covers every demand unit under the spacing rule")


@dataclass
class SitingPlan:
    result: siting.SitingResult  # the solver's answer (objective, bound, gap, method, notes)
    infeasible: bool             # set covering: no spacing-respecting set covers every reachable unit
    cover: sparse.csr_matrix     # demand × candidate, walking distance ≤ max_walk
    existing_cover: np.ndarray   # demand covered by an existing facility
    unreachable: np.ndarray      # demand with people beyond max_walk of every candidate and existing facility
    order: list                  # chosen candidates, in rank order
    added: list                  # population each adds, in rank order (within max_walk)
    site_served: np.ndarray      # population each chosen site serves as the nearest facility (rank order)
    served: np.ndarray           # demand covered by an existing or a chosen site
    covered: float               # population covered by existing and new sites
    total: float
    baseline: float              # population covered by existing sites alone
    # per demand unit: its nearest facility, new (candidate index, rank) or existing (existing index)
    site_kind: np.ndarray        # "new", "existing" or None
    site_index: np.ndarray       # candidate index (new) or existing index (existing); -1 for none
    site_rank: np.ndarray        # rank of the new site (1 = first); 0 otherwise
    walk_m: np.ndarray           # distance to it; NaN for none
    curve: list                  # [(sites, covered population, upper bound)] from 0 sites


def from_cost_matrix(dist, weights, k: int, model: int, max_walk: float, existing_dist=None,
                     existing_nearest=None, conflicts=None, time_limit: float = 60.0, gap_target: float = 0.0,
                     curve_k: int | None = None) -> SitingPlan:
    """The siting plan for demand × candidate walking distances `dist` (sparse; entries within the model's
    reach: `max_walk`, or twice it for p-median).

    `weights`: population per demand unit; `existing_dist`/`existing_nearest`: distance to and index of each
    unit's nearest existing facility (inf / -1 when none); `conflicts`: candidate pairs closer than the
    minimum spacing; `curve_k`: the coverage curve runs up to this many sites (default twice `k`).
    """
    D = sparse.csr_matrix(dist)
    pop = np.asarray(weights, dtype=float)
    n, m = D.shape
    ex_dist = np.full(n, np.inf) if existing_dist is None else np.asarray(existing_dist, dtype=float)
    conflicts = np.zeros((0, 2), dtype=np.int64) if conflicts is None else conflicts
    reach = 2.0 * max_walk if model == siting.PMEDIAN else max_walk
    cover = D.copy()
    cover.data[cover.data > max_walk] = 0
    cover.eliminate_zeros()
    existing_cover = ex_dist <= max_walk
    reachable = (np.diff(cover.indptr) > 0) | existing_cover
    unreachable = ~reachable & (pop > 0)

    infeasible = False
    if model == siting.MCLP:
        result = siting.solve_mclp(cover, pop, k, existing_cover, conflicts, time_limit, gap_target=gap_target)
    elif model == siting.LSCP:
        result = siting.solve_lscp(cover, existing_cover, conflicts, time_limit)
        infeasible = not result.sites and not np.isfinite(result.objective)
    else:
        result = siting.solve_pmedian(D, pop, k, reach, ex_dist, conflicts, time_limit)
    sites = list(result.sites)

    # population each site adds, in rank order (coverage within max_walk)
    w_open = np.where(existing_cover, 0.0, pop)
    if model == siting.PMEDIAN:  # keep the solver's order (by walking saved)
        order = sites
        added = added_in_order(cover, w_open, order)
    else:
        order, added = siting.rank_sites(cover, w_open, sites)
    chosen_cover = np.asarray(cover[:, order].sum(axis=1)).ravel() > 0 if order else np.zeros(n, bool)
    served = existing_cover | chosen_cover
    covered = float(pop[served].sum())
    total = float(pop.sum())
    baseline = float(pop[existing_cover].sum())

    # assignment: the nearest of the chosen sites (within reach), unless an existing one is nearer
    best_new = np.full(n, np.inf)
    best_idx = np.full(n, -1)
    if order:
        Dcoo = D[:, order].tocsr().tocoo()
        srt = np.lexsort((Dcoo.data, Dcoo.row))
        r, c, d = Dcoo.row[srt], Dcoo.col[srt], Dcoo.data[srt]
        first = np.ones(len(r), dtype=bool)
        first[1:] = r[1:] != r[:-1]
        best_new[r[first]] = d[first]
        best_idx[r[first]] = c[first]
    site_served = np.array([float(pop[(best_idx == rank) & (best_new <= ex_dist) & (best_new <= max_walk)].sum())
                            for rank in range(len(order))])

    site_kind = np.full(n, None, dtype=object)
    site_index = np.full(n, -1, dtype=np.int64)
    site_rank = np.zeros(n, dtype=np.int64)
    walk_m = np.full(n, np.nan)
    new = (best_idx >= 0) & (best_new < ex_dist)
    site_kind[new] = "new"
    site_index[new] = np.asarray(order, dtype=np.int64)[best_idx[new]] if order else -1
    site_rank[new] = best_idx[new] + 1
    walk_m[new] = best_new[new]
    if existing_nearest is not None:
        nearest = np.asarray(existing_nearest, dtype=np.int64)
        old = ~new & np.isfinite(ex_dist) & (nearest >= 0)
        site_kind[old] = "existing"
        site_index[old] = nearest[old]
        walk_m[old] = ex_dist[old]

    curve_k = 2 * k if not curve_k else curve_k
    curve = siting.coverage_curve(cover, pop, min(curve_k, m), existing_cover, conflicts)
    if model == siting.MCLP and len(order) == k and k < len(curve):
        # the curve is heuristic; at the chosen k the solver's proven figures are better
        curve[k] = (k, covered, baseline + float(result.best_bound))
    return SitingPlan(result, infeasible, cover, existing_cover, unreachable, order, list(added), site_served,
                      served, covered, total, baseline, site_kind, site_index, site_rank, walk_m, curve)


def added_in_order(cover, w, order) -> list:
    """What each site adds, in the order given: the weight it covers that no earlier site covers."""
    A = sparse.csc_matrix(cover)
    hit = np.zeros(A.shape[0], dtype=bool)
    out = []
    for j in order:
        rows = A.indices[A.indptr[j]:A.indptr[j + 1]]
        out.append(float(w[rows][~hit[rows]].sum()))
        hit[rows] = True
    return out
