"""The algorithm reference: one page per algorithm (what it does, its parameters with their types,
defaults and descriptions, its outputs, and a `qgis_process` example), in English and in Greek, as
Markdown (read in the repository) and HTML (opened by the *Help* button of each algorithm dialog).

`scripts/algorithm_docs.py` writes them to `docs/algorithms/` (`el/` for Greek) from the registered
algorithms; `tests/test_algorithm_docs.py` fails when they are out of date. The plugin package ships
the folder (`municipal_gis/docs/algorithms/`), and `help_url()` points at the shipped page.
"""

from __future__ import annotations

import html
from pathlib import Path

from municipal_gis.i18n import tr
from municipal_gis.paths import PACKAGE_DIR

LANGUAGES = ("en", "el")


def docs_dir() -> Path:
    """docs/algorithms: inside the plugin folder (package, development install), else in the checkout."""
    for candidate in (PACKAGE_DIR / "docs" / "algorithms", PACKAGE_DIR.parent / "docs" / "algorithms"):
        if candidate.is_dir():
            return candidate
    return PACKAGE_DIR.parent / "docs" / "algorithms"


def page_path(algorithm_id: str, language: str = "en", suffix: str = ".html") -> Path:
    folder = docs_dir() if language == "en" else docs_dir() / language
    return folder / f"{algorithm_id}{suffix}"


def help_url(algorithm_id: str, language: str | None = None) -> str:
    """file:// URL of the algorithm's HTML page in the UI language (English if there is none); empty
    (QGIS then disables the Help button) when the plugin ships no reference."""
    from qgis.PyQt.QtCore import QUrl

    from municipal_gis.i18n import current_locale

    language = (language or current_locale())[:2]
    for candidate in (page_path(algorithm_id, language), page_path(algorithm_id, "en")):
        if candidate.is_file():
            return QUrl.fromLocalFile(str(candidate)).toString()
    return ""


# -- what a page says ---------------------------------------------------------------------------

def _type_names() -> dict:
    return {
        "source": tr("vector features"), "vector": tr("vector layer"), "field": tr("field"),
        "number": tr("number"), "distance": tr("distance"), "string": tr("text"), "file": tr("file"),
        "enum": tr("choice"), "boolean": tr("yes/no"), "datetime": tr("date and time"),
        "sink": tr("output layer"), "vectorDestination": tr("output layer"), "fileDestination": tr("output file"),
        "folderDestination": tr("output folder"), "multilayer": tr("several layers"), "matrix": tr("table"),
        "crs": tr("coordinate reference system"), "extent": tr("extent"), "expression": tr("expression"),
        "outputVector": tr("layer"), "outputLayer": tr("layer"), "outputFile": tr("file"),
        "outputFolder": tr("folder"), "outputNumber": tr("number"), "outputString": tr("text"),
        "outputHtml": tr("HTML file"), "outputBoolean": tr("yes/no"), "outputMultilayer": tr("layers"),
        "outputVariant": tr("value"),
    }


def _type_name(kind: str) -> str:
    return _type_names().get(kind, kind)


def _default_text(parameter) -> str:
    value = parameter.defaultValue()
    if value is None or (parameter.type() in ("sink", "vectorDestination", "fileDestination", "folderDestination")):
        return ""
    if parameter.type() == "enum":
        options = parameter.options()
        indexes = value if isinstance(value, list) else [value]
        try:
            return ", ".join(options[int(i)] for i in indexes)
        except (TypeError, ValueError, IndexError):
            return str(value)
    if parameter.type() == "boolean":
        return tr("yes") if value else tr("no")
    if hasattr(value, "toString"):
        return value.toString("yyyy-MM-dd")
    return str(value)


def _example_value(algorithm, parameter) -> str:
    kind = parameter.type()
    layer_id = getattr(algorithm, "CATALOGUE_LAYERS", {}).get(parameter.name())
    if kind in ("source", "vector"):
        return f"municipality.gpkg|layername={layer_id or 'layer'}"
    if parameter.name() in getattr(algorithm, "DATABASE_PARAMETERS", ()):
        return "municipality.gpkg"
    if kind in ("sink", "vectorDestination"):
        return f"{parameter.name().lower()}.gpkg"
    if kind == "fileDestination":
        extension = parameter.defaultFileExtension() or "txt"
        return f"{parameter.name().lower()}.{extension}"
    if kind == "folderDestination":
        return parameter.name().lower()
    if kind == "file":
        extension = parameter.extension() or "gpkg"
        return f"{parameter.name().lower()}.{extension}"
    default = parameter.defaultValue()
    if default is not None and not hasattr(default, "toString"):
        return str(default)
    return "…"


def _quote(value: str) -> str:
    return value if value and all(c.isalnum() or c in "._-/=:" for c in value) else f"'{value}'"


def describe(algorithm) -> dict:
    """What a page says about one algorithm (strings in the current UI language)."""
    from qgis.core import QgsProcessingParameterDefinition

    optional = QgsProcessingParameterDefinition.Flag.FlagOptional
    hidden = QgsProcessingParameterDefinition.Flag.FlagHidden
    parameters, example = [], []
    for parameter in algorithm.parameterDefinitions():
        if parameter.flags() & hidden:
            continue
        is_optional = bool(parameter.flags() & optional)
        parameters.append({
            "name": parameter.name(), "type": _type_name(parameter.type()),
            "description": parameter.description(), "optional": is_optional, "default": _default_text(parameter),
            "options": list(parameter.options()) if parameter.type() == "enum" else [],
        })
        if not is_optional or parameter.type() in ("sink", "fileDestination", "folderDestination"):
            if parameter.type() in ("sink", "fileDestination", "folderDestination", "vectorDestination") \
                    and is_optional:
                continue
            example.append(f"{parameter.name()}={_quote(_example_value(algorithm, parameter))}")
    outputs = [{"name": output.name(), "type": _type_name(output.type()), "description": output.description()}
               for output in algorithm.outputDefinitions()]
    return {
        "id": algorithm.name(), "title": algorithm.displayName(), "group": algorithm.group(),
        "help": algorithm.shortHelpString() or "", "parameters": parameters, "outputs": outputs,
        "example": f"qgis_process run municipal_gis:{algorithm.name()} -- " + " ".join(example),
    }


def _labels() -> dict:
    return {
        "parameters": tr("Parameters"), "outputs": tr("Outputs"), "example": tr("Example"),
        "name": tr("Name"), "type": tr("Type"), "description": tr("Description"), "default": tr("Default"),
        "optional": tr("optional"), "options": tr("choices"), "group": tr("Group"),
        "index": tr("Municipal GIS: algorithm reference"), "back": tr("All algorithms"),
        "generated": tr("Generated by scripts/algorithm_docs.py from the algorithms themselves; do not edit."),
        "example_note": tr("Run from a terminal with the plugin installed; on Windows, in the OSGeo4W shell."),
    }


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_page(page: dict, labels: dict) -> str:
    lines = [f"# {page['title']} (`municipal_gis:{page['id']}`)", "", f"{labels['group']}: {page['group']}", "",
             page["help"].strip().replace("\n\n", "\x00").replace("\n", "\\\n").replace("\x00", "\n\n"), "",
             f"## {labels['parameters']}", ""]  # a single line break stays one (CommonMark: a trailing backslash)
    if page["parameters"]:
        lines += [f"| {labels['name']} | {labels['type']} | {labels['description']} | {labels['default']} |",
                  "|---|---|---|---|"]
        for p in page["parameters"]:
            kind = p["type"] + (f" ({labels['optional']})" if p["optional"] else "")
            description = p["description"] + (f" ({labels['options']}: {'; '.join(p['options'])})"
                                               if p["options"] else "")
            lines.append(f"| `{p['name']}` | {_cell(kind)} | {_cell(description)} | {_cell(p['default'])} |")
    lines += ["", f"## {labels['outputs']}", ""]
    if page["outputs"]:
        lines += [f"| {labels['name']} | {labels['type']} | {labels['description']} |", "|---|---|---|"]
        lines += [f"| `{o['name']}` | {_cell(o['type'])} | {_cell(o['description'])} |" for o in page["outputs"]]
    lines += ["", f"## {labels['example']}", "", labels["example_note"], "", "```sh", page["example"], "```", "",
              f"[{labels['back']}](README.md) · _{labels['generated']}_", ""]
    return "\n".join(lines)


def html_page(page: dict, labels: dict, language: str) -> str:
    e = html.escape
    rows = []
    for p in page["parameters"]:
        kind = p["type"] + (f" ({labels['optional']})" if p["optional"] else "")
        description = p["description"] + (f" ({labels['options']}: {'; '.join(p['options'])})" if p["options"] else "")
        rows.append(f"<tr><td><code>{e(p['name'])}</code></td><td>{e(kind)}</td><td>{e(description)}</td>"
                    f"<td>{e(p['default'])}</td></tr>")
    outputs = [f"<tr><td><code>{e(o['name'])}</code></td><td>{e(o['type'])}</td><td>{e(o['description'])}</td></tr>"
               for o in page["outputs"]]
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{language}"><head><meta charset="utf-8">',
        f"<title>{e(page['title'])}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}"
        "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.3em .5em;vertical-align:top}"
        "pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap}</style></head><body>",
        f"<h1>{e(page['title'])} <small><code>municipal_gis:{e(page['id'])}</code></small></h1>",
        f"<p>{e(labels['group'])}: {e(page['group'])}</p>",
        *(f"<p>{e(paragraph.strip()).replace(chr(10), '<br>' + chr(10))}</p>"  # line breaks kept (lists)
          for paragraph in page["help"].strip().split("\n\n") if paragraph.strip()),
        f"<h2>{e(labels['parameters'])}</h2>",
        f"<table><tr><th>{e(labels['name'])}</th><th>{e(labels['type'])}</th><th>{e(labels['description'])}</th>"
        f"<th>{e(labels['default'])}</th></tr>", *rows, "</table>",
        f"<h2>{e(labels['outputs'])}</h2>",
        f"<table><tr><th>{e(labels['name'])}</th><th>{e(labels['type'])}</th><th>{e(labels['description'])}</th></tr>",
        *outputs, "</table>",
        f"<h2>{e(labels['example'])}</h2>", f"<p>{e(labels['example_note'])}</p>", f"<pre>{e(page['example'])}</pre>",
        f'<p><a href="README.html">{e(labels["back"])}</a> · <em>{e(labels["generated"])}</em></p>',
        "</body></html>", ""])


def index_pages(pages: list, labels: dict, language: str) -> tuple[str, str]:
    groups: dict = {}
    for page in pages:
        groups.setdefault(page["group"], []).append(page)
    md = [f"# {labels['index']}", ""]
    body = []
    for group, members in groups.items():
        md += [f"## {group}", ""] + [f"- [{p['title']}]({p['id']}.md) (`{p['id']}`)" for p in members] + [""]
        body += [f"<h2>{html.escape(group)}</h2><ul>"] + [
            f'<li><a href="{p["id"]}.html">{html.escape(p["title"])}</a> <code>{p["id"]}</code></li>'
            for p in members] + ["</ul>"]
    md += [f"_{labels['generated']}_", ""]
    page = "\n".join([
        "<!DOCTYPE html>", f'<html lang="{language}"><head><meta charset="utf-8">',
        f"<title>{html.escape(labels['index'])}</title></head><body>", f"<h1>{html.escape(labels['index'])}</h1>",
        *body, f"<p><em>{html.escape(labels['generated'])}</em></p>", "</body></html>", ""])
    return "\n".join(md), page


def algorithms():
    """Fresh instances of every algorithm, initialised (no project defaults leak in: see base.py)."""
    from municipal_gis.processing.provider import algorithm_classes

    found = []
    for cls in algorithm_classes():
        algorithm = cls()
        algorithm.initAlgorithm({})
        found.append(algorithm)
    return found


def render(language: str) -> dict:
    """{relative path: text} of the reference in `language` ("en" or "el"); switches the translator."""
    from municipal_gis.i18n import install_translator

    install_translator(language)
    try:
        labels = _labels()
        pages = [describe(algorithm) for algorithm in algorithms()]
        prefix = "" if language == "en" else f"{language}/"
        files = {}
        for page in pages:
            files[f"{prefix}{page['id']}.md"] = markdown_page(page, labels)
            files[f"{prefix}{page['id']}.html"] = html_page(page, labels, language)
        files[f"{prefix}README.md"], files[f"{prefix}README.html"] = index_pages(pages, labels, language)
        return files
    finally:
        install_translator()


def render_all() -> dict:
    files = {}
    for language in LANGUAGES:
        files.update(render(language))
    return files


def write(folder: Path) -> list[Path]:
    """Write the reference into `folder`, removing pages of algorithms that no longer exist."""
    files = render_all()
    written = []
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for stale in list(folder.rglob("*.md")) + list(folder.rglob("*.html")):
        if stale.relative_to(folder).as_posix() not in files:
            stale.unlink()
    return written
