"""Title area against the GIS area, and Greek dates and numbers (no QGIS)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_gis.core.title_area import check_title_area, format_date, format_number, tolerance_m2


def test_hand_computed():
    small = check_title_area(40.0, 40.9)  # 0.9 m² on 40 m²: within the 1 m² floor
    assert small is not None and not small.exceeds and small.tolerance_m2 == 1.0
    assert check_title_area(40.0, 41.2).exceeds  # 1.2 m² > 1 m²
    large = check_title_area(1000.0, 1019.0)  # 1.9 %: within 2 % = 20 m²
    assert not large.exceeds and large.difference_m2 == pytest.approx(19.0) and large.difference_pct == pytest.approx(1.9)
    assert check_title_area(1000.0, 979.0).exceeds  # −21 m²
    assert check_title_area(None, 10.0) is None and check_title_area(0, 10.0) is None
    assert check_title_area("abc", 10.0) is None and check_title_area(float("nan"), 10.0) is None


@given(st.floats(0.01, 1e7), st.floats(0, 1e7))
def test_flag_is_exactly_the_tolerance(registered, measured):
    check = check_title_area(registered, measured)
    assert check.exceeds == (abs(measured - registered) > tolerance_m2(registered))
    assert check.tolerance_m2 >= 1.0 and check.tolerance_m2 >= 0.02 * registered - 1e-9
    assert check_title_area(registered, registered).exceeds is False


def test_greek_dates_and_numbers():
    assert format_date(dt.date(2025, 3, 7)) == "07/03/2025"
    assert format_date(dt.date(2025, 3, 7), "en") == "2025-03-07"
    assert format_date(dt.datetime(2025, 3, 7, 9, 5)) == "07/03/2025 09:05"
    assert format_date(None) == "" and format_date("2025") == "2025"
    assert format_number(1254.336) == "1.254,34" and format_number(1254.336, language="en") == "1,254.34"
