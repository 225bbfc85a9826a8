"""Census blocks with the indicators of urban deprivation, and the communities and municipal units.

Census blocks
- Groups of 2×3 quads in the city, 3×3 in the villages; codes are the ΚΑΕΚ unit code + a
  five-digit serial.
- Residents per parcel: dense apartment blocks in the centre (2.5 + 14·e^(−2 r²) expected), houses
  outside (2.6), few in the production district (0.3); a block's population is a Poisson draw.
- Indicators are binomial draws whose rates follow two spatially clustered deprivation bumps, the
  Roma neighbourhood around Ανατολικής Θράκης in the east (DOMAIN.md §4.5: the ΡΟΜΑ branch of the
  Κέντρο Κοινότητας) and an older neighbourhood in the south-west, so hot-spot analysis finds them.
- Shares are fractions 0…1 of their base (unemployed / labour force, low education / adults 25–64,
  overcrowded / households, non-nationals / population, pre-1980 / dwellings), None when the
  base is 0.

Communities (Καλλικράτης, DOMAIN.md §2)
- Δ.Κ. Σερρών is the city 600 m around its quads; every Τ.Κ. is the Voronoi cell of its village
  within the municipality's territory; each Δ.Ε. (Σερρών, Σκουτάρεως, Μητρούση, Λευκώνα) is the
  union of its communities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from municipal_gis.core.sample.common import CENTRE, Table
from municipal_gis.core.sample.geometry import _coverage_union
from municipal_gis.core.sample.names import CITY_COMMUNITY, CITY_UNIT, UNITS
from municipal_gis.core.sample.town import Town, cell, group_union, quad_cells


@dataclass
class CensusBlocks:
    """What the regeneration theme reads: the census records, their polygons and settlements."""

    rows: list[dict]
    geoms: list
    settlement: list[int]  # 0 the city, 1… the villages


def _census_record(rng, code, community, lam, dep, centre_old, rural) -> dict:
    pop = int(rng.poisson(lam))
    p014 = int(rng.binomial(pop, 0.13 + 0.06 * dep))
    p65 = int(rng.binomial(pop - p014, (0.30 if rural else 0.22) - 0.08 * dep))
    working_age = pop - p014 - p65
    adults = int(rng.binomial(working_age, 0.80))
    labour = int(rng.binomial(working_age, 0.66))
    unemployed = int(rng.binomial(labour, 0.10 + 0.35 * dep))
    low_edu = int(rng.binomial(adults, 0.18 + 0.40 * dep + (0.1 if rural else 0.0)))
    households = 0 if pop == 0 else max(1, int(round(pop / (2.5 + 0.9 * dep))))
    overcrowded = int(rng.binomial(households, 0.04 + 0.30 * dep))
    non_nat = int(rng.binomial(pop, 0.03 + 0.20 * dep))
    dwellings = households + int(rng.binomial(households, 0.18))
    old = int(rng.binomial(dwellings, min(0.95, 0.30 + 0.30 * centre_old + 0.30 * dep + (0.2 if rural else 0))))

    def share(a, b):
        return round(a / b, 4) if b else None

    return {
        "block_code": code, "community": community, "population": pop, "pop_0_14": p014, "pop_65_plus": p65,
        "labour_force": labour, "unemployed": unemployed, "adults_25_64": adults, "low_education": low_edu,
        "households": households, "overcrowded_households": overcrowded, "non_nationals": non_nat,
        "dwellings": dwellings, "dwellings_pre_1980": old, "unemployment_rate": share(unemployed, labour),
        "low_education_share": share(low_edu, adults), "overcrowding_share": share(overcrowded, households),
        "non_national_share": share(non_nat, pop), "old_housing_share": share(old, dwellings),
        "project_code": None,
    }


def build_census(town: Town) -> dict[str, Table]:
    """`census_block`; leaves the blocks in `town.census` for the regeneration theme."""
    rng, plan, cad = town.rng, town.plan, town.cadastre
    rows, geoms, parts = [], [], []
    c = shapely.get_coordinates(cad.centroid)
    d = c - np.array(CENTRE)
    rn = np.hypot(d[:, 0], d[:, 1]) / plan.r_city
    lam = np.where(cad.sett == 0, 2.5 + 14.0 * np.exp(-2.0 * rn**2), 2.6)
    lam = np.where((cad.sett == 0) & plan.is_prod(c, plan.r_city), 0.3, lam)
    sigma = max(250.0, 0.2 * plan.r_city)
    dep_xy = [shapely.get_coordinates(shapely.centroid(cell(town.city, *ij)))[0] for ij in plan.deprived]
    seq = 0
    for g_idx, grid in enumerate(town.grids):
        qi, qj, cells = quad_cells(grid)
        ti, tj = (qi // 2, qj // 3) if grid.is_city else (qi // 3, qj // 3)
        _, tile = np.unique(np.stack([ti, tj], axis=1), axis=0, return_inverse=True)
        tile = tile.ravel()
        tgeoms, tlabs = group_union(cells, tile)
        # parcels -> census tile through their block's quad
        quad_tile = np.full(grid.keep.shape, -1)
        quad_tile[qi, qj] = tile
        mask = cad.sett == g_idx
        pblock_local = cad.block[mask] - grid.block_global[0]
        ptile = quad_tile[grid.bi[pblock_local], grid.bj[pblock_local]]
        lam_t = np.bincount(ptile, weights=lam[mask], minlength=len(tgeoms))
        for geom, lab in zip(tgeoms, tlabs):
            seq += 1
            x = shapely.get_coordinates(shapely.centroid(geom))[0]
            dep = 0.0
            if grid.is_city:
                for w, p in zip((1.0, 0.8), dep_xy):
                    dep += w * math.exp(-float(np.sum((x - p) ** 2)) / (2 * sigma**2))
            dep = float(np.clip(dep + rng.normal(0.0, 0.05), 0.0, 1.0))
            centre_old = 1.0 if grid.is_city and math.hypot(*(x - np.array(CENTRE))) < 0.4 * plan.r_city else 0.0
            rows.append(_census_record(rng, f"{grid.unit_code}{seq:05d}", grid.community, lam_t[lab], dep,
                                       centre_old, not grid.is_city))
            geoms.append(geom)
            parts.append(g_idx)
    town.census = CensusBlocks(rows, geoms, parts)
    return {"census_block": Table.of("census_block", rows, geoms)}


def build_communities(town: Town) -> dict[str, Table]:
    """`community`: Δ.Κ. Σερρών, a Τ.Κ. per village, and the four Δ.Ε."""
    rng = town.rng
    _, _, ccells = quad_cells(town.city)
    city_area = shapely.simplify(shapely.buffer(_coverage_union(ccells), 600.0), 25.0)
    dists = [math.hypot(*(v.centre - np.array(CENTRE))) for v in town.villages]
    radius = max(dists) + 3500.0
    phi = np.linspace(0, 2 * math.pi, 97)[:-1]
    a, b = rng.uniform(0, 2 * math.pi, 2)
    r = radius * (1.0 + 0.08 * np.sin(3 * phi + a) + 0.05 * np.sin(5 * phi + b))
    territory = shapely.Polygon(np.stack([CENTRE[0] + r * np.cos(phi), CENTRE[1] + r * np.sin(phi)], axis=1))
    city_comm = shapely.intersection(city_area, territory)
    pts = shapely.points(np.array([v.centre for v in town.villages]))
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=territory))

    def row(name, kind, unit, is_city=False):
        return {"name": name, "kind": kind, "municipal_unit": unit, "is_city": is_city, "project_code": None}

    rows = [row(CITY_COMMUNITY, "municipal_community", CITY_UNIT, True)]
    geoms = [city_comm]
    for v, p in zip(town.villages, pts):
        vcell = next(c for c in cells if shapely.contains(c, p))
        rows.append(row(v.community, "local_community", v.unit))
        geoms.append(shapely.difference(shapely.intersection(vcell, territory), city_comm))
    for unit in UNITS:
        parts = [g for r_, g in zip(rows, geoms) if r_["municipal_unit"] == unit and r_["kind"] != "municipal_unit"]
        rows.append(row(unit, "municipal_unit", unit))
        geoms.append(shapely.union_all(parts))
    return {"community": Table.of("community", rows, geoms)}
