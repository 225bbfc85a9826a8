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


WORKING_CRS = "EPSG:2100"  # ΕΓΣΑ87 / Greek Grid
# projections whose areas and lengths are far from true at Greek latitudes (Web Mercator: +76 % in area)
_DISTORTING = {"merc", "webmerc", "eqc", "longlat", "latlong", "lonlat", "latlon"}


def measurable(geographic: bool, metres: bool, projection: str) -> bool:
    """Whether areas and lengths computed in a CRS are true metres: projected, in metres, not Mercator."""
    return not geographic and metres and (projection or "").strip().lower() not in _DISTORTING


def working_crs(first: tuple[str, bool, bool, str] | None) -> str:
    """The CRS in which an algorithm compares and measures geometries.

    `first` is (auth id, geographic, units in metres, projection acronym) of the first input layer, or
    None. Its CRS is kept when measurable (projected, metres, not Mercator); otherwise ΕΓΣΑ87.
    """
    if first is not None:
        authid, geographic, metres, projection = first
        if authid and measurable(geographic, metres, projection):
            return authid
    return WORKING_CRS


def undefined(valid: bool, authid: str, name: str) -> bool:
    """Whether a layer's CRS says nothing: missing, or GeoPackage's placeholders srs_id 0 / -1
    ("Undefined geographic SRS", "Undefined Cartesian SRS"), which carry no authority."""
    if not valid:
        return True
    return not authid and (name or "").strip().lower().startswith(("undefined", "unknown"))
