"""Reading attribute values as the core needs them: plain Python, tolerant of QGIS's forms."""

from __future__ import annotations

import datetime as dt
import math


def as_date(value) -> dt.date | None:
    """A date from a date, a datetime or ISO text (time part ignored); None when empty.

    Text that is not an ISO date raises ValueError, so the caller can name the bad value.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    return dt.date.fromisoformat(text[:10])


def as_float(value, decimal_comma: bool = False) -> float | None:
    """A finite float, or None for empty, non-numeric, NaN or infinite values (booleans too).

    With `decimal_comma`, text such as «12,5» reads as 12.5.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if decimal_comma:
            value = value.replace(",", ".")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# A number larger than this in a municipal attribute (people, m², €, counts) is a typing or export
# error, never data: the whole of Greece is 1.3e11 m², its budget about 1e11 €.
ABSURD = 1e12

EMPTY, NOT_A_NUMBER, NOT_FINITE, TOO_LARGE, NEGATIVE = "empty", "not_a_number", "not_finite", "too_large", "negative"


def check_number(value, decimal_comma: bool = False, maximum: float = ABSURD,
                 allow_negative: bool = True) -> tuple[float | None, str | None]:
    """(number, None) for a usable number; (None, EMPTY) for an empty value; (None, reason) otherwise.

    The reason says why a value is refused: NOT_A_NUMBER (text such as «abc»), NOT_FINITE (NaN, ±inf,
    also as text «nan», «inf»), TOO_LARGE (|value| > `maximum`, e.g. 1e300), NEGATIVE (when not allowed).
    Never returns NaN or infinity, so sums of what it returns stay finite.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, EMPTY
    if isinstance(value, bool):
        return None, NOT_A_NUMBER
    text = value
    if isinstance(value, str):
        text = value.strip()
        if decimal_comma:
            text = text.replace(",", ".")
    try:
        number = float(text)
    except (TypeError, ValueError, OverflowError):
        return None, NOT_A_NUMBER
    if not math.isfinite(number):
        return None, NOT_FINITE
    if abs(number) > maximum:
        return None, TOO_LARGE
    if number < 0 and not allow_negative:
        return None, NEGATIVE
    return number, None


def finite_sum(values) -> float:
    """The sum of the finite numbers among `values` (None, NaN and ±inf are left out)."""
    return math.fsum(v for v in values if v is not None and isinstance(v, (int, float)) and math.isfinite(v))
