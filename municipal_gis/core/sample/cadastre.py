"""The cadastre: city blocks (Ο.Τ.) and parcels with ΚΑΕΚ, addresses, registered areas and owners.

- A block is its quad (or triangle, where an avenue cuts the quad) shrunk by half a street width
  (5–7 m, so streets are 10–14 m wide). Its parcels tile it exactly, neighbours sharing
  bit-identical vertices (`geometry._subdivide`): no overlaps, no gaps.
- Ο.Τ. numbers run north to south, west to east in each settlement; the second triangle of a
  quad cut by an avenue, and about 3 % of later subdivisions, carry a Greek suffix letter
  («57Α», Greek Α as in «ΟΠ 209Α», DOMAIN.md §2).
- ΚΑΕΚ (12 digits, DOMAIN.md §7): «62» + the two-digit municipal unit (01 Σερρών, 02
  Σκουτάρεως, 03 Μητρούση, 04 Λευκώνα) + a five-digit block serial within the unit + a
  three-digit parcel serial within the block.
- City blocks are grouped into πολεοδομικές ενότητες of 8×8 quads; village blocks belong to
  «Οικισμός <name>».
- The registered area is the drawn area ±2.5 % (None for 5 %); owners are 3 % public, 4 %
  unknown, the rest private until the property theme marks the municipal parcels.
- Addresses: the nearest street edge around the parcel's quad, numbered every 10 m along the
  named street, odd on the left, even on the right.
"""

from __future__ import annotations

import numpy as np
import shapely

from municipal_gis.core.sample.common import Table
from municipal_gis.core.sample.names import GREEK_SUFFIX
from municipal_gis.core.sample.streets import chainage
from municipal_gis.core.sample.town import Cadastre, Town


def _ot_codes(draws, bi, bj, part):
    """Ο.Τ. codes of a settlement's blocks, and the order they are numbered in."""
    nb = len(bi)
    order = np.lexsort((part, bj, -bi))
    codes = np.empty(nb, dtype=object)
    number = 0
    suffix_used = {}
    prev_quad = None
    for rank, b in enumerate(order.tolist()):
        quad = (int(bi[b]), int(bj[b]))
        second_triangle = quad == prev_quad
        if second_triangle or (number > 0 and draws[rank] < 0.03 and suffix_used.get(number, 0) < 3):
            s = suffix_used.get(number, 0)
            codes[b] = f"{number}{GREEK_SUFFIX[s]}"
            suffix_used[number] = s + 1
        else:
            number += 1
            codes[b] = str(number)
        prev_quad = quad
    return codes, order


def survey(town: Town) -> None:
    """Blocks and parcels of every settlement, in settlement order (`town.cadastre`)."""
    rng = town.rng
    parcel_geoms, kaek, ot, blk_global, sett_of = [], [], [], [], []
    block_rows, block_geoms = [], []
    unit_counter = {}
    for g_idx, grid in enumerate(town.grids):
        bi, bj = grid.bi, grid.bj
        nb = len(bi)
        codes, order = _ot_codes(rng.random(nb), bi, bj, grid.part)
        grid.ot_codes = codes
        if grid.is_city:
            tiles = np.stack([bi // 8, bj // 8], axis=1)
            _, tile_id = np.unique(tiles, axis=0, return_inverse=True)
            tile_id = tile_id.ravel()
            pu = np.array([f"{t + 1}η Πολεοδομική Ενότητα" for t in range(tile_id.max() + 1)], dtype=object)[tile_id]
        else:
            pu = np.full(nb, f"Οικισμός {grid.name}", dtype=object)
        grid.block_global = np.arange(len(block_rows), len(block_rows) + nb)
        serial0 = unit_counter.get(grid.unit_code, 0)
        block_serial = np.empty(nb, np.int64)
        block_serial[order] = serial0 + 1 + np.arange(nb)
        unit_counter[grid.unit_code] = serial0 + nb
        for b in range(nb):
            block_rows.append(
                {"ot_code": codes[b], "planning_unit": pu[b], "community": grid.community, "project_code": None}
            )
        block_geoms.extend(grid.blocks.tolist())
        pb = grid.pblock
        # parcel serial within its block, in generation order
        within = np.zeros(len(pb), np.int64)
        counts = np.bincount(pb, minlength=nb)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        sort = np.argsort(pb, kind="stable")
        within[sort] = np.arange(len(pb)) - np.repeat(starts, counts)
        prefix = "62" + grid.unit_code
        bs = block_serial[pb]
        kaek.extend(f"{prefix}{s:05d}{w + 1:03d}" for s, w in zip(bs.tolist(), within.tolist()))
        ot.extend(codes[pb].tolist())
        blk_global.extend(grid.block_global[pb].tolist())
        sett_of.extend([g_idx] * len(pb))
        parcel_geoms.extend(grid.parcels.tolist())
    geom = np.array(parcel_geoms, dtype=object)
    n = len(geom)
    area = shapely.area(geom)
    reg = np.round(area * (1.0 + rng.normal(0.0, 0.025, n)), 2)
    reg = [None if m else float(r) for r, m in zip(reg.tolist(), (rng.random(n) < 0.05).tolist())]
    u = rng.random(n)
    owner = np.where(u < 0.03, "public", np.where(u < 0.07, "unknown", "private")).astype(object)
    cad = Cadastre(
        geom=geom, kaek=kaek, ot=ot, block=np.array(blk_global), sett=np.array(sett_of), area=area,
        centroid=shapely.centroid(geom), reg=reg, owner=owner, address=[], street=np.array([], dtype=object),
        block_rows=block_rows, block_geom=np.array(block_geoms, dtype=object),
    )
    cad.street, cad.address = _addresses(town, cad)
    town.cadastre = cad


def _addresses(town: Town, cad: Cadastre):
    """The nearest street of each parcel (among the edges around its quad) and its address."""
    st = town.streets
    n_grid = st.n_grid
    offset, length = chainage(st)
    coords = shapely.get_coordinates(st.geom[:n_grid]).reshape(n_grid, 2, 2)
    p = shapely.get_coordinates(cad.centroid)
    # candidates: the streets around the parcel's quad (and its diagonal)
    cand = np.full((len(p), 5), -1)
    for g_idx, grid in enumerate(town.grids):
        mask = cad.sett == g_idx
        local = cad.block[mask] - grid.block_global[0]
        i, j = grid.bi[local], grid.bj[local]
        cand[mask] = np.stack(
            [grid.row_eid[i, j], grid.row_eid[i + 1, j], grid.col_eid[i, j], grid.col_eid[i, j + 1],
             grid.diag_eid[i, j]],
            axis=1,
        )
    a = coords[np.maximum(cand, 0), 0]
    b = coords[np.maximum(cand, 0), 1]
    v = b - a
    t = np.clip(np.einsum("ijk,ijk->ij", p[:, None] - a, v) / np.einsum("ijk,ijk->ij", v, v), 0.0, 1.0)
    dist = np.hypot(*(a + t[..., None] * v - p[:, None]).transpose(2, 0, 1))
    best = np.argmin(np.where(cand >= 0, dist, np.inf), axis=1)
    nearest = cand[np.arange(len(p)), best]
    a, b = coords[nearest, 0], coords[nearest, 1]
    v = b - a
    t = np.clip(np.einsum("ij,ij->i", p - a, v) / np.einsum("ij,ij->i", v, v), 0.0, 1.0)
    s = offset[nearest] + t * length[nearest]
    side = (v[:, 0] * (p[:, 1] - a[:, 1]) - v[:, 1] * (p[:, 0] - a[:, 0])) > 0
    number = 2 * (s // 10.0).astype(np.int64) + np.where(side, 1, 2)
    street = st.name[nearest]
    return street, [f"{nm} {num}" for nm, num in zip(street.tolist(), number.tolist())]


def cadastre_tables(town: Town) -> dict[str, Table]:
    """The `parcel` and `city_block` tables, once the property theme has marked its parcels."""
    cad = town.cadastre
    parcel_rows = [
        {"kaek": k, "ot_code": o, "address": a, "registered_area_m2": r, "owner_type": w, "project_code": None}
        for k, o, a, r, w in zip(cad.kaek, cad.ot, cad.address, cad.reg, cad.owner.tolist())
    ]
    return {
        "parcel": Table.of("parcel", parcel_rows, cad.geom),
        "city_block": Table.of("city_block", cad.block_rows, cad.block_geom),
    }
