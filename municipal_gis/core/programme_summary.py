"""Budget summaries of the technical programme and spatial-temporal conflicts between projects.

Pure computation (shapely 2, numpy). Every summary allocates each project's budget exactly
once, so each table sums to the programme total (projects with an unread budget are counted in
a zero-budget category of their own):

- funding source: the amounts of the funding rows when each row has one (a remainder goes to
  «unallocated»); the whole budget to a single source; a project with several sources and no
  amounts is shown under their combination («a + b»), never split by guess;
- kind, status, measure, axis: one category per project (several measures: their combination);
- community, regeneration zone, city/villages: the budget is shared in proportion to the part of
  the project's location in each area (area for polygons, else length, else number of points);
  the part outside every area and projects without a location get categories of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import shapely

from municipal_gis.core import values

NOT_STATED = "not_stated"
NO_LOCATION = "no_location"
OUTSIDE = "outside"
UNREAD = "budget_unread"
UNALLOCATED = "unallocated"

DIMENSIONS = ("funding_source", "kind", "axis", "op_measure", "status", "community", "regeneration_zone",
              "city_villages")


@dataclass
class SummaryRow:
    dimension: str
    category: str
    projects: int
    budget_eur: float
    share_pct: float


def _measure_of(geometry) -> tuple[str, float]:
    """How a location is measured: ('area', m²), ('length', m) or ('count', points)."""
    parts = shapely.get_parts(geometry)
    kinds = shapely.get_type_id(parts)
    polygons = parts[np.isin(kinds, (3, 6))]
    if len(polygons):
        return "area", float(shapely.area(polygons).sum())
    lines = parts[np.isin(kinds, (1, 2, 5))]
    if len(lines):
        return "length", float(shapely.length(lines).sum())
    return "count", float(len(parts))


def _measured(geometry, how: str) -> float:
    if geometry is None or shapely.is_empty(geometry):
        return 0.0
    parts = shapely.get_parts(geometry)
    kinds = shapely.get_type_id(parts)
    if how == "area":
        return float(shapely.area(parts[np.isin(kinds, (3, 6))]).sum())
    if how == "length":
        return float(shapely.length(parts[np.isin(kinds, (1, 2, 5))]).sum())
    return float(np.isin(kinds, (0, 4)).sum())


def area_shares(location, areas: list[tuple[str, object]]) -> dict[str, float]:
    """Share of a location in each named area (shares of one name add up; the rest is OUTSIDE)."""
    if location is None or shapely.is_empty(location):
        return {NO_LOCATION: 1.0}
    how, total = _measure_of(location)
    if total <= 0:
        return {NO_LOCATION: 1.0}
    shares: dict[str, float] = {}
    for name, polygon in areas:
        if polygon is None or not shapely.intersects(location, polygon):
            continue
        if how == "area" and shapely.covers(polygon, location):
            part = total
        else:
            part = _measured(shapely.intersection(location, polygon), how)
        if part > 0:
            shares[name] = shares.get(name, 0.0) + part / total
    inside = sum(shares.values())
    if inside > 1.0:  # overlapping areas: normalise so the budget is not counted twice
        shares = {k: v / inside for k, v in shares.items()}
    elif inside < 1.0 - 1e-9:
        shares[OUTSIDE] = 1.0 - inside
    return shares


def _combined(values) -> str:
    return " + ".join(values)


def funding_allocation(project: dict, fundings: list[dict]) -> dict[str, float]:
    budget = project.get("budget_eur")
    sources = [f for f in fundings if f.get("funding_source")]
    if not sources:
        return {NOT_STATED: budget}
    if len(sources) == 1:
        return {sources[0]["funding_source"]: budget}
    if all(f.get("amount_eur") is not None for f in sources):
        allocation: dict[str, float] = {}
        for f in sources:
            allocation[f["funding_source"]] = allocation.get(f["funding_source"], 0.0) + float(f["amount_eur"])
        rest = budget - sum(allocation.values())
        if abs(rest) >= 0.005:
            allocation[UNALLOCATED] = rest
        return allocation
    return {_combined(sorted({f["funding_source"] for f in sources})): budget}


def _axis(measure: str | None) -> str:
    if not measure:
        return NOT_STATED
    axes = sorted({m.strip().split(".")[0] for m in measure.split(",") if m.strip()})
    return _combined(axes)


def summarise(projects: list[dict], fundings: list[dict], locations: dict | None = None,
              communities: list[tuple[str, object]] | None = None,
              zones: list[tuple[str, object]] | None = None,
              city: list[tuple[str, object]] | None = None) -> list[SummaryRow]:
    """Summary rows for every dimension; each dimension's budgets add up to the programme total.

    `locations` maps project_code to a shapely geometry (or None); `communities`, `zones`
    (regeneration zones) and `city` ((label, polygon) with labels such as "city"/"villages")
    are the areas for the spatial dimensions.
    """
    locations = locations or {}
    by_project: dict[str, list[dict]] = {}
    for record in fundings:
        by_project.setdefault(record["project_code"], []).append(record)
    zone_union = None
    if zones:
        geoms = [g for _, g in zones if g is not None]
        zone_union = shapely.union_all(geoms) if geoms else None
    totals: dict[tuple[str, str], list] = {}

    def add(dimension, category, amount, code):
        entry = totals.setdefault((dimension, category), [set(), 0.0])
        entry[0].add(code)
        entry[1] += amount

    total = 0.0
    for project in projects:
        code = project["project_code"]
        budget = project.get("budget_eur")
        if budget is None:
            for dimension in DIMENSIONS:
                add(dimension, UNREAD, 0.0, code)
            continue
        budget = float(budget)
        total += budget
        for category, amount in funding_allocation(dict(project, budget_eur=budget), by_project.get(code, [])).items():
            add("funding_source", category, amount, code)
        add("kind", project.get("kind") or NOT_STATED, budget, code)
        add("status", project.get("status") or NOT_STATED, budget, code)
        measure = project.get("op_measure")
        add("op_measure", " + ".join(m.strip() for m in measure.split(",")) if measure else NOT_STATED, budget, code)
        add("axis", _axis(measure), budget, code)
        location = locations.get(code)
        for dimension, areas in (("community", communities), ("city_villages", city)):
            for category, share in area_shares(location, areas or []).items():
                add(dimension, category, budget * share, code)
        zone_areas = [("inside", zone_union)] if zone_union is not None else []
        for category, share in area_shares(location, zone_areas).items():
            add("regeneration_zone", category, budget * share, code)
    rows = []
    for (dimension, category), (codes, amount) in totals.items():
        rows.append(SummaryRow(dimension, category, len(codes), round(amount, 2),
                               round(100.0 * amount / total, 2) if total else 0.0))
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    rows.sort(key=lambda r: (order[r.dimension], r.category in (UNREAD, NO_LOCATION, OUTSIDE, NOT_STATED),
                             -r.budget_eur, r.category))
    return rows


def total_budget(projects: list[dict]) -> float:
    return round(sum(float(p["budget_eur"]) for p in projects if p.get("budget_eur") is not None), 2)


# ---------------------------------------------------------------------------------------------
# conflicts


def schedule_interval(project: dict) -> tuple[dt.date, dt.date] | None:
    """[start, end] of a project: its dates, else the programme year (1 Jan – 31 Dec)."""
    def as_date(value):
        try:
            return values.as_date(value)
        except ValueError:  # unreadable dates: fall back to the programme year
            return None

    start, end = as_date(project.get("start_date")), as_date(project.get("end_date"))
    year = project.get("year")
    if start is None and year:
        start = dt.date(int(year), 1, 1)
    if end is None and year:
        end = dt.date(int(year), 12, 31)
    if start is None or end is None:
        return None
    if start > end:  # an end date early in the year with only a year for the start
        start = dt.date(end.year, 1, 1)
    return start, end


@dataclass
class Conflict:
    project_a: str
    project_b: str
    overlap_m2: float
    overlap_from: dt.date
    overlap_to: dt.date


def find_conflicts(projects: list[dict], locations: dict, min_overlap_m2: float = 0.0) -> list[Conflict]:
    """Pairs of projects whose locations overlap (polygons: by more than `min_overlap_m2`;
    points and lines: any contact) during overlapping schedules."""
    codes = [p["project_code"] for p in projects if locations.get(p["project_code"]) is not None
             and not shapely.is_empty(locations[p["project_code"]])]
    if len(codes) < 2:
        return []
    intervals = {p["project_code"]: schedule_interval(p) for p in projects}
    geoms = np.array([locations[c] for c in codes], dtype=object)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    conflicts = []
    for i, j in zip(left[keep], right[keep]):
        a, b = codes[i], codes[j]
        ia, ib = intervals.get(a), intervals.get(b)
        if ia is None or ib is None:
            continue
        start, end = max(ia[0], ib[0]), min(ia[1], ib[1])
        if start > end:
            continue
        ga, gb = geoms[i], geoms[j]
        both_polygonal = _measure_of(ga)[0] == "area" and _measure_of(gb)[0] == "area"
        overlap = float(shapely.area(shapely.intersection(ga, gb))) if both_polygonal else 0.0
        if both_polygonal and overlap <= min_overlap_m2:
            continue
        conflicts.append(Conflict(a, b, round(overlap, 2), start, end))
    conflicts.sort(key=lambda c: (-c.overlap_m2, c.project_a, c.project_b))
    return conflicts


def intersecting(geometries, footprint) -> np.ndarray:
    """Indices of the geometries that intersect a footprint (None entries never do)."""
    geoms = np.asarray(geometries, dtype=object)
    if footprint is None or shapely.is_empty(footprint) or len(geoms) == 0:
        return np.empty(0, dtype=np.int64)
    present = np.array([g is not None for g in geoms], dtype=bool)
    index = np.flatnonzero(present)
    if len(index) == 0:
        return np.empty(0, dtype=np.int64)
    tree = shapely.STRtree(geoms[index])
    hits = tree.query(footprint, predicate="intersects")
    return np.sort(index[hits])


def filter_projects(projects: list[dict], fundings: list[dict], year: int | None = None,
                    funding_source: str | None = None, status: str | None = None, community: str | None = None,
                    locations: dict | None = None, communities: list[tuple[str, object]] | None = None) -> list[str]:
    """Codes of the projects that match every given filter (None: no filter), in input order.

    `community` keeps projects whose location lies at least partly in the named community.
    """
    sources: dict[str, set] = {}
    for record in fundings:
        sources.setdefault(record["project_code"], set()).add(record.get("funding_source"))
    areas = [(name, g) for name, g in (communities or []) if name == community]
    out = []
    for project in projects:
        code = project["project_code"]
        if year and project.get("year") != year:
            continue
        if funding_source and funding_source not in sources.get(code, set()):
            continue
        if status and project.get("status") != status:
            continue
        if community:
            shares = area_shares((locations or {}).get(code), areas)
            if shares.get(community, 0.0) <= 0.0:
                continue
        out.append(code)
    return out
