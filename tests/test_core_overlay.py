"""Parcel × zone overlay and building terms on hand-computable cases (no QGIS).

Coordinates sit at realistic ΕΓΣΑ87 values (Serres) so that floating-point behaviour is the one of
real data; areas are compared to the square centimetre (1e-4 m²).
"""

import datetime as dt

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiPolygon, Polygon, box

from municipal_gis.core import building_terms, overlay

X0, Y0 = 462_000.0, 4_548_000.0
CM2 = 1e-4


def sq(x0, y0, x1, y1):
    return box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


PARCEL = sq(0, 0, 10, 10)  # 100 m²


def pieces(result, p=0):
    """{zone key: area} of parcel p."""
    return {result.zones[i]: result.area_m2[i] for i in result.pieces_of(p)}


def assert_areas(got, expected):
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=CM2), key


def assert_shares_sum(result):
    for p in np.unique(result.parcel):
        assert result.share_pct[result.parcel == p].sum() == pytest.approx(100.0, abs=1e-6)


def test_fully_inside_one_zone():
    result = overlay.overlay([PARCEL], [sq(-50, -50, 50, 50), sq(50, -50, 90, 50)])
    assert_areas(pieces(result), {(0,): 100.0})
    assert result.share_pct[0] == pytest.approx(100.0)
    assert not result.sliver.any()


def test_split_in_two():
    result = overlay.overlay([PARCEL], [sq(-50, -50, 4, 50), sq(4, -50, 50, 50)])
    assert_areas(pieces(result), {(0,): 40.0, (1,): 60.0})
    assert_shares_sum(result)
    # sorted by decreasing area
    assert list(result.zone) == [1, 0]


def test_touching_only_on_an_edge_makes_no_piece():
    result = overlay.overlay([PARCEL], [sq(-50, -50, 10, 50), sq(10, -50, 50, 50)])
    assert_areas(pieces(result), {(0,): 100.0})


def test_sliver_is_kept_and_flagged():
    # zone boundary 5 cm inside the parcel: a 0.5 m² piece
    result = overlay.overlay([PARCEL], [sq(-50, -50, 9.95, 50), sq(9.95, -50, 50, 50)],
                             sliver_abs_m2=1.0, sliver_pct=0.5)
    assert_areas(pieces(result), {(0,): 99.5, (1,): 0.5})
    flags = dict(zip(result.zone, result.sliver))
    assert flags == {0: False, 1: True}
    assert_shares_sum(result)
    # with a lower threshold it is not a sliver
    result = overlay.overlay([PARCEL], [sq(-50, -50, 9.95, 50), sq(9.95, -50, 50, 50)],
                             sliver_abs_m2=0.1, sliver_pct=0.1)
    assert not result.sliver.any()


def test_partly_unzoned():
    result = overlay.overlay([PARCEL], [sq(-50, -50, 7, 50)])
    assert_areas(pieces(result), {(0,): 70.0, (): 30.0})
    assert_shares_sum(result)
    assert list(result.zone) == [0, -1]
    rest = result.geometry[1]
    assert shapely.equals(shapely.normalize(rest), shapely.normalize(sq(7, 0, 10, 10)))


def test_no_zone_at_all():
    result = overlay.overlay([PARCEL], [sq(100, 100, 200, 200)])
    assert_areas(pieces(result), {(): 100.0})


def test_multipart_parcel():
    parcel = MultiPolygon([sq(0, 0, 10, 10), sq(20, 0, 30, 10)])  # 200 m²
    zones = [sq(-5, -5, 12, 15), sq(20, -5, 25, 15)]
    result = overlay.overlay([parcel], zones)
    assert_areas(pieces(result), {(0,): 100.0, (1,): 50.0, (): 50.0})
    assert result.parcel_area_m2[0] == pytest.approx(200.0)
    shares = dict(zip(result.zones, result.share_pct))
    assert shares[(0,)] == pytest.approx(50.0) and shares[()] == pytest.approx(25.0)


def test_zone_overlap_is_its_own_piece_not_double_counted():
    zones = [sq(-50, -50, 6, 50), sq(4, -50, 50, 50)]  # overlap on 4 <= x <= 6
    result = overlay.overlay([PARCEL], zones)
    assert_areas(pieces(result), {(0,): 40.0, (1,): 40.0, (0, 1): 20.0})
    assert_shares_sum(result)
    assert result.overlap.sum() == 1
    assert result.zone[result.overlap][0] == -2
    assert len(result.zone_overlaps) == 1 and result.zone_overlaps[0][:2] == (0, 1)
    assert result.zone_overlaps[0][2] == pytest.approx(200.0, abs=CM2)


def test_zone_overlap_with_unzoned_remainder_and_third_zone():
    zones = [sq(-50, -50, 6, 5), sq(4, -50, 8, 5), sq(0, 5, 3, 50)]
    result = overlay.overlay([PARCEL], zones)
    # zone 0 only: 4×5=20, zone 1 only: 2×5=10, overlap: 2×5=10, zone 2: 3×5=15, unzoned: 45
    assert_areas(pieces(result), {(0,): 20.0, (1,): 10.0, (0, 1): 10.0, (2,): 15.0, (): 45.0})
    assert_shares_sum(result)


def test_invalid_parcel_is_repaired_and_reported():
    bowtie = Polygon([(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10)])
    assert not bowtie.is_valid
    result = overlay.overlay([bowtie, PARCEL], [sq(-50, -50, 50, 50)])
    assert_areas(pieces(result, 0), {(0,): 50.0})  # two 25 m² triangles
    assert len(result.repairs) == 1
    repair = result.repairs[0]
    assert repair.kind == "parcel" and repair.index == 0 and repair.repaired
    assert "Self-intersection" in repair.reason
    assert repair.area_after == pytest.approx(50.0)
    assert not shapely.is_valid(bowtie)  # input not modified


def test_missing_and_unusable_geometries_reported():
    line_like = Polygon([(X0, Y0), (X0 + 10, Y0), (X0 + 20, Y0)])  # zero-area ring
    result = overlay.overlay([None, line_like, PARCEL], [sq(-50, -50, 50, 50), None])
    kinds = {(r.kind, r.index, r.repaired) for r in result.repairs}
    assert ("parcel", 0, False) in kinds and ("parcel", 1, False) in kinds and ("zone", 1, False) in kinds
    assert list(np.unique(result.parcel)) == [2]
    assert np.isnan(result.parcel_area_m2[0])


def test_as_of_filter():
    valid_from = [dt.date(2000, 1, 1), dt.date(2020, 6, 1), None]
    valid_to = [dt.date(2020, 6, 1), None, None]
    assert list(overlay.valid_on(valid_from, valid_to, dt.date(2019, 1, 1))) == [True, False, True]
    assert list(overlay.valid_on(valid_from, valid_to, dt.date(2020, 6, 1))) == [False, True, True]
    assert list(overlay.valid_on(valid_from, valid_to, "2021-01-01")) == [False, True, True]
    # the old and new versions of a zone overlap in space, but never on the same date
    zones = [sq(-50, -50, 50, 50), sq(-50, -50, 5, 50)]
    mask = overlay.valid_on(valid_from[:2], valid_to[:2], dt.date(2021, 1, 1))
    result = overlay.overlay([PARCEL], zones, zone_active=mask)
    assert_areas(pieces(result), {(1,): 50.0, (): 50.0})
    assert result.zone_overlaps == []


def test_registered_share():
    result = overlay.overlay([PARCEL, sq(20, 0, 30, 10)], [sq(-50, -50, 4, 50), sq(4, -50, 50, 50)],
                             registered_area=[125.0, None])
    got = {(int(p), z): s for p, z, s in zip(result.parcel, result.zone, result.share_registered_pct)}
    assert got[(0, 0)] == pytest.approx(32.0) and got[(0, 1)] == pytest.approx(48.0)
    assert np.isnan(got[(1, 1)])


def brute_force_pieces(parcel, zones):
    """{zone key: area} of one parcel by intersecting it with every zone (zones must not overlap)."""
    expected = {}
    for z, zone in enumerate(zones):
        a = shapely.area(shapely.intersection(parcel, zone))
        if a > overlay.NOISE_M2:
            expected[(z,)] = a
    rest = parcel.area - sum(expected.values())
    if rest > overlay.NOISE_M2:
        expected[()] = rest
    return expected


def test_random_voronoi_against_brute_force():
    rng = np.random.default_rng(3)
    pts = shapely.points(rng.uniform(0, 400, (300, 2)) + [X0, Y0])
    frame = box(X0, Y0, X0 + 400, Y0 + 400)
    parcels = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame))
    parcels = shapely.intersection(parcels, frame)
    zpts = shapely.points(rng.uniform(0, 400, (12, 2)) + [X0, Y0])
    zones = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(zpts), extend_to=frame))
    zones = shapely.intersection(zones, box(X0 + 20, Y0 + 20, X0 + 380, Y0 + 380))  # leave a margin unzoned
    result = overlay.overlay(parcels, zones)
    assert_shares_sum(result)
    for p in range(len(parcels)):
        assert_areas(pieces(result, p), brute_force_pieces(parcels[p], zones))
    # areas only (no pieces built) gives the same pieces and flags
    table = overlay.overlay(parcels, zones, keep_geometry=False)
    assert table.zones == result.zones and np.array_equal(table.parcel, result.parcel)
    np.testing.assert_allclose(table.area_m2, result.area_m2, rtol=0, atol=1e-6)
    assert np.array_equal(table.sliver, result.sliver) and all(g is None for g in table.geometry)
    assert all(shapely.area(g) == pytest.approx(a, abs=1e-6) for g, a in zip(result.geometry, result.area_m2))


def test_concave_zones_and_a_zone_with_a_hole_against_brute_force():
    # zones that are not convex take the corner (reflex) and GEOS paths of the overlay too
    rng = np.random.default_rng(5)
    frame = box(X0, Y0, X0 + 300, Y0 + 300)
    pts = shapely.multipoints(rng.uniform(0, 300, (400, 2)) + [X0, Y0])
    parcels = shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=frame)), frame)
    zpts = shapely.multipoints(rng.uniform(0, 300, (30, 2)) + [X0, Y0])
    cells = shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(zpts, extend_to=frame)),
                                 box(X0 + 15, Y0 + 15, X0 + 285, Y0 + 285))
    zones = [shapely.union_all(cells[i:i + 2]) for i in range(0, len(cells), 2)]  # concave zones
    zones[1] = shapely.difference(zones[1], zones[1].centroid.buffer(12.0))  # and one with a hole
    for keep_geometry in (True, False):
        result = overlay.overlay(parcels, zones, keep_geometry=keep_geometry)
        for p in range(len(parcels)):
            assert_areas(pieces(result, p), brute_force_pieces(parcels[p], zones))
        if keep_geometry:
            for g, a in zip(result.geometry, result.area_m2):
                assert shapely.area(g) == pytest.approx(a, abs=1e-6)


def test_areas_only_with_overlaps_unzoned_parts_and_touching_zones():
    parcels = [sq(0, 0, 10, 10), sq(20, 0, 30, 10), sq(40, 0, 50, 10), sq(60, 0, 70, 10)]
    zones = [
        sq(-10, -10, 4, 20),     # parcel 0: 4 m | 6 m, fully zoned
        sq(4, -10, 25, 20),      # parcel 1: 5 m here, 5 m unzoned
        sq(45, -10, 58, 20),     # parcel 2: half, overlaps the next zone on x 55–58
        sq(55, -10, 70, 20),     # parcel 3 wholly inside (touches the next zone along x = 70)
        sq(70, -10, 80, 20),
    ]
    full = overlay.overlay(parcels, zones)
    table = overlay.overlay(parcels, zones, keep_geometry=False)
    assert full.zones == table.zones
    np.testing.assert_allclose(table.area_m2, full.area_m2, rtol=0, atol=1e-6)
    assert_areas(pieces(table, 0), {(0,): 40.0, (1,): 60.0})
    assert_areas(pieces(table, 1), {(1,): 50.0, (): 50.0})
    assert_areas(pieces(table, 2), {(2,): 50.0, (): 50.0})
    assert_areas(pieces(table, 3), {(3,): 100.0})
    assert_shares_sum(table)


def test_piece_terms():
    floor, footprint = building_terms.piece_terms([40.0, 60.0, 10.0], [0.8, 1.6, None], [60, 70, 50])
    assert floor[0] == pytest.approx(32.0) and floor[1] == pytest.approx(96.0) and np.isnan(floor[2])
    assert footprint[0] == pytest.approx(24.0) and footprint[1] == pytest.approx(42.0)
    assert footprint[2] == pytest.approx(5.0)


def test_frontage_counts_only_the_side_along_the_street():
    streets = [LineString([(X0 - 20, Y0), (X0 + 30, Y0)])]  # along the south side
    lengths = building_terms.frontage([PARCEL, sq(0, 20, 10, 30), None], streets, tolerance_m=0.5)
    assert lengths[0] == pytest.approx(10.0, abs=1e-6)
    assert lengths[1] == 0.0
    assert np.isnan(lengths[2])
    # corner parcel: two streets; a street ending half-way counts only its part
    streets.append(LineString([(X0 + 10.2, Y0 - 5), (X0 + 10.2, Y0 + 4)]))
    lengths = building_terms.frontage([PARCEL], streets, tolerance_m=0.5)
    assert lengths[0] == pytest.approx(10.0 + 4.0, abs=1e-6)  # flat end at y = 4


def test_conformity():
    c = building_terms.conformity(100.0, [80.0, 120.0, None], [None], frontage_m=None)
    assert c.min_plot_area_m2 == 120.0 and c.meets_area is False and c.meets_frontage is None
    assert c.conforming is False
    c = building_terms.conformity(150.0, [120.0], [8.0], frontage_m=10.0)
    assert c.meets_area and c.meets_frontage and c.conforming
    assert building_terms.conformity(150.0, [None], [None]).conforming is None


def _same_rows(a, b):
    assert np.array_equal(a.parcel, b.parcel) and a.zones == b.zones and np.array_equal(a.zone, b.zone)
    assert np.array_equal(a.area_m2, b.area_m2)  # bit for bit: the same GEOS calls on the same pairs
    assert np.array_equal(a.share_pct, b.share_pct) and np.array_equal(a.sliver, b.sliver)
    np.testing.assert_array_equal(a.share_registered_pct, b.share_registered_pct)  # NaN where unknown
    assert len(a.geometry) == len(b.geometry)
    for g, h in zip(a.geometry, b.geometry):
        assert (g is None and h is None) or shapely.equals_exact(g, h, tolerance=0.0)
    assert a.zone_overlaps == b.zone_overlaps and a.repairs == b.repairs
    np.testing.assert_array_equal(a.parcel_area_m2, b.parcel_area_m2)


@pytest.mark.parametrize("keep_geometry", [True, False])
def test_threads_and_blocks_give_the_same_rows_as_one_thread(keep_geometry):
    rng = np.random.default_rng(7)
    frame = box(X0, Y0, X0 + 600, Y0 + 600)
    pts = shapely.multipoints(rng.uniform(0, 600, (1500, 2)) + [X0, Y0])
    parcels = list(shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=frame)), frame))
    zpts = shapely.multipoints(rng.uniform(0, 600, (40, 2)) + [X0, Y0])
    zones = list(shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(zpts, extend_to=frame)),
                                      box(X0 + 25, Y0 + 25, X0 + 575, Y0 + 575)))  # unzoned margin
    zones.append(sq(100, 100, 260, 180))  # overlaps several zones: the per-parcel path
    zones.append(sq(300, 300, 330, 330))  # not in force
    parcels[3] = Polygon([(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10)])  # bow-tie: repaired
    parcels[5] = None
    active = np.ones(len(zones), dtype=bool)
    active[-1] = False
    registered = [None if i % 7 == 0 else float(shapely.area(g) * 1.01) if g is not None else None
                  for i, g in enumerate(parcels)]
    options = dict(registered_area=registered, zone_active=active, keep_geometry=keep_geometry)

    one = overlay.overlay(parcels, zones, workers=1, **options)
    assert len(one.zone_overlaps) > 0 and any(len(z) > 1 for z in one.zones) and () in one.zones
    assert any(r.index == 3 and r.repaired for r in one.repairs)
    for workers, block_size in ((2, None), (2, 97), (3, 500), (1, 211)):
        _same_rows(one, overlay.overlay(parcels, zones, workers=workers, block_size=block_size, **options))
    # the blocks, consumed one by one, are the same rows too, in parcel order
    blocked = overlay.overlay_in_blocks(parcels, zones, workers=2, block_size=300, **options)
    parts = list(blocked.blocks())
    assert len(parts) == 5
    assert all(p.parcel.min() >= lo and p.parcel.max() < hi for p, (lo, hi) in zip(parts, blocked.spans()))
    _same_rows(one, blocked.concat(parts))
    assert_shares_sum(one)


def test_empty_inputs_in_blocks():
    result = overlay.overlay([], [sq(0, 0, 10, 10)], workers=2)
    assert len(result) == 0 and result.zones == []
    result = overlay.overlay([PARCEL], [], workers=2)
    assert result.zones == [()] and result.area_m2[0] == pytest.approx(100.0, abs=CM2)


def test_zone_index_matches_the_zone_keys():
    zones = [sq(-10, -10, 4, 20), sq(2, -10, 25, 20)]  # overlap on x 2–4
    result = overlay.overlay([PARCEL, sq(30, 0, 40, 10)], zones)
    expected = [z[0] if len(z) == 1 else (-1 if not z else -2) for z in result.zones]
    assert result.zone.tolist() == expected and -2 in expected and -1 in expected
    assert result.overlap.tolist() == [len(z) > 1 for z in result.zones]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 100_000), n_parcels=st.integers(1, 150), n_zones=st.integers(1, 9),
       sliver_m2=st.sampled_from([0.0, 1.0, 50.0]), sliver_pct=st.sampled_from([0.0, 0.5, 10.0]))
def test_result_from_areas_gives_the_rows_of_the_overlay(seed, n_parcels, n_zones, sliver_m2, sliver_pct):
    """The rows the PostGIS path builds from (parcel, zone, area) rows and the parcels' areas are the
    overlay's own: same pieces in the same order, unzoned rests, shares, title shares and slivers."""
    rng = np.random.default_rng(seed)
    side = 20.0 * np.sqrt(n_parcels)
    frame = box(X0, Y0, X0 + side, Y0 + side)
    cells = lambda n: list(shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(  # noqa: E731
        shapely.multipoints(rng.uniform(0, side, (n + 2, 2)) + [X0, Y0]), extend_to=frame)), frame))[:n]
    parcels = cells(n_parcels)
    zones = shapely.intersection(cells(n_zones), box(X0 + 5, Y0 + 5, X0 + side - 5, Y0 + side - 5))
    registered = [None if i % 3 == 0 else float(rng.uniform(-10, 500)) for i in range(len(parcels))]
    options = dict(registered_area=registered, sliver_abs_m2=sliver_m2, sliver_pct=sliver_pct)
    expected = overlay.overlay(parcels, zones, keep_geometry=False, **options)
    zoned = expected.zone >= 0
    got = overlay.result_from_areas(expected.parcel[zoned], expected.zone[zoned], expected.area_m2[zoned],
                                    shapely.area(np.asarray(parcels, dtype=object)), **options)
    assert np.array_equal(got.parcel, expected.parcel) and got.zones == expected.zones
    np.testing.assert_allclose(got.area_m2, expected.area_m2, rtol=0, atol=1e-6)
    np.testing.assert_allclose(got.share_pct, expected.share_pct, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(got.share_registered_pct, expected.share_registered_pct, rtol=1e-9, atol=1e-9)
    assert np.array_equal(got.sliver, expected.sliver)
    assert all(g is None for g in got.geometry)
