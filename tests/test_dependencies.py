"""The plugin checks its runtime packages before importing them: with one missing it registers
nothing, says so once, and offers to install it into the QGIS profile; a stock QGIS without
shapely gets the packaged zip working through that installer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from municipal_gis import dependencies
from municipal_gis.dependencies import Requirement

ROOT = Path(__file__).resolve().parent.parent
ABSENT = Requirement("municipal_gis_absent_module", "municipal-gis-absent", (1, 0))


def test_missing_names_absent_and_too_old_packages():
    too_new = Requirement("numpy", "numpy", (99, 0), installable=False)
    found = dependencies.missing([ABSENT, too_new, dependencies.REQUIREMENTS[1]])
    assert [item.requirement for item in found] == [ABSENT, too_new]
    assert found[0].found is None and found[0].describe() == "municipal-gis-absent ≥ 1.0"
    import numpy

    assert found[1].found == numpy.__version__
    assert found[1].describe() == f"numpy ≥ 99.0 ({numpy.__version__})"


def test_everything_is_there_in_the_test_environment():
    assert dependencies.missing() == []


@pytest.mark.parametrize(("geos", "spec"), [
    ((3, 11), "shapely>=2.0.6,<2.1"),  # Debian 12, QGIS 3.22: shapely 2.0 wheels carry GEOS 3.11
    ((3, 12), "shapely>=2.0.6,<2.1"),
    ((3, 13), "shapely>=2.0.6,<2.2"),  # Debian 13, QGIS 3.40
    ((3, 14), "shapely>=2.0.6"),
])
def test_shapely_release_fits_qgis_geos(geos, spec):
    assert dependencies.shapely_requirement(geos) == spec


def test_pip_requirements_skip_what_only_qgis_brings():
    items = dependencies.missing([ABSENT, Requirement("numpy", "numpy", (99, 0), installable=False),
                                  Requirement("municipal_gis_absent_2", "odfpy", (1, 4))])
    assert dependencies.pip_requirements(items, (3, 11)) == ["municipal-gis-absent>=1.0", "odfpy>=1.4"]
    shapely_missing = [dependencies.Missing(dependencies.REQUIREMENTS[1], "1.8.5")]
    assert dependencies.pip_requirements(shapely_missing, (3, 11)) == ["shapely>=2.0.6,<2.1"]


def test_the_folder_is_in_the_qgis_profile(qgis_app, monkeypatch):
    from qgis.core import QgsApplication

    monkeypatch.delenv(dependencies.FOLDER_ENV, raising=False)
    folder = dependencies.default_folder()
    assert folder == Path(QgsApplication.qgisSettingsDirPath()) / "python" / "dependencies"


def test_activate_puts_the_folder_first(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    assert dependencies.activate(tmp_path) is None  # nothing installed there yet
    site = dependencies.site_folder(tmp_path)
    (site / "municipal_gis_probe_pkg").mkdir(parents=True)
    (site / "municipal_gis_probe_pkg" / "__init__.py").write_text("VALUE = 42\n")
    assert dependencies.activate(tmp_path) == site and sys.path[0] == str(site)
    probe = Requirement("municipal_gis_probe_pkg", "municipal-gis-probe-pkg", (0,))
    assert dependencies.missing([probe]) == []


def test_without_a_package_the_plugin_registers_nothing_and_says_so_once(qgis_app, qgis_iface, monkeypatch):
    from qgis.core import QgsApplication
    from qgis.PyQt.QtWidgets import QPushButton

    import municipal_gis

    monkeypatch.setattr(dependencies, "REQUIREMENTS", (*dependencies.REQUIREMENTS, ABSENT))
    registry = QgsApplication.processingRegistry()
    earlier = registry.providerById("municipal_gis")  # registered by other tests' fixture
    if earlier is not None:
        registry.removeProvider(earlier)  # the `provider` fixture registers a new one when needed
    bar = qgis_iface.messageBar()
    bar.clearWidgets()
    plugin = municipal_gis.classFactory(qgis_iface)
    plugin.initProcessing()
    plugin.initGui()
    try:
        assert registry.providerById("municipal_gis") is None and plugin.provider is None
        assert plugin.actions == [] and plugin.toolbar is None and plugin.locator_filter is None
        items = bar.items()
        assert len(items) == 1  # one message, though initProcessing and initGui both ran
        text = items[0].text()
        assert "municipal-gis-absent ≥ 1.0" in text and "lacks the Python packages" in text
        buttons = items[0].findChildren(QPushButton)
        assert [button.text() for button in buttons] == ["Install them…"]
    finally:
        plugin.unload()
    assert bar.items() == []


def test_the_message_is_greek_in_a_greek_qgis(qgis_app, qgis_iface, monkeypatch):
    from municipal_gis.i18n import install_translator
    from municipal_gis.plugin import MunicipalGisPlugin

    monkeypatch.setattr(dependencies, "REQUIREMENTS", (*dependencies.REQUIREMENTS, ABSENT))
    if not install_translator("el"):
        pytest.skip("the Greek catalogue is not compiled (make i18n)")
    monkeypatch.setenv("MUNICIPAL_GIS_LOCALE", "el")
    try:
        plugin = MunicipalGisPlugin(None)  # installs the translator of QGIS's language
        assert not plugin.dependencies_ready()
        assert "municipal-gis-absent ≥ 1.0" in plugin.missing_message()
        assert "πακέτα" in plugin.missing_message()
    finally:
        install_translator("en")


# -- a stock QGIS without shapely: the packaged zip, the message, the installer, the plugin working --

QGIS_PROCESS = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
SYSTEM_PYTHON = "/usr/bin/python3"


def _stock_env(tmp_path: Path, plugins: Path, folder: Path) -> dict:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_"))}
    env.update({
        "QGIS_CUSTOM_CONFIG_PATH": str(tmp_path / "config"), "QGIS_PLUGINPATH": str(plugins),
        "QT_QPA_PLATFORM": "offscreen", "PYTHONNOUSERSITE": "1",  # the user's ~/.local is not QGIS's
        dependencies.FOLDER_ENV: str(folder),
    })
    for key in ("PIP_CERT", "PIP_DEFAULT_TIMEOUT", "PIP_FIND_LINKS"):  # the machine's pip set-up
        if key in os.environ:
            env[key] = os.environ[key]
    return env


def _system_python_has_shapely() -> bool:
    probe = subprocess.run([SYSTEM_PYTHON, "-s", "-c", "import shapely"], capture_output=True)
    return probe.returncode == 0


INSTALL_SCRIPT = """
import sys
from qgis.core import QgsApplication
app = QgsApplication([], True)
app.initQgis()
sys.path.insert(0, sys.argv[1])
from municipal_gis.plugin import MunicipalGisPlugin
plugin = MunicipalGisPlugin(None)
assert not plugin.dependencies_ready()
print("MISSING", ", ".join(item.describe() for item in plugin.missing))
loaded = plugin.offer_install(ask=False)
print("LOADED", loaded, QgsApplication.processingRegistry().providerById("municipal_gis") is not None)
import shapely
print("SHAPELY", shapely.__version__, shapely.__file__)
"""


@pytest.mark.slow
@pytest.mark.skipif(QGIS_PROCESS is None or not Path(SYSTEM_PYTHON).exists(), reason="no qgis_process")
def test_stock_qgis_without_shapely_installs_and_runs_the_zip(tmp_path):
    if _system_python_has_shapely():
        pytest.skip("this QGIS's Python has shapely: not a stock QGIS without it")
    if subprocess.run([SYSTEM_PYTHON, "-m", "pip", "--version"], capture_output=True).returncode != 0:
        pytest.skip("no pip for QGIS's Python")
    subprocess.run(["make", "-s", "package"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    version = next(line.split("=", 1)[1].strip() for line in (ROOT / "metadata.txt").read_text().splitlines()
                   if line.startswith("version="))
    plugins = tmp_path / "plugins"
    zipfile.ZipFile(ROOT / "dist" / f"municipal_gis-{version}.zip").extractall(plugins)
    folder = tmp_path / "config" / "profiles" / "default" / "python" / "dependencies"
    env = _stock_env(tmp_path, plugins, folder)

    enabled = subprocess.run([QGIS_PROCESS, "plugins", "enable", "municipal_gis"], env=env, capture_output=True,
                             text=True, timeout=300)
    listing = subprocess.run([QGIS_PROCESS, "list"], env=env, capture_output=True, text=True, timeout=300)
    output = enabled.stdout + enabled.stderr + listing.stdout + listing.stderr
    assert "Traceback" not in output
    assert "municipal_gis:" not in listing.stdout
    assert output.count("Municipal GIS cannot start: this QGIS lacks the Python packages shapely ≥ 2.0") >= 1

    installed = subprocess.run([SYSTEM_PYTHON, "-c", INSTALL_SCRIPT, str(plugins)], env=env, capture_output=True,
                               text=True, timeout=1500)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    assert "MISSING shapely ≥ 2.0" in installed.stdout
    assert "LOADED True True" in installed.stdout
    site = dependencies.site_folder(folder)
    assert str(site) in installed.stdout
    from qgis.core import Qgis

    if (Qgis.geosVersionMajor(), Qgis.geosVersionMinor()) < (3, 13):
        assert "SHAPELY 2.0." in installed.stdout  # shapely 2.0 wheels carry GEOS 3.11, as QGIS 3.22
    assert not list(site.glob("numpy*")), "pip brought a second numpy"

    listing = subprocess.run([QGIS_PROCESS, "list"], env=env, capture_output=True, text=True, timeout=300)
    assert "municipal_gis:generate_sample_municipality" in listing.stdout, listing.stdout + listing.stderr
    gpkg = tmp_path / "village.gpkg"
    ran = subprocess.run([QGIS_PROCESS, "run", "municipal_gis:generate_sample_municipality", "--",
                          f"OUTPUT={gpkg}", "PARCELS=1000", "SEED=3"], env=env, capture_output=True, text=True,
                         timeout=600)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert gpkg.exists() and "lacks the Python packages" not in ran.stdout + ran.stderr


def test_a_build_without_its_version_is_judged_by_its_features(tmp_path, monkeypatch):
    """Debian testing's shapely 2.2 says its version is "0+unknown": shapely 2 is known by shapely.points."""
    site = tmp_path / "site"
    for name, body in (("mgis_fake_new", "def points(): pass\n"), ("mgis_fake_old", "")):
        (site / name).mkdir(parents=True)
        (site / name / "__init__.py").write_text(body)
        dist = site / f"{name}-0+unknown.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0+unknown\n")
    monkeypatch.syspath_prepend(str(site))
    new = Requirement("mgis_fake_new", "mgis_fake_new", (2, 0), feature="points")
    old = Requirement("mgis_fake_old", "mgis_fake_old", (2, 0), feature="points")
    found = dependencies.missing([new, old])
    assert [(item.requirement.module, item.found) for item in found] == [("mgis_fake_old", "0+unknown")]
