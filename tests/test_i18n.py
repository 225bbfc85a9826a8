"""Every translatable string has a Greek translation, and the catalogue compiles and loads."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
i18n_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n_tool)


def test_extractor_finds_the_ui_strings():
    found = i18n_tool.extract()
    assert "Create municipal database" in found
    assert "Municipal GIS" in found
    assert len(found) > 50


def test_every_string_is_translated():
    missing = i18n_tool.missing()
    assert not missing, "untranslated: " + "; ".join(f"{w[0]} {s!r}" for s, w in list(missing.items())[:20])


def test_catalogue_is_tidy():
    """No translation that no code uses, and none repeated across areas (run `scripts/i18n.py tidy`)."""
    assert i18n_tool.untidy() == {}


def test_translations_are_greek_and_keep_placeholders():
    import re

    for source, translation in i18n_tool.all_translations().items():
        words = re.sub(r"\{\w+\}", "", source)
        assert re.search(r"[\u0370-\u03ff]", translation) or not re.search(r"[A-Za-z]{3}", words), source
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", translation)), source


@pytest.mark.skipif(not shutil.which("lrelease"), reason="lrelease missing (make setup installs it)")
def test_compiled_catalogue_translates(qgis_app, tmp_path):
    from qgis.PyQt.QtCore import QCoreApplication

    from municipal_gis import i18n

    qm = i18n_tool.build()
    assert qm.exists() and qm.stat().st_size > 1000
    try:
        assert i18n.install_translator("el")
        greek = i18n.tr("Create municipal database")
        assert greek != "Create municipal database"
        assert QCoreApplication.translate("municipal_gis", "Municipal GIS") != ""
        assert any("\u0370" <= ch <= "\u03ff" for ch in greek)
    finally:
        i18n.install_translator("en")
    assert i18n.tr("Create municipal database") == "Create municipal database"
