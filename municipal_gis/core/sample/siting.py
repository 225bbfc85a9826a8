"""Playgrounds and shared-bike stations: what the siting tools start from.

Playgrounds (DOMAIN.md §4.3, §8)
- Every neighbourhood playground of the estate exists, with an operating mark (σήμα λειτουργίας,
  ΥΑ 28492/2009) valid until `certified_until`: one valid, one lapsed recently, the rest anything
  from 500 days before to 330 days after the reference date; a mark lapsed more than 180 days is
  a closed playground.
- Planned under the ΦΙΛΟΔΗΜΟΣ ΙΙ operation: the six city sites of the source (Πλατεία Ειρήνης in
  the Σιγή area, Πλατεία Ομόνοιας, Ραιδεστού – Κεντρικό Πάρκο on the park's west side, the old
  customs house, Νικομηδείας – Βιζυηνού) and the three community sites (Άνω Μητρούσι, Κάτω
  Καμήλα, Λευκώνας); under the ΣΒΑΑ Φάση Ι: ΟΠ 209Α, 280 m², over-3s.

Bike stations (DOMAIN.md §4.2): the five stations of the ΣΒΑΑ operation, Πλατεία Ελευθερίας,
the Κεντρικό Πάρκο, the ΤΕΙ (the city's north-western edge), the start and the end of Εξοχών,
with 40 docks in all (10, 8, 8, 7, 7).
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import shapely

from municipal_gis.core.sample.common import CENTRE, Table
from municipal_gis.core.sample.names import PLAYGROUND_AGE_GROUPS
from municipal_gis.core.sample.town import Town, quad_cells


def build_playgrounds(town: Town) -> dict[str, Table]:
    """`playground`: existing neighbourhood playgrounds, then the planned sites; places the
    ΦΙΛΟΔΗΜΟΣ ΙΙ project on its sites."""
    rng, ref, cad, estate, prog = town.rng, town.ref, town.cadastre, town.estate, town.programme
    specs = estate.specs
    rows, geoms = [], []
    for n_, idx in enumerate(estate.existing_playgrounds):
        k = specs[idx]["parcel"]
        # one with a valid mark, one whose mark lapsed recently, the rest anything in between
        lo, hi = ((60, 330), (-150, -10))[n_] if n_ < 2 else (-500, 330)
        until = ref + timedelta(days=int(rng.integers(lo, hi)))
        rows.append({
            "name": specs[idx]["name"], "address": cad.address[k],
            "area_m2": round(float(min(cad.area[k], rng.uniform(250.0, 1200.0))), 1),
            "age_group": PLAYGROUND_AGE_GROUPS[int(rng.integers(len(PLAYGROUND_AGE_GROUPS)))],
            "certified_until": until, "status": "closed" if until < ref - timedelta(days=180) else "existing",
            "plan_code": None, "project_code": None,
        })
        geoms.append(shapely.point_on_surface(cad.geom[k]))
    sp = estate.sp_parcel
    planned = [
        ("Παιδική χαρά Πλατείας Ειρήνης", sp["eirinis"], "Πλατεία Ειρήνης, περιοχή Σιγής"),
        ("Παιδική χαρά Πλατείας Ομόνοιας", sp["omonoias"], "Πλατεία Ομόνοιας"),
        ("Παιδική χαρά Ραιδεστού – Κεντρικό Πάρκο", sp["park"], "Ραιδεστού – Κεντρικό Πάρκο"),
        ("Παιδική χαρά στο παλιό τελωνείο", specs[estate.customs]["parcel"], None),
        ("Παιδική χαρά Νικομηδείας – Βιζυηνού", specs[estate.nikomideias]["parcel"], "Νικομηδείας – Βιζυηνού"),
    ]
    planned += [(f"Παιδική χαρά {s['village']}", s["parcel"], None) for s in specs if s.get("village")]
    for name, k, address in planned:
        pt = shapely.point_on_surface(cad.geom[k])
        if k == sp["park"]:  # the park's side on Ραιδεστού (west)
            coords = shapely.get_coordinates(cad.geom[k])
            west = coords[np.argmin(coords[:, 0])]
            cen = shapely.get_coordinates(shapely.centroid(cad.geom[k]))[0]
            pt = shapely.Point(west + 0.25 * (cen - west))
        rows.append({
            "name": name, "address": address or cad.address[k], "area_m2": None, "age_group": "all_ages",
            "certified_until": None, "status": "planned", "plan_code": None, "project_code": prog.code("playgrounds"),
        })
        geoms.append(pt)
        prog.place("playgrounds", shapely.buffer(pt, 10.0, cap_style="square"))
    rows.append({
        "name": "Παιδική χαρά ΟΠ 209Α", "address": "Δημογερόντων – Ν. Νικολάου", "area_m2": 280.0,
        "age_group": "over_3", "certified_until": None, "status": "planned", "plan_code": "209Α",
        "project_code": prog.code("phase1"),
    })
    geoms.append(shapely.point_on_surface(cad.geom[specs[estate.op209]["parcel"]]))
    return {"playground": Table.of("playground", rows, geoms)}


def build_bike_stations(town: Town) -> dict[str, Table]:
    """`bike_station`: the five stations; places the shared-bikes project on them. Draws nothing."""
    nodes, plan, cad, prog = town.city.nodes, town.plan, town.cadastre, town.programme
    sp = town.estate.sp_parcel
    ex = plan.avenues["Εξοχών"]
    si, sj = plan.star
    start = nodes[si, sj]
    if ex:
        li, lj = ex[-1]
        end = nodes[li + 1, lj + 1]
    else:
        end = nodes[si + 1, sj + 1]
    direction = (end - start) / max(1e-9, float(np.hypot(*(end - start))))
    _, _, cells = quad_cells(town.city)
    cc = shapely.get_coordinates(shapely.centroid(cells))
    tei = cc[np.argmax((cc - np.array(CENTRE)) @ np.array([-0.5, 0.866]))]
    stations = [
        ("Πλατεία Ελευθερίας", shapely.point_on_surface(cad.geom[sp["eleftherias"]]), 10),
        ("Κεντρικό Πάρκο", shapely.centroid(cad.geom[sp["park"]]), 8),
        ("ΤΕΙ", shapely.Point(tei), 8),
        ("Αρχή οδού Εξοχών", shapely.Point(start + 3.0 * direction), 7),
        ("Τέλος οδού Εξοχών", shapely.Point(end - 3.0 * direction), 7),
    ]
    rows = [{"name": n, "docks": d, "status": "existing", "project_code": prog.code("bikes")} for n, _, d in stations]
    geoms = [g for _, g, _ in stations]
    for g in geoms:
        prog.place("bikes", shapely.buffer(g, 6.0, cap_style="square"))
    return {"bike_station": Table.of("bike_station", rows, geoms)}
