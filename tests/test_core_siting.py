"""Siting models against brute force (itertools.combinations) on small instances."""

import itertools

import numpy as np
import pytest

from municipal_gis.core import network as net
from municipal_gis.core import siting


def instance(seed, n=30, m=8, radius=300.0):
    rng = np.random.default_rng(seed)
    dxy = rng.random((n, 2)) * 1000
    cxy = rng.random((m, 2)) * 1000
    w = rng.integers(0, 50, n).astype(float)
    D = net.euclidean_within(cxy, dxy, radius).T.tocsr()
    return dxy, cxy, w, D


def feasible(S, conflicts):
    cs = {tuple(p) for p in conflicts}
    return not any((a, b) in cs for a, b in itertools.combinations(sorted(S), 2))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("spacing", [0.0, 250.0])
def test_mclp_matches_brute_force(seed, spacing):
    _, cxy, w, D = instance(seed)
    A = D.toarray() > 0
    conflicts = siting.conflict_pairs(cxy, spacing)
    k = 1 + seed % 3
    best = max(w[A[:, list(S)].any(axis=1)].sum() if S else 0.0
               for kk in range(k + 1) for S in itertools.combinations(range(A.shape[1]), kk)
               if feasible(S, conflicts))
    res = siting.solve_mclp(D, w, k, conflicts=conflicts, time_limit=20)
    assert res.optimal and res.gap == 0
    assert res.objective == pytest.approx(best)
    assert res.best_bound == pytest.approx(best)
    assert len(res.sites) <= k and feasible(res.sites, conflicts)
    # what the sites add reconciles with the objective
    assert sum(res.added) == pytest.approx(res.objective)
    assert res.covered == pytest.approx(w[A[:, res.sites].any(axis=1)].sum())


def test_mclp_existing_facilities_fixed():
    _, _, w, D = instance(3)
    A = D.toarray() > 0
    existing = A[:, 0]  # pretend candidate 0 is an existing playground
    res = siting.solve_mclp(D, w, 2, existing_cover=existing)
    best = max(w[(A[:, list(S)].any(axis=1)) | existing].sum()
               for S in itertools.combinations(range(A.shape[1]), 2))
    assert res.covered == pytest.approx(best)
    assert res.baseline == pytest.approx(w[existing].sum())
    assert res.objective == pytest.approx(best - w[existing].sum())


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("spacing", [0.0, 200.0])
def test_lscp_matches_brute_force(seed, spacing):
    _, cxy, _, D = instance(seed, n=25, m=8, radius=350)
    A = D.toarray() > 0
    reach = A.any(axis=1)
    conflicts = siting.conflict_pairs(cxy, spacing)
    best = None
    for kk in range(A.shape[1] + 1):
        for S in itertools.combinations(range(A.shape[1]), kk):
            if feasible(S, conflicts) and A[reach][:, list(S)].any(axis=1).all():
                best = kk
                break
        if best is not None:
            break
    res = siting.solve_lscp(D, conflicts=conflicts)
    assert res.stats["unreachable"] == int((~reach).sum())
    if best is None:
        assert res.sites == []
    else:
        assert res.objective == best and res.optimal
        assert A[reach][:, res.sites].any(axis=1).all()


@pytest.mark.parametrize("seed", range(8))
def test_pmedian_matches_brute_force(seed):
    _, cxy, w, D = instance(seed, radius=600)
    cap = 600.0
    Dd = D.toarray()
    dist = np.where(Dd > 0, Dd, np.inf)
    ex = np.full(len(w), np.inf)
    ex[::5] = 100.0  # some demand already near an existing facility
    k = 2
    best = min((w * np.minimum(np.minimum(dist[:, list(S)].min(axis=1), cap), ex)).sum()
               for S in itertools.combinations(range(Dd.shape[1]), k))
    res = siting.solve_pmedian(D, w, k, cap, existing_dist=ex)
    assert res.optimal
    assert res.objective == pytest.approx(best)


def test_reductions():
    import scipy.sparse as sp
    A = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 1, 1], [0, 1, 0]]))
    A2, w2, group = siting.merge_identical_rows(A, np.array([1.0, 2.0, 3.0, 4.0]))
    assert A2.shape[0] == 3 and sorted(w2) == [3.0, 3.0, 4.0] and group[0] == group[1]
    # column 0 ⊆ column 1 and column 2 ⊆ column 1
    assert list(siting.dominated_columns(A)) == [True, False, True]


def test_lagrangian_bound_is_an_upper_bound_and_tight_when_greedy_is_optimal():
    _, _, w, D = instance(5, n=200, m=30)
    A = siting._binary(D)
    for k in (1, 3, 6):
        best = max(w[(D[:, list(S)].toarray() > 0).any(axis=1)].sum()
                   for S in itertools.combinations(range(30), k)) if k <= 3 else None
        g = siting.greedy_mclp(A, w, k)
        value = siting.covered_weight(A, w, g)
        bound = siting.lagrangian_bound_mclp(A, w, k, value)
        assert bound >= value - 1e-9
        if best is not None:
            assert bound >= best - 1e-6


def test_coverage_curve_is_monotone_and_bounded():
    _, _, w, D = instance(2, n=100, m=15)
    curve = siting.coverage_curve(D, w, 6)
    values = [v for _, v, _ in curve]
    assert values[0] == 0 and all(b >= a - 1e-9 for a, b in zip(values, values[1:]))
    assert all(b >= v - 1e-9 for _, v, b in curve)
    reach = np.asarray(D.sum(axis=1)).ravel() > 0
    assert values[-1] <= w[reach].sum() + 1e-9


def test_network_coverage_totals_reconcile():
    import shapely
    lines = []
    for i in range(5):
        lines.append(shapely.LineString([(0, i * 100), (400, i * 100)]))
        lines.append(shapely.LineString([(i * 100, 0), (i * 100, 400)]))
    g = net.StreetNetwork(lines)
    rng = np.random.default_rng(0)
    dxy = rng.random((60, 2)) * 400
    w = rng.integers(1, 20, 60).astype(float)
    cxy = np.array([[0, 0], [200, 200], [400, 400], [100, 300]])
    D = g.distances_within(g.attach(cxy), g.attach(dxy), 250).T.tocsr()
    res = siting.solve_mclp(D, w, 2)
    A = D.toarray() > 0
    best = max(w[A[:, list(S)].any(axis=1)].sum() for S in itertools.combinations(range(4), 2))
    assert res.objective == pytest.approx(best)
    assert res.covered + w[~A[:, res.sites].any(axis=1)].sum() == pytest.approx(w.sum())


def test_lagrangian_fixing_never_removes_a_column_of_a_better_solution():
    _, _, w, D = instance(7, n=120, m=14, radius=250)
    A = siting._binary(D)
    k = 3
    Ad = D.toarray() > 0
    values = {S: w[Ad[:, list(S)].any(axis=1)].sum() for S in itertools.combinations(range(14), k)}
    best = max(values.values())
    lower = sorted(values.values())[-5]  # an incumbent a little below the optimum
    _, _, _, lam = siting.lagrangian_bound_mclp(A, w, k, lower, return_solution=True)
    out = siting.lagrangian_fixing(A, w, k, lam, lower)
    for S, v in values.items():
        if v > lower:
            assert not out[list(S)].any()
    assert best >= lower


def test_mclp_medium_instance_equals_direct_milp():
    """Kernel search + Lagrangian fixing + MILP give the optimum of the unreduced model."""
    _, _, w, D = instance(11, n=1500, m=220, radius=150)
    k = 8
    res = siting.solve_mclp(D, w, k, time_limit=60)
    direct = siting._milp_mclp(siting._binary(D), w, k, None, 60)
    assert direct.status == 0
    assert res.optimal and res.objective == pytest.approx(-direct.fun)


def test_gap_target_stops_early_but_never_claims_optimality_falsely():
    """With a gap target the answer is proven within that gap; OPTIMAL only when truly proven."""
    import numpy as np
    from scipy import sparse

    from municipal_gis.core import siting

    rng = np.random.default_rng(5)
    n, m = 1500, 300
    dxy, cxy = rng.uniform(0, 5000, (n, 2)), rng.uniform(0, 5000, (m, 2))
    d = np.hypot(dxy[:, None, 0] - cxy[None, :, 0], dxy[:, None, 1] - cxy[None, :, 1])
    cover = sparse.csr_matrix(d <= 450)
    w = rng.integers(1, 60, n).astype(float)
    exact = siting.solve_mclp(cover, w, 12, time_limit=60)
    assert exact.optimal
    loose = siting.solve_mclp(cover, w, 12, time_limit=60, gap_target=0.02)
    assert loose.gap <= 0.02 + 1e-12
    assert loose.best_bound >= exact.objective - 1e-9  # the bound is still a valid upper bound
    assert loose.objective >= (1 - 0.02) * exact.objective - 1e-9
    assert loose.optimal == (loose.objective >= exact.objective - 1e-9 and loose.gap <= 1e-6)
    assert "target_seconds" in loose.stats and loose.stats["target_seconds"] <= loose.stats["seconds"]


# -- set covering presolve: exact reductions keep the optimum ---------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from scipy import sparse  # noqa: E402
from scipy.optimize import Bounds, LinearConstraint, linprog, milp  # noqa: E402


def _unreduced_lscp_optimum(A: np.ndarray) -> int:
    """The fewest columns covering every row that some column reaches, by HiGHS on the whole matrix."""
    A = A[A.any(axis=1)]
    if not len(A):
        return 0
    m = A.shape[1]
    res = milp(np.ones(m), constraints=[LinearConstraint(A.astype(float), 1, np.inf)],
               integrality=np.ones(m), bounds=Bounds(0, 1))
    assert res.status == 0
    return int(round(res.fun))


@st.composite
def cover_matrices(draw):
    n = draw(st.integers(1, 40))
    m = draw(st.integers(1, 14))
    density = draw(st.sampled_from([0.08, 0.15, 0.3, 0.5]))
    seed = draw(st.integers(0, 2 ** 31 - 1))
    rng = np.random.default_rng(seed)
    A = rng.random((n, m)) < density
    # duplicate some rows and columns: identical sets are what the merges and dominance rules see
    if n > 2 and draw(st.booleans()):
        A[rng.integers(0, n, n // 3)] = A[rng.integers(0, n, n // 3)]
    if m > 2 and draw(st.booleans()):
        A[:, rng.integers(0, m)] = A[:, rng.integers(0, m)]
    return A


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cover_matrices())
def test_lscp_presolve_keeps_the_optimum(A):
    """Forced (essential) columns + the optimum of the reduced matrix = the optimum of the whole
    matrix, and the forced columns with the reduced solution cover every reachable row."""
    best = _unreduced_lscp_optimum(A)
    live = A[A.any(axis=1)]
    reduced, cols, forced = siting._reduce_lscp(siting._binary(sparse.csr_matrix(live)), True)
    if reduced.shape[0]:
        sub = _unreduced_lscp_optimum(reduced.toarray() > 0)
    else:
        sub = 0
    assert len(forced) + sub == best
    assert len(set(forced)) == len(forced) and not set(forced) & set(cols.tolist())
    res = siting.solve_lscp(sparse.csr_matrix(A.astype(float)))
    assert res.optimal and res.objective == best
    assert live[:, res.sites].any(axis=1).all()


@pytest.mark.parametrize("m, k", [(6, 3), (7, 3), (8, 4)])
def test_lscp_proves_by_milp_when_the_lp_bound_is_weak(m, k):
    """Rows: every k-subset of m candidates. A cover must leave out at most k − 1 candidates, so the
    optimum is m − k + 1, while the LP bound is m / k: no reduction applies and the MILP (with the
    HiGHS options of LSCP_HIGHS_OPTIONS) must prove it."""
    rows = list(itertools.combinations(range(m), k))
    A = np.zeros((len(rows), m))
    for i, row in enumerate(rows):
        A[i, list(row)] = 1.0
    res = siting.solve_lscp(sparse.csr_matrix(A))
    assert "milp_status" in res.stats and res.stats["reduced_rows"] == len(rows)
    assert res.optimal and res.objective == m - k + 1 == _unreduced_lscp_optimum(A > 0)
    assert (A[:, res.sites].sum(axis=1) >= 1).all()


def test_lscp_runs_when_this_highs_lacks_an_option(monkeypatch):
    """An option that scipy's HiGHS does not know raises AttributeError there: the MILP runs without it."""
    monkeypatch.setattr(siting, "LSCP_HIGHS_OPTIONS", {"no_such_highs_option": 1})
    A = np.array([[1.0 if j in row else 0.0 for j in range(6)] for row in itertools.combinations(range(6), 3)])
    res = siting.solve_lscp(sparse.csr_matrix(A))
    assert res.optimal and res.objective == 4


# -- set covering: odd-triple {0, ½}-cuts -----------------------------------------------------

@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cover_matrices(), st.integers(0, 2 ** 31 - 1))
def test_odd_triple_cuts_measure_their_violation_as_defined(A, seed):
    """W of each returned triple is s_a + s_b + s_c + Σ x_j over the columns covered an odd number of
    times, computed here from the definition, and every returned cut is violated at x."""
    A = A[A.any(axis=1)]
    if len(A) < 3:
        return
    x = np.random.default_rng(seed).random(A.shape[1])
    x = x * 1.5 / np.maximum((A * x).sum(axis=1).min(), 1e-9)  # rows nearly tight, none far below 1
    x = np.clip(x, 0, 1)
    slack = A.astype(float) @ x - 1
    for W, a, b, c in siting.odd_triple_cuts(sparse.csr_matrix(A.astype(float)), x, max_slack=5.0, min_violation=0.0):
        assert a < b < c
        odd = (A[a].astype(int) + A[b] + A[c]) % 2 == 1
        assert W == pytest.approx(slack[a] + slack[b] + slack[c] + x[odd].sum(), abs=1e-9)
        cut = np.ceil((A[a].astype(int) + A[b] + A[c]) / 2)
        assert cut @ x < 2 - 1e-12  # violated: (1 − W) / 2 > 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cover_matrices())
def test_odd_triple_cuts_keep_every_cover_and_the_bound_below_the_optimum(A):
    """Every cover (all 0/1 vectors, enumerated) satisfies every cut strengthen_lscp adds, and its LP
    bound lies between the plain LP bound and the optimum."""
    A = A[A.any(axis=1)]
    if not len(A):
        return
    n, m = A.shape
    M, rhs, bound = siting.strengthen_lscp(sparse.csr_matrix(A.astype(float)), rounds=4)
    assert M.shape[0] >= n and (M[:n].toarray() == A).all() and (rhs[:n] == 1).all()
    vectors = ((np.arange(2 ** m)[:, None] >> np.arange(m)) & 1).astype(float)
    covers = vectors[(vectors @ A.T.astype(float) >= 1).all(axis=1)]
    assert ((covers @ M.T.toarray()) >= rhs - 1e-9).all()
    plain = linprog(np.ones(m), A_ub=-A.astype(float), b_ub=-np.ones(n), bounds=(0, 1), method="highs").fun
    assert plain - 1e-7 <= bound <= covers.sum(axis=1).min() + 1e-7


def test_odd_triple_cuts_lift_the_lp_bound_of_an_odd_cycle():
    """Rows {0,1}, {1,2}, {0,2}: the LP sets every x_j = ½ (bound 1.5), the cut x0 + x1 + x2 ≥ 2 gives 2."""
    A = sparse.csr_matrix(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]], dtype=float))
    M, rhs, bound = siting.strengthen_lscp(A)
    assert bound == pytest.approx(2.0)
    assert M.shape[0] == 4 and (M[3].toarray().ravel() == [1, 1, 1]).all() and rhs[3] == 2
    res = siting.solve_lscp(A)
    assert res.optimal and res.objective == 2 and res.stats["cuts"] == 1
