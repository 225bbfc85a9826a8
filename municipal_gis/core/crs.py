"""Plausibility of coordinates in EPSG:2100 (ΕΓΣΑ87 / Greek Grid), DOMAIN.md §6."""

from __future__ import annotations

from dataclasses import dataclass

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

# ---------------------------------------------------------------------------------------------
# The one CRS rule (issue 16): every algorithm and the certificate panel ask `assess`.
# A layer without a CRS is refused (its coordinates cannot be placed); a layer whose CRS does not measure
# true metres (degrees, feet, Mercator, a CRS without authority) is transformed to ΕΓΣΑ87; any other CRS
# is used as it is.

UNDEFINED = "undefined"    # refuse: nothing says where the coordinates are
TRANSFORM = "transform"    # usable, but areas and lengths are measured after a transformation to ΕΓΣΑ87
MEASURABLE = "measurable"  # projected, in metres, not distorting: measured as it is

# why a CRS is not measurable as it is
NO_CRS = "no_crs"
GEOGRAPHIC = "geographic"
NOT_METRES = "not_metres"
DISTORTING = "distorting"
NO_AUTHORITY = "no_authority"


@dataclass(frozen=True)
class CrsFacts:
    """What the rule needs to know about a CRS (read from QGIS by `processing.base.crs_facts`)."""

    valid: bool
    authid: str = ""
    name: str = ""
    geographic: bool = False
    metres: bool = True
    projection: str = ""


@dataclass(frozen=True)
class Verdict:
    kind: str               # UNDEFINED, TRANSFORM or MEASURABLE
    reason: str | None = None
    crs: str = WORKING_CRS  # the auth id in which the layer is measured (empty when UNDEFINED)

    @property
    def usable(self) -> bool:
        return self.kind != UNDEFINED


def measurable(geographic: bool, metres: bool, projection: str) -> bool:
    """Whether areas and lengths computed in a CRS are true metres: projected, in metres, not Mercator."""
    return _unmeasurable_reason(geographic, metres, projection) is None


def _unmeasurable_reason(geographic: bool, metres: bool, projection: str) -> str | None:
    if geographic:
        return GEOGRAPHIC
    if not metres:
        return NOT_METRES
    if (projection or "").strip().lower() in _DISTORTING:
        return DISTORTING
    return None


def assess(facts: CrsFacts) -> Verdict:
    """The verdict on one layer's CRS: refuse it, transform it to ΕΓΣΑ87, or measure in it as it is."""
    if undefined(facts.valid, facts.authid, facts.name):
        return Verdict(UNDEFINED, NO_CRS, "")
    reason = _unmeasurable_reason(facts.geographic, facts.metres, facts.projection)
    if reason is None and not facts.authid:
        reason = NO_AUTHORITY  # a custom CRS: measured in ΕΓΣΑ87, which every later step can name
    if reason is not None:
        return Verdict(TRANSFORM, reason, WORKING_CRS)
    return Verdict(MEASURABLE, None, facts.authid)


def working_crs(first: CrsFacts | None) -> str:
    """The CRS in which an algorithm compares and measures geometries.

    `first` describes the first input layer with a CRS, or is None. Its CRS is kept when measurable
    (projected, metres, not Mercator, with an authority id); otherwise ΕΓΣΑ87.
    """
    if first is None:
        return WORKING_CRS
    verdict = assess(first)
    return verdict.crs if verdict.kind == MEASURABLE else WORKING_CRS


def undefined(valid: bool, authid: str, name: str) -> bool:
    """Whether a layer's CRS says nothing: missing, or GeoPackage's placeholders srs_id 0 / -1
    ("Undefined geographic SRS", "Undefined Cartesian SRS"), which carry no authority."""
    if not valid:
        return True
    return not authid and (name or "").strip().lower().startswith(("undefined", "unknown"))
