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
    """Floats, NaN for None; a sequence gives an array, a single value a 0-d array."""
    return np.asarray(values, dtype=float)


def piece_terms(area_m2, far, coverage_pct) -> tuple[np.ndarray, np.ndarray]:
    """(max floor area m², max footprint m²) per piece; NaN where the term is unknown.

    Sequences (one value per piece) or single values (0-d arrays come back); None stands for an
    unknown term. The one formula behind the certificate's columns and the panel's text.
    """
    area = np.asarray(area_m2, dtype=float)
    return area * _num(far), area * _num(coverage_pct) / 100.0


def _segments(lines):
    """The straight two-point segments of line geometries, with the index of the line of each."""
    parts, owner = shapely.get_parts(np.asarray(lines, dtype=object), return_index=True)
    coords, part_idx = shapely.get_coordinates(parts, return_index=True)
    same = part_idx[:-1] == part_idx[1:]
    starts, ends = coords[:-1][same], coords[1:][same]
    keep = (starts != ends).any(axis=1)  # repeated vertices make no segment
    return shapely.linestrings(np.stack([starts[keep], ends[keep]], axis=1)), owner[part_idx[:-1][same][keep]]


def frontage(parcels, street_lines, tolerance_m: float = 0.5, min_cos: float = 0.94) -> np.ndarray:
    """Length (m) of each parcel's boundary that runs along a street line within `tolerance_m`.

    `street_lines` are the lines that bound the street space: street (building) lines as drawn, or
    the edges made by `street_edges_from_*` from street polygons, centrelines with their width or
    city blocks. Both the parcel boundaries and the street lines are cut into straight segments.
    Where a parcel segment and a street segment are within `tolerance_m` and run along each other
    (cosine of the angle >= `min_cos`: within about 20°), the part of the parcel segment inside the
    street segment's flat-ended tolerance band counts, and a street line ending half-way counts only
    as far as it goes. The side boundaries that leave the street enter the band too, for
    tolerance / sin(angle): the angle test keeps them out, even at the acute corners of triangular
    blocks (a looser 45° let 1–2 m of them in there). A part
    within reach of two street segments (a vertex of the street line) counts once. NaN for a
    missing parcel.
    """
    parcels = np.asarray(parcels, dtype=object)
    result = np.full(len(parcels), np.nan)
    present = np.flatnonzero([g is not None and not shapely.is_empty(g) for g in parcels])
    result[present] = 0.0
    lines = np.asarray([s for s in street_lines if s is not None and not shapely.is_empty(s)], dtype=object)
    if not len(present) or not len(lines):
        return result
    street_segs, _ = _segments(lines)
    parcel_segs, seg_owner = _segments(shapely.boundary(parcels[present]))  # seg_owner: index into `present`
    if not len(street_segs) or not len(parcel_segs):
        return result
    tree = shapely.STRtree(street_segs)
    near_seg, near_street = tree.query(parcel_segs, predicate="dwithin", distance=tolerance_m)
    if not len(near_seg):
        return result
    # the angle between the two straight segments decides whether they run along each other
    a, b = shapely.get_coordinates(parcel_segs).reshape(-1, 2, 2), shapely.get_coordinates(street_segs).reshape(-1, 2, 2)
    u, v = a[:, 1] - a[:, 0], b[:, 1] - b[:, 0]
    u /= np.hypot(u[:, 0], u[:, 1])[:, None]
    v /= np.hypot(v[:, 0], v[:, 1])[:, None]
    cos = np.abs((u[near_seg] * v[near_street]).sum(axis=1))
    along = cos >= min_cos
    near_seg, near_street = near_seg[along], near_street[along]
    if not len(near_seg):
        return result
    bands = shapely.buffer(street_segs[near_street], tolerance_m, cap_style="flat")
    inside = shapely.intersection(parcel_segs[near_seg], bands)
    length = shapely.length(inside)
    seg_len = np.zeros(len(parcel_segs))
    order = np.argsort(near_seg, kind="stable")
    near_seg, inside, length = near_seg[order], inside[order], length[order]
    heads = np.flatnonzero(np.r_[True, near_seg[1:] != near_seg[:-1]])
    counts = np.diff(np.r_[heads, len(near_seg)])
    single = counts == 1
    seg_len[near_seg[heads[single]]] = length[heads[single]]
    for head, count in zip(heads[~single], counts[~single]):  # the few segments near a street vertex
        seg_len[near_seg[head]] = shapely.length(shapely.union_all(inside[head:head + count]))
    result[present] = np.bincount(seg_owner, weights=seg_len, minlength=len(present))
    return result


def street_edges_from_polygons(street_space) -> np.ndarray:
    """The edges of the street space drawn as polygons (streets, squares): its dissolved boundary."""
    polygons = [g for g in street_space if g is not None and not shapely.is_empty(g)]
    if not polygons:
        return np.zeros(0, dtype=object)
    return np.array([shapely.boundary(shapely.union_all(polygons))], dtype=object)


def street_edges_from_centrelines(centrelines, widths_m) -> np.ndarray:
    """The edges of the street space made from centrelines and their full widths (m).

    Each centreline is widened by half its width and the widened streets are dissolved, so the
    edges run where the streets meet the blocks. Lines without a positive finite width are left
    out (the caller reports them).
    """
    lines, half = [], []
    for line, width in zip(centrelines, widths_m):
        if line is None or shapely.is_empty(line) or width is None or not np.isfinite(width) or width <= 0:
            continue
        lines.append(line)
        half.append(0.5 * float(width))
    if not lines:
        return np.zeros(0, dtype=object)
    space = shapely.union_all(shapely.buffer(np.array(lines, dtype=object), np.array(half), cap_style="flat",
                                             join_style="mitre"))
    return np.array([shapely.boundary(space)], dtype=object)


def street_edges_from_blocks(blocks) -> np.ndarray:
    """The street lines as the outline of the city blocks (Ο.Τ.): the boundary of their union, so that
    where two blocks touch their common side is not taken for a street."""
    polygons = [g for g in blocks if g is not None and not shapely.is_empty(g)]
    if not polygons:
        return np.zeros(0, dtype=object)
    return np.array([shapely.boundary(shapely.union_all(polygons))], dtype=object)


# How the frontage was measured, in order of preference (the certificate says which)
STREET_POLYGONS, CENTRELINES, BLOCKS, STREET_LINES = "street_polygons", "centrelines", "blocks", "street_lines"


def street_edges(streets=None, streets_are_polygons: bool = False, widths_m=None, blocks=None):
    """(edges of the street space, method) from what is at hand, the most direct first.

    - street polygons: their dissolved boundary;
    - street centrelines with a width per line (`widths_m`): widened by half their width;
    - city blocks: the outline of the blocks (the street line bounds every block);
    - street lines without widths: taken as drawn, as the street (building) lines themselves.
    Centrelines without widths are never taken for street lines when blocks are at hand: they lie
    half a street width from every parcel. (None, None) when nothing can measure the frontage.
    """
    streets = [] if streets is None else list(streets)
    blocks = [] if blocks is None else list(blocks)
    if streets and streets_are_polygons:
        return street_edges_from_polygons(streets), STREET_POLYGONS
    if streets and widths_m is not None:
        return street_edges_from_centrelines(streets, widths_m), CENTRELINES
    if blocks:
        return street_edges_from_blocks(blocks), BLOCKS
    if streets:
        return np.asarray(streets, dtype=object), STREET_LINES
    return None, None


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
