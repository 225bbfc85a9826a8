"""What importing a technical programme changes, worked out from the stored rows and the file's.

Pure data: `plan_import` compares the projects and funding rows a database holds with those of
a file (from `core.programme.read_programme_rows`) and returns the writes to make and the
report; `layers.programme_store.import_programme` reads the rows and makes the writes in one
transaction.

- Idempotent: re-importing the same rows changes nothing.
- A revised file updates projects by `project_code` and reports each changed field; projects of
  the year that the file no longer lists are reported, never deleted (features may hang from them).
- A value the file leaves empty or could not read (None) never overwrites a stored value while
  the verbatim cell is unchanged: a planner may have entered the checked amount by hand.
- A project's funding rows are replaced only when they differ from the file's.
"""

from __future__ import annotations

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
CANCEL_EVERY = 200  # projects between two polls of `cancelled()`


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


@dataclass
class ImportPlan:
    """The writes, in order: per project its field updates and funding replacement, then the new projects."""
    result: ImportResult
    updates: list[tuple[str, list[tuple[str, object, object]]]] = field(default_factory=list)
    fundings: list[tuple[str, bool, list[tuple]]] = field(default_factory=list)  # code, delete old, new rows
    inserts: list[tuple] = field(default_factory=list)  # PROJECT_FIELDS values


def plan_import(stored_projects, stored_fundings, projects: list[dict], fundings: list[dict],
                year: int | None = None, cancelled=None) -> ImportPlan:
    """The plan for writing `projects` and `fundings` over the stored rows (tuples in
    PROJECT_FIELDS / FUNDING_FIELDS order). `cancelled()` is polled every CANCEL_EVERY projects
    (ImportCancelled)."""
    existing = {row[0]: dict(zip(PROJECT_FIELDS, row)) for row in stored_projects}
    stored_funding: dict[str, list[dict]] = {}
    for row in stored_fundings:
        record = dict(zip(FUNDING_FIELDS, row))
        stored_funding.setdefault(record["project_code"], []).append(record)
    new_funding: dict[str, list[dict]] = {}
    for record in fundings:
        new_funding.setdefault(record["project_code"], []).append(record)
    plan = ImportPlan(ImportResult())
    result = plan.result
    for index, project in enumerate(projects):
        if cancelled is not None and index % CANCEL_EVERY == 0 and cancelled():
            raise ImportCancelled(tr("Cancelled by the user."))
        code = project["project_code"]
        old = existing.get(code)
        if old is None:
            plan.inserts.append(tuple(project.get(name) for name in PROJECT_FIELDS))
            result.added.append(code)
        else:
            changes = list(_changes(old, project))
            if changes:
                plan.updates.append((code, changes))
                result.updated[code] = changes
        before = _funding_key(stored_funding.get(code, []))
        after = _funding_key(new_funding.get(code, []))
        if before != after:
            plan.fundings.append((code, old is not None, [tuple(r.get(n) for n in FUNDING_FIELDS)
                                                          for r in new_funding.get(code, [])]))
            if old is not None:
                result.funding_changed[code] = (before, after)
        if old is not None and code not in result.updated and code not in result.funding_changed:
            result.unchanged.append(code)
    imported = {project["project_code"] for project in projects}
    years = {year} if year is not None else {project.get("year") for project in projects}
    result.not_in_file = sorted(code for code, old in existing.items()
                                if code not in imported and old.get("year") in years)
    return plan


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
