"""The sample town's builder: settlements, streets, parcels, zones, census, property, leases,
encroachments, playgrounds, bikes, regeneration and the programme, in one fixed draw order."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import shapely
from shapely import affinity

from municipal_gis.core.sample.common import (
    CENTRE,
    EXPIRING_DAYS,
    MAX_PARCELS,
    MIN_PARCELS,
    PROGRAMME_CSV,
    GenerationCancelled,
    Table,
    reference_date,
)
from municipal_gis.core.sample.geometry import (
    _adjust_counts,
    _as_multi,
    _blocks_of,
    _coverage_union,
    _frames,
    _Grid,
    _make_nodes,
    _plan_counts,
    _polygonal,
    _quad_corners,
    _repair,
    _score,
    _subdivide,
)
from municipal_gis.core.sample.names import (
    ADA_CHARS,
    AMEND_FEK,
    AMEND_FROM,
    AMEND_PLAN,
    CITY_COMMUNITY,
    CITY_STREETS,
    CITY_UNIT,
    COMPANY_FORMS,
    COMPANY_WORDS,
    GIVEN_NAMES,
    GPS_FEK,
    GPS_FROM,
    GPS_PLAN,
    GREEK_SUFFIX,
    INITIALS,
    OLD_FEK,
    OLD_FROM,
    OLD_PLAN,
    OLD_TO,
    STREET_SURNAMES,
    SURNAMES,
    UNITS,
    VILLAGE_STREETS,
    VILLAGES,
    ZONE_RULES,
)
from municipal_gis.schema import catalogue


class _Progress:
    def __init__(self, feedback):
        self.feedback = feedback

    def __call__(self, percent: float) -> None:
        if self.feedback is None:
            return
        if self.feedback.isCanceled():
            raise GenerationCancelled()
        self.feedback.setProgress(float(percent))


class _Builder:
    def __init__(self, parcels: int, seed: int, year: int, feedback):
        if not isinstance(parcels, (int, np.integer)) or not MIN_PARCELS <= parcels <= MAX_PARCELS:
            raise ValueError(f"parcels must be an integer between {MIN_PARCELS} and {MAX_PARCELS}")
        self.target = int(parcels)
        self.seed = int(seed)
        self.year = int(year)
        self.ref = reference_date(self.year)
        self.rng = np.random.default_rng(self.seed)
        self.progress = _Progress(feedback)
        self.tables: dict[str, Table] = {}

    # ---------------------------------------------------------------- settlements
    def _select(self, grid: _Grid, score, forced, target, frontage_fn, fixed_fn):
        """Keep quads in score order until the planned parcel count reaches `target`."""
        rng = self.rng
        order = np.argsort(np.where(forced, -1.0, score), axis=None, kind="stable")
        oi, oj = np.unravel_index(order, grid.keep.shape)
        corners = _quad_corners(grid.nodes)[oi, oj]
        quads = shapely.polygons(np.concatenate([corners, corners[:, :1]], axis=1))
        shrink = rng.uniform(5.0, 7.0, len(order))
        blocks = shapely.buffer(quads, -shrink, join_style="mitre")
        _, _, c, length, width = _frames(blocks)
        fixed = fixed_fn(oi, oj)
        nrows, per = _plan_counts(rng, length, width, frontage_fn(c), np.zeros(len(order), bool), fixed)
        cum = np.cumsum(per.sum(axis=1))
        n_keep = min(int(np.searchsorted(cum, target)) + 1, len(order))
        grid.keep[oi[:n_keep], oj[:n_keep]] = True
        grid.radius = float(score[oi[:n_keep], oj[:n_keep]].max())
        grid.quad_shrink = np.zeros(grid.keep.shape)
        grid.quad_shrink[oi, oj] = shrink

    def _finish(self, grid: _Grid, target, frontage_fn, fixed_fn):
        """Blocks (once the diagonals are known) and their exact subdivision into parcels."""
        rng = self.rng
        bi, bj, part, rings = _blocks_of(grid)
        cells = np.array([shapely.Polygon(r) for r in rings], dtype=object)
        blocks = shapely.buffer(cells, -grid.quad_shrink[bi, bj], join_style="mitre")
        _, _, c, length, width = _frames(blocks)
        fixed = fixed_fn(bi, bj) & (part == 0)
        nrows, per = _plan_counts(rng, length, width, frontage_fn(c), part > 0, fixed)
        per = _adjust_counts(per, nrows, target - int(per.sum()), fixed, length)
        pieces, pblock = _subdivide(rng, blocks, nrows, per)
        pieces, pblock = _repair(_polygonal(pieces), pblock)
        grid.bi, grid.bj, grid.part = bi, bj, part
        grid.cells, grid.blocks = cells, blocks
        grid.parcels, grid.pblock = pieces, pblock

    def _ij_offset(self, fi, fj, mi, mj):
        ic, jc, k = self.ic, self.jc, self.k

        def one(f, m):
            return 0 if f == 0 else int(math.copysign(max(m, round(abs(f) * k)), f))

        return ic + one(fi, mi), jc + one(fj, mj)

    def build_city(self, target):
        rng = self.rng
        k = max(4.0, math.sqrt(target / 11.0 / math.pi))
        size = int(2 * k * 1.45) + 10
        self.k = k
        self.ic = self.jc = size // 2
        ic, jc = self.ic, self.jc
        self.angle = 0.2 + rng.uniform(-0.05, 0.05)
        nodes = _make_nodes(rng, size, size, (70.0, 110.0), (55.0, 82.0), 6.0, self.angle, 16.0)
        nodes = nodes - _quad_corners(nodes).mean(axis=2)[ic, jc] + np.array(CENTRE)
        score = _score(_quad_corners(nodes).mean(axis=2), np.array(CENTRE), rng)
        self.r_est = k * 75.0
        self.prod_phi = rng.uniform(-1.3, -0.5)
        sp = {
            "eleftherias": (ic, jc),
            "park": self._ij_offset(-0.4, 0.45, 2, 2),
            "eirinis": self._ij_offset(0.5, -0.35, 3, 2),
            "omonoias": self._ij_offset(-0.3, -0.55, 2, 4),
            "emporiou": (ic + 1, jc - 2),
        }
        self.sp = sp
        self.star = (ic + 1, jc + 2)  # where Εξοχών and Κωνσταντινουπόλεως start, on Μ. Αλεξάνδρου
        self.deprived = [self._ij_offset(-0.1, 0.7, 1, 4), self._ij_offset(-0.6, -0.35, 4, 2)]
        grid = _Grid(
            "Σέρρες",
            CITY_COMMUNITY,
            CITY_UNIT,
            "01",
            nodes,
            np.zeros((size, size), bool),
            np.zeros((size, size), np.int8),
            is_city=True,
        )
        forced = np.zeros((size, size), bool)
        forced[ic, jc] = True
        special = forced.copy()

        def fixed_fn(qi, qj):
            return special[qi, qj]

        def frontage(c):
            d = c - np.array(CENTRE)
            rn = np.hypot(d[:, 0], d[:, 1]) / self.r_est
            f = 11.0 + 8.0 * np.clip(rn, 0.0, 1.2)
            return np.where(self._is_prod(c, self.r_est), f * 2.2, f)

        self._select(grid, score, forced, target, frontage, fixed_fn)
        # the squares and the park: the kept quad nearest to where they are wanted
        for key, (i, j) in sp.items():
            free = grid.keep & ~special
            ii, jj = np.indices(free.shape)
            free &= ~((ii - self.star[0] == jj - self.star[1]) & (ii >= self.star[0]))  # keep Εξοχών whole
            i, j = (ic, jc) if key == "eleftherias" else self._nearest_true(free, i, j)
            sp[key] = (i, j)
            special[i, j] = True
        self.r_city = max(grid.radius, 150.0)
        self._diagonals(grid, special)
        self._finish(grid, target, frontage, fixed_fn)
        self.city = grid

    def _is_prod(self, xy, radius):
        d = xy - np.array(CENTRE)
        phi = np.arctan2(d[:, 1], d[:, 0])
        dphi = np.abs((phi - self.prod_phi + math.pi) % (2 * math.pi) - math.pi)
        return (dphi < 0.45) & (np.hypot(d[:, 0], d[:, 1]) > 0.72 * radius)

    def _diagonals(self, grid, special):
        """Εξοχών (towards north-east) and Κωνσταντινουπόλεως (south-east) radiate from one node."""
        rows, cols = grid.keep.shape
        si, sj = self.star
        self.avenues = {}
        for name, step_i, kind in (("Εξοχών", 1, 1), ("Κωνσταντινουπόλεως", -1, 2)):
            quads = []
            t = 0
            while True:
                i = si + t if step_i > 0 else si - 1 - t
                j = sj + t
                if not (0 <= i < rows and 0 <= j < cols) or not grid.keep[i, j] or special[i, j]:
                    break
                grid.diag[i, j] = kind
                quads.append((i, j))
                t += 1
            self.avenues[name] = quads

    def build_villages(self, n_each):
        rng = self.rng
        self.villages = []
        city_xy = self.city.nodes[self._kept_nodes(self.city)]
        for vname, gen, unit, code, angle_deg in VILLAGES:
            d = np.array([math.cos(math.radians(angle_deg)), math.sin(math.radians(angle_deg))])
            ext = float(np.max((city_xy - np.array(CENTRE)) @ d))
            centre = np.array(CENTRE) + (ext + rng.uniform(2500.0, 4000.0)) * d
            k = max(1.5, math.sqrt(n_each / 8.0 / math.pi))
            size = int(2 * k * 1.5) + 4
            nodes = _make_nodes(
                rng, size, size, (55.0, 85.0), (50.0, 75.0), 7.0, rng.uniform(-0.6, 0.6), 10.0
            )
            nodes = nodes - _quad_corners(nodes).mean(axis=2)[size // 2, size // 2] + centre
            score = _score(_quad_corners(nodes).mean(axis=2), centre, rng)
            grid = _Grid(
                vname,
                f"Τ.Κ. {gen}",
                unit,
                code,
                nodes,
                np.zeros((size, size), bool),
                np.zeros((size, size), np.int8),
            )
            grid.centre = centre
            grid.direction = d
            forced = np.zeros((size, size), bool)
            forced[size // 2, size // 2] = True
            none = np.zeros((size, size), bool)

            def fixed_fn(qi, qj, none=none):
                return none[qi, qj]

            def frontage(c):
                return np.full(len(c), 21.0)

            self._select(grid, score, forced, n_each, frontage, fixed_fn)
            self._finish(grid, n_each, frontage, fixed_fn)
            self.villages.append(grid)

    @staticmethod
    def _kept_nodes(grid):
        k = grid.keep
        m = np.zeros(grid.nodes.shape[:2], bool)
        m[:-1, :-1] |= k
        m[:-1, 1:] |= k
        m[1:, :-1] |= k
        m[1:, 1:] |= k
        return m

    # ---------------------------------------------------------------- street names
    def _city_names(self, grid):
        rng = self.rng
        rows1, cols1 = grid.nodes.shape[:2]
        ic, jc = self.ic, self.jc
        self.deprived = [self._nearest_true(grid.keep, i, j) for i, j in self.deprived]
        di, dj = self.deprived[0]
        specials = [  # later entries win where two overlap (small towns)
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
        pi, pj = self.sp["park"]
        # small towns: move the named junctions and neighbourhoods inside the kept area
        interior = self._kept_nodes(grid)
        interior[1:-1, 1:-1] = (
            grid.keep[:-1, :-1] & grid.keep[:-1, 1:] & grid.keep[1:, :-1] & grid.keep[1:, 1:]
        )
        interior[[0, -1], :] = False
        interior[:, [0, -1]] = False
        ni, nj = self._nearest_true(interior, *self._ij_offset(0.3, -0.6, 2, 5))
        specials += [
            ("col", "Ραιδεστού", pj, pi - 3, pi + 3),
            ("row", "Νικομηδείας", ni, nj - 4, nj + 4),
            ("col", "Βιζυηνού", nj, ni - 4, ni + 4),
        ]
        self.junctions = {"nikomideias": (ni, nj), "dimogeronton": (ic - 3, jc - 2)}
        taken = {s[1] for s in specials} | set(self.avenues)
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

    @staticmethod
    def _nearest_true(mask, i, j):
        ii, jj = np.nonzero(mask)
        k = int(np.argmin((ii - i) ** 2 + (jj - j) ** 2))
        return int(ii[k]), int(jj[k])

    def _village_names(self, grid):
        rng = self.rng
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

    # ---------------------------------------------------------------- streets
    def build_streets(self):
        """Street edges of every settlement plus the roads between them."""
        geoms, names, classes, walk, sett, kind, line, pos = [], [], [], [], [], [], [], []
        grids = [self.city] + self.villages
        self.edge_lookup = {}
        for g_idx, grid in enumerate(grids):
            rows, cols = grid.keep.shape
            if grid.is_city:
                row_names, col_names = self._city_names(grid)
            else:
                row_names, col_names = self._village_names(grid)
            keep = np.pad(grid.keep, 1)  # keep[i + 1, j + 1] == grid.keep[i, j]
            nodes = grid.nodes
            # row edges (i, j)-(i, j+1): quads (i-1, j) and (i, j)
            row_exists = keep[:-1, 1:-1] | keep[1:, 1:-1]  # shape (rows+1, cols)
            ri, rj = np.nonzero(row_exists)
            col_exists = keep[1:-1, :-1] | keep[1:-1, 1:]  # shape (rows, cols+1)
            ci, cj = np.nonzero(col_exists)
            segs = [
                (
                    np.stack([nodes[ri, rj], nodes[ri, rj + 1]], axis=1),
                    row_names[ri, rj],
                    0,
                    ri,
                    rj,
                    ("r", ri, rj),
                ),
                (
                    np.stack([nodes[ci, cj], nodes[ci + 1, cj]], axis=1),
                    col_names[ci, cj],
                    1,
                    cj,
                    ci,
                    ("c", ci, cj),
                ),
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
                    self.edge_lookup[(g_idx, key[0], a, b)] = start + n_
            grid.diag_eid = np.full((rows, cols), -1)
            if grid.is_city:
                for av_idx, (name, quads) in enumerate(self.avenues.items()):
                    for t, (i, j) in enumerate(quads):
                        if grid.diag[i, j] == 1:
                            a, b = nodes[i, j], nodes[i + 1, j + 1]
                        else:
                            a, b = nodes[i + 1, j], nodes[i, j + 1]
                        self.edge_lookup[(g_idx, "d", name, t)] = len(geoms)
                        grid.diag_eid[i, j] = len(geoms)
                        geoms.append(shapely.LineString([a, b]))
                        names.append(name)
                        sett.append(g_idx)
                        kind.append(2 + av_idx)
                        line.append(0)
                        pos.append(t)
        n_grid = len(geoms)
        classes = ["local"] * n_grid
        primary = {
            "Μ. Αλεξάνδρου",
            "Εθνικής Αντιστάσεως",
            "Εξοχών",
            "Κωνσταντινουπόλεως",
            "Ερμού",
            "Ελευθερίου Βενιζέλου",
        }
        for n_, nm in enumerate(names):
            if sett[n_] == 0 and nm in primary:
                classes[n_] = "primary"
            elif nm == "Κ. Καραμανλή":
                classes[n_] = "pedestrian"
        walk = [True] * n_grid
        # roads to the villages and the national road to Thessaloniki
        rng = self.rng
        city_nodes = self.city.nodes[self._kept_nodes(self.city)]
        roads = []
        for g_idx, v in enumerate(self.villages, start=1):
            d = v.direction
            a = city_nodes[np.argmax(city_nodes @ d)]
            v_nodes = v.nodes[self._kept_nodes(v)]
            b = v_nodes[np.argmin(v_nodes @ d)]
            roads.append((a, b, f"Σερρών–{VILLAGES[g_idx - 1][1]}"))
        d = np.array([math.cos(math.radians(195.0)), math.sin(math.radians(195.0))])
        a = city_nodes[np.argmax(city_nodes @ d)]
        self.eo_start = a
        roads.append((a, a + d * 5500.0, "ΕΟ Σερρών -Θεσσαλονίκης"))
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
        self.streets = dict(
            geom=np.array(geoms, dtype=object),
            name=np.array(names, dtype=object),
            cls=classes,
            walk=walk,
            sett=np.array(sett),
            kind=np.array(kind),
            line=np.array(line),
            pos=np.array(pos),
            n_grid=n_grid,
        )
        self.street_project = [None] * len(geoms)

    def _chainage(self):
        """Distance from the start of each named street to the start of each edge."""
        st = self.streets
        n = st["n_grid"]
        name_ids = {}
        nid = np.array([name_ids.setdefault(x, len(name_ids)) for x in st["name"][:n]])
        length = shapely.length(st["geom"][:n])
        order = np.lexsort((st["pos"][:n], st["line"][:n], st["kind"][:n], nid, st["sett"][:n]))
        key = np.stack([st["sett"][:n], nid, st["kind"][:n], st["line"][:n]], axis=1)[order]
        new_group = np.ones(n, bool)
        new_group[1:] = np.any(key[1:] != key[:-1], axis=1)
        cs = np.cumsum(length[order])
        group_start = np.maximum.accumulate(np.where(new_group, np.arange(n), 0))
        before = cs - length[order]
        offset_sorted = before - before[group_start]
        offset = np.empty(n)
        offset[order] = offset_sorted
        return offset, length

    # ---------------------------------------------------------------- parcels and blocks
    def build_parcels(self):
        rng = self.rng
        grids = [self.city] + self.villages
        parcel_geoms, kaek, ot, blk_global, sett_of = [], [], [], [], []
        block_rows = []  # dicts for city_block
        block_geoms = []
        unit_counter = {}
        for g_idx, grid in enumerate(grids):
            bi, bj, part = grid.bi, grid.bj, grid.part
            nb = len(bi)
            # Ο.Τ. numbers: north to south, west to east; diagonal halves and a few later
            # subdivisions carry a Greek suffix letter
            order = np.lexsort((part, bj, -bi))
            draws = rng.random(nb)
            codes = np.empty(nb, dtype=object)
            number = 0
            suffix_used = {}
            prev_quad = None
            for rank, b in enumerate(order.tolist()):
                quad = (int(bi[b]), int(bj[b]))
                if quad == prev_quad:  # second triangle of a cut quad
                    s = suffix_used.get(number, 0)
                    codes[b] = f"{number}{GREEK_SUFFIX[s]}"
                    suffix_used[number] = s + 1
                elif number > 0 and draws[rank] < 0.03 and suffix_used.get(number, 0) < 3:
                    s = suffix_used.get(number, 0)
                    codes[b] = f"{number}{GREEK_SUFFIX[s]}"
                    suffix_used[number] = s + 1
                else:
                    number += 1
                    codes[b] = str(number)
                prev_quad = quad
            grid.ot_codes = codes
            if grid.is_city:
                tiles = np.stack([bi // 8, bj // 8], axis=1)
                _, tile_id = np.unique(tiles, axis=0, return_inverse=True)
                tile_id = tile_id.ravel()
                pu = np.array(
                    [f"{t + 1}η Πολεοδομική Ενότητα" for t in range(tile_id.max() + 1)], dtype=object
                )[tile_id]
            else:
                pu = np.full(nb, f"Οικισμός {grid.name}", dtype=object)
            grid.block_global = np.arange(len(block_rows), len(block_rows) + nb)
            # ΚΑΕΚ: 62 (Serres) + unit + 5-digit block serial of the unit + 3-digit parcel serial
            serial0 = unit_counter.get(grid.unit_code, 0)
            block_serial = np.empty(nb, np.int64)
            block_serial[order] = serial0 + 1 + np.arange(nb)
            unit_counter[grid.unit_code] = serial0 + nb
            for b in range(nb):
                block_rows.append(
                    {
                        "ot_code": codes[b],
                        "planning_unit": pu[b],
                        "community": grid.community,
                        "project_code": None,
                    }
                )
            block_geoms.extend(grid.blocks.tolist())
            pb = grid.pblock
            within = np.zeros(len(pb), np.int64)
            # parcel serial within its block, in generation order
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
        self.parcel_geom = np.array(parcel_geoms, dtype=object)
        self.parcel_kaek = kaek
        self.parcel_ot = ot
        self.parcel_block = np.array(blk_global)
        self.parcel_sett = np.array(sett_of)
        self.block_rows = block_rows
        self.block_geom = np.array(block_geoms, dtype=object)
        n = len(self.parcel_geom)
        self.parcel_area = shapely.area(self.parcel_geom)
        self.parcel_centroid = shapely.centroid(self.parcel_geom)
        reg = np.round(self.parcel_area * (1.0 + rng.normal(0.0, 0.025, n)), 2)
        self.parcel_reg = [
            None if m else float(r) for r, m in zip(reg.tolist(), (rng.random(n) < 0.05).tolist())
        ]
        u = rng.random(n)
        owner = np.where(u < 0.03, "public", np.where(u < 0.07, "unknown", "private")).astype(object)
        self.parcel_owner = owner
        self.parcel_address = self._addresses()

    def _addresses(self):
        st = self.streets
        n_grid = st["n_grid"]
        offset, length = self._chainage()
        coords = shapely.get_coordinates(st["geom"][:n_grid]).reshape(n_grid, 2, 2)
        p = shapely.get_coordinates(self.parcel_centroid)
        # candidates: the streets around the parcel's quad (and its diagonal)
        cand = np.full((len(p), 5), -1)
        for g_idx, grid in enumerate([self.city] + self.villages):
            mask = self.parcel_sett == g_idx
            local = self.parcel_block[mask] - grid.block_global[0]
            i, j = grid.bi[local], grid.bj[local]
            cand[mask] = np.stack(
                [
                    grid.row_eid[i, j],
                    grid.row_eid[i + 1, j],
                    grid.col_eid[i, j],
                    grid.col_eid[i, j + 1],
                    grid.diag_eid[i, j],
                ],
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
        self.parcel_street = st["name"][nearest]
        self.parcel_edge = nearest
        return [f"{nm} {num}" for nm, num in zip(self.parcel_street.tolist(), number.tolist())]

    # ---------------------------------------------------------------- quads helpers
    def _quad_cells(self, grid):
        """Unshrunk quad polygons (to the street centre lines) of the kept quads."""
        qi, qj = np.nonzero(grid.keep)
        c = _quad_corners(grid.nodes)[qi, qj]
        return qi, qj, shapely.polygons(np.concatenate([c, c[:, :1]], axis=1))

    @staticmethod
    def _group_union(geoms, labels):
        """Union of `geoms` per label (labels 0..n-1), in label order."""
        order = np.argsort(labels, kind="stable")
        bounds = np.flatnonzero(np.diff(labels[order])) + 1
        groups = np.split(order, bounds)
        # the cells share exact vertices (they come from one node array): a coverage union
        return [_coverage_union(geoms[g]) for g in groups], [int(labels[g[0]]) for g in groups]

    # ---------------------------------------------------------------- land-use zones
    def build_zones(self):
        from scipy.spatial import cKDTree

        rng = self.rng
        grid = self.city
        qi, qj, cells = self._quad_cells(grid)
        centres = shapely.get_coordinates(shapely.centroid(cells))
        nq = len(qi)
        special = np.zeros(nq, bool)
        for i, j in self.sp.values():
            special |= (qi == i) & (qj == j)
        n_seeds = max(4, nq // 12)
        seeds = rng.choice(np.flatnonzero(~special), size=min(n_seeds, int((~special).sum())), replace=False)
        seeds.sort()
        _, nearest = cKDTree(centres[seeds]).query(centres)
        label = nearest.astype(np.int64)
        label[special] = len(seeds) + np.arange(special.sum())
        geoms, labs = self._group_union(cells, label)
        self.zone_rows, self.zone_geoms = [], []
        counters = {}
        d = centres - np.array(CENTRE)
        prod = self._is_prod(centres, self.r_city)
        cuts = []
        for geom, lab in zip(geoms, labs):
            members = label == lab
            if lab >= len(seeds):
                cat = "open_space_green"
            else:
                # the zone's mean distance from the centre; the quads around Πλατεία Ελευθερίας
                # are always town centre
                rn = float(np.hypot(d[members, 0], d[members, 1]).mean()) / self.r_city
                near_square = (np.abs(qi[members] - self.ic) <= 1) & (np.abs(qj[members] - self.jc) <= 1)
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
            row = self._zone_record(cat, counters, GPS_PLAN, GPS_FEK, GPS_FROM, None)
            if cat != "open_space_green" and members.sum() >= 4:
                cuts.append((cat != "general_residential", len(self.zone_rows)))
            self.zone_rows.append(row)
            self.zone_geoms.append(geom)
        # a 2016 amendment splits a few zones with straight lines across blocks and parcels;
        # the zone as it was before is kept, superseded, with valid_to the day before
        n_cut = 1 if nq < 200 else 3
        draws = rng.random(len(cuts))
        # residential zones first, in random order
        chosen = [z for _, _, z in sorted((other, float(r), z) for (other, z), r in zip(cuts, draws))]
        superseded = []
        for z in chosen:
            if n_cut == 0:
                break
            geom = self.zone_geoms[z]
            c = shapely.get_coordinates(shapely.centroid(geom))[0]
            ang = self.angle + rng.uniform(0.35, 1.2)
            dvec = np.array([math.cos(ang), math.sin(ang)])
            nvec = np.array([-dvec[1], dvec[0]])
            big = 1e5
            half = shapely.Polygon(
                [c - dvec * big, c + dvec * big, c + dvec * big + nvec * big, c - dvec * big + nvec * big]
            )
            a = shapely.intersection(geom, half)
            b = shapely.difference(geom, half)
            if shapely.area(a) < 1500.0 or shapely.area(b) < 1500.0:
                continue
            n_cut -= 1
            old = dict(self.zone_rows[z])
            old["valid_to"] = AMEND_FROM - timedelta(days=1)
            superseded.append((old, geom))
            self.zone_geoms[z] = a
            new = self._zone_record("urban_centre", counters, AMEND_PLAN, AMEND_FEK, AMEND_FROM, None)
            new["special_use"] = "Τοπικό κέντρο γειτονιάς"
            self.zone_rows.append(new)
            self.zone_geoms.append(b)
        # the 1985 plan: a smaller town centre, superseded in 2010
        rn_q = np.hypot(d[:, 0], d[:, 1]) / self.r_city
        old_centre = _coverage_union(cells[rn_q < 0.2])
        if not shapely.is_empty(old_centre):
            superseded.append(
                (self._zone_record("urban_centre", None, OLD_PLAN, OLD_FEK, OLD_FROM, OLD_TO), old_centre)
            )
        for row, geom in superseded:
            self.zone_rows.append(row)
            self.zone_geoms.append(geom)
        # villages: one settlement zone each
        for n, v in enumerate(self.villages, start=1):
            _, _, vcells = self._quad_cells(v)
            row = {
                "zone_code": f"ΟΙΚ-{n}",
                "category_code": "general_residential",
                "special_use": None,
                "far": 0.8,
                "coverage_pct": 60.0,
                "max_height_m": 8.5,
                "max_floors": 2,
                "min_plot_area_m2": 500.0,
                "min_frontage_m": 12.0,
                "plan_name": f"Οριοθέτηση οικισμού {v.name}",
                "fek_ref": f"ΦΕΚ {300 + 7 * n}/Δ/15.4.1987",
                "valid_from": date(1987, 4, 15),
                "valid_to": None,
                "project_code": None,
            }
            self.zone_rows.append(row)
            self.zone_geoms.append(_coverage_union(vcells))

    def _zone_record(self, cat, counters, plan, fek, valid_from, valid_to):
        prefix, far, cov, height, floors, min_plot, min_front = ZONE_RULES[cat]
        if counters is None:
            code = f"{prefix}-1985"
        else:
            counters[prefix] = counters.get(prefix, 0) + 1
            code = f"{prefix}{counters[prefix]}"
        return {
            "zone_code": code,
            "category_code": cat,
            "special_use": None,
            "far": far,
            "coverage_pct": cov,
            "max_height_m": height,
            "max_floors": floors,
            "min_plot_area_m2": min_plot,
            "min_frontage_m": min_front,
            "plan_name": plan,
            "fek_ref": fek,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "project_code": None,
        }

    # ---------------------------------------------------------------- census blocks
    def build_census(self):
        rng = self.rng
        rows, geoms = [], []
        # expected residents per parcel: dense apartment blocks in the centre, houses outside
        c = shapely.get_coordinates(self.parcel_centroid)
        d = c - np.array(CENTRE)
        rn = np.hypot(d[:, 0], d[:, 1]) / self.r_city
        lam = np.where(self.parcel_sett == 0, 2.5 + 14.0 * np.exp(-2.0 * rn**2), 2.6)
        lam = np.where((self.parcel_sett == 0) & self._is_prod(c, self.r_city), 0.3, lam)
        sigma = max(250.0, 0.2 * self.r_city)
        dep_xy = [
            shapely.get_coordinates(shapely.centroid(self._cell(self.city, *ij)))[0] for ij in self.deprived
        ]
        seq = 0
        self.census_parts = []
        for g_idx, grid in enumerate([self.city] + self.villages):
            qi, qj, cells = self._quad_cells(grid)
            ti, tj = (qi // 2, qj // 3) if grid.is_city else (qi // 3, qj // 3)
            _, tile = np.unique(np.stack([ti, tj], axis=1), axis=0, return_inverse=True)
            tile = tile.ravel()
            tgeoms, tlabs = self._group_union(cells, tile)
            # parcels -> census tile through their block's quad
            quad_tile = np.full(grid.keep.shape, -1)
            quad_tile[qi, qj] = tile
            mask = self.parcel_sett == g_idx
            pblock_local = self.parcel_block[mask] - grid.block_global[0]
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
                centre_old = (
                    1.0 if grid.is_city and math.hypot(*(x - np.array(CENTRE))) < 0.4 * self.r_city else 0.0
                )
                rows.append(
                    self._census_record(
                        rng,
                        f"{grid.unit_code}{seq:05d}",
                        grid.community,
                        lam_t[lab],
                        dep,
                        centre_old,
                        not grid.is_city,
                    )
                )
                geoms.append(geom)
                self.census_parts.append(g_idx)
        self.census_rows, self.census_geoms = rows, geoms

    def _cell(self, grid, i, j):
        c = _quad_corners(grid.nodes)[i, j]
        return shapely.Polygon(c)

    @staticmethod
    def _census_record(rng, code, community, lam, dep, centre_old, rural):
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
        old = int(
            rng.binomial(dwellings, min(0.95, 0.30 + 0.30 * centre_old + 0.30 * dep + (0.2 if rural else 0)))
        )

        def share(a, b):
            return round(a / b, 4) if b else None

        return {
            "block_code": code,
            "community": community,
            "population": pop,
            "pop_0_14": p014,
            "pop_65_plus": p65,
            "labour_force": labour,
            "unemployed": unemployed,
            "adults_25_64": adults,
            "low_education": low_edu,
            "households": households,
            "overcrowded_households": overcrowded,
            "non_nationals": non_nat,
            "dwellings": dwellings,
            "dwellings_pre_1980": old,
            "unemployment_rate": share(unemployed, labour),
            "low_education_share": share(low_edu, adults),
            "overcrowding_share": share(overcrowded, households),
            "non_national_share": share(non_nat, pop),
            "old_housing_share": share(old, dwellings),
            "project_code": None,
        }

    # ---------------------------------------------------------------- communities
    def build_communities(self):
        rng = self.rng
        _, _, ccells = self._quad_cells(self.city)
        city_area = shapely.simplify(shapely.buffer(_coverage_union(ccells), 600.0), 25.0)
        dists = [math.hypot(*(v.centre - np.array(CENTRE))) for v in self.villages]
        radius = max(dists) + 3500.0
        phi = np.linspace(0, 2 * math.pi, 97)[:-1]
        a, b = rng.uniform(0, 2 * math.pi, 2)
        r = radius * (1.0 + 0.08 * np.sin(3 * phi + a) + 0.05 * np.sin(5 * phi + b))
        territory = shapely.Polygon(
            np.stack([CENTRE[0] + r * np.cos(phi), CENTRE[1] + r * np.sin(phi)], axis=1)
        )
        city_comm = shapely.intersection(city_area, territory)
        pts = shapely.points(np.array([v.centre for v in self.villages]))
        cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=territory))
        rows, geoms = [], []
        rows.append(
            {
                "name": CITY_COMMUNITY,
                "kind": "municipal_community",
                "municipal_unit": CITY_UNIT,
                "is_city": True,
                "project_code": None,
            }
        )
        geoms.append(city_comm)
        for v, p in zip(self.villages, pts):
            cell = next(c for c in cells if shapely.contains(c, p))
            geom = shapely.difference(shapely.intersection(cell, territory), city_comm)
            rows.append(
                {
                    "name": v.community,
                    "kind": "local_community",
                    "municipal_unit": v.unit,
                    "is_city": False,
                    "project_code": None,
                }
            )
            geoms.append(geom)
        for unit in UNITS:
            parts = [
                g
                for row, g in zip(rows, geoms)
                if row["municipal_unit"] == unit and row["kind"] != "municipal_unit"
            ]
            rows.append(
                {
                    "name": unit,
                    "kind": "municipal_unit",
                    "municipal_unit": unit,
                    "is_city": False,
                    "project_code": None,
                }
            )
            geoms.append(shapely.union_all(parts))
        self.community_rows, self.community_geoms = rows, geoms
        self.territory = territory

    # ---------------------------------------------------------------- programme
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

    def read_programme(self):
        from municipal_gis import paths
        from municipal_gis.core.programme import normalise_key, read_programme_rows

        path = paths.resource(*PROGRAMME_CSV)
        projects, fundings, _ = read_programme_rows(str(path), self.year)
        self.projects = [dict(p) for p in projects]
        self.fundings = [dict(f) for f in fundings]
        self.pc = {}
        for key, words in self.PROJECT_KEYS.items():
            for p in self.projects:
                if normalise_key(words) in normalise_key(p["title"] or ""):
                    self.pc[key] = p["project_code"]
                    break
        sources = {}
        for f in self.fundings:
            sources.setdefault(f["project_code"], []).append(f["funding_source"])
        for p in self.projects:
            for field_name in ("start_date", "end_date"):
                if isinstance(p.get(field_name), str):
                    p[field_name] = date.fromisoformat(p[field_name])
            # the CSV has no phase column: a sample default from what the rows say
            if p.get("status") is None:
                src = sources.get(p["project_code"], [])
                if p.get("continuing") == "continuing":
                    p["status"] = "continuing"
                elif any(
                    s in ("svaa_serres", "op_central_macedonia", "filodimos_ii", "interreg_gr_bg")
                    for s in src
                ):
                    p["status"] = "approved"
        self.project_geoms = {}

    def _place(self, key, geom):
        if key in self.pc and geom is not None and not shapely.is_empty(geom):
            self.project_geoms.setdefault(key, []).append(geom)

    # ---------------------------------------------------------------- municipal property
    def _city_quad_parcels(self, i, j):
        city = self.city
        n_city = int((self.parcel_sett == 0).sum())
        local = self.parcel_block[:n_city] - city.block_global[0]
        return np.flatnonzero((city.bi[local] == i) & (city.bj[local] == j))

    def build_properties(self):
        rng = self.rng
        n = len(self.parcel_geom)
        used = np.zeros(n, bool)
        city_mask = self.parcel_sett == 0
        c = shapely.get_coordinates(self.parcel_centroid)
        d = c - np.array(CENTRE)
        rn = np.hypot(d[:, 0], d[:, 1]) / self.r_city
        street = self.parcel_street
        specs = []

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

        self.sp_parcel = {}
        square_names = {
            "eleftherias": "Πλατεία Ελευθερίας",
            "park": "Κεντρικό Πάρκο",
            "eirinis": "Πλατεία Ειρήνης",
            "omonoias": "Πλατεία Ομόνοιας",
            "emporiou": "Πλατεία Εμπορίου",
        }
        for key, (i, j) in self.sp.items():
            k = int(self._city_quad_parcels(i, j)[0])
            self.sp_parcel[key] = k
            name = square_names[key]
            address = "Πλατεία Ειρήνης, περιοχή Σιγής" if key == "eirinis" else name
            self.parcel_address[k] = address
            add(
                k,
                name=name,
                property_type="common_space",
                acquisition="expropriation" if key == "park" else "land_contribution",
                current_use="Δημοτικό πάρκο" if key == "park" else "Πλατεία",
                status="own_use",
                project=("phase1" if key == "eleftherias" else None),
            )
        # ΟΠ 209Α: the corner parcel at Δημογερόντων – Ν. Νικολάου
        ji, jj = self.junctions["dimogeronton"]
        node = self.city.nodes[ji, jj]
        cand = self._city_quad_parcels(ji - 1, jj - 1)
        if len(cand) == 0:
            cand = np.flatnonzero(city_mask & ~used)
        k = int(cand[np.argmin(np.hypot(*(c[cand] - node).T))]) if not used[cand].all() else pick(city_mask)
        self.parcel_address[k] = "Δημογερόντων – Ν. Νικολάου"
        self.op209 = add(
            k,
            name="Χώρος παιδικής χαράς ΟΠ 209Α",
            property_type="common_space",
            acquisition="land_contribution",
            current_use="Κοινόχρηστος χώρος (ΟΠ 209Α)",
            status="own_use",
            project="phase1",
        )
        ni, nj = self.junctions["nikomideias"]
        node = self.city.nodes[min(ni, self.city.nodes.shape[0] - 1), min(nj, self.city.nodes.shape[1] - 1)]
        free = np.flatnonzero(city_mask & ~used)
        k = int(free[np.argmin(np.hypot(*(c[free] - node).T))])
        self.parcel_address[k] = "Νικομηδείας – Βιζυηνού"
        self.nikomideias = add(
            k,
            name="Χώρος παιδικής χαράς Νικομηδείας – Βιζυηνού",
            property_type="common_space",
            acquisition="land_contribution",
            current_use="Κοινόχρηστος χώρος",
            status="own_use",
            project="playgrounds",
        )

        def on(name):
            return city_mask & (street == name)

        k = pick(on("Μεραρχίας"))
        self.apostolidis = add(
            k,
            name="Διώροφη οικία κληροδοτήματος Αποστολίδη",
            property_type="building",
            acquisition="bequest",
            bequest_name="Κληροδότημα Αποστολίδη",
            current_use="Κατοικία (υπό συντήρηση για εκμίσθωση)",
            status="under_maintenance",
            listed=True,
        )
        k = (
            int(self._city_quad_parcels(self.ic, self.jc + 1)[0])
            if len(self._city_quad_parcels(self.ic, self.jc + 1))
            else pick(city_mask)
        )
        k = k if not used[k] else pick(city_mask & (rn < 0.3))
        add(
            k,
            name="Δημαρχείο Σερρών",
            property_type="building",
            acquisition="state_grant",
            current_use="Δημαρχείο",
            status="own_use",
            project="energy",
        )
        for name, st, num, use, proj in (
            ("Κοινωνικό Συσσίτιο", "Καλαμπάκα", 4, "Κοινωνικό συσσίτιο", "social"),
            ("Κοινωνικό Φαρμακείο", "Δημητρίου Σπυρίδη", 13, "Κοινωνικό φαρμακείο", "social"),
            ("Κέντρο Κοινότητας – παράρτημα ΡΟΜΑ", "Ανατολικής Θράκης", 5, "Κέντρο κοινότητας", "roma"),
            (
                "Δημοτικό οίκημα Ι. Δραγούμη",
                "Ι. Δραγούμη",
                None,
                "Κέντρο συμβουλευτικής υποστήριξης γυναικών",
                "women",
            ),
        ):
            k = pick(on(st))
            if num is not None:
                self.parcel_address[k] = f"{st} {num}"
            add(
                k,
                name=name,
                property_type="building",
                acquisition="purchase",
                current_use=use,
                status="own_use",
                project=proj,
            )
        k = pick(city_mask & (rn > 0.25) & (rn < 0.6))
        self.customs = add(
            k,
            name="Παλιό τελωνείο",
            property_type="building",
            acquisition="state_grant",
            current_use="Αχρησιμοποίητο κτίριο",
            status="vacant",
            listed=True,
        )
        prod = city_mask & self._is_prod(c, self.r_city)
        cand = np.flatnonzero(prod & ~used)
        k = int(cand[np.argmax(self.parcel_area[cand])]) if len(cand) else pick(city_mask & (rn > 0.6))
        add(
            k,
            name="Αμαξοστάσιο Δήμου Σερρών",
            property_type="facility",
            acquisition="purchase",
            current_use="Αμαξοστάσιο",
            status="own_use",
            project="depot",
        )
        k = pick(city_mask & (rn > 0.7))
        add(
            k,
            name="Δημοτικό καταφύγιο αδέσποτων ζώων",
            property_type="facility",
            acquisition="purchase",
            current_use="Καταφύγιο ζώων συντροφιάς",
            status="own_use",
            project="shelter",
            forest=True,
        )
        k = pick(city_mask & (rn > 0.55) & (d[:, 1] > 0))
        add(
            k,
            name="Κτίριο Κ1 πρώην στρατοπέδου Παπαλουκά",
            property_type="building",
            acquisition="state_grant",
            current_use="Μουσείο σύγχρονης τέχνης (υπό διαμόρφωση)",
            status="under_maintenance",
            listed=True,
            project="dipole",
        )
        for g_idx, v in enumerate(self.villages, start=1):
            vm = self.parcel_sett == g_idx
            if v.name == "Χρυσοπηγή":
                add(
                    pick(vm),
                    name="Δημοτικοί Ξενώνες Χρυσοπηγής",
                    property_type="building",
                    acquisition="merger_succession",
                    current_use="Ξενώνες",
                    status="under_maintenance",
                    project="guesthouses",
                )
            if v.name in ("Σκούταρι", "Λευκώνας"):
                gen = "Σκουτάρεως" if v.name == "Σκούταρι" else "Λευκώνα"
                add(
                    pick(vm),
                    name=f"Πρώην Δημαρχείο {gen}",
                    property_type="building",
                    acquisition="merger_succession",
                    current_use="Δημοτικές υπηρεσίες / ΚΕΠ",
                    status="own_use",
                    project="energy",
                )
            if v.name in ("Άνω Μητρούσι", "Κάτω Καμήλα", "Λευκώνας"):
                cand = np.flatnonzero(vm & ~used)
                k = int(cand[np.argmin(np.hypot(*(c[cand] - v.centre).T))])
                add(
                    k,
                    name=f"Χώρος παιδικής χαράς {v.name}",
                    property_type="common_space",
                    acquisition="merger_succession",
                    current_use="Κοινόχρηστος χώρος",
                    status="own_use",
                    project="playgrounds",
                    village=v.name,
                )
        # existing neighbourhood playgrounds
        n_play = max(4, round(n / 1500))
        self.existing_playgrounds = []
        for _ in range(n_play):
            k = pick(city_mask & (rn < 0.95))
            self.existing_playgrounds.append(
                add(
                    k,
                    name=f"Παιδική χαρά οδού {street[k]}",
                    property_type="common_space",
                    acquisition="land_contribution",
                    current_use="Παιδική χαρά",
                    status="own_use",
                )
            )
        # the rest: plots, shops, flats and farm land
        n_total = max(len(specs) + 8, round(0.015 * n))
        kinds = (
            ("land", "Δημοτικό οικόπεδο"),
            ("building", "Δημοτικό κατάστημα"),
            ("housing", "Δημοτική κατοικία"),
            ("building", "Δημοτικό κτίριο"),
            ("land", "Δημοτικό ακάλυπτο οικόπεδο"),
        )
        statuses = (
            "leased",
            "leased",
            "leased",
            "leased",
            "vacant",
            "vacant",
            "vacant",
            "own_use",
            "own_use",
            "encroached",
            "encroached",
            "under_maintenance",
        )
        acqs = (
            "purchase",
            "donation",
            "land_contribution",
            "expropriation",
            "bequest",
            "state_grant",
            "prescription",
            "unknown",
            "merger_succession",
        )
        mix = ["leased", "leased", "leased", "vacant", "encroached", "vacant", "encroached"]
        while len(specs) < n_total:
            village = rng.random() < 0.15
            k = pick(~city_mask if village else city_mask)
            if village:
                ptype, label = (
                    ("agricultural_land", "Αγροτεμάχιο") if rng.random() < 0.5 else ("pasture", "Βοσκότοπος")
                )
            else:
                ptype, label = kinds[int(rng.integers(len(kinds)))]
            acq = acqs[int(rng.integers(len(acqs)))]
            spec = dict(
                name=f"{label} {street[k]}",
                property_type=ptype,
                acquisition=acq,
                current_use=None,
                status=mix.pop(0) if mix else statuses[int(rng.integers(len(statuses)))],
                forest=village and rng.random() < 0.5,
            )
            if acq == "bequest":
                spec["bequest_name"] = f"Κληροδότημα {SURNAMES[int(rng.integers(len(SURNAMES)))]}"
            add(k, **spec)
        self.property_specs = specs
        rows, geoms = [], []
        for n_, s in enumerate(specs, start=1):
            k = s["parcel"]
            self.parcel_owner[k] = "municipal"
            s["code"] = f"ΔΠ-{n_:04d}"
            rows.append(
                {
                    "property_code": s["code"],
                    "name": s["name"],
                    "kaek": self.parcel_kaek[k],
                    "property_type": s["property_type"],
                    "acquisition": s["acquisition"],
                    "bequest_name": s.get("bequest_name"),
                    "current_use": s.get("current_use"),
                    "status": s["status"],
                    "address": self.parcel_address[k],
                    "ot_code": self.parcel_ot[k],
                    "registered_area_m2": self.parcel_reg[k],
                    "forest_check": bool(s.get("forest", False)),
                    "listed_building": bool(s.get("listed", False)),
                    "project_code": self.pc.get(s.get("project")),
                }
            )
            geoms.append(self.parcel_geom[k])
            if s.get("project"):
                self._place(s["project"], self.parcel_geom[k])
        self.property_rows, self.property_geoms = rows, geoms

    # ---------------------------------------------------------------- leases and encroachments
    def _person(self):
        rng = self.rng
        if rng.random() < 0.55:
            return f"{GIVEN_NAMES[int(rng.integers(len(GIVEN_NAMES)))]} {SURNAMES[int(rng.integers(len(SURNAMES)))]}"
        return (
            f"{COMPANY_WORDS[int(rng.integers(len(COMPANY_WORDS)))]} "
            f"{SURNAMES[int(rng.integers(len(SURNAMES)))]} {COMPANY_FORMS[int(rng.integers(len(COMPANY_FORMS)))]}"
        )

    def _ada(self):
        rng = self.rng
        head = "".join(ADA_CHARS[int(q)] for q in rng.integers(0, len(ADA_CHARS), int(rng.integers(6, 9))))
        tail = "".join(ADA_CHARS[int(q)] for q in rng.integers(0, len(ADA_CHARS), 3))
        if head[0].isdigit() and rng.random() < 0.5:
            head = "Ω" + head[1:]
        return f"{head}-{tail}"

    def _lease_status(self, end):
        if end < self.ref:
            return "expired"
        if end <= self.ref + timedelta(days=EXPIRING_DAYS):
            return "expiring"
        return "active"

    def build_leases(self):
        rng = self.rng
        rows = []
        purposes = {
            "building": ("Κατάστημα", "Γραφεία", "Αναψυκτήριο", "Αποθήκη"),
            "housing": ("Κατοικία",),
            "land": ("Χώρος στάθμευσης", "Εγκατάσταση περιπτέρου", "Υπαίθρια έκθεση"),
            "agricultural_land": ("Καλλιέργεια",),
            "pasture": ("Βοσκή",),
        }
        rate = {
            "building": (20.0, 60.0),
            "housing": (15.0, 35.0),
            "land": (1.0, 5.0),
            "agricultural_land": (0.02, 0.06),
            "pasture": (0.01, 0.03),
        }

        def lease(spec, start, end, status=None):
            k = spec["parcel"]
            ptype = spec["property_type"] if spec["property_type"] in purposes else "building"
            lo, hi = rate[ptype]
            rent = round(float(self.parcel_area[k]) * float(rng.uniform(lo, hi)), -1) or 50.0
            opts = purposes[ptype]
            rows.append(
                {
                    "lease_code": f"ΜΙΣ-{len(rows) + 1:04d}",
                    "property_code": spec["code"],
                    "lessee": self._person(),
                    "purpose": opts[int(rng.integers(len(opts)))],
                    "start_date": start,
                    "end_date": end,
                    "annual_rent_eur": rent,
                    "decision_ref": self._ada(),
                    "status": status or self._lease_status(end),
                    "project_code": None,
                }
            )

        ref = self.ref
        n_leased = n_vacant = 0
        for spec in self.property_specs:
            if spec["status"] == "leased":
                n_leased += 1
                years = int(rng.choice([3, 4, 6, 9, 12]))
                u = rng.random()
                if n_leased == 2 or (n_leased > 2 and u < 0.2):  # expiring within the next 90 days
                    end = ref + timedelta(days=int(rng.integers(1, EXPIRING_DAYS + 1)))
                else:
                    end = ref + timedelta(days=int(rng.integers(EXPIRING_DAYS + 30, 365 * years)))
                start = end - timedelta(days=365 * years)
                if rng.random() < 0.3:
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
        spec = self.property_specs[self.apostolidis]
        lease(spec, None, None, status="planned")
        rows[-1]["purpose"] = "Μίσθωση διώροφης οικίας (κληροδότημα Αποστολίδη)"
        self.lease_rows = rows

    def build_encroachments(self):
        rng = self.rng
        tree = shapely.STRtree(self.parcel_geom)
        rows, geoms = [], []
        candidates = [s for s in self.property_specs if s["status"] == "encroached"]
        others = [
            s
            for s in self.property_specs
            if s["status"] in ("leased", "own_use") and s["property_type"] in ("land", "building")
        ]
        n_resolved = min(len(others), max(1, len(candidates) // 3))
        if n_resolved:
            picks = sorted(rng.choice(len(others), size=n_resolved, replace=False).tolist())
            candidates += [others[q] for q in picks]
        for spec in candidates:
            k = spec["parcel"]
            geom = self.parcel_geom[k]
            near = tree.query(geom, predicate="touches")
            near = [q for q in near.tolist() if self.parcel_owner[q] == "private"]
            best, best_len, shared = None, 3.0, None
            for q in near:
                line = shapely.intersection(shapely.boundary(geom), shapely.boundary(self.parcel_geom[q]))
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
                    self.property_rows[self.property_specs.index(spec)]["status"] = "vacant"
                continue
            area = float(shapely.area(piece))
            years = int(rng.integers(1, 6))
            status = (
                str(rng.choice(["detected", "notified", "fee_charged", "disputed"]))
                if spec["status"] == "encroached"
                else "resolved"
            )
            rows.append(
                {
                    "property_code": spec["code"],
                    "detected_on": self.ref - timedelta(days=int(rng.integers(30, 1500))),
                    "area_m2": round(area, 2),
                    "fee_eur": round(area * float(rng.uniform(8.0, 25.0)) * years, 2),
                    "neighbour_kaek": self.parcel_kaek[best],
                    "status": status,
                    "project_code": None,
                }
            )
            geoms.append(piece)
        self.enc_rows, self.enc_geoms = rows, geoms

    # ---------------------------------------------------------------- playgrounds and bikes
    def build_playgrounds(self):
        rng = self.rng
        rows, geoms = [], []
        ages = ("over_3", "under_6", "age_6_12", "all_ages", "under_3", "over_12")
        for n_, idx in enumerate(self.existing_playgrounds):
            spec = self.property_specs[idx]
            k = spec["parcel"]
            # one with a valid mark, one whose mark lapsed recently, the rest anything in between
            lo, hi = ((60, 330), (-150, -10))[n_] if n_ < 2 else (-500, 330)
            until = self.ref + timedelta(days=int(rng.integers(lo, hi)))
            status = "closed" if until < self.ref - timedelta(days=180) else "existing"
            rows.append(
                {
                    "name": spec["name"],
                    "address": self.parcel_address[k],
                    "area_m2": round(float(min(self.parcel_area[k], rng.uniform(250.0, 1200.0))), 1),
                    "age_group": ages[int(rng.integers(len(ages)))],
                    "certified_until": until,
                    "status": status,
                    "plan_code": None,
                    "project_code": None,
                }
            )
            geoms.append(shapely.point_on_surface(self.parcel_geom[k]))
        pc = self.pc.get("playgrounds")
        planned = [
            ("Παιδική χαρά Πλατείας Ειρήνης", self.sp_parcel["eirinis"], "Πλατεία Ειρήνης, περιοχή Σιγής"),
            ("Παιδική χαρά Πλατείας Ομόνοιας", self.sp_parcel["omonoias"], "Πλατεία Ομόνοιας"),
            ("Παιδική χαρά Ραιδεστού – Κεντρικό Πάρκο", self.sp_parcel["park"], "Ραιδεστού – Κεντρικό Πάρκο"),
            ("Παιδική χαρά στο παλιό τελωνείο", self.property_specs[self.customs]["parcel"], None),
            (
                "Παιδική χαρά Νικομηδείας – Βιζυηνού",
                self.property_specs[self.nikomideias]["parcel"],
                "Νικομηδείας – Βιζυηνού",
            ),
        ]
        for s in self.property_specs:
            if s.get("village"):
                planned.append((f"Παιδική χαρά {s['village']}", s["parcel"], None))
        for name, k, address in planned:
            pt = shapely.point_on_surface(self.parcel_geom[k])
            if k == self.sp_parcel["park"]:  # the park's side on Ραιδεστού (west)
                coords = shapely.get_coordinates(self.parcel_geom[k])
                west = coords[np.argmin(coords[:, 0])]
                cen = shapely.get_coordinates(shapely.centroid(self.parcel_geom[k]))[0]
                pt = shapely.Point(west + 0.25 * (cen - west))
            rows.append(
                {
                    "name": name,
                    "address": address or self.parcel_address[k],
                    "area_m2": None,
                    "age_group": "all_ages",
                    "certified_until": None,
                    "status": "planned",
                    "plan_code": None,
                    "project_code": pc,
                }
            )
            geoms.append(pt)
            self._place("playgrounds", shapely.buffer(pt, 10.0, cap_style="square"))
        k = self.property_specs[self.op209]["parcel"]
        pt = shapely.point_on_surface(self.parcel_geom[k])
        rows.append(
            {
                "name": "Παιδική χαρά ΟΠ 209Α",
                "address": "Δημογερόντων – Ν. Νικολάου",
                "area_m2": 280.0,
                "age_group": "over_3",
                "certified_until": None,
                "status": "planned",
                "plan_code": "209Α",
                "project_code": self.pc.get("phase1"),
            }
        )
        geoms.append(pt)
        self.play_rows, self.play_geoms = rows, geoms

    def build_bikes(self):
        nodes = self.city.nodes
        ex = self.avenues["Εξοχών"]
        si, sj = self.star
        start = nodes[si, sj]
        if ex:
            li, lj = ex[-1]
            end = nodes[li + 1, lj + 1]
        else:
            end = nodes[si + 1, sj + 1]
        direction = (end - start) / max(1e-9, float(np.hypot(*(end - start))))
        tei_dir = np.array([-0.5, 0.866])
        qi, qj, cells = self._quad_cells(self.city)
        cc = shapely.get_coordinates(shapely.centroid(cells))
        tei = cc[np.argmax((cc - np.array(CENTRE)) @ tei_dir)]
        stations = [
            (
                "Πλατεία Ελευθερίας",
                shapely.point_on_surface(self.parcel_geom[self.sp_parcel["eleftherias"]]),
                10,
            ),
            ("Κεντρικό Πάρκο", shapely.centroid(self.parcel_geom[self.sp_parcel["park"]]), 8),
            ("ΤΕΙ", shapely.Point(tei), 8),
            ("Αρχή οδού Εξοχών", shapely.Point(start + 3.0 * direction), 7),
            ("Τέλος οδού Εξοχών", shapely.Point(end - 3.0 * direction), 7),
        ]
        pc = self.pc.get("bikes")
        self.bike_rows = [
            {"name": n, "docks": d, "status": "existing", "project_code": pc} for n, _, d in stations
        ]
        self.bike_geoms = [g for _, g, _ in stations]
        for g in self.bike_geoms:
            self._place("bikes", shapely.buffer(g, 6.0, cap_style="square"))

    # ---------------------------------------------------------------- regeneration and projects
    def build_regeneration(self):
        r = self.r_city
        dep = shapely.get_coordinates(shapely.centroid(self._cell(self.city, *self.deprived[0])))[0]
        rows, geoms = [], []
        cen = np.array([shapely.get_coordinates(shapely.centroid(g))[0] for g in self.census_geoms])
        city = np.array(self.census_parts) == 0
        dc = np.hypot(*(cen - np.array(CENTRE)).T)
        dd = np.hypot(*(cen - dep).T)
        for name, programme, status, mask, proj in (
            (
                "Περιοχή παρέμβασης ΣΒΑΑ Σερρών",
                "ΣΒΑΑ Σερρών",
                "approved",
                city & ((dc < 0.45 * r) | (dd < 0.3 * r)),
                "phase1",
            ),
            (
                "Ανοικτό Κέντρο Εμπορίου πόλης Σερρών",
                "Ε.Π. Ανταγωνιστικότητα, Επιχειρηματικότητα & Καινοτομία 2014-2020",
                "proposed",
                city & (dc < 0.25 * r),
                None,
            ),
        ):
            idx = np.flatnonzero(mask)
            if len(idx) == 0:
                idx = np.array([int(np.argmin(np.where(city, dc, np.inf)))])
            pop = int(sum(self.census_rows[q]["population"] for q in idx.tolist()))
            rows.append(
                {
                    "name": name,
                    "programme": programme,
                    "population": pop,
                    "status": status,
                    "project_code": self.pc.get(proj),
                }
            )
            geoms.append(_coverage_union([self.census_geoms[q] for q in idx.tolist()]))
        self.regen_rows, self.regen_geoms = rows, geoms

    def place_projects(self):
        st = self.streets
        ic, jc = self.ic, self.jc
        # Ερμού pavements between Κ. Καραμανλή and Ελευθερίου Βενιζέλου, both sides
        for j in range(jc + 1, jc + 3):
            e = self.edge_lookup.get((0, "r", ic - 1, j))
            if e is None:
                continue
            line = st["geom"][e]
            outer = shapely.buffer(line, 6.5, cap_style="flat")
            inner = shapely.buffer(line, 4.0, cap_style="flat")
            self._place("phase1", shapely.difference(outer, inner))
            self.street_project[e] = self.pc.get("phase1")
        # air quality: west entrance (national road), Πλατεία Εμπορίου, east end of Μ. Αλεξάνδρου
        east = [e for e in range(st["n_grid"]) if st["name"][e] == "Μ. Αλεξάνδρου" and st["sett"][e] == 0]
        points = [
            shapely.Point(self.eo_start),
            shapely.centroid(self.parcel_geom[self.sp_parcel["emporiou"]]),
        ]
        if east:
            last = max(east, key=lambda e: st["pos"][e])
            points.append(shapely.Point(shapely.get_coordinates(st["geom"][last])[1]))
        for p in points:
            self._place("air", shapely.buffer(p, 4.0, cap_style="square"))
        # audible signals at the 14 busiest junctions nearest the centre
        ends = shapely.get_coordinates(st["geom"][: st["n_grid"]]).reshape(-1, 2, 2)
        city_edges = st["sett"][: st["n_grid"]] == 0
        pts = ends[city_edges].reshape(-1, 2)
        uniq, counts = np.unique(pts, axis=0, return_counts=True)
        junctions = uniq[counts >= 4]
        dist = np.hypot(*(junctions - np.array(CENTRE)).T)
        for p in junctions[np.argsort(dist, kind="stable")[:14]]:
            self._place("signals", shapely.buffer(shapely.Point(p), 8.0))
        # the Ακρόπολη hill north of the town
        nodes = self.city.nodes[self._kept_nodes(self.city)]
        top = nodes[np.argmax(nodes[:, 1])]
        hill = affinity.scale(shapely.buffer(shapely.Point(top[0], top[1] + 650.0), 350.0), 1.4, 0.8)
        self._place("acropolis", hill)
        # street markets along Καλαμπάκα
        for e in range(st["n_grid"]):
            if st["name"][e] == "Καλαμπάκα" and st["sett"][e] == 0:
                self._place("markets", shapely.buffer(st["geom"][e], 5.0, cap_style="flat"))

    # ---------------------------------------------------------------- assembly
    def tables_out(self):
        t = {}

        def put(layer_id, records, geoms):
            lay = catalogue.layer(layer_id)
            if geoms is not None and lay.geometry == "MultiPolygon":
                geoms = list(_as_multi(geoms)) if len(geoms) else []
            t[layer_id] = Table(layer_id, records, list(geoms) if geoms is not None else None)

        proj_geoms = []
        for p in self.projects:
            key = next((k for k, code in self.pc.items() if code == p["project_code"]), None)
            parts = self.project_geoms.get(key) if key else None
            proj_geoms.append(shapely.union_all(parts) if parts else None)
        multi = [None if g is None else _as_multi([g])[0] for g in proj_geoms]
        t["programme_project"] = Table("programme_project", self.projects, multi)
        put("project_funding", self.fundings, None)
        put("municipal_property", self.property_rows, self.property_geoms)
        put("lease", self.lease_rows, None)
        put("encroachment", self.enc_rows, self.enc_geoms)
        parcel_rows = [
            {
                "kaek": k,
                "ot_code": o,
                "address": a,
                "registered_area_m2": r,
                "owner_type": w,
                "project_code": None,
            }
            for k, o, a, r, w in zip(
                self.parcel_kaek,
                self.parcel_ot,
                self.parcel_address,
                self.parcel_reg,
                self.parcel_owner.tolist(),
            )
        ]
        put("parcel", parcel_rows, self.parcel_geom)
        put("city_block", self.block_rows, self.block_geom)
        put("land_use_zone", self.zone_rows, self.zone_geoms)
        st = self.streets
        street_rows = [
            {"name": n, "walkable": w, "street_class": c, "project_code": p}
            for n, w, c, p in zip(st["name"].tolist(), st["walk"], st["cls"], self.street_project)
        ]
        put("street", street_rows, list(st["geom"]))
        put("community", self.community_rows, self.community_geoms)
        put("playground", self.play_rows, self.play_geoms)
        put("bike_station", self.bike_rows, self.bike_geoms)
        put("census_block", self.census_rows, self.census_geoms)
        put("regeneration_zone", self.regen_rows, self.regen_geoms)
        put("land_use_certificate", [], None)
        put("parcel_lineage", [], None)
        put("edit_exception", [], None)
        return {layer_id: t[layer_id] for layer_id in catalogue.layer_ids()}


def generate(parcels: int = 5000, seed: int = 1, year: int = 2019, feedback=None) -> dict[str, Table]:
    """A sample municipality with about `parcels` parcels (exactly that many unless a rare sliver
    had to be merged), deterministic for a given seed. One `Table` per catalogue layer, in
    catalogue order. Raises `GenerationCancelled` when `feedback.isCanceled()` turns true and
    `ValueError` for a parcel count outside 1 000 … 500 000."""
    b = _Builder(parcels, seed, year, feedback)
    b.progress(0)
    n_village = int(np.clip(round(0.008 * b.target), 12, 1500))
    b.read_programme()
    b.build_city(b.target - n_village * len(VILLAGES))
    b.progress(25)
    b.build_villages(n_village)
    b.progress(35)
    b.build_streets()
    b.build_parcels()
    b.progress(55)
    b.build_zones()
    b.progress(65)
    b.build_census()
    b.build_communities()
    b.progress(75)
    b.build_properties()
    b.build_leases()
    b.build_encroachments()
    b.progress(85)
    b.build_playgrounds()
    b.build_bikes()
    b.build_regeneration()
    b.place_projects()
    tables = b.tables_out()
    b.progress(100)
    return tables
