"""Edit history kept by database triggers, time travel and undo, on GeoPackage and on PostGIS."""

from __future__ import annotations

import datetime as dt
import subprocess
import time

import pytest
import shapely

from municipal_gis.layers import edit_history
from municipal_gis.layers.database import DatabaseError
from tests.builders import X0, Y0, small_database


def _moment():
    time.sleep(0.02)
    moment = dt.datetime.now(dt.timezone.utc)
    time.sleep(0.02)
    return moment


def _parcels(location, when):
    return {rec["kaek"]: (rec, geom) for _, rec, geom in edit_history.layer_as_of(location, "parcel", when)}


def _change_with_other_client(location, sql_gpkg_geom, sql_pg):
    """Change a parcel as another client would: GDAL/OGR on a GeoPackage, psql on PostGIS."""
    if location.kind == "gpkg":
        from osgeo import ogr

        ds = ogr.Open(location.path, 1)
        layer = ds.GetLayerByName("parcel")
        layer.SetAttributeFilter("kaek = '400160403001'")
        feature = layer.GetNextFeature()
        feature.SetField("address", "Μεραρχίας 5")
        feature.SetGeometry(ogr.CreateGeometryFromWkt(sql_gpkg_geom))
        assert layer.SetFeature(feature) == 0
        ds = None
    else:
        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", f"service={location.conninfo.split('=', 1)[1]}",
                        "-c", f'SET search_path = "{location.schema}", public; {sql_pg}'], check=True,
                       capture_output=True)


@pytest.fixture(params=["gpkg", "postgis"])
def location(request, tmp_path):
    if request.param == "gpkg":
        return small_database(tmp_path / "m.gpkg")
    pg = request.getfixturevalue("pg_location")
    return small_database(str(pg))


def test_other_client_change_is_in_history_as_of_and_undo(qgis_app, location):
    before = _moment()
    moved = f"MULTIPOLYGON((({X0} {Y0}, {X0 + 25} {Y0}, {X0 + 25} {Y0 + 20}, {X0} {Y0 + 20}, {X0} {Y0})))"
    shrunk = f"MULTIPOLYGON((({X0 + 25} {Y0}, {X0 + 40} {Y0}, {X0 + 40} {Y0 + 20}, {X0 + 25} {Y0 + 20}, " \
             f"{X0 + 25} {Y0})))"
    _change_with_other_client(
        location,
        moved,
        f"BEGIN; UPDATE parcel SET geom = ST_GeomFromText('{shrunk}', 2100) WHERE kaek = '400160403002'; "
        f"UPDATE parcel SET address = 'Μεραρχίας 5', geom = ST_GeomFromText('{moved}', 2100) "
        f"WHERE kaek = '400160403001'; COMMIT;")
    after = _moment()

    changes = edit_history.edit_history(location, before, after, ["parcel"], key="400160403001")
    assert [(c.operation, c.key) for c in changes] == [("update", "400160403001")]
    assert set(changes[0].changed_fields) == {"address", "geometry"}
    assert changes[0].user or location.kind == "gpkg"  # PostGIS: the session user; a GeoPackage has none

    old, new = _parcels(location, before), _parcels(location, after)
    assert old["400160403001"][0]["address"] is None and new["400160403001"][0]["address"] == "Μεραρχίας 5"
    assert old["400160403001"][1].area == pytest.approx(400.0)
    assert new["400160403001"][1].area == pytest.approx(500.0)

    # PostGIS refuses to undo only one half of the transaction: it would open a gap in the block
    if location.kind == "postgis":
        with pytest.raises(DatabaseError, match="400160403001 opens a gap of 100.00"):
            edit_history.undo(location, change_id=changes[0].change_id)
    undone = edit_history.undo(location, txid=changes[0].txid, user="tester", reason="λάθος")
    assert changes[0].change_id in [c.change_id for c in undone]
    now = _parcels(location, _moment())
    assert now["400160403001"][0]["address"] is None
    assert shapely.equals(now["400160403001"][1], old["400160403001"][1])
    assert now["400160403001"][0]["row_version"] == 2  # changed twice: the edit and its undo
    # the undo is itself in the history, with its user and reason, and nothing was deleted
    last = edit_history.edit_history(location, after, None, ["parcel"], key="400160403001")
    assert [(c.operation, c.user, c.reason) for c in last] == [("update", "tester", "λάθος")]
    assert len(edit_history.edit_history(location, None, None, ["parcel"])) == (6 if location.kind == "postgis" else 4)


def test_undo_refuses_when_changed_again_and_undoes_a_delete(qgis_app, location):
    start = _moment()
    with edit_history.Session(location, user="a") as s:
        s.cursor.execute(f"UPDATE {s.table('lease')} SET status = 'expired'")
    with edit_history.Session(location, user="b") as s:
        s.cursor.execute(f"UPDATE {s.table('lease')} SET purpose = 'Κυλικείο'")
    first, second = edit_history.edit_history(location, start, None, ["lease"])
    assert (first.user, first.changed_fields, second.user, second.changed_fields) == \
        ("a", ("status",), "b", ("purpose",))
    with pytest.raises(DatabaseError, match=r"lease.*Μ-1.*changed again.*b"):
        edit_history.undo(location, change_id=first.change_id)
    with edit_history.Session(location, user="c") as s:
        s.cursor.execute(f"DELETE FROM {s.table('encroachment')}")
    gone = edit_history.edit_history(location, start, None, ["encroachment"])
    assert [c.operation for c in gone] == ["delete"]
    edit_history.undo(location, txid=gone[0].txid)
    back = edit_history.layer_as_of(location, "encroachment", _moment())
    assert len(back) == 1 and back[0][2].area == pytest.approx(4.0) and back[0][1]["area_m2"] == 4.0
    with pytest.raises(DatabaseError, match="no change 999999"):
        edit_history.undo(location, change_id=999999)


def test_algorithms_report_time_travel_and_undo(provider, location):
    from qgis import processing
    from qgis.PyQt.QtCore import QDateTime

    def qtime(moment):
        return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))

    before = _moment()
    with edit_history.Session(location, user="μηχανικός") as s:
        s.cursor.execute(f"UPDATE {s.table('municipal_property')} SET name = 'Κληροδότημα Αποστολίδη', "
                         f"status = 'vacant'")
    after = _moment()
    db = str(location)
    report = processing.run("municipal_gis:edit_history", {"DATABASE": db, "START": qtime(before),
                                                           "KEY": "ΔΠ-0001", "OUTPUT": "memory:"})["OUTPUT"]
    rows = [f.attributes() for f in report.getFeatures()]
    assert len(rows) == 1
    row = dict(zip(report.fields().names(), rows[0]))
    assert (row["layer"], row["key"], row["operation"], row["user_name"], row["changed_fields"]) == \
        ("municipal_property", "ΔΠ-0001", "update", "μηχανικός", "name, status")
    old = processing.run("municipal_gis:layer_as_of", {"DATABASE": db, "LAYER": 3, "AS_OF": qtime(before),
                                                       "OUTPUT": "memory:"})["OUTPUT"]
    (feature,) = list(old.getFeatures())
    assert feature["name"] is None or feature["name"] == "" or str(feature["name"]) == "NULL"
    assert feature["status"] == "leased" and feature.geometry().area() == pytest.approx(400.0)
    result = processing.run("municipal_gis:undo_change", {"DATABASE": db, "TRANSACTION_ID": row["transaction_id"],
                                                          "REASON": "δοκιμή"})
    assert result["UNDONE"] == 1
    (now,) = edit_history.layer_as_of(location, "municipal_property", _moment())
    assert now[1]["status"] == "leased" and now[1]["name"] is None
    assert edit_history.layer_as_of(location, "municipal_property", after)[0][1]["status"] == "vacant"
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="CHANGE_ID or TRANSACTION_ID"):
        processing.run("municipal_gis:undo_change", {"DATABASE": db})


@pytest.mark.postgis
def test_postgis_refuses_overlap_and_stale_save_from_any_client(qgis_app, pg_location):
    import psycopg2

    location = small_database(str(pg_location))
    table = location.table("parcel")
    grown = f"ST_Multi(ST_MakeEnvelope({X0}, {Y0}, {X0 + 25}, {Y0 + 20}, 2100))"
    first, second = location.dbapi_connect(), location.dbapi_connect()
    try:
        with pytest.raises(psycopg2.Error, match=r"parcel 400160403001 overlaps parcel 400160403002 by 100.00"):
            with first, first.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET geom = {grown} WHERE kaek = '400160403001'")
        # the same edit accepted deliberately, with a reason that is recorded
        with first, first.cursor() as cursor:
            cursor.execute("SELECT set_config('mgis.accept_exception', 'πράξη εφαρμογής 12/2024', true)")
            cursor.execute(f"UPDATE {table} SET geom = {grown} WHERE kaek = '400160403001'")
        with first, first.cursor() as cursor:
            cursor.execute(f"SELECT kaek, rule, reason FROM {location.table('edit_exception')}")
            assert cursor.fetchall() == [("400160403001", "overlap", "πράξη εφαρμογής 12/2024")]
        # optimistic locking: both sessions loaded version 1; the second save is stale
        for connection in (first, second):
            with connection, connection.cursor() as cursor:
                cursor.execute(f"SELECT row_version FROM {table} WHERE kaek = '400160403002'")
                assert cursor.fetchone() == (None,)
        with first, first.cursor() as cursor:
            cursor.execute("SELECT set_config('mgis.user', 'maria', true)")
            cursor.execute(f"UPDATE {table} SET address = 'Α', row_version = NULL WHERE kaek = '400160403002'")
        with pytest.raises(psycopg2.Error, match=r"Parcels 400160403002 .*changed by maria.*version 0.*version 1"):
            with second, second.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET address = 'Β', row_version = NULL WHERE kaek = '400160403002'")
        with second, second.cursor() as cursor:
            cursor.execute(f"SELECT address, row_version FROM {table} WHERE kaek = '400160403002'")
            assert cursor.fetchone() == ("Α", 1)
    finally:
        first.close()
        second.close()


def _as_schema_1(monkeypatch):
    """Make the catalogue look like schema 1 (no history, lineage or parcel status) for a while."""
    import dataclasses

    from municipal_gis.schema import catalogue

    old = []
    for spec in catalogue.LAYERS:
        if spec.id in ("parcel_lineage", "edit_exception"):
            continue
        if spec.id == "parcel":
            spec = dataclasses.replace(spec, fields=tuple(f for f in spec.fields if f.name not in ("status", "closed_at")))
        old.append(spec)
    monkeypatch.setattr(catalogue, "LAYERS", tuple(old))
    monkeypatch.setattr(catalogue, "_BY_ID", {spec.id: spec for spec in old})
    monkeypatch.setattr(catalogue, "HISTORY_LAYERS", ())
    monkeypatch.setattr(catalogue, "SCHEMA_VERSION", 1)
    from municipal_gis.layers import history

    monkeypatch.setattr(history, "tracked_layers", lambda: ())


@pytest.mark.parametrize("backend", ["gpkg", "postgis"])
def test_upgrade_from_schema_1_keeps_rows_and_starts_history(qgis_app, tmp_path, request, backend):
    from municipal_gis.layers.database import open_database, upgrade_database
    from municipal_gis.schema import catalogue

    path = tmp_path / "old.gpkg" if backend == "gpkg" else str(request.getfixturevalue("pg_location"))
    with pytest.MonkeyPatch.context() as patch:
        _as_schema_1(patch)
        location = small_database(path)
        assert open_database(location).schema_version == 1
        assert "parcel_history" not in open_database(location).tables
    changes = upgrade_database(location)
    assert "history parcel_history" in changes and "layer parcel_lineage" in changes
    assert "field parcel.row_version" in changes and "field parcel.status" in changes
    info = open_database(location)
    assert info.schema_version == catalogue.SCHEMA_VERSION == 2
    # the rows that were there are the baseline: as of any moment, as of now, and then edited with history
    old = _parcels(location, dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))
    assert set(old) == {"400160403001", "400160403002"}
    with edit_history.Session(location, user="upgrade-test") as s:
        s.cursor.execute(f"UPDATE {s.table('parcel')} SET address = 'Ερμού 1' WHERE kaek = '400160403001'")
    (change,) = edit_history.edit_history(location, None, None, ["parcel"])
    assert (change.key, change.user, change.changed_fields) == ("400160403001", "upgrade-test", ("address",))
