"""Building terms of zone pieces and plot conformity (αρτιότητα) of parcels.

Simplified rules (DOMAIN.md §2): maximum floor area = piece area × ΣΔ; maximum footprint =
piece area × κάλυψη / 100. Conformity: the parcel's area must reach the minimum plot area of
every zone it lies in (the strictest applies), and its frontage the minimum frontage, where a
street layer lets us measure the frontage. Pieces that are slivers, unzoned or in overlapping
zones set no requirement; overlapping zones are reported instead of being resolved.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely


def _num(values) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def piece_terms(area_m2, far, coverage_pct) -> tuple[np.ndarray, np.ndarray]:
    """(max floor area m², max footprint m²) per piece; NaN where the term is unknown."""
    area = np.asarray(area_m2, dtype=float)
    return area * _num(far), area * _num(coverage_pct) / 100.0


def frontage(parcels, streets, tolerance_m: float = 0.5, min_cos: float = 0.7) -> np.ndarray:
    """Length (m) of each parcel's boundary that runs along a street line within `tolerance_m`.

    `streets` are line geometries (street or building lines). The boundary is cut into its
    straight segments; the part of a segment inside the street's tolerance band counts when it
    runs roughly along the street (cosine of the angle >= `min_cos`), so the short stubs of the
    side boundaries that enter the band are not counted. NaN for a missing parcel.
    """
    parcels = np.asarray(parcels, dtype=object)
    result = np.full(len(parcels), np.nan)
    present = np.flatnonzero([g is not None for g in parcels])
    result[present] = 0.0
    streets = np.asarray([s for s in streets if s is not None and not shapely.is_empty(s)], dtype=object)
    if not len(present) or not len(streets):
        return result
    tree = shapely.STRtree(streets)
    boundaries = shapely.boundary(parcels[present])
    lines, owner = shapely.get_parts(boundaries, return_index=True)
    coords, line_idx = shapely.get_coordinates(lines, return_index=True)
    same = line_idx[:-1] == line_idx[1:]
    starts, ends = coords[:-1][same], coords[1:][same]
    seg_owner = owner[line_idx[:-1][same]]  # index into `present`
    segments = shapely.linestrings(np.stack([starts, ends], axis=1))
    near_seg, near_street = tree.query(segments, predicate="dwithin", distance=tolerance_m)
    if not len(near_seg):
        return result
    bands = shapely.buffer(streets[near_street], tolerance_m, cap_style="flat")
    inside = shapely.intersection(segments[near_seg], bands)
    inside_len = shapely.length(inside)
    ok = inside_len > 0
    near_seg, near_street, inside, inside_len = near_seg[ok], near_street[ok], inside[ok], inside_len[ok]
    # direction of the inside part against the street: compare its length with its projection
    single = shapely.get_type_id(inside) == 1
    a = np.where(single, shapely.get_point(inside, 0), shapely.get_point(segments[near_seg], 0))
    b = np.where(single, shapely.get_point(inside, -1), shapely.get_point(segments[near_seg], -1))
    projected = np.abs(shapely.line_locate_point(streets[near_street], b)
                       - shapely.line_locate_point(streets[near_street], a))
    chord = shapely.distance(a, b)
    cos = np.divide(projected, chord, out=np.zeros_like(chord), where=chord > 0)
    along = cos >= min_cos
    # a segment near two streets (a corner) counts once: keep its longest qualifying part
    seg_len = np.zeros(len(segments))
    np.maximum.at(seg_len, near_seg[along], inside_len[along])
    result[present] = np.bincount(seg_owner, weights=seg_len, minlength=len(present))
    return result


@dataclass(frozen=True)
class Conformity:
    """Αρτιότητα of one parcel. `meets_*` is None when there is no requirement or no measurement."""

    area_m2: float
    min_plot_area_m2: float | None
    meets_area: bool | None
    frontage_m: float | None
    min_frontage_m: float | None
    meets_frontage: bool | None

    @property
    def conforming(self) -> bool | None:
        checks = [c for c in (self.meets_area, self.meets_frontage) if c is not None]
        if not checks:
            return None
        return all(checks)


def conformity(parcel_area_m2: float, zone_min_area, zone_min_frontage, frontage_m=None) -> Conformity:
    """Check one parcel against the requirements of the zones it lies in (strictest applies).

    zone_min_area / zone_min_frontage: the requirements of the relevant zones (None = none).
    frontage_m: measured frontage, or None when no street layer was given.
    """
    areas = [float(v) for v in zone_min_area if v is not None and float(v) > 0]
    fronts = [float(v) for v in zone_min_frontage if v is not None and float(v) > 0]
    min_area = max(areas) if areas else None
    min_front = max(fronts) if fronts else None
    meets_area = None if min_area is None else bool(parcel_area_m2 >= min_area)
    has_frontage = frontage_m is not None and not np.isnan(frontage_m)
    meets_front = None if (min_front is None or not has_frontage) else bool(frontage_m >= min_front)
    return Conformity(
        float(parcel_area_m2),
        min_area,
        meets_area,
        float(frontage_m) if has_frontage else None,
        min_front,
        meets_front,
    )
