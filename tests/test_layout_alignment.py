"""Print layouts look the same on QGIS 3.22, 3.40 and 3.44 (issue 15).

A new layout label is *justified* by default. QGIS 3.22 drew lines that do not wrap as if left-aligned,
so templates saved from it kept that default unnoticed; QGIS 3.40+ draws labels with its text renderer,
which honours it and stretches every line but the last one to the label's full width: the diagram's
title block printed «ΔΗΜΟΣ                 ΣΕΡΡΩΝ» across the box. No label the plugin ships or builds
may be justified. And QGIS 3.40+ turns the HTML label of the funding page's facts into an HTML item
without an id: the facts must still be printed once."""

from __future__ import annotations

import pytest

from municipal_gis.paths import resource

TEMPLATES = sorted(resource("layouts").glob("*.qpt"))


def _labels(layout):
    from qgis.core import QgsLayoutItemLabel

    return [item for item in layout.items() if isinstance(item, QgsLayoutItemLabel)]


def _justified(layout) -> list[str]:
    from qgis.PyQt.QtCore import Qt

    return [item.id() or item.text() for item in _labels(layout)
            if int(item.hAlign()) & int(Qt.AlignmentFlag.AlignJustify)]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.stem)
def test_no_justified_label_in_the_shipped_templates(qgis_app, template):
    from qgis.core import QgsProject

    from municipal_gis.printing.layout import load_layout

    project = QgsProject()
    layout = load_layout(project, template)
    assert _labels(layout)
    assert _justified(layout) == []


def test_no_justified_label_in_the_layouts_built_by_code(qgis_app):
    from qgis.core import QgsProject, QgsRectangle

    from municipal_gis.printing.funding import build_layout
    from municipal_gis.printing.layout import overview_layout

    project = QgsProject()
    for layout in (build_layout(project),
                   overview_layout(project, QgsRectangle(400000, 4500000, 401000, 4501000), "Τίτλος", "Υπότιτλος")):
        assert _labels(layout)
        assert _justified(layout) == []


def test_funding_facts_printed_once(qgis_app):
    """Whatever the release did to the template's HTML label, one item prints the facts: the label «facts»."""
    from qgis.core import QgsLayoutItemHtml, QgsLayoutItemLabel, QgsProject

    from municipal_gis.paths import layout_path
    from municipal_gis.printing.funding import restore_facts_label
    from municipal_gis.printing.layout import load_layout

    project = QgsProject()
    layout = load_layout(project, layout_path("funding_proposal"))
    restore_facts_label(layout)
    showing = [item for item in _labels(layout) if "facts_html" in item.text()]
    showing += [frame for multi in layout.multiFrames() if isinstance(multi, QgsLayoutItemHtml)
                and "facts_html" in multi.html() for frame in multi.frames()]
    facts = layout.itemById("facts")
    assert showing == [facts]
    assert isinstance(facts, QgsLayoutItemLabel) and facts.mode() == QgsLayoutItemLabel.Mode.ModeHtml
    rect = facts.sceneBoundingRect()
    assert (round(rect.x()), round(rect.y()), round(rect.width()), round(rect.height())) == (197, 95, 90, 55)


def _template_items(path) -> dict:
    """Every item of a saved template that has an id: type, position, size and, for a label, its text
    and alignment — read from the XML, as saved (loading it would let QGIS 3.40+ turn the HTML label
    into an HTML item, see above)."""
    from xml.etree import ElementTree

    keys = ("type", "position", "size", "labelText", "halign", "valign", "htmlState")
    return {item.get("id"): tuple(item.get(key) for key in keys)
            for item in ElementTree.parse(path).getroot().iter("LayoutItem") if item.get("id")}


def test_the_shipped_funding_template_is_the_layout_built_by_code(qgis_app, tmp_path):
    """printing/funding.py builds the funding page and `make layouts` saves it as the shipped template:
    an edit to one without the other fails here."""
    from municipal_gis.printing.funding import TEMPLATE_NAME, save_template

    built = tmp_path / "built.qpt"
    save_template(built)
    shipped = _template_items(resource("layouts") / f"{TEMPLATE_NAME}.qpt")
    assert len(shipped) >= 10 and "facts" in shipped
    assert shipped == _template_items(built), \
        "resources/layouts/funding_proposal.qpt differs from printing/funding.py: run `make layouts`"
