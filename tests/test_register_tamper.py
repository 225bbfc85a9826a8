"""Tampering with the certificate register, as someone with the database file or a database login would.

Refused by the database (GeoPackage and the real PostGIS): INSERT OR REPLACE / ON CONFLICT DO UPDATE of
an entry, UPDATE, DELETE, TRUNCATE. Detected by the hash chain (`register.verify_chain`) when the
triggers were dropped first: an edited entry, a removed entry. Detected by the PDF's SHA-256: an
edited PDF. Each test asserts what the user is told.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from municipal_gis.layers import register
from municipal_gis.layers.backends.geopackage import append_only_sql
from municipal_gis.layers.database import DatabaseLocation, create_database
from municipal_gis.schema import catalogue
from tests.builders import FakeIssuer

TABLE = register.TABLE
UTC = dt.timezone.utc


class _Issuer(FakeIssuer):
    """Issues the entry of 2026-03-<day> for ΚΑΕΚ …0<day>."""

    def issue(self, location, day: int, **kwargs):
        kwargs.setdefault("result_rows", [{"zone_code": "Α1", "area_m2": 100.0 + day, "share_pct": 100.0}])
        return super().issue(location, kaek=f"4001604030{day:02d}", now=dt.datetime(2026, 3, day, 9, 0, tzinfo=UTC),
                             **kwargs)


def _fill(location, folder, n: int) -> list[register.Entry]:
    issuer = _Issuer(folder)
    return [issuer.issue(location, day, applicant="Παπαδόπουλος", protocol_no=f"{day}/2026")
            for day in range(1, n + 1)]


@pytest.fixture(scope="module")
def five_entries(tmp_path_factory):
    """A GeoPackage register with 2026/0001…0005 (copy it before writing into it)."""
    folder = tmp_path_factory.mktemp("register5")
    location = create_database(DatabaseLocation.parse(str(folder / "register.gpkg")))
    _fill(location, folder, 5)
    return folder / "register.gpkg"


def _copy(source, tmp_path):
    target = tmp_path / "register.gpkg"
    shutil.copyfile(source, target)
    return DatabaseLocation.parse(str(target))


def _row(location, number) -> dict:
    connection = sqlite3.connect(location.path)
    connection.row_factory = sqlite3.Row
    try:
        return dict(connection.execute(f'SELECT * FROM "{TABLE}" WHERE certificate_no = ?', (number,)).fetchone())
    finally:
        connection.close()


def _behind_the_triggers(location, *statements):
    """Drop the append-only triggers, run `statements` (SQL, params), put the triggers back."""
    connection = sqlite3.connect(location.path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        for suffix in ("update", "delete", "insert"):
            connection.execute(f'DROP TRIGGER "{TABLE}_append_only_{suffix}"')
        for sql, params in statements:
            connection.execute(sql, params)
        for sql in append_only_sql(catalogue.layer(TABLE)):
            connection.execute(sql)
        connection.execute("COMMIT")
    finally:
        connection.close()


def _insert_or_replace(row: dict) -> tuple[str, tuple]:
    names = list(row)
    return (f'INSERT OR REPLACE INTO "{TABLE}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})',
            tuple(row[n] for n in names))


def _kinds(report) -> list[tuple[str, str]]:
    return sorted((p.certificate_no, p.kind) for p in report.problems)


# --------------------------------------------------------------------------------------------
# GeoPackage: refused


def test_gpkg_insert_or_replace_of_an_entry_is_refused(five_entries, tmp_path):
    location = _copy(five_entries, tmp_path)
    original = _row(location, "2026/0003")
    forged = dict(original, pdf_sha256="0" * 64, result_json='[{"zone_code": "Α1", "area_m2": 999.0}]')
    connection = sqlite3.connect(location.path)
    try:
        for row in (forged, dict(forged, fid=None), dict(forged, certificate_no="2026/0099")):
            # same fid and number; same number, new fid; same fid, new number: each would replace entry 3
            with pytest.raises(sqlite3.DatabaseError, match="append-only register: an entry with this number "
                                                            "or fid exists and is never replaced"):
                connection.execute(*_insert_or_replace(row))
    finally:
        connection.close()
    assert _row(location, "2026/0003") == original
    assert register.verify_chain(location).ok


def test_gpkg_update_and_delete_are_refused(five_entries, tmp_path):
    location = _copy(five_entries, tmp_path)
    connection = sqlite3.connect(location.path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only register: issue a new entry instead"):
            connection.execute(f'UPDATE "{TABLE}" SET result_json = ? WHERE certificate_no = ?', ("[]", "2026/0002"))
        with pytest.raises(sqlite3.DatabaseError, match="append-only register: entries are never deleted"):
            connection.execute(f'DELETE FROM "{TABLE}" WHERE certificate_no = ?', ("2026/0005",))
        with pytest.raises(sqlite3.DatabaseError, match="append-only register"):
            connection.execute(f'DELETE FROM "{TABLE}"')  # SQLite's truncate optimisation still fires the trigger
    finally:
        connection.close()
    assert [e.certificate_no for e in register.entries(location)] == [f"2026/{i:04d}" for i in range(1, 6)]


# --------------------------------------------------------------------------------------------
# GeoPackage: detected by the hash chain


def test_gpkg_edited_area_behind_the_triggers_is_named(five_entries, tmp_path):
    location = _copy(five_entries, tmp_path)
    assert register.verify_chain(location).ok
    row = _row(location, "2026/0002")
    assert '"area_m2": 102.0' in row["result_json"]
    _behind_the_triggers(location, (f'UPDATE "{TABLE}" SET result_json = ? WHERE fid = ?',
                                    (row["result_json"].replace("102.0", "1020.0"), row["fid"])))
    report = register.verify_chain(location)
    assert not report.ok
    assert _kinds(report) == [("2026/0002", "edited")]
    assert report.problems[0].message == ("Entry 2026/0002 was changed after it was issued: its content no "
                                          "longer matches its hash.")
    assert report.problems_for("2026/0002") and not report.problems_for("2026/0003")


def test_gpkg_entry_replaced_behind_the_triggers_with_its_hash_recomputed_is_named(five_entries, tmp_path):
    """The forger recomputes entry_hash for the forged content: the next entry's link gives it away."""
    location = _copy(five_entries, tmp_path)
    forged = _row(location, "2026/0003")
    forged.update(pdf_sha256="f" * 64)
    forged["entry_hash"] = register.content_hash(forged)
    _behind_the_triggers(location, _insert_or_replace(forged))
    assert register.find_by_sha256(location, "f" * 64)[0].certificate_no == "2026/0003"
    report = register.verify_chain(location)
    assert _kinds(report) == [("2026/0004", "link")]
    assert report.problems[0].message == ("The entry before 2026/0004 is missing or was changed: 2026/0004 is "
                                          "chained to a different predecessor.")
    assert report.problems_for("2026/0003")  # the entry whose successor no longer links to it is in doubt


def test_gpkg_removed_entry_is_named(five_entries, tmp_path):
    location = _copy(five_entries, tmp_path)
    _behind_the_triggers(location, (f'DELETE FROM "{TABLE}" WHERE certificate_no = ?', ("2026/0002",)))
    report = register.verify_chain(location)
    assert _kinds(report) == [("2026/0002", "gap"), ("2026/0003", "link")]
    gap = next(p for p in report.problems if p.kind == "gap")
    assert gap.message == "Certificate number 2026/0002 is missing from the register: its entry was removed."


def test_gpkg_removed_latest_entry_changes_the_chain_head(five_entries, tmp_path):
    """Removing the newest entries leaves a consistent chain: only the head kept outside shows it."""
    location = _copy(five_entries, tmp_path)
    head = register.verify_chain(location).head
    assert head == _row(location, "2026/0005")["entry_hash"]
    _behind_the_triggers(location, (f'DELETE FROM "{TABLE}" WHERE certificate_no = ?', ("2026/0005",)))
    report = register.verify_chain(location)
    assert report.ok and report.entries == 4 and report.head != head
    assert report.head in report.summary()


EDITABLE = ("kaek", "applicant", "protocol_no", "as_of", "language", "result_json", "plans_used", "pdf_sha256",
            "verification_code", "replaces_no", "issued_at")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@example(target=2, name="issued_at", value="yesterday")  # not a date at all
@example(target=5, name="result_json", value="[]")
@given(target=st.integers(1, 5), name=st.sampled_from(EDITABLE),
       value=st.one_of(st.none(), st.text(max_size=12), st.just("2020-01-01T00:00:00")))
def test_any_edit_of_any_entry_is_named(five_entries, tmp_path_factory, target, name, value):
    """Property: whatever field of whichever entry is changed (to any other value, garbage included),
    verify_chain reports exactly that entry as edited, and nothing else."""
    location = _copy(five_entries, tmp_path_factory.mktemp("edit"))
    number = f"2026/{target:04d}"
    row = _row(location, number)
    if register._canonical(name, value) == register._canonical(name, row[name]):
        return  # not a change
    if value is None and catalogue.layer(TABLE).field(name).not_null:
        return  # the database refuses it anyway
    _behind_the_triggers(location, (f'UPDATE "{TABLE}" SET "{name}" = ? WHERE fid = ?', (value, row["fid"])))
    report = register.verify_chain(location)
    assert _kinds(report) == [(number, "edited")]


# --------------------------------------------------------------------------------------------
# PostGIS (real server): refused and detected


def _pg(location, sql, params=()):
    connection = location.dbapi_connect()
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        connection.close()


@pytest.mark.postgis
def test_postgis_register_refuses_tampering_and_names_edits(pg_location, tmp_path):
    import psycopg2

    location = create_database(pg_location)
    _fill(location, tmp_path, 4)
    table = location.table(TABLE)
    head = register.verify_chain(location).head
    refused = {
        "update": f"UPDATE {table} SET result_json = '[]' WHERE certificate_no = '2026/0002'",
        "delete": f"DELETE FROM {table} WHERE certificate_no = '2026/0004'",
        "truncate": f"TRUNCATE {table}",
        "upsert": f"INSERT INTO {table} (fid, certificate_no, year, sequence, issued_at, kaek) "
                  f"SELECT fid, certificate_no, year, sequence, issued_at, '000000000000' FROM {table} "
                  "WHERE certificate_no = '2026/0003' ON CONFLICT (fid) DO UPDATE SET kaek = EXCLUDED.kaek",
    }
    for sql in refused.values():
        with pytest.raises(psycopg2.Error, match="land_use_certificate is an append-only register"):
            _pg(location, sql)
    with pytest.raises(psycopg2.errors.UniqueViolation):  # a second entry under an existing number
        _pg(location, f"INSERT INTO {table} (certificate_no, year, sequence, issued_at, kaek) "
                      "VALUES ('2026/0003', 2026, 3, now(), '000000000000')")
    report = register.verify_chain(location)
    assert report.ok and report.entries == 4 and report.head == head

    # behind the triggers' back (a superuser disabling them): the chain names what changed
    def behind(sql):
        _pg(location, f"ALTER TABLE {table} DISABLE TRIGGER USER; {sql}; ALTER TABLE {table} ENABLE TRIGGER USER")

    behind(f"UPDATE {table} SET result_json = replace(result_json, '102.0', '1020.0') "
           "WHERE certificate_no = '2026/0002'")
    behind(f"DELETE FROM {table} WHERE certificate_no = '2026/0003'")
    report = register.verify_chain(location)
    assert _kinds(report) == [("2026/0002", "edited"), ("2026/0003", "gap"), ("2026/0004", "link")]
    assert "Entry 2026/0002 was changed after it was issued" in report.problems[0].message
    # the triggers are back
    with pytest.raises(psycopg2.Error, match="append-only"):
        _pg(location, refused["truncate"])
    assert register.verify_chain(location).entries == 3


# --------------------------------------------------------------------------------------------
# verify_land_use_certificate: the PDF and the chain, as the user runs it


def _verify(pdf, location):
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    class Collect(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.infos, self.warnings = [], []

        def pushInfo(self, text):  # noqa: N802
            self.infos.append(text)
            super().pushInfo(text)

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)
            super().pushWarning(text)

    feedback = Collect()
    result = processing.run("municipal_gis:verify_land_use_certificate",
                            {"PDF": str(pdf), "DATABASE": str(location)}, context=QgsProcessingContext(),
                            feedback=feedback)
    return result, feedback


def _pdf(location, number):
    return _Issuer(Path(location.path).parent).destination(number)


@pytest.fixture()
def issued(tmp_path):
    """Five entries with their PDFs next to the GeoPackage."""
    location = create_database(DatabaseLocation.parse(str(tmp_path / "register.gpkg")))
    _fill(location, tmp_path, 5)
    return location


def test_verify_intact_register_and_pdf(provider, issued):
    result, feedback = _verify(_pdf(issued, "2026/0003"), issued)
    head = register.verify_chain(issued).head
    assert result["VALID"] and result["CHAIN_INTACT"] and result["CERTIFICATE_NO"] == "2026/0003"
    assert result["CHAIN_BROKEN_AT"] == "" and result["CHAIN_HEAD"] == head
    assert result["CHAIN"] == f"The register's hash chain is intact. 5 register entries checked; chain head {head}."
    assert result["CHAIN"] in feedback.infos and not feedback.warnings


def test_verify_edited_pdf_is_not_valid(provider, issued):
    pdf = _pdf(issued, "2026/0003")
    pdf.write_bytes(pdf.read_bytes().replace(b"%%EOF", b"%%EOF\n% edited"))
    result, feedback = _verify(pdf, issued)
    assert not result["VALID"] and result["CERTIFICATE_NO"] == "" and result["CHAIN_INTACT"]
    assert feedback.warnings == ["No register entry has this file's SHA-256: the file is not a registered "
                                 "certificate, or it was changed after issue."]


@pytest.mark.parametrize("recompute", [False, True], ids=["entry_hash_kept", "entry_hash_recomputed"])
def test_verify_edited_pdf_with_its_entry_rewritten_is_not_valid(provider, issued, recompute):
    """The issue's attack: edit the PDF, then INSERT OR REPLACE its entry with the new SHA-256 (triggers
    dropped first). The file now matches an entry, but the chain shows the entry was rewritten."""
    pdf = _pdf(issued, "2026/0003")
    pdf.write_bytes(pdf.read_bytes().replace(b"certificate", b"CERTIFICATE"))
    forged = _row(issued, "2026/0003")
    forged["pdf_sha256"] = register.sha256_file(pdf)
    if recompute:
        forged["entry_hash"] = register.content_hash(forged)
    _behind_the_triggers(issued, _insert_or_replace(forged))
    result, feedback = _verify(pdf, issued)
    broken = "2026/0004" if recompute else "2026/0003"
    assert result["CERTIFICATE_NO"] == "2026/0003"  # the hash matches the rewritten entry …
    assert not result["VALID"] and not result["CHAIN_INTACT"]  # … which the chain exposes
    assert result["CHAIN_BROKEN_AT"] == broken
    assert result["CHAIN"].startswith(f"The register's hash chain is broken; first at entry {broken}: ")
    assert any(w.startswith("The file matches register entry 2026/0003 (ΚΑΕΚ 400160403003), but that entry was "
                            "changed or tampered with after issue") for w in feedback.warnings)


def test_verify_names_the_first_broken_entry_elsewhere_in_the_register(provider, issued):
    """A PDF whose own entry is intact stays valid, but the output says the register is broken at 2026/0002."""
    _behind_the_triggers(issued, (f'DELETE FROM "{TABLE}" WHERE certificate_no = ?', ("2026/0004",)),
                         (f'UPDATE "{TABLE}" SET kaek = ? WHERE certificate_no = ?', ("400160403099", "2026/0002")))
    result, feedback = _verify(_pdf(issued, "2026/0001"), issued)
    assert result["VALID"] and not result["CHAIN_INTACT"] and result["CHAIN_BROKEN_AT"] == "2026/0002"
    assert result["CHAIN"] == ("The register's hash chain is broken; first at entry 2026/0002: Entry 2026/0002 was "
                               "changed after it was issued: its content no longer matches its hash.")
    assert "Certificate number 2026/0004 is missing from the register: its entry was removed." in feedback.warnings
    assert not _verify(_pdf(issued, "2026/0005"), issued)[0]["VALID"]  # its predecessor was removed


@pytest.mark.postgis
def test_verify_on_postgis_edited_pdf_and_removed_entry(provider, pg_location, tmp_path):
    """verify_land_use_certificate against a PostGIS register: the PDF and the chain."""
    location = create_database(pg_location)
    _fill(location, tmp_path, 3)
    pdf = tmp_path / "2026-0002.pdf"
    result, _ = _verify(pdf, location)
    assert result["VALID"] and result["CHAIN_INTACT"] and result["CERTIFICATE_NO"] == "2026/0002"
    edited = tmp_path / "edited.pdf"
    edited.write_bytes(pdf.read_bytes() + b"% edited\n")
    result, feedback = _verify(edited, location)
    assert not result["VALID"] and result["CERTIFICATE_NO"] == "" and result["CHAIN_INTACT"]
    assert feedback.warnings[0].startswith("No register entry has this file's SHA-256")
    table = location.table(TABLE)
    _pg(location, f"ALTER TABLE {table} DISABLE TRIGGER USER; DELETE FROM {table} WHERE certificate_no = '2026/0001'; "
                  f"ALTER TABLE {table} ENABLE TRIGGER USER")
    result, feedback = _verify(pdf, location)
    assert not result["VALID"] and not result["CHAIN_INTACT"] and result["CHAIN_BROKEN_AT"] == "2026/0001"
    assert result["CHAIN"] == ("The register's hash chain is broken; first at entry 2026/0001: Certificate number "
                               "2026/0001 is missing from the register: its entry was removed.")
