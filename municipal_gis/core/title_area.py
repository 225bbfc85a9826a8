"""The title-deed area against the area measured in the GIS, and how dates and numbers are written.

A municipal property's registered (title) area rarely equals its drawn area to the m²; the card
flags it only when the difference exceeds `TITLE_AREA_TOLERANCE` (see there why 1 m² or 2 %).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerance:
    """How far a title area may differ from the GIS area before the card flags it: the larger of
    `m2` square metres and `pct` per cent of the title area."""

    m2: float
    pct: float


TITLE_AREA_TOLERANCE = Tolerance(m2=1.0, pct=2.0)
"""The municipality's default tolerance between a property's title area and its GIS area: the larger
of 1 m² and 2 % of the title area.

- 1 m², the floor for small plots: title deeds give areas rounded to the square metre, and a
  digitised boundary a few centimetres off moves a plot of a few hundred m² by about that much. A smaller floor would flag kiosks and shop plots for nothing but rounding.
- 2 %, for larger properties: older titles were measured with tape or scaled off paper plans
  (1:500 to 1:1 000) before ΕΓΣΑ87 surveys, and differ from a modern survey by a share of the area
  rather than by a fixed amount; 2 % lets those pass while still catching a missing strip, a merged
  neighbour or a wrong digit in the title.

It is a working default of the technical service, not a legal limit: a larger difference is not
unlawful, it only asks someone to check the title or the drawing."""


@dataclass(frozen=True)
class AreaCheck:
    registered_m2: float
    measured_m2: float
    difference_m2: float  # measured − registered
    difference_pct: float  # of the registered area
    tolerance_m2: float
    exceeds: bool


def tolerance_m2(registered_m2: float, abs_m2: float = TITLE_AREA_TOLERANCE.m2, pct: float = TITLE_AREA_TOLERANCE.pct) -> float:
    return max(abs_m2, abs(registered_m2) * pct / 100.0)


def check_title_area(registered_m2, measured_m2, abs_m2: float = TITLE_AREA_TOLERANCE.m2,
                     pct: float = TITLE_AREA_TOLERANCE.pct) -> AreaCheck | None:
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
