"""The funding-proposal pack as a municipality sends it (issue 15): the «parcels touched» table never
stops silently, the page has a legend, a north arrow and its scale, a point project is shown at a
scale where it can be seen, and numbers on the scale bar are written the Greek way."""

from __future__ import annotations

import csv
import re
import shutil

import pytest

from tests.test_alg_programme import SAMPLE, _pdf_text, _run, _set_footprints

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
X0, Y0 = 462000.0, 4548000.0


@pytest.fixture
def pack_database(provider, tmp_path):
    from shapely.geometry import MultiPolygon, Point, box

    from municipal_gis.core.programme import project_code_for
    from municipal_gis.layers.database import create_database, write_records

    gpkg = tmp_path / "municipality.gpkg"
    create_database(str(gpkg))
    _run(provider, SAMPLE, gpkg)
    write_records(str(gpkg), "community", [{"name": "Σέρρες", "is_city": True}],
                  [MultiPolygon([box(X0 - 3000, Y0 - 3000, X0 + 6000, Y0 + 3000)])])
    # 18 parcels of 30 m × 30 m in a 6 × 3 grid, all under the bins footprint
    kaeks = [f"4001604030{n:02d}" for n in range(1, 19)]
    parcels = [box(X0 + 30 * (n % 6), Y0 + 30 * (n // 6), X0 + 30 * (n % 6) + 30, Y0 + 30 * (n // 6) + 30)
               for n in range(18)]
    write_records(str(gpkg), "parcel", [{"kaek": k} for k in kaeks], [MultiPolygon([p]) for p in parcels])
    codes = {
        "bins": project_code_for("Προμήθεια κάδων απορριμμάτων", 2019),
        "hostels": project_code_for("Αναβάθμιση και εκσυγχρονισμός των δημοτικών ξενώνων Χρυσοπηγής", 2019),
        "bikes": project_code_for("Εγκατάσταση σταθμών κοινοχρήστων ποδηλάτων.", 2019),
    }
    _set_footprints(gpkg, {codes["bins"]: MultiPolygon([box(X0 + 5, Y0 + 5, X0 + 175, Y0 + 85)]),
                           # a 4 km strip: a page at 1:25 000, where the scale bar counts in thousands
                           codes["hostels"]: MultiPolygon([box(X0 - 2000, Y0 + 500, X0 + 2000, Y0 + 520)])})
    # one station: a point project
    write_records(str(gpkg), "bike_station", [{"name": "Α", "project_code": codes["bikes"]}],
                  [Point(X0 + 1200, Y0 + 1500)])
    return gpkg, codes, kaeks


def _region_text(path, item_id, extra_mm=0.0) -> str:
    """The text inside one item of the page (pdftotext's crop box, in PDF points at 72 dpi)."""
    import subprocess

    from municipal_gis.printing.funding import ITEMS

    x, y, w, h = ITEMS[item_id]
    x, y, w, h = (round(v * 72 / 25.4) for v in (x, y, w, h + extra_mm))
    return subprocess.run(["pdftotext", "-layout", "-r", "72", "-x", str(x), "-y", str(y), "-W", str(w), "-H",
                           str(h), str(path), "-"], capture_output=True, text=True, check=True).stdout


def _table_text(path) -> str:
    """The text inside the «parcels touched» table frame only (the map labels ΚΑΕΚ codes too)."""
    return _region_text(path, "parcels_frame", extra_mm=2.0)


def _pack(gpkg, codes, folder, language=0):
    from qgis import processing

    return processing.run("municipal_gis:funding_proposal_maps", {
        "DATABASE": str(gpkg), "PROJECTS": ", ".join(codes.values()), "LANGUAGE": language, "FOLDER": str(folder)})


def test_greek_pack(pack_database, tmp_path):
    gpkg, codes, kaeks = pack_database
    folder = tmp_path / "pack"
    result = _pack(gpkg, codes, folder)
    assert result["PAGES"] == 3

    # the table: 7 parcels and «… and 11 more» (it used to stop at 6 without a word); all 18 in parcels.csv
    table = _table_text(folder / f"project_{codes['bins']}.pdf")
    shown = [k for k in kaeks if k in table]
    assert len(shown) == 7 and "… και 11 ακόμη (όλα στο parcels.csv)" in table, table
    page = _pdf_text(folder / f"project_{codes['bins']}.pdf")
    with (folder / "parcels.csv").open(encoding="utf-8-sig") as handle:
        listed = [row["kaek"] for row in csv.DictReader(handle) if row["project_code"] == codes["bins"]]
    assert sorted(listed) == kaeks
    # legend (only what the page shows) and scale, in Greek with the Greek thousands separator
    assert "Υπόμνημα" in page and "Περιοχή έργου" in page and "Γεωτεμάχια" in page
    assert "Θέση έργου" not in page
    assert re.search(r"Κλίμακα 1:\d", page)

    # a point project: a marked site at 1:1 000, not lost at the scale of the municipality
    page = _pdf_text(folder / f"project_{codes['bikes']}.pdf")
    assert "Κλίμακα 1:1.000" in page and "Θέση έργου" in page and "Περιοχή έργου" not in page

    # 1:25 000: «1.600», never the English «1,600», on the scale bar and in the scale
    page = _pdf_text(folder / f"project_{codes['hostels']}.pdf")
    assert "Κλίμακα 1:25.000" in page
    scalebar_numbers = re.findall(r"(?<![\d.,])\d{1,2}[.,]\d{3}(?![\d.,])", page)
    assert scalebar_numbers and all("." in n for n in scalebar_numbers), scalebar_numbers


def test_area_project_map_is_not_cluttered_with_kaek(pack_database, tmp_path):
    """A district-sized project (a regeneration area) is mapped at 1:5 000: no ΚΑΕΚ labels there, they
    were an unreadable carpet; the parcels are listed in the table instead."""
    from qgis import processing
    from shapely.geometry import MultiPolygon, box

    from municipal_gis.core.programme import project_code_for

    gpkg, _, kaeks = pack_database
    district = project_code_for("Προμήθεια ενός σάρωθρου", 2019)
    _set_footprints(gpkg, {district: MultiPolygon([box(X0 - 300, Y0 - 200, X0 + 450, Y0 + 250)])})
    folder = tmp_path / "district"
    processing.run("municipal_gis:funding_proposal_maps", {"DATABASE": str(gpkg), "PROJECTS": district,
                                                            "FOLDER": str(folder)})
    page = folder / f"project_{district}.pdf"
    assert "Κλίμακα 1:5.000" in _pdf_text(page)
    assert not re.search(r"\d{12}", _region_text(page, "map")), "ΚΑΕΚ labels on a 1:5 000 map"
    assert sum(k in _table_text(page) for k in kaeks) == 7


def test_english_pack(pack_database, tmp_path):
    gpkg, codes, kaeks = pack_database
    folder = tmp_path / "pack_en"
    _pack(gpkg, codes, folder, language=1)
    assert "… and 11 more (all in parcels.csv)" in _table_text(folder / f"project_{codes['bins']}.pdf")
    assert "Legend" in _pdf_text(folder / f"project_{codes['bins']}.pdf")
    page = _pdf_text(folder / f"project_{codes['hostels']}.pdf")
    assert "Scale 1:25,000" in page


def test_template_has_north_arrow_legend_and_scale(qgis_app):
    from qgis.core import QgsLayoutItemLegend, QgsLayoutItemPicture, QgsProject

    from municipal_gis.paths import layout_path, resource
    from municipal_gis.printing.layout import load_layout

    project = QgsProject()  # kept alive: the layout refers to it
    layout = load_layout(project, layout_path("funding_proposal"))
    arrow = layout.itemById("north_arrow")
    assert isinstance(arrow, QgsLayoutItemPicture) and arrow.linkedMap() is layout.itemById("map")
    assert layout.itemById("north_label") is not None and resource("layouts", "north_arrow.svg").is_file()
    legend = layout.itemById("legend")
    assert isinstance(legend, QgsLayoutItemLegend) and legend.linkedMap() is layout.itemById("map")
    assert layout.itemById("scale_text") is not None and layout.itemById("scalebar") is not None
    page = layout.pageCollection().page(0).rect()
    for item_id in ("map", "north_arrow", "legend", "scale_text", "scalebar", "parcels_frame"):
        rect = layout.itemById(item_id).sceneBoundingRect()
        assert page.contains(rect), item_id  # everything on the A4 sheet
    overlap = layout.itemById("legend").sceneBoundingRect().intersected(layout.itemById("map").sceneBoundingRect())
    assert overlap.isEmpty() or overlap.width() * overlap.height() < 1.0


def test_long_title_wraps_left_aligned(pack_database, tmp_path):
    """A technical programme's long title wraps onto a second line; its first line is not stretched over
    the page's width (a justified label: QGIS 3.40+ spreads the words of every line but the last)."""
    from osgeo import ogr

    gpkg, codes, _ = pack_database
    title = ("Αναβάθμιση και εκσυγχρονισμός των δημοτικών ξενώνων Χρυσοπηγής και των κοινόχρηστων χώρων "
             "της Τοπικής Κοινότητας Χρυσοπηγής του Δήμου Σερρών")
    dataset = ogr.Open(str(gpkg), 1)
    layer = dataset.GetLayerByName("programme_project")
    layer.SetAttributeFilter(f"project_code = '{codes['bins']}'")
    feature = layer.GetNextFeature()
    feature.SetField("title", title)
    layer.SetFeature(feature)
    dataset = layer = None
    folder = tmp_path / "long_title"
    _pack(gpkg, {"bins": codes["bins"]}, folder)
    page = folder / f"project_{codes['bins']}.pdf"
    lines = [line.strip() for line in _region_text(page, "title").splitlines() if line.strip()]
    assert len(lines) == 2, lines  # wrapped, nothing lost
    assert " ".join(lines) == f"{title} ({codes['bins']})"
    # the space between words is the same on both lines: the first is not stretched to the full width
    gaps = [gap for line in _title_words(page) for gap in _gaps(line)]
    assert len(gaps) == len(f"{title} ({codes['bins']})".split()) - 2
    assert max(gaps) - min(gaps) < 1.0, gaps


def _title_words(path) -> list[list[tuple[float, float]]]:
    """The words of the title, line by line, as (left, right) in PDF points (pdftotext's bounding boxes)."""
    import re
    import subprocess

    from municipal_gis.printing.funding import ITEMS

    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    _, top, _, height = (v * 72 / 25.4 for v in ITEMS["title"])
    lines: dict[float, list[tuple[float, float]]] = {}
    for x0, y0, x1, y1 in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"',
                                     html):
        if top <= (float(y0) + float(y1)) / 2 <= top + height:  # the word's middle is inside the title
            lines.setdefault(round(float(y0)), []).append((float(x0), float(x1)))
    return [sorted(words) for _, words in sorted(lines.items())]


def _gaps(words) -> list[float]:
    return [right[0] - left[1] for left, right in zip(words, words[1:])]


def test_help_names_every_file_written_and_the_continuation_row(pack_database, tmp_path, monkeypatch):
    """The algorithm's help (and docs/algorithms) lists every file the pack writes in FOLDER, and quotes
    the «… and N more» row as the pages print it, in both languages."""
    from municipal_gis.i18n import install_translator
    from municipal_gis.processing.algorithms import funding_proposal_maps as pack
    from municipal_gis.processing.reference import page_path

    gpkg, codes, _ = pack_database
    folder = tmp_path / "pack"
    _pack(gpkg, codes, folder)
    written = {re.sub(r"^project_.+\.pdf$", "project_CODE.pdf", path.name) for path in folder.iterdir()}
    assert written == {"project_CODE.pdf", "funding_proposal_maps.pdf", "facts.csv", "parcels.csv"}
    for language, more in (("en", pack.TEXTS["more"][0]), ("el", pack.TEXTS["more"][1])):
        monkeypatch.setenv("MUNICIPAL_GIS_LOCALE", language)
        install_translator(language)
        try:
            text = pack.FundingProposalMaps().shortHelpString()
        finally:
            monkeypatch.delenv("MUNICIPAL_GIS_LOCALE")
            install_translator()
        assert all(name in text for name in written), (language, written)
        assert more.format(n="N") in text, language
        assert str(pack.PARCEL_ROWS) in text and "{" not in text, language
    assert text != pack.FundingProposalMaps().shortHelpString()  # the Greek help is a translation
    # the reference page keeps the list one file a line
    page = page_path("funding_proposal_maps").read_text(encoding="utf-8")
    assert "<br>\n• parcels.csv: " in page
