"""core.assign.largest_overlap: each property goes to the community it shares most area with."""

import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_gis.core.assign import largest_overlap


def test_by_hand():
    west, east = shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)
    straddling = shapely.box(90, 10, 130, 20)   # 100 m² west, 300 m² east
    outside = shapely.box(500, 500, 510, 510)
    assert largest_overlap([straddling, outside, None, shapely.box(10, 10, 20, 20)], [west, None, east],
                           ["Δυτική", "χωρίς γεωμετρία", "Ανατολική"]) == ["Ανατολική", "", "", "Δυτική"]
    assert largest_overlap([straddling], [], []) == [""]


boxes = st.tuples(st.integers(0, 90), st.integers(0, 90), st.integers(1, 40), st.integers(1, 40)).map(
    lambda b: shapely.box(b[0], b[1], b[0] + b[2], b[1] + b[3]))


@settings(max_examples=150, deadline=None)
@given(st.lists(boxes, min_size=1, max_size=6), st.lists(boxes, min_size=0, max_size=6))
def test_the_chosen_zone_shares_the_most_area(zones, targets):
    names = [f"z{i}" for i in range(len(zones))]
    chosen = largest_overlap(targets, zones, names)
    for target, name in zip(targets, chosen):
        shared = [shapely.intersection(target, zone).area for zone in zones]
        touching = [z for z, zone in zip(names, zones) if shapely.intersects(target, zone)]
        if not touching:
            assert name == ""
        else:
            assert name in touching
            assert shared[names.index(name)] == max(shared)
