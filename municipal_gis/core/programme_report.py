"""Tables (CSV, XLSX) and charts (PNG, SVG) of the programme summaries, Greek or English.

Official outputs: the language is a parameter, not the interface language, so the labels are
kept here in both languages. matplotlib is used through its object API (no pyplot, no global
backend switch), so it is safe inside a running QGIS.
"""

from __future__ import annotations

import csv
from pathlib import Path

from municipal_gis.core.programme_summary import (
    DIMENSIONS,
    NO_LOCATION,
    NOT_STATED,
    OUTSIDE,
    UNALLOCATED,
    UNREAD,
)
from municipal_gis.schema.vocabularies import VOCABULARIES, label

DIMENSION_TITLES = {
    "funding_source": ("Budget by funding source", "Προϋπολογισμός ανά πηγή χρηματοδότησης"),
    "kind": ("Budget by kind of action", "Προϋπολογισμός ανά είδος δράσης"),
    "axis": ("Budget by axis of the operational programme", "Προϋπολογισμός ανά άξονα του Ε.Π."),
    "op_measure": ("Budget by measure of the operational programme", "Προϋπολογισμός ανά μέτρο του Ε.Π."),
    "status": ("Budget by phase", "Προϋπολογισμός ανά φάση"),
    "community": ("Budget by community", "Προϋπολογισμός ανά κοινότητα"),
    "regeneration_zone": ("Budget inside and outside the regeneration zones",
                          "Προϋπολογισμός εντός και εκτός περιοχών παρέμβασης"),
    "city_villages": ("Budget in the city and in the villages", "Προϋπολογισμός πόλης και χωριών"),
}
SPECIAL = {
    NOT_STATED: ("Not stated", "Δεν αναφέρεται"),
    NO_LOCATION: ("No location", "Χωρίς θέση"),
    OUTSIDE: ("Outside the areas", "Εκτός περιοχών"),
    UNREAD: ("Budget not read (see the import report)", "Προϋπολογισμός μη αναγνώσιμος (βλ. αναφορά εισαγωγής)"),
    UNALLOCATED: ("Not allocated to a source", "Χωρίς κατανομή σε πηγή"),
    "inside": ("Inside a regeneration zone", "Εντός περιοχής παρέμβασης"),
    "city": ("City", "Πόλη"),
    "villages": ("Villages", "Χωριά"),
}
HEADERS = {
    "en": ("Dimension", "Category", "Code", "Projects", "Budget (€)", "Share (%)"),
    "el": ("Διάσταση", "Κατηγορία", "Κωδικός", "Έργα", "Προϋπολογισμός (€)", "Ποσοστό (%)"),
}
_VOCABULARY_OF = {"funding_source": "funding_source", "kind": "action_kind", "status": "project_phase",
                  "op_measure": "op_measure"}


def category_label(dimension: str, category: str, language: str = "el") -> str:
    i = 1 if language == "el" else 0
    if category in SPECIAL:
        return SPECIAL[category][i]
    vocabulary = _VOCABULARY_OF.get(dimension)
    parts = category.split(" + ")
    if vocabulary:
        known = {code for code, _, _ in VOCABULARIES[vocabulary]}
        if dimension == "op_measure":
            return " + ".join(f"{p} {label(vocabulary, p, language)}" if p in known else p for p in parts)
        return " + ".join(label(vocabulary, p, language) if p in known else p for p in parts)
    if dimension == "axis":
        word = "Άξονας" if language == "el" else "Axis"
        return " + ".join(f"{word} {p}" for p in parts)
    return category


def dimension_title(dimension: str, language: str = "el") -> str:
    return DIMENSION_TITLES[dimension][1 if language == "el" else 0]


def table_rows(rows, language: str = "el") -> list[tuple]:
    return [(dimension_title(r.dimension, language), category_label(r.dimension, r.category, language), r.category,
             r.projects, r.budget_eur, r.share_pct) for r in rows]


def write_tables(rows, folder, language: str = "el", stem: str = "programme_summary") -> list[Path]:
    """One CSV (UTF-8 with BOM, so that Excel shows Greek) and one XLSX with a sheet per dimension."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"{stem}.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS[language])
        writer.writerows(table_rows(rows, language))
    paths = [csv_path]
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl ships with QGIS on Windows and Debian
        return paths
    book = openpyxl.Workbook()
    book.remove(book.active)
    for dimension in DIMENSIONS:
        chosen = [r for r in rows if r.dimension == dimension]
        if not chosen:
            continue
        sheet = book.create_sheet(dimension[:31])
        sheet.append([dimension_title(dimension, language)])
        sheet.append(list(HEADERS[language][1:]))
        for row in table_rows(chosen, language):
            sheet.append(list(row[1:]))
        total_row = sheet.max_row + 1
        sheet.append(["Σύνολο" if language == "el" else "Total", "", f"=SUM(C3:C{total_row - 1})",
                      f"=SUM(D3:D{total_row - 1})", f"=SUM(E3:E{total_row - 1})"])
        for cell in sheet["D"][2:]:
            cell.number_format = "#,##0.00"
        sheet.column_dimensions["A"].width = 60
        sheet.column_dimensions["D"].width = 18
    xlsx_path = folder / f"{stem}.xlsx"
    book.save(xlsx_path)
    paths.append(xlsx_path)
    return paths


def charts_available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def write_charts(rows, folder, language: str = "el", formats=("png", "svg"),
                 stem: str = "programme_summary") -> list[Path]:
    """A horizontal bar chart per dimension, in each format; returns the files written."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for dimension in DIMENSIONS:
        chosen = [r for r in rows if r.dimension == dimension and r.budget_eur > 0]
        if not chosen:
            continue
        labels = [_wrap(category_label(dimension, r.category, language)) for r in chosen][::-1]
        values = [r.budget_eur for r in chosen][::-1]
        figure = Figure(figsize=(9, 1.2 + 0.45 * len(chosen)), dpi=150)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot(111)
        bars = axes.barh(range(len(values)), values, color="#3a6ea5")
        axes.set_yticks(range(len(values)))
        axes.set_yticklabels(labels, fontsize=8)
        axes.set_title(dimension_title(dimension, language), fontsize=11)
        axes.set_xlabel("€")
        axes.xaxis.set_major_formatter(_euro_formatter())
        for bar, value in zip(bars, values):
            axes.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + _greek_number(value),
                      va="center", fontsize=7)
        axes.margins(x=0.2)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        for fmt in formats:
            path = folder / f"{stem}_{dimension}.{fmt}"
            figure.savefig(path, format=fmt)
            paths.append(path)
    return paths


def _greek_number(value: float) -> str:
    whole, _, cents = f"{value:,.2f}".partition(".")
    return whole.replace(",", ".") + "," + cents


def _euro_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: f"{x:,.0f}".replace(",", "."))


def _wrap(text: str, width: int = 45) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:3])
