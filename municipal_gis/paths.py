"""Where the plugin's files are, in a checkout and in an installed plugin folder.

In the checkout, `metadata.txt` and `resources/` sit beside the package; in the packaged zip
and in the development install they are inside the plugin folder. Everything that needs a
resource asks this module, so the two layouts never leak into the rest of the code.
"""

from __future__ import annotations

import configparser
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]


def resources_dir() -> Path:
    return _first_existing(PACKAGE_DIR / "resources", PACKAGE_DIR.parent / "resources")


def metadata_path() -> Path:
    return _first_existing(PACKAGE_DIR / "metadata.txt", PACKAGE_DIR.parent / "metadata.txt")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def style_path(layer_id: str) -> Path:
    return resource("styles", f"{layer_id}.qml")


def layout_path(name: str) -> Path:
    return resource("layouts", f"{name}.qpt")


def icon_path(name: str = "municipal_gis.svg") -> Path:
    return resource("icons", name)


def plugin_version() -> str:
    parser = configparser.ConfigParser()
    parser.read(metadata_path(), encoding="utf-8")
    return parser.get("general", "version", fallback="0.0.0")
