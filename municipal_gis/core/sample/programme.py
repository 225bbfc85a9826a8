"""The technical programme (Τεχνικό Πρόγραμμα 2019, DOMAIN.md §3–§4): projects, their fundings and
where they are on the map.

- The rows are the real Serres 2019 rows of `resources/sample/technical_programme_rows_serres_2019.csv`
  read by `core.programme.read_programme_rows`; dates become `datetime.date`. The CSV has no
  phase column, so a missing status becomes «continuing» for Σ rows and «approved» for rows
  funded by the ΣΒΑΑ, ΦΙΛΟΔΗΜΟΣ ΙΙ, the ROP (Ε.Π. Κεντρική Μακεδονία) or INTERREG; the rest keep None.
- Themes give the projects they serve a footprint (`Programme.place`): property parcels,
  playground and bike-station sites. `build_programme` adds the places the sources name
  (DOMAIN.md §4.1, §4.4): the Ερμού pavements on both sides from Κ. Καραμανλή to Ελευθερίου
  Βενιζέλου (which also link those street edges to Φάση Ι), the three air-quality stations
  (west entrance on the ΕΟ Σερρών -Θεσσαλονίκης, Πλατεία Εμπορίου, east end of Μ. Αλεξάνδρου),
  audible signals at the 14 busiest junctions nearest the centre, the Ακρόπολη hill north of
  the town and the street markets along Καλαμπάκα.
- A project with a place gets the union of its footprints as a MultiPolygon; the others None.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import shapely
from shapely import affinity

from municipal_gis.core.sample.common import CENTRE, PROGRAMME_CSV, Table
from municipal_gis.core.sample.geometry import _as_multi
from municipal_gis.core.sample.town import Programme, Town, kept_nodes

# key -> words of the project's title that find it in the CSV
PROJECT_KEYS = {
    "phase1": "ΑΣΤΙΚΗΣ ΑΝΑΖΩΟΓΟΝΗΣΗΣ",
    "playgrounds": "ΠΑΙΔΙΚΩΝ ΧΑΡΩΝ",
    "bikes": "ΚΟΙΝΟΧΡΗΣΤΩΝ ΠΟΔΗΛΑΤΩΝ",
    "air": "ΡΥΠΑΝΣΗΣ ΑΤΜΟΣΦΑΙΡΙΚΟΥ",
    "signals": "ΗΧΗΤΙΚΩΝ ΔΙΑΤΑΞΕΩΝ",
    "guesthouses": "ΞΕΝΩΝΩΝ ΧΡΥΣΟΠΗΓΗΣ",
    "depot": "ΑΜΑΞΟΣΤΑΣΙΟΥ",
    "energy": "ΕΝΕΡΓΕΙΑΚΗ ΑΝΑΒΑΘΜΙΣΗ ΔΗΜΟΤΙΚΩΝ ΚΤΙΡΙΩΝ",
    "dipole": "ΠΟΛΙΤΙΣΤΙΚΟΥ ΔΙΠΟΛΟΥ",
    "social": "ΔΟΜΕΣ ΠΑΡΟΧΗΣ ΒΑΣΙΚΩΝ ΑΓΑΘΩΝ",
    "roma": "ΚΕΝΤΡΟ ΚΟΙΝΟΤΗΤΑΣ",
    "women": "ΣΥΜΒΟΥΛΕΥΤΙΚΗΣ ΥΠΟΣΤΗΡΙΞΗΣ",
    "shelter": "ΚΑΤΑΦΥΓΙΟ",
    "acropolis": "ΛΟΦΟΥ ΑΚΡΟΠΟΛΙΣ",
    "markets": "ΛΑΙΚΩΝ ΑΓΟΡΩΝ",
}
# funding sources whose rows are approved operations when the CSV gives no phase
APPROVED_SOURCES = ("svaa_serres", "op_central_macedonia", "filodimos_ii", "interreg_gr_bg")


def read_programme(year: int) -> Programme:
    """The programme's rows, with sample statuses, and the project code of every `PROJECT_KEYS` key."""
    from municipal_gis import paths
    from municipal_gis.core.programme import normalise_key, read_programme_rows

    projects, fundings, _ = read_programme_rows(str(paths.resource(*PROGRAMME_CSV)), year)
    projects = [dict(p) for p in projects]
    fundings = [dict(f) for f in fundings]
    codes = {}
    for key, words in PROJECT_KEYS.items():
        for p in projects:
            if normalise_key(words) in normalise_key(p["title"] or ""):
                codes[key] = p["project_code"]
                break
    sources = {}
    for f in fundings:
        sources.setdefault(f["project_code"], []).append(f["funding_source"])
    for p in projects:
        for field_name in ("start_date", "end_date"):
            if isinstance(p.get(field_name), str):
                p[field_name] = date.fromisoformat(p[field_name])
        if p.get("status") is None:
            if p.get("continuing") == "continuing":
                p["status"] = "continuing"
            elif any(s in APPROVED_SOURCES for s in sources.get(p["project_code"], [])):
                p["status"] = "approved"
    return Programme(projects, fundings, codes)


def build_programme(town: Town) -> dict[str, Table]:
    """The named places of the programme, then `programme_project` (with footprints) and
    `project_funding`. Runs after every theme that places projects; draws nothing."""
    prog, st, plan = town.programme, town.streets, town.plan
    ic, jc = plan.ic, plan.jc
    # Ερμού pavements between Κ. Καραμανλή and Ελευθερίου Βενιζέλου, both sides
    for j in range(jc + 1, jc + 3):
        e = st.edge_lookup.get((0, "r", ic - 1, j))
        if e is None:
            continue
        line = st.geom[e]
        outer = shapely.buffer(line, 6.5, cap_style="flat")
        inner = shapely.buffer(line, 4.0, cap_style="flat")
        prog.place("phase1", shapely.difference(outer, inner))
        st.project[e] = prog.code("phase1")
    # air quality: west entrance (national road), Πλατεία Εμπορίου, east end of Μ. Αλεξάνδρου
    east = [e for e in range(st.n_grid) if st.name[e] == "Μ. Αλεξάνδρου" and st.sett[e] == 0]
    points = [
        shapely.Point(st.eo_start),
        shapely.centroid(town.cadastre.geom[town.estate.sp_parcel["emporiou"]]),
    ]
    if east:
        last = max(east, key=lambda e: st.pos[e])
        points.append(shapely.Point(shapely.get_coordinates(st.geom[last])[1]))
    for p in points:
        prog.place("air", shapely.buffer(p, 4.0, cap_style="square"))
    # audible signals at the 14 busiest junctions nearest the centre
    ends = shapely.get_coordinates(st.geom[: st.n_grid]).reshape(-1, 2, 2)
    city_edges = st.sett[: st.n_grid] == 0
    pts = ends[city_edges].reshape(-1, 2)
    uniq, counts = np.unique(pts, axis=0, return_counts=True)
    junctions = uniq[counts >= 4]
    dist = np.hypot(*(junctions - np.array(CENTRE)).T)
    for p in junctions[np.argsort(dist, kind="stable")[:14]]:
        prog.place("signals", shapely.buffer(shapely.Point(p), 8.0))
    # the Ακρόπολη hill north of the town
    nodes = town.city.nodes[kept_nodes(town.city)]
    top = nodes[np.argmax(nodes[:, 1])]
    prog.place("acropolis", affinity.scale(shapely.buffer(shapely.Point(top[0], top[1] + 650.0), 350.0), 1.4, 0.8))
    # street markets along Καλαμπάκα
    for e in range(st.n_grid):
        if st.name[e] == "Καλαμπάκα" and st.sett[e] == 0:
            prog.place("markets", shapely.buffer(st.geom[e], 5.0, cap_style="flat"))

    footprints = []
    for p in prog.projects:
        key = next((k for k, code in prog.codes.items() if code == p["project_code"]), None)
        parts = prog.footprints.get(key) if key else None
        footprints.append(None if not parts else _as_multi([shapely.union_all(parts)])[0])
    return {
        "programme_project": Table("programme_project", prog.projects, footprints),
        "project_funding": Table.of("project_funding", prog.fundings),
    }
