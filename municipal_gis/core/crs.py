"""Plausibility of coordinates in EPSG:2100 (ΕΓΣΑ87 / Greek Grid), DOMAIN.md §6."""

from __future__ import annotations

# inside the EPSG area of use "Greece - onshore", with a margin
EGSA87_EASTING = (90_000.0, 900_000.0)
EGSA87_NORTHING = (3_855_000.0, 4_635_000.0)


def looks_like_degrees(xmin: float, ymin: float, xmax: float, ymax: float) -> bool:
    return -180.0 <= xmin <= xmax <= 180.0 and -90.0 <= ymin <= ymax <= 90.0


def plausible_egsa87(xmin: float, ymin: float, xmax: float, ymax: float) -> bool:
    return (EGSA87_EASTING[0] <= xmin <= xmax <= EGSA87_EASTING[1]
            and EGSA87_NORTHING[0] <= ymin <= ymax <= EGSA87_NORTHING[1])


def looks_swapped(xmin: float, ymin: float, xmax: float, ymax: float) -> bool:
    """Northing in the X column and easting in the Y column."""
    return plausible_egsa87(ymin, xmin, ymax, xmax) and not plausible_egsa87(xmin, ymin, xmax, ymax)
