"""core.siting_plan.from_cost_matrix: from walking distances to ranked sites, assignments and the curve."""

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from municipal_gis.core import network as net
from municipal_gis.core import siting
from municipal_gis.core.siting_plan import from_cost_matrix, id_list, site_points


def test_by_hand_one_new_site_beside_an_existing_one():
    # 4 blocks; candidate 0 reaches blocks 0 and 1, candidate 1 reaches block 2; block 3 has an existing site
    dist = sparse.csr_matrix(np.array([[100.0, 0], [250.0, 0], [0, 150.0], [0, 0]]))
    pop = np.array([50.0, 30.0, 60.0, 40.0])
    existing = np.array([np.inf, 380.0, np.inf, 20.0])
    plan = from_cost_matrix(dist, pop, 1, siting.MCLP, 300.0, existing_dist=existing,
                            existing_nearest=np.array([-1, 0, -1, 0]))
    assert plan.order == [0] and plan.added == [80.0]          # 50 + 30 beat 60
    assert (plan.baseline, plan.covered, plan.total) == (40.0, 120.0, 180.0)
    assert plan.result.optimal
    assert list(plan.site_kind) == ["new", "new", None, "existing"]
    assert list(plan.site_rank) == [1, 1, 0, 0]
    assert plan.walk_m[0] == 100.0 and plan.walk_m[1] == 250.0 and plan.walk_m[3] == 20.0
    assert list(plan.site_served) == [80.0]
    assert not plan.unreachable.any() and list(plan.served) == [True, True, False, True]
    # the curve: existing alone, then one and two new sites
    assert [(k, c) for k, c, _ in plan.curve] == [(0, 40.0), (1, 120.0), (2, 180.0)]


def test_set_covering_without_a_feasible_answer_says_so():
    dist = sparse.csr_matrix(np.array([[100.0, 0], [0, 100.0]]))
    conflicts = np.array([[0, 1]])  # the only two sites are too close to open both
    plan = from_cost_matrix(dist, np.array([1.0, 1.0]), 0, siting.LSCP, 300.0, conflicts=conflicts)
    assert plan.infeasible and plan.order == []


def test_id_list_and_site_points():
    assert id_list(range(1, 4)) == "1, 2, 3"
    assert id_list(range(1, 15)) == "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 (+4)"
    ell = shapely.Polygon([(0, 0), (10, 0), (10, 1), (1, 1), (1, 10), (0, 10)])
    points = site_points([shapely.Point(3, 4), ell, None])
    assert points[0].equals(shapely.Point(3, 4)) and ell.contains(points[1]) and points[2] is None


@st.composite
def instances(draw):
    seed = draw(st.integers(0, 10_000))
    rng = np.random.default_rng(seed)
    n, m, e = draw(st.integers(1, 25)), draw(st.integers(1, 7)), draw(st.integers(0, 3))
    dxy, cxy, exy = rng.random((n, 2)) * 1000, rng.random((m, 2)) * 1000, rng.random((e, 2)) * 1000
    pop = rng.integers(0, 40, n).astype(float)
    model = draw(st.sampled_from([siting.MCLP, siting.LSCP, siting.PMEDIAN]))
    max_walk = draw(st.sampled_from([200.0, 350.0, 600.0]))
    reach = 2 * max_walk if model == siting.PMEDIAN else max_walk
    dist = net.euclidean_within(cxy, dxy, reach).T.tocsr()
    who, ex_dist = net.euclidean_nearest(exy, dxy) if e else (None, np.full(n, np.inf))
    k = draw(st.integers(1, m))
    spacing = draw(st.sampled_from([0.0, 150.0]))
    return dist, pop, k, model, max_walk, ex_dist, who, siting.conflict_pairs(cxy, spacing)


@settings(max_examples=60, deadline=None)
@given(instances())
def test_plan_invariants(instance):
    dist, pop, k, model, max_walk, ex_dist, who, conflicts = instance
    plan = from_cost_matrix(dist, pop, k, model, max_walk, existing_dist=ex_dist, existing_nearest=who,
                            conflicts=conflicts, time_limit=10)
    if plan.infeasible:
        return
    D = dist.toarray()
    # what the sites add reconciles with what is covered; served = covered by existing or chosen within max_walk
    assert plan.covered == pytest.approx(plan.baseline + sum(plan.added))
    within = (D[:, plan.order] > 0) & (D[:, plan.order] <= max_walk) if plan.order else np.zeros((len(pop), 0), bool)
    assert np.array_equal(plan.served, (ex_dist <= max_walk) | within.any(axis=1))
    assert plan.covered == pytest.approx(pop[plan.served].sum())
    assert plan.total == pytest.approx(pop.sum())
    # no two chosen sites in conflict, and at most k for the budgeted models
    assert not {tuple(p) for p in conflicts.tolist()} & {(a, b) for a in plan.order for b in plan.order}
    if model != siting.LSCP:
        assert len(plan.order) <= k
    # every unit is assigned to its nearest facility, new or existing
    for i in range(len(pop)):
        if plan.site_kind[i] == "new":
            j = plan.site_index[i]
            assert plan.order[plan.site_rank[i] - 1] == j
            assert plan.walk_m[i] == D[i, j] < ex_dist[i]
            assert plan.walk_m[i] == min(D[i, c] for c in plan.order if D[i, c] > 0)
        elif plan.site_kind[i] == "existing":
            assert plan.walk_m[i] == ex_dist[i] and who[i] == plan.site_index[i]
        else:
            assert not np.isfinite(ex_dist[i]) and not any(D[i, c] > 0 for c in plan.order)
    # a site serves the units it is nearest to within max_walk
    new_within = (plan.site_kind == "new") & (plan.walk_m <= max_walk)
    assert sum(plan.site_served) == pytest.approx(pop[new_within].sum())
    # unreachable people are never served
    assert not (plan.unreachable & plan.served).any()
    # the curve starts from the existing sites alone; at the chosen k it states what the plan covers
    assert plan.curve[0][1] == pytest.approx(plan.baseline)
    if model == siting.MCLP and len(plan.order) == k and k < len(plan.curve):
        assert plan.curve[k][1] == pytest.approx(plan.covered)
