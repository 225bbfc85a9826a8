"""Walking distances on a street network built from LineStrings.

The graph has one node per street vertex (vertices closer than `snap_tol` are merged, and
crossing lines are split at their crossing when `node_crossings` is on) and one edge per
straight segment, weighted by its length. Points (demand, candidates, facilities) are attached
to the nearest segment: the walk from a point to the segment's end nodes is its access distance
(straight line to the street) plus the distance along the segment. Distances from many sources
are found with bounded Dijkstra runs (`scipy.sparse.csgraph.dijkstra(..., limit=r)`), so each
run touches only the neighbourhood it can reach.

Without a street network, `euclidean_within` and `euclidean_nearest` give straight-line
distances. Network distance is never shorter than the straight line, which is why a straight
line pre-filter (KD-tree) is always safe.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

_EPS = 1e-9


@dataclass
class Attachment:
    """Points attached to the street network (arrays of the points' length)."""

    edge: np.ndarray  # segment index, -1 when the point is off the network
    access: np.ndarray  # straight-line distance point -> street
    pos: np.ndarray  # distance along the segment from its node u
    to_u: np.ndarray  # walking distance point -> node u (access + pos)
    to_v: np.ndarray  # walking distance point -> node v

    @property
    def ok(self) -> np.ndarray:
        return self.edge >= 0

    def __len__(self) -> int:
        return len(self.edge)


def _as_xy(points) -> np.ndarray:
    """(n, 2) coordinates from shapely points or an array of coordinates."""
    arr = np.asarray(points)
    if arr.dtype == object:
        if len(arr) == 0:
            return np.zeros((0, 2))
        return shapely.get_coordinates(arr).reshape(-1, 2)
    return arr.reshape(-1, 2).astype(float)


class StreetNetwork:
    """An undirected street graph; see the module docstring."""

    def __init__(self, lines, snap_tol: float = 0.5, node_crossings: bool = True):
        geoms = np.asarray([g for g in np.asarray(lines, dtype=object).ravel()
                            if g is not None and not shapely.is_empty(g)], dtype=object)
        if len(geoms):
            geoms = shapely.force_2d(geoms)
            parts = shapely.get_parts(geoms)
            parts = parts[shapely.get_type_id(parts) == 1]  # LineStrings only
            if node_crossings and len(parts):
                parts = shapely.get_parts(shapely.node(shapely.multilinestrings(parts)))
        else:
            parts = np.zeros(0, dtype=object)
        coords, index = shapely.get_coordinates(parts, return_index=True) if len(parts) else (
            np.zeros((0, 2)), np.zeros(0, dtype=np.int64))
        # merge vertices closer than snap_tol (connected components of the "close" relation)
        n = len(coords)
        if n:
            pairs = cKDTree(coords).query_pairs(max(snap_tol, 0.0), output_type="ndarray")
            adj = sparse.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
            _, label = csgraph.connected_components(adj, directed=False)
            _, first_idx, inverse = np.unique(label, return_index=True, return_inverse=True)
            node_xy = coords[first_idx]
            vertex_node = inverse
        else:
            node_xy = np.zeros((0, 2))
            vertex_node = np.zeros(0, dtype=np.int64)
        same = index[1:] == index[:-1] if n else np.zeros(0, dtype=bool)
        u = vertex_node[:-1][same] if n else np.zeros(0, dtype=np.int64)
        v = vertex_node[1:][same] if n else np.zeros(0, dtype=np.int64)
        keep = u != v
        u, v = u[keep], v[keep]
        # one edge per node pair (duplicates would be summed by the sparse matrix)
        a, b = np.minimum(u, v), np.maximum(u, v)
        key = a.astype(np.int64) * max(len(node_xy), 1) + b
        _, first = np.unique(key, return_index=True)
        first.sort()
        self.u = a[first].astype(np.int64)
        self.v = b[first].astype(np.int64)
        self.node_xy = node_xy
        self.length = np.hypot(*(node_xy[self.v] - node_xy[self.u]).T) if len(first) else np.zeros(0)
        self.n_nodes = len(node_xy)
        self.segments = shapely.linestrings(np.stack([node_xy[self.u], node_xy[self.v]], axis=1)) \
            if len(first) else np.zeros(0, dtype=object)
        self._tree = shapely.STRtree(self.segments)
        n_nodes = self.n_nodes
        w = np.maximum(self.length, _EPS)
        self.graph = sparse.csr_matrix(
            (np.concatenate([w, w]), (np.concatenate([self.u, self.v]), np.concatenate([self.v, self.u]))),
            shape=(n_nodes, n_nodes))

    @property
    def n_edges(self) -> int:
        return len(self.u)

    def __bool__(self) -> bool:
        return self.n_edges > 0

    # -- attaching points ---------------------------------------------------------------------
    def attach(self, points, max_access: float | None = None) -> Attachment:
        """Attach points to their nearest segment; farther than `max_access` -> off network."""
        xy = _as_xy(points)
        n = len(xy)
        edge = np.full(n, -1, dtype=np.int64)
        access = np.full(n, np.inf)
        pos = np.zeros(n)
        if n and self.n_edges:
            pts = shapely.points(xy)
            idx, dist = self._tree.query_nearest(pts, max_distance=max_access, return_distance=True,
                                                 all_matches=False)
            edge[idx[0]] = idx[1]
            access[idx[0]] = dist
            ok = edge >= 0
            pos[ok] = shapely.line_locate_point(self.segments[edge[ok]], pts[ok])
        safe = np.where(edge >= 0, edge, 0)
        length = self.length[safe] if self.n_edges else np.zeros(n)
        to_u = np.where(edge >= 0, access + pos, np.inf)
        to_v = np.where(edge >= 0, access + (length - pos), np.inf)
        return Attachment(edge, access, pos, to_u, to_v)

    def _augmented(self, att: Attachment, sel: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray]:
        """The graph plus one virtual node per selected source, with one-way links to its edge ends."""
        n = self.n_nodes
        virt = n + np.arange(len(sel))
        e = att.edge[sel]
        rows = np.concatenate([virt, virt])
        cols = np.concatenate([self.u[e], self.v[e]])
        w = np.maximum(np.concatenate([att.to_u[sel], att.to_v[sel]]), _EPS)
        g = self.graph.tocoo()
        big = sparse.csr_matrix(
            (np.concatenate([g.data, w]), (np.concatenate([g.row, rows]), np.concatenate([g.col, cols]))),
            shape=(n + len(sel), n + len(sel)))
        return big, virt

    # -- distances ------------------------------------------------------------------------------
    def distances_within(self, src: Attachment, dst: Attachment, radius: float,
                         batch: int | None = None) -> sparse.coo_matrix:
        """Walking distances ≤ radius from each source to each target, as a sparse (src × dst) matrix.

        Stored values are distances (a distance of exactly 0 is stored as 1e-9)."""
        n_src, n_dst = len(src), len(dst)
        sel = np.flatnonzero(src.ok)
        rows_all, cols_all, d_all = [], [], []
        dsel = np.flatnonzero(dst.ok)
        if len(sel) and len(dsel) and self.n_edges:
            # node -> (target, offset) table: every target sits at its two end nodes
            nodes = np.concatenate([self.u[dst.edge[dsel]], self.v[dst.edge[dsel]]])
            tgt = np.concatenate([dsel, dsel])
            off = np.concatenate([dst.to_u[dsel], dst.to_v[dsel]])
            order = np.argsort(nodes, kind="stable")
            nodes, tgt, off = nodes[order], tgt[order], off[order]
            ptr = np.searchsorted(nodes, np.arange(self.n_nodes + 1))
            big, virt = self._augmented(src, sel)
            if batch is None:
                batch = int(max(1, min(512, 4e7 // max(big.shape[0], 1))))
            for start in range(0, len(sel), batch):
                chunk = slice(start, start + batch)
                dist = csgraph.dijkstra(big, directed=True, indices=virt[chunk], limit=radius)
                dist = dist[:, :self.n_nodes]
                r_i, node_i = np.nonzero(dist <= radius)
                base = dist[r_i, node_i]
                counts = ptr[node_i + 1] - ptr[node_i]
                rep_r = np.repeat(r_i, counts)
                rep_base = np.repeat(base, counts)
                starts = np.repeat(ptr[node_i], counts)
                within = np.arange(len(rep_r)) - np.repeat(np.cumsum(counts) - counts, counts)
                k = starts + within
                total = rep_base + off[k]
                m = total <= radius
                rows_all.append(sel[chunk][rep_r[m]])
                cols_all.append(tgt[k][m])
                d_all.append(total[m])
            # pairs on the same segment walk straight along it
            r2, c2, d2 = self._same_edge_pairs(src, sel, dst, dsel)
            m = d2 <= radius
            rows_all.append(r2[m])
            cols_all.append(c2[m])
            d_all.append(d2[m])
        return _min_coo(rows_all, cols_all, d_all, (n_src, n_dst))

    def _same_edge_pairs(self, src, sel, dst, dsel):
        de = dst.edge[dsel]
        order = np.argsort(de, kind="stable")
        de_sorted, dsel_sorted = de[order], dsel[order]
        se = src.edge[sel]
        lo = np.searchsorted(de_sorted, se, side="left")
        hi = np.searchsorted(de_sorted, se, side="right")
        counts = hi - lo
        s_rep = np.repeat(sel, counts)
        k = np.repeat(lo, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
        t = dsel_sorted[k]
        d = src.access[s_rep] + np.abs(src.pos[s_rep] - dst.pos[t]) + dst.access[t]
        return s_rep, t, d

    def nearest(self, src: Attachment, dst: Attachment, limit: float = np.inf) -> tuple[np.ndarray, np.ndarray]:
        """For each target, the nearest source (index, -1 if none within `limit`) and its distance."""
        n_dst = len(dst)
        best = np.full(n_dst, np.inf)
        who = np.full(n_dst, -1, dtype=np.int64)
        sel = np.flatnonzero(src.ok)
        dsel = np.flatnonzero(dst.ok)
        if not len(sel) or not len(dsel) or not self.n_edges:
            return who, best
        big, virt = self._augmented(src, sel)
        dist, _, origin = csgraph.dijkstra(big, directed=True, indices=virt, limit=limit, min_only=True,
                                           return_predecessors=True)
        for nodes, off in ((self.u[dst.edge[dsel]], dst.to_u[dsel]), (self.v[dst.edge[dsel]], dst.to_v[dsel])):
            d = dist[nodes] + off
            better = d < best[dsel]
            idx = dsel[better]
            best[idx] = d[better]
            who[idx] = sel[origin[nodes[better]] - self.n_nodes]
        s, t, d = self._same_edge_pairs(src, sel, dst, dsel)
        if len(t):
            order = np.lexsort((d, t))
            s, t, d = s[order], t[order], d[order]
            first = np.ones(len(t), dtype=bool)
            first[1:] = t[1:] != t[:-1]
            s, t, d = s[first], t[first], d[first]
            better = d < best[t]
            best[t[better]] = d[better]
            who[t[better]] = s[better]
        over = best > limit
        best[over], who[over] = np.inf, -1
        return who, best

    def node_distances(self, src: Attachment, index: int, limit: float) -> np.ndarray:
        """Walking distance from one attached source to every node (inf beyond `limit`)."""
        big, virt = self._augmented(src, np.array([index]))
        return csgraph.dijkstra(big, directed=True, indices=virt[0], limit=limit)[:self.n_nodes]

    def reachable_pieces(self, src: Attachment, index: int, radius: float) -> np.ndarray:
        """The parts of the street network within `radius` walking of source `index`, as LineStrings.

        Partial segments are cut where the walking budget runs out."""
        if not src.ok[index]:
            return np.zeros(0, dtype=object)
        dist = self.node_distances(src, index, radius)
        a = radius - dist[self.u]  # budget left entering the segment at u (negative: none)
        b = radius - dist[self.v]
        L = self.length
        starts, ends, edges = [], [], []
        whole = (a >= 0) & (b >= 0) & (a + b >= L) | (a >= L) | (b >= L)
        starts.append(np.zeros(whole.sum()))
        ends.append(L[whole])
        edges.append(np.flatnonzero(whole))
        part = ~whole
        from_u = part & (a > 0)
        starts.append(np.zeros(from_u.sum()))
        ends.append(a[from_u])
        edges.append(np.flatnonzero(from_u))
        from_v = part & (b > 0)
        starts.append(L[from_v] - b[from_v])
        ends.append(L[from_v])
        edges.append(np.flatnonzero(from_v))
        # the segment the source stands on: reachable around the source's own position
        e = src.edge[index]
        left = radius - src.access[index]
        if left > 0:
            edges.append(np.array([e]))
            starts.append(np.array([max(0.0, src.pos[index] - left)]))
            ends.append(np.array([min(L[e], src.pos[index] + left)]))
        edges = np.concatenate(edges)
        s = np.concatenate(starts)
        t = np.concatenate(ends)
        ok = t > s
        edges, s, t = edges[ok], s[ok], t[ok]
        pu, pv = self.node_xy[self.u[edges]], self.node_xy[self.v[edges]]
        direction = (pv - pu) / np.maximum(L[edges], _EPS)[:, None]
        p0 = pu + direction * s[:, None]
        p1 = pu + direction * t[:, None]
        return shapely.linestrings(np.stack([p0, p1], axis=1)) if len(edges) else np.zeros(0, dtype=object)

    def catchment(self, src: Attachment, index: int, radius: float, width: float = 25.0):
        """Catchment polygon: the reachable street pieces buffered by `width` and dissolved.

        No convex hull: block interiors wider than 2 × width between reachable streets stay out."""
        pieces = self.reachable_pieces(src, index, radius)
        if not len(pieces):
            return None
        return shapely.union_all(shapely.buffer(pieces, width, quad_segs=4))


def _min_coo(rows_list, cols_list, d_list, shape) -> sparse.coo_matrix:
    """Combine (row, col, distance) lists keeping the least distance per pair."""
    if rows_list:
        rows = np.concatenate(rows_list).astype(np.int64)
        cols = np.concatenate(cols_list).astype(np.int64)
        d = np.concatenate(d_list).astype(float)
    else:
        rows = cols = np.zeros(0, dtype=np.int64)
        d = np.zeros(0)
    if len(rows):
        order = np.lexsort((d, cols, rows))
        rows, cols, d = rows[order], cols[order], d[order]
        first = np.ones(len(rows), dtype=bool)
        first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
        rows, cols, d = rows[first], cols[first], d[first]
    return sparse.coo_matrix((np.maximum(d, _EPS), (rows, cols)), shape=shape)


def euclidean_within(src, dst, radius: float) -> sparse.coo_matrix:
    """Straight-line distances ≤ radius, sparse (src × dst), via KD-trees (0 stored as 1e-9)."""
    a, b = _as_xy(src), _as_xy(dst)
    if not len(a) or not len(b):
        return sparse.coo_matrix((len(a), len(b)))
    pairs = cKDTree(a).sparse_distance_matrix(cKDTree(b), radius, output_type="ndarray")
    return _min_coo([pairs["i"]], [pairs["j"]], [pairs["v"]], (len(a), len(b)))


def euclidean_nearest(src, dst, limit: float = np.inf) -> tuple[np.ndarray, np.ndarray]:
    """For each target, the nearest source by straight line (-1, inf when none within limit)."""
    a, b = _as_xy(src), _as_xy(dst)
    who = np.full(len(b), -1, dtype=np.int64)
    best = np.full(len(b), np.inf)
    if len(a) and len(b):
        d, i = cKDTree(a).query(b, distance_upper_bound=limit)
        ok = np.isfinite(d)
        who[ok], best[ok] = i[ok], d[ok]
    return who, best
