"""The dependency direction of the packages (DEVELOPERS.md, Layout), checked by an AST scan.

Bottom up: `schema` (pure Python, imports nothing of ours) ← `core` (no Qt, qgis or osgeo) ←
`qgisio` ← `layers`, `printing` ← `processing` ← `gui`; `i18n` and `paths` sit below everything.
No module imports an algorithm module (`processing.algorithms.*`) except the provider, which
discovers them: code two algorithms share lives in a package below.

Every import counts, the lazy ones inside functions and the relative ones too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "municipal_gis"

# what each part of the package may import of ours (its own part always)
BASE = {"i18n", "paths"}
ALLOWED = {
    "schema": set(),
    "paths": set(),
    "i18n": {"paths"},
    "compat": set(),
    "dependencies": set(),
    "core": {"schema"} | BASE,
    "qgisio": {"schema", "core", "compat"} | BASE,
    "layers": {"schema", "core", "qgisio", "compat"} | BASE,
    "printing": {"schema", "core", "qgisio", "compat"} | BASE,
    "processing": {"schema", "core", "qgisio", "layers", "printing", "compat", "dependencies"} | BASE,
    "gui": {"schema", "core", "qgisio", "layers", "printing", "processing", "compat", "dependencies"} | BASE,
    "plugin": None,  # the top: anything
    "__init__": None,
}
# third-party roots the Qt-free parts never import
QT_FREE = {"schema", "core"}
QT_ROOTS = {"qgis", "PyQt5", "PyQt6", "sip", "osgeo", "processing"}
ALGORITHMS = f"{PACKAGE}.processing.algorithms"
PROVIDER = f"{PACKAGE}.processing.provider"

# Algorithms that still import another algorithm's module; the engineer of the algorithm style
# (issue 16, "One algorithm style") is moving these helpers into processing/base.py or core/.
# Shrink it, never grow it.
KNOWN_ALGORITHM_IMPORTS = {
    ("processing.algorithms.bike_station_siting", "processing.algorithms.playground_siting"),
    ("processing.algorithms.bike_station_siting", "processing.algorithms.service_coverage"),
    ("processing.algorithms.playground_siting", "processing.algorithms.service_coverage"),
    ("processing.algorithms.edit_history", "processing.algorithms.layer_as_of"),
    ("processing.algorithms.encroachment_check", "processing.algorithms.lease_status"),
    ("processing.algorithms.merge_parcels", "processing.algorithms.undo_change"),
    ("processing.algorithms.split_parcel", "processing.algorithms.undo_change"),
}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path, root: Path):
    """(line, imported module or name, top-level root) for every import in the file."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                # `from a.b import c`: c may be a module (a.b.c) or a name in a.b; both say "a.b.c"
                yield node.lineno, f"{module}.{alias.name}" if alias.name != "*" else module


def part_of(dotted: str) -> str:
    """The layer a module of ours belongs to: its first component under the package."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def violations(root: Path, known=frozenset()) -> list[str]:
    found = []
    for path in sorted((root / PACKAGE).rglob("*.py")):
        me = module_name(path, root)
        mine = part_of(me)
        allowed = ALLOWED.get(mine, set())
        for line, target in imported_names(path, root):
            where = f"{path.relative_to(root)}:{line}"
            top = target.split(".")[0]
            if top != PACKAGE:
                if mine in QT_FREE and top in QT_ROOTS:
                    found.append(f"{where}: {mine}/ must not import {top}")
                continue
            theirs = part_of(target)
            if allowed is not None and theirs != mine and theirs not in allowed:
                found.append(f"{where}: {mine}/ must not import {theirs} ({target})")
            if (target == ALGORITHMS or target.startswith(ALGORITHMS + ".")) and me != PROVIDER:
                module = ".".join(target.split(".")[:4])
                if module == me:
                    continue
                pair = (me.partition(".")[2], module.partition(".")[2])
                if pair not in known:
                    found.append(f"{where}: only the provider imports an algorithm module ({module})")
    return found


def test_the_package_imports_downwards_only():
    found = violations(ROOT, KNOWN_ALGORITHM_IMPORTS)
    assert not found, "imports against the layering (DEVELOPERS.md, Layout):\n" + "\n".join(found)


def test_every_part_of_the_package_has_a_rule():
    parts = {part_of(module_name(p, ROOT)) for p in (ROOT / PACKAGE).rglob("*.py")}
    assert parts <= set(ALLOWED), parts - set(ALLOWED)


def test_the_scan_catches_each_kind_of_violation(tmp_path):
    """A planted tree: every rule reports its own violation, with the file and line."""
    package = tmp_path / PACKAGE
    files = {
        "__init__.py": "",
        "schema/__init__.py": "",
        "schema/catalogue.py": "from municipal_gis.core import kaek\n",
        "core/__init__.py": "",
        "core/rule.py": "from municipal_gis.schema import catalogue\n\n\ndef f():\n    from qgis.core import QgsPoint\n",
        "core/other.py": "from ..layers import database\nimport osgeo.ogr\n",
        "layers/__init__.py": "",
        "layers/database.py": "from municipal_gis.printing.layout import load_layout\n",
        "printing/__init__.py": "",
        "printing/layout.py": "import municipal_gis.gui.dock\n",
        "processing/__init__.py": "",
        "processing/provider.py": "from municipal_gis.processing import algorithms\n",
        "processing/base.py": "from municipal_gis.processing.algorithms.alpha import helper\n",
        "processing/algorithms/__init__.py": "",
        "processing/algorithms/alpha.py": "from .beta import X\nfrom municipal_gis.gui import dock\n",
        "processing/algorithms/beta.py": "from municipal_gis.processing.base import B\n",
        "gui/__init__.py": "",
        "gui/dock.py": "from municipal_gis.processing.algorithms import beta\nfrom municipal_gis import plugin\n",
        "plugin.py": "from municipal_gis.gui.dock import Dock\n",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    found = violations(tmp_path)
    assert sorted(found) == sorted([
        "municipal_gis/schema/catalogue.py:1: schema/ must not import core (municipal_gis.core.kaek)",
        "municipal_gis/core/rule.py:5: core/ must not import qgis",
        "municipal_gis/core/other.py:1: core/ must not import layers (municipal_gis.layers.database)",
        "municipal_gis/core/other.py:2: core/ must not import osgeo",
        "municipal_gis/layers/database.py:1: layers/ must not import printing "
        "(municipal_gis.printing.layout.load_layout)",
        "municipal_gis/printing/layout.py:1: printing/ must not import gui (municipal_gis.gui.dock)",
        "municipal_gis/processing/base.py:1: only the provider imports an algorithm module "
        "(municipal_gis.processing.algorithms.alpha)",
        "municipal_gis/processing/algorithms/alpha.py:1: only the provider imports an algorithm module "
        "(municipal_gis.processing.algorithms.beta)",
        "municipal_gis/processing/algorithms/alpha.py:2: processing/ must not import gui (municipal_gis.gui.dock)",
        "municipal_gis/gui/dock.py:1: only the provider imports an algorithm module "
        "(municipal_gis.processing.algorithms.beta)",
        "municipal_gis/gui/dock.py:2: gui/ must not import plugin (municipal_gis.plugin)",
    ])
