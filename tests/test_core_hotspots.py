"""Spatial weights, Gi*, local Moran's I, permutation inference, FDR and zones (no QGIS)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from municipal_gis.core import hotspots as hs
from municipal_gis.core import spatial_weights as sw
from municipal_gis.core import zones as zn

E0, N0 = 462000.0, 4548500.0


def lattice(rows, cols, size=100.0):
    """Row-major squares in EPSG:2100 around central Serres."""
    return np.array([shapely.box(E0 + size * c, N0 + size * r, E0 + size * (c + 1), N0 + size * (r + 1))
                     for r in range(rows) for c in range(cols)], dtype=object)


def neighbours(w, i):
    return sorted(w.indices[w.indptr[i]:w.indptr[i + 1]].tolist())


# ---------------------------------------------------------------------------------------------
# weights
def test_queen_and_rook_on_a_lattice():
    boxes = lattice(3, 3)
    q, r = sw.queen(boxes), sw.rook(boxes)
    assert neighbours(q, 0) == [1, 3, 4]
    assert neighbours(r, 0) == [1, 3]
    assert neighbours(q, 4) == [0, 1, 2, 3, 5, 6, 7, 8]
    assert neighbours(r, 4) == [1, 3, 5, 7]
    assert (q != q.T).nnz == 0 and q.diagonal().sum() == 0
    assert q.nnz == 2 * (6 + 6 + 8)  # 12 edge pairs and 8 diagonal pairs
    assert r.nnz == 2 * 12


def test_holes_multipolygons_and_islands():
    outer = shapely.Polygon([(0, 0), (30, 0), (30, 30), (0, 30)], [[(10, 10), (20, 10), (20, 20), (10, 20)]])
    inner = shapely.box(10, 10, 20, 20)  # fills the hole: shares its four edges
    multi = shapely.MultiPolygon([shapely.box(30, 0, 40, 10), shapely.box(100, 100, 110, 110)])
    far = shapely.box(500, 500, 510, 510)
    corner = shapely.box(40, 10, 50, 20)  # touches the multipolygon's first part at one corner only
    geoms = [outer, inner, multi, far, corner]
    q, r = sw.queen(geoms), sw.rook(geoms)
    assert neighbours(r, 1) == [0]
    # multi's first part shares the vertex (30, 0) with outer but no whole edge (outer's edge
    # (30,0)-(30,30) is not split at (30, 10)): queen neighbours, not rook neighbours
    assert neighbours(q, 2) == [0, 4]
    assert neighbours(r, 2) == []
    assert neighbours(q, 4) == [2]
    assert sw.islands(q).tolist() == [3]
    assert sw.islands(r).tolist() == [2, 3, 4]


def test_distance_band_is_inclusive_and_symmetric():
    pts = np.array([[0.0, 0.0], [3.0, 4.0], [10.0, 0.0], [100.0, 100.0]])
    w = sw.distance_band(pts, 5.0)
    assert neighbours(w, 0) == [1]
    assert neighbours(w, 1) == [0]
    assert sw.islands(w).tolist() == [2, 3]
    w = sw.distance_band(pts, 10.0)
    assert neighbours(w, 0) == [1, 2] and neighbours(w, 2) == [0, 1]


# ---------------------------------------------------------------------------------------------
# statistics worked out by hand on a 3 × 3 rook lattice with y = 1..9 (row-major)
#   ȳ = 5, s² = 285/9 − 25 = 20/3 (population), n = 9
#   Gi*: z_i = (Σ_{j∈N(i)∪{i}} y_j − W* ȳ) / (s √((n W* − W*²)/(n − 1)))
#     block 0 (y=1, neighbours 2 and 4): (7 − 15) / √(20/3 · 18/8) = −8/√15
#     block 1 (y=2, neighbours 1, 3, 5): (11 − 20) / √(20/3 · 20/8) = −9/√(50/3)
#     block 4 (centre): (25 − 25) / … = 0;  block 8: +8/√15
#   local Moran (row standardised): I_i = (n − 1) z_i lag_i / Σz², Σz² = n
#     block 0: z = −4/s, lag = −2/s → I = 8/9 · 8/s² = 16/15
#     block 1: z = −3/s, lag = mean(−4, −2, 0)/s = −2/s → I = 8/9 · 6/s² = 4/5
#     conditional variance (Sokal 1998) for block 0: z² = 2.4, w_i = 1, w_i2 = 1/2, m2 = 1
#       E = −2.4/8 = −0.3;  V = 2.4 · 9/7 · (1/2 − 1/8) · (1 − 2.4/8) = 0.81 → z = (16/15 + 0.3)/0.9
HAND_Y = np.arange(1.0, 10.0)


def test_gi_star_by_hand():
    w = sw.rook(lattice(3, 3))
    g, z = hs.gi_star(HAND_Y, w)
    assert z[0] == pytest.approx(-8 / math.sqrt(15), abs=1e-12)
    assert z[8] == pytest.approx(8 / math.sqrt(15), abs=1e-12)
    assert z[1] == pytest.approx(-9 / math.sqrt(50 / 3), abs=1e-12)
    assert z[4] == pytest.approx(0.0, abs=1e-12)
    assert g[0] == pytest.approx(7 / 45, abs=1e-15)


def test_local_moran_by_hand():
    w = sw.rook(lattice(3, 3))
    lm = hs.local_moran(HAND_Y, w)
    assert lm.i[0] == pytest.approx(16 / 15, abs=1e-12)
    assert lm.i[1] == pytest.approx(0.8, abs=1e-12)
    assert lm.i[4] == pytest.approx(0.0, abs=1e-12)
    assert lm.expected[0] == pytest.approx(-0.3, abs=1e-12)
    assert lm.variance[0] == pytest.approx(0.81, abs=1e-12)
    assert lm.z[0] == pytest.approx((16 / 15 + 0.3) / 0.9, abs=1e-12)
    assert lm.quadrant[0] == 3 and lm.quadrant[8] == 1


def test_constant_values_give_zero_scores():
    w = sw.queen(lattice(3, 3))
    _, z = hs.gi_star(np.full(9, 4.0), w)
    assert np.all(z == 0)
    assert np.all(hs.local_moran(np.full(9, 4.0), w).i == 0)


# ---------------------------------------------------------------------------------------------
# permutation inference
@pytest.mark.parametrize("kind", [sw.QUEEN, sw.ROOK])
def test_permutation_counts_equal_a_naive_loop(kind):
    """The prefix-sum engine counts exactly what a per-site loop over the same draws counts."""
    rng = np.random.default_rng(0)
    w = sw.build(lattice(6, 7), kind)
    n = w.shape[0]
    card = sw.cardinalities(w)
    draws = hs.draw_permutations(n, 300, int(card.max()), seed=5)
    for y in (rng.integers(0, 6, n).astype(float), rng.normal(size=n)):
        n_ge, n_le, r = hs.permutation_counts(y, w, permuted_ids=draws, block=5)
        lag = w @ y
        for i in range(n):
            sums = np.delete(y, i)[draws[:, :card[i]]].sum(axis=1)
            assert n_ge[i] == (sums >= lag[i] - 1e-9).sum()
            assert n_le[i] == (sums <= lag[i] + 1e-9).sum()
        assert r == 300


def test_permutation_p_value_approaches_the_exact_one():
    """Block 8 (y = 9) of the 3 × 3 rook lattice: its two neighbours sum to 14; of the C(8,2) = 28
    pairs of other values {1..8} only (6,8) and (7,8) reach 14, so the exact one-sided p is 2/28."""
    w = sw.rook(lattice(3, 3))
    n_ge, n_le, r = hs.permutation_counts(HAND_Y, w, permutations=40000, seed=11)
    p = hs.pseudo_p(n_ge, n_le, r, "greater")[8]
    assert abs(p - 2 / 28) < 0.005
    assert hs.pseudo_p(n_ge, n_le, r, "two-sided")[8] == pytest.approx(2 * p)


def test_pseudo_p_alternatives():
    n_ge, n_le = np.array([0, 999, 500, 10]), np.array([999, 0, 500, 990])
    assert hs.pseudo_p(n_ge, n_le, 999, "greater").tolist() == pytest.approx([0.001, 1.0, 0.501, 0.011])
    assert hs.pseudo_p(n_ge, n_le, 999, "directed").tolist() == pytest.approx([0.001, 0.001, 0.5, 0.011])
    assert hs.pseudo_p(n_ge, n_le, 999, "two-sided").tolist() == pytest.approx([0.002, 0.002, 1.0, 0.022])


def test_benjamini_hochberg_by_hand():
    p = np.array([0.01, 0.04, 0.03, 0.005, np.nan])
    # sorted 0.005, 0.01, 0.03, 0.04 (m = 4): × m / rank = 0.02, 0.02, 0.04, 0.04
    q = hs.benjamini_hochberg(p)
    assert q[:4].tolist() == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert np.isnan(q[4])
    # documented behaviour: at α = 0.03 the raw p-values reject three, the FDR two
    assert (p[:4] <= 0.03).sum() == 3
    assert (q[:4] <= 0.03).sum() == 2
    # the step-up rule: the k-th smallest p ≤ kα/m rejects all k smallest
    assert hs.benjamini_hochberg(np.array([0.04, 0.04, 0.04, 0.04])).tolist() == pytest.approx([0.04] * 4)


def planted(rows=12, cols=12, seed=3):
    rng = np.random.default_rng(seed)
    y = rng.uniform(0, 1, rows * cols)
    hot = [r * cols + c for r in range(4, 8) for c in range(4, 8)]
    y[hot] += 3.0
    return lattice(rows, cols), y, set(hot)


def test_planted_hot_spot_is_found_and_made_one_zone():
    boxes, y, hot = planted()
    w = sw.queen(boxes)
    st = hs.local_statistics(y, w, permutations=999, seed=1)
    found = set(np.flatnonzero(st.cluster == hs.HOT_SPOT).tolist())
    inner = {5 * 12 + 5, 5 * 12 + 6, 6 * 12 + 5, 6 * 12 + 6}
    assert inner <= found <= hot
    cold = np.flatnonzero(st.cluster == hs.COLD_SPOT)
    assert not set(cold.tolist()) & hot and np.all(st.gi_z[cold] < 0)
    assert np.all(st.gi_z[list(found)] > 3)
    result = zn.delineate(boxes, st.cluster == hs.HOT_SPOT, w, np.full(144, 50.0), y)
    assert len(result.zones) == 1
    zone = result.zones[0]
    assert zone.blocks == sorted(found)
    assert zone.area_m2 == pytest.approx(len(found) * 10000.0, abs=1e-4)
    assert zone.population == 50.0 * len(found)
    assert zone.geometry.geom_type == "Polygon"


def test_fdr_is_stricter_than_raw_p_values():
    boxes, y, _ = planted()
    w = sw.queen(boxes)
    raw = hs.local_statistics(y, w, permutations=999, seed=1, fdr=False)
    adj = hs.local_statistics(y, w, permutations=999, seed=1, fdr=True)
    assert np.array_equal(raw.gi_p, adj.gi_p)
    assert np.all(adj.gi_q >= adj.gi_p)
    assert adj.gi_significant.sum() <= raw.gi_significant.sum()
    assert np.array_equal(adj.gi_significant, adj.gi_q <= 0.05)


def test_analytic_p_values_without_permutations():
    boxes, y, _ = planted()
    st = hs.local_statistics(y, sw.queen(boxes), permutations=0)
    from scipy.stats import norm

    assert st.gi_p == pytest.approx(2 * norm.sf(np.abs(st.gi_z)))


def test_islands_get_no_statistics_and_do_not_crash():
    boxes, y, hot = planted()
    geoms = np.append(boxes, shapely.box(E0 + 5000, N0, E0 + 5100, N0 + 100))
    y = np.append(y, 10.0)
    w = sw.queen(geoms)
    st = hs.local_statistics(y, w, permutations=199, seed=2)
    assert st.cluster[-1] == hs.NO_NEIGHBOURS
    assert np.isnan(st.gi_z[-1]) and np.isnan(st.gi_p[-1]) and np.isnan(st.moran_i[-1])
    assert np.isfinite(st.gi_z[:-1]).all()


# ---------------------------------------------------------------------------------------------
# zones
def test_small_pieces_are_merged_through_a_bridge_or_dropped():
    boxes = lattice(1, 7)  # a row: 0 1 2 3 4 5 6
    w = sw.rook(boxes)
    hot = np.array([1, 1, 0, 1, 0, 0, 1], dtype=bool)
    pop = np.array([100, 100, 5, 10, 0, 0, 10.0])
    values = np.array([5, 5, 2, 4, 1, 1, 3.0])
    no_min = zn.delineate(boxes, hot, w, pop, values)
    assert [z.blocks for z in no_min.zones] == [[0, 1], [3], [6]]
    merged = zn.delineate(boxes, hot, w, pop, values, min_population=50)
    # {3} is too small; block 2 touches it and {0, 1}: it bridges them; {6} has no bridge
    assert [z.blocks for z in merged.zones] == [[0, 1, 2, 3]]
    assert merged.zones[0].bridges == [2]
    assert merged.zones[0].population == 215
    assert merged.dropped == [[6]]
    assert merged.zone_of_block.tolist() == [1, 1, 1, 1, 0, 0, 0]
    by_area = zn.delineate(boxes, hot, w, pop, values, min_area=25000)
    assert [z.blocks for z in by_area.zones] == [[0, 1, 2, 3]]


def test_projects_are_located_in_zones():
    boxes = lattice(2, 2)
    zone = zn.Zone([0, 1], geometry=shapely.union_all(boxes[:2]))
    projects = [shapely.box(E0 + 10, N0 + 10, E0 + 20, N0 + 20),  # inside
                shapely.box(E0 + 90, N0 + 150, E0 + 110, N0 + 160),  # outside, its point
                shapely.box(E0 + 10, N0 + 50, E0 + 20, N0 + 250),  # half in
                shapely.Point(E0 + 500, N0)]
    zone_of, share = zn.locate_projects(projects, [zone])
    assert zone_of.tolist()[0] == 1 and zone_of.tolist()[1] == 0 and zone_of.tolist()[3] == 0
    assert share[0] == pytest.approx(1.0)
    assert share[1] == pytest.approx(0.0)
    assert share[2] == pytest.approx(0.25)
    assert share[3] == 0.0
