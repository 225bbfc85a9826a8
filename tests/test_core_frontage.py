"""Frontage (πρόσωπο): the parcel boundary along the street space, however the streets are given.

Hand-made blocks with whole-metre answers, then every parcel of the sample municipality against an
independent GEOS computation.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
import shapely.affinity
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, box

from municipal_gis.core import building_terms as bt
from municipal_gis.core import sample

X0, Y0 = 462_000.0, 4_548_000.0


def sq(x0, y0, x1, y1):
    return box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


# One 30 × 20 block (x 0..30, y 0..20) between streets 10 m wide, cut into six 10 × 10 parcels
# in two back-to-back rows, plus one parcel in the middle of a 3 × 3 block with no street at all.
BLOCK = sq(0, 0, 30, 20)
PARCELS = [sq(0, 0, 10, 10), sq(10, 0, 20, 10), sq(20, 0, 30, 10),
           sq(0, 10, 10, 20), sq(10, 10, 20, 20), sq(20, 10, 30, 20)]
EXPECTED = [20.0, 10.0, 20.0, 20.0, 10.0, 20.0]  # corners front two streets, the middle ones one
CENTRELINES = [LineString([(X0 - 5, Y0 - 5), (X0 + 35, Y0 - 5)]), LineString([(X0 - 5, Y0 + 25), (X0 + 35, Y0 + 25)]),
               LineString([(X0 - 5, Y0 - 5), (X0 - 5, Y0 + 25)]), LineString([(X0 + 35, Y0 - 5), (X0 + 35, Y0 + 25)])]


def test_centrelines_alone_lie_half_a_street_away():
    """The bug: centrelines taken for street lines give every parcel 0 m."""
    assert list(bt.frontage(PARCELS, CENTRELINES, 0.5)) == [0.0] * 6


def test_centrelines_with_their_width():
    edges, method = bt.street_edges(CENTRELINES, widths_m=[10.0] * 4)
    assert method == bt.CENTRELINES
    np.testing.assert_allclose(bt.frontage(PARCELS, edges, 0.5), EXPECTED, atol=1e-6)


def test_street_polygons():
    streets = [sq(-10, -10, 40, 0), sq(-10, 20, 40, 30), sq(-10, -10, 0, 30), sq(30, -10, 40, 30)]
    edges, method = bt.street_edges(streets, streets_are_polygons=True)
    assert method == bt.STREET_POLYGONS
    np.testing.assert_allclose(bt.frontage(PARCELS, edges, 0.5), EXPECTED, atol=1e-6)


def test_city_blocks_preferred_to_centrelines_without_width():
    edges, method = bt.street_edges(CENTRELINES, blocks=[BLOCK])
    assert method == bt.BLOCKS
    np.testing.assert_allclose(bt.frontage(PARCELS, edges, 0.5), EXPECTED, atol=1e-6)


def test_two_blocks_touching_share_no_frontage():
    """Where two blocks touch, their common side is no street."""
    other = sq(30, 0, 60, 20)
    edges, _ = bt.street_edges(blocks=[BLOCK, other])
    lengths = bt.frontage(PARCELS, edges, 0.5)
    np.testing.assert_allclose(lengths, [20.0, 10.0, 10.0, 20.0, 10.0, 10.0], atol=1e-6)


def test_a_parcel_on_no_street():
    inner = sq(100, 0, 130, 30)  # a block of nine 10 × 10 parcels: the middle one has no street
    middle = sq(110, 10, 120, 20)
    edges, _ = bt.street_edges(blocks=[inner])
    assert bt.frontage([middle, sq(100, 0, 110, 10)], edges, 0.5).tolist() == pytest.approx([0.0, 20.0])


def test_a_street_vertex_along_a_parcel_side_counts_once():
    """A street line with a vertex in the middle of the parcel's side: both of its segments reach the
    side's middle, and the side still counts 10 m, not more nor less."""
    line = LineString([(X0 - 20, Y0), (X0 + 4, Y0), (X0 + 30, Y0)])
    assert bt.frontage([PARCELS[0]], [line], 0.5)[0] == pytest.approx(10.0, abs=1e-6)
    bent = LineString([(X0 - 20, Y0), (X0 + 4, Y0 + 0.2), (X0 + 30, Y0)])  # within the tolerance
    assert bt.frontage([PARCELS[0]], [bent], 0.5)[0] == pytest.approx(10.0, abs=1e-3)


@settings(max_examples=40, deadline=None)
@given(w=st.floats(4.0, 40.0), h=st.floats(4.0, 40.0), angle=st.floats(0.0, 180.0),
       cuts=st.integers(1, 6))
def test_rotated_block_of_strips(w, h, angle, cuts):
    """Any rotation: a block of `cuts` strips across its depth; the end strips front three streets
    (or all four when there is one strip), the others two (front and back)."""
    strips = [box(X0 + w * k / cuts, Y0, X0 + w * (k + 1) / cuts, Y0 + h) for k in range(cuts)]
    origin = (X0, Y0)
    strips = [shapely.affinity.rotate(s, angle, origin=origin) for s in strips]
    block = shapely.affinity.rotate(box(X0, Y0, X0 + w, Y0 + h), angle, origin=origin)
    edges, _ = bt.street_edges(blocks=[block])
    lengths = bt.frontage(strips, edges, 0.01)
    width = w / cuts
    if cuts == 1:
        expected = [2 * (w + h)]
    else:
        expected = [2 * width + h] + [2 * width] * (cuts - 2) + [2 * width + h]
    np.testing.assert_allclose(lengths, expected, atol=1e-6)


def test_sample_municipality_frontage_on_block_outlines():
    """Every parcel of the sample: frontage on the blocks' outline equals the length of its boundary
    on that outline computed by GEOS line overlay; parcels on one, two and no street all occur."""
    tables = sample.generate(3000, seed=1)
    parcels = np.array(tables["parcel"].geometries, dtype=object)
    blocks = [g for g in tables["city_block"].geometries if g is not None]
    edges, method = bt.street_edges(tables["street"].geometries, blocks=blocks)
    assert method == bt.BLOCKS
    lengths = bt.frontage(parcels, edges, 0.5)
    outline = shapely.boundary(shapely.union_all(blocks))
    truth = shapely.length(shapely.intersection(shapely.boundary(parcels), shapely.buffer(outline, 1e-6,
                                                                                          cap_style="flat")))
    # the independent truth includes the side stubs inside the 1e-6 band: at most 4e-6 m per corner
    np.testing.assert_allclose(lengths, truth, atol=1e-4)
    assert (lengths > 0).mean() > 0.9  # the sample's blocks are rows of frontage strips
    # how many sides of each parcel lie on the street line: one, two (corner), three (end of a row)
    band = shapely.buffer(outline, 1e-6, cap_style="flat")
    sides = []
    for geometry in parcels[:400]:
        ring = shapely.get_coordinates(shapely.get_exterior_ring(shapely.get_geometry(geometry, 0)))
        segs = shapely.linestrings(np.stack([ring[:-1], ring[1:]], axis=1))
        on_street = shapely.length(shapely.intersection(segs, band)) > 0.5 * shapely.length(segs)
        sides.append(int(on_street.sum()))
    assert {1, 2} <= set(sides)
