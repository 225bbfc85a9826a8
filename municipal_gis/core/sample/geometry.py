"""The geometry of the town: street grids, blocks and their exact subdivision into parcels (numpy +
shapely), independent of what the places are called or used for."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely


def _coverage_union(geoms):
    """Union of cells that share exact vertices. GEOS 3.12+ (QGIS 3.40 on) unions a coverage
    without checking it, and where two cells of a group meet only at a corner returns a ring
    that touches itself (invalid): then the overlay union, which gets it right."""
    merged = shapely.coverage_union_all(geoms)
    if not shapely.is_valid(merged):
        merged = shapely.union_all(geoms)
    return merged



# grids


@dataclass
class _Grid:
    """One settlement: a street grid, the kept quads and their blocks."""

    name: str  # settlement name (nominative)
    community: str  # community name («Δ.Κ. Σερρών», «Τ.Κ. Λευκώνα»)
    unit: str  # municipal unit
    unit_code: str  # two digits of the ΚΑΕΚ prefix
    nodes: np.ndarray  # (R+1, C+1, 2)
    keep: np.ndarray  # (R, C) bool
    diag: np.ndarray  # (R, C) int8: 0 none, 1 (i,j)-(i+1,j+1), 2 (i+1,j)-(i,j+1)
    radius: float = 0.0  # radius of the kept area (m)
    is_city: bool = False
    # filled in by settlements (selection and subdivision)
    quad_shrink: np.ndarray | None = None  # (R, C) half street width around each quad (m)
    centre: np.ndarray | None = None  # a village's centre
    direction: np.ndarray | None = None  # unit vector from the city towards a village
    bi: np.ndarray | None = None  # per block: quad i, quad j, part (0 whole quad, 1 / 2 triangles)
    bj: np.ndarray | None = None
    part: np.ndarray | None = None
    cells: np.ndarray | None = None  # per block: the quad or triangle to the street centre lines
    blocks: np.ndarray | None = None  # per block: the block polygon
    parcels: np.ndarray | None = None  # parcel polygons
    pblock: np.ndarray | None = None  # per parcel: its block (local index)
    # filled in by streets: edge index of every grid edge (-1 where there is none)
    row_eid: np.ndarray | None = None  # (R+1, C) edges (i, j)-(i, j+1)
    col_eid: np.ndarray | None = None  # (R, C+1) edges (i, j)-(i+1, j)
    diag_eid: np.ndarray | None = None  # (R, C) the avenue crossing the quad
    # filled in by cadastre
    ot_codes: np.ndarray | None = None  # per block: its Ο.Τ. code
    block_global: np.ndarray | None = None  # per block: its index in the town's block list


def _make_nodes(rng, rows, cols, w_range, h_range, jitter, angle, warp):
    widths = rng.uniform(w_range[0], w_range[1], cols)
    heights = rng.uniform(h_range[0], h_range[1], rows)
    xs = np.concatenate([[0.0], np.cumsum(widths)])
    ys = np.concatenate([[0.0], np.cumsum(heights)])
    x, y = np.meshgrid(xs, ys)  # (rows+1, cols+1)
    x = x + np.clip(rng.normal(0.0, jitter / 2.0, x.shape), -jitter, jitter)
    y = y + np.clip(rng.normal(0.0, jitter / 2.0, y.shape), -jitter, jitter)
    phase = rng.uniform(0, 2 * math.pi, 2)
    x2 = x + warp * np.sin(y / 900.0 + phase[0])
    y2 = y + 0.7 * warp * np.sin(x / 700.0 + phase[1])
    c, s = math.cos(angle), math.sin(angle)
    return np.stack([c * x2 - s * y2, s * x2 + c * y2], axis=-1)


def _quad_corners(nodes):
    """(R, C, 4, 2) corners of every quad, counter-clockwise from (i, j)."""
    return np.stack([nodes[:-1, :-1], nodes[:-1, 1:], nodes[1:, 1:], nodes[1:, :-1]], axis=2)


def _score(centres, origin, rng):
    d = centres - origin
    r = np.hypot(d[..., 0], d[..., 1])
    phi = np.arctan2(d[..., 1], d[..., 0])
    a, b = rng.uniform(0, 2 * math.pi, 2)
    shape = 1.0 + 0.16 * np.sin(2 * phi + a) + 0.09 * np.sin(3 * phi + b)
    return r / shape


def _blocks_of(grid: _Grid):
    """Blocks of a grid: (quad i, quad j, part, ring coordinates) with part 0 = whole quad,
    1 / 2 = the two triangles of a quad cut by a diagonal avenue."""
    corners = _quad_corners(grid.nodes)
    qi, qj = np.nonzero(grid.keep)
    rings, parts, bi, bj = [], [], [], []
    for i, j in zip(qi.tolist(), qj.tolist()):
        q = corners[i, j]
        d = grid.diag[i, j]
        if d == 0:
            rings.append(q)
            parts.append(0)
            bi.append(i)
            bj.append(j)
            continue
        if d == 1:
            tris = (q[[0, 1, 2]], q[[0, 2, 3]])
        else:
            tris = (q[[0, 1, 3]], q[[1, 2, 3]])
        for k, t in enumerate(tris):
            rings.append(t)
            parts.append(k + 1)
            bi.append(i)
            bj.append(j)
    return np.array(bi), np.array(bj), np.array(parts), rings


# --------------------------------------------------------------------------------------------
# parcel subdivision


def _frames(polys):
    """Long axis unit vector, perpendicular, centre, length and width of each polygon's
    minimum-area enclosing rectangle (rotating calipers over the polygon's own edges, exact for
    convex polygons; numpy only, as GEOS < 3.12 has no fast oriented envelope)."""
    n = len(polys)
    xy, idx = shapely.get_coordinates(polys, return_index=True)
    count = np.bincount(idx, minlength=n)
    m = int(count.max())
    first = np.concatenate([[0], np.cumsum(count)[:-1]])
    slot = np.arange(m)
    ok = slot[None, :] < count[:, None] - 1  # edge k from vertex k to k + 1 (ring is closed)
    cur = first[:, None] + np.minimum(slot[None, :], count[:, None] - 1)
    nxt = first[:, None] + np.minimum(slot[None, :] + 1, count[:, None] - 1)
    P = xy[cur]  # (n, m, 2)
    e = xy[nxt] - P
    elen = np.hypot(e[..., 0], e[..., 1])
    ok &= elen > 0
    d = e / np.where(elen > 0, elen, 1.0)[..., None]  # candidate axis per edge
    rel = P - P[:, :1]
    # projections of every vertex (m) on every candidate axis (m)
    pu = np.einsum("nvk,nek->nev", rel, d)
    pv = np.einsum("nvk,nek->nev", rel, np.stack([-d[..., 1], d[..., 0]], axis=-1))
    vmask = (slot[None, :] < count[:, None] - 1)[:, None, :]
    umin = np.min(np.where(vmask, pu, np.inf), axis=2)
    umax = np.max(np.where(vmask, pu, -np.inf), axis=2)
    vmin = np.min(np.where(vmask, pv, np.inf), axis=2)
    vmax = np.max(np.where(vmask, pv, -np.inf), axis=2)
    area = np.where(ok, (umax - umin) * (vmax - vmin), np.inf)
    best = np.argmin(area, axis=1)
    ar = np.arange(n)
    du = d[ar, best]
    dv = np.stack([-du[:, 1], du[:, 0]], axis=1)
    a = umax[ar, best] - umin[ar, best]
    b = vmax[ar, best] - vmin[ar, best]
    centre = (
        P[:, 0]
        + du * ((umax[ar, best] + umin[ar, best]) / 2)[:, None]
        + dv * ((vmax[ar, best] + vmin[ar, best]) / 2)[:, None]
    )
    long_a = a >= b
    eu = np.where(long_a[:, None], du, dv)
    # a stable orientation: the long axis points east (or north when vertical)
    flip = (eu[:, 0] < -1e-9) | ((np.abs(eu[:, 0]) <= 1e-9) & (eu[:, 1] < 0))
    eu[flip] *= -1.0
    ev = np.stack([-eu[:, 1], eu[:, 0]], axis=1)
    return eu, ev, centre, np.maximum(a, b), np.minimum(a, b)


def _rects(centre, eu, ev, u0, u1, v0, v1):
    pts = np.stack(
        [
            centre + u0[:, None] * eu + v0[:, None] * ev,
            centre + u1[:, None] * eu + v0[:, None] * ev,
            centre + u1[:, None] * eu + v1[:, None] * ev,
            centre + u0[:, None] * eu + v1[:, None] * ev,
            centre + u0[:, None] * eu + v0[:, None] * ev,
        ],
        axis=1,
    )
    return shapely.polygons(pts)


def _plan_counts(rng, length, width, frontage, single_row, fixed_one):
    """Rows per block (1 or 2) and strips per row."""
    two = (width > 34.0) & ~single_row & ~fixed_one
    nrows = np.where(two, 2, 1)
    jitter = rng.uniform(0.85, 1.15, (len(length), 2))
    per = np.maximum(1, np.rint(length[:, None] / frontage[:, None] * jitter)).astype(np.int64)
    per[single_row, 0] = np.maximum(1, np.rint(per[single_row, 0] / 1.3)).astype(np.int64)
    per[fixed_one] = 1
    per[nrows == 1, 1] = 0
    return nrows, per


def _adjust_counts(per, nrows, delta, fixed_one, length):
    """Change strips by one in several rows until the total changes by `delta`."""
    if delta == 0:
        return per
    rows_b = np.concatenate([np.flatnonzero(nrows >= 1), np.flatnonzero(nrows >= 2)])
    rows_r = np.concatenate([np.zeros((nrows >= 1).sum(), int), np.ones((nrows >= 2).sum(), int)])
    ok = ~fixed_one[rows_b]
    rows_b, rows_r = rows_b[ok], rows_r[ok]
    step = 1 if delta > 0 else -1
    remaining = abs(delta)
    while remaining > 0:
        n = per[rows_b, rows_r]
        frontage = length[rows_b] / n
        if step > 0:
            order = np.argsort(-frontage, kind="stable")
        else:
            order = np.argsort(frontage, kind="stable")
            order = order[n[order] > 1]
        if len(order) == 0:
            break
        take = order[:remaining]
        per[rows_b[take], rows_r[take]] += step
        remaining -= len(take)
    return per


def _subdivide(rng, blocks, nrows, per, chunk=20000):
    """Split every convex block exactly into parcels. Returns (parcel polygons, block index).

    Each block is cut by one line along its long axis (v = s, two back-to-back rows) and by
    frontage lines across it (u = c, per row). The parcels are built from vertices computed once
    per block edge and cut line: a point where a cut line crosses a block edge is interpolated on
    that edge in the block's ring order, and a point on the row line is interpolated between the
    row line's two ends. Neighbouring parcels therefore share bit-identical vertices; the
    frontage cuts of one row are also inserted as vertices into the parcels of the other row, so
    there are no T-junctions. The parcels of a block neither overlap nor leave gaps.
    """
    n = len(blocks)
    eu, ev, centre, length, width = _frames(blocks)
    big = 1e9
    split = np.clip(rng.normal(0.0, 0.06, n), -0.15, 0.15) * width
    two = nrows == 2
    # block rings, padded to M vertices
    ring_xy, ring_idx = shapely.get_coordinates(blocks, return_index=True)
    vcount = np.bincount(ring_idx, minlength=n) - 1
    m = int(vcount.max())
    first_v = np.concatenate([[0], np.cumsum(vcount + 1)[:-1]])
    slot = np.arange(m)
    vok = slot[None, :] < vcount[:, None]
    cur = first_v[:, None] + np.minimum(slot[None, :], vcount[:, None] - 1)
    nxt = first_v[:, None] + (np.minimum(slot[None, :], vcount[:, None] - 1) + 1) % vcount[:, None]
    V, N = ring_xy[cur], ring_xy[nxt]
    Vu = np.einsum("nmk,nk->nm", V - centre[:, None], eu)
    Vv = np.einsum("nmk,nk->nm", V - centre[:, None], ev)
    nxt_slot = (np.minimum(slot[None, :], vcount[:, None] - 1) + 1) % vcount[:, None]
    Nu = Vu[np.arange(n)[:, None], nxt_slot]
    Nv = Vv[np.arange(n)[:, None], nxt_slot]

    def cross(p_val, q_val, level):
        dq = q_val - p_val
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (level - p_val) / dq
        ok = (dq != 0) & (t >= 0.0) & (t <= 1.0)
        return np.where(ok, t, 0.0), ok

    def interp(t, p, q):
        out = p + t[..., None] * (q - p)
        out = np.where((t == 0.0)[..., None], p, out)
        return np.where((t == 1.0)[..., None], q, out)

    # the row line: its two ends on the block boundary, ordered by u
    ts, oks = cross(Vv, Nv, split[:, None])
    oks &= vok & two[:, None]
    su = np.where(oks, Vu + ts * (Nu - Vu), np.nan)
    sxy = interp(ts, V, N)
    has = oks.sum(axis=1) >= 2
    two = two & has
    lo_slot = np.argmin(np.where(oks, su, np.inf), axis=1)
    hi_slot = np.argmax(np.where(oks, su, -np.inf), axis=1)
    ar = np.arange(n)
    SL, SR = sxy[ar, lo_slot], sxy[ar, hi_slot]
    uSL, uSR = su[ar, lo_slot], su[ar, hi_slot]
    # rows and strips
    nrows = np.where(two, nrows, 1)
    per = per.copy()
    per[~two, 0] = np.maximum(per[~two, 0], 1)
    row_block = np.repeat(np.arange(n), nrows)
    row_k = np.concatenate([np.arange(k) for k in nrows]) if n else np.zeros(0, int)
    row_vlo = np.where(two[row_block] & (row_k == 1), split[row_block], -big)
    row_vhi = np.where(two[row_block] & (row_k == 0), split[row_block], big)
    # u-extent of each row from the block's own vertices and row-line ends
    pts_u = np.concatenate([np.where(vok, Vu, np.nan), np.where(oks, su, np.nan)], axis=1)
    pts_v = np.concatenate([np.where(vok, Vv, np.nan), np.where(oks, Vv + ts * (Nv - Vv), np.nan)], axis=1)
    pu, pv = pts_u[row_block], pts_v[row_block]
    inrow = (pv >= row_vlo[:, None] - 1e-9) & (pv <= row_vhi[:, None] + 1e-9) & ~np.isnan(pu)
    umin = np.min(np.where(inrow, pu, np.inf), axis=1)
    umax = np.max(np.where(inrow, pu, -np.inf), axis=1)
    counts = per[row_block, row_k]
    strip_row = np.repeat(np.arange(len(row_block)), counts)
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    last = first + counts - 1
    w = rng.uniform(0.7, 1.3, len(strip_row))
    w[first] *= 1.15
    w[last] *= 1.15
    cs = np.cumsum(w)
    before = cs[first] - w[first]
    total = cs[last] - before
    hi_frac = (cs - before[strip_row]) / total[strip_row]
    lo_frac = np.empty_like(hi_frac)
    lo_frac[1:] = hi_frac[:-1]
    lo_frac[first] = 0.0
    span = umax - umin
    uhi = umin[strip_row] + hi_frac * span[strip_row]
    ulo = np.empty_like(uhi)
    ulo[1:] = uhi[:-1]
    ulo[first] = -big
    uhi[last] = big
    sb = row_block[strip_row]
    # the inner cuts of each two-row block (both rows), padded, for points on the row line
    inner = np.ones(len(strip_row), bool)
    inner[last] = False
    cut_block = sb[inner]
    cut_val = uhi[inner]
    order = np.lexsort((cut_val, cut_block))
    cut_block, cut_val = cut_block[order], cut_val[order]
    ncut = np.bincount(cut_block, minlength=n)
    k_max = max(1, int(ncut.max()) if len(ncut) else 1)
    cut_start = np.concatenate([[0], np.cumsum(ncut)[:-1]])
    cuts = np.full((n, k_max), np.nan)
    pos = np.arange(len(cut_val)) - np.repeat(cut_start, ncut)
    cuts[cut_block, pos] = cut_val
    cuts[~two] = np.nan
    with np.errstate(invalid="ignore"):
        cuts[(cuts < uSL[:, None]) | (cuts > uSR[:, None])] = np.nan
    polys = []
    for a in range(0, len(strip_row), chunk):
        sl = slice(a, a + chunk)
        b = sb[sl]
        lo, hi = ulo[sl, None], uhi[sl, None]
        vlo, vhi = row_vlo[strip_row[sl], None], row_vhi[strip_row[sl], None]
        cand, ok = [], []
        # block vertices
        cand.append(V[b])
        ok.append(vok[b] & (Vu[b] >= lo) & (Vu[b] <= hi) & (Vv[b] >= vlo) & (Vv[b] <= vhi))
        # cut lines across block edges
        for level in (lo, hi):
            t, good = cross(Vu[b], Nu[b], level)
            vv = Vv[b] + t * (Nv[b] - Vv[b])
            vv = np.where(t == 1.0, Nv[b], np.where(t == 0.0, Vv[b], vv))
            cand.append(interp(t, V[b], N[b]))
            ok.append(good & vok[b] & (vv >= vlo) & (vv <= vhi))
        # row line across block edges
        cand.append(sxy[b])
        ok.append(oks[b] & two[b, None] & (su[b] >= lo) & (su[b] <= hi))
        # points on the row line at every cut of the block
        c = cuts[b]
        with np.errstate(invalid="ignore"):
            f = (c - uSL[b, None]) / (uSR[b, None] - uSL[b, None])
            good = ~np.isnan(c) & (c >= lo) & (c <= hi)
        cand.append(interp(np.where(good, f, 0.0), SL[b, None, :], SR[b, None, :]))
        ok.append(good)
        P = np.concatenate(cand, axis=1)
        valid = np.concatenate(ok, axis=1)
        cnt = valid.sum(axis=1, keepdims=True)
        mean = np.where(valid[..., None], P, 0.0).sum(axis=1) / np.maximum(cnt, 1)
        ang = np.arctan2(P[..., 1] - mean[:, 1:2], P[..., 0] - mean[:, 0:1])
        ang = np.where(valid, ang, np.inf)
        o = np.argsort(ang, axis=1, kind="stable")
        P = np.take_along_axis(P, o[..., None], axis=1)
        valid = np.take_along_axis(valid, o, axis=1)
        dup = np.zeros_like(valid)
        dup[:, 1:] = valid[:, 1:] & valid[:, :-1] & np.all(P[:, 1:] == P[:, :-1], axis=-1)
        valid &= ~dup
        o = np.argsort(~valid, axis=1, kind="stable")
        P = np.take_along_axis(P, o[..., None], axis=1)
        valid = np.take_along_axis(valid, o, axis=1)
        cnt = valid.sum(axis=1)
        out = np.full(len(cnt), shapely.Polygon(), dtype=object)  # degenerate: merged by _repair
        ring_ok = cnt >= 3
        sel = valid & ring_ok[:, None]
        if ring_ok.any():
            rings = shapely.linearrings(
                P[sel], indices=np.repeat(np.arange(int(ring_ok.sum())), cnt[ring_ok])
            )
            out[ring_ok] = shapely.polygons(rings)
        polys.append(out)
    pieces = np.concatenate(polys) if polys else np.zeros(0, dtype=object)
    return pieces, sb


def _polygonal(geoms):
    """Keep only the polygonal part (intersections of convex shapes may touch in a point)."""
    out = np.array(geoms, dtype=object)
    bad = shapely.get_type_id(out) == 7  # GeometryCollection
    for k in np.flatnonzero(bad):
        polys = [g for g in shapely.get_parts(out[k]) if shapely.get_type_id(g) in (3, 6)]
        out[k] = shapely.union_all(polys) if polys else shapely.Polygon()
    return out


def _repair(pieces, pblock, min_area=1.0):
    """Merge slivers (a strip that only grazes a corner of its row) into the previous parcel of
    the same block, so every parcel has a real area. Rare; the union keeps the partition exact."""
    area = shapely.area(pieces)
    bad = np.flatnonzero(area < min_area)
    if len(bad) == 0:
        return pieces, pblock
    pieces = pieces.copy()
    drop = np.zeros(len(pieces), bool)
    for k in bad.tolist():
        same = np.flatnonzero((pblock == pblock[k]) & ~drop)
        same = same[same != k]
        if len(same) == 0:
            continue
        other = same[np.argmin(np.abs(same - k))]
        if area[k] > 0:
            pieces[other] = shapely.union(pieces[other], pieces[k])
        drop[k] = True
    keep = ~drop
    return _polygonal(pieces[keep]), pblock[keep]


def _as_multi(geoms):
    geoms = np.asarray(geoms, dtype=object)
    parts, idx = shapely.get_parts(geoms, return_index=True)
    return shapely.multipolygons(parts, indices=idx)
