"""Topology checks of a cadastral partition: parcels inside a city block must neither overlap
nor leave gaps. Pure shapely 2 / numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely


@dataclass(frozen=True)
class Defect:
    kind: str  # "overlap" (between two parcels) or "gap" (inside a block)
    index: int  # parcel index for overlaps (the first of the pair), block index for gaps
    other: int  # the second parcel of an overlap, -1 for gaps
    area_m2: float
    geometry: object


def assign_to_blocks(parcels: np.ndarray, blocks: np.ndarray) -> np.ndarray:
    """Index of the block that holds each parcel's interior point (-1 where none)."""
    result = np.full(len(parcels), -1, dtype=np.int64)
    valid = np.array([g is not None and not shapely.is_empty(g) for g in parcels], dtype=bool)
    if not valid.any() or len(blocks) == 0:
        return result
    points = shapely.point_on_surface(shapely.make_valid(parcels[valid]))
    tree = shapely.STRtree(blocks)
    point_idx, block_idx = tree.query(points, predicate="within")
    chosen = np.full(valid.sum(), -1, dtype=np.int64)
    chosen[point_idx[::-1]] = block_idx[::-1]  # keep the first match
    result[np.flatnonzero(valid)] = chosen
    return result


def partition_defects(parcels: np.ndarray, blocks: np.ndarray, tolerance_m2: float = 0.01) -> list[Defect]:
    """Overlapping parcel pairs and gaps of each block not covered by its parcels.

    Pieces smaller than `tolerance_m2` are digitising noise and are not reported.
    """
    parcels = np.asarray(parcels, dtype=object)
    blocks = np.asarray(blocks, dtype=object)
    defects: list[Defect] = []
    ok = np.array([g is not None and not shapely.is_empty(g) and shapely.is_valid(g) for g in parcels], dtype=bool)
    clean = parcels.copy()
    clean[~ok] = None
    present = np.flatnonzero(ok)
    if len(present):
        tree = shapely.STRtree(clean[present])
        left, right = tree.query(clean[present], predicate="intersects")
        keep = left < right
        left, right = present[left[keep]], present[right[keep]]
        if len(left):
            pieces = shapely.intersection(clean[left], clean[right])
            areas = shapely.area(pieces)
            for i in np.flatnonzero(areas > tolerance_m2):
                defects.append(Defect("overlap", int(left[i]), int(right[i]), float(areas[i]), pieces[i]))
    owner = assign_to_blocks(clean, blocks)
    order = np.argsort(owner, kind="stable")
    sorted_owner = owner[order]
    starts = np.searchsorted(sorted_owner, np.arange(len(blocks)), side="left")
    ends = np.searchsorted(sorted_owner, np.arange(len(blocks)), side="right")
    for b, block in enumerate(blocks):
        if block is None or shapely.is_empty(block):
            continue
        members = clean[order[starts[b]:ends[b]]]
        covered = shapely.union_all(members) if len(members) else shapely.Polygon()
        gap = shapely.difference(block, covered)
        area = float(shapely.area(gap))
        if area > tolerance_m2:
            defects.append(Defect("gap", b, -1, area, gap))
    return defects
