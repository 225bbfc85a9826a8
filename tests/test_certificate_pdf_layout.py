"""The land-use certificate as printed: rendered to PDF, read back with poppler (word boxes from
`pdftotext -bbox`, pixels from `pdftoppm`), and checked as a municipal engineer would look at it:
nothing outside the page margins, every cell of the zones table on a page, long tables continued
with their header, page numbers, the signature block, ΦΕΚ cited once."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="poppler-utils needed")

MM = 72.0 / 25.4  # PDF points per millimetre
PAGE_W, PAGE_H = 210.0, 297.0
# the printable area of the template: 15 mm left and right, 10 mm at the top, 4 mm under the footer
LEFT, RIGHT, TOP, BOTTOM = 15.0, 195.0, 10.0, 293.0
LONG_ZONE = "Ζώνη Ειδικής Προστασίας Παραδοσιακού Πυρήνα Οικισμού Σερρών Τομέας"


def _words(pdf) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page, the words with their boxes in mm: (text, x0, y0, x1, y1)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.split(r"<page ", out)[1:]:
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        assert (width / MM, height / MM) == pytest.approx((PAGE_W, PAGE_H), abs=0.5)
        words = [(html.unescape(m.group(5)), *(float(m.group(k)) / MM for k in range(1, 5)))
                 for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                                      r"(.*?)</word>", page)]
        pages.append(words)
    return pages


def _ink_outside_margins(pdf, dpi: int = 40) -> list[tuple[int, int]]:
    """(page, number of non-white pixels) outside the printable area, for every page."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(pdf.with_suffix(""))], check=True)
    found = []
    for page, image in enumerate(sorted(pdf.parent.glob(pdf.stem + "-*.pgm"))):
        data = image.read_bytes()
        _magic, width, height, _maxval, pixels = data.split(maxsplit=4)
        width, height = int(width), int(height)
        gray = np.frombuffer(pixels[-width * height:], dtype=np.uint8).reshape(height, width)
        px = dpi / 25.4
        inside = np.zeros_like(gray, dtype=bool)
        inside[int(TOP * px):int(np.ceil(BOTTOM * px)), int(LEFT * px) - 1:int(np.ceil(RIGHT * px)) + 1] = True
        found.append((page, int(((gray < 200) & ~inside).sum())))
    return found


def _data(zone_names, language_rows=None, plans=None):
    from municipal_gis.core import building_terms
    from municipal_gis.printing import certificate as pdf

    n = len(zone_names)
    rows = [dict(zone_code=name, category_code="general_residential" if i % 2 else "urban_centre",
                 area_m2=1234.5678 / n, share_pct=100.0 / n, share_registered_pct=99.5 / n, sliver=False,
                 overlap=False, far=1.2, coverage_pct=60.0, max_height_m=17.5, max_floors=5,
                 max_floor_area_m2=1481.48 / n, max_footprint_m2=740.74 / n, min_plot_area_m2=250.0,
                 min_frontage_m=10.0) for i, name in enumerate(zone_names)]
    return pdf.CertificateData(
        kaek="620100291006", address="Θεαγένους Χαρίσι 40", ot_code="267", gis_area_m2=1234.5678,
        registered_area_m2=1230.0, as_of="05/12/2026", rows=rows,
        conformity=building_terms.conformity(1234.5678, [250.0], [10.0], 12.0),
        plans=plans or [("ΓΠΣ Σερρών", "ΦΕΚ 398/ΑΑΠ/12.5.2010", "12/05/2010"),
                        ("Τροποποίηση ΓΠΣ Σερρών", "212/ΑΑΠ/29.6.2016", "29/06/2016")],
        thresholds=(1.0, 0.5), parcel_geometry=shapely.box(462000, 4548000, 462030, 4548041),
        zones=[(shapely.box(461900, 4547900, 462015, 4548100), "Ζ-Α"),
               (shapely.box(462015, 4547900, 462100, 4548100), "Ζ-Β")],
        signatures=pdf.Signatures(author_name="Μαρία Παπαδοπούλου", author_title="Πολιτική Μηχανικός ΠΕ",
                                  head_name="Ιωάννης Γεωργίου", head_title="Αρχιτέκτων Μηχανικός ΠΕ"))


def _render(tmp_path, data, language="el", name="certificate"):
    from municipal_gis.printing import certificate as pdf

    path = tmp_path / f"{name}.pdf"
    pdf.render(data, path, language, "2026/0042", "ABCD-EFGH-JKLM", dt.datetime(2026, 3, 7, 9, 5),
               "1234/2026", "Γεώργιος Παπαδόπουλος")
    return path


def _assert_on_the_page(pages):
    for number, words in enumerate(pages, 1):
        for text, x0, y0, x1, y1 in words:
            assert LEFT - 0.3 <= x0 and x1 <= RIGHT + 0.3, (number, text, x0, x1)
            assert TOP <= y0 and y1 <= BOTTOM, (number, text, y0, y1)


def _assert_no_overlapping_words(words):
    boxes = np.array([w[1:] for w in words])
    for i, (text, x0, y0, x1, y1) in enumerate(words):
        # shrink a little: glyph boxes of neighbouring lines touch
        hit = ((boxes[:, 0] < x1 - 0.3) & (boxes[:, 2] > x0 + 0.3) & (boxes[:, 1] < y1 - 0.5) & (boxes[:, 3] > y0 + 0.5))
        hit[i] = False
        assert not hit.any(), (text, [words[j][0] for j in np.flatnonzero(hit)])


def _table_cells(words):
    return " ".join(w[0] for w in words)


def test_two_zones_one_page_inside_the_margins(qgis_app, tmp_path):
    path = _render(tmp_path, _data(["ΓΚ6", "ΠΚ4"]))
    pages = _words(path)
    assert len(pages) == 1
    _assert_on_the_page(pages)
    _assert_no_overlapping_words(pages[0])
    assert _ink_outside_margins(path) == [(0, 0)]
    text = _table_cells(pages[0])
    # Greek number and date format, one ΦΕΚ per citation, page number, signatures and stamp
    assert "617,28" in text and "1.234,57" in text and "07/03/2026 09:05" in text
    assert "ΦΕΚ 398/ΑΑΠ/12.5.2010" in text and "ΦΕΚ 212/ΑΑΠ/29.6.2016" in text and "ΦΕΚ ΦΕΚ" not in text
    assert "Σελίδα 1 από 1" in text
    assert "Ο/Η Συντάξας/ασα" in text and "Ο/Η Προϊστάμενος/η" in text and "Σφραγίδα" in text
    assert "Μαρία Παπαδοπούλου" in text and "Αρχιτέκτων Μηχανικός ΠΕ" in text
    # the scale is printed under the map, clear of it
    words = pages[0]
    scale = next(w for w in words if w[0].startswith("1:"))
    map_words = [w for w in words if w[0] in ("Ζ-Α", "Ζ-Β", "620100291006") and 58 < w[2] < scale[2]]
    assert len(map_words) == 3 and all(w[4] < scale[2] for w in map_words)


def test_long_letterhead_and_applicant_shrink_to_their_place(qgis_app, tmp_path):
    from municipal_gis.printing import certificate as pdf

    data = _data(["ΓΚ6"])
    data.signatures.header = "\n".join(["ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ", "ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ", "ΔΗΜΟΣ ΣΕΡΡΩΝ",
                                          "Διεύθυνση Πολεοδομίας και Χωροταξίας", "Τμήμα Έκδοσης Βεβαιώσεων",
                                          "Ταχ. Δ/νση: Μεραρχίας 45, 621 22 Σέρρες"])
    path = tmp_path / "long.pdf"
    pdf.render(data, path, "el", "2026/0042", "ABCD-EFGH-JKLM", dt.datetime(2026, 3, 7, 9, 5), "1234/2026",
               "Αγροτικός Συνεταιρισμός Παραγωγών Οπωροκηπευτικών Νομού Σερρών και Περιχώρων «Η Πρόοδος»")
    pages = _words(path)
    _assert_on_the_page(pages)
    _assert_no_overlapping_words(pages[0])
    words = [w for w in pages[0]]
    title = next(w for w in words if w[0] == "ΒΕΒΑΙΩΣΗ")
    above = " ".join(w[0] for w in words if w[4] <= title[2])
    assert "Μεραρχίας" in above and "«Η Πρόοδος»" in above and "ΚΕΝΤΡΙΚΗΣ" in above


def test_long_zone_names_wrap_inside_the_table(qgis_app, tmp_path):
    names = [f"{LONG_ZONE} {i}" for i in range(3)]
    path = _render(tmp_path, _data(names), name="long")
    pages = _words(path)
    _assert_on_the_page(pages)
    assert all(count == 0 for _page, count in _ink_outside_margins(path))
    words = [w[0] for page in pages for w in page]
    # every word of every long name is printed, each name in full, once per row
    for word in LONG_ZONE.split():
        assert words.count(word) >= 3, word
    assert all(str(i) in words for i in range(3))


@pytest.mark.parametrize("language", ["el", "en"])
def test_many_zones_continue_on_the_next_page_with_the_header(qgis_app, tmp_path, language):
    names = [f"{LONG_ZONE} {i}" if i % 4 == 0 else f"ΓΚ{i}" for i in range(40)]
    path = _render(tmp_path, _data(names), language=language, name=f"many_{language}")
    pages = _words(path)
    assert len(pages) >= 2
    _assert_on_the_page(pages)
    assert all(count == 0 for _page, count in _ink_outside_margins(path))
    for page in pages:
        _assert_no_overlapping_words(page)
    words = [w[0] for page in pages for w in page]
    for i in range(40):
        if i % 4:
            assert words.count(f"ΓΚ{i}") == 1, i
    assert words.count("Σφραγίδα" if language == "el" else "Stamp") == 1
    share, title_share = ("2,50", "2,49") if language == "el" else ("2.50", "2.49")
    assert words.count(share) == 40 and words.count(title_share) == 40  # on every row
    heading = "Ζώνη" if language == "el" else "Zone"
    table_pages = [page for page in pages if any(w[0].startswith("ΓΚ") for w in page)]
    assert len(table_pages) >= 2 and all(any(w[0] == heading for w in page) for page in table_pages)
    last = len(pages)
    page_word = "Σελίδα" if language == "el" else "Page"
    for number, page in enumerate(pages, 1):
        line = " ".join(w[0] for w in page if w[0] in (page_word, str(number), str(last)))
        assert f"{page_word} {number}" in line, (number, line)
    if language == "en":
        assert "1,234.57" in words and "LAND-USE" in words


def test_signature_settings_from_the_algorithm_and_the_project(provider, tmp_path, qgis_new_project):
    """Headless: the signatories come from the advanced parameters, else from the project variables."""
    from qgis import processing
    from qgis.core import QgsExpressionContextUtils, QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer

    from municipal_gis.printing import certificate as pdf

    parcels = QgsVectorLayer("Polygon?crs=EPSG:2100&field=kaek:string", "parcels", "memory")
    zones = QgsVectorLayer("Polygon?crs=EPSG:2100&field=zone_code:string&field=fek_ref:string&field=plan_name:string",
                           "zones", "memory")
    for layer, attrs, wkt in ((parcels, ["400160403001"], "POLYGON((0 0,10 0,10 10,0 10,0 0))"),
                              (zones, ["Α1", "ΦΕΚ 2106/Β/21.9.2011", "ΓΠΣ"], "POLYGON((-50 -50,50 -50,50 50,-50 50,-50 -50))")):
        feature = QgsFeature(layer.fields())
        feature.setAttributes(attrs)
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        layer.dataProvider().addFeatures([feature])
    project = QgsProject.instance()
    pdf.save_signatures(pdf.Signatures(head_name="Ελένη Δημητρίου", head_title="Τοπογράφος Μηχανικός ΠΕ",
                                       header="ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ\nΔΗΜΟΣ ΔΟΚΙΜΩΝ"), project)
    try:
        out = tmp_path / "pdf"
        processing.run("municipal_gis:land_use_certificate", {
            "PARCELS": parcels, "ZONING": zones, "OUTPUT": "memory:", "OUTPUT_REPORT": str(out),
            "AUTHOR_NAME": "Νίκος Αλεξίου", "AUTHOR_TITLE": "Πολιτικός Μηχανικός ΠΕ"})
        text = " ".join(w[0] for page in _words(out / "400160403001.pdf") for w in page)
    finally:
        pdf.save_signatures(pdf.Signatures(), project)
    assert "Νίκος Αλεξίου" in text and "Πολιτικός Μηχανικός ΠΕ" in text
    assert "Ελένη Δημητρίου" in text and "Τοπογράφος Μηχανικός ΠΕ" in text and "ΔΟΚΙΜΩΝ" in text
    assert "ΦΕΚ 2106/Β/21.9.2011" in text and "ΦΕΚ ΦΕΚ" not in text
    assert QgsExpressionContextUtils.projectScope(project).variable("mgis_certificate_head_name") is None


def test_sample_municipality_parcels_in_one_and_two_zones(provider, sample_gpkg, tmp_path):
    """On the sample: a parcel across two zones and one inside a zone, Greek and English, with the
    streets; every word inside the margins, none on top of another (map labels included)."""
    from collections import Counter

    from qgis import processing

    parcels, zones, streets = (f"{sample_gpkg}|layername={name}" for name in ("parcel", "land_use_zone", "street"))
    pieces = processing.run("municipal_gis:land_use_certificate", {
        "PARCELS": parcels, "ZONING": zones, "OUTPUT_GEOMETRY": False, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    count = Counter(f["kaek"] for f in pieces.getFeatures() if f["zone_code"])
    crossing = next(k for k, n in count.items() if n >= 2)
    inside = next(k for k, n in count.items() if n == 1)
    for language in (0, 1):
        out = tmp_path / str(language)
        processing.run("municipal_gis:land_use_certificate", {
            "PARCELS": parcels, "ZONING": zones, "STREETS": streets, "KAEK_LIST": f"{crossing}\n{inside}",
            "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_REPORT": str(out), "LANGUAGE": language,
            "APPLICANT": "Παπαδόπουλος Γεώργιος του Ιωάννη", "PROTOCOL_NO": "4521/05-12-2026"})
        for code in (crossing, inside):
            path = out / f"{code}.pdf"
            pages = _words(path)
            assert len(pages) == 1
            _assert_on_the_page(pages)
            _assert_no_overlapping_words(pages[0])
            assert _ink_outside_margins(path) == [(0, 0)]
            words = [w[0] for w in pages[0]]
            assert words.count(code) >= 2  # in the parcel facts and on the map
            assert "ΦΕΚ" in words and "ΦΕΚ ΦΕΚ" not in " ".join(words)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.text(alphabet="αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔ0123456789.,/()–-", min_size=1, max_size=30),
                      min_size=1, max_size=25),
       width=st.floats(min_value=4.0, max_value=120.0))
def test_wrapped_lines_fit_and_keep_every_word(qgis_app, words, width):
    """Whatever the text and column width: each line fits (a single character excepted), and the
    lines hold the text's characters in order, none lost or added."""
    from qgis.core import QgsLayoutUtils
    from qgis.PyQt.QtGui import QFont

    from municipal_gis.printing.layout import LINE_SLACK, wrap_text

    font = QFont("DejaVu Sans")
    font.setPointSizeF(7)
    text = " ".join(words)
    lines = wrap_text(font, text, width)
    for line in lines:
        assert len(line) == 1 or QgsLayoutUtils.textWidthMM(font, line) * LINE_SLACK <= width + 1e-9, line
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.startswith(" ") or line.endswith(" ") for line in lines if line.strip())
