"""Splitting and merging parcels in the database, in one transaction, with ΚΑΕΚ lineage.

Parents are closed (status `closed`, `closed_at`), never deleted; children are inserted with the
parents' other attributes and the registered area shared by geometric area (or as given); one
`parcel_lineage` row ties each parent to each child. The rules of `municipal_gis.core.editing`
are checked before anything is written; on PostGIS the database checks them again at commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from municipal_gis.core import editing as rules
from municipal_gis.core import kaek as kaek_rules
from municipal_gis.i18n import tr
from municipal_gis.layers.database import DatabaseError, DatabaseLocation
from municipal_gis.layers.edit_history import Session
from municipal_gis.schema import catalogue

PARCEL = catalogue.layer("parcel")
COPIED = tuple(f.name for f in PARCEL.all_fields
               if f.name not in ("kaek", "registered_area_m2", "status", "closed_at", catalogue.ROW_VERSION))


@dataclass(frozen=True)
class Result:
    operation_id: str
    parents: tuple[str, ...]
    children: tuple[str, ...]
    child_areas: tuple[float, ...]


def _now(location) -> str | dt.datetime:
    now = dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z" if location.kind == "gpkg" else now


def _read_parcel(session: Session, kaek: str) -> dict:
    names = [f.name for f in PARCEL.all_fields]
    session.cursor.execute(
        f"SELECT fid, {session.geom_out()}, {', '.join(chr(34) + n + chr(34) for n in names)} "
        f"FROM {session.table('parcel')} WHERE kaek = {session.p}", (kaek,))
    row = session.cursor.fetchone()
    if row is None:
        raise DatabaseError(tr("Layer parcel: there is no parcel with ΚΑΕΚ {kaek}.").format(kaek=kaek))
    record = dict(zip(names, row[2:]))
    if record.get("status") == catalogue.PARCEL_CLOSED:
        raise DatabaseError(tr("Layer parcel, ΚΑΕΚ {kaek}: the parcel is closed (split or merged already).").format(
            kaek=kaek))
    geometry = session.geom_read(row[1])
    if geometry is None or geometry.is_empty:
        raise DatabaseError(tr("Layer parcel, ΚΑΕΚ {kaek}: the parcel has no geometry.").format(kaek=kaek))
    return {"fid": row[0], "geometry": geometry, **record}


def _check_new_kaeks(session: Session, codes) -> list[str]:
    out = []
    for code in codes:
        check = kaek_rules.check(code)
        if not check.valid:
            raise DatabaseError(tr("Layer parcel, field kaek: the new ΚΑΕΚ «{kaek}» is not well-formed "
                                   "(12 digits).").format(kaek=code))
        out.append(check.normalised)
    if len(set(out)) != len(out):
        raise DatabaseError(tr("Layer parcel, field kaek: the new ΚΑΕΚ codes repeat one another."))
    for code in out:
        session.cursor.execute(f"SELECT 1 FROM {session.table('parcel')} WHERE kaek = {session.p}", (code,))
        if session.cursor.fetchone() is not None:
            raise DatabaseError(tr("Layer parcel, field kaek: ΚΑΕΚ {kaek} already exists.").format(kaek=code))
    return out


def _block(session: Session, ot_code):
    if not ot_code:
        return None
    session.cursor.execute(f"SELECT {session.geom_out()} FROM {session.table('city_block')} "
                           f"WHERE ot_code = {session.p}", (ot_code,))
    rows = [session.geom_read(r[0]) for r in session.cursor.fetchall() if r[0] is not None]
    return rows[0] if len(rows) == 1 else None


def _refuse(kaek: str, problems) -> None:
    texts = []
    for problem in problems:
        if problem.rule == "area_sum":
            texts.append(tr("the children's registered areas differ from the parent's by {a} m²").format(
                a=f"{problem.amount:.2f}"))
        elif problem.rule == "union":
            texts.append(tr("the children differ from the parent by {a} m²").format(a=f"{problem.amount:.2f}"))
        elif problem.rule == "outside_block":
            texts.append(tr("part {n} lies {a} m² outside the city block").format(
                n=problem.index + 1, a=f"{problem.amount:.2f}"))
        else:
            texts.append(tr("parts overlap by {a} m²").format(a=f"{problem.amount:.2f}"))
    raise DatabaseError(tr("Layer parcel, ΚΑΕΚ {kaek}: nothing was written: {problems}.").format(
        kaek=kaek, problems="; ".join(texts)))


def _write(session: Session, operation: str, parents: list[dict], children, codes, areas, base: dict,
           user, reason) -> str:
    now = _now(session.location)
    table = session.table("parcel")
    p = session.p
    for parent in parents:
        session.cursor.execute(f"UPDATE {table} SET status = {p}, closed_at = {p} WHERE fid = {p}",
                               (catalogue.PARCEL_CLOSED, now, parent["fid"]))
    columns = list(COPIED) + ["kaek", "registered_area_m2", "status"]
    for child, code, area in zip(children, codes, areas):
        values = [base.get(n) for n in COPIED] + [code, area, catalogue.PARCEL_ACTIVE,
                                                   session.geom_value(child, PARCEL)]
        session.cursor.execute(
            f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in columns)}, geom) "
            f"VALUES ({', '.join([p] * len(columns))}, {session.geom_in()})", values)
    lineage = catalogue.layer("parcel_lineage")
    names = [f.name for f in lineage.all_fields if f.name != "undoes_operation"]
    for parent in parents:
        for code, area in zip(codes, areas):
            row = {"operation_id": session.txid, "operation": operation, "parent_kaek": parent["kaek"],
                   "child_kaek": code, "parent_area_m2": parent.get("registered_area_m2"), "child_area_m2": area,
                   "user_name": user, "done_at": now, "reason": reason}
            session.cursor.execute(
                f"INSERT INTO {session.table('parcel_lineage')} ({', '.join(names)}) "
                f"VALUES ({', '.join([p] * len(names))})", [row[n] for n in names])
    return session.txid


def _registered(parent: dict) -> float:
    value = parent.get("registered_area_m2")
    return round(float(value), 2) if value is not None else round(parent["geometry"].area, 2)


def split_parcel(location, kaek: str, line, new_kaeks, areas=None, user=None, reason=None) -> Result:
    """Split parcel `kaek` along `line` (shapely) into parcels `new_kaeks` (west to east, then
    south to north); registered areas by area ratio unless `areas` are given."""
    location = DatabaseLocation.parse(location)
    with Session(location, user=user, reason=reason) as session:
        parent = _read_parcel(session, kaek)
        try:
            pieces = rules.split_polygon(parent["geometry"], line)
        except rules.EditError as exc:
            raise DatabaseError(tr("Layer parcel, ΚΑΕΚ {kaek}: the line does not cut the parcel in two or more "
                                   "parts.").format(kaek=kaek)) from exc
        if len(new_kaeks) != len(pieces):
            raise DatabaseError(tr("Layer parcel, ΚΑΕΚ {kaek}: the line makes {n} parts but {m} new ΚΑΕΚ were "
                                   "given.").format(kaek=kaek, n=len(pieces), m=len(new_kaeks)))
        codes = _check_new_kaeks(session, new_kaeks)
        total = _registered(parent)
        shares = list(areas) if areas else rules.allocate_area(total, [g.area for g in pieces])
        problems = rules.check_children(parent["geometry"], total, pieces, shares, _block(session, parent["ot_code"]))
        if problems:
            _refuse(kaek, problems)
        operation_id = _write(session, "split", [parent], pieces, codes, shares, parent, user, reason)
    return Result(operation_id, (parent["kaek"],), tuple(codes), tuple(shares))


def merge_parcels(location, kaeks, new_kaek: str, user=None, reason=None) -> Result:
    """Merge the parcels `kaeks` (adjacent, in one block) into one parcel `new_kaek`."""
    location = DatabaseLocation.parse(location)
    with Session(location, user=user, reason=reason) as session:
        parents = [_read_parcel(session, code) for code in kaeks]
        blocks = {p["ot_code"] for p in parents}
        if len(blocks) != 1:
            raise DatabaseError(tr("Layer parcel: ΚΑΕΚ {kaeks} lie in different city blocks ({blocks}).").format(
                kaeks=", ".join(kaeks), blocks=", ".join(str(b) for b in sorted(blocks, key=str))))
        try:
            merged = rules.merge_polygons([p["geometry"] for p in parents])
        except rules.EditError as exc:
            raise DatabaseError(tr("Layer parcel: ΚΑΕΚ {kaeks} are not adjacent; only neighbouring parcels can "
                                   "be merged.").format(kaeks=", ".join(kaeks))) from exc
        codes = _check_new_kaeks(session, [new_kaek])
        total = round(sum(_registered(p) for p in parents), 2)
        import shapely

        union = shapely.union_all([p["geometry"] for p in parents])
        problems = rules.check_children(union, total, [merged], [total], _block(session, parents[0]["ot_code"]))
        if problems:
            _refuse(codes[0], problems)
        operation_id = _write(session, "merge", parents, [merged], codes, [total], parents[0], user, reason)
    return Result(operation_id, tuple(p["kaek"] for p in parents), tuple(codes), (total,))


def lineage(location, kaek: str) -> dict:
    """{'ancestors': [(parent, operation, done_at)], 'descendants': [(child, operation, done_at)]},
    following the lineage table over every generation."""
    from municipal_gis.layers.edit_history import _read

    location = DatabaseLocation.parse(location)
    rows = _read(location, f"SELECT parent_kaek, child_kaek, operation, done_at FROM "
                           f"{location.table('parcel_lineage')} ORDER BY done_at")
    up, down = {}, {}
    for parent, child, operation, done_at in rows:
        up.setdefault(child, []).append((parent, operation, str(done_at)))
        down.setdefault(parent, []).append((child, operation, str(done_at)))

    def walk(start, links):
        out, queue, seen = [], [start], {start}
        while queue:
            for item in links.get(queue.pop(0), []):
                if item[0] not in seen:
                    seen.add(item[0])
                    out.append(item)
                    queue.append(item[0])
        return out

    return {"ancestors": walk(kaek, up), "descendants": walk(kaek, down)}


def next_kaeks(location, parent_kaek: str, count: int) -> list[str]:
    """`count` unused ΚΑΕΚ for the parts of a split: the parent's first nine digits followed by
    the next three-digit numbers after the highest ΚΑΕΚ that begins with them."""
    from municipal_gis.layers.edit_history import _read

    location = DatabaseLocation.parse(location)
    prefix = kaek_rules.check(parent_kaek).parcel_code[:9]
    rows = _read(location, f"SELECT kaek FROM {location.table('parcel')} WHERE kaek LIKE {location.paramstyle}",
                 (prefix + "%",))
    used = [int(r[0][9:12]) for r in rows if r[0] and len(r[0]) >= 12 and r[0][9:12].isdigit()]
    start = max(used, default=0) + 1
    if start + count - 1 > 999:
        raise DatabaseError(tr("Layer parcel: no free ΚΑΕΚ left after {prefix}; give the new ΚΑΕΚ yourself.").format(
            prefix=prefix))
    return [f"{prefix}{n:03d}" for n in range(start, start + count)]
