"""The title-deed area against the area measured in the GIS, and how dates and numbers are written.

A municipal property's registered (title) area rarely equals its drawn area to the m²; the card
flags it only when the difference exceeds the tolerance: the larger of TOLERANCE_M2 and
TOLERANCE_PCT of the title area (a municipal default: small plots are judged by the square metre,
large ones by the share).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

TOLERANCE_M2 = 1.0
TOLERANCE_PCT = 2.0


@dataclass(frozen=True)
class AreaCheck:
    registered_m2: float
    measured_m2: float
    difference_m2: float  # measured − registered
    difference_pct: float  # of the registered area
    tolerance_m2: float
    exceeds: bool


def tolerance_m2(registered_m2: float, abs_m2: float = TOLERANCE_M2, pct: float = TOLERANCE_PCT) -> float:
    return max(abs_m2, abs(registered_m2) * pct / 100.0)


def check_title_area(registered_m2, measured_m2, abs_m2: float = TOLERANCE_M2,
                     pct: float = TOLERANCE_PCT) -> AreaCheck | None:
    """None when either area is unknown, not finite or the title area is not positive."""
    try:
        registered, measured = float(registered_m2), float(measured_m2)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(registered) and math.isfinite(measured)) or registered <= 0 or measured < 0:
        return None
    difference = measured - registered
    tolerance = tolerance_m2(registered, abs_m2, pct)
    return AreaCheck(registered, measured, difference, 100.0 * difference / registered, tolerance,
                     abs(difference) > tolerance)


def format_number(value: float, decimals: int = 2, language: str = "el") -> str:
    """1.254,34 in Greek, 1,254.34 in English."""
    text = f"{value:,.{decimals}f}"
    if language == "el":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_date(value, language: str = "el") -> str:
    """dd/mm/yyyy in Greek (with hh:mm for a date and time), ISO in English; other values as text."""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if language == "el" else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y") if language == "el" else value.isoformat()
    return "" if value is None else str(value)
