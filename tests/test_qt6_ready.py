"""Ready for QGIS 4 (Qt 6): the plugin's code uses Qt only in ways that PyQt6 also has.

QGIS 4 runs on Qt 6 and PyQt6, where enums are scoped (`Qt.AlignmentFlag.AlignLeft`, not
`Qt.AlignLeft`), `exec_()` is gone, QVariant.Type and QRegExp are gone, and PyQt5 cannot be
imported. This test reads every module of the package and names each use that would break,
with the file, the line and what to write instead. Scoped enums and `qgis.PyQt` imports work on
QGIS 3.22 too; for field types use `municipal_gis.compat.FieldType` (QVariant.Type before QGIS
3.38, QMetaType.Type from then on).
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "municipal_gis"
MODULES = sorted(PACKAGE.rglob("*.py"))

# Qt 5 classes and modules that Qt 6 / PyQt6 no longer has, and what replaces them
REMOVED = {
    "QRegExp": "QRegularExpression", "QRegExpValidator": "QRegularExpressionValidator",
    "QDesktopWidget": "QScreen (QGuiApplication.primaryScreen())", "QTextCodec": "Python's own codecs",
    "QGLWidget": "QOpenGLWidget", "QMatrix": "QTransform", "QtWebKit": "QtWebEngine or QTextBrowser",
    "QtWebKitWidgets": "QtWebEngine or QTextBrowser", "QFontMetrics.width": "horizontalAdvance",
}
RENAMED_CALLS = {"exec_": "exec", "print_": "print"}


def _qt_names(tree: ast.AST) -> dict[str, object]:
    """Names bound to Qt classes by `from qgis.PyQt.<module> import <class>` in this module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("qgis.PyQt."):
            try:
                module = importlib.import_module(node.module)
            except ImportError:
                continue
            for alias in node.names:
                value = getattr(module, alias.name, None)
                if isinstance(value, type):
                    names[alias.asname or alias.name] = value
    return names


def _findings(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    where = path.relative_to(ROOT)
    found = []

    def report(node, text):
        found.append(f"{where}:{node.lineno}: {ast.get_source_segment(source, node) or ''}  →  {text}")

    qt = _qt_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ("PyQt5", "PyQt6", "sip"):
                    report(node, "import through qgis.PyQt (e.g. `from qgis.PyQt.QtCore import ...`)")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            top = node.module.split(".")[0]
            if top in ("PyQt5", "PyQt6", "sip"):
                report(node, f"import from qgis.PyQt{node.module[len(top):]} instead")
            for alias in node.names:
                if alias.name in REMOVED:
                    report(node, f"{alias.name} is gone in Qt 6: use {REMOVED[alias.name]}")
        elif isinstance(node, ast.Attribute):
            if node.attr in RENAMED_CALLS:
                report(node, f"PyQt6 has no {node.attr}(): call {RENAMED_CALLS[node.attr]}()")
            elif isinstance(node.value, ast.Name) and node.value.id in qt and node.attr[:1].isupper():
                cls = qt[node.value.id]
                if cls.__name__ == "QVariant":
                    report(node, "Qt 6 has no QVariant.Type: use municipal_gis.compat.FieldType."
                                 f"{node.attr} (field types) or QMetaType.Type")
                    continue
                member = getattr(cls, node.attr, None)
                if member is not None and not isinstance(member, type) and not callable(member):
                    scope = type(member).__name__
                    report(node, f"unscoped enum: write {node.value.id}.{scope}.{node.attr}")
    return found


def test_the_scan_finds_what_it_must(tmp_path):
    """The scanner itself: each kind of Qt5-only use in a sample module is found."""
    sample = PACKAGE / "_qt6_scan_sample.py"
    sample.write_text(
        "from PyQt5.QtCore import QTimer\n"
        "from qgis.PyQt.QtCore import Qt, QVariant, QRegExp\n"
        "from qgis.PyQt.QtWidgets import QMessageBox\n"
        "a = Qt.AlignLeft\n"
        "b = Qt.AlignmentFlag.AlignLeft\n"
        "c = QVariant.String\n"
        "d = QMessageBox.Yes\n"
        "e = QMessageBox.StandardButton.Yes\n"
        "QMessageBox().exec_()\n", encoding="utf-8")
    try:
        found = _findings(sample)
    finally:
        sample.unlink()
    text = "\n".join(found)
    assert "_qt6_scan_sample.py:1:" in text and "import from qgis.PyQt.QtCore instead" in text
    assert "QRegExp is gone in Qt 6" in text
    assert "_qt6_scan_sample.py:4: Qt.AlignLeft  →  unscoped enum: write Qt.AlignmentFlag.AlignLeft" in text
    assert "_qt6_scan_sample.py:6: QVariant.String" in text
    assert "unscoped enum: write QMessageBox.StandardButton.Yes" in text
    assert "PyQt6 has no exec_(): call exec()" in text
    assert ":5:" not in text and ":8:" not in text  # scoped enums are fine
    assert len(found) == 6


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_qt5_only_code(path):
    found = _findings(path)
    assert not found, ("Qt 5-only code, which breaks in QGIS 4 (Qt 6); fix each line as shown "
                       "(see tests/test_qt6_ready.py):\n" + "\n".join(found))
