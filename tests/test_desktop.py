"""As a user would: the real QGIS desktop under Xvfb, the plugin enabled in a fresh profile, the
sample municipality opened through the plugin, and a screenshot that must show drawn layers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QGIS = shutil.which("qgis.bin") or shutil.which("qgis")
XVFB = shutil.which("Xvfb")
pytestmark = [pytest.mark.desktop, pytest.mark.slow,
              pytest.mark.skipif(not (QGIS and XVFB), reason="QGIS desktop or Xvfb not installed")]


@pytest.fixture(scope="module")
def display():
    read, write = os.pipe()
    server = subprocess.Popen([XVFB, "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read, 16)
        if not chunk:
            break
        number += chunk
    os.close(read)
    yield f":{number.decode().strip()}"
    server.terminate()
    server.wait(timeout=10)


def _profile(root: Path) -> Path:
    profile = root / "profiles" / "default"
    (profile / "QGIS").mkdir(parents=True)
    (profile / "QGIS" / "QGIS3.ini").write_text(
        "[PythonPlugins]\nmunicipal_gis=true\n\n[qgis]\ncheckVersion=false\nshowTips=false\n"
        "showTips322=false\nallowCrashReporting=false\n\n[core]\nNewsFeed\\httpsfeedqgisorg\\disabled=true\n",
        encoding="utf-8")
    env = dict(os.environ, MUNICIPAL_GIS_SKIP_DEPS="1")
    subprocess.run(["bash", str(ROOT / "scripts" / "dev_install.sh"), str(profile / "python" / "plugins")],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    return profile


def _inspect(path: Path):
    from qgis.PyQt.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), path
    colours, drawn, total = set(), 0, 0
    background = image.pixel(2, 2)
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            pixel = image.pixel(x, y)
            colours.add(pixel)
            total += 1
            drawn += pixel != background
    return image.width(), image.height(), len(colours), drawn / max(total, 1)


def test_desktop_opens_the_sample_through_the_plugin(qgis_app, sample_gpkg, display, tmp_path):
    profiles = tmp_path / "qgis"
    _profile(profiles)
    out = tmp_path / "out"
    out.mkdir()
    database = tmp_path / "municipality.gpkg"  # the desktop opens it for editing: never the session's sample
    shutil.copy(sample_gpkg, database)
    env = dict(os.environ)
    env.update({
        "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "MGIS_DATABASE": str(database), "MGIS_OUT": str(out),
        "PYTHONPATH": sysconfig.get_paths()["purelib"], "MUNICIPAL_GIS_LOCALE": "el",
    })
    process = subprocess.Popen([QGIS, "--nologo", "--noversioncheck",
                                "--profiles-path", str(profiles), "--code", str(ROOT / "tests" / "desktop_session.py")],
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
    assert status.get("plugin_loaded"), status
    assert "error" not in status, status["error"]
    assert "parcel" in status["layers"] and status["project_layers"] >= 12
    assert any("βάση" in text for text in status["menu_actions"]), status["menu_actions"]  # Greek UI
    width, height, colours, drawn = _inspect(out / "canvas.png")
    assert width > 400 and height > 300
    assert colours > 20, "the canvas looks blank"
    assert drawn > 0.2, f"only {drawn:.0%} of the canvas is drawn"
    shutil.copy(out / "window.png", ROOT / "output" / "desktop_screenshot.png") if (ROOT / "output").is_dir() else None
