"""A register made by schema 1 (no hash chain, UPDATE/DELETE triggers only) upgraded to schema 2.

Its entries are kept as they were and counted as unchained; it gains the INSERT (GeoPackage) and
TRUNCATE (PostGIS) guards; new entries chain on, anchored to the content of the last old entry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from municipal_gis.layers import register
from municipal_gis.layers.database import (
    REGISTER_UNCHAINED_KEY,
    DatabaseLocation,
    create_database,
    open_database,
    write_records,
)
from municipal_gis.schema import catalogue
from tests.test_edit_history import _as_schema_1

TABLE = register.TABLE
OLD_ENTRIES = [
    {"certificate_no": "2025/0001", "year": 2025, "sequence": 1, "issued_at": "2025-06-02T10:15:00",
     "kaek": "400160403001", "protocol_no": "101/2025", "as_of": "2025-06-01", "language": "el",
     "result_json": '[{"area_m2": 120.5, "share_pct": 100.0, "zone_code": "Α1"}]', "pdf_sha256": "a" * 64,
     "verification_code": "AAAA-BBBB-CCCC"},
    {"certificate_no": "2025/0002", "year": 2025, "sequence": 2, "issued_at": "2025-06-03T11:00:00",
     "kaek": "400160403002", "protocol_no": "102/2025", "as_of": "2025-06-01", "language": "el",
     "result_json": '[{"area_m2": 80.0, "share_pct": 100.0, "zone_code": "Β2"}]', "pdf_sha256": "b" * 64,
     "verification_code": "DDDD-EEEE-FFFF"},
]


def _sql(location, sql, params=()):
    connection = location.dbapi_connect()
    try:
        if location.kind == "gpkg":
            connection.execute(sql, params)
            return
        with connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        connection.close()


def _schema_1_register(location: DatabaseLocation) -> DatabaseLocation:
    """What schema 1 created: a register without prev_hash/entry_hash, guarded against UPDATE and DELETE
    only (PostGIS: a bigserial id, no TRUNCATE trigger), holding two entries."""
    with pytest.MonkeyPatch.context() as patch:
        _as_schema_1(patch)
        old = tuple(dataclasses.replace(spec, fields=tuple(f for f in spec.fields
                                                           if f.name not in ("prev_hash", "entry_hash")))
                    if spec.id == TABLE else spec for spec in catalogue.LAYERS)
        patch.setattr(catalogue, "LAYERS", old)
        patch.setattr(catalogue, "_BY_ID", {spec.id: spec for spec in old})
        create_database(location)
        write_records(location, TABLE, OLD_ENTRIES)
    metadata = location.table(catalogue.METADATA_TABLE)
    _sql(location, f"DELETE FROM {metadata} WHERE key = {location.paramstyle}", (REGISTER_UNCHAINED_KEY,))
    table = location.table(TABLE)
    if location.kind == "gpkg":
        _sql(location, f'DROP TRIGGER "{TABLE}_append_only_insert"')
    else:
        sequence = f'"{location.schema}"."{TABLE}_fid_seq"'
        for sql in (f'DROP TRIGGER "{TABLE}_append_only_truncate" ON {table}',
                    f"ALTER TABLE {table} ALTER COLUMN fid DROP IDENTITY",
                    f"CREATE SEQUENCE {sequence} OWNED BY {table}.fid",
                    f"SELECT setval('{sequence}', 2)",
                    f"ALTER TABLE {table} ALTER COLUMN fid SET DEFAULT nextval('{sequence}')",
                    f"GRANT ALL ON {table} TO PUBLIC"):
            _sql(location, sql)
    info = open_database(location)
    assert info.schema_version == 1 and "entry_hash" not in info.tables[TABLE]
    return location


def _render(number, code, issued_at, path):
    with open(path, "wb") as handle:
        handle.write(f"%PDF-1.4 {number} {code}".encode())


@pytest.mark.parametrize("backend", ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def test_schema_1_register_upgrades_keeps_entries_and_chains_on(qgis_app, tmp_path, request, backend):
    location = DatabaseLocation.parse(str(tmp_path / "old.gpkg") if backend == "gpkg"
                                      else str(request.getfixturevalue("pg_location")))
    _schema_1_register(location)
    with pytest.raises(register.RegisterError, match="from before the tamper-evident register"):
        register.issue(location, kaek="400160403003", render=_render, destination=lambda n: tmp_path / "x.pdf")

    changes = register.ensure_chain(location)  # what issuing from the algorithm does first
    assert f"field {TABLE}.prev_hash" in changes and f"field {TABLE}.entry_hash" in changes
    assert (backend != "gpkg") == (not any(c.startswith("backup ") for c in changes))
    assert register.ensure_chain(location) == []
    assert open_database(location).schema_version == catalogue.SCHEMA_VERSION

    # the old entries are kept, counted as unchained, and the chain is intact
    kept = register.entries(location)
    assert [(e.certificate_no, e.kaek, e.pdf_sha256, e.prev_hash, e.entry_hash) for e in kept] == [
        ("2025/0001", "400160403001", "a" * 64, None, None), ("2025/0002", "400160403002", "b" * 64, None, None)]
    report = register.verify_chain(location)
    assert report.ok and (report.entries, report.unchained) == (2, 2)
    assert "The first 2 entries were issued before the hash chain was introduced" in report.summary()

    # the upgrade added the guards schema 1 lacked
    table = location.table(TABLE)
    if backend == "gpkg":
        connection = sqlite3.connect(location.path)
        try:
            with pytest.raises(sqlite3.DatabaseError, match="exists and is never replaced"):
                connection.execute(f"INSERT OR REPLACE INTO {table} (fid, certificate_no, year, sequence, "
                                   "issued_at, kaek) VALUES (2, '2025/0002', 2025, 2, '2025-06-03', '000000000000')")
        finally:
            connection.close()
    else:
        import psycopg2

        with pytest.raises(psycopg2.Error, match="append-only"):
            _sql(location, f"TRUNCATE {table}")
        connection = location.dbapi_connect()
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute("SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = "
                               "'PUBLIC' AND table_schema = %s AND table_name = %s ORDER BY 1",
                               (location.schema, TABLE))
                # GRANT ALL TO PUBLIC by a careless administrator: what could rewrite entries is revoked
                assert [r[0] for r in cursor.fetchall()] == ["INSERT", "REFERENCES", "SELECT"]
                cursor.execute("SELECT is_identity FROM information_schema.columns WHERE table_schema = %s "
                               "AND table_name = %s AND column_name = 'fid'", (location.schema, TABLE))
                assert cursor.fetchone() == ("YES",)  # a clerk inserts without a grant on a sequence
        finally:
            connection.close()
    assert len(register.entries(location)) == 2

    # new entries chain on, anchored to the last old entry's content
    for day in (1, 2):
        register.issue(location, kaek=f"40016040301{day}", render=_render,
                       destination=lambda n: tmp_path / f"{n.replace('/', '-')}.pdf",
                       now=dt.datetime(2025, 7, day, 9, 0, tzinfo=dt.timezone.utc))
    entries = register.entries(location)
    assert [e.certificate_no for e in entries] == ["2025/0001", "2025/0002", "2025/0003", "2025/0004"]
    old_last = {n: getattr(entries[1], n) for n in register.CHAIN_FIELDS}
    assert entries[2].prev_hash == register.content_hash(old_last)
    assert entries[3].prev_hash == entries[2].entry_hash
    report = register.verify_chain(location)
    assert report.ok and (report.entries, report.unchained) == (4, 2) and report.head == entries[3].entry_hash

    # an old entry edited behind the triggers' back: the first chained entry gives it away
    if backend == "gpkg":
        connection = sqlite3.connect(location.path, isolation_level=None)
        try:
            connection.execute(f'DROP TRIGGER "{TABLE}_append_only_update"')
            connection.execute(f"UPDATE {table} SET kaek = '400160403099' WHERE certificate_no = '2025/0002'")
        finally:
            connection.close()
    else:
        _sql(location, f"ALTER TABLE {table} DISABLE TRIGGER USER; UPDATE {table} SET kaek = '400160403099' "
                       f"WHERE certificate_no = '2025/0002'; ALTER TABLE {table} ENABLE TRIGGER USER")
    report = register.verify_chain(location)
    assert [(p.certificate_no, p.kind) for p in report.problems] == [("2025/0003", "link")]
    assert report.problems_for("2025/0002")
