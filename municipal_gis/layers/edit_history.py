"""Reading the edit history: a layer as it was at a moment, undoing a change, who changed what.

The history itself is written by database triggers (`municipal_gis.layers.history`). Undo never
deletes history: it applies a compensating change, which the triggers record in turn.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import shapely

from municipal_gis.i18n import tr
from municipal_gis.layers.database import DatabaseError, DatabaseLocation
from municipal_gis.layers.history import (
    CONTEXT_TABLE,
    from_gpkg_blob,
    gpkg_blob,
    gpkg_connect,
    history_table,
    key_field,
)
from municipal_gis.schema import catalogue


def _utc_text(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.astimezone()
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def _tracked(layer_id: str) -> catalogue.Layer:
    if layer_id not in catalogue.HISTORY_LAYERS:
        raise DatabaseError(tr("Layer {layer} has no edit history; layers with history: {layers}.").format(
            layer=layer_id, layers=", ".join(catalogue.HISTORY_LAYERS)))
    return catalogue.layer(layer_id)


class Session:
    """One write transaction that names its user and reason to the history triggers."""

    def __init__(self, location, user: str | None = None, reason: str | None = None,
                 accept_exception: str | None = None):
        self.location = DatabaseLocation.parse(location)
        self.user = user
        self.reason = reason
        self.accept_exception = accept_exception
        self.txid = None

    @property
    def p(self) -> str:
        return self.location.paramstyle

    def __enter__(self):
        if self.location.kind == "gpkg":
            self.connection = gpkg_connect(self.location.path)
            self.connection.execute("BEGIN IMMEDIATE")
            self.cursor = self.connection.cursor()
            self.txid = "g" + uuid.uuid4().hex[:16]
            self.cursor.executemany(f"INSERT OR REPLACE INTO {CONTEXT_TABLE} (key, value) VALUES (?, ?)",
                                    [("user", self.user), ("reason", self.reason), ("txid", self.txid)])
        else:
            self.connection = self.location.dbapi_connect()
            self.cursor = self.connection.cursor()
            for name, value in (("mgis.user", self.user), ("mgis.reason", self.reason),
                                ("mgis.accept_exception", self.accept_exception)):
                self.cursor.execute("SELECT set_config(%s, %s, true)", (name, value or ""))
            self.cursor.execute("SELECT txid_current()::text")
            self.txid = self.cursor.fetchone()[0]
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if self.location.kind == "gpkg":
                if exc_type is None:
                    self.cursor.execute(f"DELETE FROM {CONTEXT_TABLE}")
                    self.connection.execute("COMMIT")
                elif self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
            elif exc_type is None:
                self.connection.commit()
            else:
                self.connection.rollback()
        except Exception as error:  # noqa: BLE001 - sqlite3 / psycopg2: a refused commit
            if self.location.kind != "gpkg":
                self.connection.rollback()
            raise DatabaseError(tr("{db}: the change was refused and nothing was written: {error}").format(
                db=self.location.label, error=str(error).strip())) from error
        finally:
            self.connection.close()
        return False

    # -- helpers --------------------------------------------------------------------------------
    def geom_out(self, column: str = "geom") -> str:
        return column if self.location.kind == "gpkg" else f"ST_AsBinary({column})"

    def geom_in(self) -> str:
        return "?" if self.location.kind == "gpkg" else f"ST_SetSRID(ST_GeomFromWKB(%s), {catalogue.CRS_EPSG})"

    def geom_value(self, geometry, layer: catalogue.Layer):
        if geometry is None:
            return None
        if layer.geometry == "MultiPolygon" and geometry.geom_type == "Polygon":
            geometry = shapely.MultiPolygon([geometry])
        if self.location.kind == "gpkg":
            return gpkg_blob(geometry)
        return shapely.to_wkb(geometry, output_dimension=2)

    def geom_read(self, value):
        if value is None:
            return None
        return from_gpkg_blob(value) if self.location.kind == "gpkg" else shapely.from_wkb(bytes(value))

    def table(self, name: str) -> str:
        return self.location.table(name)


def _read(location: DatabaseLocation, sql: str, params=()) -> list[tuple]:
    connection = gpkg_connect(location.path) if location.kind == "gpkg" else location.dbapi_connect()
    try:
        cursor = connection.cursor()
        cursor.execute(sql, tuple(params))
        return cursor.fetchall()
    finally:
        connection.close()


def _plain(value):
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _moment(location, when: dt.datetime):
    return _utc_text(when) if location.kind == "gpkg" else (when if when.tzinfo else when.astimezone())


def layer_as_of(location, layer_id: str, when: dt.datetime) -> list[tuple[int, dict, object]]:
    """[(fid, record, shapely geometry)] of a tracked layer as it was at `when`."""
    location = DatabaseLocation.parse(location)
    layer = _tracked(layer_id)
    names = [f.name for f in layer.all_fields]
    p = location.paramstyle
    geom = ("geom" if location.kind == "gpkg" else "ST_AsBinary(geom)") if layer.is_spatial else "NULL"
    columns = ", ".join(f'"{n}"' for n in names)
    rows = _read(location, f"SELECT h_feature_id, {geom}, {columns} FROM {location.table(history_table(layer_id))} "
                           f"WHERE h_operation <> 'delete' AND (h_valid_from IS NULL OR h_valid_from <= {p}) "
                           f"AND (h_valid_to IS NULL OR h_valid_to > {p}) ORDER BY h_feature_id, change_id",
                 (_moment(location, when),) * 2)
    out, seen = [], set()
    for row in rows:
        if row[0] in seen:
            continue
        seen.add(row[0])
        shape = None
        if row[1] is not None:
            shape = from_gpkg_blob(row[1]) if location.kind == "gpkg" else shapely.from_wkb(bytes(row[1]))
        out.append((int(row[0]), {n: _plain(v) for n, v in zip(names, row[2:])}, shape))
    return out


@dataclass(frozen=True)
class Change:
    layer_id: str
    change_id: int
    feature_id: int
    key: str | None
    operation: str
    user: str | None
    time: str
    txid: str | None
    reason: str | None
    changed_fields: tuple[str, ...]


def _versions(location, layer, where: str, params) -> list[tuple]:
    names = [f.name for f in layer.all_fields]
    geom = ("geom" if location.kind == "gpkg" else "ST_AsBinary(geom)") if layer.is_spatial else "NULL"
    sql = (f"SELECT change_id, h_feature_id, h_operation, h_user, h_time, h_txid, h_reason, {geom}, "
           f"{', '.join(chr(34) + n + chr(34) for n in names)} FROM {location.table(history_table(layer.id))} "
           f"WHERE {where} ORDER BY change_id")
    return _read(location, sql, params)


def edit_history(location, start: dt.datetime | None = None, end: dt.datetime | None = None,
                 layer_ids=None, key: str | None = None) -> list[Change]:
    """Who changed what between two moments, per layer and feature (optionally one ΚΑΕΚ / code).

    `changed_fields` names the fields (and `geometry`) that differ from the feature's previous
    version; values are not reported, so personal data never leaves the database this way.
    """
    location = DatabaseLocation.parse(location)
    p = location.paramstyle
    out = []
    for layer_id in layer_ids or catalogue.HISTORY_LAYERS:
        layer = _tracked(layer_id)
        conditions, params = ["h_operation <> 'baseline'"], []
        if start is not None:
            conditions.append(f"h_time >= {p}")
            params.append(_moment(location, start))
        if end is not None:
            conditions.append(f"h_time <= {p}")
            params.append(_moment(location, end))
        kf = key_field(layer)
        if key:
            conditions.append(f'"{kf}" = {p}')
            params.append(key)
        changes = _versions(location, layer, " AND ".join(conditions), params)
        if not changes:
            continue
        fids = sorted({row[1] for row in changes})
        names = [f.name for f in layer.all_fields]
        everything = []
        for chunk in range(0, len(fids), 500):
            part = fids[chunk:chunk + 500]
            everything += _versions(location, layer, f"h_feature_id IN ({', '.join([p] * len(part))})", part)
        previous: dict[int, tuple] = {}
        wanted = {row[0] for row in changes}
        for row in everything:
            fid = row[1]
            before = previous.get(fid)
            if row[0] in wanted:
                changed = []
                if before is not None and row[2] != "delete":
                    for i, name in enumerate(names):
                        if name != catalogue.ROW_VERSION and before[8 + i] != row[8 + i]:
                            changed.append(name)
                    if layer.is_spatial and bytes(before[7] or b"") != bytes(row[7] or b""):
                        changed.append("geometry")
                out.append(Change(layer_id, int(row[0]), int(fid), row[8 + names.index(kf)], row[2], row[3],
                                  str(_plain(row[4])), row[5], row[6], tuple(changed)))
            if row[2] != "delete":
                previous[fid] = row
            else:
                previous.pop(fid, None)
    out.sort(key=lambda c: c.change_id)
    return out


def undo(location, change_id: int | None = None, txid: str | None = None, user: str | None = None,
         reason: str | None = None) -> list[Change]:
    """Undo one change (by change id) or a whole transaction (by transaction id) with a
    compensating change; returns the changes undone. Refused when a feature was changed again
    afterwards (undo the later change first)."""
    location = DatabaseLocation.parse(location)
    p = location.paramstyle
    targets = []  # (layer, rows of the changes to undo)
    for layer in (catalogue.layer(lid) for lid in catalogue.HISTORY_LAYERS):
        if change_id is not None:
            rows = _versions(location, layer, f"change_id = {p}", (int(change_id),))
        else:
            rows = _versions(location, layer, f"h_txid = {p}", (str(txid),))
        rows = [r for r in rows if r[2] != "baseline"]
        if rows:
            targets.append((layer, rows))
    if not targets:
        what = tr("change {n}").format(n=change_id) if change_id is not None else \
            tr("transaction {t}").format(t=txid)
        raise DatabaseError(tr("{db}: there is no {what} in the edit history.").format(db=location.label, what=what))
    undone = []
    with Session(location, user=user, reason=reason or tr("undo")) as session:
        for layer, rows in targets:
            names = [f.name for f in layer.all_fields]
            ids = {r[0] for r in rows}
            for fid in sorted({r[1] for r in rows}):
                history = _session_versions(session, layer, fid)
                mine = [r for r in history if r[0] in ids]
                later = [r for r in history if r[0] > mine[-1][0] and r[0] not in ids]
                kf = key_field(layer)
                label = mine[-1][8 + names.index(kf)]
                if later:
                    raise DatabaseError(tr("Layer {layer}, feature {key} (fid {fid}) was changed again afterwards "
                                           "(change {n} by {user}); undo that change first.").format(
                        layer=layer.id, key=label, fid=fid, n=later[0][0], user=later[0][3] or "?"))
                before = [r for r in history if r[0] < mine[0][0]]
                target = before[-1] if before and before[-1][2] != "delete" else None
                exists = mine[-1][2] != "delete"
                _restore(session, layer, fid, target, exists, names)
                undone += [Change(layer.id, int(r[0]), int(fid), label, r[2], r[3], str(_plain(r[4])), r[5], r[6], ())
                           for r in mine]
    return undone


def _session_versions(session: Session, layer, fid: int) -> list[tuple]:
    names = [f.name for f in layer.all_fields]
    geom = session.geom_out() if layer.is_spatial else "NULL"
    session.cursor.execute(
        f"SELECT change_id, h_feature_id, h_operation, h_user, h_time, h_txid, h_reason, {geom}, "
        f"{', '.join(chr(34) + n + chr(34) for n in names)} FROM {session.table(history_table(layer.id))} "
        f"WHERE h_feature_id = {session.p} ORDER BY change_id", (fid,))
    return session.cursor.fetchall()


def _restore(session: Session, layer, fid: int, target, exists: bool, names) -> None:
    table = session.table(layer.id)
    p = session.p
    if target is None:
        if exists:
            session.cursor.execute(f"DELETE FROM {table} WHERE fid = {p}", (fid,))
        return
    columns = [n for n in names if n != catalogue.ROW_VERSION]
    values = [target[8 + names.index(n)] for n in columns]
    geom_sql = []
    if layer.is_spatial:
        geometry = session.geom_read(target[7])
        values.append(session.geom_value(geometry, layer))
        geom_sql = ["geom"]
    if exists:
        assignments = [f'"{c}" = {p}' for c in columns] + [f"geom = {session.geom_in()}" for _ in geom_sql]
        session.cursor.execute(f"UPDATE {table} SET {', '.join(assignments)} WHERE fid = {p}", (*values, fid))
    else:
        placeholders = [p] * len(columns) + [session.geom_in() for _ in geom_sql]
        session.cursor.execute(
            f"INSERT INTO {table} (fid, {', '.join(chr(34) + c + chr(34) for c in columns + geom_sql)}) "
            f"VALUES ({p}, {', '.join(placeholders)})", (fid, *values))
