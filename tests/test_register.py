"""The land-use certificate register: per-year numbering, append-only, concurrency, verification."""

import datetime as dt
import sqlite3
import threading
import time

import pytest

from municipal_gis.layers import register
from municipal_gis.layers.database import DatabaseLocation, create_database
from tests.builders import FakeIssuer


@pytest.fixture()
def db(tmp_path):
    return create_database(DatabaseLocation.parse(str(tmp_path / "register.gpkg")))


def _renderer(folder, delay=0.0):
    return FakeIssuer(folder, delay, separator="_")


def test_numbering_per_year_and_fields(db, tmp_path):
    render = _renderer(tmp_path)
    first = render.issue(db, kaek="400160403048", protocol_no="123/2025",
                           as_of=dt.date(2025, 3, 1), result_rows=[{"zone_code": "Α1", "area_m2": 100.0}],
                           now=dt.datetime(2025, 12, 31, 23, 59, tzinfo=dt.timezone.utc))
    second = render.issue(db, kaek="400160403049",
                            now=dt.datetime(2025, 12, 31, 23, 59, 30, tzinfo=dt.timezone.utc))
    third = render.issue(db, kaek="400160403048",
                           now=dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.timezone.utc))
    assert [first.certificate_no, second.certificate_no, third.certificate_no] == ["2025/0001", "2025/0002",
                                                                                   "2026/0001"]
    stored = register.entries(db)
    assert [e.certificate_no for e in stored] == ["2025/0001", "2025/0002", "2026/0001"]
    assert stored[0].result_rows == [{"zone_code": "Α1", "area_m2": 100.0}]
    assert stored[0].as_of == "2025-03-01" and stored[0].protocol_no == "123/2025"
    assert stored[0].pdf_sha256 == register.sha256_file(tmp_path / "2025_0001.pdf")
    assert [e.certificate_no for e in register.entries(db, kaek="400160403048")] == ["2025/0001", "2026/0001"]


def test_register_is_append_only(db, tmp_path):
    _renderer(tmp_path).issue(db, kaek="400160403048")
    connection = sqlite3.connect(db.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("UPDATE land_use_certificate SET kaek = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("DELETE FROM land_use_certificate")
    connection.close()
    assert len(register.entries(db)) == 1


def test_reissue_references_old_number(db, tmp_path):
    render = _renderer(tmp_path)
    old = render.issue(db, kaek="400160403048")
    new = render.issue(db, kaek="400160403048", replaces_no=old.certificate_no)
    assert new.certificate_no != old.certificate_no and new.replaces_no == old.certificate_no
    assert [e.certificate_no for e in register.replaced_by(db, old.certificate_no)] == [new.certificate_no]
    with pytest.raises(register.RegisterError, match="9999/0001"):
        render.issue(db, kaek="400160403048", replaces_no="9999/0001")


def test_failed_render_uses_no_number(db, tmp_path):
    def broken(number, code, issued_at, path):
        raise RuntimeError("printer on fire")

    with pytest.raises(RuntimeError):
        register.issue(db, kaek="400160403048", render=broken, destination=_renderer(tmp_path).destination)
    entry = _renderer(tmp_path).issue(db, kaek="400160403048")
    assert entry.sequence == 1


def issue_concurrently(location, render, threads: int, each: int = 5) -> list[str]:
    """Certificate numbers issued by `threads` threads started together, `each` certificates apiece."""
    numbers, errors = [], []
    start = threading.Barrier(threads)

    def worker(k):
        try:
            start.wait()
            for i in range(each):
                numbers.append(render.issue(location, kaek=f"40016040{k:02d}{i:02d}").certificate_no)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors
    return numbers


def test_concurrent_issuers_never_share_a_number(db, tmp_path):
    numbers = issue_concurrently(db, _renderer(tmp_path, delay=0.005), threads=4)
    year = dt.datetime.now().astimezone().year
    assert sorted(numbers) == [f"{year}/{i:04d}" for i in range(1, 21)]


def test_verify_pdf(db, tmp_path):
    entry = _renderer(tmp_path).issue(db, kaek="400160403048")
    pdf = tmp_path / f"{entry.certificate_no.replace('/', '_')}.pdf"
    digest, found = register.verify_pdf(db, pdf)
    assert digest == entry.pdf_sha256 and [e.certificate_no for e in found] == [entry.certificate_no]
    assert register.find_by_code(db, entry.verification_code.lower())[0].certificate_no == entry.certificate_no
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(pdf.read_bytes() + b" ")
    assert register.verify_pdf(db, forged)[1] == []


def test_database_without_register(tmp_path):
    path = tmp_path / "other.gpkg"
    sqlite3.connect(path).close()
    with pytest.raises(register.RegisterError, match="register"):
        _renderer(tmp_path).issue(str(path), kaek="400160403048")


@pytest.mark.postgis
def test_concurrent_issuers_postgis(pg_location, tmp_path):
    """Several threads, each with its own connection per certificate, on one shared PostGIS register."""
    loc = create_database(pg_location)
    numbers = issue_concurrently(loc, _renderer(tmp_path, delay=0.01), threads=5)
    year = dt.datetime.now().astimezone().year
    assert sorted(numbers) == [f"{year}/{i:04d}" for i in range(1, 26)]
    stored = register.entries(loc)
    assert [e.sequence for e in stored] == list(range(1, 26))
    assert len({e.verification_code for e in stored}) == 25
    # every stored hash is the hash of the PDF written under that number
    for e in stored:
        assert e.pdf_sha256 == register.sha256_file(tmp_path / f"{e.certificate_no.replace('/', '_')}.pdf")
    # append-only on PostgreSQL too
    for statement in (f"DELETE FROM {loc.table('land_use_certificate')}",
                      f"UPDATE {loc.table('land_use_certificate')} SET kaek = 'x'"):
        connection = loc.dbapi_connect()
        try:
            with pytest.raises(Exception, match="append-only"):
                with connection, connection.cursor() as cursor:
                    cursor.execute(statement)
        finally:
            connection.close()
    assert len(register.entries(loc)) == 25


@pytest.mark.parametrize("point", ["rendered", "inserted", "committed"])
def test_issuer_killed_mid_transaction_leaves_a_usable_file(db, tmp_path, point):
    """A Python process issuing into the GeoPackage is SIGKILLed inside `issue` (the fast sibling of
    tests/test_register_crash.py, which kills a real qgis_process). Before the commit SQLite leaves a
    -journal whose header is still zeroed: not a hot journal, not a finding; the number stays free."""
    import os
    import signal
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    from municipal_gis.layers import integrity

    marker, folder = tmp_path / "marker.txt", tmp_path / "pdf"
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from pathlib import Path
        from municipal_gis.layers import register

        def render(number, code, issued_at, path):
            Path(path).write_bytes(b"%PDF-1.4 " + number.encode())

        register.issue({db.path!r}, kaek="400160403048", render=render,
                       destination=lambda number: Path({str(folder)!r}) / (number.replace("/", "-") + ".pdf"))
    """)
    env = dict(os.environ, **{register.TEST_PAUSE_ENV: f"{point}:{marker}"})
    process = subprocess.Popen([sys.executable, "-c", script], env=env)
    try:
        while not (marker.exists() and marker.read_text()):
            assert process.poll() is None, "the issuer ended before the pause"
            time.sleep(0.05)  # waiting for the marker, not timing anything
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    number = marker.read_text()
    assert not integrity.hot_journal(db.path) and integrity.quick_check(db.path).ok
    assert not folder.exists() or list(folder.iterdir()) == []  # no PDF, numbered or not
    registered = [e.certificate_no for e in register.entries(db)]
    assert registered == ([number] if point == "committed" else [])
    following = _renderer(tmp_path).issue(db, kaek="400160403049")
    assert following.certificate_no not in registered and following.sequence == len(registered) + 1
    assert register.verify_chain(db).ok
