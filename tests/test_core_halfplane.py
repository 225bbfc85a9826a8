"""Parcel × zone areas by half-plane clipping (core/halfplane.py) against GEOS's overlay.

Hand-computable cases at ΕΓΣΑ87 coordinates (Serres), then random concave parcels and zones with
holes, reflex corners and clockwise rings, each pair checked against shapely's intersection.
"""

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from municipal_gis.core import halfplane

X0, Y0 = 462_000.0, 4_548_000.0


def at(coords):
    return [(X0 + x, Y0 + y) for x, y in coords]


def poly(coords, holes=()):
    return Polygon(at(coords), [at(h) for h in holes])


def clip_pairs(parcels, zones, geometry=False):
    """Every (parcel, zone) pair whose boxes overlap, classified and clipped as the overlay does.

    Returns (pairs, count, area, covered, empty, geometry) where area is NaN for the pairs left
    to GEOS (several edges in the box, not a corner).
    """
    parcels = np.asarray(parcels, dtype=object)
    zones = np.asarray(zones, dtype=object)
    segments = halfplane.zone_segments(zones)
    tree = shapely.STRtree(parcels)
    pair_zone, pair_parcel = tree.query(zones)
    edge_seg, edge_parcel = tree.query(segments.boxes)
    count, edge, corner_edge, convex = halfplane.crossing_edges(
        segments, shapely.bounds(parcels), pair_parcel, pair_zone, edge_parcel, edge_seg)
    area = np.full(len(pair_zone), np.nan)
    pieces = np.full(len(pair_zone), None, dtype=object)
    covered = np.zeros(len(pair_zone), dtype=bool)
    empty = np.zeros(len(pair_zone), dtype=bool)
    one = np.flatnonzero(count == 1)
    if len(one):
        r = halfplane.clip(parcels[pair_parcel[one]], segments, edge[one], geometry=geometry)
        area[one], covered[one], empty[one] = r.area, r.all_inside, r.none_inside
        if geometry:
            pieces[one] = r.geometry
    corner = np.flatnonzero(corner_edge >= 0)
    if len(corner):
        r = halfplane.clip(parcels[pair_parcel[corner]], segments, edge[corner], corner_edge[corner],
                           convex[corner], geometry=geometry)
        area[corner] = r.area
        if geometry:
            pieces[corner] = r.geometry
    return (pair_parcel, pair_zone), count, area, covered, empty, pieces, convex, corner_edge


def geos_area(parcels, zones, pairs):
    p, z = pairs
    return shapely.area(shapely.intersection(np.asarray(parcels, dtype=object)[p],
                                             np.asarray(zones, dtype=object)[z]))


PARCEL = box(X0, Y0, X0 + 10, Y0 + 10)  # 100 m²


def single(parcel, zone, geometry=False):
    (p, z), count, area, covered, empty, pieces, convex, corner = clip_pairs([parcel], [zone], geometry)
    assert len(p) == 1
    return count[0], area[0], covered[0], empty[0], pieces[0], convex[0], corner[0]


def test_one_edge_splits_the_parcel():
    count, area, covered, empty, piece, _, _ = single(PARCEL, box(X0 - 50, Y0 - 50, X0 + 4, Y0 + 50), True)
    assert count == 1 and area == pytest.approx(40.0, abs=1e-9) and not covered and not empty
    assert shapely.equals(piece, box(X0, Y0, X0 + 4, Y0 + 10))


def test_clockwise_zone_ring_gives_the_same_side():
    ccw = box(X0 - 50, Y0 - 50, X0 + 4, Y0 + 50)
    cw = Polygon(list(ccw.exterior.coords)[::-1])
    assert ccw.exterior.is_ccw and not cw.exterior.is_ccw
    assert single(PARCEL, cw)[1] == pytest.approx(40.0, abs=1e-9)


def test_convex_corner_and_reflex_corner():
    # zone corner at the parcel's centre: a quarter of the parcel
    count, area, *_, convex, corner = single(PARCEL, box(X0 + 5, Y0 + 5, X0 + 60, Y0 + 60))
    assert count == 2 and corner >= 0 and convex and area == pytest.approx(25.0, abs=1e-9)
    # an L-shaped zone whose reflex corner is the parcel's centre: three quarters
    ell = poly([(-50, -50), (60, -50), (60, 5), (5, 5), (5, 60), (-50, 60)])
    count, area, *_, convex, corner = single(PARCEL, ell)
    assert count == 2 and corner >= 0 and not convex and area == pytest.approx(75.0, abs=1e-9)


def test_repeated_zone_vertex():
    # the zone's corner at (4, 20) is stored twice: the edge of no length has no side
    zone = poly([(-50, -50), (4, -50), (4, 20), (4, 20), (-50, 20)])
    count, area, *_ = single(PARCEL, zone)
    assert count == 1 and area == pytest.approx(40.0, abs=1e-9)
    zone = poly([(-50, -50), (4, -50), (4, 5), (4, 5), (-50, 5)])  # repeated corner inside the box
    count, area, *_, convex, corner = single(PARCEL, zone)
    assert count == 2 and corner >= 0 and convex and area == pytest.approx(20.0, abs=1e-9)


def test_edge_along_the_parcel_boundary():
    outside = box(X0 + 10, Y0 - 50, X0 + 60, Y0 + 50)  # touches the parcel's east side from outside
    count, area, covered, empty, *_ = single(PARCEL, outside)
    assert count == 1 and area == pytest.approx(0.0, abs=1e-9) and empty and not covered
    inside = box(X0 - 50, Y0 - 50, X0 + 10, Y0 + 50)  # the same line, the parcel on the zone side
    count, area, covered, empty, *_ = single(PARCEL, inside)
    assert count == 1 and covered and area == pytest.approx(100.0, abs=1e-9)


def test_concave_parcel_crossed_through_both_arms():
    u_shape = poly([(0, 0), (12, 0), (12, 10), (8, 10), (8, 3), (4, 3), (4, 10), (0, 10)])  # 4·10·2 + 4·3 = 92
    zone = box(X0 - 50, Y0 + 6, X0 + 60, Y0 + 60)  # everything above y = 6: both arms, 4 m each
    count, area, *_ = single(u_shape, zone)
    assert u_shape.area == pytest.approx(92.0)
    assert count == 1 and area == pytest.approx(32.0, abs=1e-9)


def test_parcel_with_a_hole_and_zone_with_a_hole():
    holed = poly([(0, 0), (10, 0), (10, 10), (0, 10)], [[(2, 2), (2, 8), (8, 8), (8, 2)]])  # 64 m²
    count, area, *_ = single(holed, box(X0 - 50, Y0 - 50, X0 + 5, Y0 + 50))
    assert count == 1 and area == pytest.approx(32.0, abs=1e-9)
    # zone with a hole whose edge crosses the parcel: the part inside the hole is not in the zone
    zone = poly([(-100, -100), (100, -100), (100, 100), (-100, 100)], [[(6, -50), (50, -50), (50, 50), (6, 50)]])
    count, area, *_ = single(PARCEL, zone)
    assert count == 1 and area == pytest.approx(60.0, abs=1e-9)


def test_multipart_parcel():
    two = MultiPolygon([box(X0, Y0, X0 + 4, Y0 + 4), box(X0 + 6, Y0, X0 + 10, Y0 + 4)])
    count, area, *_ = single(two, box(X0 + 2, Y0 - 50, X0 + 100, Y0 + 50))
    assert count == 1 and area == pytest.approx(8.0 + 16.0, abs=1e-9)


def _random_concave(rng, cx, cy, radius, k):
    """Star-shaped (concave) polygons with k vertices around random centres."""
    out = []
    for x, y in zip(cx, cy):
        angles = (np.arange(k) + rng.uniform(0.0, 0.8, k)) * (2 * np.pi / k)  # increasing, gaps < π
        r = radius * rng.uniform(0.4, 1.0, k)
        out.append(Polygon(np.c_[x + r * np.cos(angles), y + r * np.sin(angles)]))
    return out


def test_random_concave_parcels_and_zones_against_geos():
    rng = np.random.default_rng(11)
    parcels = _random_concave(rng, X0 + rng.uniform(0, 500, 800), Y0 + rng.uniform(0, 500, 800), 12.0, 9)
    parcels += [shapely.difference(p, p.centroid.buffer(2.0)) for p in parcels[:40]]  # with holes
    # zones: unions of neighbouring Voronoi cells (concave, reflex corners), some clockwise,
    # one with a hole
    pts = shapely.multipoints(rng.uniform(0, 500, (150, 2)) + [X0, Y0])
    cells = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=box(X0, Y0, X0 + 500, Y0 + 500)))
    centre = shapely.get_coordinates(shapely.centroid(cells)) - [X0, Y0]
    group = (centre[:, 0] // 100) * 10 + centre[:, 1] // 100  # groups of neighbouring cells
    zones = [shapely.union_all(cells[group == g]) for g in np.unique(group)]
    zones = [z for z in zones if z.geom_type == "Polygon"]
    zones[0] = Polygon(list(zones[0].exterior.coords)[::-1])  # clockwise
    zones.append(shapely.difference(box(X0 + 150, Y0 + 150, X0 + 350, Y0 + 350),
                                    box(X0 + 200, Y0 + 200, X0 + 300, Y0 + 300)))
    assert any(not shapely.is_ccw(z.exterior) for z in zones)
    assert all(shapely.is_valid(p) for p in parcels) and all(shapely.is_valid(z) for z in zones)

    pairs, count, area, covered, empty, pieces, convex, corner = clip_pairs(parcels, zones, geometry=True)
    expected = geos_area(parcels, zones, pairs)
    clipped = ~np.isnan(area)
    assert clipped.sum() > 500 and (corner >= 0).sum() > 20 and (~convex & (corner >= 0)).sum() > 5
    np.testing.assert_allclose(area[clipped], expected[clipped], rtol=0, atol=1e-6)
    one = count == 1
    parcel_area = shapely.area(np.asarray(parcels, dtype=object)[pairs[0]])
    assert np.all(expected[one & covered] == pytest.approx(parcel_area[one & covered], abs=1e-6))
    assert np.all(expected[one & empty] <= 1e-6)
    # pieces built without GEOS (convex parcel, convex region) are the GEOS pieces
    built = np.array([g is not None for g in pieces])
    assert built.any()
    cut = shapely.intersection(np.asarray(parcels, dtype=object)[pairs[0][built]],
                               np.asarray(zones, dtype=object)[pairs[1][built]])
    assert shapely.is_valid(pieces[built]).all()
    assert shapely.area(shapely.symmetric_difference(pieces[built], cut)).max() < 1e-6
