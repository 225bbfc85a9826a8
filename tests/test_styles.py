"""resources/styles/*.qml are what `scripts/make_styles.py` writes from its STYLES table.

The .qml files are committed and loaded by the project loader; they must not drift from the
script (edit the script, then `make styles`). Qt writes XML attributes in hash order, which
changes from one process to the next unless QT_HASH_SEED is fixed (the script fixes it when run),
so the comparison here is of the XML, not of the bytes.
"""

from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from municipal_gis.schema import catalogue

ROOT = Path(__file__).resolve().parent.parent


def _make_styles():
    spec = importlib.util.spec_from_file_location("make_styles", ROOT / "scripts" / "make_styles.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_styles"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _canonical(element):
    """The element with sorted attributes; attribute values that are XML themselves (callout
    symbols) are compared as XML too."""

    def value(v):
        if v.startswith("<"):
            try:
                return _canonical(ET.fromstring(v))
            except ET.ParseError:
                pass
        return v

    return (
        element.tag,
        tuple(sorted((k, value(v)) for k, v in element.attrib.items())),
        (element.text or "").strip(),
        tuple(_canonical(c) for c in element),
    )


def test_every_spatial_layer_has_one_style_entry():
    make_styles = _make_styles()
    spatial = [layer.id for layer in catalogue.LAYERS if layer.is_spatial]
    assert sorted(make_styles.STYLES) == sorted(spatial)
    for layer_id, style in make_styles.STYLES.items():
        fields = {f.name for f in catalogue.layer(layer_id).all_fields}
        if style.field:
            assert style.field in fields and style.vocabulary and style.color is None, layer_id
        else:
            assert style.color and not style.palette, layer_id
        if style.label and not style.label.expression:
            assert style.label.text in fields, layer_id


def test_committed_styles_are_what_the_script_writes(qgis_app, tmp_path):
    make_styles = _make_styles()
    written = make_styles.write_styles(tmp_path)
    committed = sorted(p.name for p in (ROOT / "resources" / "styles").glob("*.qml"))
    assert sorted(p.name for p in written) == committed
    for path in written:
        want = ET.parse(ROOT / "resources" / "styles" / path.name).getroot()
        got = ET.parse(path).getroot()
        # what a user sees on any QGIS: the renderer, its categories with their Greek labels, the label text
        for tag, keys in (("renderer-v2", ("type", "attr")), ("category", ("value", "label")),
                          ("text-style", ("fieldName", "isExpression"))):
            assert [[c.attrib.get(k) for k in keys] for c in got.iter(tag)] == \
                [[c.attrib.get(k) for k in keys] for c in want.iter(tag)], (path.name, tag)
        # the whole style where QGIS is the release that wrote the committed files
        if got.attrib["version"].split(".")[:2] == want.attrib["version"].split(".")[:2]:
            assert _canonical(got) == _canonical(want), f"{path.name}: run `make styles` and commit the result"
