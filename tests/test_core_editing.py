"""Split and merge invariants (property-based) of municipal_gis.core.editing."""

from __future__ import annotations

import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, box

from municipal_gis.core.editing import EditError, allocate_area, check_children, merge_polygons, split_polygon


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # the machine is shared
@given(st.floats(0, 1e6, allow_nan=False), st.lists(st.floats(0, 1e5, allow_nan=False), min_size=1, max_size=8))
@example(1.5, [5e-324])
def test_allocation_adds_up_exactly_and_is_proportional(total, weights):
    parts = allocate_area(total, weights)
    assert round(sum(parts) * 100) == round(total * 100)
    assert all(p >= 0 for p in parts)
    whole = sum(weights)
    if whole > 0:
        for part, weight in zip(parts, weights):
            # the share first: total × weight underflows for tiny weights (1.5 × 5e-324 / 5e-324 is 1.0)
            assert abs(part - total * (weight / whole)) <= 0.01 + 1e-9


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(w=st.floats(5, 200), h=st.floats(5, 200), t=st.floats(0.1, 0.9), skew=st.floats(-0.4, 0.4),
       registered=st.floats(10, 50000))
def test_split_children_reconcile_with_parent(w, h, t, skew, registered):
    parent = box(0, 0, w, h)
    x = w * t
    line = LineString([(x - skew * w * 0.1, -1), (x + skew * w * 0.1, h + 1)])
    try:
        pieces = split_polygon(parent, line)
    except EditError as exc:
        assert exc.code == "line_does_not_split"
        return
    areas = allocate_area(registered, [p.area for p in pieces])
    assert check_children(parent, round(registered, 2), pieces, areas, block=box(-1, -1, w + 1, h + 1)) == []
    merged = merge_polygons(pieces)
    assert shapely.area(shapely.symmetric_difference(merged, parent)) < 1e-6
    assert pieces[0].centroid.x < pieces[1].centroid.x


def test_split_refuses_a_line_that_misses_and_merge_refuses_apart():
    with pytest.raises(EditError, match="line_does_not_split"):
        split_polygon(box(0, 0, 10, 10), LineString([(20, 0), (20, 10)]))
    with pytest.raises(EditError, match="not_adjacent"):
        merge_polygons([box(0, 0, 1, 1), box(5, 5, 6, 6)])


def test_duplicated_registered_area_and_outside_block_are_reported():
    parent = box(0, 0, 20, 10)
    halves = [box(0, 0, 10, 10), box(10, 0, 20, 10)]
    problems = check_children(parent, 200.0, halves, [200.0, 200.0], block=box(0, 0, 15, 10))
    assert [(p.rule, p.index, round(p.amount, 2)) for p in problems] == [("area_sum", -1, 200.0),
                                                                           ("outside_block", 1, 50.0)]


def test_commit_check_finds_the_sample_problems_of_the_issue():
    from municipal_gis.core.editing import EditedParcel, check_parcel_edit

    block = box(0, 0, 60, 20)
    neighbour = box(20, 0, 40, 20)
    # a vertex moved: the parcel now overlaps its neighbour by 110.7 m² (20 × 5.535)
    moved = EditedParcel("400160403001", box(0, 0, 25.535, 20), 400.0, "12", box(0, 0, 20, 20), 400.0)
    found = check_parcel_edit([moved], ["400160403002"], [neighbour], ["12"], [block], taken_kaeks={"400160403002"})
    assert [(v.rule, v.kaek, v.other, round(v.area_m2, 1)) for v in found] == \
        [("overlap", "400160403001", "400160403002", 110.7)]
    # QGIS's split tool: both halves keep the full registered area, the new one a bad ΚΑΕΚ
    left = EditedParcel("400160403003", box(40, 0, 50, 20), 400.0, "12", box(40, 0, 60, 20), 400.0)
    right = EditedParcel("400160403003_1", box(50, 0, 60, 20), 400.0, "12")
    found = check_parcel_edit([left, right], ["400160403002"], [neighbour], ["12"], [block])
    assert [(v.rule, v.kaek) for v in found] == [("kaek_format", "400160403003_1"),
                                                 ("area_duplicated", "400160403003")]
    # shrinking opens a gap inside the block; growing leaves it
    shrunk = EditedParcel("400160403003", box(40, 0, 55, 20), 400.0, "12", box(40, 0, 60, 20), 400.0)
    outside = EditedParcel("400160403004", box(58, 0, 62, 20), 80.0, "12")
    found = check_parcel_edit([shrunk, outside], ["400160403002"], [neighbour], ["12"], [block])
    assert [(v.rule, v.kaek, round(v.area_m2, 2)) for v in found] == [("outside_block", "400160403004", 40.0),
                                                                       ("gap", "400160403003", 60.0)]
