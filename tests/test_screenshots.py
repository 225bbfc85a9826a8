"""scripts/screenshots.py regenerates README's pictures from the real desktop and documents."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.test_desktop import QGIS, ROOT, XVFB, _inspect

pytestmark = [pytest.mark.desktop, pytest.mark.slow,
              pytest.mark.skipif(not (QGIS and XVFB and shutil.which("pdftoppm")),
                                 reason="QGIS desktop, Xvfb or poppler-utils not installed")]


def test_screenshots_script(qgis_app, sample_gpkg, tmp_path):
    out = tmp_path / "docs"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--database", str(sample_gpkg),
                           "--output", str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    sizes = {}
    for name in ("screenshot", "property_card", "certificate_panel", "certificate_dialog", "certificate", "funding_page"):
        width, height, colours, drawn = _inspect(out / f"{name}.png")
        sizes[name] = (width, height)
        assert colours > 20 and drawn > 0.02, name  # not a blank picture
    assert sizes["screenshot"] == (1280, 800) and sizes["certificate_dialog"] == (1000, 700)
    assert sizes["certificate"] == (827, 1170)  # A4 at 100 dpi
    assert sizes["funding_page"][0] > sizes["funding_page"][1]  # A4 landscape
    assert not (out / "status.json").exists()
