"""Binary spatial weights between polygons, as symmetric sparse CSR matrices.

Contiguity is found by hashing shared coordinates, which is exact and fast on a clean coverage
(census blocks that share their boundary vertices): queen = at least one shared vertex,
rook = at least one shared edge. Polygons that only nearly touch (digitising gaps, T-junctions)
are not neighbours; use a distance band for such data. The diagonal is always zero: statistics
that include the site itself (Gi*) add it explicitly.
"""

from __future__ import annotations

import numpy as np
import shapely
from scipy import sparse
from scipy.spatial import cKDTree

QUEEN, ROOK, DISTANCE_BAND = 0, 1, 2


def _ring_coordinates(geometries):
    """Coordinates of every ring, with the ring's position and the owning geometry's index."""
    geoms = np.asarray(geometries, dtype=object)
    parts, part_owner = shapely.get_parts(geoms, return_index=True)
    polys = shapely.get_type_id(parts) == 3
    parts, part_owner = parts[polys], part_owner[polys]
    rings, ring_part = shapely.get_rings(parts, return_index=True)  # exterior and holes
    ring_owner = part_owner[ring_part]
    coords, ring_index = shapely.get_coordinates(rings, return_index=True)
    return coords, ring_index, ring_owner[ring_index]


def _incidence_to_adjacency(owner: np.ndarray, key: np.ndarray, n: int) -> sparse.csr_matrix:
    """Polygons sharing a key are neighbours: A = M Mᵀ with M the polygon × key incidence."""
    if len(key) == 0:
        return sparse.csr_matrix((n, n), dtype=np.float64)
    _, key_id = np.unique(key, return_inverse=True)
    key_id = key_id.ravel()
    m = sparse.csr_matrix(
        (np.ones(len(owner), dtype=np.float64), (owner, key_id)), shape=(n, key_id.max() + 1)
    )
    m.data[:] = 1.0  # duplicates (closing vertex) summed to 2: binary again
    a = (m @ m.T).tocsr()
    a.setdiag(0)
    a.eliminate_zeros()
    a.data[:] = 1.0
    a.sort_indices()
    return a


def _vertex_ids(coords: np.ndarray) -> np.ndarray:
    """One integer id per distinct (x, y) pair, exact comparison."""
    view = np.ascontiguousarray(coords).view(np.dtype((np.void, coords.dtype.itemsize * 2))).ravel()
    _, ids = np.unique(view, return_inverse=True)
    return ids.ravel()


def queen(geometries) -> sparse.csr_matrix:
    """Queen contiguity: polygons sharing at least one vertex."""
    n = len(geometries)
    coords, _, owner = _ring_coordinates(geometries)
    if len(coords) == 0:
        return sparse.csr_matrix((n, n), dtype=np.float64)
    return _incidence_to_adjacency(owner, _vertex_ids(coords), n)


def rook(geometries) -> sparse.csr_matrix:
    """Rook contiguity: polygons sharing at least one edge (both end vertices)."""
    n = len(geometries)
    coords, ring_index, owner = _ring_coordinates(geometries)
    if len(coords) < 2:
        return sparse.csr_matrix((n, n), dtype=np.float64)
    vid = _vertex_ids(coords).astype(np.int64)
    same_ring = ring_index[1:] == ring_index[:-1]
    a, b = vid[:-1][same_ring], vid[1:][same_ring]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keep = lo != hi  # repeated points are not edges
    edge_key = lo[keep] * (vid.max() + 1) + hi[keep]
    return _incidence_to_adjacency(owner[:-1][same_ring][keep], edge_key, n)


def distance_band(points_xy: np.ndarray, distance: float) -> sparse.csr_matrix:
    """Binary weights between points no farther apart than `distance` (inclusive)."""
    xy = np.asarray(points_xy, dtype=np.float64)
    n = len(xy)
    if n == 0:
        return sparse.csr_matrix((0, 0), dtype=np.float64)
    pairs = cKDTree(xy).query_pairs(float(distance), output_type="ndarray")
    i = np.concatenate([pairs[:, 0], pairs[:, 1]])
    j = np.concatenate([pairs[:, 1], pairs[:, 0]])
    w = sparse.csr_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    w.sort_indices()
    return w


def centroids_xy(geometries) -> np.ndarray:
    return shapely.get_coordinates(shapely.centroid(np.asarray(geometries, dtype=object)))


def build(geometries, kind: int, distance: float | None = None) -> sparse.csr_matrix:
    """Weights of `kind` (QUEEN, ROOK or DISTANCE_BAND between centroids)."""
    if kind == QUEEN:
        return queen(geometries)
    if kind == ROOK:
        return rook(geometries)
    if kind == DISTANCE_BAND:
        if distance is None or distance <= 0:
            raise ValueError("a distance band needs a positive distance")
        return distance_band(centroids_xy(geometries), distance)
    raise ValueError(f"unknown weights kind {kind}")


def cardinalities(w: sparse.csr_matrix) -> np.ndarray:
    return np.diff(w.indptr).astype(np.int64)


def islands(w: sparse.csr_matrix) -> np.ndarray:
    """Indices of sites with no neighbour."""
    return np.flatnonzero(cardinalities(w) == 0)


def components(w: sparse.csr_matrix, mask: np.ndarray | None = None) -> np.ndarray:
    """Connected-component label per site of the graph restricted to `mask` (-1 outside it)."""
    from scipy.sparse.csgraph import connected_components

    n = w.shape[0]
    labels = np.full(n, -1, dtype=np.int64)
    idx = np.arange(n) if mask is None else np.flatnonzero(mask)
    if len(idx) == 0:
        return labels
    sub = w[idx][:, idx]
    _, lab = connected_components(sub, directed=False)
    labels[idx] = lab
    return labels
