"""The register with least-privilege PostgreSQL roles (real login roles on the real server).

A clerk role with SELECT and INSERT on the register (`register.grant_clerk`) issues certificates:
the numbering serialises issuers with an advisory lock, never LOCK TABLE. It cannot UPDATE, DELETE
or TRUNCATE. A role that may only read gets a clear message, not a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil

import pytest

from municipal_gis.layers import register
from municipal_gis.layers.database import DatabaseLocation, create_database
from tests.builders import FakeIssuer

pytestmark = pytest.mark.postgis
UTC = dt.timezone.utc


class _Issuer(FakeIssuer):
    def issue(self, location, kaek="400160403001", **kwargs):
        return super().issue(location, kaek=kaek, **kwargs)


def _sql(location, sql, params=()):
    connection = location.dbapi_connect()
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


@pytest.fixture()
def login_role(pg_location):
    """A function making real LOGIN roles (password over TCP, as a clerk's QGIS connects); dropped afterwards."""
    made = []
    connection = pg_location.dbapi_connect()
    port, dbname = connection.info.port, connection.info.dbname
    connection.close()

    def make(kind: str) -> tuple[str, DatabaseLocation]:
        role = f"mgis_{kind}_{os.getpid()}_{secrets.token_hex(3)}"
        password = secrets.token_hex(12)
        _sql(pg_location, f'CREATE ROLE "{role}" LOGIN PASSWORD %s', (password,))
        made.append(role)
        return role, DatabaseLocation.parse(f"PG:host=127.0.0.1 port={port} dbname={dbname} user={role} "
                                            f"password={password} schema={pg_location.schema}")

    yield make
    for role in made:
        _sql(pg_location, f'DROP OWNED BY "{role}"')
        _sql(pg_location, f'DROP ROLE "{role}"')


def test_clerk_issues_but_cannot_rewrite(pg_location, login_role, tmp_path):
    import psycopg2

    from tests.test_register import issue_concurrently

    location = create_database(pg_location)
    issuer = _Issuer(tmp_path)
    year = dt.datetime.now().astimezone().year
    issuer.issue(location)  # by the administrator
    role, clerk = login_role("clerk")
    register.grant_clerk(location, role)
    table = location.table(register.TABLE)
    # what the clerk may do on the register: exactly SELECT and INSERT
    rows = _sql(location, "SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = %s "
                          "AND table_schema = %s AND table_name = %s ORDER BY 1",
                (role, location.schema, register.TABLE))
    assert [r[0] for r in rows] == ["INSERT", "SELECT"]
    with pytest.raises(psycopg2.errors.InsufficientPrivilege):  # the old numbering's LOCK TABLE would fail
        _sql(clerk, f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")

    entry = issuer.issue(clerk, kaek="400160403002")
    assert entry.certificate_no == f"{year}/0002"
    assert (tmp_path / f"{year}-0002.pdf").read_bytes().startswith(b"%PDF")
    numbers = issue_concurrently(clerk, issuer, threads=3, each=3)  # clerks at several desks at once
    assert sorted(numbers) == [f"{year}/{i:04d}" for i in range(3, 12)]
    report = register.verify_chain(clerk)
    assert report.ok and report.entries == 11

    for sql in (f"UPDATE {table} SET kaek = '000000000000'", f"DELETE FROM {table}", f"TRUNCATE {table}"):
        with pytest.raises(psycopg2.errors.InsufficientPrivilege, match="permission denied"):
            _sql(clerk, sql)
    assert len(register.entries(location)) == 11


def test_role_without_insert_gets_a_message(pg_location, login_role, tmp_path):
    location = create_database(pg_location)
    role, reader = login_role("reader")
    _sql(location, f'GRANT USAGE ON SCHEMA "{location.schema}" TO "{role}"')
    _sql(location, f'GRANT SELECT ON ALL TABLES IN SCHEMA "{location.schema}" TO "{role}"')
    with pytest.raises(register.RegisterError) as caught:
        _Issuer(tmp_path).issue(reader, now=dt.datetime(2026, 5, 4, 10, 0, tzinfo=UTC))
    message = str(caught.value)
    assert message.startswith("PostGIS host=127.0.0.1 port=")
    assert "password=***" in message and role in message
    assert ("your database role lacks a privilege the certificate register needs (permission denied for table "
            "land_use_certificate). To issue certificates a role needs USAGE on the schema, SELECT on its tables "
            "and INSERT on land_use_certificate; ask the database administrator.") in message
    assert list(tmp_path.iterdir()) == []  # no PDF, numbered or not
    assert register.entries(location) == []
    _sql(location, f'REVOKE USAGE ON SCHEMA "{location.schema}" FROM "{role}"')
    with pytest.raises(register.RegisterError, match="lacks a privilege"):  # not even the schema
        register.verify_chain(reader)


@pytest.mark.skipif(not shutil.which("lrelease"), reason="lrelease missing (make setup installs it)")
def test_role_without_insert_is_told_in_greek_through_the_algorithm(provider, pg_location, login_role, tmp_path):
    """As the clerk sees it in QGIS: issuing from the certificate algorithm fails with the Greek message."""
    from qgis import processing
    from qgis.core import QgsProcessingException
    from qgis.PyQt.QtCore import QDate

    from municipal_gis import i18n
    from tests.test_alg_land_use_certificate import _layer, _wkt_box
    from tests.test_i18n import i18n_tool

    location = create_database(pg_location)
    role, reader = login_role("reader")
    _sql(location, f'GRANT USAGE ON SCHEMA "{location.schema}" TO "{role}"')
    _sql(location, f'GRANT SELECT ON ALL TABLES IN SCHEMA "{location.schema}" TO "{role}"')
    parcels = _layer("Polygon?crs=EPSG:2100&field=kaek:string", [(_wkt_box(0, 0, 10, 10), ["400160403001"])])
    zones = _layer("Polygon?crs=EPSG:2100&field=zone_code:string", [(_wkt_box(-5, -5, 20, 20), ["Α1"])])
    i18n_tool.build()
    try:
        assert i18n.install_translator("el")
        with pytest.raises(QgsProcessingException) as caught:
            processing.run("municipal_gis:land_use_certificate", {
                "PARCELS": parcels, "ZONING": zones, "AS_OF": QDate(2025, 1, 1), "OUTPUT": "memory:",
                "OUTPUT_REPORT": str(tmp_path / "pdf"), "DATABASE": str(reader), "ISSUE": True})
    finally:
        i18n.install_translator("en")
    message = str(caught.value)
    assert "ο ρόλος σας στη βάση δεδομένων" in message and "INSERT" in message, message
    assert "Traceback" not in message
    assert not list((tmp_path / "pdf").glob("*.pdf"))
    assert register.entries(location) == []
