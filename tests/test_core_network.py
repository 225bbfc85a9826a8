"""Street network distances against hand-computed paths on a tiny grid."""

import numpy as np
import pytest
import shapely

from municipal_gis.core import network as net


def grid(n=3, step=100.0):
    lines = []
    for i in range(n + 1):
        lines.append(shapely.LineString([(0, i * step), (n * step, i * step)]))
        lines.append(shapely.LineString([(i * step, 0), (i * step, n * step)]))
    return lines


def test_grid_nodes_and_edges():
    g = net.StreetNetwork(grid())
    assert g.n_nodes == 16 and g.n_edges == 24
    assert g.length.sum() == pytest.approx(8 * 300)


def test_snapping_joins_near_endpoints():
    lines = [shapely.LineString([(0, 0), (100, 0)]), shapely.LineString([(100.3, 0.2), (100.3, 100)])]
    src = net.StreetNetwork(lines, snap_tol=0.5)
    a = src.attach(np.array([[0, 0]]))
    b = src.attach(np.array([[100.3, 100]]))
    d = src.distances_within(a, b, 1000).toarray()
    assert d[0, 0] == pytest.approx(200.0, abs=0.5)
    apart = net.StreetNetwork(lines, snap_tol=0.1)
    assert apart.distances_within(apart.attach(np.array([[0, 0]])), apart.attach(np.array([[100.3, 100]])),
                                  1000).nnz == 0


def test_distances_hand_computed():
    g = net.StreetNetwork(grid())
    src = g.attach(np.array([[50, -10]]))  # 10 m south of the street y=0, half-way along a block
    dst = g.attach(np.array([[250, 210], [50, 5], [0, 0], [300, 300]]))
    d = g.distances_within(src, dst, 1000).toarray()[0]
    # 10 access + 50 to (100,0) + 300 to (200,200) + 50 along + 10 access
    assert d[0] == pytest.approx(420.0)
    assert d[1] == pytest.approx(10 + 0 + 5)  # same segment: straight along it
    assert d[2] == pytest.approx(60.0)
    assert d[3] == pytest.approx(10 + 50 + 200 + 300)
    # radius excludes the far ones, distances never below the straight line
    near = g.distances_within(src, dst, 400).toarray()[0]
    assert near[0] == 0 and near[3] == 0 and near[2] == pytest.approx(60)
    straight = np.hypot(*(np.array([[250, 210], [50, 5], [0, 0], [300, 300]]) - [50, -10]).T)
    assert (d >= straight - 1e-9).all()


def test_nearest_and_off_network():
    g = net.StreetNetwork(grid())
    fac = g.attach(np.array([[0, 0], [300, 300], [1000, 1000]]), max_access=100)
    assert list(fac.ok) == [True, True, False]
    dem = g.attach(np.array([[290, 290], [20, 20], [150, 150]]))
    who, dist = g.nearest(fac, dem)
    assert list(who) == [1, 0, 0]
    assert dist[0] == pytest.approx(20.0)  # 10 access + 10 along to the corner
    assert dist[1] == pytest.approx(40.0)  # 20 access + 20 along
    assert dist[2] == pytest.approx(50 + 50 + 100 + 100)  # 50 access, 50 to a corner, 200 to (0,0)
    who2, dist2 = g.nearest(fac, dem, limit=100)
    assert list(who2) == [1, 0, -1] and np.isinf(dist2[2])


def test_disconnected_component_unreachable():
    lines = grid() + [shapely.LineString([(1000, 0), (1100, 0)])]
    g = net.StreetNetwork(lines)
    src = g.attach(np.array([[0, 0]]))
    dst = g.attach(np.array([[1050, 5]]))
    assert g.distances_within(src, dst, 5000).nnz == 0
    assert g.nearest(src, dst)[0][0] == -1


def test_crossing_lines_are_noded():
    lines = [shapely.LineString([(0, 50), (100, 50)]), shapely.LineString([(50, 0), (50, 100)])]
    g = net.StreetNetwork(lines)
    d = g.distances_within(g.attach(np.array([[0, 50]])), g.attach(np.array([[50, 100]])), 500).toarray()
    assert d[0, 0] == pytest.approx(100.0)
    g2 = net.StreetNetwork(lines, node_crossings=False)
    assert g2.distances_within(g2.attach(np.array([[0, 50]])), g2.attach(np.array([[50, 100]])), 500).nnz == 0


def test_reachable_pieces_and_catchment():
    g = net.StreetNetwork(grid())
    src = g.attach(np.array([[0, 0]]))
    pieces = g.reachable_pieces(src, 0, 150)
    # from the corner: 150 m along both streets, plus 50 m up x=100 and 50 m east... along y=100 from (0,100)
    total = shapely.union_all(pieces).length
    assert total == pytest.approx(150 + 150 + 50 + 50)
    poly = g.catchment(src, 0, 150, width=10)
    # the block interior (50,50) is not claimed
    assert not poly.contains(shapely.Point(50, 50))
    assert poly.contains(shapely.Point(140, 5)) and not poly.contains(shapely.Point(170, 0))


def test_euclidean():
    d = net.euclidean_within(np.array([[0, 0]]), np.array([[3, 4], [0, 0], [10, 0]]), 6).toarray()
    assert d[0, 0] == pytest.approx(5) and d[0, 1] > 0 and d[0, 1] < 1e-6 and d[0, 2] == 0
    who, dist = net.euclidean_nearest(np.array([[0, 0], [10, 0]]), np.array([[9, 0], [1, 1]]))
    assert list(who) == [1, 0] and dist[0] == pytest.approx(1)
