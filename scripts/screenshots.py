#!/usr/bin/env python3
"""Regenerate README's screenshots from the real QGIS desktop (under Xvfb) and the real documents.

    .venv/bin/python scripts/screenshots.py [--database output/sample/municipality.gpkg] [--output docs]

Writes into the output folder: screenshot.png (the main window with the sample, a property's card and a
parcel's certificate panel), property_card.png, certificate_panel.png, certificate_dialog.png (the
certificate's Processing dialog), certificate.png (page 1 of a land-use certificate) and funding_page.png
(page 1 of the funding-proposal pack). Without --database,
a sample municipality is generated first (in a temporary folder). Needs QGIS, Xvfb and pdftoppm
(poppler-utils). The database is copied: it is never written to.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PROFILE_INI = ("[PythonPlugins]\nmunicipal_gis=true\n\n[qgis]\ncheckVersion=false\nshowTips=false\n"
               "showTips322=false\nallowCrashReporting=false\n\n[core]\nNewsFeed\\httpsfeedqgisorg\\disabled=true\n")


class Display:
    """An Xvfb server on a free display number (closed on exit)."""

    def __enter__(self):
        read, write = os.pipe()
        self.server = subprocess.Popen([shutil.which("Xvfb"), "-displayfd", str(write), "-screen", "0",
                                        "1600x1000x24", "-nolisten", "tcp"], pass_fds=(write,),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read, 16)
            if not chunk:
                break
            number += chunk
        os.close(read)
        self.name = f":{number.decode().strip()}"
        return self

    def __exit__(self, *exc):
        self.server.terminate()
        self.server.wait(timeout=10)


def desktop_screenshots(database: Path, out: Path, work: Path, property_code: str = "", timeout: int = 240,
                        session: Path | None = None, environment: dict | None = None, ini: str = "") -> dict:
    """Run QGIS with a fresh profile and a session script (default scripts/screenshot_session.py);
    returns its status. `environment`: more variables for the session (MUNICIPAL_GIS_LOCALE="" leaves
    the language to QGIS's setting); `ini`: more lines for the profile's QGIS3.ini (e.g. a [locale])."""
    profile = work / "profiles" / "default"
    (profile / "QGIS").mkdir(parents=True, exist_ok=True)
    (profile / "QGIS" / "QGIS3.ini").write_text(PROFILE_INI + ini, encoding="utf-8")
    env = dict(os.environ, MUNICIPAL_GIS_SKIP_DEPS="1")
    subprocess.run(["bash", str(ROOT / "scripts" / "dev_install.sh"), str(profile / "python" / "plugins")],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    qgis = shutil.which("qgis.bin") or shutil.which("qgis")
    with Display() as display:
        env.update({"DISPLAY": display.name, "QT_QPA_PLATFORM": "xcb", "MGIS_DATABASE": str(database),
                    "MGIS_OUT": str(out), "MGIS_PROPERTY": property_code,
                    "PYTHONPATH": sysconfig.get_paths()["purelib"], "MUNICIPAL_GIS_LOCALE": "el",
                    **(environment or {})})
        session = session or ROOT / "scripts" / "screenshot_session.py"
        log = open(work / "qgis_output.log", "wb")  # what QGIS printed, read back on failure
        process = subprocess.Popen([qgis, "--nologo", "--noversioncheck", "--profiles-path", str(work),
                                    "--code", str(session)], env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline and not (out / "status.json").exists() and process.poll() is None:
            time.sleep(1)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
    if not (out / "status.json").exists():
        raise RuntimeError("QGIS wrote no status:\n" + (work / "qgis_output.log").read_text(errors="replace")[-3000:])
    status = json.loads((out / "status.json").read_text(encoding="utf-8"))
    (out / "status.json").unlink()
    if "error" in status:
        raise RuntimeError(status["error"])
    return status


def _first_page(pdf: Path, png: Path, dpi: int) -> None:
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", "-png", str(pdf), str(stem)],
                   check=True)


def documents(database: Path, out: Path, work: Path, kaek: str) -> None:
    """certificate.png and funding_page.png, from the algorithms as a user runs them."""
    from qgis import processing

    from municipal_gis.layers.database import DatabaseLocation

    location = DatabaseLocation.parse(database)
    certificates = work / "certificates"
    processing.run("municipal_gis:land_use_certificate", {
        "PARCELS": location.qgs_layer("parcel"), "ZONING": location.qgs_layer("land_use_zone"), "KAEK_LIST": kaek,
        "BLOCKS": location.qgs_layer("city_block"), "OUTPUT": str(work / "pieces.gpkg"),
        "OUTPUT_REPORT": str(certificates)})
    _first_page(next(certificates.glob("*.pdf")), out / "certificate.png", 100)
    pack = work / "pack"
    processing.run("municipal_gis:funding_proposal_maps", {"DATABASE": str(database), "FOLDER": str(pack)})
    _first_page(pack / "funding_proposal_maps.pdf", out / "funding_page.png", 60)


def _certificate_kaek(database: Path, wanted: str) -> str | None:
    from qgis.core import QgsExpression, QgsFeatureRequest

    from municipal_gis.layers.database import DatabaseLocation

    parcels = DatabaseLocation.parse(database).qgs_layer("parcel")
    request = QgsFeatureRequest().setFilterExpression(f"\"kaek\" = {QgsExpression.quotedValue(wanted)}")
    return wanted if any(True for _ in parcels.getFeatures(request)) else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a municipal GeoPackage (default: a generated sample)")
    parser.add_argument("--output", default=str(ROOT / "docs"))
    parser.add_argument("--property", default="", help="property code to show (default: the first leased one)")
    parser.add_argument("--kaek", default="620100291006",
                        help="parcel of the certificate page (default: the README's, else the property's parcel)")
    args = parser.parse_args(argv)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from municipal_gis.i18n import install_translator
    from municipal_gis.processing.provider import MunicipalGisProvider

    install_translator("el")
    provider = MunicipalGisProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    with tempfile.TemporaryDirectory(prefix="mgis_screens_") as tmp:
        work = Path(tmp)
        database = work / "municipality.gpkg"
        if args.database:
            shutil.copy(args.database, database)
        else:
            from qgis import processing

            processing.run("municipal_gis:generate_sample_municipality", {"OUTPUT": str(database), "PARCELS": 5000,
                                                                          "SEED": 1})
        status = desktop_screenshots(database, out, work, args.property)
        documents(database, out, work, _certificate_kaek(database, args.kaek) or status.get("kaek") or "")
    print(f"screenshots of property {status['property']} → {out}")
    QgsApplication.processingRegistry().removeProvider(provider)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
