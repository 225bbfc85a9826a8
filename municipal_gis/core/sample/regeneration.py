"""Urban regeneration zones (DOMAIN.md §4.1): the ΣΒΑΑ Σερρών intervention area and the proposed
«Ανοικτό Κέντρο Εμπορίου πόλης Σερρών».

- Both are unions of whole census blocks of the city, so their population is the sum of the
  blocks' populations: the ΣΒΑΑ area (approved, linked to Φάση Ι) takes the blocks within
  0.45 of the city's radius of the centre or 0.3 of it of the Roma neighbourhood; the commercial
  centre (proposed, Ε.Π. Ανταγωνιστικότητα, Επιχειρηματικότητα & Καινοτομία 2014-2020) the
  blocks within 0.25 of the radius. A zone that would be empty takes the block nearest the centre.
"""

from __future__ import annotations

import numpy as np
import shapely

from municipal_gis.core.sample.common import CENTRE, Table
from municipal_gis.core.sample.geometry import _coverage_union
from municipal_gis.core.sample.town import Town, cell


def build_regeneration(town: Town) -> dict[str, Table]:
    """`regeneration_zone` from the census blocks of `town.census`. Draws nothing."""
    r, census, prog = town.plan.r_city, town.census, town.programme
    dep = shapely.get_coordinates(shapely.centroid(cell(town.city, *town.plan.deprived[0])))[0]
    cen = np.array([shapely.get_coordinates(shapely.centroid(g))[0] for g in census.geoms])
    city = np.array(census.settlement) == 0
    dc = np.hypot(*(cen - np.array(CENTRE)).T)
    dd = np.hypot(*(cen - dep).T)
    zones = (
        ("Περιοχή παρέμβασης ΣΒΑΑ Σερρών", "ΣΒΑΑ Σερρών", "approved", city & ((dc < 0.45 * r) | (dd < 0.3 * r)),
         "phase1"),
        ("Ανοικτό Κέντρο Εμπορίου πόλης Σερρών",
         "Ε.Π. Ανταγωνιστικότητα, Επιχειρηματικότητα & Καινοτομία 2014-2020", "proposed", city & (dc < 0.25 * r),
         None),
    )
    rows, geoms = [], []
    for name, programme, status, mask, proj in zones:
        idx = np.flatnonzero(mask)
        if len(idx) == 0:
            idx = np.array([int(np.argmin(np.where(city, dc, np.inf)))])
        rows.append({
            "name": name, "programme": programme, "status": status, "project_code": prog.code(proj),
            "population": int(sum(census.rows[q]["population"] for q in idx.tolist())),
        })
        geoms.append(_coverage_union([census.geoms[q] for q in idx.tolist()]))
    return {"regeneration_zone": Table.of("regeneration_zone", rows, geoms)}
