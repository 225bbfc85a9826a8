"""Municipal property (Γραφείο Διαχείρισης Δημοτικής Περιουσίας, DOMAIN.md §1.2), its leases, bequests
and encroachments.

- Every property is a whole parcel (same geometry and ΚΑΕΚ) whose owner becomes «municipal»,
  and every municipal parcel is a property (codes «ΔΠ-0001»…).
- The places the sources name are there: the squares and the Κεντρικό Πάρκο (expropriations
  continue there), ΟΠ 209Α at Δημογερόντων – Ν. Νικολάου and the site at Νικομηδείας –
  Βιζυηνού (playground sites, DOMAIN.md §4.1, §4.3), the two-storey house of the κληροδότημα
  Αποστολίδη on Μεραρχίας under maintenance to be let (§1.2), the Δημαρχείο, the social
  facilities at their addresses (§4.5), the old customs house, the depot, the animal shelter
  (forest-character check), a building of the former Παπαλουκά camp, the Χρυσοπηγή guesthouses,
  two former town halls and the community playground sites of Άνω Μητρούσι, Κάτω Καμήλα and
  Λευκώνας; then neighbourhood playgrounds (one per 1 500 parcels, at least 4) and plots, shops,
  flats and farm land up to 1.5 % of the parcels.
- Leases (εκμίσθωση) run 3–12 years; their status is judged on 31 December of the year:
  active (ends more than 90 days later), expiring (within 90 days), expired. Some leased
  properties had an earlier lease; vacant ones have an expired lease, an auction under way or
  nothing; the Αποστολίδη house has a planned lease. Decisions carry an ΑΔΑ (Διαύγεια).
- Encroachments (καταπάτηση) are strips along the boundary shared with a private neighbour,
  0.8–3.5 m deep, with the τέλος αυθαίρετης χρήσης charged for 1–5 years at 8–25 €/m²; a third
  as many resolved ones lie on leased or own-use land and buildings. An «encroached» property
  without a private neighbour becomes vacant.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from municipal_gis.core.sample.common import CENTRE, Table
from municipal_gis.core.sample.leases import encroachment_records, lease_records
from municipal_gis.core.sample.names import (
    ACQUISITIONS,
    CITY_PROPERTY_KINDS,
    PROPERTY_STATUS_MIX,
    PROPERTY_STATUSES,
    SOCIAL_BUILDINGS,
    SQUARE_NAMES,
    SURNAMES,
)
from municipal_gis.core.sample.town import Town


@dataclass
class Estate:
    """The municipality's properties, as specs (parcel index, name, type, status…), and the ones
    other themes look for (indices into `specs`)."""

    specs: list[dict] = field(default_factory=list)
    sp_parcel: dict[str, int] = field(default_factory=dict)  # square / park key -> parcel index
    op209: int = -1
    nikomideias: int = -1
    apostolidis: int = -1
    customs: int = -1
    existing_playgrounds: list[int] = field(default_factory=list)


def _acquire(town: Town) -> Estate:
    """Choose the municipality's parcels, in a fixed draw order."""
    rng, cad, plan, city = town.rng, town.cadastre, town.plan, town.city
    n = len(cad.geom)
    used = np.zeros(n, bool)
    city_mask = cad.sett == 0
    c = shapely.get_coordinates(cad.centroid)
    d = c - np.array(CENTRE)
    rn = np.hypot(d[:, 0], d[:, 1]) / plan.r_city
    street = cad.street
    estate = Estate()
    specs = estate.specs

    def pick(mask):
        # a few random draws first: scanning 200 000 parcels for every pick is slow
        for k in rng.integers(0, n, 64).tolist():
            if mask[k] and not used[k]:
                used[k] = True
                return k
        cand = np.flatnonzero(mask & ~used)
        if len(cand) == 0:
            cand = np.flatnonzero(city_mask & ~used)
        k = int(rng.choice(cand))
        used[k] = True
        return k

    def add(k, **kw):
        used[k] = True
        specs.append(dict(parcel=k, **kw))
        return len(specs) - 1

    def on(name):
        return city_mask & (street == name)

    for key, (i, j) in plan.sp.items():
        k = int(cad.city_quad_parcels(city, i, j)[0])
        estate.sp_parcel[key] = k
        name = SQUARE_NAMES[key]
        cad.address[k] = "Πλατεία Ειρήνης, περιοχή Σιγής" if key == "eirinis" else name
        add(k, name=name, property_type="common_space",
            acquisition="expropriation" if key == "park" else "land_contribution",
            current_use="Δημοτικό πάρκο" if key == "park" else "Πλατεία", status="own_use",
            project=("phase1" if key == "eleftherias" else None))
    # ΟΠ 209Α: the corner parcel at Δημογερόντων – Ν. Νικολάου
    ji, jj = plan.junctions["dimogeronton"]
    node = city.nodes[ji, jj]
    cand = cad.city_quad_parcels(city, ji - 1, jj - 1)
    if len(cand) == 0:
        cand = np.flatnonzero(city_mask & ~used)
    k = int(cand[np.argmin(np.hypot(*(c[cand] - node).T))]) if not used[cand].all() else pick(city_mask)
    cad.address[k] = "Δημογερόντων – Ν. Νικολάου"
    estate.op209 = add(k, name="Χώρος παιδικής χαράς ΟΠ 209Α", property_type="common_space",
                       acquisition="land_contribution", current_use="Κοινόχρηστος χώρος (ΟΠ 209Α)",
                       status="own_use", project="phase1")
    ni, nj = plan.junctions["nikomideias"]
    node = city.nodes[min(ni, city.nodes.shape[0] - 1), min(nj, city.nodes.shape[1] - 1)]
    free = np.flatnonzero(city_mask & ~used)
    k = int(free[np.argmin(np.hypot(*(c[free] - node).T))])
    cad.address[k] = "Νικομηδείας – Βιζυηνού"
    estate.nikomideias = add(k, name="Χώρος παιδικής χαράς Νικομηδείας – Βιζυηνού", property_type="common_space",
                             acquisition="land_contribution", current_use="Κοινόχρηστος χώρος", status="own_use",
                             project="playgrounds")
    estate.apostolidis = add(pick(on("Μεραρχίας")), name="Διώροφη οικία κληροδοτήματος Αποστολίδη",
                             property_type="building", acquisition="bequest", bequest_name="Κληροδότημα Αποστολίδη",
                             current_use="Κατοικία (υπό συντήρηση για εκμίσθωση)", status="under_maintenance",
                             listed=True)
    beside = cad.city_quad_parcels(city, plan.ic, plan.jc + 1)
    k = int(beside[0]) if len(beside) else pick(city_mask)
    k = k if not used[k] else pick(city_mask & (rn < 0.3))
    add(k, name="Δημαρχείο Σερρών", property_type="building", acquisition="state_grant", current_use="Δημαρχείο",
        status="own_use", project="energy")
    for name, st, num, use, proj in SOCIAL_BUILDINGS:
        k = pick(on(st))
        if num is not None:
            cad.address[k] = f"{st} {num}"
        add(k, name=name, property_type="building", acquisition="purchase", current_use=use, status="own_use",
            project=proj)
    estate.customs = add(pick(city_mask & (rn > 0.25) & (rn < 0.6)), name="Παλιό τελωνείο", property_type="building",
                         acquisition="state_grant", current_use="Αχρησιμοποίητο κτίριο", status="vacant", listed=True)
    cand = np.flatnonzero(city_mask & plan.is_prod(c, plan.r_city) & ~used)
    k = int(cand[np.argmax(cad.area[cand])]) if len(cand) else pick(city_mask & (rn > 0.6))
    add(k, name="Αμαξοστάσιο Δήμου Σερρών", property_type="facility", acquisition="purchase",
        current_use="Αμαξοστάσιο", status="own_use", project="depot")
    add(pick(city_mask & (rn > 0.7)), name="Δημοτικό καταφύγιο αδέσποτων ζώων", property_type="facility",
        acquisition="purchase", current_use="Καταφύγιο ζώων συντροφιάς", status="own_use", project="shelter",
        forest=True)
    add(pick(city_mask & (rn > 0.55) & (d[:, 1] > 0)), name="Κτίριο Κ1 πρώην στρατοπέδου Παπαλουκά",
        property_type="building", acquisition="state_grant", current_use="Μουσείο σύγχρονης τέχνης (υπό διαμόρφωση)",
        status="under_maintenance", listed=True, project="dipole")
    for g_idx, v in enumerate(town.villages, start=1):
        vm = cad.sett == g_idx
        if v.name == "Χρυσοπηγή":
            add(pick(vm), name="Δημοτικοί Ξενώνες Χρυσοπηγής", property_type="building",
                acquisition="merger_succession", current_use="Ξενώνες", status="under_maintenance",
                project="guesthouses")
        if v.name in ("Σκούταρι", "Λευκώνας"):
            gen = "Σκουτάρεως" if v.name == "Σκούταρι" else "Λευκώνα"
            add(pick(vm), name=f"Πρώην Δημαρχείο {gen}", property_type="building", acquisition="merger_succession",
                current_use="Δημοτικές υπηρεσίες / ΚΕΠ", status="own_use", project="energy")
        if v.name in ("Άνω Μητρούσι", "Κάτω Καμήλα", "Λευκώνας"):
            cand = np.flatnonzero(vm & ~used)
            k = int(cand[np.argmin(np.hypot(*(c[cand] - v.centre).T))])
            add(k, name=f"Χώρος παιδικής χαράς {v.name}", property_type="common_space",
                acquisition="merger_succession", current_use="Κοινόχρηστος χώρος", status="own_use",
                project="playgrounds", village=v.name)
    # existing neighbourhood playgrounds
    for _ in range(max(4, round(n / 1500))):
        k = pick(city_mask & (rn < 0.95))
        estate.existing_playgrounds.append(
            add(k, name=f"Παιδική χαρά οδού {street[k]}", property_type="common_space",
                acquisition="land_contribution", current_use="Παιδική χαρά", status="own_use"))
    # the rest: plots, shops, flats and farm land
    n_total = max(len(specs) + 8, round(0.015 * n))
    mix = list(PROPERTY_STATUS_MIX)
    while len(specs) < n_total:
        village = rng.random() < 0.15
        k = pick(~city_mask if village else city_mask)
        if village:
            ptype, label = ("agricultural_land", "Αγροτεμάχιο") if rng.random() < 0.5 else ("pasture", "Βοσκότοπος")
        else:
            ptype, label = CITY_PROPERTY_KINDS[int(rng.integers(len(CITY_PROPERTY_KINDS)))]
        acq = ACQUISITIONS[int(rng.integers(len(ACQUISITIONS)))]
        spec = dict(name=f"{label} {street[k]}", property_type=ptype, acquisition=acq, current_use=None,
                    status=mix.pop(0) if mix else PROPERTY_STATUSES[int(rng.integers(len(PROPERTY_STATUSES)))],
                    forest=village and rng.random() < 0.5)
        if acq == "bequest":
            spec["bequest_name"] = f"Κληροδότημα {SURNAMES[int(rng.integers(len(SURNAMES)))]}"
        add(k, **spec)
    for n_, s in enumerate(specs, start=1):
        cad.owner[s["parcel"]] = "municipal"
        s["code"] = f"ΔΠ-{n_:04d}"
    return estate


def build_property(town: Town) -> dict[str, Table]:
    """`municipal_property`, `lease` and `encroachment`; marks the property's parcels municipal in
    the cadastre (and names the squares' addresses) and leaves the estate in `town.estate` for
    the siting theme."""
    cad, prog = town.cadastre, town.programme
    estate = _acquire(town)
    leases = lease_records(town, estate.specs, estate.apostolidis)
    enc_rows, enc_geoms = encroachment_records(town, estate.specs)  # may turn «encroached» into «vacant»
    rows, geoms = [], []
    for s in estate.specs:
        k = s["parcel"]
        rows.append({
            "property_code": s["code"], "name": s["name"], "kaek": cad.kaek[k], "property_type": s["property_type"],
            "acquisition": s["acquisition"], "bequest_name": s.get("bequest_name"),
            "current_use": s.get("current_use"), "status": s["status"], "address": cad.address[k],
            "ot_code": cad.ot[k], "registered_area_m2": cad.reg[k], "forest_check": bool(s.get("forest", False)),
            "listed_building": bool(s.get("listed", False)), "project_code": prog.code(s.get("project")),
        })
        geoms.append(cad.geom[k])
        if s.get("project"):
            prog.place(s["project"], cad.geom[k])
    town.estate = estate
    return {
        "municipal_property": Table.of("municipal_property", rows, geoms),
        "lease": Table.of("lease", leases),
        "encroachment": Table.of("encroachment", enc_rows, enc_geoms),
    }
