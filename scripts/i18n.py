#!/usr/bin/env python3
"""Translation tooling for municipal_gis.

Source strings are English and wrapped in ``tr("...")`` (or ``self.tr("...")``). Greek lives in
Qt Linguist files, one per area: ``resources/i18n/el/<area>.ts``, all in the context
``municipal_gis``. ``build`` compiles them together into ``resources/i18n/municipal_gis_el.qm``.

    python scripts/i18n.py extract              # every tr() literal with file:line
    python scripts/i18n.py missing              # tr() literals without a Greek translation
    python scripts/i18n.py add AREA "English" "Ελληνικά"
    python scripts/i18n.py add-json AREA file.json   # {"English": "Ελληνικά", ...}
    python scripts/i18n.py tidy                 # drop entries no code uses, and repeats across areas
    python scripts/i18n.py build                # .ts -> .qm (needs lrelease)
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "municipal_gis"
TS_DIR = ROOT / "resources" / "i18n" / "el"
QM_PATH = ROOT / "resources" / "i18n" / "municipal_gis_el.qm"
CONTEXT = "municipal_gis"


USER_SCRIPTS = [ROOT / "scripts" / "demo.py"]


def extract(package: Path = PACKAGE) -> dict[str, list[str]]:
    """Map each tr() source string to the places it occurs (the package and user-facing scripts)."""
    found: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*.py")) + [p for p in USER_SCRIPTS if p.exists()]:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name != "tr":
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.setdefault(arg.value, []).append(where)
    return found


def read_ts(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    out = {}
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = translation.text if translation is not None else None
        if translation is not None and translation.get("type") in ("unfinished", "obsolete"):
            text = None
        if text:
            out[source] = text
    return out


def all_translations() -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(TS_DIR.glob("*.ts")):
        merged.update(read_ts(path))
    return merged


def write_ts(path: Path, messages: dict[str, str]) -> None:
    ts = ET.Element("TS", version="2.1", language="el_GR", sourcelanguage="en")
    context = ET.SubElement(ts, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source in sorted(messages):
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation").text = messages[source]
    ET.indent(ts)
    body = ET.tostring(ts, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def add(area: str, pairs: dict[str, str]) -> Path:
    path = TS_DIR / f"{area}.ts"
    messages = read_ts(path)
    messages.update({k: v for k, v in pairs.items() if v})
    write_ts(path, messages)
    return path


def missing() -> dict[str, list[str]]:
    translated = all_translations()
    return {s: w for s, w in extract().items() if s not in translated}


def untidy() -> dict[str, list[str]]:
    """Per .ts file, the sources it should not hold: unused by the code, or already in an earlier file."""
    used, seen, out = set(extract()), set(), {}
    for path in sorted(TS_DIR.glob("*.ts")):
        bad = [source for source in read_ts(path) if source not in used or source in seen]
        seen.update(read_ts(path))
        if bad:
            out[path.name] = bad
    return out


def tidy() -> int:
    removed = 0
    for name, bad in untidy().items():
        path = TS_DIR / name
        messages = read_ts(path)
        write_ts(path, {s: v for s, v in messages.items() if s not in bad})
        removed += len(bad)
    return removed


def build() -> Path:
    lrelease = shutil.which("lrelease") or shutil.which("lrelease-qt5")
    if not lrelease:
        raise SystemExit("lrelease not found: install Debian's qttools5-dev-tools")
    sources = sorted(str(p) for p in TS_DIR.glob("*.ts"))
    QM_PATH.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([lrelease, "-silent", *sources, "-qm", str(QM_PATH)], check=True)
    return QM_PATH


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command = argv[0]
    if command == "extract":
        for source, places in sorted(extract().items()):
            print(f"{places[0]}\t{source}")
    elif command == "missing":
        gaps = missing()
        for source, places in sorted(gaps.items()):
            print(f"{places[0]}\t{source}")
        print(f"{len(gaps)} missing", file=sys.stderr)
        return 1 if gaps else 0
    elif command == "add" and len(argv) == 4:
        print(add(argv[1], {argv[2]: argv[3]}))
    elif command == "add-json" and len(argv) == 3:
        print(add(argv[1], json.loads(Path(argv[2]).read_text(encoding="utf-8"))))
    elif command == "tidy":
        print(f"{tidy()} entries removed")
    elif command == "build":
        print(build())
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
