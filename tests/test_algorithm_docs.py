"""The algorithm reference (docs/algorithms/) is generated from the algorithms, is up to date, and is
what the Help button of every algorithm dialog opens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "algorithms"


def test_reference_is_up_to_date(provider):
    from municipal_gis.i18n import qm_path
    from municipal_gis.processing.reference import render_all

    if not qm_path("el").exists():
        pytest.skip("Greek catalogue not compiled (make i18n)")
    expected = render_all()
    committed = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.is_file()}
    assert committed == set(expected), "run: make algorithm-docs"
    stale = [name for name, text in expected.items() if (DOCS / name).read_text(encoding="utf-8") != text]
    assert not stale, f"out of date (run: make algorithm-docs): {stale[:5]}"


def test_every_algorithm_has_a_page_with_its_parameters(provider):
    for algorithm in provider.algorithms():
        page = (DOCS / f"{algorithm.name()}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {algorithm.displayName()} (`{algorithm.id()}`)")
        for parameter in algorithm.parameterDefinitions():
            assert f"| `{parameter.name()}` |" in page, (algorithm.id(), parameter.name())
        for output in algorithm.outputDefinitions():
            assert f"| `{output.name()}` |" in page.split("## Outputs", 1)[1], (algorithm.id(), output.name())
        example = re.search(r"```sh\n(.*)\n```", page).group(1)
        assert example.startswith(f"qgis_process run {algorithm.id()} -- ")
        required = [p.name() for p in algorithm.parameterDefinitions()
                    if not p.flags() & p.Flag.FlagOptional and p.defaultValue() is None]
        for name in required:  # the example runs: every required parameter without a default is given
            assert f" {name}=" in example, (algorithm.id(), name)
        assert algorithm.name() in (DOCS / "README.md").read_text(encoding="utf-8")


def test_help_button_opens_the_shipped_page(provider):
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QUrl

    for algorithm in provider.algorithms():
        # the dialog asks a fresh instance, as the toolbox does
        url = QgsApplication.processingRegistry().createAlgorithmById(algorithm.id()).helpUrl()
        assert url.startswith("file://") and "example.org" not in url, url
        path = Path(QUrl(url).toLocalFile())
        assert path.is_file() and path.suffix == ".html", url
        text = path.read_text(encoding="utf-8")
        assert f"municipal_gis:{algorithm.name()}" in text
        assert all(f"<code>{p.name()}</code>" in text for p in algorithm.parameterDefinitions())


def test_greek_help_for_a_greek_desktop(provider):
    from qgis.PyQt.QtCore import QUrl

    from municipal_gis.processing.reference import help_url

    url = help_url("neighbour_list", "el")
    assert url.endswith("/el/neighbour_list.html")
    text = Path(QUrl(url).toLocalFile()).read_text(encoding="utf-8")
    assert "Παράμετροι" in text and "Όμορα γεωτεμάχια" in text
    assert help_url("neighbour_list", "en").endswith("/algorithms/neighbour_list.html")
    assert help_url("no_such_algorithm", "el") == ""
