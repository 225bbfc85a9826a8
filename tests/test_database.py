"""Creating, opening, writing and upgrading the municipal database, in GeoPackage and in PostGIS."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
import shapely

from municipal_gis.layers.checks import check_database, error_count
from municipal_gis.layers.database import (
    DatabaseError,
    DatabaseLocation,
    create_database,
    open_database,
    upgrade_database,
    write_records,
)
from municipal_gis.schema import catalogue

EXPECTED_TYPES = {
    catalogue.TEXT: {"String"},
    catalogue.INTEGER: {"LongLong", "Int"},
    catalogue.REAL: {"Double"},
    catalogue.DATE: {"Date"},
    catalogue.DATETIME: {"DateTime"},
    catalogue.BOOLEAN: {"Bool"},
}


def _assert_layers_match_catalogue(location):
    from qgis.PyQt.QtCore import QVariant

    names = {getattr(QVariant, n): n for n in ("String", "LongLong", "Int", "Double", "Date", "DateTime", "Bool")}
    for spec in catalogue.LAYERS:
        qlayer = location.qgs_layer(spec.id)
        assert qlayer.isValid(), spec.id
        fields = qlayer.fields()
        for field in spec.all_fields:
            index = fields.indexFromName(field.name)
            assert index >= 0, f"{spec.id}.{field.name}"
            assert names.get(fields.at(index).type()) in EXPECTED_TYPES[field.type], f"{spec.id}.{field.name}"
        if spec.is_spatial:
            assert qlayer.crs().authid() == "EPSG:2100", spec.id
            assert qlayer.geometryType() != 4  # QgsWkbTypes.NullGeometry


def _sample_rows():
    return {
        "programme_project": ([{"project_code": "2019-001", "title": "Παιδική χαρά ΟΠ 209Α", "budget_eur": 1.5}],
                              [shapely.box(462000, 4548000, 462020, 4548014)]),
        "municipal_property": ([{"property_code": "ΔΠ-0001", "kaek": "400160403048", "status": "leased",
                                 "project_code": "2019-001"}], [shapely.box(462000, 4548000, 462020, 4548014)]),
        "lease": ([{"lease_code": "Μ-1", "property_code": "ΔΠ-0001", "lessee": "Παπαδόπουλος Γ.",
                    "start_date": dt.date(2024, 2, 29), "end_date": dt.date(2027, 2, 28),
                    "annual_rent_eur": 1200.0, "status": "active"}], None),
    }


def test_gpkg_create_open_and_types(qgis_app, tmp_path):
    location = create_database(tmp_path / "m.gpkg")
    info = open_database(location)
    assert info.schema_version == catalogue.SCHEMA_VERSION
    assert set(catalogue.layer_ids()) <= set(info.tables)
    _assert_layers_match_catalogue(location)
    with sqlite3.connect(location.path) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # 'GPKG'
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 10200  # GeoPackage 1.2
    assert check_database(location) == []


def test_gpkg_create_refuses_to_overwrite_and_is_atomic(qgis_app, tmp_path):
    path = tmp_path / "m.gpkg"
    create_database(path)
    location = DatabaseLocation.parse(path)
    write_records(location, "programme_project", *_sample_rows()["programme_project"])
    with pytest.raises(DatabaseError, match="already exists"):
        create_database(path)
    assert location.qgs_layer("programme_project").featureCount() == 1  # untouched
    with pytest.raises(DatabaseError, match=r"\.gpkg"):
        create_database(tmp_path / "m.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.gpkg"]  # no leftovers


def test_write_roundtrip_keeps_values(qgis_app, tmp_path):
    from municipal_gis.qgisio.features import read_source

    location = create_database(tmp_path / "m.gpkg")
    for layer_id, (records, geoms) in _sample_rows().items():
        write_records(location, layer_id, records, geoms)
    data = read_source(location.qgs_layer("lease"), with_geometry=False)
    assert data.attributes["start_date"] == [dt.date(2024, 2, 29)]
    assert data.attributes["lessee"] == ["Παπαδόπουλος Γ."]
    prop = read_source(location.qgs_layer("municipal_property"))
    assert prop.geometries[0].geom_type == "MultiPolygon"
    assert prop.geometries[0].area == pytest.approx(280.0, abs=1e-9)
    assert error_count(check_database(location)) == 0


def test_unknown_field_is_named(tmp_path):
    location = create_database(tmp_path / "m.gpkg")
    with pytest.raises(DatabaseError, match=r"lease.*record 1.*colour"):
        write_records(location, "lease", [{"lease_code": "x", "property_code": "y", "colour": "red"}])


def test_register_is_append_only_in_gpkg(tmp_path):
    location = create_database(tmp_path / "m.gpkg")
    write_records(location, "land_use_certificate", [{
        "certificate_no": "2026/0001", "year": 2026, "sequence": 1, "issued_at": dt.datetime(2026, 11, 22, 9, 30),
        "kaek": "400160403048"}])
    connection = sqlite3.connect(location.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("UPDATE land_use_certificate SET kaek = '111111111111'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("DELETE FROM land_use_certificate")
    assert connection.execute("SELECT count(*) FROM land_use_certificate").fetchone()[0] == 1


@pytest.mark.parametrize("content, message", [
    (b"just some text, not a database", "not a GeoPackage"),
    (None, "does not exist"),
])
def test_not_a_database_gives_a_clear_message(tmp_path, content, message):
    path = tmp_path / "x.gpkg"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DatabaseError, match=message):
        open_database(path)


def test_foreign_geopackage_is_refused(qgis_app, tmp_path):
    from osgeo import ogr, osr

    path = str(tmp_path / "other.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.CreateLayer("roads", srs, ogr.wkbLineString)
    ds = None
    with pytest.raises(DatabaseError, match="not a municipal database"):
        open_database(path)


def test_upgrade_adds_missing_fields_and_keeps_rows(qgis_app, tmp_path, monkeypatch):
    """A database made by an older catalogue (without a field) gains it and keeps its data."""
    import dataclasses

    from municipal_gis.layers import database

    older = []
    for spec in catalogue.LAYERS:
        if spec.id == "lease":
            spec = dataclasses.replace(spec, fields=tuple(f for f in spec.fields if f.name != "decision_ref"))
        older.append(spec)
    monkeypatch.setattr(catalogue, "LAYERS", tuple(older))
    monkeypatch.setattr(catalogue, "_BY_ID", {spec.id: spec for spec in older})
    path = tmp_path / "old.gpkg"
    create_database(path)
    write_records(path, "lease", [{"lease_code": "Μ-1", "property_code": "ΔΠ-0001", "annual_rent_eur": 900.0}])
    monkeypatch.undo()
    assert "decision_ref" not in database.inspect_database(DatabaseLocation.parse(path)).tables["lease"]
    changes = upgrade_database(path)
    assert "field lease.decision_ref" in changes and any(c.startswith("backup ") for c in changes)
    info = database.inspect_database(DatabaseLocation.parse(path))
    assert "decision_ref" in info.tables["lease"]
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT lease_code, annual_rent_eur FROM lease").fetchall() == [("Μ-1", 900.0)]
    assert upgrade_database(path) == []  # idempotent


def test_location_parsing():
    pg = DatabaseLocation.parse("PG:service=muni schema=serres")
    assert (pg.kind, pg.conninfo, pg.schema) == ("postgis", "service=muni", "serres")
    assert pg.table("lease") == '"serres"."lease"'
    assert "password=***" in DatabaseLocation.parse("PG:host=x password=secret schema=a").label
    with pytest.raises(DatabaseError, match="identifier"):
        DatabaseLocation.parse("PG:service=x schema=a;drop")
    assert DatabaseLocation.parse("/tmp/a.gpkg").kind == "gpkg"


@pytest.mark.postgis
def test_postgis_create_write_check(qgis_app, pg_location):
    create_database(pg_location)
    info = open_database(pg_location)
    assert info.schema_version == catalogue.SCHEMA_VERSION
    _assert_layers_match_catalogue(pg_location)
    for layer_id, (records, geoms) in _sample_rows().items():
        write_records(pg_location, layer_id, records, geoms)
    assert error_count(check_database(pg_location)) == 0
    with pytest.raises(DatabaseError, match="already holds"):
        create_database(pg_location)


@pytest.mark.postgis
def test_postgis_register_is_append_only(qgis_app, pg_location):
    import psycopg2

    create_database(pg_location)
    write_records(pg_location, "land_use_certificate", [{
        "certificate_no": "2026/0001", "year": 2026, "sequence": 1, "issued_at": dt.datetime(2026, 1, 5, 10, 0),
        "kaek": "400160403048"}])
    connection = pg_location.dbapi_connect()
    try:
        with pytest.raises(psycopg2.Error, match="append-only"):
            with connection, connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {pg_location.table('land_use_certificate')}")
    finally:
        connection.close()


@pytest.mark.postgis
def test_postgis_failed_connection_message(postgis_service):
    with pytest.raises(DatabaseError, match="Cannot connect"):
        open_database("PG:service=no_such_service_here schema=x")


@pytest.mark.postgis
def test_create_database_algorithm_into_postgis(qgis_app, provider, pg_location):
    """Headless text form PG:service=… schema=…, and a PostgreSQL connection stored in QGIS."""
    from qgis import processing
    from qgis.core import QgsProviderRegistry

    result = processing.run("municipal_gis:create_database", {"OUTPUT": str(pg_location)})
    assert result["DATABASE"] == str(pg_location)
    assert open_database(pg_location).schema_version == catalogue.SCHEMA_VERSION
    checked = processing.run("municipal_gis:check_database", {"INPUT": str(pg_location), "OUTPUT": "memory:"})
    assert checked["FINDINGS"] == 0

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    connection = metadata.createConnection(pg_location.conninfo, {})
    connection.store("municipal_gis_test")
    try:
        other = "t_stored_connection"
        processing.run("municipal_gis:create_database", {"OUTPUT_CONNECTION": "municipal_gis_test",
                                                         "OUTPUT_SCHEMA": other, "OVERWRITE": True})
        stored = DatabaseLocation.parse(f"PG:{pg_location.conninfo} schema={other}")
        assert open_database(stored).schema_version == catalogue.SCHEMA_VERSION
        checked = processing.run("municipal_gis:check_database", {"INPUT_CONNECTION": "municipal_gis_test",
                                                                  "INPUT_SCHEMA": other, "OUTPUT": "memory:"})
        assert checked["FINDINGS"] == 0
        connection_ = stored.dbapi_connect()
        with connection_, connection_.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA "{other}" CASCADE')
        connection_.close()
    finally:
        metadata.deleteConnection("municipal_gis_test")


def _expected_indexes():
    return {f"{layer.id}_{field.name}_idx" for layer in catalogue.LAYERS for field in layer.indexed_fields()}


def test_gpkg_has_the_lookup_indexes(tmp_path):
    location = create_database(tmp_path / "m.gpkg")
    with sqlite3.connect(location.path) as connection:
        names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "lease_property_code_idx" in _expected_indexes()
    assert _expected_indexes() <= names


@pytest.mark.postgis
def test_postgis_has_the_lookup_indexes(qgis_app, pg_location):
    create_database(pg_location)
    connection = pg_location.dbapi_connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = %s", (pg_location.schema,))
            names = {r[0] for r in cursor.fetchall()}
    finally:
        connection.close()
    assert _expected_indexes() <= names
