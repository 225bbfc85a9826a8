"""Partition checks (parcels inside city blocks): the vectorised `partition_defects` against a plain
reference (intersection of every pair whose boxes meet, union of every block), on hand-made and
random partitions with planted overlaps, gaps, invalid, empty and missing geometries."""

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

from municipal_gis.core.topology import assign_to_blocks, partition_defects

X0, Y0 = 455_000.0, 4_540_000.0


def reference_defects(parcels, blocks, tolerance_m2):
    """The definition, written plainly: every intersecting pair's intersection, every block's union."""
    parcels = np.asarray(parcels, dtype=object)
    blocks = np.asarray(blocks, dtype=object)
    ok = np.array([g is not None and not g.is_empty and g.is_valid for g in parcels], dtype=bool)
    clean = parcels.copy()
    clean[~ok] = None
    found = []
    for i in np.flatnonzero(ok):
        for j in np.flatnonzero(ok):
            if i < j and clean[i].intersects(clean[j]):
                area = clean[i].intersection(clean[j]).area
                if area > tolerance_m2:
                    found.append(("overlap", int(i), int(j), area))
    owner = assign_to_blocks(clean, blocks)
    for b, block in enumerate(blocks):
        if block is None or block.is_empty or not block.is_valid:
            continue
        members = [clean[i] for i in np.flatnonzero(owner == b)]
        covered = shapely.union_all(members) if members else Polygon()
        area = block.difference(covered).area
        if area > tolerance_m2:
            found.append(("gap", b, -1, area))
    return sorted(found)


def as_rows(defects):
    return sorted((d.kind, d.index, d.other, d.area_m2) for d in defects)


def assert_same(parcels, blocks, tolerance):
    ours, ref = as_rows(partition_defects(parcels, blocks, tolerance)), reference_defects(parcels, blocks, tolerance)
    assert [r[:3] for r in ours] == [r[:3] for r in ref]
    for a, b in zip(ours, ref):
        assert a[3] == pytest.approx(b[3], abs=1e-6)


def test_hand_made_block():
    """A 40 × 20 m block of two 20 × 20 m parcels; the second moved 1 m west (20 m² overlap,
    20 m² gap on the east side), a third parcel only touching the block from outside."""
    block = box(X0, Y0, X0 + 40, Y0 + 20)
    parcels = np.array([box(X0, Y0, X0 + 20, Y0 + 20), box(X0 + 19, Y0, X0 + 39, Y0 + 20),
                        box(X0 + 40, Y0, X0 + 60, Y0 + 20)], dtype=object)
    rows = as_rows(partition_defects(parcels, np.array([block], dtype=object), 0.01))
    assert [r[:3] for r in rows] == [("gap", 0, -1), ("overlap", 0, 1, )]
    assert rows[0][3] == pytest.approx(20.0) and rows[1][3] == pytest.approx(20.0)


def test_clean_partition_has_no_defects_and_tolerance_zero_agrees():
    block = box(X0, Y0, X0 + 100, Y0 + 100)
    parcels = np.array(list(shapely.box(X0 + 10 * np.arange(10), Y0, X0 + 10 * np.arange(1, 11), Y0 + 100)),
                       dtype=object)
    assert partition_defects(parcels, np.array([block], dtype=object), 0.01) == []
    assert_same(parcels, np.array([block], dtype=object), 0.0)


@st.composite
def partitions(draw):
    nb = draw(st.integers(1, 3))  # blocks in a row, each split into a k × k grid of parcels
    k = draw(st.integers(1, 4))
    size = 12.0
    seed = draw(st.integers(0, 2 ** 31 - 1))
    rng = np.random.default_rng(seed)
    blocks, parcels = [], []
    for b in range(nb):
        bx = X0 + b * k * size
        blocks.append(box(bx, Y0, bx + k * size, Y0 + k * size))
        for i in range(k):
            for j in range(k):
                parcels.append(box(bx + j * size, Y0 + i * size, bx + (j + 1) * size, Y0 + (i + 1) * size))
    parcels = np.array(parcels, dtype=object)
    for idx in rng.choice(len(parcels), size=min(len(parcels), draw(st.integers(0, 4))), replace=False):
        kind = draw(st.sampled_from(["shift", "shrink", "drop", "none", "empty", "bowtie", "tiny", "outside", "duplicate", "inner"]))
        minx, miny, maxx, maxy = parcels[idx].bounds
        d = draw(st.sampled_from([0.0005, 0.3, 2.5]))
        if kind == "shift":
            parcels[idx] = box(minx + d, miny, maxx + d, maxy)
        elif kind == "shrink":
            parcels[idx] = box(minx, miny, maxx - d, maxy)
        elif kind == "drop":
            parcels = np.delete(parcels, idx) if idx < len(parcels) else parcels
            break
        elif kind == "none":
            parcels[idx] = None
        elif kind == "empty":
            parcels[idx] = Polygon()
        elif kind == "bowtie":
            parcels[idx] = Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])
        elif kind == "tiny":
            parcels[idx] = box(minx, miny, maxx + d, maxy)  # grows into the neighbour (or out of the block)
        elif kind == "duplicate":  # the same parcel digitised twice: one lies within the other
            parcels = np.append(parcels, np.array([parcels[idx]], dtype=object))
        elif kind == "inner":  # a small parcel drawn inside a bigger one
            parcels = np.append(parcels, np.array([box(minx + 1, miny + 1, minx + 1 + d, miny + 1 + d)], dtype=object))
        elif kind == "outside":
            parcels[idx] = box(minx - d, miny - d, maxx, maxy)
    tolerance = draw(st.sampled_from([0.0, 0.01, 1.0]))
    return parcels, np.array(blocks, dtype=object), tolerance


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partitions())
def test_vectorised_defects_equal_the_plain_definition(case):
    parcels, blocks, tolerance = case
    assert_same(parcels, blocks, tolerance)
