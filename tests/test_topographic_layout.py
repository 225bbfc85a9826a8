"""The topographic diagram as a municipality files it (issue 15): a title block (municipality,
purpose, lease code, date), the engineer's signature, a scale bar the grid does not run through, and
tables that continue on another page instead of stopping at 28 rows."""

from __future__ import annotations

import datetime as dt
import math
import shutil
import subprocess

import pytest

from tests.test_alg_property import X0, Y0, memory_layer

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
VERTICES = 60


def _pdf(path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return pages, subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                 check=True).stdout


def _many_sided(n=VERTICES, radius=20.0):
    from shapely.geometry import Polygon

    return Polygon([(X0 + radius * math.cos(2 * math.pi * k / n), Y0 + radius * math.sin(2 * math.pi * k / n))
                    for k in range(n)])


def test_title_block_signature_and_long_tables(provider, tmp_path):
    from qgis import processing

    from municipal_gis.core.topographic import diagram_geometry

    polygon = _many_sided()
    props = memory_layer("municipal_property", [{"property_code": "ΔΑ-060", "kaek": "400160403060",
                                                 "geometry": polygon}])
    out = tmp_path / "diagram.pdf"
    processing.run("municipal_gis:topographic_diagram", {
        "INPUT": props, "CODE": "ΔΑ-060", "OUTPUT": str(out), "PURPOSE": "Μίσθωση αγροτεμαχίου",
        "LEASE_CODE": "Μ-12/2025", "MUNICIPALITY": "ΔΗΜΟΣ ΣΕΡΡΩΝ\nΔιεύθυνση Τεχνικών Υπηρεσιών",
        "AUTHOR_NAME": "Μαρία Παπαδοπούλου", "AUTHOR_TITLE": "Αγρονόμος Τοπογράφος Μηχανικός"})
    pages, text = _pdf(out)
    # every vertex with its coordinates, the table continuing on a second page (it used to stop at 28)
    assert pages == 2
    lines = text.splitlines()
    for vertex in diagram_geometry(polygon).vertices:
        assert any(line.split()[:1] == [str(vertex.number)] and f"{vertex.x:.2f}" in line and f"{vertex.y:.2f}" in line
                   for line in lines), vertex.number
    assert "γραμμές" not in text  # no «… more rows: see the attached list» without a list
    assert text.count("Κορυφή") >= 2  # the header is repeated on the continuation page
    # title block and signature
    for expected in ("ΔΗΜΟΣ ΣΕΡΡΩΝ", "Διεύθυνση Τεχνικών Υπηρεσιών", "Σκοπός: Μίσθωση αγροτεμαχίου",
                     "Μίσθωση: Μ-12/2025", f"Ημερομηνία: {dt.date.today():%d/%m/%Y}", "Ο/Η Συντάξας/ασα",
                     "Μαρία Παπαδοπούλου", "Αγρονόμος Τοπογράφος Μηχανικός"):
        assert expected in text, expected


def test_signature_from_the_certificate_settings(provider, tmp_path, qgis_new_project):
    """Without parameters, the letterhead and engineer are those kept by the certificate panel."""
    from qgis import processing
    from qgis.core import QgsProject

    from municipal_gis.printing import certificate as certificate_pdf

    before = certificate_pdf.load_signatures(QgsProject.instance())
    saved = certificate_pdf.Signatures(author_name="Γιώργος Νικολάου", author_title="Πολιτικός Μηχανικός",
                                       header="ΔΗΜΟΣ ΚΑΒΑΛΑΣ")
    certificate_pdf.save_signatures(saved, QgsProject.instance())
    try:
        props = memory_layer("municipal_property", [{"property_code": "ΔΑ-010", "geometry": _many_sided(6)}])
        out = tmp_path / "diagram.pdf"
        processing.run("municipal_gis:topographic_diagram", {"INPUT": props, "OUTPUT": str(out)})
        pages, text = _pdf(out)
    finally:
        certificate_pdf.save_signatures(before, QgsProject.instance())
    assert pages == 1
    assert "ΔΗΜΟΣ ΚΑΒΑΛΑΣ" in text and "Γιώργος Νικολάου" in text and "Πολιτικός Μηχανικός" in text
    assert "Σκοπός: –" in text and "Μίσθωση: –" in text


def test_template_layout(qgis_app):
    from qgis.core import QgsLayoutItemScaleBar, QgsProject

    from municipal_gis.paths import layout_path
    from municipal_gis.printing.layout import load_layout

    project = QgsProject()
    layout = load_layout(project, layout_path("topographic_diagram"))
    page = layout.pageCollection().page(0).rect()
    rects = {}
    for item_id in ("title_block", "signature", "coordinates_table", "neighbours_table", "area_text", "streets",
                    "notes", "footer", "scalebar", "map"):
        item = layout.itemById(item_id)
        assert item is not None, item_id
        rects[item_id] = item.sceneBoundingRect()
        if item_id != "map":  # the map's grid annotations reach the sheet's edge
            assert page.contains(rects[item_id]), item_id
    boxes = ["title_block", "signature", "coordinates_table", "neighbours_table", "area_text", "streets", "notes",
             "footer"]
    for n, a in enumerate(boxes):
        for b in boxes[n + 1:]:
            overlap = rects[a].intersected(rects[b])
            assert overlap.isEmpty() or overlap.width() * overlap.height() < 0.5, (a, b)
    # the scale bar sits on the map: it is opaque, so the grid crosses do not run through its numbers
    bar = layout.itemById("scalebar")
    assert isinstance(bar, QgsLayoutItemScaleBar) and rects["scalebar"].intersects(rects["map"])
    assert bar.hasBackground() and bar.backgroundColor().alpha() == 255
    assert bar.zValue() > layout.itemById("map").zValue()
