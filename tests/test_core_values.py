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
