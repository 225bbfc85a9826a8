"""Assigning features to the area they share most with (a property to its community, …)."""

from __future__ import annotations

import numpy as np
import shapely


def largest_overlap(targets, zones, names) -> list[str]:
    """For each target geometry, the name of the zone sharing most area with it ("" if none).

    `targets` and `zones` are shapely geometries (None for a missing one), `names` one per zone. A target
    that shares no area but touches zones (a point, a line) takes one of those it touches."""
    out = [""] * len(targets)
    valid = [i for i, g in enumerate(zones) if g is not None]
    if not valid:
        return out
    zone_geoms = np.asarray([zones[i] for i in valid], dtype=object)
    tree = shapely.STRtree(zone_geoms)
    for t, geometry in enumerate(targets):
        if geometry is None:
            continue
        hits = tree.query(geometry, predicate="intersects")
        if hits.size == 0:
            continue
        areas = shapely.area(shapely.intersection(zone_geoms[hits], geometry))
        best = int(hits[int(np.argmax(areas))])
        out[t] = names[valid[best]] or ""
    return out
