"""Writing an imported technical programme into the municipal database, by project key.

`core.programme_changes.plan_import` decides what changes (and what the report says); this
module reads the stored rows and makes those writes through the database's backend in one
transaction: a failed or cancelled import leaves the database as it was. On a GeoPackage the
backend's sqlite3 connection has the spatial functions the R-tree triggers of
`programme_project` call, so attribute rows are written without GDAL.
"""

from __future__ import annotations

from municipal_gis.core.programme_changes import (
    FUNDING_FIELDS,
    PROJECT_FIELDS,
    ImportCancelled,
    ImportResult,
    plan_import,
)
from municipal_gis.i18n import tr
from municipal_gis.layers.database import DatabaseLocation

__all__ = ["ImportCancelled", "ImportResult", "import_programme"]


def import_programme(location, projects: list[dict], fundings: list[dict], year: int | None = None,
                     cancelled=None) -> ImportResult:
    """Write projects and fundings (from `read_programme_rows`) in one transaction.

    `cancelled()` is polled every 200 projects and once before the commit; when it returns True
    the transaction is rolled back and ImportCancelled is raised. Any other error also rolls back
    and propagates.
    """
    backend = DatabaseLocation.parse(location).backend
    project_table = backend.table("programme_project")
    funding_table = backend.table("project_funding")
    columns = ", ".join(f'"{name}"' for name in PROJECT_FIELDS)
    fcolumns = ", ".join(f'"{name}"' for name in FUNDING_FIELDS)
    p = backend.paramstyle
    with backend.transaction() as cursor:
        cursor.execute(f"SELECT {columns} FROM {project_table}")  # nosec B608 - catalogue identifiers, quoted
        stored_projects = cursor.fetchall()
        cursor.execute(f"SELECT {fcolumns} FROM {funding_table}")  # nosec B608 - catalogue identifiers, quoted
        stored_fundings = cursor.fetchall()
        plan = plan_import(stored_projects, stored_fundings, projects, fundings, year, cancelled)
        for code, changes in plan.updates:
            assignments = ", ".join(f'"{name}" = {p}' for name, _, _ in changes)
            cursor.execute(f'UPDATE {project_table} SET {assignments} WHERE "project_code" = {p}',  # nosec B608 - catalogue identifiers, quoted
                           [after for _, _, after in changes] + [code])
        for code, replace, rows in plan.fundings:
            if replace:
                cursor.execute(f'DELETE FROM {funding_table} WHERE "project_code" = {p}', (code,))  # nosec B608 - catalogue identifiers, quoted
            cursor.executemany(f"INSERT INTO {funding_table} ({fcolumns}) "  # nosec B608 - catalogue identifiers, quoted
                               f"VALUES ({backend.placeholders(len(FUNDING_FIELDS))})", rows)
        if plan.inserts:
            cursor.executemany(f"INSERT INTO {project_table} ({columns}) "  # nosec B608 - catalogue identifiers, quoted
                               f"VALUES ({backend.placeholders(len(PROJECT_FIELDS))})", plan.inserts)
        if cancelled is not None and cancelled():
            raise ImportCancelled(tr("Cancelled by the user."))
    return plan.result
