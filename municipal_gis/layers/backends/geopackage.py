"""The GeoPackage backend: one file, written through OGR where geometry tables are made (so that
gpkg_contents, geometry columns and R-tree indexes are right) and through sqlite3 otherwise.

sqlite3 connections come from `layers.history.gpkg_connect`, which gives them the spatial
functions the R-tree triggers call, so rows with geometry can be written without GDAL too.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path

import shapely

from municipal_gis.i18n import tr
from municipal_gis.layers import integrity
from municipal_gis.layers.backends.base import Backend
from municipal_gis.layers.database import (
    MARKER_KEY,
    REGISTER_UNCHAINED_KEY,
    DatabaseError,
    DatabaseInfo,
    as_layer_geometry,
    metadata_rows,
)
from municipal_gis.layers.history import from_gpkg_blob, gpkg_blob, gpkg_connect
from municipal_gis.schema import catalogue


class GeoPackageBackend(Backend):
    kind = "gpkg"
    paramstyle = "?"

    def health(self):
        """SQLite's quick check of the file (damaged pages, not an SQLite file, a stale journal)."""
        return integrity.quick_check(self.location.path)

    @property
    def path(self) -> str:
        return self.location.path

    def text(self) -> str:
        return self.path

    def label(self) -> str:
        return self.path

    def table(self, name: str) -> str:
        return f'"{name}"'

    # -- connections and transactions -----------------------------------------------------------
    def connect(self):
        if not Path(self.path).exists():
            raise DatabaseError(tr("GeoPackage {path} does not exist.").format(path=self.path))
        return gpkg_connect(self.path)

    def errors(self) -> tuple:
        return (sqlite3.Error,)

    def _begin(self, connection, lock):
        connection.execute("BEGIN IMMEDIATE")  # one writer at a time: `lock` needs nothing more
        return connection.cursor()

    def _commit(self, connection) -> None:
        connection.execute("COMMIT")

    def _rollback(self, connection) -> None:
        if connection.in_transaction:
            connection.execute("ROLLBACK")

    # -- values in SQL --------------------------------------------------------------------------
    def geometry_select(self, column: str = "geom") -> str:
        return column

    def geometry_param(self) -> str:
        return "?"

    def geometry_to_db(self, geometry):
        return gpkg_blob(geometry)

    def geometry_from_db(self, value):
        return None if value is None else from_gpkg_blob(value)

    def moment(self, when):
        """UTC text with milliseconds, as the history triggers write it (sorts as text)."""
        if when.tzinfo is None:
            when = when.astimezone()
        when = when.astimezone(dt.timezone.utc)
        return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"

    def features_in_box(self, table: str, key: str, bbox, where: str = "") -> list[tuple]:
        minx, miny, maxx, maxy = bbox
        rows = self.read(f'SELECT t.fid, t."{key}", t.geom FROM "{table}" t JOIN "rtree_{table}_geom" r '
                         f"ON r.id = t.fid WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ? "
                         f"{where}", (minx, maxx, miny, maxy))
        return [(r[0], r[1], self.geometry_from_db(r[2])) for r in rows]

    # -- inspection -----------------------------------------------------------------------------
    def check_file(self) -> None:
        path = Path(self.path)
        if not path.exists():
            raise DatabaseError(tr("GeoPackage {path} does not exist.").format(path=self.path))
        with open(path, "rb") as handle:
            header = handle.read(16)
        if header != b"SQLite format 3\x00":
            raise DatabaseError(tr("{path} is not a GeoPackage (not an SQLite file).").format(path=self.path))

    def inspect(self) -> DatabaseInfo:
        self.check_file()
        try:
            connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
            try:
                names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
                if "gpkg_contents" not in names:
                    raise DatabaseError(tr("{path} is an SQLite file but not a GeoPackage.").format(
                        path=self.path))
                tables = {}
                for name in names:
                    tables[name] = {r[1].lower() for r in connection.execute(f'PRAGMA table_info("{name}")')}
                version = None
                if catalogue.METADATA_TABLE in tables:
                    row = connection.execute(
                        f'SELECT value FROM "{catalogue.METADATA_TABLE}" WHERE key = ?', (MARKER_KEY,)).fetchone()
                    version = int(row[0]) if row else None
            finally:
                connection.close()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(tr("{path} cannot be read as a GeoPackage: {error}").format(
                path=self.path, error=exc)) from exc
        return DatabaseInfo(self.location, version, tables)

    # -- creation -------------------------------------------------------------------------------
    def create(self, overwrite: bool, layers=None) -> None:
        from osgeo import gdal, ogr

        layers = catalogue.LAYERS if layers is None else layers
        target = Path(self.path)
        if target.suffix.lower() != ".gpkg":
            raise DatabaseError(tr("{path}: a municipal database file must end in .gpkg.").format(path=self.path))
        if target.exists() and not overwrite:
            raise DatabaseError(tr("{path} already exists; choose another file or allow overwriting.").format(
                path=self.path))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # build beside the target and move into place: a failure never leaves half a database
            fd, tmp = tempfile.mkstemp(suffix=".gpkg", dir=str(target.parent))
        except OSError as exc:  # read-only folder, a file where a folder should be, …
            raise DatabaseError(tr("Cannot write in the folder {folder}: {reason}. Choose a folder you may write "
                                   "to.").format(folder=target.parent, reason=exc.strerror or exc)) from exc
        os.close(fd)
        os.unlink(tmp)
        gdal.UseExceptions()
        try:
            driver = ogr.GetDriverByName("GPKG")
            ds = driver.CreateDataSource(tmp, options=["VERSION=1.2"])
            if ds is None:
                raise DatabaseError(tr("Could not create GeoPackage {path}.").format(path=self.path))
            ds.StartTransaction()
            _create_layers(ds, layers)
            ds.CommitTransaction()
            ds = None
            _finish(tmp, layers)
            from municipal_gis.layers.history import install_gpkg

            install_gpkg(tmp)  # edit history triggers (schema 2)
            os.replace(tmp, target)
        finally:
            for leftover in (tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"):
                if os.path.exists(leftover):
                    os.unlink(leftover)

    # -- writing --------------------------------------------------------------------------------
    def write(self, layer: catalogue.Layer, records: list[dict], geometries, feedback=None) -> int:
        from osgeo import gdal, ogr

        gdal.UseExceptions()
        ds = ogr.Open(self.path, 1)
        if ds is None:
            raise DatabaseError(tr("Cannot open {path} for writing.").format(path=self.path))
        ogr_layer = ds.GetLayerByName(layer.id)
        if ogr_layer is None:
            raise DatabaseError(tr("{db} has no layer {layer}.").format(db=self.label(), layer=layer.id))
        definition = ogr_layer.GetLayerDefn()
        fields = [(definition.GetFieldIndex(f.name), f) for f in layer.all_fields]
        missing = [f.name for idx, f in fields if idx < 0]
        if missing:
            raise DatabaseError(tr("{db}: layer {layer} lacks fields {fields}.").format(
                db=self.label(), layer=layer.id, fields=", ".join(missing)))
        wkbs = None
        if geometries is not None and layer.is_spatial:
            prepared = [as_layer_geometry(g, layer) for g in geometries]
            wkbs = shapely.to_wkb(prepared, output_dimension=3, include_srid=False)
        ds.StartTransaction()
        try:
            for i, record in enumerate(records):
                feature = ogr.Feature(definition)
                for index, field in fields:
                    if field.name in record:
                        _set_ogr_field(feature, index, field, record[field.name])
                if wkbs is not None and wkbs[i] is not None:
                    feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkbs[i]))
                try:
                    failed = ogr_layer.CreateFeature(feature) != 0
                except RuntimeError:
                    failed = True
                if failed:
                    raise DatabaseError(tr("Layer {layer}, record {n}: could not be written ({reason}).").format(
                        layer=layer.id, n=i + 1, reason=gdal.GetLastErrorMsg() or "?"))
                if feedback is not None and i % 10000 == 0 and feedback.isCanceled():
                    raise DatabaseError(tr("Cancelled by the user."))
            ds.CommitTransaction()
        except BaseException:
            ds.RollbackTransaction()
            raise
        finally:
            ds = None
        return len(records)

    # -- upgrade --------------------------------------------------------------------------------
    def backup(self) -> str:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = f"{self.path}.backup-{stamp}"
        source = sqlite3.connect(self.path)
        try:
            destination = sqlite3.connect(target)
            with destination:
                source.backup(destination)
            destination.close()
        finally:
            source.close()
        return target

    def upgrade(self, missing_layers, missing_fields) -> list[str]:
        from osgeo import gdal, ogr

        changes = [f"backup {self.backup()}"]
        gdal.UseExceptions()
        ds = ogr.Open(self.path, 1)
        ds.StartTransaction()
        try:
            _create_layers(ds, missing_layers)
            for layer, field in missing_fields:
                definition = _ogr_field(field)
                definition.SetNullable(True)  # existing rows have no value yet
                definition.SetUnique(False)
                ds.GetLayerByName(layer.id).CreateField(definition)
            ds.CommitTransaction()
        except Exception:
            ds.RollbackTransaction()
            raise
        finally:
            ds = None
        _finish(self.path, missing_layers)
        return changes + self.install_history()

    def layer_uri(self, layer_id: str) -> tuple[str, str]:
        return f"{self.path}|layername={layer_id}", "ogr"

    # -- history hooks --------------------------------------------------------------------------
    def install_history(self) -> list[str]:
        from municipal_gis.layers.history import install_gpkg

        return install_gpkg(self.path)

    def start_edit(self, cursor, user, reason, accept_exception) -> str:
        import uuid

        from municipal_gis.layers.history import CONTEXT_TABLE

        txid = "g" + uuid.uuid4().hex[:16]
        cursor.executemany(f"INSERT OR REPLACE INTO {CONTEXT_TABLE} (key, value) VALUES (?, ?)",
                           [("user", user), ("reason", reason), ("txid", txid)])
        return txid

    def end_edit(self, cursor) -> None:
        from municipal_gis.layers.history import CONTEXT_TABLE

        cursor.execute(f"DELETE FROM {CONTEXT_TABLE}")

    def set_veto(self, layer_id: str, message: str) -> None:
        from municipal_gis.layers.history import GPKG_NOW, VETO_TABLE

        with self.transaction() as cursor:
            cursor.execute(f"INSERT INTO {VETO_TABLE} (layer_id, message, created) VALUES (?, ?, {GPKG_NOW})",
                           (layer_id, message))


# --------------------------------------------------------------------------------------------
# OGR and SQLite details


def _ogr_field(field: catalogue.Field):
    from osgeo import ogr

    types = {
        catalogue.TEXT: ogr.OFTString,
        catalogue.INTEGER: ogr.OFTInteger64,
        catalogue.REAL: ogr.OFTReal,
        catalogue.DATE: ogr.OFTDate,
        catalogue.DATETIME: ogr.OFTDateTime,
        catalogue.BOOLEAN: ogr.OFTInteger,
    }
    definition = ogr.FieldDefn(field.name, types[field.type])
    if field.type == catalogue.BOOLEAN:
        definition.SetSubType(ogr.OFSTBoolean)
    if field.not_null:
        definition.SetNullable(False)
    if field.unique:
        definition.SetUnique(True)
    return definition


def _ogr_geometry_type(name: str | None):
    from osgeo import ogr

    return {
        None: ogr.wkbNone,
        "MultiPolygon": ogr.wkbMultiPolygon,
        "Polygon": ogr.wkbPolygon,
        "Point": ogr.wkbPoint,
        "LineString": ogr.wkbLineString,
        "MultiLineString": ogr.wkbMultiLineString,
    }[name]


def append_only_sql(layer: catalogue.Layer) -> list[str]:
    """Triggers of an append-only register: UPDATE, DELETE and a replacing INSERT are refused
    (INSERT OR REPLACE deletes the old row without firing DELETE triggers, so a BEFORE INSERT
    trigger refuses any fid or unique value that exists)."""
    t = layer.id
    keys = ["fid"] + [f.name for f in layer.all_fields if f.unique]
    clash = " OR ".join(f'"{k}" = NEW."{k}"' for k in keys)
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{t}_append_only_update" BEFORE UPDATE ON "{t}" '
        f"BEGIN SELECT RAISE(ABORT, '{t} is an append-only register: issue a new entry instead'); END",
        f'CREATE TRIGGER IF NOT EXISTS "{t}_append_only_delete" BEFORE DELETE ON "{t}" '
        f"BEGIN SELECT RAISE(ABORT, '{t} is an append-only register: entries are never deleted'); END",
        f'CREATE TRIGGER IF NOT EXISTS "{t}_append_only_insert" BEFORE INSERT ON "{t}" '
        f'WHEN EXISTS (SELECT 1 FROM "{t}" WHERE {clash}) '
        f"BEGIN SELECT RAISE(ABORT, '{t} is an append-only register: an entry with this number or fid "
        f"exists and is never replaced'); END",
    ]


def _guard(connection, layers) -> None:
    """Append-only triggers (idempotent) and the start of the hash chain, inside the caller's transaction."""
    present = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for layer in layers:
        if not layer.append_only or layer.id not in present:
            continue
        for statement in append_only_sql(layer):
            connection.execute(statement)
        if layer.id == "land_use_certificate":
            connection.execute(
                f'INSERT OR IGNORE INTO "{catalogue.METADATA_TABLE}" (key, value) '
                f'SELECT ?, CAST(COUNT(*) AS TEXT) FROM "{layer.id}"', (REGISTER_UNCHAINED_KEY,))


def _create_layers(ds, layers) -> None:
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(catalogue.CRS_EPSG)
    for layer in layers:
        options = ["FID=fid"]
        if layer.is_spatial:
            options += ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"]
        ogr_layer = ds.CreateLayer(layer.id, srs if layer.is_spatial else None,
                                   _ogr_geometry_type(layer.geometry), options=options)
        if ogr_layer is None:
            raise DatabaseError(tr("Could not create layer {layer}.").format(layer=layer.id))
        for field in layer.all_fields:
            if ogr_layer.CreateField(_ogr_field(field)) != 0:
                raise DatabaseError(tr("Could not create field {layer}.{field}.").format(
                    layer=layer.id, field=field.name))


def _finish(path: str, layers) -> None:
    """Metadata table, append-only triggers and indexes, through sqlite3 (no geometry touched)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        connection.execute(f'CREATE TABLE IF NOT EXISTS "{catalogue.METADATA_TABLE}" '
                           "(key TEXT PRIMARY KEY, value TEXT)")
        connection.executemany(f'INSERT OR REPLACE INTO "{catalogue.METADATA_TABLE}" (key, value) VALUES (?, ?)',
                               metadata_rows())
        connection.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
            "VALUES (?, 'attributes', ?, ?)",
            (catalogue.METADATA_TABLE, catalogue.METADATA_TABLE, "municipal_gis schema metadata"))
        for layer in layers:
            for field in layer.indexed_fields():
                connection.execute(f'CREATE INDEX IF NOT EXISTS "{layer.id}_{field.name}_idx" '
                                   f'ON "{layer.id}" ("{field.name}")')
        _guard(connection, catalogue.LAYERS)
        connection.execute("COMMIT")
    except Exception:
        connection.execute("ROLLBACK") if connection.in_transaction else None
        raise
    finally:
        connection.close()


def _set_ogr_field(feature, index: int, field: catalogue.Field, value) -> None:
    if value is None:
        feature.SetFieldNull(index)
        return
    if field.type == catalogue.DATE:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        feature.SetField(index, value.year, value.month, value.day, 0, 0, 0.0, 0)
    elif field.type == catalogue.DATETIME:
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        feature.SetField(index, value.year, value.month, value.day, value.hour, value.minute,
                         value.second + value.microsecond / 1e6, 100 if value.tzinfo else 0)
    elif field.type == catalogue.BOOLEAN:
        feature.SetField(index, 1 if value else 0)
    elif field.type == catalogue.INTEGER:
        feature.SetField(index, int(value))
    elif field.type == catalogue.REAL:
        feature.SetField(index, float(value))
    else:
        feature.SetField(index, str(value))
