"""The one database seam: what every code path needs from a database, in one interface.

A `Backend` is the behaviour of one kind of database behind a `DatabaseLocation`
(`location.backend`). Code above this package never asks which kind it has: it asks the
backend for a transaction, for the SQL of a geometry, for the value of a moment, for the
catalogue's tables (create, write, upgrade), for the history hooks. `GeoPackageBackend`
(`geopackage.py`) and `PostgisBackend` (`postgis.py`) implement it; tests/test_backends.py
runs both through the same calls.

Transactions: `transaction()` yields a DB-API cursor inside one transaction that commits when
the block ends and rolls back on any exception (a cancel included), so a failure leaves nothing
written. A GeoPackage transaction starts with ``BEGIN IMMEDIATE`` (one writer at a time, so
writers are serialised anyway); on PostGIS a `lock` name takes a transaction-scoped advisory
lock, which serialises the writers that name it and needs no table privilege.
"""

from __future__ import annotations

from contextlib import contextmanager

from municipal_gis.layers import integrity
from municipal_gis.schema import catalogue


class Backend:
    """One kind of database (see the module doc). Subclasses implement every method."""

    kind = ""
    paramstyle = "?"  # the DB-API placeholder
    has_roles = False  # database roles (PostgreSQL) that privileges can be granted to
    row_versions = False  # `row_version` raised by the database, stale saves refused (optimistic locking)
    rules_in_database = False  # the parcel rules checked by the database at commit (layers/history.py)
    overlay_in_database = False  # the parcel × zone overlay as one SQL query (layers/indatabase.py)

    def __init__(self, location):
        self.location = location

    # -- names ----------------------------------------------------------------------------------
    def text(self) -> str:
        """The location's text form (`DatabaseLocation.parse` reads it back)."""
        raise NotImplementedError

    def label(self) -> str:
        """How messages name the database (never shows a password)."""
        raise NotImplementedError

    def table(self, name: str) -> str:
        """The quoted (PostGIS: schema-qualified) name of a table for SQL."""
        raise NotImplementedError

    def placeholders(self, n: int) -> str:
        return ", ".join([self.paramstyle] * n)

    # -- connections and transactions -----------------------------------------------------------
    def connect(self):
        """A DB-API connection; the caller closes it. GeoPackage: autocommit sqlite3 with the
        spatial functions its R-tree triggers call, so rows with geometry can be written too."""
        raise NotImplementedError

    def errors(self) -> tuple:
        """The DB-API error classes of this backend's driver."""
        raise NotImplementedError

    @contextmanager
    def transaction(self, lock: str | None = None):
        """A cursor inside one transaction: commit at the end, roll back on any exception."""
        connection = self.connect()
        try:
            cursor = self._begin(connection, lock)
            try:
                yield cursor
                self._commit(connection)
            except BaseException:
                self._rollback(connection)
                raise
        finally:
            connection.close()

    def read(self, sql: str, params=()) -> list[tuple]:
        """Rows of one query, on a connection of its own."""
        connection = self.connect()
        try:
            cursor = connection.cursor()
            cursor.execute(sql, tuple(params))
            return cursor.fetchall()
        finally:
            connection.close()

    def recover(self, cursor) -> None:
        """Make a connection usable again after a failed statement (PostgreSQL aborts the
        transaction; SQLite does not)."""

    def _begin(self, connection, lock):
        raise NotImplementedError

    def _commit(self, connection) -> None:
        raise NotImplementedError

    def _rollback(self, connection) -> None:
        raise NotImplementedError

    # -- values in SQL --------------------------------------------------------------------------
    def geometry_select(self, column: str = "geom") -> str:
        """SQL that reads a geometry column as something `geometry_from_db` decodes."""
        raise NotImplementedError

    def geometry_param(self) -> str:
        """The placeholder of a geometry parameter made by `geometry_to_db`."""
        raise NotImplementedError

    def geometry_to_db(self, geometry):
        raise NotImplementedError

    def geometry_from_db(self, value):
        raise NotImplementedError

    def moment(self, when):
        """A timezone-aware datetime as the parameter a history time column compares with."""
        raise NotImplementedError

    def features_in_box(self, table: str, key: str, bbox, where: str = "") -> list[tuple]:
        """(fid, key, shapely geometry) of the features whose bounding boxes meet `bbox`
        (minx, miny, maxx, maxy), through the spatial index; `where` adds «AND …» on alias t."""
        raise NotImplementedError

    # -- the catalogue's tables -----------------------------------------------------------------
    def health(self):
        """The storage's own health before its layers are read (`layers.integrity.Health`): a database server
        looks after its pages itself, so the base answers healthy; a file backend checks the file."""
        return integrity.Health(True)

    def checks_in_database(self):
        """An open `PostgisChecks`-like object that answers `check_database`'s set-based questions with SQL
        run in the database (layers/backends/postgis_checks.py), or None when this backend has none and
        the layers are read into QGIS and checked there. May raise the driver's errors or DatabaseError;
        the caller then checks the Python way."""
        return None

    def inspect(self):
        """`DatabaseInfo`: tables, columns and schema version; DatabaseError if unreadable."""
        raise NotImplementedError

    def create(self, overwrite: bool, layers=None) -> None:
        """An empty municipal database with `layers` (default: the catalogue's), in one step: nothing
        half made on failure."""
        raise NotImplementedError

    def write(self, layer: catalogue.Layer, records: list[dict], geometries, feedback=None) -> int:
        """Append records to a layer in one transaction (checked by `write_records`)."""
        raise NotImplementedError

    def backup(self) -> str:
        """A copy taken before an upgrade; its path, or "" when the upgrade's transaction is the backup."""
        raise NotImplementedError

    def upgrade(self, missing_layers, missing_fields) -> list[str]:
        """Add layers and fields, refresh the guards, the schema version and the history."""
        raise NotImplementedError

    def layer_uri(self, layer_id: str) -> tuple[str, str]:
        """(uri, provider key) of a QgsVectorLayer of a catalogue layer."""
        raise NotImplementedError

    # -- history hooks (layers/history.py, layers/edit_history.py) ------------------------------
    def install_history(self) -> list[str]:
        """History tables and triggers (idempotent); what was added."""
        raise NotImplementedError

    def start_edit(self, cursor, user: str | None, reason: str | None, accept_exception: str | None) -> str:
        """Tell the history triggers who writes and why, for this transaction; its id."""
        raise NotImplementedError

    def end_edit(self, cursor) -> None:
        """Before the commit of an edit transaction: clear what `start_edit` left."""

    def set_veto(self, layer_id: str, message: str) -> None:
        """Make the database refuse writes to a layer for a minute (the commit-time check)."""
        raise NotImplementedError
