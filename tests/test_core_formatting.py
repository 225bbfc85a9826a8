"""core.formatting (numbers and texts of printed documents) and core.building_terms.piece_terms, the
one home of rules the certificate algorithm, its panel and the diagram share."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_gis.core.building_terms import piece_terms
from municipal_gis.core.formatting import fmt_number, pick


def test_numbers_in_greek_and_english():
    assert fmt_number(1234.5) == "1.234,50"
    assert fmt_number(1234.5, 2, "en") == "1,234.50"
    assert fmt_number(1234567.891, 3, "el") == "1.234.567,891"
    assert fmt_number(0.5, 0, "en") == "0"  # Python rounds half to even
    assert fmt_number(-9876.5, 1, "el") == "-9.876,5"
    assert fmt_number(12, 2, "el") == "12,00"
    assert fmt_number(None) == "–" and fmt_number(float("nan"), 2, "en") == "–"


@given(st.floats(-1e12, 1e12, allow_nan=False), st.integers(0, 4))
def test_greek_is_english_with_the_separators_swapped(value, decimals):
    en, el = fmt_number(value, decimals, "en"), fmt_number(value, decimals, "el")
    assert el == en.translate(str.maketrans(",.", ".,"))
    assert float(en.replace(",", "")) == pytest.approx(value, abs=0.5 * 10 ** -decimals + 1e-9 * abs(value))


def test_pick_language():
    assert pick(("Area", "Εμβαδόν"), "en") == "Area"
    assert pick(("Area", "Εμβαδόν"), "el") == "Εμβαδόν"


def test_piece_terms_of_one_piece_and_of_many():
    floor, footprint = piece_terms(60.0, 1.6, 70.0)
    assert float(floor) == pytest.approx(96.0) and float(footprint) == pytest.approx(42.0)
    floor, footprint = piece_terms(60.0, None, None)
    assert math.isnan(floor) and math.isnan(footprint)
    floor, footprint = piece_terms(np.array([40.0, 60.0]), np.array([0.8, np.nan]), [60, None])
    assert floor[0] == pytest.approx(32.0) and math.isnan(floor[1])
    assert footprint[0] == pytest.approx(24.0) and math.isnan(footprint[1])


@given(st.lists(st.tuples(st.floats(0, 1e7), st.one_of(st.none(), st.floats(0, 10)),
                          st.one_of(st.none(), st.floats(0, 100))), min_size=1, max_size=20))
def test_piece_terms_one_by_one_equal_all_at_once(rows):
    """The panel computes one piece at a time, the algorithm a block at once: bit-identical results."""
    area, far, cov = zip(*rows)
    floor, footprint = piece_terms(list(area), list(far), list(cov))
    for k, (a, f, c) in enumerate(rows):
        one_floor, one_footprint = piece_terms(a, f, c)
        assert np.array_equal(one_floor, floor[k], equal_nan=True)
        assert np.array_equal(one_footprint, footprint[k], equal_nan=True)
