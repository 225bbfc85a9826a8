"""`make package` builds an installable zip: one top folder municipal_gis/ with everything QGIS reads."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_package_zip_layout():
    subprocess.run(["make", "-s", "package"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    version = next(line.split("=", 1)[1].strip() for line in (ROOT / "metadata.txt").read_text().splitlines()
                   if line.startswith("version="))
    archive = ROOT / "dist" / f"municipal_gis-{version}.zip"
    names = zipfile.ZipFile(archive).namelist()
    assert {name.split("/", 1)[0] for name in names} == {"municipal_gis"}
    for required in ("municipal_gis/__init__.py", "municipal_gis/metadata.txt", "municipal_gis/plugin.py",
                     "municipal_gis/resources/styles/parcel.qml", "municipal_gis/resources/i18n/municipal_gis_el.qm",
                     "municipal_gis/resources/icons/municipal_gis.svg", "municipal_gis/LICENSE",
                     "municipal_gis/processing/provider.py", "municipal_gis/schema/catalogue.py",
                     "municipal_gis/docs/algorithms/land_use_certificate.html",
                     "municipal_gis/docs/algorithms/el/land_use_certificate.html"):
        assert required in names, required
    assert not any("__pycache__" in name or name.startswith("municipal_gis/tests") for name in names)


def test_paths_work_in_the_packaged_layout(tmp_path):
    """Resources are found inside the plugin folder (zip layout) as well as beside it (checkout)."""
    import importlib.util

    package = tmp_path / "municipal_gis"
    package.mkdir()
    shutil.copy(ROOT / "municipal_gis" / "paths.py", package / "paths.py")
    shutil.copy(ROOT / "metadata.txt", package / "metadata.txt")
    (package / "resources" / "styles").mkdir(parents=True)
    spec = importlib.util.spec_from_file_location("packaged_paths", package / "paths.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.resources_dir() == package / "resources"
    assert module.plugin_version() == next(line.split("=", 1)[1] for line in
                                           (ROOT / "metadata.txt").read_text().splitlines()
                                           if line.startswith("version="))
