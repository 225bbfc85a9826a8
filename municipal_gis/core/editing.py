"""Cadastral editing rules: splitting and merging parcels with their registered areas reconciled.

Pure shapely / numpy. Problems are returned as stable codes with numbers; the caller turns them
into translated messages that name the ΚΑΕΚ.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from shapely.ops import split as _split

TOLERANCE_M2 = 0.01


class EditError(ValueError):
    """A split or merge that cannot be done; `code` is stable, `values` fill the message."""

    def __init__(self, code: str, **values):
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class Problem:
    rule: str  # area_sum, union, outside_block, overlap
    index: int  # child index (-1: the set as a whole)
    amount: float  # m²


def split_polygon(parent, line, min_area_m2: float = 1.0) -> list:
    """The pieces of `parent` cut by `line`, ordered west to east then south to north.

    Raises EditError('line_does_not_split') when the line does not cut the parcel in two or
    more pieces of at least `min_area_m2`."""
    if parent is None or shapely.is_empty(parent) or not shapely.is_valid(parent):
        raise EditError("invalid_parent")
    pieces = [g for g in _split(shapely.union_all(parent), line).geoms if g.area > 0]
    if len(pieces) < 2 or min(g.area for g in pieces) < min_area_m2:
        raise EditError("line_does_not_split", pieces=len(pieces))
    return sorted(pieces, key=lambda g: (round(g.centroid.x, 3), round(g.centroid.y, 3)))


def allocate_area(total: float, weights, decimals: int = 2) -> list[float]:
    """Share `total` in proportion to `weights`, rounded to `decimals`, adding up exactly.

    Largest-remainder rounding on integer units, so the parts sum to the rounded total.
    """
    weights = [max(float(w), 0.0) for w in weights]
    if not weights:
        return []
    scale = 10 ** decimals
    units = round(float(total) * scale)
    whole = sum(weights)
    if whole <= 0:
        weights, whole = [1.0] * len(weights), float(len(weights))
    # the share first: units * w would lose the weight's digits when w is tiny (denormal)
    raw = [units * (w / whole) for w in weights]
    floors = [math.floor(r) for r in raw]
    left = units - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [f / scale for f in floors]


def merge_polygons(parents):
    """The union of the parents; EditError('not_adjacent') unless it is one polygon."""
    if len(parents) < 2:
        raise EditError("too_few", count=len(parents))
    merged = shapely.union_all(parents)
    merged = shapely.make_valid(merged) if not merged.is_valid else merged
    polygons = [g for g in getattr(merged, "geoms", [merged]) if g.area > TOLERANCE_M2]
    if len(polygons) != 1:
        raise EditError("not_adjacent", parts=len(polygons))
    return polygons[0]


def check_children(parent, parent_area: float, children, children_areas, block=None,
                   tolerance_m2: float = TOLERANCE_M2) -> list[Problem]:
    """Problems with the children of a split or merge: registered areas that do not add up to the
    parent's, a union that differs from the parent, children outside the block or overlapping."""
    problems = []
    if abs(sum(children_areas) - parent_area) > 0.005:
        problems.append(Problem("area_sum", -1, abs(sum(children_areas) - parent_area)))
    union = shapely.union_all(children)
    difference = shapely.area(shapely.symmetric_difference(union, parent))
    if difference > tolerance_m2:
        problems.append(Problem("union", -1, float(difference)))
    for i, child in enumerate(children):
        if block is not None:
            outside = shapely.area(shapely.difference(child, block))
            if outside > tolerance_m2:
                problems.append(Problem("outside_block", i, float(outside)))
        for j in range(i + 1, len(children)):
            shared = shapely.area(shapely.intersection(child, children[j]))
            if shared > tolerance_m2:
                problems.append(Problem("overlap", i, float(shared)))
    return problems


# --------------------------------------------------------------------------------------------
# Commit-time check of an edited set of parcels (the edited area only)


@dataclass(frozen=True)
class EditedParcel:
    kaek: str | None
    geometry: object
    registered_area_m2: float | None = None
    ot_code: str | None = None
    original_geometry: object = None  # None for an added parcel
    original_registered_area_m2: float | None = None


@dataclass(frozen=True)
class Violation:
    rule: str  # invalid, kaek_format, kaek_duplicate, overlap, outside_block, gap, area_duplicated
    kaek: str
    other: str  # the other ΚΑΕΚ, the block's Ο.Τ. or a detail
    area_m2: float
    geometry: object  # where the problem is (for the map)


def check_parcel_edit(edited, neighbour_kaeks, neighbours, block_codes, blocks, taken_kaeks=(),
                      tolerance_m2: float = TOLERANCE_M2) -> list[Violation]:
    """Cadastral rules for a set of edited (changed or added) parcels against their neighbours.

    `neighbours` are the other active parcels near the edit (not the edited ones); `blocks` the
    city blocks near it; `taken_kaeks` the ΚΑΕΚ used by parcels outside the edited set.
    """
    from municipal_gis.core import kaek as kaek_rules

    out: list[Violation] = []
    neighbours = list(neighbours)
    tree = shapely.STRtree(neighbours) if neighbours else None
    block_tree = shapely.STRtree(list(blocks)) if len(blocks) else None
    seen: dict[str, int] = {}
    taken = set(taken_kaeks)
    for i, item in enumerate(edited):
        code = item.kaek or ""
        geometry = item.geometry
        if not kaek_rules.is_valid(code):
            out.append(Violation("kaek_format", code, "", 0.0, geometry))
        elif code in taken or code in seen:
            out.append(Violation("kaek_duplicate", code, code, 0.0, geometry))
        seen.setdefault(code, i)
        if geometry is None or shapely.is_empty(geometry):
            continue
        if not shapely.is_valid(geometry):
            out.append(Violation("invalid", code, shapely.is_valid_reason(geometry), 0.0, geometry))
            continue
        if tree is not None:
            for j in tree.query(geometry, predicate="intersects"):
                shared = shapely.intersection(geometry, neighbours[j])
                if shared.area > tolerance_m2:
                    out.append(Violation("overlap", code, neighbour_kaeks[j], float(shared.area), shared))
        for j in range(i + 1, len(edited)):
            other = edited[j].geometry
            if other is not None and shapely.is_valid(other) and shapely.intersects(geometry, other):
                shared = shapely.intersection(geometry, other)
                if shared.area > tolerance_m2:
                    out.append(Violation("overlap", code, edited[j].kaek or "", float(shared.area), shared))
        if block_tree is not None:
            hits = list(block_tree.query(geometry, predicate="intersects"))
            if hits:
                same = [b for b in hits if item.ot_code is not None and block_codes[b] == item.ot_code]
                chosen = same[0] if same else max(hits, key=lambda b: shapely.intersection(blocks[b], geometry).area)
                outside = shapely.difference(geometry, blocks[chosen])
                if outside.area > tolerance_m2:
                    out.append(Violation("outside_block", code, str(block_codes[chosen]), float(outside.area),
                                         outside))
    originals = [e for e in edited if e.original_geometry is not None and shapely.is_valid(e.original_geometry)]
    if originals and block_tree is not None:
        now = [e.geometry for e in edited if e.geometry is not None and shapely.is_valid(e.geometry)]
        freed = shapely.difference(shapely.union_all([e.original_geometry for e in originals]),
                                   shapely.union_all(now + neighbours))
        if freed.area > tolerance_m2:
            inside = shapely.intersection(freed, shapely.union_all(list(blocks)))
            if inside.area > tolerance_m2:
                owner = max(originals, key=lambda e: shapely.intersection(e.original_geometry, inside).area)
                out.append(Violation("gap", owner.kaek or "", "", float(inside.area), inside))
    for original in originals:
        if original.original_registered_area_m2 is None:
            continue
        heirs = [e for e in edited if e.geometry is not None and shapely.is_valid(e.geometry) and e.geometry.area > 0
                 and shapely.intersection(e.geometry, original.original_geometry).area > 0.5 * e.geometry.area]
        total = sum(e.registered_area_m2 or 0.0 for e in heirs)
        if len(heirs) > 1 and total > original.original_registered_area_m2 + 0.005:
            out.append(Violation("area_duplicated", original.kaek or "", ", ".join(e.kaek or "" for e in heirs),
                                 float(total - original.original_registered_area_m2), original.original_geometry))
    return out
