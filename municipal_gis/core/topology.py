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


def usable(geometries) -> np.ndarray:
    """Mask of geometries that exist and are not empty (vectorised)."""
    geometries = np.asarray(geometries, dtype=object)
    mask = ~shapely.is_missing(geometries)
    mask[mask] = ~shapely.is_empty(geometries[mask])
    return mask


def _one_part_as_polygon(geometries: np.ndarray) -> np.ndarray:
    """One-part multipolygons replaced by their polygon (the same points; GEOS's predicates are
    much faster on it). A new array; the other geometries are the same objects."""
    out = np.array(geometries, dtype=object)
    one_part = (shapely.get_type_id(out) == 6) & (shapely.get_num_geometries(out) == 1)
    out[one_part] = shapely.get_geometry(out[one_part], 0)
    return out


def assign_to_blocks(parcels: np.ndarray, blocks: np.ndarray, assume_valid: bool = False) -> np.ndarray:
    """Index of the block that holds each parcel's interior point (-1 where none; the lowest index
    where blocks overlap, so that the answer does not depend on the tree).

    `assume_valid`: the caller has checked that every present parcel is valid (no repair needed)."""
    parcels = np.asarray(parcels, dtype=object)
    result = np.full(len(parcels), -1, dtype=np.int64)
    valid = usable(parcels)
    if not valid.any() or len(blocks) == 0:
        return result
    present = parcels[valid] if assume_valid else shapely.make_valid(parcels[valid])
    points = shapely.point_on_surface(present)
    tree = shapely.STRtree(blocks)
    point_idx, block_idx = tree.query(points, predicate="within")
    order = np.lexsort((block_idx, point_idx))[::-1]
    chosen = np.full(valid.sum(), -1, dtype=np.int64)
    chosen[point_idx[order]] = block_idx[order]  # written last, the lowest block index stays
    result[np.flatnonzero(valid)] = chosen
    return result


def partition_defects(parcels: np.ndarray, blocks: np.ndarray, tolerance_m2: float = 0.01) -> list[Defect]:
    """Overlapping parcel pairs and gaps of each block not covered by its parcels.

    Pieces smaller than `tolerance_m2` are digitising noise and are not reported. Invalid parcels
    and invalid blocks take no part (they are findings of their own, and GEOS's overlay of an
    invalid block is no measure of anything).

    Vectorised: of the parcel pairs that meet, only those whose boxes share some area get an
    intersection built (neighbours whose boxes only touch share no area); a block whose
    parcels lie inside it and do not overlap one another has a gap of its area minus the sum of
    theirs, so its union is built only when that gap may exceed the tolerance.
    """
    parcels = np.asarray(parcels, dtype=object)
    blocks = np.asarray(blocks, dtype=object)
    defects: list[Defect] = []
    ok = usable(parcels)
    ok[ok] = shapely.is_valid(parcels[ok])
    clean = parcels.copy()
    clean[~ok] = None
    present = np.flatnonzero(ok)
    overlapping = np.zeros(len(parcels), dtype=bool)  # interiors meet another parcel's, by any area
    if len(present):
        tree = shapely.STRtree(clean[present])
        left, right = tree.query(clean[present], predicate="intersects")
        keep = left < right
        left, right = present[left[keep]], present[right[keep]]
        if len(left):
            # two parcels cannot share more area than their boxes do: neighbours whose boxes only
            # touch (share an edge or a corner) need no intersection
            box = shapely.bounds(clean)
            width = np.minimum(box[left, 2], box[right, 2]) - np.maximum(box[left, 0], box[right, 0])
            height = np.minimum(box[left, 3], box[right, 3]) - np.maximum(box[left, 1], box[right, 1])
            inner = (width > 0) & (height > 0)
            if tolerance_m2 < 0:
                inner[:] = True
            left, right = left[inner], right[inner]
        if len(left):
            pieces = shapely.intersection(clean[left], clean[right])
            areas = shapely.area(pieces)
            shared = areas > 0
            overlapping[left[shared]] = overlapping[right[shared]] = True
            for i in np.flatnonzero(areas > tolerance_m2):
                defects.append(Defect("overlap", int(left[i]), int(right[i]), float(areas[i]), pieces[i]))
    owner = assign_to_blocks(clean, blocks, assume_valid=True)
    order = np.argsort(owner, kind="stable")
    sorted_owner = owner[order]
    starts = np.searchsorted(sorted_owner, np.arange(len(blocks)), side="left")
    ends = np.searchsorted(sorted_owner, np.arange(len(blocks)), side="right")
    # which blocks can skip the union: valid, with members inside and not overlapping each other
    block_ok = usable(blocks)
    block_ok[block_ok] = shapely.is_valid(blocks[block_ok])
    member = owner >= 0
    member_idx = np.flatnonzero(member)
    inside = np.zeros(len(parcels), dtype=bool)
    fast_owner = block_ok[owner[member_idx]]
    # each block is tested against its parcels, prepared once: a one-part multipolygon (as layers
    # store blocks) through its polygon, which GEOS tests much faster and which covers the same
    # points; the caller's own geometries are released after
    testers = blocks.copy()
    ids = np.flatnonzero(block_ok)
    testers[ids] = _one_part_as_polygon(blocks[ids])
    unprepared = ids[~shapely.is_prepared(testers[ids])]
    shapely.prepare(testers[unprepared])
    try:
        inside[member_idx[fast_owner]] = shapely.covers(testers[owner[member_idx[fast_owner]]],
                                                        clean[member_idx[fast_owner]])
    finally:
        shapely.destroy_prepared(testers[unprepared])
    spoilt = np.bincount(owner[member_idx], weights=(~inside[member_idx] | overlapping[member_idx]),
                         minlength=len(blocks)) > 0
    member_area = np.bincount(owner[member_idx], weights=shapely.area(clean[member_idx]), minlength=len(blocks))
    block_area = np.zeros(len(blocks))
    block_area[block_ok] = shapely.area(blocks[block_ok])
    # a margin far above the rounding of the areas, far below any tolerance worth setting
    estimate_clear = block_ok & ~spoilt & (block_area - member_area <= tolerance_m2 - 1e-9 * (block_area + 1.0))
    for b, block in enumerate(blocks):
        if not block_ok[b] or estimate_clear[b]:
            continue
        members = clean[order[starts[b]:ends[b]]]
        covered = shapely.union_all(members) if len(members) else shapely.Polygon()
        gap = shapely.difference(block, covered)
        area = float(shapely.area(gap))
        if area > tolerance_m2:
            defects.append(Defect("gap", b, -1, area, gap))
    return defects
