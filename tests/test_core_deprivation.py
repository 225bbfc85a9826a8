"""Deprivation index: parsing, empirical-Bayes smoothing, scaling, ranks, sensitivity (no QGIS)."""

from __future__ import annotations

import numpy as np
import pytest

from municipal_gis.core import deprivation as dp


def test_parse_indicators():
    inds = dp.parse_indicators("unemployed/labour_force:+; low_education_share ;\n households:-, x:higher_better")
    assert inds == [
        dp.Indicator("unemployed", "labour_force", 1),
        dp.Indicator("low_education_share", None, 1),
        dp.Indicator("households", None, -1),
        dp.Indicator("x", None, -1),
    ]
    assert inds[0].fields == ("unemployed", "labour_force")
    with pytest.raises(dp.IndicatorSpecError) as err:
        dp.parse_indicators("a:+; b c:-")
    assert err.value.entry == "b c:-"
    assert dp.parse_indicators("  ") == []


def test_parse_weights():
    assert dp.parse_weights("", 4).tolist() == [0.25] * 4
    assert dp.parse_weights("2, 1 1", 3).tolist() == pytest.approx([0.5, 0.25, 0.25])
    for bad in ("1, 2", "1, -1, 2", "0 0 0"):
        with pytest.raises(ValueError):
            dp.parse_weights(bad, 3)


def test_empirical_bayes_by_hand():
    # r = (0, 1), b = (8, 8): m = 0.5; s² = Σb(r − m)²/Σb − m/b̄ = 0.25 − 0.0625 = 0.1875;
    # C = 0.1875 / (0.1875 + 0.5/8) = 0.75 → 0.5 ∓ 0.375
    assert dp.empirical_bayes([0, 8], [8, 8]).tolist() == pytest.approx([0.125, 0.875])
    # no variance beyond the Poisson noise (s² < 0 → 0): everything goes to the overall rate
    assert dp.empirical_bayes([0, 2], [2, 2]).tolist() == pytest.approx([0.5, 0.5])
    # a block without residents gets the overall rate; a big block barely moves
    smoothed = dp.empirical_bayes([0, 300, 1, 50], [0, 1000, 1, 1000])
    assert smoothed[0] == pytest.approx(351 / 2001)
    assert abs(smoothed[1] - 0.3) < abs(smoothed[2] - 1.0)
    assert 0 < smoothed[2] < 1


def test_index_by_hand_min_max():
    # x1 = 1..4 (higher worse) → 0, 1/3, 2/3, 1; x2 = 4, 4, 0, 0 (higher better) → 0, 0, 1, 1
    values = np.array([[1, 4], [2, 4], [3, 0], [4, 0]], dtype=float)
    res = dp.deprivation_index(values, [1, -1], None, dp.MIN_MAX)
    assert res.index.tolist() == pytest.approx([0, 1 / 6, 5 / 6, 1])
    assert res.contributions[2].tolist() == pytest.approx([1 / 3, 0.5])
    assert res.rank.tolist() == [4, 3, 2, 1]
    # decile = 10 − ⌊10 (rank − 1) / n⌋
    assert res.decile.tolist() == [3, 5, 8, 10]
    weighted = dp.deprivation_index(values, [1, -1], np.array([3.0, 1.0]), dp.MIN_MAX)
    assert weighted.index.tolist() == pytest.approx([0, 0.25, 0.75, 1])


def test_z_score_and_rank_methods():
    values = np.array([[1.0], [2.0], [3.0], [4.0], [10.0]])
    z = dp.deprivation_index(values, [1], None, dp.Z_SCORE)
    assert z.index.tolist() == pytest.approx(((values[:, 0] - 4) / np.sqrt(10)).tolist())
    assert dp.deprivation_index(values, [-1], None, dp.Z_SCORE).index == pytest.approx(-z.index)
    r = dp.deprivation_index(np.array([[5.0], [1.0], [5.0], [3.0]]), [1], None, dp.RANK)
    # average ranks 3.5, 1, 3.5, 2 → (rank − 1)/(n − 1)
    assert r.index.tolist() == pytest.approx([2.5 / 3, 0, 2.5 / 3, 1 / 3])
    assert r.rank.tolist() == [1, 4, 1, 3]  # ties share the best rank


def test_constant_indicator_contributes_nothing():
    values = np.array([[1.0, 7.0], [2.0, 7.0], [3.0, 7.0]])
    for method in dp.METHODS:
        for direction in (1, -1):
            res = dp.deprivation_index(values, [1, direction], None, method)
            assert np.all(res.contributions[:, 1] == 0)


def test_indicator_values_with_and_without_smoothing():
    columns = {"u": np.array([0.0, 8.0]), "lf": np.array([8.0, 8.0]), "r": np.array([0.2, 0.4])}
    inds = dp.parse_indicators("u/lf; r:-")
    raw = dp.indicator_values(columns, inds, smoothing=False)
    assert raw.tolist() == [[0.0, 0.2], [1.0, 0.4]]
    smooth = dp.indicator_values(columns, inds, smoothing=True)
    assert smooth[:, 0].tolist() == pytest.approx([0.125, 0.875])


def test_sensitivity_probability_of_top_decile():
    rng = np.random.default_rng(4)
    n = 30
    values = rng.uniform(0.2, 0.8, size=(n, 3))
    values[0] = 1.0  # worst on every indicator: top decile whatever the weights
    values[1] = 0.0  # best on every indicator: never
    values[2] = [1.0, 0.0, 0.0]  # worst on one, best on the others: depends on the weights
    res = dp.deprivation_index(values, [1, 1, 1], None, dp.MIN_MAX, sensitivity_runs=400, seed=9)
    assert res.p_top_decile[0] == 1.0
    assert res.p_top_decile[1] == 0.0
    assert 0.0 < res.p_top_decile[2] < 1.0
    # every run has the same number of blocks in the top decile (no ties with continuous data)
    assert res.p_top_decile.sum() == pytest.approx(3.0)
    again = dp.deprivation_index(values, [1, 1, 1], None, dp.MIN_MAX, sensitivity_runs=400, seed=9)
    assert np.array_equal(again.p_top_decile, res.p_top_decile)
