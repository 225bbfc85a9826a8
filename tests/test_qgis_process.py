"""The algorithms run headless through Debian's qgis_process.bin after a development install."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QGIS_PROCESS = shutil.which("qgis_process.bin")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process.bin not installed")]


@pytest.fixture(scope="module")
def qgis_env(tmp_path_factory):
    home = tmp_path_factory.mktemp("qgis_process")
    plugins = home / "plugins"
    env = dict(os.environ)
    env.update({
        "QGIS_CUSTOM_CONFIG_PATH": str(home / "config"),
        "QGIS_PLUGINPATH": str(plugins),
        "QT_QPA_PLATFORM": "offscreen",
        "MUNICIPAL_GIS_SKIP_DEPS": "1",
        # QGIS's Python is Debian's; the runtime packages come from the project venv
        "PYTHONPATH": sysconfig.get_paths()["purelib"] + os.pathsep + str(ROOT.parent),
    })
    subprocess.run(["bash", str(ROOT / "scripts" / "dev_install.sh"), str(plugins)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "municipal_gis"], check=True, env=env,
                   capture_output=True)
    return env


def _run(env, *args):
    completed = subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True, timeout=600)
    return completed


def test_every_algorithm_is_listed(qgis_env, qgis_app):
    from municipal_gis.processing.provider import algorithm_classes

    listing = _run(qgis_env, "list")
    assert listing.returncode == 0, listing.stderr
    for cls in algorithm_classes():
        assert f"municipal_gis:{cls.ALGORITHM_ID}" in listing.stdout


@pytest.fixture(scope="module")
def village(qgis_env, tmp_path_factory):
    gpkg = tmp_path_factory.mktemp("village") / "village.gpkg"
    generated = _run(qgis_env, "run", "municipal_gis:generate_sample_municipality", "--json", "--",
                     f"OUTPUT={gpkg}", "PARCELS=1000", "SEED=3")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    return gpkg, json.loads(generated.stdout)["results"]


def test_regeneration_headless(qgis_env, village, tmp_path):
    gpkg, _ = village
    index = tmp_path / "index.gpkg"
    ran = _run(qgis_env, "run", "municipal_gis:deprivation_index", "--json", "--",
               f"INPUT={gpkg}|layername=census_block", f"OUTPUT={index}")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    zones = tmp_path / "zones.gpkg"
    ran = _run(qgis_env, "run", "municipal_gis:regeneration_zones", "--json", "--",
               f"INPUT={index}", "PERMUTATIONS=99", f"OUTPUT={tmp_path / 'blocks.gpkg'}", f"OUTPUT_ZONES={zones}")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert zones.exists()


def test_generate_and_check_headless(qgis_env, village, tmp_path):
    gpkg, results = village
    assert results["PARCEL_COUNT"] > 500 and gpkg.exists()
    checked = _run(qgis_env, "run", "municipal_gis:check_database", "--json", "--", f"INPUT={gpkg}",
                   f"OUTPUT={tmp_path / 'findings.csv'}")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["results"]["ERRORS"] == 0


def test_bad_input_is_a_message_not_a_traceback(qgis_env, tmp_path):
    bogus = tmp_path / "notes.gpkg"
    bogus.write_text("not a database")
    failed = _run(qgis_env, "run", "municipal_gis:check_database", "--", f"INPUT={bogus}", "OUTPUT=TEMPORARY_OUTPUT")
    assert failed.returncode != 0
    output = failed.stdout + failed.stderr
    assert "is not a GeoPackage" in output
    assert "Traceback" not in output


def test_create_database_headless(qgis_env, tmp_path):
    target = tmp_path / "new.gpkg"
    created = _run(qgis_env, "run", "municipal_gis:create_database", "--", f"OUTPUT={target}")
    assert created.returncode == 0, created.stdout + created.stderr
    assert target.exists()
    again = _run(qgis_env, "run", "municipal_gis:create_database", "--", f"OUTPUT={target}")
    assert again.returncode != 0 and "already exists" in again.stdout + again.stderr




def test_programme_import_and_map_pack_headless(qgis_env, tmp_path):
    """The night before a deadline: import the council's table and batch the funding-proposal maps."""
    import shutil as _shutil

    gpkg = tmp_path / "programme.gpkg"
    generated = _run(qgis_env, "run", "municipal_gis:generate_sample_municipality", "--", f"OUTPUT={gpkg}",
                     "PARCELS=1000", "SEED=4")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    sample_csv = ROOT / "resources" / "sample" / "technical_programme_rows_serres_2019.csv"
    imported = _run(qgis_env, "run", "municipal_gis:import_technical_programme", "--json", "--",
                    f"INPUT={sample_csv}", f"DATABASE={gpkg}", "YEAR=2019", f"OUTPUT={tmp_path / 'report.csv'}")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    results = json.loads(imported.stdout)["results"]
    assert results["PROJECTS"] == 43 and results["ADDED"] == 0 and results["UPDATED"] == 0  # sample holds them
    folder = tmp_path / "maps"
    pack = _run(qgis_env, "run", "municipal_gis:funding_proposal_maps", "--json", "--", f"DATABASE={gpkg}",
                f"FOLDER={folder}")
    assert pack.returncode == 0, pack.stdout + pack.stderr
    pages = json.loads(pack.stdout)["results"]["PAGES"]
    assert pages >= 3 and len(list(folder.glob("*.pdf"))) == pages + 1  # one per project + the combined one
    if _shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", json.loads(pack.stdout)["results"]["COMBINED_PDF"]], capture_output=True,
                              text=True).stdout
        import re

        assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) == pages


def test_property_office_headless(qgis_env, village, tmp_path):
    """Lease status with the rent roll in XLSX, and a topographic diagram PDF, from the command line."""
    gpkg, _ = village
    roll = tmp_path / "rent_roll.xlsx"
    status = tmp_path / "status.csv"
    ran = _run(qgis_env, "run", "municipal_gis:lease_status", "--json", "--",
               f"PROPERTIES={gpkg}|layername=municipal_property", f"LEASES={gpkg}|layername=lease",
               f"COMMUNITIES={gpkg}|layername=community", "AS_OF=2019-12-31", f"OUTPUT={status}",
               f"OUTPUT_RENT_ROLL={roll}", f"OUTPUT_PROBLEMS={tmp_path / 'problems.csv'}")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert roll.read_bytes()[:2] == b"PK"  # a real spreadsheet (zip container)
    text = status.read_text(encoding="utf-8")
    assert "leased" in text and "vacant" in text
    assert "lessee" not in text.splitlines()[0]  # personal data stays out unless asked for
    first_property = next(line.split(",")[0] for line in text.splitlines()[1:2])
    pdf = tmp_path / "diagram.pdf"
    code = _run(qgis_env, "run", "municipal_gis:topographic_diagram", "--json", "--",
                f"INPUT={gpkg}|layername=municipal_property", f"CODE={first_property.strip(chr(34))}",
                f"PARCELS={gpkg}|layername=parcel", f"STREETS={gpkg}|layername=street", f"OUTPUT={pdf}")
    assert code.returncode == 0, code.stdout + code.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_one_parcel_certificate_headless(qgis_env, village, tmp_path, qgis_app, qgis_processing):
    """As a clerk's script calls it: one corner parcel, the pieces into a GeoPackage, the PDF with its
    frontage; the same rows as the parcel in the whole-village batch run in this process."""
    from qgis import processing
    from qgis.core import QgsVectorLayer

    from tests.conftest import _ensure_provider
    from tests.test_certificate_single_parcel import assert_same, find_street_cases, pieces, summary_csv

    gpkg, _ = village
    kaek, length = find_street_cases(gpkg)[2]
    layers = {name: f"{gpkg}|layername={name}" for name in ("parcel", "land_use_zone", "street", "city_block")}
    out = tmp_path / "pieces.gpkg"
    ran = _run(qgis_env, "run", "municipal_gis:land_use_certificate", "--json", "--",
               f"PARCELS={layers['parcel']}", f"ZONING={layers['land_use_zone']}", f"KAEK_LIST={kaek}",
               f"STREETS={layers['street']}", f"BLOCKS={layers['city_block']}", f"OUTPUT={out}",
               f"OUTPUT_REPORT={tmp_path / 'pdf'}")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert json.loads(ran.stdout)["results"]["CERTIFICATES"] == 1
    _ensure_provider()
    whole = processing.run("municipal_gis:land_use_certificate", {
        "PARCELS": layers["parcel"], "ZONING": layers["land_use_zone"], "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_GEOMETRY": False})["OUTPUT"]
    assert_same(pieces(QgsVectorLayer(str(out), "pieces", "ogr"))[kaek], pieces(whole)[kaek])
    assert float(summary_csv(tmp_path / "pdf")[kaek]["frontage_m"]) == pytest.approx(length, abs=0.01)

