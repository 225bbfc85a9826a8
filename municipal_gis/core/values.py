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
