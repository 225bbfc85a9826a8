"""Leases and encroachments of municipal property (the rules are in `property`'s docstring).

Lessees are people («Γιώργος Παπαδόπουλος») or firms («Καφέ Αστέρια Ιωαννίδης Ο.Ε.») drawn from
`names`; rents are the parcel's area times a rate per m² by property type (`names.LEASE_RATES`),
rounded to 10 €; every lease decision has an ΑΔΑ as posted on Διαύγεια (Greek capitals and
digits, a hyphen, three characters; DOMAIN.md §2).
"""

from __future__ import annotations

from datetime import timedelta

import shapely

from municipal_gis.core.sample.common import EXPIRING_DAYS
from municipal_gis.core.sample.geometry import _polygonal
from municipal_gis.core.sample.names import (
    ADA_CHARS,
    COMPANY_FORMS,
    COMPANY_WORDS,
    GIVEN_NAMES,
    LEASE_PURPOSES,
    LEASE_RATES,
    SURNAMES,
)
from municipal_gis.core.sample.town import Town


def _one(rng, options):
    return options[int(rng.integers(len(options)))]


def person(rng) -> str:
    """A lessee: a person (55 %) or a firm."""
    if rng.random() < 0.55:
        return f"{_one(rng, GIVEN_NAMES)} {_one(rng, SURNAMES)}"
    return f"{_one(rng, COMPANY_WORDS)} {_one(rng, SURNAMES)} {_one(rng, COMPANY_FORMS)}"


def ada(rng) -> str:
    """An ΑΔΑ: 6–8 characters, a hyphen, 3 characters; half of those starting with a digit start with Ω."""
    head = "".join(ADA_CHARS[int(q)] for q in rng.integers(0, len(ADA_CHARS), int(rng.integers(6, 9))))
    tail = "".join(ADA_CHARS[int(q)] for q in rng.integers(0, len(ADA_CHARS), 3))
    if head[0].isdigit() and rng.random() < 0.5:
        head = "Ω" + head[1:]
    return f"{head}-{tail}"


def lease_status(end, ref) -> str:
    if end < ref:
        return "expired"
    if end <= ref + timedelta(days=EXPIRING_DAYS):
        return "expiring"
    return "active"


def lease_records(town: Town, specs: list[dict], apostolidis: int) -> list[dict]:
    """The `lease` records of the properties `specs` (with their codes), in property order."""
    rng, ref, area = town.rng, town.ref, town.cadastre.area
    rows = []

    def lease(spec, start, end, status=None):
        ptype = spec["property_type"] if spec["property_type"] in LEASE_PURPOSES else "building"
        lo, hi = LEASE_RATES[ptype]
        rent = round(float(area[spec["parcel"]]) * float(rng.uniform(lo, hi)), -1) or 50.0
        rows.append({
            "lease_code": f"ΜΙΣ-{len(rows) + 1:04d}", "property_code": spec["code"], "lessee": person(rng),
            "purpose": _one(rng, LEASE_PURPOSES[ptype]), "start_date": start, "end_date": end,
            "annual_rent_eur": rent, "decision_ref": ada(rng), "status": status or lease_status(end, ref),
            "project_code": None,
        })

    n_leased = n_vacant = 0
    for spec in specs:
        if spec["status"] == "leased":
            n_leased += 1
            years = int(rng.choice([3, 4, 6, 9, 12]))
            u = rng.random()
            if n_leased == 2 or (n_leased > 2 and u < 0.2):  # expiring within the next 90 days
                end = ref + timedelta(days=int(rng.integers(1, EXPIRING_DAYS + 1)))
            else:
                end = ref + timedelta(days=int(rng.integers(EXPIRING_DAYS + 30, 365 * years)))
            start = end - timedelta(days=365 * years)
            if rng.random() < 0.3:  # an earlier lease of the same property
                lease(spec, start - timedelta(days=365 * years), start - timedelta(days=1))
            lease(spec, start, end)
        elif spec["status"] == "vacant" and spec["property_type"] != "common_space":
            n_vacant += 1
            u = rng.random()
            u = {1: 0.0, 2: 0.6}.get(n_vacant, u)  # one lease ended, one auction under way
            if u < 0.5:
                end = ref - timedelta(days=int(rng.integers(30, 900)))
                lease(spec, end - timedelta(days=365 * int(rng.choice([3, 6, 9]))), end)
            elif u < 0.7:
                lease(spec, None, None, status="auction_announced")
    lease(specs[apostolidis], None, None, status="planned")
    rows[-1]["purpose"] = "Μίσθωση διώροφης οικίας (κληροδότημα Αποστολίδη)"
    return rows


def encroachment_records(town: Town, specs: list[dict]):
    """`encroachment` records and polygons: on every «encroached» property, and resolved ones on a
    third as many leased or own-use plots and buildings. An «encroached» property with no private
    neighbour to blame is set to «vacant» in `specs`."""
    rng, cad = town.rng, town.cadastre
    tree = shapely.STRtree(cad.geom)
    rows, geoms = [], []
    candidates = [s for s in specs if s["status"] == "encroached"]
    others = [s for s in specs if s["status"] in ("leased", "own_use") and s["property_type"] in ("land", "building")]
    n_resolved = min(len(others), max(1, len(candidates) // 3))
    if n_resolved:
        picks = sorted(rng.choice(len(others), size=n_resolved, replace=False).tolist())
        candidates += [others[q] for q in picks]
    for spec in candidates:
        geom = cad.geom[spec["parcel"]]
        near = [q for q in tree.query(geom, predicate="touches").tolist() if cad.owner[q] == "private"]
        best, best_len, shared = None, 3.0, None
        for q in near:
            line = shapely.intersection(shapely.boundary(geom), shapely.boundary(cad.geom[q]))
            length = shapely.length(line)
            if length > best_len:
                best, best_len, shared = q, length, line
        depth = float(rng.uniform(0.8, 3.5))
        piece = None
        if best is not None:
            piece = shapely.intersection(geom, shapely.buffer(shared, depth, cap_style="flat"))
            piece = _polygonal([piece])[0]
        if piece is None or shapely.is_empty(piece) or shapely.area(piece) < 0.5:
            if spec["status"] == "encroached":  # no private neighbour to blame: call it vacant
                spec["status"] = "vacant"
            continue
        area = float(shapely.area(piece))
        years = int(rng.integers(1, 6))
        status = (
            str(rng.choice(["detected", "notified", "fee_charged", "disputed"]))
            if spec["status"] == "encroached"
            else "resolved"
        )
        rows.append({
            "property_code": spec["code"], "detected_on": town.ref - timedelta(days=int(rng.integers(30, 1500))),
            "area_m2": round(area, 2), "fee_eur": round(area * float(rng.uniform(8.0, 25.0)) * years, 2),
            "neighbour_kaek": cad.kaek[best], "status": status, "project_code": None,
        })
        geoms.append(piece)
    return rows, geoms
