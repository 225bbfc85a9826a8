"""The street network and its names.

- Streets are the grid edges (and the avenues' diagonals) as two-point LineStrings from node to
  node, so every junction is a shared end point (network-ready). Roads to the villages start
  and end on nodes; the national road to Thessaloniki (ΕΟ Σερρών -Θεσσαλονίκης) leaves the city
  towards the south-west.
- The real Serres streets of the sources keep their places (DOMAIN.md §4: Ερμού from the
  pedestrian Κ. Καραμανλή to Ελευθερίου Βενιζέλου / Βασιλέως Βασιλείου, Δημογερόντων –
  Ν. Νικολάου, Ραιδεστού by the Κεντρικό Πάρκο, Νικομηδείας – Βιζυηνού, Καλαμπάκα, Δημητρίου
  Σπυρίδη, Ανατολικής Θράκης in the Roma neighbourhood, Μεραρχίας, Μ. Αλεξάνδρου east…); the
  other grid lines take names from `names.CITY_STREETS`, then initials + surnames, in runs of
  5–15 edges. Village streets are named one per grid line.
- `street_class`: primary, local, pedestrian (Κ. Καραμανλή) or interurban (roads between the
  settlements, not walkable; everything else is walkable).
"""

from __future__ import annotations

import math

import numpy as np
import shapely

from municipal_gis.core.sample.common import Table
from municipal_gis.core.sample.names import CITY_STREETS, INITIALS, STREET_SURNAMES, VILLAGE_STREETS, VILLAGES
from municipal_gis.core.sample.town import Streets, Town, kept_nodes

PRIMARY = {"Μ. Αλεξάνδρου", "Εθνικής Αντιστάσεως", "Εξοχών", "Κωνσταντινουπόλεως", "Ερμού", "Ελευθερίου Βενιζέλου"}


def _city_names(town: Town, grid):
    rng = town.rng
    plan = town.plan
    rows1, cols1 = grid.nodes.shape[:2]
    ic, jc = plan.ic, plan.jc
    di, dj = plan.deprived[0]
    specials = [  # (row or column, name, grid line, from, to); later entries win where two overlap
        ("row", "Ανατολικής Θράκης", di, dj - 3, dj + 4),
        ("row", "Καλαμπάκα", ic + 4, jc - 3, jc + 4),
        ("col", "Δημητρίου Σπυρίδη", jc - 1, ic + 3, ic + 8),
        ("col", "Ι. Δραγούμη", jc + 5, ic - 2, ic + 4),
        ("row", "Ερμού", ic - 1, jc - 5, jc + 6),
        ("col", "Κ. Καραμανλή", jc + 1, ic - 3, ic + 1),
        ("col", "Ελευθερίου Βενιζέλου", jc + 3, ic - 1, ic + 5),
        ("col", "Βασιλέως Βασιλείου", jc + 3, ic - 5, ic - 1),
        ("row", "Μεραρχίας", ic + 2, jc - 6, jc + 3),
        ("row", "Μ. Αλεξάνδρου", ic + 1, jc, cols1 - 1),
        ("row", "Εθνικής Αντιστάσεως", ic + 1, 0, jc),
        ("row", "Δημογερόντων", ic - 3, jc - 7, jc + 1),
        ("col", "Ν. Νικολάου", jc - 2, ic - 7, ic + 1),
    ]
    pi, pj = plan.sp["park"]
    ni, nj = plan.junctions["nikomideias"]
    specials += [
        ("col", "Ραιδεστού", pj, pi - 3, pi + 3),
        ("row", "Νικομηδείας", ni, nj - 4, nj + 4),
        ("col", "Βιζυηνού", nj, ni - 4, ni + 4),
    ]
    taken = {s[1] for s in specials} | set(plan.avenues)
    pool = [n for n in CITY_STREETS if n not in taken]
    pool = [pool[q] for q in rng.permutation(len(pool))]
    combos = [f"{a} {s}" for s in STREET_SURNAMES for a in INITIALS]
    pool += [combos[q] for q in rng.permutation(len(combos))]
    used = [0]

    def next_name():
        n = used[0]
        used[0] += 1
        return pool[n] if n < len(pool) else f"Οδός {n - len(pool) + 1}"

    row_names = np.empty((rows1, cols1 - 1), dtype=object)
    col_names = np.empty((rows1 - 1, cols1), dtype=object)
    for line in range(rows1):
        pos = 0
        while pos < cols1 - 1:
            run = int(rng.integers(5, 16))
            row_names[line, pos : pos + run] = next_name()
            pos += run
    for line in range(cols1):
        pos = 0
        while pos < rows1 - 1:
            run = int(rng.integers(5, 16))
            col_names[pos : pos + run, line] = next_name()
            pos += run
    for kind, name, line, a, b in specials:
        a, b = max(0, a), max(0, b)
        if kind == "row" and 0 <= line < rows1:
            row_names[line, a:b] = name
        elif kind == "col" and 0 <= line < cols1:
            col_names[a:b, line] = name
    return row_names, col_names


def _village_names(rng, grid):
    rows1, cols1 = grid.nodes.shape[:2]
    names = [VILLAGE_STREETS[q] for q in rng.permutation(len(VILLAGE_STREETS))]
    n_lines = rows1 + cols1
    names += [f"Οδός {q + 1}" for q in range(max(0, n_lines - len(names)))]
    row_names = np.empty((rows1, cols1 - 1), dtype=object)
    col_names = np.empty((rows1 - 1, cols1), dtype=object)
    for i in range(rows1):
        row_names[i, :] = names[i]
    for j in range(cols1):
        col_names[:, j] = names[rows1 + j]
    return row_names, col_names


def lay_streets(town: Town) -> None:
    """Street edges of every settlement plus the roads between them (`town.streets`)."""
    geoms, names, sett, kind, line, pos = [], [], [], [], [], []
    edge_lookup = {}
    for g_idx, grid in enumerate(town.grids):
        rows, cols = grid.keep.shape
        row_names, col_names = _city_names(town, grid) if grid.is_city else _village_names(town.rng, grid)
        keep = np.pad(grid.keep, 1)  # keep[i + 1, j + 1] == grid.keep[i, j]
        nodes = grid.nodes
        # row edges (i, j)-(i, j+1): quads (i-1, j) and (i, j)
        ri, rj = np.nonzero(keep[:-1, 1:-1] | keep[1:, 1:-1])  # shape (rows+1, cols)
        ci, cj = np.nonzero(keep[1:-1, :-1] | keep[1:-1, 1:])  # shape (rows, cols+1)
        segs = [
            (np.stack([nodes[ri, rj], nodes[ri, rj + 1]], axis=1), row_names[ri, rj], 0, ri, rj, ("r", ri, rj)),
            (np.stack([nodes[ci, cj], nodes[ci + 1, cj]], axis=1), col_names[ci, cj], 1, cj, ci, ("c", ci, cj)),
        ]
        for coords, nm, kd, ln, ps, key in segs:
            start = len(geoms)
            geoms.extend(shapely.linestrings(coords))
            names.extend(nm.tolist())
            sett.extend([g_idx] * len(nm))
            kind.extend([kd] * len(nm))
            line.extend(ln.tolist())
            pos.extend(ps.tolist())
            ids = start + np.arange(len(nm))
            if key[0] == "r":
                grid.row_eid = np.full((rows + 1, cols), -1)
                grid.row_eid[key[1], key[2]] = ids
            else:
                grid.col_eid = np.full((rows, cols + 1), -1)
                grid.col_eid[key[1], key[2]] = ids
            for n_, (a, b) in enumerate(zip(key[1].tolist(), key[2].tolist())):
                edge_lookup[(g_idx, key[0], a, b)] = start + n_
        grid.diag_eid = np.full((rows, cols), -1)
        if grid.is_city:
            for av_idx, (name, quads) in enumerate(town.plan.avenues.items()):
                for t, (i, j) in enumerate(quads):
                    if grid.diag[i, j] == 1:
                        a, b = nodes[i, j], nodes[i + 1, j + 1]
                    else:
                        a, b = nodes[i + 1, j], nodes[i, j + 1]
                    edge_lookup[(g_idx, "d", name, t)] = len(geoms)
                    grid.diag_eid[i, j] = len(geoms)
                    geoms.append(shapely.LineString([a, b]))
                    names.append(name)
                    sett.append(g_idx)
                    kind.append(2 + av_idx)
                    line.append(0)
                    pos.append(t)
    n_grid = len(geoms)
    classes = ["local"] * n_grid
    for n_, nm in enumerate(names):
        if sett[n_] == 0 and nm in PRIMARY:
            classes[n_] = "primary"
        elif nm == "Κ. Καραμανλή":
            classes[n_] = "pedestrian"
    walk = [True] * n_grid
    # roads to the villages and the national road to Thessaloniki
    rng = town.rng
    city_nodes = town.city.nodes[kept_nodes(town.city)]
    roads = []
    for g_idx, v in enumerate(town.villages, start=1):
        d = v.direction
        a = city_nodes[np.argmax(city_nodes @ d)]
        v_nodes = v.nodes[kept_nodes(v)]
        b = v_nodes[np.argmin(v_nodes @ d)]
        roads.append((a, b, f"Σερρών–{VILLAGES[g_idx - 1][1]}"))
    d = np.array([math.cos(math.radians(195.0)), math.sin(math.radians(195.0))])
    eo_start = city_nodes[np.argmax(city_nodes @ d)]
    roads.append((eo_start, eo_start + d * 5500.0, "ΕΟ Σερρών -Θεσσαλονίκης"))
    for a, b, name in roads:
        v = b - a
        perp = np.array([-v[1], v[0]]) / np.hypot(*v)
        mids = [a + v * f + perp * rng.uniform(-70.0, 70.0) for f in (0.33, 0.66)]
        geoms.append(shapely.LineString([a, *mids, b]))
        names.append(name)
        classes.append("interurban")
        walk.append(False)
        sett.append(-1)
        kind.append(9)
        line.append(0)
        pos.append(0)
    town.streets = Streets(
        geom=np.array(geoms, dtype=object), name=np.array(names, dtype=object), cls=classes, walk=walk,
        sett=np.array(sett), kind=np.array(kind), line=np.array(line), pos=np.array(pos), n_grid=n_grid,
        edge_lookup=edge_lookup, eo_start=eo_start, project=[None] * len(geoms),
    )


def chainage(st: Streets):
    """Distance from the start of each named street to the start of each grid edge, and edge lengths."""
    n = st.n_grid
    name_ids = {}
    nid = np.array([name_ids.setdefault(x, len(name_ids)) for x in st.name[:n]])
    length = shapely.length(st.geom[:n])
    order = np.lexsort((st.pos[:n], st.line[:n], st.kind[:n], nid, st.sett[:n]))
    key = np.stack([st.sett[:n], nid, st.kind[:n], st.line[:n]], axis=1)[order]
    new_group = np.ones(n, bool)
    new_group[1:] = np.any(key[1:] != key[:-1], axis=1)
    cs = np.cumsum(length[order])
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(n), 0))
    before = cs - length[order]
    offset_sorted = before - before[group_start]
    offset = np.empty(n)
    offset[order] = offset_sorted
    return offset, length


def street_table(town: Town) -> dict[str, Table]:
    """The `street` table, once the programme theme has linked its streets to projects."""
    st = town.streets
    rows = [
        {"name": n, "walkable": w, "street_class": c, "project_code": p}
        for n, w, c, p in zip(st.name.tolist(), st.walk, st.cls, st.project)
    ]
    return {"street": Table.of("street", rows, list(st.geom))}


