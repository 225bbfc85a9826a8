"""kill -9 while issuing: a real qgis_process is killed at each moment of `register.issue`.

`MUNICIPAL_GIS_TEST_PAUSE=<point>:<marker>` makes the issuing process write the certificate number into
the marker file at <point> and wait there; the test then kills it with SIGKILL, as a power cut or the
OOM killer would. Points: «rendered» (number chosen, PDF rendered into a nameless file, entry not yet
inserted), «inserted» (entry inserted, transaction not committed), «committed» (entry committed, PDF not
yet written), «written» (PDF written to its hidden part file, not yet renamed).

After every kill: no PDF anywhere in the folder carries a number that is not in the register (so no
number printed on a PDF can be issued again), the register's chain is intact, and the next run takes
a number no registered certificate has.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from municipal_gis.layers import register
from tests.test_qgis_process import QGIS_PROCESS, qgis_env  # noqa: F401 - the headless profile fixture

pytestmark = [pytest.mark.slow, pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process.bin not installed")]


def _certificate_command(gpkg: Path, folder: Path, kaek: str) -> list[str]:
    return [QGIS_PROCESS, "run", "municipal_gis:land_use_certificate", "--json", "--",
            f"PARCELS={gpkg}|layername=parcel", f"ZONING={gpkg}|layername=land_use_zone", f"KAEK_LIST={kaek}",
            f"DATABASE={gpkg}", "ISSUE=true", f"OUTPUT_REPORT={folder}", "OUTPUT=TEMPORARY_OUTPUT",
            "OUTPUT_GEOMETRY=false"]


def _kill_at(env, command, point: str, marker: Path) -> str:
    """Run `command` until it reaches `point`, SIGKILL it there; return the number it was issuing."""
    env = dict(env, **{register.TEST_PAUSE_ENV: f"{point}:{marker}"})
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        while not (marker.exists() and marker.read_text(encoding="utf-8")):
            if process.poll() is not None:
                pytest.fail(f"qgis_process ended before «{point}»: " + process.stdout.read().decode(errors="replace"))
            time.sleep(0.2)  # waiting for an event (the marker), not timing anything
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=60) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
    return marker.read_text(encoding="utf-8")


def _numbered_files(folder: Path) -> dict[str, list[Path]]:
    """Every file (hidden ones included) whose name carries a certificate number."""
    found: dict[str, list[Path]] = {}
    for path in folder.iterdir():
        number = register.number_in_name(path)
        if number:
            found.setdefault(number, []).append(path)
    return found


def _assert_nothing_numbered_outside_the_register(gpkg: Path, folder: Path) -> list[register.Entry]:
    entries = register.entries(str(gpkg))
    by_number = {e.certificate_no: e for e in entries}
    for number, paths in _numbered_files(folder).items():
        assert number in by_number, f"{paths} carry {number}, which is not in the register"
        for path in paths:  # and what they hold is that registered certificate, byte for byte
            assert register.sha256_file(path) == by_number[number].pdf_sha256, path
    for path in folder.iterdir():  # no other PDF-like file either (the scratch file has no name)
        if register.number_in_name(path) is None:
            assert path.name in ("summary.csv", "problems.csv"), path
    report = register.verify_chain(str(gpkg))
    assert report.ok, [p.message for p in report.problems]
    return entries


def test_kill_9_at_every_moment_of_issuing(qgis_env, sample_gpkg, tmp_path):  # noqa: F811
    gpkg = tmp_path / "municipality.gpkg"
    source = sqlite3.connect(sample_gpkg)
    try:
        target = sqlite3.connect(gpkg)
        source.backup(target)  # a consistent copy; the session's sample is never written to
        target.close()
        kaeks = [r[0] for r in source.execute("SELECT kaek FROM parcel ORDER BY fid LIMIT 6")]
    finally:
        source.close()
    folder = tmp_path / "certificates"
    registered_before: set[str] = set()
    for n, point in enumerate(("rendered", "inserted", "committed", "written")):
        number = _kill_at(qgis_env, _certificate_command(gpkg, folder, kaeks[n]), point, tmp_path / f"{point}.txt")
        entries = _assert_nothing_numbered_outside_the_register(gpkg, folder)
        numbers = {e.certificate_no for e in entries}
        assert number not in registered_before  # the killed run had taken a number never issued before
        if point in ("rendered", "inserted"):  # killed before the commit: no entry, the number stays free
            assert number not in numbers and numbers == registered_before
        else:  # killed after the commit: the entry stands; its PDF is missing or in the hidden part file
            assert number in numbers and numbers == registered_before | {number}
            final = [p for p in _numbered_files(folder).get(number, []) if not p.name.startswith(".")]
            assert final == []
        registered_before = numbers

    # the next, uninterrupted run takes a number that no registered certificate has
    ran = subprocess.run(_certificate_command(gpkg, folder, kaeks[4]), env=qgis_env, capture_output=True,
                         text=True, timeout=600)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    entries = _assert_nothing_numbered_outside_the_register(gpkg, folder)
    latest = entries[-1]
    assert latest.kaek == kaeks[4] and latest.certificate_no not in registered_before
    assert [e.sequence for e in entries] == list(range(1, len(entries) + 1))  # no gap, no repeat
    assert len(entries) == 3  # «committed», «written» and the last run
    delivered = folder / f"{latest.certificate_no.replace('/', '-')}_{kaeks[4]}.pdf"
    assert delivered.exists() and register.verify_pdf(str(gpkg), delivered)[1][0].certificate_no == \
        latest.certificate_no
