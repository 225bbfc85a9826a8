"""The geometry of the settlements: the city's street grid with its squares, park and avenues, and
the village grids, each cut into blocks and parcels (`geometry` does the cutting).

- The city is a perturbed, slightly warped grid rotated by about 0.2 rad around Πλατεία
  Ελευθερίας. Quads are kept in order of an irregular radial score until the planned parcel
  count reaches the target, so the town grows with the number of parcels.
- The squares (Ελευθερίας, Ειρήνης, Ομόνοιας, Εμπορίου) and the Κεντρικό Πάρκο are one quad
  each, one parcel each (a κοινόχρηστος χώρος of the plan), near where they are wanted.
- Εξοχών and Κωνσταντινουπόλεως radiate from one node on Μ. Αλεξάνδρου and cut the quads they
  cross corner to corner (two triangular blocks per quad).
- Frontages grow from 11 m in the centre to 19 m at the edge, 2.2 times that in the production
  district; villages have 21 m frontages. Villages lie 2.5–4 km beyond the city's edge in the
  directions of `names.VILLAGES`.
"""

from __future__ import annotations

import math

import numpy as np
import shapely

from municipal_gis.core.sample.common import CENTRE
from municipal_gis.core.sample.geometry import (
    _adjust_counts,
    _blocks_of,
    _frames,
    _Grid,
    _make_nodes,
    _plan_counts,
    _polygonal,
    _quad_corners,
    _repair,
    _score,
    _subdivide,
)
from municipal_gis.core.sample.names import CITY_COMMUNITY, CITY_UNIT, VILLAGES
from municipal_gis.core.sample.town import CityPlan, Town, kept_nodes, nearest_true


def village_size(parcels: int) -> int:
    """Parcels per village: about 0.8 % of the town's, at least 12."""
    return int(np.clip(round(0.008 * parcels), 12, 1500))


def _select(rng, grid: _Grid, score, forced, target, frontage_fn, fixed_fn):
    """Keep quads in score order until the planned parcel count reaches `target`."""
    order = np.argsort(np.where(forced, -1.0, score), axis=None, kind="stable")
    oi, oj = np.unravel_index(order, grid.keep.shape)
    corners = _quad_corners(grid.nodes)[oi, oj]
    quads = shapely.polygons(np.concatenate([corners, corners[:, :1]], axis=1))
    shrink = rng.uniform(5.0, 7.0, len(order))
    blocks = shapely.buffer(quads, -shrink, join_style="mitre")
    _, _, c, length, width = _frames(blocks)
    fixed = fixed_fn(oi, oj)
    nrows, per = _plan_counts(rng, length, width, frontage_fn(c), np.zeros(len(order), bool), fixed)
    cum = np.cumsum(per.sum(axis=1))
    n_keep = min(int(np.searchsorted(cum, target)) + 1, len(order))
    grid.keep[oi[:n_keep], oj[:n_keep]] = True
    grid.radius = float(score[oi[:n_keep], oj[:n_keep]].max())
    grid.quad_shrink = np.zeros(grid.keep.shape)
    grid.quad_shrink[oi, oj] = shrink


def _finish(rng, grid: _Grid, target, frontage_fn, fixed_fn):
    """Blocks (once the diagonals are known) and their exact subdivision into parcels."""
    bi, bj, part, rings = _blocks_of(grid)
    cells = np.array([shapely.Polygon(r) for r in rings], dtype=object)
    blocks = shapely.buffer(cells, -grid.quad_shrink[bi, bj], join_style="mitre")
    _, _, c, length, width = _frames(blocks)
    fixed = fixed_fn(bi, bj) & (part == 0)
    nrows, per = _plan_counts(rng, length, width, frontage_fn(c), part > 0, fixed)
    per = _adjust_counts(per, nrows, target - int(per.sum()), fixed, length)
    pieces, pblock = _subdivide(rng, blocks, nrows, per)
    pieces, pblock = _repair(_polygonal(pieces), pblock)
    grid.bi, grid.bj, grid.part = bi, bj, part
    grid.cells, grid.blocks = cells, blocks
    grid.parcels, grid.pblock = pieces, pblock


def lay_out_city(town: Town, target: int) -> None:
    """The city's grid, its named places (`town.plan`) and its blocks and parcels (`town.city`)."""
    rng = town.rng
    k = max(4.0, math.sqrt(target / 11.0 / math.pi))
    size = int(2 * k * 1.45) + 10
    ic = jc = size // 2
    angle = 0.2 + rng.uniform(-0.05, 0.05)
    nodes = _make_nodes(rng, size, size, (70.0, 110.0), (55.0, 82.0), 6.0, angle, 16.0)
    nodes = nodes - _quad_corners(nodes).mean(axis=2)[ic, jc] + np.array(CENTRE)
    score = _score(_quad_corners(nodes).mean(axis=2), np.array(CENTRE), rng)
    plan = CityPlan(k=k, ic=ic, jc=jc, angle=angle, r_est=k * 75.0, prod_phi=rng.uniform(-1.3, -0.5),
                    sp={}, star=(ic + 1, jc + 2), deprived=[])
    plan.sp = {
        "eleftherias": (ic, jc),
        "park": plan.offset(-0.4, 0.45, 2, 2),
        "eirinis": plan.offset(0.5, -0.35, 3, 2),
        "omonoias": plan.offset(-0.3, -0.55, 2, 4),
        "emporiou": (ic + 1, jc - 2),
    }
    wanted_deprived = [plan.offset(-0.1, 0.7, 1, 4), plan.offset(-0.6, -0.35, 4, 2)]
    grid = _Grid("Σέρρες", CITY_COMMUNITY, CITY_UNIT, "01", nodes, np.zeros((size, size), bool),
                 np.zeros((size, size), np.int8), is_city=True)
    forced = np.zeros((size, size), bool)
    forced[ic, jc] = True
    special = forced.copy()

    def fixed_fn(qi, qj):
        return special[qi, qj]

    def frontage(c):
        d = c - np.array(CENTRE)
        rn = np.hypot(d[:, 0], d[:, 1]) / plan.r_est
        f = 11.0 + 8.0 * np.clip(rn, 0.0, 1.2)
        return np.where(plan.is_prod(c, plan.r_est), f * 2.2, f)

    _select(rng, grid, score, forced, target, frontage, fixed_fn)
    # the squares and the park: the kept quad nearest to where they are wanted
    for key, (i, j) in plan.sp.items():
        free = grid.keep & ~special
        ii, jj = np.indices(free.shape)
        free &= ~((ii - plan.star[0] == jj - plan.star[1]) & (ii >= plan.star[0]))  # keep Εξοχών whole
        i, j = (ic, jc) if key == "eleftherias" else nearest_true(free, i, j)
        plan.sp[key] = (i, j)
        special[i, j] = True
    plan.r_city = max(grid.radius, 150.0)
    plan.avenues = _diagonals(grid, special, plan.star)
    _finish(rng, grid, target, frontage, fixed_fn)
    # the named neighbourhoods and junctions, moved inside the kept area in small towns
    plan.deprived = [nearest_true(grid.keep, i, j) for i, j in wanted_deprived]
    interior = kept_nodes(grid)
    interior[1:-1, 1:-1] = grid.keep[:-1, :-1] & grid.keep[:-1, 1:] & grid.keep[1:, :-1] & grid.keep[1:, 1:]
    interior[[0, -1], :] = False
    interior[:, [0, -1]] = False
    plan.junctions = {
        "nikomideias": nearest_true(interior, *plan.offset(0.3, -0.6, 2, 5)),
        "dimogeronton": (ic - 3, jc - 2),
    }
    town.city, town.plan = grid, plan


def _diagonals(grid: _Grid, special, star) -> dict[str, list[tuple[int, int]]]:
    """Εξοχών (towards north-east) and Κωνσταντινουπόλεως (south-east) radiate from one node."""
    rows, cols = grid.keep.shape
    si, sj = star
    avenues = {}
    for name, step_i, kind in (("Εξοχών", 1, 1), ("Κωνσταντινουπόλεως", -1, 2)):
        quads = []
        t = 0
        while True:
            i = si + t if step_i > 0 else si - 1 - t
            j = sj + t
            if not (0 <= i < rows and 0 <= j < cols) or not grid.keep[i, j] or special[i, j]:
                break
            grid.diag[i, j] = kind
            quads.append((i, j))
            t += 1
        avenues[name] = quads
    return avenues


def lay_out_villages(town: Town, n_each: int) -> None:
    """One small grid per village of `names.VILLAGES`, with about `n_each` parcels (`town.villages`)."""
    rng = town.rng
    town.villages = []
    city_xy = town.city.nodes[kept_nodes(town.city)]
    for vname, gen, unit, code, angle_deg in VILLAGES:
        d = np.array([math.cos(math.radians(angle_deg)), math.sin(math.radians(angle_deg))])
        ext = float(np.max((city_xy - np.array(CENTRE)) @ d))
        centre = np.array(CENTRE) + (ext + rng.uniform(2500.0, 4000.0)) * d
        k = max(1.5, math.sqrt(n_each / 8.0 / math.pi))
        size = int(2 * k * 1.5) + 4
        nodes = _make_nodes(rng, size, size, (55.0, 85.0), (50.0, 75.0), 7.0, rng.uniform(-0.6, 0.6), 10.0)
        nodes = nodes - _quad_corners(nodes).mean(axis=2)[size // 2, size // 2] + centre
        score = _score(_quad_corners(nodes).mean(axis=2), centre, rng)
        grid = _Grid(vname, f"Τ.Κ. {gen}", unit, code, nodes, np.zeros((size, size), bool),
                     np.zeros((size, size), np.int8))
        grid.centre = centre
        grid.direction = d
        forced = np.zeros((size, size), bool)
        forced[size // 2, size // 2] = True
        none = np.zeros((size, size), bool)

        def fixed_fn(qi, qj, none=none):
            return none[qi, qj]

        def frontage(c):
            return np.full(len(c), 21.0)

        _select(rng, grid, score, forced, n_each, frontage, fixed_fn)
        _finish(rng, grid, n_each, frontage, fixed_fn)
        town.villages.append(grid)
