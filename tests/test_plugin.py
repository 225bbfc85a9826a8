"""Plugin lifecycle, metadata and the code layout rules."""

from __future__ import annotations

import ast
import configparser
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOUNDATION_ALGORITHMS = {"create_database", "check_database", "generate_sample_municipality"}


def test_lifecycle(qgis_app, qgis_iface):
    from qgis.core import QgsApplication

    import municipal_gis

    plugin = municipal_gis.classFactory(qgis_iface)
    plugin.initGui()
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("municipal_gis")
    assert provider is not None
    ids = {alg.name() for alg in provider.algorithms()}
    assert FOUNDATION_ALGORITHMS <= ids
    texts = [action.text() for action in plugin.actions]
    assert len(texts) >= 4 and all(texts)
    assert plugin.toolbar is not None and len(plugin.toolbar.actions()) >= 2
    assert plugin.locator_filter is not None and plugin.locator_filter.prefix() == "mgis"
    assert plugin.property_dock is not None and plugin.property_dock.objectName() == "MunicipalGisPropertyDock"
    assert plugin.projects_dock is not None and plugin.certificate_dock is not None
    plugin.unload()
    assert plugin.locator_filter is None and plugin.property_dock is None and plugin.projects_dock is None
    assert plugin.certificate_dock is None
    assert registry.providerById("municipal_gis") is None
    assert plugin.actions == [] and plugin.toolbar is None


def test_init_processing_only(qgis_app):
    """qgis_process calls initProcessing() without initGui() and with iface None."""
    from qgis.core import QgsApplication

    import municipal_gis

    plugin = municipal_gis.classFactory(None)
    plugin.initProcessing()
    try:
        assert QgsApplication.processingRegistry().providerById("municipal_gis") is not None
    finally:
        plugin.unload()


def test_metadata():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    for key in ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email",
                "repository", "icon"):
        assert general.get(key), key
    assert general["qgisMinimumVersion"] == "3.22"
    # tested on QGIS 3.22, 3.40 and 3.44 (make test, test-trixie, test-forky); QGIS 4 (Qt 6) is not yet
    assert general["qgisMaximumVersion"] == "3.99"
    assert general["hasProcessingProvider"] == "yes"
    assert re.fullmatch(r"\d+\.\d+\.\d+", general["version"])
    assert (ROOT / general["icon"]).exists()
    assert len(general["about"]) > 200
    for key in ("name", "description", "about", "tags"):  # Greek for the plugin manager (QGIS reads key[el])
        assert re.search(r"[\u0370-\u03ff]", general[f"{key}[el]"]), key


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "municipal_gis" / "core").glob("*.py")), ids=lambda p: p.name)
def test_core_is_free_of_qt_and_qgis(path):
    forbidden = {"qgis", "PyQt5", "PyQt6", "osgeo", "processing"} & _imports(path)
    assert not forbidden, f"{path.name} imports {forbidden}"


def test_catalogue_is_pure_python():
    for name in ("catalogue.py", "vocabularies.py"):
        assert not ({"qgis", "PyQt5", "osgeo"} & _imports(ROOT / "municipal_gis" / "schema" / name))


def test_one_algorithm_per_file_named_after_its_id(provider):
    from municipal_gis.processing.provider import algorithm_classes

    classes = algorithm_classes()
    modules = [cls.__module__.rsplit(".", 1)[1] for cls in classes]
    assert len(modules) == len(set(modules)), "two algorithms in one file"
    for cls in classes:
        module = cls.__module__.rsplit(".", 1)[1]
        assert cls.ALGORITHM_ID == module
        assert re.fullmatch(r"[a-z][a-z0-9_]*", module)
    files = {p.stem for p in (ROOT / "municipal_gis/processing/algorithms").glob("*.py") if not p.stem.startswith("_")}
    assert files == set(modules)


def test_algorithms_have_help_and_a_group(provider):
    for alg in provider.algorithms():
        assert alg.displayName() and alg.shortHelpString(), alg.id()
        assert alg.groupId() and alg.group(), alg.id()
        assert alg.id() == f"municipal_gis:{alg.name()}"


def test_qt6_survival_rules():
    """qgis.PyQt only (never PyQt5 directly) and no compiled resource files."""
    for path in (ROOT / "municipal_gis").rglob("*.py"):
        assert not ({"PyQt5", "PyQt6", "sip"} & _imports(path)), path
    assert not list(ROOT.rglob("resources_rc.py")) and not list((ROOT / "resources").rglob("*.qrc"))
