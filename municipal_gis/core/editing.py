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
    raw = [units * w / whole for w in weights]
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
