"""The one database seam (layers/backends): GeoPackage and PostGIS through the same calls.

Every test runs on both backends, PostGIS on the real local server (scripts/postgis.sh, never
mocked). What they promise: a transaction that fails leaves nothing written; a write that a
row of fails leaves none of its rows; geometries and moments round-trip; the history hooks
name the user and reason of an edit.
"""

from __future__ import annotations

import datetime as dt

import pytest
import shapely
from builders import X0, Y0, small_database
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from municipal_gis.layers.backends import BACKENDS, Backend
from municipal_gis.layers.database import DatabaseError, write_records
from municipal_gis.layers.edit_history import Session, edit_history
from municipal_gis.schema import catalogue

BACKEND_KINDS = ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)]


@pytest.fixture(params=BACKEND_KINDS)
def location(request, tmp_path):
    target = tmp_path / "municipality.gpkg" if request.param == "gpkg" else request.getfixturevalue("pg_location")
    return small_database(target)


def _rows(location, table: str, order: str = "fid") -> list[tuple]:
    backend = location.backend
    layer = catalogue.layer(table)
    names = ", ".join(f'"{f.name}"' for f in layer.all_fields)
    geometry = f", {backend.geometry_select()}" if layer.is_spatial else ""
    rows = backend.read(f"SELECT fid, {names}{geometry} FROM {backend.table(table)} ORDER BY {order}")
    if layer.is_spatial:  # compare shapes, not encodings
        rows = [row[:-1] + (shapely.normalize(backend.geometry_from_db(row[-1])).wkt,) for row in rows]
    return [tuple(str(v) if isinstance(v, (dt.date, dt.datetime)) else v for v in row) for row in rows]


def _everything(location) -> dict:
    """The rows of the tables the tests write, and how many versions the edit history holds."""
    rows = {table: _rows(location, table) for table in ("parcel", "lease", "municipal_property")}
    backend = location.backend
    rows["history"] = [backend.read(f"SELECT count(*) FROM {backend.table(table + catalogue.HISTORY_SUFFIX)}")
                       for table in ("parcel", "lease", "municipal_property")]
    return rows


def test_both_backends_implement_the_whole_interface():
    abstract = {name for name, value in vars(Backend).items()
                if callable(value) and "NotImplementedError" in getattr(value, "__code__", compile("", "", "exec")).co_names}
    assert {"transaction", "create", "write", "upgrade", "start_edit"} - {"transaction"} <= abstract
    assert set(BACKENDS) == {"gpkg", "postgis"}
    for backend in BACKENDS.values():
        missing = sorted(name for name in abstract if getattr(backend, name) is getattr(Backend, name))
        assert not missing, f"{backend.__name__} lacks {missing}"


def test_a_failed_transaction_leaves_nothing_written(location):
    backend = location.backend
    before = _everything(location)
    p = backend.paramstyle
    with pytest.raises(RuntimeError, match="half-way"):
        with backend.transaction() as cursor:
            cursor.execute(f"INSERT INTO {backend.table('lease')} (lease_code, property_code) VALUES ({p}, {p})",
                           ("Μ-2", "ΔΠ-0001"))
            cursor.execute(f"UPDATE {backend.table('parcel')} SET owner_type = {p}", ("state",))
            cursor.execute(f"DELETE FROM {backend.table('municipal_property')}")
            raise RuntimeError("half-way")
    assert _everything(location) == before
    # and the same statements without the failure are written, all of them
    with backend.transaction() as cursor:
        cursor.execute(f"INSERT INTO {backend.table('lease')} (lease_code, property_code) VALUES ({p}, {p})",
                       ("Μ-2", "ΔΠ-0001"))
        cursor.execute(f"UPDATE {backend.table('parcel')} SET owner_type = {p}", ("state",))
    assert [row[1] for row in _rows(location, "lease")] == ["Μ-1", "Μ-2"]
    assert {row[-1] for row in backend.read(f"SELECT fid, owner_type FROM {backend.table('parcel')}")} == {"state"}


def test_a_statement_the_database_refuses_rolls_back_the_ones_before(location):
    backend = location.backend
    before = _everything(location)
    p = backend.paramstyle
    with pytest.raises(backend.errors()):
        with backend.transaction() as cursor:
            cursor.execute(f"UPDATE {backend.table('parcel')} SET owner_type = {p}", ("state",))
            cursor.execute(f"INSERT INTO {backend.table('lease')} (lease_code, property_code) VALUES ({p}, {p})",
                           ("Μ-1", "ΔΠ-0002"))  # lease_code is unique
    assert _everything(location) == before


def test_a_write_with_one_bad_record_writes_none(location):
    before = _everything(location)
    records = [{"lease_code": "Μ-2", "property_code": "ΔΠ-0001"}, {"lease_code": "Μ-3", "property_code": "ΔΠ-0001"},
               {"lease_code": "Μ-4", "property_code": None}]  # property_code is NOT NULL
    with pytest.raises(DatabaseError, match="lease"):
        write_records(location, "lease", records)
    assert _everything(location) == before


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(codes=st.lists(st.sampled_from(["Μ-1", "Μ-2", "Μ-3", "Μ-4", "Μ-5"]), min_size=1, max_size=5),
       rents=st.lists(st.floats(min_value=0, max_value=1e7, allow_nan=False), min_size=5, max_size=5))
def test_a_write_is_all_or_nothing(location, codes, rents):
    """Whatever the records, either all of them are written (and read back equal) or none."""
    existing = _rows(location, "lease")
    taken = {row[1] for row in existing}
    records = [{"lease_code": code, "property_code": "ΔΠ-0001", "annual_rent_eur": rent}
               for code, rent in zip(codes, rents)]
    valid = len(set(codes)) == len(codes) and not (set(codes) & taken)
    if valid:
        assert write_records(location, "lease", records) == len(records)
        after = _rows(location, "lease")
        assert after[:len(existing)] == existing
        assert [(row[1], row[7]) for row in after[len(existing):]] == [(c, r) for c, r in zip(codes, rents)]
        with location.backend.transaction() as cursor:  # back to the start for the next example
            cursor.execute(f"DELETE FROM {location.table('lease')} WHERE fid > {location.paramstyle}",
                           (existing[-1][0],))
    else:
        with pytest.raises(DatabaseError):
            write_records(location, "lease", records)
    assert _rows(location, "lease") == existing


def test_geometries_round_trip_to_the_square_metre(location):
    backend = location.backend
    shape = box(X0 + 100, Y0, X0 + 130, Y0 + 12.5)  # 375 m²
    p = backend.paramstyle
    with backend.transaction() as cursor:
        cursor.execute(f"INSERT INTO {backend.table('parcel')} (kaek, ot_code, geom) VALUES ({p}, {p}, "
                       f"{backend.geometry_param()})",
                       ("400160403003", "12", backend.geometry_to_db(shapely.MultiPolygon([shape]))))
    rows = backend.read(f"SELECT kaek, {backend.geometry_select()} FROM {backend.table('parcel')} ORDER BY fid")
    areas = {kaek: backend.geometry_from_db(geometry).area for kaek, geometry in rows}
    assert areas == {"400160403001": 400.0, "400160403002": 400.0, "400160403003": 375.0}


def test_features_in_box_uses_bounding_boxes(location):
    backend = location.backend
    # a box over the east parcel only, 1 m clear of the shared edge at X0 + 20
    east = backend.features_in_box("parcel", "kaek", (X0 + 21, Y0 + 1, X0 + 30, Y0 + 5))
    assert [(kaek, geometry.area) for _, kaek, geometry in east] == [("400160403002", 400.0)]
    both = backend.features_in_box("parcel", "kaek", (X0 + 19, Y0 + 1, X0 + 21, Y0 + 5))
    assert sorted(kaek for _, kaek, _ in both) == ["400160403001", "400160403002"]
    assert backend.features_in_box("parcel", "kaek", (X0 + 500, Y0, X0 + 600, Y0 + 10)) == []


def test_edit_sessions_name_user_and_reason_and_roll_back_whole(location):
    start = dt.datetime.now(dt.timezone.utc)
    before = _everything(location)
    with pytest.raises(RuntimeError):
        with Session(location, user="maria", reason="typo") as session:
            session.cursor.execute(f"UPDATE {session.table('parcel')} SET owner_type = {session.p} "
                                   f"WHERE kaek = {session.p}", ("state", "400160403002"))
            raise RuntimeError("the clerk cancelled")
    assert _everything(location) == before
    with Session(location, user="maria", reason="typo") as session:
        session.cursor.execute(f"UPDATE {session.table('parcel')} SET owner_type = {session.p} "
                               f"WHERE kaek = {session.p}", ("state", "400160403002"))
    changes = edit_history(location, start=start, layer_ids=["parcel"])
    assert [(c.key, c.operation, c.user, c.reason, c.txid, c.changed_fields) for c in changes] == \
        [("400160403002", "update", "maria", "typo", session.txid, ("owner_type",))]
    # nothing of the session is left for the next writer (PostGIS names the database role instead)
    write_records(location, "parcel", [{"kaek": "400160403004", "ot_code": "12"}], [box(X0, Y0 + 30, X0 + 5, Y0 + 35)])
    later = edit_history(location, start=start, layer_ids=["parcel"])
    assert [(c.key, c.operation, c.reason) for c in later[1:]] == [("400160403004", "insert", None)]
    assert later[1].user != "maria" and later[1].txid != session.txid


def test_moments_compare_with_history_times(location):
    """A moment after an edit finds the new version, one before the database existed nothing."""
    from municipal_gis.layers.edit_history import layer_as_of

    with Session(location, user="nikos", reason="test") as session:
        session.cursor.execute(f"UPDATE {session.table('parcel')} SET owner_type = {session.p} "
                               f"WHERE kaek = {session.p}", ("church", "400160403001"))
    after = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)
    owners = {r["kaek"]: r["owner_type"] for _, r, _ in layer_as_of(location, "parcel", after)}
    assert owners == {"400160403001": "church", "400160403002": "private"}
    assert layer_as_of(location, "parcel", dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)) == []
    naive = dt.datetime(2026, 3, 1, 12, 30, 15, 250000)
    assert location.backend.moment(naive) == location.backend.moment(naive.astimezone())
