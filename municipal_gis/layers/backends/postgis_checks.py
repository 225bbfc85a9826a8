"""`check_database`'s set-based checks as SQL run inside PostGIS (`PostgisBackend.checks_in_database`).

Each method answers one question of `layers/checks.py` with the rows that are findings and nothing
else: the database scans its tables (in parallel where PostgreSQL chooses to), joins through the
GiST indexes, and only the offending rows travel to QGIS. The messages are made by `checks.py`,
from the same texts as the Python path; what is a finding is the same rule as there:

- a value is missing when it is NULL or, in a text column, only white space (Python's);
- a duplicate is a non-NULL value that occurs more than once in a unique column;
- a code is unknown when it is non-empty and not in the value list;
- a reference (project, property) is unknown when it is non-empty and not a key of the parent table;
- a geometry is empty when it is NULL or empty, invalid when GEOS says so (`ST_IsValid`; the reason
  is shapely's, from the few invalid rows' WKB);
- two parcels overlap when they share more than the tolerance (m²); a block has a gap when its
  area minus the union of its parcels exceeds it. A parcel belongs to the block that holds its
  point on surface (the lowest fid when blocks overlap); empty, invalid and closed parcels and
  invalid blocks take no part (they are findings of their own).

Every query runs in one read-only, repeatable-read transaction (one snapshot for all of them, no
temporary table, so a role that may only read the schema, or a hot standby, gets the same answers).
"""

from __future__ import annotations

from municipal_gis.schema import catalogue

# the characters Python's str.strip() removes (str.isspace), as a regular-expression class: PostgreSQL's
# [[:space:]] depends on the database's locale (under C.UTF-8 it leaves out the no-break space)
SPACE_RANGES = ((0x9, 0xD), (0x1C, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
                (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000))
BLANK = "^[" + "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in SPACE_RANGES) + "]*$"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PostgisChecks:
    """An open read-only transaction on the municipal schema; close() ends it."""

    def __init__(self, backend, workers: int | None = None):
        """`workers`: parallel workers per query; None leaves the server's max_parallel_workers_per_gather
        (its administrator's choice for its cores)."""
        self.backend = backend
        self.connection = backend.connect()
        try:
            self.connection.set_session(readonly=True, isolation_level="REPEATABLE READ")
            self.cursor = self.connection.cursor()
            self.cursor.execute("SET LOCAL client_min_messages = warning")  # ST_IsValid's notices
            # PostGIS functions are costed high, so PostgreSQL would JIT-compile every query: that costs
            # more (0.4 s a query) than the per-row expressions it speeds up, the work being in GEOS
            self.cursor.execute("SET LOCAL jit = off")
            self.cursor.execute("SET LOCAL work_mem = '64MB'")  # the block membership's sort of every parcel
            if workers is not None:
                self.cursor.execute("SET LOCAL max_parallel_workers_per_gather = %s", (int(workers),))
            self.cursor.execute("SELECT postgis_lib_version()")
        except BaseException:
            self.connection.close()
            raise

    def close(self) -> None:
        try:
            self.connection.rollback()
        finally:
            self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _rows(self, sql: str, params=None) -> list[tuple]:
        self.cursor.execute(sql, params)
        return self.cursor.fetchall()

    def table(self, layer_id: str) -> str:
        return self.backend.table(layer_id)

    # -- one layer -------------------------------------------------------------------------------
    def count(self, layer_id: str) -> int:
        return int(self._rows(f"SELECT count(*) FROM {self.table(layer_id)}")[0][0])

    def extent(self, layer_id: str):
        """(minx, miny, maxx, maxy) of the geometries that exist and are not empty, exact (not the
        index's float boxes), or None when there are none."""
        row = self._rows(
            "SELECT min(ST_XMin(g)), min(ST_YMin(g)), max(ST_XMax(g)), max(ST_YMax(g)) "
            f"FROM (SELECT geom::box3d AS g FROM {self.table(layer_id)} "
            "WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)) s")[0]
        return None if row[0] is None else tuple(float(v) for v in row)

    def geometry_problems(self, layer_id: str) -> list[tuple]:
        """(fid, None) for a missing or empty geometry, (fid, WKB) for an invalid one: its reason is asked of
        the GEOS that the Python path asks (the database's may be another release, which places a
        self-intersection a digit apart)."""
        return [(fid, None if wkb is None else bytes(wkb)) for fid, wkb in self._rows(
            "SELECT fid, CASE WHEN geom IS NULL OR ST_IsEmpty(geom) THEN NULL ELSE ST_AsBinary(geom) END "
            f"FROM {self.table(layer_id)} WHERE geom IS NULL OR ST_IsEmpty(geom) OR NOT ST_IsValid(geom) "
            "ORDER BY fid")]

    def value_problems(self, layer_id: str, required=(), blank=(), unique=(), vocabularies=None) -> list[tuple]:
        """(fid, field, problem, value, count) of one layer, in one round trip: `required` columns with
        no value (`blank` ones: also white space only), duplicates of `unique` columns, and values
        of `vocabularies` (column -> allowed codes) outside their list."""
        table = self.table(layer_id)
        parts, params = [], []
        for name in required:
            empty = f" OR {_q(name)}::text ~ %s" if name in blank else ""
            parts.append(f"SELECT fid, %s, 'missing_value', NULL::text, NULL::bigint FROM {table} "
                         f"WHERE {_q(name)} IS NULL{empty}")
            params += [name, BLANK] if name in blank else [name]
        for name in unique:
            parts.append(
                f"SELECT t.fid, %s, 'duplicate_value', t.{_q(name)}::text, d.n FROM {table} t "
                f"JOIN (SELECT {_q(name)} AS v, count(*) AS n FROM {table} WHERE {_q(name)} IS NOT NULL "
                f"GROUP BY {_q(name)} HAVING count(*) > 1) d ON t.{_q(name)} = d.v")
            params.append(name)
        for name, allowed in (vocabularies or {}).items():
            parts.append(f"SELECT fid, %s, 'unknown_code', {_q(name)}::text, NULL::bigint FROM {table} "
                         f"WHERE {_q(name)} IS NOT NULL AND {_q(name)}::text <> '' "
                         f"AND NOT ({_q(name)}::text = ANY(%s))")
            params += [name, list(allowed)]
        if not parts:
            return []
        return self._rows(" UNION ALL ".join(f"({p})" for p in parts) + " ORDER BY 1, 2, 3", params)

    def odd_values(self, layer_id: str, column: str, pattern: str) -> list[tuple]:
        """(fid, value as text) of the non-empty values that do not match a regular expression: the
        rows a Python rule still has to look at (e.g. ΚΑΕΚ that are not plain 12 digits)."""
        return self._rows(f"SELECT fid, {_q(column)}::text FROM {self.table(layer_id)} "
                          f"WHERE {_q(column)} IS NOT NULL AND {_q(column)}::text <> '' "
                          f"AND {_q(column)}::text !~ %s ORDER BY fid", (pattern,))

    def columns(self, layer_id: str, names) -> tuple[list[int], dict]:
        """(fids, column -> values) of every row, without geometries (small tables only)."""
        selected = ", ".join(["fid"] + [_q(n) for n in names])
        rows = self._rows(f"SELECT {selected} FROM {self.table(layer_id)} ORDER BY fid")
        return [r[0] for r in rows], {n: [r[i + 1] for r in rows] for i, n in enumerate(names)}

    # -- between layers --------------------------------------------------------------------------
    def unknown_references(self, layer_id: str, column: str, parent: tuple[str, str] | None) -> list[tuple]:
        """(fid, code) of the rows whose non-empty `column` is no `parent` (layer, key column) key;
        `parent` None: there is no parent table to look in, every code is unknown."""
        found = ""
        if parent is not None:
            found = (f" AND NOT EXISTS (SELECT 1 FROM {self.table(parent[0])} p "
                     f"WHERE p.{_q(parent[1])}::text = t.{_q(column)}::text)")
        return self._rows(f"SELECT t.fid, t.{_q(column)}::text FROM {self.table(layer_id)} t "
                          f"WHERE t.{_q(column)} IS NOT NULL AND t.{_q(column)}::text <> ''{found} ORDER BY t.fid")

    def unlocated_projects(self, located_in: list[str]) -> list[tuple]:
        """(fid, code) of projects with a code, no geometry of their own, and no row of the `located_in`
        layers tied to them."""
        key = _q(catalogue.PROJECT_KEY)
        others = "".join(f" AND NOT EXISTS (SELECT 1 FROM {self.table(layer)} t WHERE t.{key}::text = p.{key}::text)"
                         for layer in located_in)
        return self._rows(f"SELECT p.fid, p.{key}::text FROM {self.table(catalogue.PROJECT_LAYER)} p "
                          f"WHERE p.{key} IS NOT NULL AND p.{key}::text <> '' "
                          f"AND (p.geom IS NULL OR ST_IsEmpty(p.geom)){others} ORDER BY p.fid")

    # -- the partition of city blocks into parcels -----------------------------------------------
    @staticmethod
    def _clean(alias: str, has_status: bool) -> str:
        """The parcels of the partition: with a geometry, not among %(unusable)s (the fids whose geometry
        is empty or invalid, known from `geometry_problems`: GEOS's validity is not asked again for every
        pair), not closed."""
        status = (f" AND {alias}.status::text IS DISTINCT FROM '{catalogue.PARCEL_CLOSED}'" if has_status else "")
        return f"{alias}.geom IS NOT NULL AND NOT ({alias}.fid = ANY(%(unusable)s)){status}"

    def overlaps(self, unusable, has_status: bool, boxes_must_share_area: bool = True) -> list[tuple]:
        """(fid, other fid, area m²) of the clean parcel pairs (fid < other) whose shared area is
        positive. `unusable`: fids of parcels whose geometry is empty or invalid. `boxes_must_share_area`:
        pairs whose exact bounding boxes only touch share no area and are skipped without an intersection
        (always, unless the tolerance is negative)."""
        parcel = self.table("parcel")
        boxes = ("AND least(ST_XMax(a.geom), ST_XMax(b.geom)) > greatest(ST_XMin(a.geom), ST_XMin(b.geom)) "
                 "AND least(ST_YMax(a.geom), ST_YMax(b.geom)) > greatest(ST_YMin(a.geom), ST_YMin(b.geom)) "
                 if boxes_must_share_area else "")
        return self._rows(
            "SELECT fid, other, area FROM ("
            f"  SELECT a.fid, b.fid AS other, ST_Area(ST_Intersection(a.geom, b.geom)) AS area"
            f"  FROM {parcel} a JOIN {parcel} b ON a.geom && b.geom AND a.fid < b.fid"
            f"  WHERE {self._clean('a', has_status)} AND {self._clean('b', has_status)} {boxes}"
            "    AND ST_Intersects(a.geom, b.geom)) s WHERE area > 0 ORDER BY fid, other",
            {"unusable": [int(f) for f in unusable]})

    def gaps(self, tolerance_m2: float, unusable, overlapping, has_status: bool) -> list[tuple]:
        """(block fid, uncovered area m²) of the valid blocks whose area not covered by their parcels
        exceeds the tolerance. `unusable`: fids of parcels whose geometry is empty or invalid;
        `overlapping`: fids of parcels that share area with another.

        A block whose parcels all lie inside it and overlap none has that area as its area minus the
        sum of theirs: only the other blocks get their parcels' union built (a second query, for
        those blocks alone). The first runs block by block (each block's parcels through the parcel
        table's GiST index, an aggregate per block), so PostGIS tests a block against its parcels
        with the block prepared once. A parcel's point can lie in two blocks only where their
        interiors overlap: such blocks go to the second query, which gives the parcel to the lower fid."""
        parcel, block = self.table("parcel"), self.table("city_block")
        params = {"overlapping": [int(f) for f in overlapping], "unusable": [int(f) for f in unusable]}
        rows = self._rows(f"""
            SELECT b.fid, ST_Area(b.geom), h.member_area, coalesce(h.spoilt, false)
            FROM {block} b CROSS JOIN LATERAL (
                SELECT sum(ST_Area(p.geom)) AS member_area,
                       bool_or(NOT ST_Covers(b.geom, p.geom) OR p.fid = ANY(%(overlapping)s)) AS spoilt
                FROM {parcel} p
                WHERE p.geom && b.geom AND {self._clean("p", has_status)}
                  AND ST_Contains(b.geom, ST_PointOnSurface(p.geom))) h
            WHERE b.geom IS NOT NULL AND NOT ST_IsEmpty(b.geom) AND ST_IsValid(b.geom)
            ORDER BY b.fid""", params)
        shared = {r[0] for r in self._rows(f"""
            SELECT DISTINCT b.fid FROM {block} b JOIN {block} o ON o.geom && b.geom AND o.fid <> b.fid
            WHERE NOT ST_IsEmpty(b.geom) AND NOT ST_IsEmpty(o.geom) AND ST_Relate(b.geom, o.geom, 'T********')""")}
        found, suspect, block_areas = [], [], {}
        for fid, block_area, member_area, spoilt in rows:
            block_areas[fid] = float(block_area)
            if fid in shared or member_area is None:
                suspect.append(fid)
                continue
            # a margin far above the rounding of the areas, far below any tolerance worth setting
            if not spoilt and block_area - member_area <= tolerance_m2 - 1e-9 * (block_area + 1.0):
                continue
            suspect.append(fid)
        if suspect:
            gap = {}
            alone = [fid for fid in suspect if fid not in shared]
            for fids, dedupe in ((alone, False), (sorted(shared & set(suspect)), True)):
                if fids:
                    for fid, area in self._union_gaps(fids, unusable, has_status, dedupe):
                        gap[fid] = float(area)
            for fid in suspect:
                area = gap.get(fid, block_areas[fid])  # no parcel of its own: the whole block is a gap
                if area > tolerance_m2:
                    found.append((fid, area))
        return sorted(found)

    def _union_gaps(self, suspect: list[int], unusable, has_status: bool, dedupe: bool) -> list[tuple]:
        """(block fid, area of the block outside the union of its parcels) for the `suspect` blocks.
        `dedupe`: the blocks overlap others, and a parcel whose point on surface two blocks hold belongs
        to the lower fid's (an index probe per parcel, so only for those blocks)."""
        parcel, block = self.table("parcel"), self.table("city_block")
        lower = (f"""AND NOT EXISTS (SELECT 1 FROM {block} o WHERE o.fid < b.fid AND o.geom && p.geom
                                     AND ST_Contains(o.geom, ST_PointOnSurface(p.geom)))""" if dedupe else "")
        return self._rows(f"""
            SELECT b.fid, ST_Area(ST_Difference(b.geom, u.covered))
            FROM {block} b CROSS JOIN LATERAL (  -- block by block, as in `gaps`
                SELECT ST_Union(p.geom) AS covered FROM {parcel} p
                WHERE p.geom && b.geom AND {self._clean("p", has_status)}
                  AND ST_Contains(b.geom, ST_PointOnSurface(p.geom)) {lower}) u
            WHERE b.fid = ANY(%(suspect)s) AND u.covered IS NOT NULL""",
                          {"suspect": suspect, "unusable": [int(f) for f in unusable]})
