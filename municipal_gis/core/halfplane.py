"""Parcel × zone areas without a polygon overlay where one zone edge, or one corner, crosses the parcel.

A parcel is small next to a zone: most parcels that a zone boundary crosses meet exactly one
edge of that zone. Inside the parcel's bounding box the zone is then exactly the half-plane on
the zone's side of that edge (the edge crosses the whole box: an endpoint inside the box would
bring the next edge in too), so

    area(parcel ∩ zone) = area(parcel ∩ half-plane),

which a single Sutherland–Hodgman pass computes for every ring of the parcel at once, in numpy,
for all such pairs together. For one half-plane the clipped ring's signed area is exact even
when the parcel is not convex (the pass may leave zero-width bridges along the line, which add
no area), and holes and multipart parcels are handled ring by ring. Where exactly two edges meet
the box and they are consecutive (a corner of the zone), the zone inside the box is the
intersection of their half-planes (convex corner: two passes) or their union (reflex corner:
A∩H1 + A∩H2 − A∩H1∩H2). For a convex parcel and a convex region the clipped ring is also the
piece's polygon.

Pairs whose box no zone edge meets are wholly inside or wholly outside the zone; pairs with more
of the zone's boundary in the box are left to GEOS.

Coordinates are shifted to the edge's start point before any product, so the EGSA87 magnitudes
(x ≈ 5e5, y ≈ 4.5e6 m) do not cost precision: areas agree with GEOS's overlay to about 1e-8 m².
The edge-meets-box tests are plain floating-point side tests; an edge that misses a box corner
by less than rounding can only move an area by about that distance times the parcel's size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely


@dataclass(frozen=True)
class Segments:
    """Every boundary edge of a set of polygons, with the side the polygon lies on."""

    start: np.ndarray  # (n, 2)
    end: np.ndarray  # (n, 2)
    owner: np.ndarray  # index of the polygon the edge belongs to
    left: np.ndarray  # bool: the polygon's interior is to the left of start → end
    next: np.ndarray  # the edge that follows this one on its ring (cyclically)
    boxes: np.ndarray  # shapely boxes of the edges (for STRtree queries)

    def __len__(self) -> int:
        return len(self.owner)


def polygon_rings(geometries):
    """Rings of polygonal geometries: (rings, owner index, is_exterior)."""
    geometries = np.asarray(geometries, dtype=object)
    present = np.flatnonzero(~shapely.is_missing(geometries))
    parts, part_owner = shapely.get_parts(geometries[present], return_index=True)
    part_owner = present[part_owner]
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    exterior = np.r_[True, ring_part[1:] != ring_part[:-1]] if len(ring_part) else np.zeros(0, dtype=bool)
    return rings, part_owner[ring_part], exterior


def zone_segments(zone_geoms) -> Segments:
    """The boundary edges of the zones (None entries have none), each with its interior side."""
    rings = rings_of(zone_geoms)
    start, edge_ring = rings.points, rings.ring
    end = start[_next_in_ring(edge_ring)]
    real = (start != end).any(axis=1)  # a repeated vertex makes an edge of no length and no side
    start, end, edge_ring = start[real], end[real], edge_ring[real]
    # an exterior ring turning counter-clockwise, or a hole turning clockwise, has the zone on its left
    left = (rings.exterior == (rings.orientation > 0))[edge_ring]
    nxt = _next_in_ring(edge_ring)
    lo, hi = np.minimum(start, end), np.maximum(start, end)
    boxes = shapely.box(lo[:, 0], lo[:, 1], hi[:, 0], hi[:, 1]) if len(start) else np.zeros(0, dtype=object)
    shapely.bounds(boxes)  # GEOS caches envelopes on first use: do it here, not racing in worker threads
    return Segments(start=start, end=end, owner=rings.owner[edge_ring], left=left, next=nxt, boxes=boxes)


def edges_meeting_boxes(segments: Segments, seg_index, box_bounds) -> np.ndarray:
    """Which candidate edges (segments[seg_index]) meet the closed box (xmin, ymin, xmax, ymax) given.

    The candidates come from a bounding-box query, so the boxes overlap; an edge then meets the
    box unless all four corners lie strictly on one side of its line.
    """
    a, b = segments.start[seg_index], segments.end[seg_index]
    d = b - a
    xmin, ymin, xmax, ymax = (box_bounds[:, k] for k in range(4))
    sides = []
    for cx, cy in ((xmin, ymin), (xmax, ymin), (xmax, ymax), (xmin, ymax)):
        sides.append(d[:, 0] * (cy - a[:, 1]) - d[:, 1] * (cx - a[:, 0]))
    sides = np.stack(sides, axis=1)
    return ~((sides > 0).all(axis=1) | (sides < 0).all(axis=1))


def crossing_edges(segments: Segments, parcel_bounds, pair_parcel, pair_zone, edge_parcel, edge_seg):
    """Per pair (parcel, zone): how many edges of the zone meet the parcel's box, and which.

    edge_parcel, edge_seg: candidate (parcel, edge) pairs from a bounding-box query. Returns
    (count, edge, corner_edge, convex_corner) aligned with the pairs: `edge` is one edge meeting
    the box (-1 where none does); where exactly two do and they meet at a corner of the zone,
    `corner_edge` is the other one (else -1) and `convex_corner` says whether the zone's interior
    angle there is at most 180°.
    """
    n_pairs = len(pair_parcel)
    count = np.zeros(n_pairs, dtype=np.int64)
    edge = np.full(n_pairs, -1, dtype=np.int64)
    corner_edge = np.full(n_pairs, -1, dtype=np.int64)
    convex = np.zeros(n_pairs, dtype=bool)
    if not len(edge_seg) or not n_pairs:
        return count, edge, corner_edge, convex
    meets = edges_meeting_boxes(segments, edge_seg, parcel_bounds[edge_parcel])
    edge_parcel, edge_seg = edge_parcel[meets], edge_seg[meets]
    n_zones = int(max(segments.owner.max(initial=0), pair_zone.max(initial=0))) + 1
    key = edge_parcel.astype(np.int64) * n_zones + segments.owner[edge_seg]
    order = np.argsort(key, kind="stable")
    key, edge_seg = key[order], edge_seg[order]
    keys, first, counts = np.unique(key, return_index=True, return_counts=True)
    pair_key = pair_parcel.astype(np.int64) * n_zones + pair_zone
    at = np.searchsorted(keys, pair_key)
    found = at < len(keys)
    found[found] = keys[at[found]] == pair_key[found]
    hit = np.flatnonzero(found)
    count[hit] = counts[at[hit]]
    edge[hit] = edge_seg[first[at[hit]]]
    two = hit[count[hit] == 2]
    if len(two):
        e1, e2 = edge[two], edge_seg[first[at[two]] + 1]
        forward = segments.next[e1] == e2  # e1 then e2 along the ring
        backward = segments.next[e2] == e1
        adjacent = forward | backward
        into = np.where(forward, e1, e2)[adjacent]  # the edge arriving at the corner
        out = np.where(forward, e2, e1)[adjacent]
        d_in = segments.end[into] - segments.start[into]
        d_out = segments.end[out] - segments.start[out]
        turn = d_in[:, 0] * d_out[:, 1] - d_in[:, 1] * d_out[:, 0]
        # interior on the left: a left turn (or none) is a convex corner
        convex[two[adjacent]] = np.where(segments.left[into], turn >= 0, turn <= 0)
        corner_edge[two[adjacent]] = e2[adjacent]
    return count, edge, corner_edge, convex


@dataclass
class Rings:
    """The rings of a set of polygonal geometries as flat vertex arrays (no closing vertex)."""

    points: np.ndarray  # (m, 2)
    ring: np.ndarray  # (m,) ring id, ascending
    owner: np.ndarray  # (n_rings,) index of the geometry
    exterior: np.ndarray  # (n_rings,) bool
    orientation: np.ndarray  # (n_rings,) +1 counter-clockwise, -1 clockwise (0 degenerate)

    @property
    def n_rings(self) -> int:
        return len(self.owner)


def rings_of(geometries) -> Rings:
    """Rings of polygonal geometries (None entries have none)."""
    geometries = np.asarray(geometries, dtype=object)
    present = ~shapely.is_missing(geometries)
    # A geometry whose coordinates return to the first one only at the very end is one ring (a
    # polygon, or a multipolygon of one part as GeoPackages store them, without holes): its
    # coordinates are the ring's, with no need to split it into parts and rings.
    coords, owner_of = shapely.get_coordinates(geometries, return_index=True)
    n = len(geometries)
    simple = np.zeros(n, dtype=bool)
    if len(coords):
        heads = np.flatnonzero(np.r_[True, owner_of[1:] != owner_of[:-1]])
        first = np.repeat(heads, np.diff(np.r_[heads, len(owner_of)]))
        again = (coords == coords[first]).all(axis=1)
        returns = np.bincount(owner_of, weights=again, minlength=n)
        tails = np.r_[heads[1:] - 1, len(owner_of) - 1]
        closed_at_end = np.zeros(n, dtype=bool)
        closed_at_end[owner_of[tails]] = again[tails]
        simple = (returns == 2) & closed_at_end
    complex_ids = np.flatnonzero(present & ~simple)
    keep = simple[owner_of]
    coords, ring_owner = coords[keep], owner_of[keep]
    # simple geometries: one ring each, numbered in order
    simple_ids = np.flatnonzero(simple)
    ring = np.searchsorted(simple_ids, ring_owner)
    owner, exterior = simple_ids, np.ones(len(simple_ids), dtype=bool)
    if len(complex_ids):
        rings, ring_geometry, ring_exterior = polygon_rings(geometries[complex_ids])
        more, more_ring = shapely.get_coordinates(rings, return_index=True)
        coords = np.concatenate([coords, more])
        ring = np.concatenate([ring, more_ring + len(simple_ids)])
        owner = np.concatenate([owner, complex_ids[ring_geometry]])
        exterior = np.concatenate([exterior, ring_exterior])
    # drop each ring's closing vertex
    last = np.r_[ring[1:] != ring[:-1], True] if len(ring) else np.zeros(0, dtype=bool)
    points, ring = coords[~last], ring[~last]
    # orientation from the shoelace relative to the ring's first vertex (precision)
    heads = _heads(ring)
    origin = points[np.maximum.accumulate(np.where(heads, np.arange(len(ring)), 0))] if len(ring) else points
    area = _ring_areas(points - origin, ring, len(owner))
    return Rings(points=points, ring=ring, owner=owner, exterior=exterior, orientation=np.sign(area))


def _heads(ring):
    return np.r_[True, ring[1:] != ring[:-1]] if len(ring) else np.zeros(0, dtype=bool)


def _next_in_ring(ring):
    """Index of the next vertex of the same ring, cyclically."""
    m = len(ring)
    if not m:
        return np.zeros(0, dtype=np.int64)
    heads = _heads(ring)
    head_at = np.maximum.accumulate(np.where(heads, np.arange(m), 0))
    tails = np.r_[ring[1:] != ring[:-1], True]
    nxt = np.arange(1, m + 1)
    nxt[tails] = head_at[tails]
    return nxt


def sum_by(index, weights, n: int) -> np.ndarray:
    """Float sums of `weights` grouped by `index` (0..n-1).

    `np.bincount` with weights returns *integers* when `index` is empty, and an area written into
    such an array afterwards is silently truncated (a parcel wholly inside one zone once got a
    phantom unzoned piece from that): every weighted sum of areas goes through here.
    """
    return np.bincount(index, weights=weights, minlength=n).astype(float, copy=False)


def _ring_areas(points, ring, n_rings):
    """Signed shoelace area of every ring (vertices in ring order, no closing vertex)."""
    if not len(points):
        return np.zeros(n_rings)
    q = points[_next_in_ring(ring)]
    terms = points[:, 0] * q[:, 1] - q[:, 0] * points[:, 1]
    return 0.5 * sum_by(ring, terms, n_rings)


def _clip_pass(points, ring, start, direction, left):
    """One Sutherland–Hodgman pass of every ring against its own half-plane.

    start, direction, left: per ring, the line (relative coordinates) and the kept side (left of
    the direction when `left`). Vertices on the line are kept.
    """
    if not len(points):
        return points, ring
    a, d = start[ring], direction[ring]
    s = d[:, 0] * (points[:, 1] - a[:, 1]) - d[:, 1] * (points[:, 0] - a[:, 0])
    s = np.where(left[ring], s, -s)
    nxt = _next_in_ring(ring)
    s1, p1 = s[nxt], points[nxt]
    inside, inside1 = s >= 0, s1 >= 0
    cross = inside != inside1
    t = np.zeros(len(s))
    t[cross] = s[cross] / (s[cross] - s1[cross])
    hit = points + t[:, None] * (p1 - points)
    out = np.stack([points, hit], axis=1).reshape(-1, 2)
    keep = np.stack([inside, cross], axis=1).reshape(-1)
    return out[keep], np.repeat(ring, 2)[keep]


def _side_counts(points, ring, owner, start, direction, left, n):
    """Per geometry: any vertex strictly inside / strictly outside the half-plane (per ring's line)."""
    a, d = start[ring], direction[ring]
    s = d[:, 0] * (points[:, 1] - a[:, 1]) - d[:, 1] * (points[:, 0] - a[:, 0])
    s = np.where(left[ring], s, -s)
    geometry = owner[ring]
    return (np.bincount(geometry, weights=s > 0, minlength=n) > 0,
            np.bincount(geometry, weights=s < 0, minlength=n) > 0)


@dataclass
class Clip:
    """Parcels clipped by half-planes (arrays aligned with the pairs given)."""

    area: np.ndarray  # area of parcel ∩ region
    all_inside: np.ndarray  # bool: no vertex strictly outside a one-edge region (the zone covers it)
    none_inside: np.ndarray  # bool: no vertex strictly inside a one-edge region (at most touching)
    geometry: np.ndarray | None = None  # piece polygons where asked for and convex, else None


def clip(parcels, segments: Segments, edge, corner_edge=None, convex_corner=None, geometry=False) -> Clip:
    """Area of parcel ∩ zone where the zone, inside the parcel's box, is bounded by one edge or a corner.

    edge: per pair, the zone edge meeting the parcel's box. corner_edge: None (one edge per
    pair), or per pair the edge meeting `edge` at a corner of the zone (the only two edges
    meeting the box), with `convex_corner` saying whether the zone there is the intersection of
    the two half-planes (convex) or their union (reflex). geometry: also build the pieces as
    polygons where the parcel is one convex ring and the region convex (else None, for GEOS).
    """
    n = len(parcels)
    edge = np.asarray(edge, dtype=np.int64)
    rings = rings_of(parcels)
    ring_pair = rings.owner
    origin = segments.start[edge]  # per pair: all coordinates relative to this point
    points = rings.points - origin[ring_pair[rings.ring]]

    def half(edges):  # per ring: the line of edges[pair] in relative coordinates
        e = edges[ring_pair]
        return segments.start[e] - origin[ring_pair], segments.end[e] - segments.start[e], segments.left[e]

    def oriented_area(pts, rng):
        raw = _ring_areas(pts, rng, rings.n_rings) * rings.orientation
        return sum_by(ring_pair, np.where(rings.exterior, raw, -raw), n)

    first = half(edge)
    clipped, clipped_ring = _clip_pass(points, rings.ring, *first)
    area = oriented_area(clipped, clipped_ring)
    not_convex = np.zeros(n, dtype=bool)
    if corner_edge is None:
        inside_any, outside_any = _side_counts(points, rings.ring, ring_pair, *first, n)
    else:
        convex_corner = np.asarray(convex_corner, dtype=bool)
        second = half(np.asarray(corner_edge, dtype=np.int64))
        clipped, clipped_ring = _clip_pass(clipped, clipped_ring, *second)
        both = oriented_area(clipped, clipped_ring)
        if (~convex_corner).any():  # union of the half-planes: A∩H1 + A∩H2 − A∩H1∩H2
            alone = oriented_area(*_clip_pass(points, rings.ring, *second))
            area = np.where(convex_corner, both, area + alone - both)
        else:
            area = both
        not_convex = ~convex_corner
        inside_any = area > 0
        outside_any = np.ones(n, dtype=bool)  # decided by the area
    pieces = _convex_pieces(rings, clipped, clipped_ring, origin, not_convex, n) if geometry else None
    return Clip(area=np.maximum(area, 0.0), all_inside=~outside_any, none_inside=~inside_any, geometry=pieces)


def _convex_pieces(rings: Rings, points, ring, origin, region_not_convex, n):
    """Polygons of the clipped rings for pairs whose parcel is one convex ring and region convex."""
    out = np.full(n, None, dtype=object)
    ring_count = np.bincount(rings.owner, minlength=n)
    # convexity of the parcel ring: every turn has the same sign (straight vertices aside)
    p, r = rings.points, rings.ring
    nxt = _next_in_ring(r)
    e = p[nxt] - p
    turn = e[:, 0] * e[nxt][:, 1] - e[:, 1] * e[nxt][:, 0]
    scale = np.abs(e).max(axis=1) ** 2 + 1e-300
    turn = np.where(np.abs(turn) <= 1e-12 * scale, 0.0, turn)
    left_turn = np.bincount(r, weights=turn > 0, minlength=rings.n_rings) > 0
    right_turn = np.bincount(r, weights=turn < 0, minlength=rings.n_rings) > 0
    convex_ring = ~(left_turn & right_turn)
    ok_pair = (ring_count == 1) & ~region_not_convex
    ok_pair[rings.owner[~convex_ring]] = False
    if not len(points):
        return out
    # drop repeated consecutive points (a vertex on the line is emitted twice)
    pair_of_point = rings.owner[ring]
    nxt = _next_in_ring(ring)
    repeated = (np.abs(points - points[nxt]) <= 1e-9).all(axis=1)
    keep = ok_pair[pair_of_point] & ~repeated
    pts, rng = points[keep], ring[keep]
    counts = np.bincount(rng, minlength=rings.n_rings)
    valid_ring = counts >= 3
    pts_keep = valid_ring[rng]
    pts, rng = pts[pts_keep], rng[pts_keep]
    if not len(pts):
        return out
    pair = rings.owner[rng]
    absolute = pts + origin[pair]
    # close every ring for shapely.linearrings
    heads = _heads(rng)
    first = absolute[heads]
    tails = np.r_[rng[1:] != rng[:-1], True]
    insert_at = np.flatnonzero(tails) + 1
    closed = np.insert(absolute, insert_at, first, axis=0)
    closed_ring = np.insert(rng, insert_at, rng[tails])
    ids, ring_index = np.unique(closed_ring, return_inverse=True)
    linear = shapely.linearrings(closed, indices=ring_index)
    out[rings.owner[ids]] = shapely.polygons(linear)
    return out
