"""Bulk writing of an algorithm's output into a GeoPackage, behind QGIS's own sink.

QGIS's file sink writes a GeoPackage row by row through OGR: every feature crosses from Python
to QGIS to OGR, and the R-tree and feature-count triggers fire once per row. For outputs of
hundreds of thousands of pieces that costs more than computing them.

`open_bulk(sink, dest_id)` takes the sink that `parameterAsSink` made (so QGIS has already
applied its own rules for the destination: a plain path overwrites the file, `path|layername=x`
adds or replaces that layer, the layer is registered to load on completion, and the schema, CRS
and field types are exactly what the sink would write), closes it while still empty, and
returns a writer that fills the same table with plain `sqlite3`:

- one transaction; rows inserted as each block comes, by `executemany` of one prepared multi-row
  INSERT (200 rows a statement: sqlite3 releases the GIL once per statement, not once per row,
  so the rows go in while the overlay's worker threads run);
- geometries as GeoPackage blobs (header with envelope + ISO WKB), built from WKB in Python;
- the table's triggers (R-tree upkeep, which call ST_* functions that plain sqlite3 lacks, and
  the feature count) dropped for the load and re-created unchanged at the end; the R-tree filled
  from the envelopes computed in numpy, a block at a time in the same transaction (no per-row
  trigger, no geometry parsing); `gpkg_contents` extent and `gpkg_ogr_contents` count set;
- on error or cancellation the transaction is rolled back and the layer removed, so no
  half-written layer is left behind.

Any destination that is not a GeoPackage table of the expected shape (memory, other formats,
databases) gives None: the caller keeps writing to the QGIS sink.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sqlite3
import struct

import numpy as np
import shapely

_HEADER = struct.Struct("<2sBBi4d")  # magic, version, flags (little-endian, xy envelope), srs_id, envelope
_FLAGS_XY_LE = 0x03
ROWS_PER_STATEMENT = 200  # rows per multi-row INSERT (fewer when SQLite's limit of variables is lower)


def _variable_limit(con) -> int:
    """How many ? a statement may hold: 32 766 from SQLite 3.32, 999 before (Python < 3.11 cannot ask)."""
    getlimit = getattr(con, "getlimit", None)
    if getlimit is not None:
        return int(getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return 32766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999


def _decode(dest_id: str) -> tuple[str, str]:
    """(path, layer name or "") of an OGR destination string."""
    from qgis.core import QgsProviderRegistry

    parts = QgsProviderRegistry.instance().decodeUri("ogr", dest_id)
    return parts.get("path") or "", parts.get("layerName") or ""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_value(value):
    """A Python/Qt attribute value as what the GeoPackage stores (as OGR would write it)."""
    if value is None:
        return None
    kind = type(value)
    if kind in (str, float, int):
        return value
    if kind is bool or isinstance(value, np.bool_):
        return int(bool(value))
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

    if isinstance(value, QVariant):
        return None if value.isNull() else sql_value(value.value())
    if isinstance(value, QDateTime):
        return sql_value(value.toPyDateTime()) if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate().isoformat() if value.isValid() else None
    return str(value)


class GeoPackageBulkWriter:
    """Fills one existing, empty GeoPackage table in a single transaction (see the module doc)."""

    def __init__(self, path: str, table: str, columns: list[str], geometry_column: str | None, srs_id: int,
                 multi: bool = False):
        self.path, self.table = path, table
        self.columns, self.geometry_column, self.srs_id = columns, geometry_column, srs_id
        self.multi = multi  # the table's geometry type is a multi type: single parts are promoted
        self.count = 0
        self._extent = [np.inf, np.inf, -np.inf, -np.inf]
        self._con = sqlite3.connect(path, isolation_level=None)
        self._con.execute("PRAGMA synchronous=OFF")
        self._con.execute("BEGIN IMMEDIATE")
        self._triggers = [sql for (sql,) in self._con.execute(
            "SELECT sql FROM sqlite_master WHERE type='trigger' AND tbl_name=?", (table,))]
        for (name,) in self._con.execute(
                "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name=?", (table,)).fetchall():
            self._con.execute(f"DROP TRIGGER {_quote(name)}")
        names = ["fid"] + ([geometry_column] if geometry_column else []) + columns
        self._width = len(names)
        self._insert = f"INSERT INTO {_quote(table)} ({','.join(_quote(n) for n in names)}) VALUES "
        # rows go in as multi-row INSERTs of `_per_statement` rows (see add_rows)
        self._per_statement = max(1, min(ROWS_PER_STATEMENT, _variable_limit(self._con) // self._width))
        self._rtree = False
        self._pending: list[np.ndarray] = []  # (rows, width) object arrays not inserted yet
        self._pending_rows = 0
        self._boxes: list[np.ndarray] = []
        self._ids: list[np.ndarray] = []
        if geometry_column:
            rtree = f"rtree_{table}_{geometry_column}"
            self._rtree = bool(self._con.execute("SELECT 1 FROM sqlite_master WHERE name=?", (rtree,)).fetchone())
            self._rtree_insert = f"INSERT INTO {_quote(rtree)} VALUES (?,?,?,?,?)"
        self._next_fid = 1 + (self._con.execute(f"SELECT coalesce(max(rowid), 0) FROM {_quote(table)}").fetchone()[0])

    # -- writing ----------------------------------------------------------------------------
    def add_rows(self, columns: list[list], wkbs: list | None = None, bounds: np.ndarray | None = None, *,
                 geometries=None) -> None:
        """Append rows given column by column (values already in GeoPackage form, see sql_value).

        The geometry, if the table has one, comes either as `geometries` (shapely, None for no
        geometry; single polygons/lines/points become one-part multi-geometries when the table's
        type is a multi type) or as `wkbs`, little-endian ISO WKB per row (None for no geometry),
        with `bounds`, an (n, 4) array of xmin, ymin, xmax, ymax per row (NaN where there is none).
        """
        if geometries is not None:
            blobs, bounds = geometry_blobs(geometries, self.srs_id, self.multi)
            n = len(blobs)
        else:
            n = len(columns[0]) if columns else (len(wkbs) if wkbs is not None else 0)
        if n == 0:
            return
        fids = np.arange(self._next_fid, self._next_fid + n, dtype=np.int64)
        if self.geometry_column:
            bounds = np.asarray(bounds, dtype=float)
            if geometries is None:
                pack, srs = _HEADER.pack, self.srs_id
                blobs = [None if w is None else pack(b"GP", 0, _FLAGS_XY_LE, srs, b[0], b[2], b[1], b[3]) + w
                         for w, b in zip(wkbs, bounds.tolist())]
            present = ~np.isnan(bounds[:, 0])
        rows = np.empty((n, self._width), dtype=object)  # filled column by column, in C
        rows[:, 0] = fids.tolist()
        first = 1
        if self.geometry_column:
            rows[:, 1] = blobs
            first = 2
        for j, values in enumerate(columns, first):
            rows[:, j] = values
        self._pending.append(rows)
        self._pending_rows += n
        self._insert_pending(final=False)
        if self.geometry_column and present.any():
            box, ids = bounds[present], fids[present]
            lo, hi = box.min(axis=0), box.max(axis=0)
            e = self._extent
            self._extent = [min(e[0], lo[0]), min(e[1], lo[1]), max(e[2], hi[2]), max(e[3], hi[3])]
            if self._rtree:
                self._boxes.append(box)
                self._ids.append(ids)
        self._next_fid += n
        self.count += n

    def _insert_pending(self, final: bool) -> None:
        """INSERT the buffered rows, `_per_statement` rows a statement; the last incomplete
        statement's rows stay buffered unless `final`.

        One statement of many rows binds the same values as many one-row statements, but sqlite3
        releases the GIL at each statement's step: once per few hundred rows, not once per row.
        That makes it a little faster alone, and lets the rows go in while the overlay's worker
        threads run (one release per row would make this thread queue for the GIL at every row).
        """
        if not self._pending_rows:
            return
        rows = np.concatenate(self._pending) if len(self._pending) > 1 else self._pending[0]
        k = self._per_statement
        full = len(rows) // k * k
        if full:
            statement = self._insert + ",".join(["(" + ",".join("?" * self._width) + ")"] * k)
            self._con.executemany(statement, rows[:full].reshape(-1, k * self._width).tolist())
        rest = rows[full:]
        if final and len(rest):
            self._con.executemany(self._insert + "(" + ",".join("?" * self._width) + ")", rest.tolist())
            rest = rest[:0]
        self._pending = [rest] if len(rest) else []
        self._pending_rows = len(rest)

    def commit(self) -> None:
        """Insert what is buffered, pack the R-tree, set the extent and count, restore the triggers, commit."""
        self._insert_pending(final=True)
        con, table = self._con, self.table
        if self.geometry_column:
            if self._rtree and self._boxes:
                rtree = f"rtree_{table}_{self.geometry_column}"
                if con.execute(f"SELECT count(*) FROM {_quote(rtree + '_rowid')}").fetchone()[0]:
                    con.executemany(self._rtree_insert, zip(*_rtree_rows(self._ids, self._boxes)))
                else:  # the usual case, a new table: the R-tree packed in one go
                    write_packed_rtree(con, rtree, np.concatenate(self._ids), np.concatenate(self._boxes))
            if np.isfinite(self._extent[0]):
                old = con.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name=?",
                                  (table,)).fetchone()
                e = list(self._extent)
                if old and None not in old:
                    e = [min(e[0], old[0]), min(e[1], old[1]), max(e[2], old[2]), max(e[3], old[3])]
                con.execute("UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=? WHERE table_name=?",
                            (*e, table))
        con.execute("UPDATE gpkg_contents SET last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
                    (table,))
        has_count = con.execute("SELECT 1 FROM sqlite_master WHERE name='gpkg_ogr_contents'").fetchone()
        if has_count:
            total = con.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]
            con.execute("UPDATE gpkg_ogr_contents SET feature_count=? WHERE lower(table_name)=lower(?)",
                        (total, table))
        for sql in self._triggers:
            con.execute(sql)
        con.execute("COMMIT")
        con.close()
        self._con = None

    def abort(self) -> None:
        """Roll back and remove the layer: an interrupted run leaves no half-written layer."""
        if self._con is None:
            return
        try:
            self._con.execute("ROLLBACK")
        finally:
            self._con.close()
            self._con = None
        remove_layer(self.path, self.table)


_HEADER_DTYPE = np.dtype([("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs_id", "<i4"),
                          ("envelope", "<f8", (4,))])  # the same 40 bytes as _HEADER
_MULTI_OF_ONE = {  # little-endian multi-geometry header with one part, by the type id of the part
    0: b"\x01\x04\x00\x00\x00\x01\x00\x00\x00", 1: b"\x01\x05\x00\x00\x00\x01\x00\x00\x00",
    3: b"\x01\x06\x00\x00\x00\x01\x00\x00\x00"}


def geometry_blobs(geometries, srs_id: int, multi: bool = True) -> tuple[list, np.ndarray]:
    """(GeoPackage geometry blob per geometry, None for a missing or empty one; (n, 4) bounds, NaN there).

    A blob is the GeoPackage header (little-endian, xy envelope) followed by the 2-D ISO WKB.
    With `multi`, a single point, line or polygon is written as a one-part multi-geometry by
    prefixing the multi header to its WKB: exactly what shapely writes for the multi-geometry.
    The headers are packed in one numpy array and the rows joined by C-level `map`s: no Python
    code runs per row.
    """
    geometries = np.asarray(geometries, dtype=object)
    n = len(geometries)
    bounds = np.full((n, 4), np.nan)
    if n == 0:
        return [], bounds
    types = shapely.get_type_id(geometries)  # -1 for None
    has = types >= 0
    bounds[has] = shapely.bounds(geometries[has])
    index = np.flatnonzero(~np.isnan(bounds[:, 0]))  # empty geometries have NaN bounds: no blob
    if not len(index):
        return [None] * n, bounds
    header = np.zeros(len(index), dtype=_HEADER_DTYPE)
    header["magic"], header["flags"], header["srs_id"] = b"GP", _FLAGS_XY_LE, srs_id
    header["envelope"] = bounds[index][:, [0, 2, 1, 3]]
    packed = header.tobytes()
    size = _HEADER_DTYPE.itemsize
    starts = range(0, size * len(index), size)
    heads = list(map(packed.__getitem__, map(slice, starts, range(size, size * (len(index) + 1), size))))
    wkbs = shapely.to_wkb(geometries[index], byte_order=1, output_dimension=2, flavor="iso").tolist()
    if multi:
        kinds = types[index]
        prefix = np.full(len(index), b"", dtype=object)
        for kind, head in _MULTI_OF_ONE.items():
            prefix[kinds == kind] = head
        if (kinds < 4).any():
            heads = list(map(bytes.__add__, heads, prefix.tolist()))
    blobs = list(map(bytes.__add__, heads, wkbs))
    if len(index) == n:
        return blobs, bounds
    out = np.full(n, None, dtype=object)
    out[index] = blobs
    return out.tolist(), bounds


def _rtree_rows(ids, boxes):
    ids, boxes = np.concatenate(ids), np.concatenate(boxes)
    return ids.tolist(), boxes[:, 0].tolist(), boxes[:, 2].tolist(), boxes[:, 1].tolist(), boxes[:, 3].tolist()


def _float32_outward(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bounds as float32 rounded outwards, as SQLite's R-tree stores them (the box never shrinks)."""
    lo32, hi32 = lo.astype(np.float32), hi.astype(np.float32)
    down = lo32.astype(float) > lo
    lo32[down] = np.nextafter(lo32[down], np.float32(-np.inf))
    up = hi32.astype(float) < hi
    hi32[up] = np.nextafter(hi32[up], np.float32(np.inf))
    return lo32, hi32


def write_packed_rtree(con, rtree: str, ids: np.ndarray, boxes: np.ndarray) -> None:
    """Fill an empty SQLite R-tree (GeoPackage spatial index) by sort-tile-recursive packing.

    Writes the R-tree module's own shadow tables (<rtree>_node, _rowid, _parent) in its on-disk
    format: a node is a blob of the table's node size holding a 2-byte depth (root only), a
    2-byte cell count and cells of (int64 id, 4 × float32 min/max x/y), all big-endian; the root
    is node 1. `boxes`: xmin, ymin, xmax, ymax per id. Checked by SQLite's rtreecheck() in tests.
    """
    node_size = con.execute(f"SELECT length(data) FROM {_quote(rtree + '_node')} WHERE nodeno=1").fetchone()[0]
    fanout = (node_size - 4) // 24
    xmin, xmax = _float32_outward(boxes[:, 0], boxes[:, 2])
    ymin, ymax = _float32_outward(boxes[:, 1], boxes[:, 3])
    entries = (ids.astype(np.int64), np.stack([xmin, xmax, ymin, ymax], axis=1))  # cells of the current level
    levels = []  # per level, bottom up: (list of index arrays into that level's entries)
    while True:
        n = len(entries[0])
        n_nodes = -(-n // fanout)
        if n_nodes <= 1:
            groups = [np.arange(n)]
        else:  # sort-tile-recursive: slices along x, then runs along y
            coords = entries[1].astype(float)
            cx, cy = (coords[:, 0] + coords[:, 1]) / 2, (coords[:, 2] + coords[:, 3]) / 2
            slices = int(np.ceil(np.sqrt(n_nodes)))
            per_slice = slices * fanout
            by_x = np.argsort(cx, kind="stable")
            groups = []
            for start in range(0, n, per_slice):
                part = by_x[start:start + per_slice]
                part = part[np.argsort(cy[part], kind="stable")]
                groups.extend(part[k:k + fanout] for k in range(0, len(part), fanout))
        order = np.concatenate(groups)
        lengths = np.array([len(g) for g in groups], dtype=np.int64)
        starts = np.cumsum(lengths) - lengths
        levels.append((entries, order, lengths, starts))
        if len(groups) == 1:
            break
        box = entries[1][order]  # each group's cells, one group after the other
        parent_boxes = np.stack([np.minimum.reduceat(box[:, 0], starts), np.maximum.reduceat(box[:, 1], starts),
                                 np.minimum.reduceat(box[:, 2], starts), np.maximum.reduceat(box[:, 3], starts)],
                                axis=1).astype(np.float32)
        entries = (np.zeros(len(groups), dtype=np.int64), parent_boxes)  # node numbers filled below
    # node numbers: root 1, then level by level from the top
    depth = len(levels) - 1
    numbers, next_no = [], 1
    for level in reversed(levels):
        n_groups = len(level[2])
        numbers.append(np.arange(next_no, next_no + n_groups, dtype=np.int64))
        next_no += n_groups
    numbers.reverse()  # numbers[level][k]: node number of group k of that level (level 0 = leaves)
    cell = np.dtype([("id", ">i8"), ("c", ">f4", (4,))])
    node = np.dtype([("depth", ">u2"), ("count", ">u2"), ("cells", cell, (fanout,)),
                     ("rest", "u1", (node_size - 4 - cell.itemsize * fanout,))])
    assert node.itemsize == node_size
    node_rows, parent_rows = [], []
    for level, (entries, order, lengths, starts) in enumerate(levels):
        ids_here = entries[0] if level == 0 else numbers[level - 1]
        group_of = np.repeat(np.arange(len(lengths)), lengths)  # the node of each cell, in `order`
        slot = np.arange(len(order)) - starts[group_of]
        nodes = np.zeros(len(lengths), dtype=node)  # whole nodes, zero-padded, in one array
        nodes["depth"] = depth if level == depth else 0
        nodes["count"] = lengths
        nodes["cells"]["id"][group_of, slot] = ids_here[order]
        nodes["cells"]["c"][group_of, slot] = entries[1][order]
        packed = nodes.tobytes()
        bounds = range(0, node_size * (len(lengths) + 1), node_size)
        node_rows.append(zip(numbers[level].tolist(), map(packed.__getitem__, map(slice, bounds, bounds[1:]))))
        if level > 0:
            parent_rows.append(zip(ids_here[order].tolist(), numbers[level][group_of].tolist()))
    leaf_entries, leaf_order, leaf_lengths, _ = levels[0]
    leaf_of = np.empty(len(ids), dtype=np.int64)
    leaf_of[leaf_order] = np.repeat(numbers[0], leaf_lengths)
    rowid_rows = zip(leaf_entries[0].tolist(), leaf_of.tolist())
    node_rows, parent_rows = itertools.chain(*node_rows), itertools.chain(*parent_rows)
    con.execute(f"DELETE FROM {_quote(rtree + '_node')}")
    con.executemany(f"INSERT INTO {_quote(rtree + '_node')} (nodeno, data) VALUES (?, ?)", node_rows)
    con.executemany(f"INSERT INTO {_quote(rtree + '_rowid')} (rowid, nodeno) VALUES (?, ?)", rowid_rows)
    con.executemany(f"INSERT INTO {_quote(rtree + '_parent')} (nodeno, parentnode) VALUES (?, ?)", parent_rows)


def remove_layer(path: str, table: str) -> None:
    """Delete one layer of a GeoPackage; the file itself when that was its only layer."""
    from osgeo import ogr

    ds = ogr.Open(path, 1)
    if ds is None:
        return
    names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
    only = names == [table]
    if table in names:
        ds.DeleteLayer(names.index(table))
    ds = None
    if only:
        try:
            os.remove(path)
        except OSError:
            pass


def open_bulk(sink, dest_id: str, field_names: list[str]) -> _Pending | None:
    """For a QGIS file sink on a GeoPackage: what to bulk-load once the sink is closed; else None.

    OGR creates the table only when its writer closes, so the caller drops its reference to
    `sink` (which closes it, still empty) and then calls `.start()`, which gives the writer, or
    None when the table is not the one expected (the caller then makes its sink again).
    `field_names` are the output fields, in the order the rows will be given.
    """
    if not dest_id or dest_id.startswith(("memory:", "postgres:", "ogr:")):
        return None
    path, layer = _decode(dest_id)
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return None
    return _Pending(path, layer, list(field_names))


class _Pending:
    """A GeoPackage destination, until the caller has let go of the sink that holds it open."""

    def __init__(self, path: str, layer: str, field_names: list[str]):
        self.path, self.layer, self.field_names = path, layer, field_names

    def start(self) -> GeoPackageBulkWriter | None:
        path = self.path
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
                tables = [t for (t,) in con.execute(
                    "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes')")]
                table = self.layer or (tables[0] if len(tables) == 1 else "")
                if table not in tables:
                    return None
                if con.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]:
                    return None  # not the empty table the sink made
                geometry = con.execute("SELECT column_name, srs_id, geometry_type_name FROM gpkg_geometry_columns "
                                       "WHERE table_name=?",
                                       (table,)).fetchone()
                columns = [r[1] for r in con.execute(f"PRAGMA table_info({_quote(table)})")]
        except sqlite3.Error:
            return None
        expected = ["fid"] + ([geometry[0]] if geometry else []) + self.field_names
        if [c.lower() for c in columns] != [c.lower() for c in expected]:
            return None
        return GeoPackageBulkWriter(path, table, self.field_names, geometry[0] if geometry else None,
                                    int(geometry[1]) if geometry else 0,
                                    multi=bool(geometry) and str(geometry[2]).upper().startswith("MULTI"))
