import datetime as dt
import math

import pytest

from municipal_gis.core.values import as_date, as_float


@pytest.mark.parametrize("value, expected", [
    (None, None), ("", None), ("  ", None),
    (dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
    (dt.datetime(2024, 2, 29, 23, 59), dt.date(2024, 2, 29)),
    ("2024-02-29", dt.date(2024, 2, 29)), ("2024-02-29T10:00:00", dt.date(2024, 2, 29)),
])
def test_as_date(value, expected):
    assert as_date(value) == expected


@pytest.mark.parametrize("bad", ["2023-02-29", "29/02/2024", "soon"])
def test_as_date_rejects_what_it_cannot_read(bad):
    with pytest.raises(ValueError):
        as_date(bad)


@pytest.mark.parametrize("value, comma, expected", [
    (None, False, None), (True, False, None), ("", False, None), ("x", False, None),
    (math.nan, False, None), (math.inf, False, None), ("12.5", False, 12.5), (" 3 ", False, 3.0),
    ("12,5", False, None), ("12,5", True, 12.5), (7, False, 7.0),
])
def test_as_float(value, comma, expected):
    assert as_float(value, decimal_comma=comma) == expected


# --- check_number (issue 12): never NaN, never infinite, never absurd -------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from municipal_gis.core import values as V  # noqa: E402

_ANY = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                 st.text(max_size=12), st.sampled_from(["NaN", "-inf", "Infinity", "1e308", "1e999", " 12,5 ", ""]))


@given(_ANY, st.booleans())
def test_check_number_gives_only_usable_numbers(value, comma):
    import math

    number, reason = V.check_number(value, decimal_comma=comma)
    if number is None:
        assert reason in (V.EMPTY, V.NOT_A_NUMBER, V.NOT_FINITE, V.TOO_LARGE)
    else:
        assert reason is None and math.isfinite(number) and abs(number) <= V.ABSURD


@pytest.mark.parametrize("value,expected", [
    ("NaN", (None, V.NOT_FINITE)), (float("inf"), (None, V.NOT_FINITE)), ("1e300", (None, V.TOO_LARGE)),
    ("abc", (None, V.NOT_A_NUMBER)), ("", (None, V.EMPTY)), (None, (None, V.EMPTY)), (True, (None, V.NOT_A_NUMBER)),
    ("12,5", (None, V.NOT_A_NUMBER)), (-3, (-3.0, None)), (" 7 ", (7.0, None)),
])
def test_check_number_reasons(value, expected):
    assert V.check_number(value) == expected


def test_check_number_options():
    assert V.check_number("12,5", decimal_comma=True) == (12.5, None)
    assert V.check_number(-1, allow_negative=False) == (None, V.NEGATIVE)
    assert V.check_number(2e8, maximum=1e8) == (None, V.TOO_LARGE)
    assert V.finite_sum([1.0, None, float("nan"), float("inf"), 2]) == 3.0
