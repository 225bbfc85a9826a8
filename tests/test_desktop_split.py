"""As a user would: in the QGIS desktop under Xvfb, split a parcel with the plugin's map tool."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
import time

import pytest

from municipal_gis.layers import cadastre
from tests.test_desktop import QGIS, ROOT, XVFB, _profile, display  # noqa: F401 - the display fixture

pytestmark = [pytest.mark.desktop, pytest.mark.slow,
              pytest.mark.skipif(not (QGIS and XVFB), reason="QGIS desktop or Xvfb not installed")]


def test_desktop_splits_a_parcel_with_the_map_tool(qgis_app, sample_gpkg, display, tmp_path):  # noqa: F811
    from municipal_gis.layers.database import DatabaseLocation

    database = tmp_path / "sample.gpkg"
    shutil.copy(sample_gpkg, database)
    location = DatabaseLocation.parse(database)
    layer = location.qgs_layer("parcel")
    feature = max(layer.getFeatures(), key=lambda f: f.geometry().area() if f["ot_code"] else 0)
    kaek = feature["kaek"]
    profiles = tmp_path / "qgis"
    _profile(profiles)
    out = tmp_path / "out"
    out.mkdir()
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", MGIS_DATABASE=str(database), MGIS_OUT=str(out),
               MGIS_KAEK=kaek, PYTHONPATH=sysconfig.get_paths()["purelib"], MUNICIPAL_GIS_LOCALE="el")
    process = subprocess.Popen([QGIS, "--nologo", "--noversioncheck", "--profiles-path", str(profiles), "--code",
                                str(ROOT / "tests" / "desktop_split_session.py")],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 240
    while time.time() < deadline and not (out / "status.json").exists() and process.poll() is None:
        time.sleep(1)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    log = process.stdout.read().decode(errors="replace")[-3000:]
    assert (out / "status.json").exists(), log
    status = json.loads((out / "status.json").read_text(encoding="utf-8"))
    assert "error" not in status, status["error"]
    assert status["tool"] == "SplitParcelTool"
    children = status["result"]["CHILDREN"].split(",")
    assert len(children) == 2
    family = cadastre.lineage(location, kaek)
    assert [d[0] for d in family["descendants"]] == children
    if (ROOT / "output").is_dir():
        shutil.copy(out / "window.png", ROOT / "output" / "desktop_split.png")
