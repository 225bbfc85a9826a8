"""Parcels adjacent to a property (όμορα), for notification letters and topographic diagrams.

A parcel is a neighbour when it lies within `distance_m` of the property (0: touching, with a
small snapping tolerance for digitising gaps). Parcels that are the property itself (more than
half of the parcel inside the property) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

__all__ = ["Neighbour", "neighbours", "SNAP_M"]

SNAP_M = 0.01  # gaps below 1 cm between digitised boundaries count as touching


@dataclass(frozen=True)
class Neighbour:
    index: int  # index into the parcels
    distance_m: float
    shared_boundary_m: float


def neighbours(target, parcels, distance_m: float = 0.0, tree: shapely.STRtree | None = None) -> list[Neighbour]:
    """Neighbours of the `target` polygon among `parcels` (shapely polygons), nearest first,
    then longest shared boundary."""
    if target is None or target.is_empty:
        return []
    parcels = np.asarray(list(parcels), dtype=object) if not isinstance(parcels, np.ndarray) else parcels
    tree = tree if tree is not None else shapely.STRtree(parcels)
    reach = max(distance_m, 0.0) + SNAP_M
    hits = tree.query(target, predicate="dwithin", distance=reach)
    if hits.size == 0:
        return []
    geoms = parcels[hits]
    inside = shapely.area(shapely.intersection(geoms, target))
    own = inside > 0.5 * shapely.area(geoms)
    distances = shapely.distance(geoms, target)
    boundary = target.boundary.buffer(SNAP_M)
    shared = shapely.length(shapely.intersection(shapely.boundary(geoms), boundary))
    out = [Neighbour(int(i), float(d), float(s)) for i, d, s, o in zip(hits, distances, shared, own) if not o]
    out.sort(key=lambda n: (0.0 if n.distance_m <= SNAP_M else n.distance_m, -n.shared_boundary_m, n.index))
    return out
