"""Writing an imported technical programme into the municipal database, by project key.

Pure Python over DB-API: a location object gives `kind` ("gpkg" or "postgis"),
`dbapi_connect()`, `table(layer_id)` and `paramstyle` (see `municipal_gis.layers.database`).

- One transaction: a failed or cancelled import leaves the database as it was.
- Idempotent: re-importing the same rows changes nothing.
- A revised file updates projects by `project_code` and reports each changed field; projects of
  the year that the file no longer lists are reported, never deleted (features may hang from them).
- A value the file leaves empty or could not read (None) never overwrites a stored value while
  the verbatim cell is unchanged: a planner may have entered the checked amount by hand.
- A project's funding rows are replaced only when they differ from the file's.

GeoPackage: `programme_project` carries a geometry column whose R-tree triggers call
``ST_IsEmpty``/``ST_MinX``…, unknown to plain sqlite3; they are registered on the connection
(reading the GeoPackage geometry header) so that attribute rows can be written through sqlite3.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from municipal_gis.core.programme import COMPARED_FIELDS, _same
from municipal_gis.i18n import tr
from municipal_gis.schema import catalogue

PROJECT_FIELDS = tuple(f.name for f in catalogue.layer("programme_project").all_fields)
FUNDING_FIELDS = tuple(f.name for f in catalogue.layer("project_funding").all_fields)
# parsed field → the verbatim field it comes from
_PARSED_FROM = {"budget_eur": "budget_text", "kind": "kind_text", "ka_codes": "ka_text",
                "op_measure": "measure_text", "continuing": "continuing_text",
                "implementing_service": "service_text", "start_date": "schedule_text",
                "end_date": "schedule_text"}


class ImportCancelled(Exception):
    pass


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    updated: dict[str, list[tuple[str, object, object]]] = field(default_factory=dict)
    funding_changed: dict[str, tuple[list, list]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.funding_changed)


# ---------------------------------------------------------------------------------------------
# GeoPackage geometry functions for the R-tree triggers

def _gpkg_envelope(blob):
    """(minx, maxx, miny, maxy, empty) from a GeoPackage geometry blob."""
    if blob is None:
        return None
    data = bytes(blob)
    if data[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    flags = data[3]
    order = "<" if flags & 1 else ">"
    indicator = (flags >> 1) & 7
    empty = bool(flags & 0x10)
    if empty:
        return (None, None, None, None, True)
    if indicator >= 1:
        minx, maxx, miny, maxy = struct.unpack(order + "4d", data[8:40])
        return (minx, maxx, miny, maxy, False)
    import shapely

    size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[indicator]
    geometry = shapely.from_wkb(data[8 + size:])
    if geometry.is_empty:
        return (None, None, None, None, True)
    minx, miny, maxx, maxy = geometry.bounds
    return (minx, maxx, miny, maxy, False)


def register_gpkg_functions(connection) -> None:
    """Give a sqlite3 connection the spatial functions GeoPackage R-tree triggers call."""
    def pick(i):
        def function(blob):
            env = _gpkg_envelope(blob)
            return None if env is None else env[i]
        return function

    def is_empty(blob):
        env = _gpkg_envelope(blob)
        return None if env is None else int(env[4])

    for name, fn in (("ST_MinX", pick(0)), ("ST_MaxX", pick(1)), ("ST_MinY", pick(2)), ("ST_MaxY", pick(3)),
                     ("ST_IsEmpty", is_empty)):
        connection.create_function(name, 1, fn, deterministic=True)


# ---------------------------------------------------------------------------------------------


def import_programme(location, projects: list[dict], fundings: list[dict], year: int | None = None,
                     cancelled=None) -> ImportResult:
    """Write projects and fundings (from `read_programme_rows`) in one transaction.

    `cancelled()` is polled every 200 projects; when it returns True the transaction is rolled
    back and ImportCancelled is raised. Any other error also rolls back and propagates.
    """
    p = location.paramstyle
    project_table = location.table("programme_project")
    funding_table = location.table("project_funding")
    result = ImportResult()
    connection = location.dbapi_connect()
    try:
        if location.kind == "gpkg":
            register_gpkg_functions(connection)
            connection.execute("BEGIN IMMEDIATE")
        cursor = connection.cursor()
        columns = ", ".join(f'"{name}"' for name in PROJECT_FIELDS)
        cursor.execute(f"SELECT {columns} FROM {project_table}")  # nosec B608 - catalogue identifiers, quoted
        existing = {row[0]: dict(zip(PROJECT_FIELDS, row)) for row in cursor.fetchall()}
        fcolumns = ", ".join(f'"{name}"' for name in FUNDING_FIELDS)
        cursor.execute(f"SELECT {fcolumns} FROM {funding_table}")  # nosec B608 - catalogue identifiers, quoted
        stored_funding: dict[str, list[dict]] = {}
        for row in cursor.fetchall():
            record = dict(zip(FUNDING_FIELDS, row))
            stored_funding.setdefault(record["project_code"], []).append(record)
        new_funding: dict[str, list[dict]] = {}
        for record in fundings:
            new_funding.setdefault(record["project_code"], []).append(record)

        insert_sql = (f"INSERT INTO {project_table} ({columns}) VALUES ({', '.join([p] * len(PROJECT_FIELDS))})")  # nosec B608 - catalogue identifiers, quoted
        finsert_sql = (f"INSERT INTO {funding_table} ({fcolumns}) "  # nosec B608 - catalogue identifiers, quoted
                       f"VALUES ({', '.join([p] * len(FUNDING_FIELDS))})")
        inserts = []
        for index, project in enumerate(projects):
            if cancelled is not None and index % 200 == 0 and cancelled():
                raise ImportCancelled(tr("Cancelled by the user."))
            code = project["project_code"]
            old = existing.get(code)
            if old is None:
                inserts.append(tuple(project.get(name) for name in PROJECT_FIELDS))
                result.added.append(code)
            else:
                changes = []
                for name, before, after in _changes(old, project):
                    changes.append((name, before, after))
                if changes:
                    assignments = ", ".join(f'"{name}" = {p}' for name, _, _ in changes)
                    cursor.execute(f'UPDATE {project_table} SET {assignments} WHERE "project_code" = {p}',  # nosec B608 - catalogue identifiers, quoted
                                   [after for _, _, after in changes] + [code])
                    result.updated[code] = changes
            before = _funding_key(stored_funding.get(code, []))
            after = _funding_key(new_funding.get(code, []))
            if before != after:
                if old is not None:
                    cursor.execute(f'DELETE FROM {funding_table} WHERE "project_code" = {p}', (code,))  # nosec B608 - catalogue identifiers, quoted
                cursor.executemany(finsert_sql, [tuple(r.get(n) for n in FUNDING_FIELDS)
                                                 for r in new_funding.get(code, [])])
                if old is not None:
                    result.funding_changed[code] = (before, after)
            if old is not None and code not in result.updated and code not in result.funding_changed:
                result.unchanged.append(code)
        if inserts:
            cursor.executemany(insert_sql, inserts)
        imported = {project["project_code"] for project in projects}
        years = {year} if year is not None else {project.get("year") for project in projects}
        result.not_in_file = sorted(code for code, old in existing.items()
                                    if code not in imported and old.get("year") in years)
        if cancelled is not None and cancelled():
            raise ImportCancelled(tr("Cancelled by the user."))
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()
    return result


def _changes(old: dict, new: dict):
    for name in COMPARED_FIELDS:
        if name not in new:
            continue
        before, after = old.get(name), new.get(name)
        if _same(before, after):
            continue
        if after in (None, "") and name == "status":
            continue  # the file gives no phase: keep the one planners maintain
        source = _PARSED_FROM.get(name)
        if after in (None, "") and source and _same(old.get(source), new.get(source)):
            continue  # unreadable/empty again from the same cell: keep what is stored
        yield name, before, after


def _funding_key(records: list[dict]) -> list[tuple]:
    def norm(value):
        if isinstance(value, float):
            return round(value, 2)
        return value
    return sorted((r.get("funding_source") or "", norm(r.get("amount_eur")) if r.get("amount_eur") is not None
                   else -1.0, r.get("year") or 0, r.get("source_text") or "") for r in records)
