"""Invariants of the parcel × zone overlay over random parcels, zones and batch splits (hypothesis).

What an engineer signing a certificate relies on, whatever the data:
- a parcel's rows are the same whether it is certified alone, in a small batch or with the whole
  city (same zones, areas to 1e-6 m²), in table mode and with piece geometries, on 1 or 2 threads;
- the pieces' areas add up to the parcel's area and their shares to 100 % ± 0.01;
- the zoned area never exceeds the parcel, and each single-zone piece is the GEOS intersection.

The fixtures in test_core_overlay.py use whole-metre boxes, whose areas are integers: a float area
truncated to an integer there looks right. These use arbitrary coordinates at ΕΓΣΑ87 magnitudes, so
such a truncation (the «phantom unzoned row» of a parcel wholly inside one zone) cannot hide.
"""

from __future__ import annotations

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from municipal_gis.core import overlay

X0, Y0 = 462_013.37, 4_548_021.91  # Serres, not on whole metres
SIZE = 200.0  # the zones tile a SIZE × SIZE square; parcels lie in and around it
AREA_TOL = 1e-6  # m²
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

coordinate = st.floats(min_value=-20.0, max_value=SIZE + 20.0, allow_nan=False, allow_infinity=False)
extent = st.floats(min_value=0.3, max_value=60.0, allow_nan=False, allow_infinity=False)


@st.composite
def parcel(draw):
    """A box, a convex polygon, a box with a hole, an L shape or a two-part multipolygon."""
    kind = draw(st.sampled_from(["box", "convex", "holed", "concave", "multi"]))
    x, y, w, h = draw(coordinate), draw(coordinate), draw(extent), draw(extent)
    outer = shapely.box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)
    if kind == "convex":
        pts = draw(st.lists(st.tuples(extent, extent), min_size=3, max_size=8))
        hull = shapely.convex_hull(shapely.MultiPoint([(X0 + x + a, Y0 + y + b) for a, b in pts]))
        if shapely.get_type_id(hull) == 3 and shapely.area(hull) > 0.01:
            return hull
        return outer
    if kind == "holed":
        return shapely.Polygon(shapely.get_coordinates(shapely.get_exterior_ring(outer)),
                               [shapely.get_coordinates(shapely.get_exterior_ring(
                                   shapely.box(X0 + x + w / 4, Y0 + y + h / 4, X0 + x + w / 2, Y0 + y + h / 2)))])
    if kind == "concave":
        return shapely.difference(outer, shapely.box(X0 + x + w / 2, Y0 + y + h / 2, X0 + x + w, Y0 + y + h))
    if kind == "multi":
        dx = draw(extent)
        other = shapely.box(X0 + x + w + dx, Y0 + y, X0 + x + 2 * w + dx, Y0 + y + h / 2)
        return shapely.MultiPolygon([outer, other])
    return outer


@st.composite
def zoning(draw):
    """Zones that tile the square (Voronoi cells of random seeds), perhaps with one removed (an
    unzoned gap) and perhaps with one extra zone overlapping the others (a digitising error)."""
    seeds = draw(st.lists(st.tuples(st.floats(0, SIZE), st.floats(0, SIZE)), min_size=1, max_size=12,
                          unique=True))
    square = shapely.box(X0, Y0, X0 + SIZE, Y0 + SIZE)
    if len(seeds) == 1:
        cells = [square]
    else:
        points = shapely.MultiPoint([(X0 + a, Y0 + b) for a, b in seeds])
        cells = [shapely.intersection(c, square) for c in shapely.get_parts(
            shapely.voronoi_polygons(points, extend_to=square))]
        cells = [c for c in cells if shapely.get_type_id(c) == 3 and shapely.area(c) > 0]
    if len(cells) > 1 and draw(st.booleans()):
        cells.pop(draw(st.integers(0, len(cells) - 1)))
    if draw(st.booleans()):
        x, y, w, h = draw(coordinate), draw(coordinate), draw(extent), draw(extent)
        cells.append(shapely.box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h))
    return cells


def rows_of(result, p):
    """{zones key: area} of parcel p (a global index of the run)."""
    return {result.zones[i]: float(result.area_m2[i]) for i in result.pieces_of(p)}


def assert_same_rows(a, b):
    assert set(a) == set(b)
    for key in a:
        assert a[key] == pytest.approx(b[key], abs=AREA_TOL), key


@SETTINGS
@given(parcels=st.lists(parcel(), min_size=1, max_size=12), zones=zoning(), data=st.data())
def test_a_parcels_rows_do_not_depend_on_its_batch(parcels, zones, data):
    whole = overlay.overlay(parcels, zones, keep_geometry=False, workers=1)
    subset = sorted(data.draw(st.sets(st.integers(0, len(parcels) - 1), min_size=1)))
    part = overlay.overlay([parcels[i] for i in subset], zones, keep_geometry=False, workers=1)
    for local, i in enumerate(subset):
        assert_same_rows(rows_of(part, local), rows_of(whole, i))
    alone_index = data.draw(st.integers(0, len(parcels) - 1))
    for keep_geometry in (False, True):
        alone = overlay.overlay([parcels[alone_index]], zones, keep_geometry=keep_geometry, workers=1)
        assert_same_rows(rows_of(alone, 0), rows_of(whole, alone_index))
    threaded = overlay.overlay(parcels, zones, keep_geometry=True, workers=2, block_size=2)
    for i in range(len(parcels)):
        assert_same_rows(rows_of(threaded, i), rows_of(whole, i))


@SETTINGS
@given(parcels=st.lists(parcel(), min_size=1, max_size=8), zones=zoning(), keep_geometry=st.booleans())
def test_pieces_add_up_to_the_parcel(parcels, zones, keep_geometry):
    result = overlay.overlay(parcels, zones, keep_geometry=keep_geometry, workers=1)
    zone_union = shapely.union_all(zones)
    for p, geometry in enumerate(parcels):
        ids = result.pieces_of(p)
        area = shapely.area(geometry)
        assert result.parcel_area_m2[p] == pytest.approx(area, abs=AREA_TOL)
        assert result.area_m2[ids].sum() == pytest.approx(area, abs=AREA_TOL)
        assert result.share_pct[ids].sum() == pytest.approx(100.0, abs=0.01)
        zoned = sum(result.area_m2[i] for i in ids if result.zones[i])
        assert zoned <= area + AREA_TOL
        # the zoned part is the parcel's intersection with the zones, the rest is unzoned
        assert zoned == pytest.approx(shapely.area(shapely.intersection(geometry, zone_union)), abs=1e-5)
        unzoned = [i for i in ids if not result.zones[i]]
        assert len(unzoned) <= 1
        for i in ids:
            key = result.zones[i]
            assert result.area_m2[i] > overlay.NOISE_M2
            if len(key) == 1 and not any(a == key[0] or b == key[0] for a, b, _ in result.zone_overlaps):
                truth = shapely.area(shapely.intersection(geometry, zones[key[0]]))
                assert result.area_m2[i] == pytest.approx(truth, abs=1e-5)
            if keep_geometry:
                assert shapely.area(result.geometry[i]) == pytest.approx(result.area_m2[i], abs=1e-5)


@SETTINGS
@given(x=coordinate, y=coordinate, w=extent, h=extent, multipart=st.booleans())
def test_a_parcel_wholly_inside_one_zone_has_one_row(x, y, w, h, multipart):
    """The everyday certificate: one parcel, one zone, 100 %, nothing unzoned (alone and in a batch
    where no parcel crosses a zone edge)."""
    geometry = shapely.box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)
    if multipart:
        geometry = shapely.MultiPolygon([geometry, shapely.box(X0 + x + w + 1.3, Y0 + y, X0 + x + w + 2.9,
                                                               Y0 + y + h)])
    zone = shapely.box(X0 - 500, Y0 - 500, X0 + 800, Y0 + 800)
    far_zone = shapely.box(X0 + 900, Y0, X0 + 1000, Y0 + 100)
    for keep_geometry in (False, True):
        result = overlay.overlay([geometry], [zone, far_zone], keep_geometry=keep_geometry, workers=1)
        assert result.zones == [(0,)]
        assert result.area_m2[0] == pytest.approx(shapely.area(geometry), abs=AREA_TOL)
        assert result.share_pct[0] == pytest.approx(100.0, abs=1e-9)
