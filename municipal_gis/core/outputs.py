"""Where an algorithm reads and writes: file locations parsed from QGIS's text forms, and the rule
that no output may replace an input (pure Python, no Qt).

QGIS names a layer in a file in several ways: ``/data/x.gpkg``, ``/data/x.gpkg|layername=parcel``,
``ogr:dbname='/data/x.gpkg' table="parcel" (geom)``, ``spatialite:dbname=…``. Paths are compared after
resolving (``~``, ``..``, symbolic links), so two spellings of one file are one file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

_SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qpj"}
_NOT_FILES = ("memory:", "postgis:", "postgres:", "pg:", "mssql:", "oracle:", "hana:", "wfs:", "http:", "https:")
_DBNAME = re.compile(r"""dbname\s*=\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(\S+))""", re.I)
_TABLE = re.compile(r"""table\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s(]+))""", re.I)


@dataclass(frozen=True)
class Location:
    """A file (resolved absolute path) and, when named, a layer inside it."""

    path: str
    layer: str | None = None

    @property
    def file_name(self) -> str:
        return os.path.basename(self.path)


def resolve(path: str) -> str:
    return os.path.normcase(os.path.realpath(os.path.expanduser(path)))


def parse_location(text) -> Location | None:
    """The file behind a QGIS source or destination text; None when it is not a file (memory layer,
    database connection, temporary output, empty)."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or text == "TEMPORARY_OUTPUT":
        return None
    lower = text.lower()
    if lower.startswith(_NOT_FILES):
        return None
    if lower.startswith(("ogr:", "spatialite:")):
        rest = text.split(":", 1)[1]
        found = _DBNAME.search(rest)
        if not found:
            return None
        path = next(g for g in found.groups() if g is not None)
        table = _TABLE.search(rest)
        layer = next(g for g in table.groups() if g is not None) if table else None
        return Location(resolve(path), layer or None)
    if lower.startswith("file://"):
        text = text[7:]
    parts = text.split("|")
    path, layer = parts[0].strip(), None
    for option in parts[1:]:
        key, _, value = option.partition("=")
        if key.strip().lower() == "layername" and value.strip():
            layer = value.strip()
    if not path:
        return None
    return Location(resolve(path), layer)


def _same_file(a: str, b: str) -> bool:
    if a == b:
        return True
    stem_a, ext_a = os.path.splitext(a)
    stem_b, ext_b = os.path.splitext(b)
    # the parts of one shapefile are one data set
    return stem_a == stem_b and ext_a.lower() in _SHAPEFILE_PARTS and ext_b.lower() in _SHAPEFILE_PARTS


def _inside(inner: str, outer: str) -> bool:
    return inner != outer and inner.startswith(outer.rstrip(os.sep) + os.sep)


@dataclass(frozen=True)
class Conflict:
    """Why an output may not be written: `kind` is "replaces_file", "replaces_layer", "inside_input" or
    "same_output"; `other` is the input (or the other output) it collides with."""

    kind: str
    output: str  # parameter name
    other: str  # parameter name
    location: Location


def output_conflicts(outputs, inputs, existing_layers=lambda path: ()) -> list[Conflict]:
    """Every output that would replace or damage an input (or another output).

    `outputs` and `inputs` are lists of (parameter name, Location). `existing_layers(path)` lists the
    layers already in a file (lower case is fine). An output may go into an input's GeoPackage only as a
    NEW layer named explicitly (``layername=`` / ``table=``); replacing the file, or a layer in it, never.
    """
    found: list[Conflict] = []
    for out_name, out in outputs:
        for in_name, source in inputs:
            if _same_file(out.path, source.path):
                if out.layer is None:
                    found.append(Conflict("replaces_file", out_name, in_name, out))
                    break
                layers = {name.lower() for name in existing_layers(out.path)}
                if out.layer.lower() in layers or (source.layer or "").lower() == out.layer.lower():
                    found.append(Conflict("replaces_layer", out_name, in_name, out))
                    break
            elif _inside(out.path, source.path):
                found.append(Conflict("inside_input", out_name, in_name, out))
                break
    seen: dict[tuple, str] = {}
    for out_name, out in outputs:
        key = (out.path, (out.layer or "").lower())
        whole = (out.path, "")
        other = seen.get(key) or seen.get(whole)
        if other is None and out.layer is None:
            other = next((name for (path, _), name in seen.items() if path == out.path), None)
        if other is not None:
            found.append(Conflict("same_output", out_name, other, out))
        seen[key] = out_name
    return found
