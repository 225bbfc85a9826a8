"""Facility siting: maximal coverage, set covering and p-median, exact where possible.

Pipeline (all models): the demand × candidate walking distances come in as a sparse matrix
(only pairs within reach are stored, never a dense n × m matrix); the problem is shrunk
(demand units with the same set of reachable candidates merged, dominated candidates removed);
a lazy greedy + swap heuristic gives a good solution in milliseconds; a bound (Lagrangian for
maximal coverage; for set covering the LP with odd-triple {0, ½}-cuts, `strengthen_lscp`) may
already prove it optimal; otherwise scipy's HiGHS
MILP solves the reduced model within the time limit. scipy's `milp` takes no starting
solution, so the heuristic answer is kept as the incumbent: whatever the solver returns, the
better of the two is reported, with the tighter bound. Every result says which method produced
it (`method`) and whether optimality is proven.

Conventions: OBJECTIVE and BEST_BOUND are in the model's own units — population newly covered
by the new sites (maximal coverage), number of new sites (set covering), person-metres of
walking (p-median). GAP is |bound − objective| / |bound| for maximisation and / |objective| for
minimisation (0 when proven optimal).

Existing facilities are fixed: the demand they already serve is counted once and left out of
the model (maximal coverage, set covering); in p-median each demand's walk to its nearest
existing facility is the most it can be charged.

Minimum spacing between sites is a pairwise conflict (y_a + y_b ≤ 1) measured in straight
line; candidates closer than the spacing to an existing facility are dropped. With spacing on,
candidate dominance is not used (a dominating candidate may be blocked).
"""

from __future__ import annotations

import heapq
import time
import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.spatial import cKDTree

MCLP, LSCP, PMEDIAN = 0, 1, 2
_TOL = 1e-7

# beyond these sizes (non-zeros of the reduced model) the MILP is not attempted
MAX_MILP_NNZ = 3_000_000
# HiGHS options for set covering, passed through scipy's milp (which warns that it passes them on
# verbatim): branching trusts pseudo-costs from the first observation instead of strong-branching a
# candidate until it is "reliable". On the 5 000 × 500 benchmark's reduced core (535 × 316, LP
# bound 54.2, optimum 57) this takes 15–17 CPU s instead of 27 (same optimum and proof).
LSCP_HIGHS_OPTIONS = {"mip_pscost_minreliable": 0}


@dataclass
class SitingResult:
    model: int
    sites: list  # candidate indices in rank order
    added: list  # what each site adds, in rank order (population or person-metres saved)
    objective: float
    best_bound: float
    gap: float
    optimal: bool
    method: str  # "milp_highs", "greedy_swap", "greedy_swap+lagrangian", ...
    covered: float = 0.0  # population covered by existing + new sites
    baseline: float = 0.0  # population covered by existing facilities alone
    notes: list = field(default_factory=list)
    stats: dict = field(default_factory=dict)


# -- small helpers ----------------------------------------------------------------------------

def conflict_pairs(xy, min_spacing: float) -> np.ndarray:
    """Candidate pairs (a < b) closer than `min_spacing` (straight line)."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    if min_spacing <= 0 or len(xy) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = cKDTree(xy).query_pairs(min_spacing, output_type="ndarray")
    d = np.hypot(*(xy[pairs[:, 0]] - xy[pairs[:, 1]]).T)
    return pairs[d < min_spacing].astype(np.int64)


def too_close_to_existing(cand_xy, existing_xy, min_spacing: float) -> np.ndarray:
    """Boolean mask of candidates closer than `min_spacing` to an existing facility."""
    cand_xy = np.asarray(cand_xy, dtype=float).reshape(-1, 2)
    existing_xy = np.asarray(existing_xy, dtype=float).reshape(-1, 2)
    if min_spacing <= 0 or not len(existing_xy) or not len(cand_xy):
        return np.zeros(len(cand_xy), dtype=bool)
    d, _ = cKDTree(existing_xy).query(cand_xy)
    return d < min_spacing


def _binary(A) -> sparse.csr_matrix:
    A = sparse.csr_matrix(A, copy=True)
    A.eliminate_zeros()
    A.data[:] = 1
    A.sum_duplicates()
    A.data[:] = 1
    return A.astype(np.int8)


def _row_groups(A: sparse.csr_matrix, seed: int = 12345) -> tuple[np.ndarray, np.ndarray]:
    """Group rows with identical column sets: (group id per row, representative row per group)."""
    rng = np.random.default_rng(seed)
    h1 = A @ rng.random(A.shape[1])
    h2 = A @ rng.random(A.shape[1])
    nnz = np.diff(A.indptr)
    keys = np.stack([nnz.astype(float), h1, h2], axis=1)
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return inverse.ravel(), first


def merge_identical_rows(A: sparse.csr_matrix, w: np.ndarray):
    """Merge rows with the same candidate set, summing weights. Returns (A', w', group of each row)."""
    group, first = _row_groups(A)
    w2 = np.bincount(group, weights=w, minlength=len(first))
    return A[first], w2, group


def dominated_columns(A: sparse.csr_matrix) -> np.ndarray:
    """Mask of columns whose row set is inside another column's (ties: the later one is dominated)."""
    A = sparse.csc_matrix(A, dtype=np.int32)
    size = np.diff(A.indptr)
    C = (A.T @ A).tocoo()
    off = C.row != C.col
    r, c, v = C.row[off], C.col[off], C.data[off]
    # r ⊆ c when |r ∩ c| == |r|
    sub = v == size[r]
    r, c = r[sub], c[sub]
    strict = size[c] > size[r]
    tie = (size[c] == size[r]) & (c < r)
    mask = np.zeros(A.shape[1], dtype=bool)
    mask[r[strict | tie]] = True
    mask[size == 0] = True
    return mask


# -- maximal coverage -------------------------------------------------------------------------

def _conflict_lists(m: int, conflicts) -> list:
    lists = [[] for _ in range(m)]
    for a, b in np.asarray(conflicts, dtype=np.int64).reshape(-1, 2):
        lists[a].append(b)
        lists[b].append(a)
    return lists


def greedy_mclp(A: sparse.csr_matrix, w: np.ndarray, k: int, conflicts=None,
                start: list | None = None) -> list:
    """Lazy greedy (CELF): add the candidate with the largest weight of newly covered rows."""
    Acsc = sparse.csc_matrix(A)
    m = A.shape[1]
    covered = np.zeros(A.shape[0], dtype=bool)
    blocked = np.zeros(m, dtype=bool)
    clists = _conflict_lists(m, conflicts) if conflicts is not None and len(conflicts) else None
    chosen = []
    for j in (start or []):
        chosen.append(j)
        covered[Acsc.indices[Acsc.indptr[j]:Acsc.indptr[j + 1]]] = True
        blocked[j] = True
        if clists:
            blocked[clists[j]] = True
    gains = Acsc.T @ (w * ~covered)
    heap = [(-g, j) for j, g in enumerate(gains) if not blocked[j] and g > 0]
    heapq.heapify(heap)
    while len(chosen) < k and heap:
        neg, j = heapq.heappop(heap)
        if blocked[j]:
            continue
        rows = Acsc.indices[Acsc.indptr[j]:Acsc.indptr[j + 1]]
        g = w[rows][~covered[rows]].sum()
        if g <= 0:
            continue
        if heap and g < -heap[0][0] - _TOL:
            heapq.heappush(heap, (-g, j))
            continue
        chosen.append(j)
        covered[rows] = True
        blocked[j] = True
        if clists:
            blocked[clists[j]] = True
    return chosen


def swap_mclp(A: sparse.csr_matrix, w: np.ndarray, chosen: list, conflicts=None,
              max_rounds: int = 500, deadline: float | None = None, fixed: int = 0) -> list:
    """Best-improvement swaps (one site out, one in) until none improves; the first `fixed` stay."""
    chosen = list(chosen)
    if len(chosen) <= fixed:
        return chosen
    A = sparse.csr_matrix(A)
    At = sparse.csr_matrix(A.T)
    m = A.shape[1]
    C = None
    if conflicts is not None and len(conflicts):
        c = np.asarray(conflicts)
        C = sparse.csr_matrix((np.ones(2 * len(c)), (np.r_[c[:, 0], c[:, 1]], np.r_[c[:, 1], c[:, 0]])),
                              shape=(m, m))
    for _ in range(max_rounds):
        if deadline is not None and time.perf_counter() > deadline:
            break
        S = np.asarray(chosen)
        AS = A[:, S]
        count = np.asarray(AS.sum(axis=1)).ravel()
        g0 = At @ (w * (count == 0))  # gain of each candidate on uncovered rows
        once = count == 1
        # the only chosen site covering each once-covered row
        AS1 = sparse.csr_matrix(AS.multiply(once[:, None]))
        sole = np.full(A.shape[0], -1)
        r, c = AS1.nonzero()
        sole[r] = c
        E = sparse.csr_matrix((w[r], (r, c)), shape=(A.shape[0], len(S)))
        loss = np.asarray(E.sum(axis=0)).ravel()
        M = (At @ E).toarray()  # m × |S|: weight regained by j' when site s leaves
        gain = g0[:, None] + M - loss[None, :]
        gain[S, :] = -np.inf
        gain[:, :fixed] = -np.inf
        if C is not None:
            CS = C[:, S].toarray()
            nconf = CS.sum(axis=1)
            allowed = (nconf[:, None] == 0) | ((nconf[:, None] == 1) & (CS == 1))
            gain[~allowed] = -np.inf
        j_in, s_out = np.unravel_index(np.argmax(gain), gain.shape)
        if not gain[j_in, s_out] > _TOL * max(1.0, w.sum()) + 1e-9:
            break
        chosen[s_out] = int(j_in)
    return chosen


def covered_weight(A: sparse.csr_matrix, w: np.ndarray, chosen) -> float:
    if not len(chosen):
        return 0.0
    hit = np.asarray(A[:, np.asarray(chosen)].sum(axis=1)).ravel() > 0
    return float(w[hit].sum())


def lagrangian_bound_mclp(A: sparse.csr_matrix, w: np.ndarray, k: int, lower: float,
                          iterations: int = 400, return_solution: bool = False, lam0=None):
    """Upper bound for maximal coverage (conflicts relaxed) by subgradient on L(λ).

    Relax x_i ≤ Σ_j a_ij y_j with 0 ≤ λ_i ≤ w_i: L(λ) = Σ(w_i − λ_i) + top-k of Aᵀλ. Each
    iteration's top-k set is also a feasible site set (when there are no conflicts); with
    `return_solution` the best of them is returned too: (bound, sites, value)."""
    n, m = A.shape
    if n == 0 or k <= 0:
        return (0.0, [], 0.0, np.zeros(n)) if return_solution else 0.0
    if k >= m:
        full = float(w.sum())
        return (full, list(range(m)), full, np.zeros(n)) if return_solution else full
    A = sparse.csr_matrix(A, dtype=float)
    At = sparse.csr_matrix(A.T)
    deg = np.maximum(np.diff(A.indptr), 1)
    lam = w / deg if lam0 is None else np.clip(np.asarray(lam0, dtype=float), 0, w)
    best = float(w.sum())
    best_sites, best_value = [], -1.0
    best_lam = lam.copy()
    theta, stall = 2.0, 0
    for _ in range(iterations):
        score = At @ lam
        top = np.argpartition(-score, k - 1)[:k]
        value = float((w - lam).sum() + score[top].sum())
        if value < best - 1e-9:
            best, stall = value, 0
            best_lam = lam.copy()
        else:
            stall += 1
            if stall >= 20:
                theta, stall = theta / 2, 0
                if theta < 1e-5:
                    break
        rows = At.indices[np.concatenate([np.arange(At.indptr[j], At.indptr[j + 1]) for j in top])]
        cnt = np.bincount(rows, minlength=n).astype(float)
        feasible_value = float(w[cnt > 0].sum())
        if feasible_value > best_value:
            best_value, best_sites = feasible_value, [int(j) for j in top]
            lower = max(lower, feasible_value)
        g = cnt - 1.0  # d/dλ_i of L: −1 + Σ_j a_ij y_j
        g = np.where((lam <= 0) & (g > 0), 0, g)
        g = np.where((lam >= w) & (g < 0), 0, g)
        norm = float(g @ g)
        if norm <= 0 or best - lower <= 1e-9 * max(1.0, lower):
            break
        lam = np.clip(lam - theta * (value - lower) / norm * g, 0, w)
    if return_solution:
        return best, best_sites, best_value, best_lam
    return best


def _lagrangian_scores(A, w, k, lam) -> np.ndarray:
    """L(λ) with each column forced open (higher = more promising)."""
    A = sparse.csr_matrix(A, dtype=float)
    score = A.T @ lam
    m = len(score)
    if k >= m:
        return np.full(m, np.inf)
    order = np.argsort(-score, kind="stable")
    base = float((w - lam).sum())
    top_k = score[order[:k]].sum()
    top_k1 = score[order[:k - 1]].sum() if k > 1 else 0.0
    return np.where(np.isin(np.arange(m), order[:k]), base + top_k, base + top_k1 + score)


def lagrangian_fixing(A: sparse.csr_matrix, w: np.ndarray, k: int, lam: np.ndarray, lower: float) -> np.ndarray:
    """Columns that cannot be in any solution better than `lower` (Lagrangian reduced-cost test).

    With site j forced open, L(λ) is at most Σ(w − λ) + s_j + the best k − 1 other scores; when that
    is below `lower`, no site set containing j beats the incumbent."""
    return _lagrangian_scores(A, w, k, lam) < lower - 1e-9 * max(1.0, lower)


def _milp_mclp(A, w, k, conflicts, time_limit, rel_gap: float = 1e-9):
    n, m = A.shape
    c = np.concatenate([np.zeros(m), -w])
    cover = sparse.hstack([-A.astype(float), sparse.identity(n, format="csr")]).tocsr()
    cons = [LinearConstraint(cover, -np.inf, 0),
            LinearConstraint(sparse.csr_matrix(np.r_[np.ones(m), np.zeros(n)][None, :]), 0, k)]
    if conflicts is not None and len(conflicts):
        cf = np.asarray(conflicts)
        rows = np.repeat(np.arange(len(cf)), 2)
        cons.append(LinearConstraint(sparse.csr_matrix((np.ones(2 * len(cf)), (rows, cf.ravel())),
                                                       shape=(len(cf), m + n)), -np.inf, 1))
    integrality = np.r_[np.ones(m), np.zeros(n)]
    res = milp(c, constraints=cons, integrality=integrality, bounds=Bounds(0, 1),
               options={"time_limit": max(float(time_limit), 0.5), "mip_rel_gap": max(float(rel_gap), 1e-9)})
    return res


def solve_mclp(cover, weights, k: int, existing_cover=None, conflicts=None, time_limit: float = 60.0,
               use_milp: bool = True, gap_target: float = 0.0, lagrange_iterations: int = 400) -> SitingResult:
    """Maximal coverage: choose ≤ k candidates maximising the population within reach.

    `cover` is the (demand × candidate) sparse matrix of reachable pairs, `existing_cover` a mask of
    demand already served by existing facilities, `conflicts` candidate pairs that cannot both open.
    The search stops once the proven gap is at most `gap_target` (0: prove optimality), or at
    `time_limit` seconds; `stats["target_seconds"]` says when the target gap was first proven."""
    t0 = time.perf_counter()
    deadline = t0 + time_limit
    A = _binary(cover)
    w = np.asarray(weights, dtype=float)
    n, m = A.shape
    existing_cover = np.zeros(n, dtype=bool) if existing_cover is None else np.asarray(existing_cover, bool)
    baseline = float(w[existing_cover].sum())
    notes = []
    conflicts = np.asarray(conflicts if conflicts is not None else np.zeros((0, 2)), dtype=np.int64).reshape(-1, 2)
    # reduction: rows already served or unreachable go; identical rows merge; dominated columns go
    live = (~existing_cover) & (np.diff(A.indptr) > 0) & (w > 0)
    Ar, wr = A[live], w[live]
    Ar, wr, _ = merge_identical_rows(Ar, wr)
    cols = np.arange(m)
    if not len(conflicts):
        dom = dominated_columns(Ar)
        cols = cols[~dom]
        Ar = Ar[:, cols]
        Ar, wr, _ = merge_identical_rows(Ar, wr)
        keep_rows = np.diff(Ar.indptr) > 0
        Ar, wr = Ar[keep_rows], wr[keep_rows]
        conf_r = np.zeros((0, 2), dtype=np.int64)
    else:
        conf_r = conflicts
    stats = {"demand_rows": n, "candidates": m, "reduced_rows": Ar.shape[0], "reduced_candidates": len(cols),
             "reduced_nnz": int(Ar.nnz)}
    kk = min(k, len(cols))
    # heuristic
    found_by, proved_by = "greedy_swap", ""
    local = greedy_mclp(Ar, wr, kk, conf_r)
    local = swap_mclp(Ar, wr, local, conf_r, deadline=deadline)
    value = covered_weight(Ar, wr, local)
    stats["heuristic_value"] = value
    stats["heuristic_seconds"] = time.perf_counter() - t0
    bound, lag_sites, lag_value, lam = lagrangian_bound_mclp(Ar, wr, kk, value, lagrange_iterations,
                                                        return_solution=True)
    if not len(conf_r) and lag_value > value - 1e-9 and lag_sites:
        # the Lagrangian's own site sets are often better starting points for the swaps
        lag_sites = swap_mclp(Ar, wr, lag_sites, conf_r, deadline=deadline)
        lag_value = covered_weight(Ar, wr, lag_sites)
        if lag_value > value:
            local, value = lag_sites, lag_value
            found_by = "lagrangian_swap"
    stats["lagrangian_bound"] = bound

    def note_target():
        if "target_seconds" not in stats and bound - value <= max(gap_target, 1e-6) * max(1.0, bound):
            stats["target_seconds"] = time.perf_counter() - t0

    note_target()
    kernel_size = max(8 * kk, 200)
    if (use_milp and not len(conf_r) and bound - value > max(gap_target, 1e-6) * max(1.0, bound)
            and Ar.shape[1] > kernel_size and deadline - time.perf_counter() > 2):
        # kernel search: an exact MILP over the most promising candidates only (by Lagrangian
        # reduced cost), then swaps on the whole problem; a better incumbent also fixes more columns
        promise = _lagrangian_scores(Ar, wr, kk, lam)
        kernel = np.union1d(np.argsort(-promise, kind="stable")[:kernel_size], np.asarray(local, dtype=np.int64))
        Ak = Ar[:, kernel]
        rk = np.diff(Ak.indptr) > 0
        Ak, wk, _ = merge_identical_rows(Ak[rk], wr[rk])
        budget = min(0.3 * (deadline - time.perf_counter()), 20.0)
        res_k = _milp_mclp(Ak, wk, kk, None, budget)
        if res_k.x is not None:
            cand = [int(kernel[j]) for j in np.flatnonzero(res_k.x[:len(kernel)] > 0.5)]
            cand = swap_mclp(Ar, wr, cand, None, deadline=deadline)
            v_k = covered_weight(Ar, wr, cand)
            stats["kernel_value"] = v_k
            if v_k > value:
                local, value, found_by = cand, v_k, "kernel_milp_swap"
        note_target()
    if bound - value <= 1e-6 * max(1.0, bound):
        proved_by = "lagrangian_bound"
    elif use_milp and Ar.nnz <= MAX_MILP_NNZ and (bound - value) > gap_target * bound:
        remaining = deadline - time.perf_counter()
        # Lagrangian fixing: columns that cannot beat the incumbent leave the MILP (exactness kept)
        fixed_out = lagrangian_fixing(Ar, wr, kk, lam, value) if not len(conf_r) else np.zeros(Ar.shape[1], bool)
        kept = np.flatnonzero(~fixed_out)
        stats["fixed_out"] = int(fixed_out.sum())
        Am = Ar[:, kept]
        live_rows = np.diff(Am.indptr) > 0
        Am, wm = Am[live_rows], wr[live_rows]
        Am, wm, _ = merge_identical_rows(Am, wm)
        stats["milp_rows"], stats["milp_candidates"] = Am.shape[0], Am.shape[1]
        if remaining > 0.5 and len(kept):
            # the MILP's own gap is relative to the reduced problem's bound, never looser than ours
            res = _milp_mclp(Am, wm, min(kk, len(kept)), conf_r, remaining, rel_gap=gap_target)
            stats["milp_status"] = int(res.status)
            if res.x is not None:
                y = res.x[:len(kept)] > 0.5
                cand = [int(kept[j]) for j in np.flatnonzero(y)]
                v2 = covered_weight(Ar, wr, cand)
                if v2 > value + 1e-9:
                    local, value, found_by = cand, v2, "milp_highs"
            # solutions using a fixed-out column are worse than the incumbent: bound = max(incumbent, MILP bound)
            if res.mip_dual_bound is not None and np.isfinite(res.mip_dual_bound):
                bound = min(bound, max(value, -float(res.mip_dual_bound)))
            if res.status == 0 and res.x is not None and gap_target <= 1e-9:
                bound = min(bound, value)  # solved to optimality (with a gap target, only the dual bound counts)
            if res.status == 1:
                notes.append("time limit reached by the MILP solver")
        else:
            notes.append("no time left for the MILP solver")
    elif use_milp and Ar.nnz > MAX_MILP_NNZ:
        notes.append("reduced problem too large for the MILP solver within the time limit")
    bound = max(bound, value)
    note_target()
    gap = (bound - value) / bound if bound > 0 else 0.0
    optimal = gap <= 1e-6
    if optimal and not proved_by:
        proved_by = "milp_highs" if "milp_status" in stats else "lagrangian_bound"
    method = found_by + (f"; proven by {proved_by}" if optimal else "")
    sites = [int(cols[j]) for j in local]
    order, added = rank_sites(A[~existing_cover], w[~existing_cover], sites)
    stats["seconds"] = time.perf_counter() - t0
    return SitingResult(MCLP, order, added, value, bound, 0.0 if optimal else gap, optimal, method,
                        covered=baseline + value, baseline=baseline, notes=notes, stats=stats)


def rank_sites(A, w, sites):
    """Order sites greedily by what each adds to those ranked before it."""
    A = sparse.csc_matrix(A)
    covered = np.zeros(A.shape[0], dtype=bool)
    left = list(sites)
    order, added = [], []
    while left:
        gains = []
        for j in left:
            rows = A.indices[A.indptr[j]:A.indptr[j + 1]]
            gains.append(w[rows][~covered[rows]].sum())
        i = int(np.argmax(gains))
        j = left.pop(i)
        order.append(j)
        added.append(float(gains[i]))
        covered[A.indices[A.indptr[j]:A.indptr[j + 1]]] = True
    return order, added


def coverage_curve(cover, weights, k_max: int, existing_cover=None, conflicts=None,
                   lagrange_iterations: int = 150) -> list:
    """[(k, covered by greedy + swap, upper bound)] for k = 0..k_max (existing included)."""
    A = _binary(cover)
    w = np.asarray(weights, dtype=float)
    n = A.shape[0]
    existing_cover = np.zeros(n, dtype=bool) if existing_cover is None else np.asarray(existing_cover, bool)
    baseline = float(w[existing_cover].sum())
    live = (~existing_cover) & (np.diff(A.indptr) > 0) & (w > 0)
    Ar, wr, _ = merge_identical_rows(A[live], w[live])
    conflicts = np.asarray(conflicts if conflicts is not None else np.zeros((0, 2)), dtype=np.int64).reshape(-1, 2)
    out = [(0, baseline, baseline)]
    chosen = []
    lam = None
    for k in range(1, k_max + 1):
        chosen = greedy_mclp(Ar, wr, k, conflicts, start=chosen)
        chosen = swap_mclp(Ar, wr, chosen, conflicts, max_rounds=50)
        value = covered_weight(Ar, wr, chosen)
        # warm-started from the previous k's multipliers, so few iterations suffice
        bound, _, _, lam = lagrangian_bound_mclp(Ar, wr, k, value, lagrange_iterations if lam is None else
                                                 max(lagrange_iterations // 3, 30), return_solution=True, lam0=lam)
        out.append((k, baseline + value, baseline + max(bound, value)))
    return out


# -- set covering -----------------------------------------------------------------------------

def _reduce_lscp(A: sparse.csr_matrix, use_dominance: bool):
    """Toregas–ReVelle reduction. Returns (reduced A, kept column ids, forced column ids)."""
    cols = np.arange(A.shape[1])
    forced = []
    for _ in range(20):
        changed = False
        A, _, _ = merge_identical_rows(A, np.ones(A.shape[0]))
        if A.shape[0] == 0:
            break
        # essential columns: the only candidate of some row
        single = np.diff(A.indptr) == 1
        if single.any():
            ess = np.unique(A.indices[A.indptr[:-1][single]])
            forced.extend(cols[ess].tolist())
            hit = np.asarray(A[:, ess].sum(axis=1)).ravel() > 0
            A = A[~hit]
            keep = np.ones(len(cols), dtype=bool)
            keep[ess] = False
            A, cols = A[:, keep], cols[keep]
            changed = True
        if not use_dominance or A.shape[0] == 0:
            if not changed:
                break
            continue
        dom = dominated_columns(A)
        if dom.any():
            A, cols = A[:, ~dom], cols[~dom]
            changed = True
        # row dominance: a row whose set contains another row's set is redundant
        colsize = np.diff(sparse.csc_matrix(A).indptr).astype(float)
        if float((colsize ** 2).sum()) < 2e7:
            R = (A.astype(np.int32) @ A.T.astype(np.int32)).tocoo()
            size = np.diff(A.indptr)
            off = R.row != R.col
            r, c, v = R.row[off], R.col[off], R.data[off]
            sub = v == size[r]  # row r ⊆ row c -> c redundant
            r, c = r[sub], c[sub]
            redundant = np.zeros(A.shape[0], dtype=bool)
            redundant[c[(size[c] > size[r]) | (r < c)]] = True
            if redundant.any():
                A = A[~redundant]
                changed = True
        if not changed:
            break
    return A, cols, forced


def odd_triple_cuts(A: sparse.csr_matrix, x: np.ndarray, max_slack: float = 0.5, min_violation: float = 0.02,
                    max_rows: int = 4000) -> list[tuple[float, int, int, int]]:
    """{0, ½}-cuts of a set-covering matrix from three rows, violated by the LP point `x`.

    Rows a, b, c (each Σ_{j∈row} x_j ≥ 1) add up to Σ_j c_j x_j ≥ 3, where c_j counts the three rows
    that column j covers; halved and rounded up (every x_j is integer in a cover):
    Σ_j ⌈c_j / 2⌉ x_j ≥ 2. Every cover satisfies it; the LP point violates it when
    W = s_a + s_b + s_c + Σ_{j: c_j odd} x_j < 1 (s: the rows' slacks at x), by (1 − W) / 2.
    Only rows that pairwise share a column and have slack below `max_slack` can give one. Returns
    (W, a, b, c) with a < b < c, most violated first; none when more than `max_rows` rows are tight.
    """
    A = sparse.csr_matrix(A, dtype=np.float64)
    slack = A @ x - 1.0
    tight = np.flatnonzero(slack < max_slack)
    if len(tight) < 3 or len(tight) > max_rows:
        return []
    At = A[tight]
    weighted = sparse.csr_matrix(At.multiply(x[np.newaxis, :]) @ At.T)  # Σ x over the columns two rows share
    share = sparse.csr_matrix(At @ At.T)
    st = slack[tight]
    found = []
    for ia in range(len(tight)):
        nb = share.indices[share.indptr[ia]:share.indptr[ia + 1]]
        nb = np.sort(nb[nb > ia])
        if len(nb) < 2:
            continue
        cols = At.indices[At.indptr[ia]:At.indptr[ia + 1]]
        D = At[nb][:, cols].toarray()
        triple = (D * x[cols][np.newaxis, :]) @ D.T  # Σ x over the columns all three rows share
        pab = weighted[ia, nb].toarray().ravel()
        pbc = weighted[nb][:, nb].toarray()
        bc_share = share[nb][:, nb].toarray() > 0
        # Σ_{c_j odd} x_j = X_a + X_b + X_c − 2 (P_ab + P_ac + P_bc) + 4 X_abc, with X_r = 1 + s_r
        W = (3.0 + 2.0 * (st[ia] + st[nb][:, np.newaxis] + st[nb][np.newaxis, :])
             - 2.0 * (pab[:, np.newaxis] + pab[np.newaxis, :] + pbc) + 4.0 * triple)
        bi, ci = np.nonzero(np.triu(bc_share, 1) & (W < 1.0 - 2.0 * min_violation))
        found.extend(zip(W[bi, ci].tolist(), [int(tight[ia])] * len(bi), tight[nb[bi]].tolist(),
                         tight[nb[ci]].tolist()))
    found.sort()
    return found


def strengthen_lscp(A: sparse.csr_matrix, rounds: int = 6, per_round: int = 200, deadline: float | None = None):
    """The covering rows of `A` with odd-triple {0, ½}-cuts added while the LP bound rises.

    Returns (matrix, right-hand sides, LP bound): the matrix is `A`'s rows (≥ 1) followed by the cuts
    that are tight at the last LP (≥ 2; the others only slow the MILP's node LPs down), and the LP
    bound is that of `A` with every cut found — never below `A`'s own LP bound."""
    A = sparse.csr_matrix(A, dtype=np.float64)
    n, m = A.shape
    M, b = A, np.ones(n)
    lp = linprog(np.ones(m), A_ub=-M, b_ub=-b, bounds=(0, 1), method="highs")
    if lp.status != 0:
        return A, np.ones(n), float("nan")
    seen = set()
    for _ in range(rounds):
        if deadline is not None and time.perf_counter() > deadline:
            break
        cuts = [c for c in odd_triple_cuts(A, lp.x) if c[1:] not in seen][:per_round]
        if not cuts:
            break
        seen.update(c[1:] for c in cuts)
        picks = sparse.csr_matrix((np.ones(3 * len(cuts)), (np.repeat(np.arange(len(cuts)), 3),
                                                            np.array([c[1:] for c in cuts]).ravel())),
                                  shape=(len(cuts), n))  # cut i sums rows a, b, c
        rows = picks @ A
        rows.data = np.ceil(rows.data / 2.0)
        M2 = sparse.vstack([M, rows]).tocsr()
        b2 = np.concatenate([b, np.full(len(cuts), 2.0)])
        lp2 = linprog(np.ones(m), A_ub=-M2, b_ub=-b2, bounds=(0, 1), method="highs")
        if lp2.status != 0:
            break
        M, b, lp = M2, b2, lp2
    tight = np.flatnonzero(M[n:] @ lp.x - b[n:] < 1e-6)
    return sparse.vstack([A, M[n:][tight]]).tocsr(), np.concatenate([np.ones(n), b[n:][tight]]), float(lp.fun)


def _milp_with_options(c, constraints, options: dict, extra: dict):
    """scipy's milp on binary variables with extra HiGHS options; without them if this HiGHS lacks one."""
    kwargs = dict(constraints=constraints, integrality=np.ones(len(c)), bounds=Bounds(0, 1))
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Unrecognized options")  # scipy: OptimizeWarning
            return milp(c, options={**options, **extra}, **kwargs)
    except AttributeError:  # an option this scipy's HiGHS does not know
        return milp(c, options=dict(options), **kwargs)


def greedy_lscp(A: sparse.csr_matrix, conflicts=None) -> list | None:
    """Greedy set cover then removal of redundant sites; None if conflicts block a full cover."""
    Acsc = sparse.csc_matrix(A)
    n, m = A.shape
    w = np.ones(n)
    chosen = greedy_mclp(A, w, m, conflicts)
    if covered_weight(A, w, chosen) < n - 0.5:
        return None
    # drop sites whose rows are all covered twice (last-added first)
    count = np.asarray(A[:, chosen].sum(axis=1)).ravel() if chosen else np.zeros(n)
    for j in list(reversed(chosen)):
        rows = Acsc.indices[Acsc.indptr[j]:Acsc.indptr[j + 1]]
        if (count[rows] >= 2).all():
            chosen.remove(j)
            count[rows] -= 1
    return chosen


def solve_lscp(cover, existing_cover=None, conflicts=None, time_limit: float = 60.0,
               use_milp: bool = True) -> SitingResult:
    """Set covering: the fewest new sites so that every reachable demand unit is covered.

    Demand that no candidate reaches is left out and reported (`stats['unreachable']`)."""
    t0 = time.perf_counter()
    deadline = t0 + time_limit
    A = _binary(cover)
    n, m = A.shape
    existing_cover = np.zeros(n, dtype=bool) if existing_cover is None else np.asarray(existing_cover, bool)
    conflicts = np.asarray(conflicts if conflicts is not None else np.zeros((0, 2)), dtype=np.int64).reshape(-1, 2)
    reach = np.diff(A.indptr) > 0
    unreachable = ~existing_cover & ~reach
    live = ~existing_cover & reach
    notes = []
    if len(conflicts):
        Ar, cols, forced = A[live], np.arange(m), []
        Ar, _, _ = merge_identical_rows(Ar, np.ones(Ar.shape[0]))
    else:
        Ar, cols, forced = _reduce_lscp(A[live], True)
    stats = {"demand_rows": n, "candidates": m, "reduced_rows": Ar.shape[0], "reduced_candidates": len(cols),
             "forced": len(forced), "unreachable": int(unreachable.sum())}
    sol = greedy_lscp(Ar, conflicts) if Ar.shape[0] else []
    best = None if sol is None else [int(cols[j]) for j in sol]
    lower = float(len(forced))
    method = "greedy"
    if Ar.shape[0]:
        # LP bound, raised by odd-triple {0, ½}-cuts (valid for every cover, spacing or not), which the
        # MILP keeps: on the 5 000 × 500 benchmark they lift the core's LP bound from 54.2 to 55.3
        # (optimum 57) and HiGHS's tree from ~1 000 nodes to ~200.
        Af, rhs = Ar.astype(float), np.ones(Ar.shape[0])
        if Ar.nnz <= MAX_MILP_NNZ:
            Af, rhs, lp_bound = strengthen_lscp(Ar, deadline=t0 + time_limit / 4)
            stats["cuts"] = int(Af.shape[0] - Ar.shape[0])
            if not len(conflicts) and np.isfinite(lp_bound):
                lower = len(forced) + np.ceil(lp_bound - 1e-6)
        elif not len(conflicts):
            lp = linprog(np.ones(Ar.shape[1]), A_ub=-Af, b_ub=-rhs, bounds=(0, 1), method="highs")
            if lp.status == 0:
                lower = len(forced) + np.ceil(lp.fun - 1e-6)
        proven = best is not None and len(best) <= lower - len(forced) + 1e-9
        if use_milp and not proven and Ar.nnz <= MAX_MILP_NNZ:
            remaining = deadline - time.perf_counter()
            mc = Ar.shape[1]
            cons = [LinearConstraint(Af, rhs, np.inf)]
            if len(conflicts):
                rows = np.repeat(np.arange(len(conflicts)), 2)
                cons.append(LinearConstraint(sparse.csr_matrix((np.ones(2 * len(conflicts)),
                                                                (rows, conflicts.ravel())), shape=(len(conflicts), mc)),
                                             -np.inf, 1))
            res = _milp_with_options(np.ones(mc), cons, {"time_limit": max(remaining, 0.5)}, LSCP_HIGHS_OPTIONS)
            stats["milp_status"] = int(res.status)
            if res.x is not None:
                cand = [int(cols[j]) for j in np.flatnonzero(res.x > 0.5)]
                if best is None or len(cand) < len(best):
                    best, method = cand, "milp_highs"
            if res.mip_dual_bound is not None and np.isfinite(res.mip_dual_bound):
                lower = max(lower, len(forced) + np.ceil(res.mip_dual_bound - 1e-6))
            if res.status == 2:
                notes.append("no set of sites covers every demand unit under the spacing rule")
        elif proven:
            stats["proved_by"] = "lp_bound"
    if best is None:
        return SitingResult(LSCP, [], [], float("nan"), lower, float("nan"), False, method, notes=notes,
                            stats=stats)
    sites = list(forced) + best
    order, added = rank_sites(A[~existing_cover], np.ones(int((~existing_cover).sum())), sites)
    obj = float(len(sites))
    lower = min(lower, obj)
    gap = (obj - lower) / obj if obj > 0 else 0.0
    base = float(existing_cover.sum())
    stats["seconds"] = time.perf_counter() - t0
    if gap <= 1e-9:
        method += "; proven by " + stats.get("proved_by", "milp_highs" if "milp_status" in stats else "bound")
    return SitingResult(LSCP, order, added, obj, lower, gap, gap <= 1e-9, method,
                        covered=base + float(sum(added)), baseline=base, notes=notes, stats=stats)


# -- p-median ---------------------------------------------------------------------------------

def _pm_value(rows, cols, save, n, chosen_mask):
    """Total saving: each row takes its best saving among chosen columns."""
    s = np.where(chosen_mask[cols], save, 0.0)
    best = np.zeros(n)
    np.maximum.at(best, rows, s)
    return best


def solve_pmedian(dist, weights, k: int, cap: float, existing_dist=None, conflicts=None,
                  time_limit: float = 60.0, use_milp: bool = True) -> SitingResult:
    """p-median with a distance cap: minimise Σ_i w_i · min(cap, walk to the nearest open site).

    `dist` is the sparse (demand × candidate) matrix of walking distances (pairs beyond `cap` may be
    absent); `existing_dist` the walk to the nearest existing facility (inf when none)."""
    t0 = time.perf_counter()
    deadline = t0 + time_limit
    D = sparse.coo_matrix(dist)
    w = np.asarray(weights, dtype=float)
    n, m = D.shape
    base = np.full(n, float(cap))
    if existing_dist is not None:
        base = np.minimum(base, np.asarray(existing_dist, dtype=float))
    conflicts = np.asarray(conflicts if conflicts is not None else np.zeros((0, 2)), dtype=np.int64).reshape(-1, 2)
    keep = (D.data < base[D.row]) & (w[D.row] > 0)
    rows, cols, d = D.row[keep], D.col[keep], D.data[keep]
    save = w[rows] * (base[rows] - d)
    total_base = float((w * base).sum())
    stats = {"demand_rows": n, "candidates": m, "pairs": int(len(rows))}
    clists = _conflict_lists(m, conflicts) if len(conflicts) else None

    def value(mask):
        return float(_pm_value(rows, cols, save, n, mask).sum())

    # greedy
    chosen_mask = np.zeros(m, dtype=bool)
    blocked = np.zeros(m, dtype=bool)
    cur = np.zeros(n)
    chosen = []
    for _ in range(min(k, m)):
        gain = np.bincount(cols, weights=np.maximum(save - cur[rows], 0), minlength=m)
        gain[chosen_mask | blocked] = -1
        j = int(np.argmax(gain))
        if gain[j] <= 0:
            break
        chosen.append(j)
        chosen_mask[j] = True
        blocked[j] = True
        if clists:
            blocked[clists[j]] = True
        cur = _pm_value(rows, cols, save, n, chosen_mask)
    # vertex substitution
    best_val = value(chosen_mask)
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for pos, j in enumerate(list(chosen)):
            mask = chosen_mask.copy()
            mask[j] = False
            cur_wo = _pm_value(rows, cols, save, n, mask)
            gain = np.bincount(cols, weights=np.maximum(save - cur_wo[rows], 0), minlength=m)
            gain[mask] = -1
            gain[j] = -1
            if clists:
                others = [c for c in chosen if c != j]
                for o in others:
                    gain[clists[o]] = -1
            jn = int(np.argmax(gain))
            cand_val = float(cur_wo.sum()) + gain[jn]
            if gain[jn] > 0 and cand_val > best_val + 1e-9 * max(1.0, best_val):
                chosen_mask[j] = False
                chosen_mask[jn] = True
                chosen[pos] = jn
                best_val = value(chosen_mask)
                improved = True
    method = "greedy_swap"
    upper = float(save.sum()) if len(save) else 0.0
    per_row = np.zeros(n)
    np.maximum.at(per_row, rows, save)
    upper = float(per_row.sum())
    if use_milp and len(rows) and len(rows) <= MAX_MILP_NNZ:
        P = len(rows)
        # variables: y (m), z (P)
        c = np.concatenate([np.zeros(m), -save])
        one = LinearConstraint(sparse.csr_matrix((np.ones(P), (rows, m + np.arange(P))), shape=(n, m + P)),
                               -np.inf, 1)
        link = LinearConstraint(sparse.csr_matrix((np.r_[np.ones(P), -np.ones(P)],
                                                   (np.r_[np.arange(P), np.arange(P)], np.r_[m + np.arange(P), cols])),
                                                  shape=(P, m + P)), -np.inf, 0)
        card = LinearConstraint(sparse.csr_matrix(np.r_[np.ones(m), np.zeros(P)][None, :]), 0, k)
        cons = [one, link, card]
        if len(conflicts):
            rr = np.repeat(np.arange(len(conflicts)), 2)
            cons.append(LinearConstraint(sparse.csr_matrix((np.ones(2 * len(conflicts)), (rr, conflicts.ravel())),
                                                           shape=(len(conflicts), m + P)), -np.inf, 1))
        remaining = deadline - time.perf_counter()
        if remaining > 0.5:
            res = milp(c, constraints=cons, integrality=np.r_[np.ones(m), np.zeros(P)], bounds=Bounds(0, 1),
                       options={"time_limit": remaining, "mip_rel_gap": 1e-9})
            stats["milp_status"] = int(res.status)
            if res.x is not None:
                mask = res.x[:m] > 0.5
                v2 = value(mask)
                if v2 > best_val + 1e-9 * max(1.0, best_val):
                    chosen, best_val, method = list(np.flatnonzero(mask)), v2, "milp_highs"
            if res.mip_dual_bound is not None and np.isfinite(res.mip_dual_bound):
                upper = min(upper, -float(res.mip_dual_bound))
            if res.status == 0 and res.x is not None:
                upper = min(upper, best_val)
    upper = max(upper, best_val)
    objective = total_base - best_val
    lower = total_base - upper
    gap = (objective - lower) / objective if objective > 0 else 0.0
    optimal = gap <= 1e-6
    # rank: greedy order of savings among the chosen sites
    order, added = [], []
    mask = np.zeros(m, dtype=bool)
    left = [int(j) for j in chosen]
    cur = np.zeros(n)
    while left:
        gains = [float(np.maximum(save[cols == j] - cur[rows[cols == j]], 0).sum()) for j in left]
        i = int(np.argmax(gains))
        j = left.pop(i)
        order.append(j)
        added.append(gains[i])
        mask[j] = True
        cur = _pm_value(rows, cols, save, n, mask)
    stats["seconds"] = time.perf_counter() - t0
    if optimal:
        method += "; proven by " + ("milp_highs" if "milp_status" in stats else "bound")
    return SitingResult(PMEDIAN, order, added, objective, lower, 0.0 if optimal else gap, optimal, method,
                        notes=[], stats=stats)
