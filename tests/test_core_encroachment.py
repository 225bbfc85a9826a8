"""Encroachment pieces, fee and neighbours on hand-drawn geometries (areas to the cm²)."""

from __future__ import annotations

import datetime as dt

import pytest
from shapely.geometry import Polygon, box

from municipal_gis.core.encroachment import encroached_pieces, fee_eur, period_days
from municipal_gis.core.neighbours import neighbours

X0, Y0 = 462000.0, 4548000.0  # central Serres in EPSG:2100


def rect(x1, y1, x2, y2):
    return box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


def test_fence_over_municipal_land():
    municipal = [rect(0, 0, 20, 30)]
    # neighbour's yard fenced 1.25 m into the municipal plot along 30 m, plus a 3 cm digitising sliver
    occupied = [rect(18.75, 0, 40, 30), rect(-10, 29.97, 0.5, 40)]
    pieces = encroached_pieces(municipal, occupied, occupied_kaek=["400160403048", "400160403049"],
                               tolerance_m2=0.5)
    assert len(pieces) == 2
    big, small = pieces
    assert big.area_m2 == pytest.approx(37.5, abs=1e-4) and not big.noise
    assert big.neighbour_kaek == "400160403048"
    assert small.area_m2 == pytest.approx(0.5 * 0.03, abs=1e-4) and small.noise


def test_l_shaped_occupation_area_to_the_cm2():
    municipal = [Polygon([(X0, Y0), (X0 + 25.37, Y0), (X0 + 25.37, Y0 + 12.11), (X0, Y0 + 18.4)])]
    occupied = [Polygon([(X0 + 20.0, Y0 - 5), (X0 + 40, Y0 - 5), (X0 + 40, Y0 + 20), (X0 + 23.0, Y0 + 20),
                         (X0 + 23.0, Y0 + 6.0), (X0 + 20.0, Y0 + 6.0)])]
    pieces = encroached_pieces(municipal, occupied)
    # hand computed: 5.37 × 12.11 (x 20..25.37 below the top edge, y 0..6 strip for x 20..23)
    # part x 23..25.37 runs up to the sloping edge: the top edge is y = 18.4 - (18.4-12.11)/25.37 x
    slope = (18.4 - 12.11) / 25.37
    top = lambda x: 18.4 - slope * x  # noqa: E731
    area_right = (25.37 - 23.0) * (top(23.0) + top(25.37)) / 2
    area_left = 3.0 * 6.0
    assert len(pieces) == 1
    assert pieces[0].area_m2 == pytest.approx(area_left + area_right, abs=1e-4)


def test_split_pieces_and_neighbour_from_parcels():
    municipal = [rect(0, 0, 10, 10), rect(30, 0, 40, 10)]
    # an occupation polygon crossing both properties: two pieces, one per property
    occupied = [rect(8, 2, 32, 4)]
    private = [rect(10, 0, 30, 10), rect(10, 10, 30, 20)]
    pieces = encroached_pieces(municipal, occupied, parcels=private, parcel_kaek=["111111111111", "222222222222"])
    assert [(p.property_index, round(p.area_m2, 4), p.neighbour_kaek) for p in pieces] == [
        (0, 4.0, "111111111111"), (1, 4.0, "111111111111")]


def test_touching_only_gives_no_piece():
    assert encroached_pieces([rect(0, 0, 10, 10)], [rect(10, 0, 20, 10)]) == []
    assert encroached_pieces([None], [rect(0, 0, 1, 1)]) == []


def test_fee_day_count():
    assert period_days(dt.date(2023, 1, 1), dt.date(2023, 12, 31)) == 365
    assert period_days(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == 366
    assert fee_eur(37.5, 8.0, dt.date(2023, 1, 1), dt.date(2023, 12, 31)) == 300.0
    assert fee_eur(37.5, 8.0, dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == round(300.0 * 366 / 365, 2)
    assert fee_eur(10.0, 36.5, dt.date(2024, 2, 29), dt.date(2024, 2, 29)) == 1.0
    with pytest.raises(ValueError):
        period_days(dt.date(2024, 1, 2), dt.date(2024, 1, 1))


def test_neighbours_touching_and_within_distance():
    prop = rect(0, 0, 10, 10)
    parcels = [rect(0, 0, 10, 10),  # the property's own parcel
               rect(10, 0, 20, 10),  # shares 10 m
               rect(0, 10.005, 10, 20),  # 5 mm gap: touching
               rect(10, 10, 20, 20),  # corner only
               rect(13, 0, 20, -10),  # 3 m away diagonally-ish
               rect(50, 50, 60, 60)]
    found = neighbours(prop, parcels)
    assert [n.index for n in found] == [1, 2, 3]
    assert found[0].shared_boundary_m == pytest.approx(10.0, abs=0.05)
    found = neighbours(prop, parcels, distance_m=3.0)
    assert [n.index for n in found] == [1, 2, 3, 4]
    assert found[-1].distance_m == pytest.approx(3.0)


def test_diagram_geometry_numbering_and_sides():
    from municipal_gis.core.topographic import choose_scale, diagram_geometry, grid_interval

    # counter-clockwise input, closing vertex repeated, a duplicate point
    pts = [(X0, Y0), (X0 + 30, Y0), (X0 + 30, Y0), (X0 + 30, Y0 + 20), (X0 + 5, Y0 + 25), (X0, Y0)]
    geom = Polygon(pts)
    d = diagram_geometry(geom)
    xy = [(v.x, v.y) for v in d.vertices]
    assert xy == [(X0 + 5, Y0 + 25), (X0 + 30, Y0 + 20), (X0 + 30, Y0), (X0, Y0)]  # clockwise from north
    assert [(s.start, s.end) for s in d.sides] == [(1, 2), (2, 3), (3, 4), (4, 1)]
    assert [round(s.length_m, 3) for s in d.sides] == [round((25**2 + 5**2) ** 0.5, 3), 20.0, 30.0,
                                                       round((5**2 + 25**2) ** 0.5, 3)]
    assert d.area_m2 == pytest.approx((30 * 20 + 30 * 25 - 5 * 20) / 2)  # shoelace by hand: 625
    assert d.area_m2 == pytest.approx(geom.area)
    assert sum(s.length_m for s in d.sides) == pytest.approx(d.perimeter_m)
    # a hole is numbered after the outer ring
    holed = rect(0, 0, 10, 10).difference(rect(4, 4, 6, 6))
    d = diagram_geometry(holed)
    assert len(d.vertices) == 8 and {v.ring for v in d.vertices[4:]} == {1}
    # scale with 15 % margins: 25 m → 162.5 mm fits 1:200 on a 180 mm frame; 30 m → 195 mm needs 1:250
    assert choose_scale(25, 25, 180, 200) == (200, True)
    assert choose_scale(30, 25, 180, 200) == (250, True)
    assert choose_scale(130, 60, 180, 200) == (1000, True)
    assert choose_scale(400, 60, 180, 200) == (5000, False)
    assert grid_interval(200) == 10.0 and grid_interval(500) == 20.0 and grid_interval(1000) == 50.0
    with pytest.raises(ValueError):
        diagram_geometry(None)
