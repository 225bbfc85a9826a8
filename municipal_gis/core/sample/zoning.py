"""Land-use zones of the ΓΠΣ Σερρών (2010) and their history.

- Categories are ΠΔ 59/2018 general categories (DOMAIN.md §5) with the building terms of
  `names.ZONE_RULES` (ΣΔ, κάλυψη, height, floors, αρτιότητα: minimum plot area and frontage).
- Zones group whole quads, to the street centre lines, around random seed quads; the squares
  and the park are «open_space_green» zones of their own; the quads around Πλατεία Ελευθερίας
  and the inner quarter of the town are town centre, the production district low/medium
  nuisance production, the outskirts partly pure residential.
- A 2016 amendment (`names.AMEND_*`) splits one to three zones with a straight line across
  blocks and parcels; the zone as it was before stays, superseded (valid_to the day before).
- The 1985 plan's smaller town centre (valid_to 2010-05-11) overlaps the zones in force on
  purpose, so that tools which must pick the plan in force at a date have a choice.
- Zones in force (valid_to None) do not overlap each other and cover every parcel; every
  village is one settlement zone (Οριοθέτηση οικισμού, 1987).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import shapely

from municipal_gis.core.sample.common import CENTRE, Table
from municipal_gis.core.sample.geometry import _coverage_union
from municipal_gis.core.sample.names import (
    AMEND_FEK,
    AMEND_FROM,
    AMEND_PLAN,
    GPS_FEK,
    GPS_FROM,
    GPS_PLAN,
    OLD_FEK,
    OLD_FROM,
    OLD_PLAN,
    OLD_TO,
    ZONE_RULES,
)
from municipal_gis.core.sample.town import Town, group_union, quad_cells


def zone_record(cat, counters, plan, fek, valid_from, valid_to) -> dict:
    """A zone of category `cat` with its building terms; `counters` numbers the codes per prefix
    («ΓΚ3»), None gives the 1985 code («ΠΚ-1985»)."""
    prefix, far, cov, height, floors, min_plot, min_front = ZONE_RULES[cat]
    if counters is None:
        code = f"{prefix}-1985"
    else:
        counters[prefix] = counters.get(prefix, 0) + 1
        code = f"{prefix}{counters[prefix]}"
    return {
        "zone_code": code, "category_code": cat, "special_use": None, "far": far, "coverage_pct": cov,
        "max_height_m": height, "max_floors": floors, "min_plot_area_m2": min_plot, "min_frontage_m": min_front,
        "plan_name": plan, "fek_ref": fek, "valid_from": valid_from, "valid_to": valid_to, "project_code": None,
    }


def build_zoning(town: Town) -> dict[str, Table]:
    """`land_use_zone`: the city's zones in force, the 2016 splits, the superseded zones, the villages."""
    from scipy.spatial import cKDTree

    rng, plan, grid = town.rng, town.plan, town.city
    qi, qj, cells = quad_cells(grid)
    centres = shapely.get_coordinates(shapely.centroid(cells))
    nq = len(qi)
    special = np.zeros(nq, bool)
    for i, j in plan.sp.values():
        special |= (qi == i) & (qj == j)
    n_seeds = max(4, nq // 12)
    seeds = rng.choice(np.flatnonzero(~special), size=min(n_seeds, int((~special).sum())), replace=False)
    seeds.sort()
    _, nearest = cKDTree(centres[seeds]).query(centres)
    label = nearest.astype(np.int64)
    label[special] = len(seeds) + np.arange(special.sum())
    geoms, labs = group_union(cells, label)
    rows, zone_geoms = [], []
    counters = {}
    d = centres - np.array(CENTRE)
    prod = plan.is_prod(centres, plan.r_city)
    cuts = []
    for geom, lab in zip(geoms, labs):
        members = label == lab
        if lab >= len(seeds):
            cat = "open_space_green"
        else:
            # the zone's mean distance from the centre; the quads around Πλατεία Ελευθερίας are
            # always town centre
            rn = float(np.hypot(d[members, 0], d[members, 1]).mean()) / plan.r_city
            near_square = (np.abs(qi[members] - plan.ic) <= 1) & (np.abs(qj[members] - plan.jc) <= 1)
            u = rng.random()
            if rn < 0.25 or near_square.any():
                cat = "urban_centre"
            elif prod[members].mean() > 0.5:
                cat = "production_low_medium"
            elif rn > 0.8 and u < 0.5:
                cat = "pure_residential"
            elif u > 0.93:
                cat = "community_facilities"
            else:
                cat = "general_residential"
        row = zone_record(cat, counters, GPS_PLAN, GPS_FEK, GPS_FROM, None)
        if cat != "open_space_green" and members.sum() >= 4:
            cuts.append((cat != "general_residential", len(rows)))
        rows.append(row)
        zone_geoms.append(geom)
    # the 2016 amendment: residential zones first, in random order
    n_cut = 1 if nq < 200 else 3
    draws = rng.random(len(cuts))
    chosen = [z for _, _, z in sorted((other, float(r), z) for (other, z), r in zip(cuts, draws))]
    superseded = []
    for z in chosen:
        if n_cut == 0:
            break
        geom = zone_geoms[z]
        c = shapely.get_coordinates(shapely.centroid(geom))[0]
        ang = plan.angle + rng.uniform(0.35, 1.2)
        dvec = np.array([math.cos(ang), math.sin(ang)])
        nvec = np.array([-dvec[1], dvec[0]])
        big = 1e5
        half = shapely.Polygon([c - dvec * big, c + dvec * big, c + dvec * big + nvec * big, c - dvec * big + nvec * big])
        a = shapely.intersection(geom, half)
        b = shapely.difference(geom, half)
        if shapely.area(a) < 1500.0 or shapely.area(b) < 1500.0:
            continue
        n_cut -= 1
        old = dict(rows[z])
        old["valid_to"] = AMEND_FROM - timedelta(days=1)
        superseded.append((old, geom))
        zone_geoms[z] = a
        new = zone_record("urban_centre", counters, AMEND_PLAN, AMEND_FEK, AMEND_FROM, None)
        new["special_use"] = "Τοπικό κέντρο γειτονιάς"
        rows.append(new)
        zone_geoms.append(b)
    # the 1985 plan: a smaller town centre, superseded in 2010
    rn_q = np.hypot(d[:, 0], d[:, 1]) / plan.r_city
    old_centre = _coverage_union(cells[rn_q < 0.2])
    if not shapely.is_empty(old_centre):
        superseded.append((zone_record("urban_centre", None, OLD_PLAN, OLD_FEK, OLD_FROM, OLD_TO), old_centre))
    for row, geom in superseded:
        rows.append(row)
        zone_geoms.append(geom)
    # villages: one settlement zone each
    for n, v in enumerate(town.villages, start=1):
        _, _, vcells = quad_cells(v)
        rows.append({
            "zone_code": f"ΟΙΚ-{n}", "category_code": "general_residential", "special_use": None, "far": 0.8,
            "coverage_pct": 60.0, "max_height_m": 8.5, "max_floors": 2, "min_plot_area_m2": 500.0,
            "min_frontage_m": 12.0, "plan_name": f"Οριοθέτηση οικισμού {v.name}",
            "fek_ref": f"ΦΕΚ {300 + 7 * n}/Δ/15.4.1987", "valid_from": date(1987, 4, 15), "valid_to": None,
            "project_code": None,
        })
        zone_geoms.append(_coverage_union(vcells))
    return {"land_use_zone": Table.of("land_use_zone", rows, zone_geoms)}
