"""Content of the funding-proposal map pack: fact tables and the parcels each project touches.

Pure computation; the Processing algorithm `funding_proposal_maps` draws the pages.
"""

from __future__ import annotations

import html

import numpy as np
import shapely

from municipal_gis.core.programme import format_amount
from municipal_gis.schema.vocabularies import label

FACT_LABELS = {
    "project_code": ("Project code", "Κωδικός έργου"),
    "title": ("Title", "Τίτλος"),
    "ka_codes": ("Budget codes (Κ.Α.)", "Κ.Α."),
    "budget": ("Budget", "Προϋπολογισμός"),
    "funding": ("Funding", "Χρηματοδότηση"),
    "measure": ("Measure", "Άξονας / Μέτρο Ε.Π."),
    "status": ("Phase", "Φάση"),
    "year": ("Programme year", "Έτος προγράμματος"),
}
FACT_ORDER = ("project_code", "ka_codes", "budget", "funding", "measure", "status", "year")
UNREAD = ("not read – see the import report", "μη αναγνώσιμος – βλ. αναφορά εισαγωγής")
YES_NO = {True: ("Yes", "Ναι"), False: ("No", "Όχι")}


def project_facts(project: dict, fundings: list[dict], language: str = "el") -> dict[str, str]:
    """The fact-table values of one project, formatted for the page (Greek amounts in Greek)."""
    i = 1 if language == "el" else 0
    budget = project.get("budget_eur")
    if budget is None:
        budget_text = UNREAD[i]
    elif language == "el":
        budget_text = format_amount(float(budget)) + " €"
    else:
        budget_text = f"€{float(budget):,.2f}"
    parts = []
    for record in fundings:
        name = label("funding_source", record["funding_source"], language) if record.get("funding_source") else ""
        if not name:
            continue
        if record.get("amount_eur") is not None and len(fundings) > 1:
            amount = float(record["amount_eur"])
            name += " (" + (format_amount(amount) + " €" if language == "el" else f"€{amount:,.2f}") + ")"
        parts.append(name)
    if project.get("funding_sought"):
        parts.append("αναζήτηση χρηματοδότησης" if language == "el" else "funding being sought")
    measures = [m.strip() for m in (project.get("op_measure") or "").split(",") if m.strip()]
    return {
        "project_code": str(project.get("project_code") or ""),
        "title": str(project.get("title") or ""),
        "ka_codes": str(project.get("ka_codes") or "–"),
        "budget": budget_text,
        "funding": "; ".join(parts) or "–",
        "measure": "; ".join(f"{m} {label('op_measure', m, language)}" for m in measures) or "–",
        "status": label("project_phase", project["status"], language) if project.get("status") else "–",
        "year": str(project.get("year") or "–"),
    }


def facts_html(facts: dict[str, str], language: str = "el") -> str:
    i = 1 if language == "el" else 0
    rows = "".join(
        f"<tr><td style='color:#555;padding-right:6px;vertical-align:top'>{html.escape(FACT_LABELS[k][i])}</td>"
        f"<td style='vertical-align:top'>{html.escape(facts[k])}</td></tr>" for k in FACT_ORDER)
    return (f"<table style='font-family:DejaVu Sans;font-size:9pt;border-collapse:collapse'>{rows}</table>")


def touched_parcels(location, parcel_geoms, parcel_kaeks, property_geoms=(), property_kaeks=(),
                    min_overlap_m2: float = 0.5, municipal_share: float = 0.5) -> list[tuple[str, bool]]:
    """(ΚΑΕΚ, municipal property?) of the parcels a project location touches.

    A polygonal location touches a parcel when they share more than `min_overlap_m2`; points
    and lines touch the parcels they intersect. A parcel is municipal property when a property
    record carries its ΚΑΕΚ or a property polygon covers at least `municipal_share` of it.
    """
    if location is None or shapely.is_empty(location) or len(parcel_geoms) == 0:
        return []
    parcels = np.asarray(parcel_geoms, dtype=object)
    tree = shapely.STRtree(parcels)
    hits = np.sort(tree.query(location, predicate="intersects"))
    polygonal = shapely.get_type_id(location) in (3, 6) or (
        shapely.get_type_id(location) == 7 and any(shapely.get_type_id(p) in (3, 6)
                                                   for p in shapely.get_parts(location)))
    if polygonal and len(hits):
        overlap = shapely.area(shapely.intersection(parcels[hits], location))
        hits = hits[overlap > min_overlap_m2]
    municipal_kaeks = {k for k in property_kaeks if k}
    props = np.asarray([g for g in property_geoms if g is not None], dtype=object)
    prop_tree = shapely.STRtree(props) if len(props) else None
    out = []
    for index in hits:
        kaek = parcel_kaeks[index]
        municipal = kaek in municipal_kaeks
        if not municipal and prop_tree is not None:
            near = prop_tree.query(parcels[index], predicate="intersects")
            if len(near):
                area = shapely.area(parcels[index])
                shared = float(shapely.area(shapely.intersection(parcels[index], shapely.union_all(props[near]))))
                municipal = area > 0 and shared / area >= municipal_share
        out.append((str(kaek), bool(municipal)))
    return out
