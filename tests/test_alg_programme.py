"""Technical-programme algorithms through processing.run, on a fresh GeoPackage."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from municipal_gis.core.programme import project_code_for, read_programme_rows
from municipal_gis.layers.database import DatabaseLocation, create_database
from municipal_gis.layers.programme_store import import_programme

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample" / "technical_programme_rows_serres_2019.csv"


@pytest.fixture
def gpkg(tmp_path):
    path = tmp_path / "municipality.gpkg"
    create_database(str(path))
    return path


def _run(provider, path, gpkg, year=2019, **extra):
    from qgis import processing

    params = {"INPUT": str(path), "DATABASE": str(gpkg), "YEAR": year, "OUTPUT": "TEMPORARY_OUTPUT"}
    params.update(extra)
    result = processing.run("municipal_gis:import_technical_programme", params)
    layer = result["OUTPUT"]
    report = [dict(zip(layer.fields().names(), [None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
                                                for v in f.attributes()])) for f in layer.getFeatures()]
    return result, report


def _table(gpkg, sql, params=()):
    connection = sqlite3.connect(gpkg)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def _snapshot(gpkg):
    return (_table(gpkg, "SELECT * FROM programme_project ORDER BY fid"),
            _table(gpkg, "SELECT * FROM project_funding ORDER BY fid"))


def test_import_sample_then_reimport_is_idempotent(provider, gpkg):
    result, report = _run(provider, SAMPLE, gpkg)
    assert (result["PROJECTS"], result["ADDED"], result["UPDATED"], result["FINDINGS"]) == (43, 43, 0, 6)
    findings = [(r["row"], r["column"], r["value"]) for r in report if r["kind"] == "finding"]
    assert findings == [
        (4, "implementing_service", "Τμήμα Πολ. Προστασίας- Προμηθειώ"),
        (5, "budget_text", "10.00,00 €"),
        (16, "budget_text", "(440.000,00 €)"),
        (18, "budget_text", "195.000,0"),
        (21, "budget_text", "10.000.00  €"),
        (22, "budget_text", "20,5484,00 €"),
    ]
    assert [r for r in report if r["row"] == 18 and r["kind"] == "finding"][0]["reason"] == (
        "one decimal digit after the comma: the amount may be truncated")
    assert sum(1 for r in report if r["kind"] == "added") == 43
    assert _table(gpkg, "SELECT count(*), round(sum(budget_eur), 2), count(budget_eur) FROM programme_project") == [
        (43, 9394677.86, 38)]
    assert _table(gpkg, "SELECT count(*) FROM project_funding") == [(29,)]
    code = project_code_for("Προμήθεια ενός σάρωθρου", 2019)
    assert _table(gpkg, "SELECT budget_eur, budget_text, funding_text, year FROM programme_project "
                        "WHERE project_code = ?", (code,)) == [(None, "195.000,0", "Φιλόδημος ΙΙ- ίδιοι πόροι", 2019)]
    assert _table(gpkg, "SELECT funding_source, amount_eur FROM project_funding WHERE project_code = ? ORDER BY fid",
                  (code,)) == [("filodimos_ii", None), ("own_revenue", None)]
    # the GeoPackage is still valid for OGR (R-tree triggers, feature counts)
    from osgeo import ogr

    ds = ogr.Open(str(gpkg))
    assert ds.GetLayerByName("programme_project").GetFeatureCount() == 43
    ds = None

    before = _snapshot(gpkg)
    result, report = _run(provider, SAMPLE, gpkg)
    assert (result["ADDED"], result["UPDATED"], result["UNCHANGED"]) == (0, 0, 43)
    assert [r["kind"] for r in report] == ["finding"] * 6
    assert _snapshot(gpkg) == before


def test_revised_file_updates_by_key_and_reports(provider, gpkg, tmp_path):
    _run(provider, SAMPLE, gpkg)
    # a planner enters the checked amount of the uncertain row by hand
    code_sweeper = project_code_for("Προμήθεια ενός σάρωθρου", 2019)
    with DatabaseLocation.parse(str(gpkg)).backend.transaction() as cursor:
        cursor.execute("UPDATE programme_project SET budget_eur = 195000, status = 'tendering' "
                       "WHERE project_code = ?", (code_sweeper,))

    with SAMPLE.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    budget, funding = header.index("budget_text"), header.index("funding_text")
    body[0][budget] = "12.500,00 €"  # revised budget
    body[1][funding] = "Ίδια έσοδα + ΣΑΤΑ"  # revised funding
    removed = body.pop(5)  # a project dropped
    body.insert(0, ["", "", "Νέο έργο ανάπλασης πλατείας", "Έργο", "Δ. Σερρών", "Ν", "ΔΤΥ", "31/12/2019",
                    "250.000,00 €", "ΣΑΤΑ", "30.7323.001", "1.2"])
    revised = tmp_path / "revised.csv"
    with revised.open("w", encoding="cp1253", newline="") as handle:  # and re-exported by Excel in Greek
        csv.writer(handle, delimiter=";").writerows(
            [header] + [[c.replace("−", "-").replace("“", '"').replace("”", '"').replace("«", '"')
                         .replace("»", '"').replace("–", "-") for c in row] for row in body])

    result, report = _run(provider, revised, gpkg)
    first = project_code_for("Μετάδοση τηλεοπτικών μηνυμάτων κοινωνικού χαρακτήρα", 2019)
    second = project_code_for("Διοργάνωση συνεδρίων/συναντήσεων/διαλέξεων", 2019)
    new = project_code_for("Νέο έργο ανάπλασης πλατείας", 2019)
    gone = project_code_for(removed[2], 2019)
    changes = sorted((r["project_code"], r["column"], r["value"], r["reason"], r["kind"]) for r in report
                     if r["kind"] != "finding")
    by_code = {}
    for code, column, value, reason, kind in changes:
        by_code.setdefault(code, []).append((column, value, reason, kind))
    # «−» (U+2212) has no cp1253 code: the Greek re-export wrote «-», a verbatim change that is reported
    service_old = "Γραφείο Τύπου − Δημοσίων σχέσεων − Ενημέρωσης του πολίτη"
    service_new = service_old.replace("−", "-")
    service_changes = [("implementing_service", service_new, f"changed from «{service_old}»", "changed"),
                       ("service_text", service_new, f"changed from «{service_old}»", "changed")]
    assert by_code[first] == sorted([
        ("budget_eur", "12500.00", "changed from «10000.00»", "changed"),
        ("budget_text", "12.500,00 €", "changed from «10.000,00 €»", "changed"),
        ("funding_source", "own_revenue 12500.00", "funding changed from «own_revenue 10000.00»",
         "funding_changed"),
    ] + service_changes)
    assert by_code[second] == sorted([
        ("funding_source", "own_revenue, sata", "funding changed from «own_revenue 5000.00»", "funding_changed"),
        ("funding_text", "Ίδια έσοδα + ΣΑΤΑ", "changed from «Ίδια έσοδα»", "changed"),
    ] + service_changes)
    assert by_code[new] == [("", new, "new project", "added")]
    assert by_code[gone] == [("", gone, "project of 2019 not in the imported file; kept in the database",
                              "not_in_file")]
    assert code_sweeper not in by_code  # uncertain again from the same cell: the checked value is kept
    assert result["ADDED"] == 1
    assert _table(gpkg, "SELECT budget_eur, status FROM programme_project WHERE project_code = ?",
                  (code_sweeper,)) == [(195000.0, "tendering")]
    assert _table(gpkg, "SELECT count(*) FROM programme_project") == [(44,)]
    assert _table(gpkg, "SELECT funding_source, amount_eur FROM project_funding WHERE project_code = ? "
                        "ORDER BY funding_source", (second,)) == [("own_revenue", None), ("sata", None)]
    assert _table(gpkg, "SELECT implementing_service, budget_eur, kind, continuing FROM programme_project "
                        "WHERE project_code = ?", (new,)) == [("Δ/νση Τεχνικών Υπηρεσιών", 250000.0, "works", "new")]
    # and importing the revised file again changes nothing
    before = _snapshot(gpkg)
    result, report = _run(provider, revised, gpkg)
    assert (result["ADDED"], result["UPDATED"]) == (0, 0)
    assert _snapshot(gpkg) == before


def test_failed_import_leaves_database_untouched(provider, gpkg):
    projects, fundings, _ = read_programme_rows(SAMPLE, 2019)
    location = DatabaseLocation.parse(str(gpkg))
    import_programme(location, projects[:20], [f for f in fundings if f["project_code"] in
                                               {p["project_code"] for p in projects[:20]}], 2019)
    before = _snapshot(gpkg)
    # a revision that updates the first rows, then meets a row the database refuses (no title)
    revised = [dict(p, budget_eur=1.0, budget_text="1,00") for p in projects[:20]] + projects[20:30]
    revised.append(dict(projects[30], project_code="2019-broken", title=None))
    with pytest.raises(sqlite3.IntegrityError):
        import_programme(location, revised, fundings, 2019)
    assert _snapshot(gpkg) == before
    # a cancel half-way through the file
    polls = iter([False, True])
    from municipal_gis.core.programme_changes import ImportCancelled

    with pytest.raises(ImportCancelled):
        import_programme(location, revised[:-1] * 1, fundings, 2019, cancelled=lambda: next(polls, True))
    assert _snapshot(gpkg) == before


def test_import_errors_are_user_errors(provider, gpkg, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException

    bad = tmp_path / "not_a_programme.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="no header row"):
        processing.run("municipal_gis:import_technical_programme",
                       {"INPUT": str(bad), "DATABASE": str(gpkg), "YEAR": 2019, "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="does not exist"):
        processing.run("municipal_gis:import_technical_programme",
                       {"INPUT": str(SAMPLE), "DATABASE": str(tmp_path / "none.gpkg"), "YEAR": 2019,
                        "OUTPUT": "TEMPORARY_OUTPUT"})
    result, report = _run(provider, SAMPLE, gpkg, DRY_RUN=True)
    assert result["PROJECTS"] == 43 and result["ADDED"] == 0 and len(report) == 6
    assert _table(gpkg, "SELECT count(*) FROM programme_project") == [(0,)]


@pytest.mark.postgis
def test_import_postgis_idempotent(qgis_app, pg_location):
    location = create_database(pg_location)
    projects, fundings, _ = read_programme_rows(SAMPLE, 2019)
    first = import_programme(location, projects, fundings, 2019)
    assert len(first.added) == 43
    second = import_programme(location, projects, fundings, 2019)
    assert not second.changed and len(second.unchanged) == 43
    revised = [dict(p, budget_eur=1.0, budget_text="1,00") if i == 0 else p for i, p in enumerate(projects)]
    third = import_programme(location, revised, fundings, 2019)
    assert list(third.updated) == [projects[0]["project_code"]]


# ------------------------------------------------------------------------------- summary

def _set_footprints(gpkg, footprints):
    from osgeo import ogr

    ds = ogr.Open(str(gpkg), 1)
    layer = ds.GetLayerByName("programme_project")
    ds.StartTransaction()
    for feature in layer:
        geometry = footprints.get(feature.GetField("project_code"))
        if geometry is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkb(geometry.wkb))
            layer.SetFeature(feature)
    ds.CommitTransaction()
    ds = None


def test_programme_summary_reconciles_and_finds_conflicts(provider, gpkg, tmp_path):
    from qgis import processing
    from shapely.geometry import MultiPolygon, Point, box

    from municipal_gis.layers.database import write_records

    _run(provider, SAMPLE, gpkg)
    x0, y0 = 462000.0, 4548000.0
    city, village = box(x0, y0, x0 + 1000, y0 + 1000), box(x0 + 1000, y0, x0 + 2000, y0 + 1000)
    write_records(str(gpkg), "community", [{"name": "Σέρρες", "is_city": True},
                                           {"name": "Λευκώνας", "is_city": False}],
                  [MultiPolygon([city]), MultiPolygon([village])])
    write_records(str(gpkg), "regeneration_zone", [{"name": "ΣΒΑΑ"}], [MultiPolygon([box(x0, y0, x0 + 500, y0 + 1000)])])
    bins = project_code_for("Προμήθεια κάδων απορριμμάτων", 2019)  # 60 000
    hostels = project_code_for("Αναβάθμιση και εκσυγχρονισμός των δημοτικών ξενώνων Χρυσοπηγής", 2019)  # 300 000
    bikes = project_code_for("Εγκατάσταση σταθμών κοινοχρήστων ποδηλάτων.", 2019)  # 103 316,80
    _set_footprints(gpkg, {
        bins: MultiPolygon([box(x0 + 400, y0, x0 + 600, y0 + 100)]),  # half inside the zone, all in the city
        hostels: MultiPolygon([box(x0 + 500, y0 + 50, x0 + 1500, y0 + 60)]),  # half city, half village
    })
    # the bike project has no footprint: its stations locate it (both in the village)
    write_records(str(gpkg), "bike_station", [{"name": "Α", "project_code": bikes}, {"name": "Β", "project_code": bikes}],
                  [Point(x0 + 1200, y0 + 500), Point(x0 + 1300, y0 + 500)])
    folder = tmp_path / "summary"
    result = processing.run("municipal_gis:programme_summary", {
        "DATABASE": str(gpkg), "YEAR": 2019, "LANGUAGE": 0, "OUTPUT": "TEMPORARY_OUTPUT",
        "CONFLICTS": "TEMPORARY_OUTPUT", "FOLDER": str(folder)})
    assert result["PROJECTS"] == 43
    assert result["TOTAL_EUR"] == pytest.approx(9_394_677.86)
    rows = [dict(zip(result["OUTPUT"].fields().names(), f.attributes())) for f in result["OUTPUT"].getFeatures()]
    dimensions = {r["dimension"] for r in rows}
    assert dimensions == {"funding_source", "kind", "axis", "op_measure", "status", "community",
                          "regeneration_zone", "city_villages"}
    for dimension in dimensions:
        assert sum(r["budget_eur"] for r in rows if r["dimension"] == dimension) == pytest.approx(9_394_677.86)
        assert sum(r["projects"] for r in rows if r["dimension"] == dimension) >= 43
    table = {(r["dimension"], r["category"]): r for r in rows}
    assert table[("community", "Σέρρες")]["budget_eur"] == pytest.approx(60_000 + 150_000)
    assert table[("community", "Λευκώνας")]["budget_eur"] == pytest.approx(150_000 + 103_316.80)
    assert table[("city_villages", "villages")]["category_label"] == "Χωριά"
    assert table[("regeneration_zone", "inside")]["budget_eur"] == pytest.approx(30_000)
    assert table[("community", "no_location")]["projects"] == 38 - 3  # 38 read budgets, 3 of them located
    assert table[("funding_source", "budget_unread")]["projects"] == 5
    assert table[("funding_source", "op_central_macedonia + own_revenue")]["budget_eur"] == pytest.approx(270_280.0)
    assert table[("kind", "works")]["category_label"] == "Έργο"
    conflicts = [dict(zip(result["CONFLICTS"].fields().names(), f.attributes()))
                 for f in result["CONFLICTS"].getFeatures()]
    assert [(sorted([c["project_a"], c["project_b"]]), c["overlap_m2"]) for c in conflicts] == [
        (sorted([bins, hostels]), pytest.approx(100 * 10))]
    names = sorted(p.name for p in folder.iterdir())
    assert "programme_summary.csv" in names and "programme_summary.xlsx" in names
    assert "programme_summary_funding_source.png" in names and "programme_summary_community.svg" in names
    import openpyxl

    sheet = openpyxl.load_workbook(folder / "programme_summary.xlsx")["kind"]
    assert sheet["A1"].value == "Προϋπολογισμός ανά είδος δράσης"
    budgets = [sheet.cell(row=r, column=4).value for r in range(3, sheet.max_row)]
    assert sum(budgets) == pytest.approx(9_394_677.86)


# ------------------------------------------------------------------------------- link features

def test_link_features_to_project(provider, gpkg, tmp_path):
    from qgis import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer
    from shapely.geometry import Point

    from municipal_gis.layers.database import DatabaseLocation, write_records

    _run(provider, SAMPLE, gpkg)
    bikes = project_code_for("Εγκατάσταση σταθμών κοινοχρήστων ποδηλάτων.", 2019)
    write_records(str(gpkg), "bike_station", [{"name": n} for n in "ΑΒΓ"],
                  [Point(462100, 4548100), Point(462150, 4548120), Point(463000, 4548000)])
    stations = DatabaseLocation.parse(str(gpkg)).qgs_layer("bike_station")
    footprint = QgsVectorLayer("Polygon?crs=EPSG:2100", "footprint", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((462000 4548000, 462200 4548000, 462200 4548200, "
                                            "462000 4548200, 462000 4548000))"))
    footprint.dataProvider().addFeatures([feature])
    result = processing.run("municipal_gis:link_features_to_project", {
        "LAYER": stations, "PROJECT_CODE": bikes, "FOOTPRINT": footprint, "DATABASE": str(gpkg),
        "SET_FOOTPRINT": True})
    assert result["LINKED"] == 2
    assert _table(gpkg, "SELECT name, project_code FROM bike_station ORDER BY name") == [
        ("Α", bikes), ("Β", bikes), ("Γ", None)]
    projects = DatabaseLocation.parse(str(gpkg)).qgs_layer("programme_project")
    located = [f for f in projects.getFeatures() if f["project_code"] == bikes]
    assert located[0].geometry().area() == pytest.approx(200 * 200)
    # selected features, no footprint
    stations = DatabaseLocation.parse(str(gpkg)).qgs_layer("bike_station")
    stations.selectByExpression("\"name\" = 'Γ'")
    other = project_code_for("Προμήθεια κάδων απορριμμάτων", 2019)
    assert processing.run("municipal_gis:link_features_to_project", {
        "LAYER": stations, "PROJECT_CODE": other})["LINKED"] == 1
    assert _table(gpkg, "SELECT project_code FROM bike_station WHERE name = 'Γ'") == [(other,)]
    with pytest.raises(QgsProcessingException, match="does not exist"):
        processing.run("municipal_gis:link_features_to_project", {
            "LAYER": stations, "PROJECT_CODE": "2019-unknown", "DATABASE": str(gpkg)})
    footprint_only = QgsVectorLayer("Point?crs=EPSG:2100&field=name:string", "no_code", "memory")
    with pytest.raises(QgsProcessingException, match="has no field project_code"):
        processing.run("municipal_gis:link_features_to_project", {"LAYER": footprint_only, "PROJECT_CODE": bikes})


# ------------------------------------------------------------------------------- map pack

def _pdf_pages(path) -> int:
    import subprocess

    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def _pdf_text(path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.skipif(__import__("shutil").which("pdfinfo") is None, reason="poppler-utils not installed")
def test_funding_proposal_maps(provider, gpkg, tmp_path):
    from qgis import processing
    from shapely.geometry import MultiPolygon, Point, box

    from municipal_gis.layers.database import write_records

    _run(provider, SAMPLE, gpkg)
    x0, y0 = 462000.0, 4548000.0
    write_records(str(gpkg), "community", [{"name": "Σέρρες", "is_city": True}],
                  [MultiPolygon([box(x0 - 2000, y0 - 2000, x0 + 3000, y0 + 3000)])])
    # parcels: P1, P2 under the bins footprint; P3 under the hostels strip; P4 far away
    kaeks = ["400160403001", "400160403002", "400160403003", "400160403004"]
    parcels = [box(x0 + 400, y0, x0 + 500, y0 + 100), box(x0 + 500, y0, x0 + 600, y0 + 100),
               box(x0 + 900, y0 + 40, x0 + 1000, y0 + 140), box(x0 + 2000, y0, x0 + 2100, y0 + 100)]
    write_records(str(gpkg), "parcel", [{"kaek": k} for k in kaeks], [MultiPolygon([p]) for p in parcels])
    # P1 is municipal by its ΚΑΕΚ; P3 by a property polygon covering it
    write_records(str(gpkg), "municipal_property", [
        {"property_code": "ΔΑ-1", "kaek": kaeks[0]}, {"property_code": "ΔΑ-2", "kaek": None}],
        [MultiPolygon([box(x0 + 3000, y0, x0 + 3010, y0 + 10)]), MultiPolygon([parcels[2].buffer(1)])])
    bins = project_code_for("Προμήθεια κάδων απορριμμάτων", 2019)
    hostels = project_code_for("Αναβάθμιση και εκσυγχρονισμός των δημοτικών ξενώνων Χρυσοπηγής", 2019)
    bikes = project_code_for("Εγκατάσταση σταθμών κοινοχρήστων ποδηλάτων.", 2019)
    _set_footprints(gpkg, {bins: MultiPolygon([box(x0 + 400, y0, x0 + 600, y0 + 100)]),
                           hostels: MultiPolygon([box(x0 + 500, y0 + 50, x0 + 1500, y0 + 60)])})
    write_records(str(gpkg), "bike_station", [{"name": "Α", "project_code": bikes}], [Point(x0 + 1200, y0 + 500)])

    folder = tmp_path / "pack"
    result = processing.run("municipal_gis:funding_proposal_maps", {
        "DATABASE": str(gpkg), "PROJECTS": f"{bins}, {hostels}, {bikes}", "FOLDER": str(folder)})
    assert result["PAGES"] == 3 and result["SKIPPED"] == ""
    assert _pdf_pages(result["COMBINED_PDF"]) == 3
    singles = sorted(p.name for p in folder.glob("project_*.pdf"))
    assert singles == sorted(f"project_{c}.pdf" for c in (bins, hostels, bikes))
    assert all(_pdf_pages(folder / name) == 1 for name in singles)
    # the fact table matches the database
    with (folder / "facts.csv").open(encoding="utf-8-sig") as handle:
        facts = {row["project_code"]: row for row in csv.DictReader(handle)}
    rows = _table(gpkg, "SELECT project_code, ka_codes, budget_eur FROM programme_project WHERE project_code IN "
                        "(?, ?, ?)", (bins, hostels, bikes))
    assert {(c, facts[c]["ka_codes"], facts[c]["budget"]) for c, _, _ in rows} == {
        (bins, "20.7135.006", "60.000,00 €"), (hostels, "60.7341.006", "300.000,00 €"),
        (bikes, "–", "103.316,80 €")}
    assert facts[bins]["funding"] == "Ίδιοι πόροι / Έσοδα Δήμου; αναζήτηση χρηματοδότησης"
    assert facts[hostels]["measure"] == "2.4 Πολιτισμός – Αθλητισμός - Τουρισμός"
    page = _pdf_text(folder / f"project_{bins}.pdf")
    assert "60.000,00 €" in page and "20.7135.006" in page and "Προμήθεια κάδων απορριμμάτων" in page
    assert kaeks[0] in page and kaeks[1] in page and kaeks[2] not in page
    assert "Ναι" in page and "Όχι" in page  # P1 municipal, P2 not
    page = _pdf_text(folder / f"project_{hostels}.pdf")
    assert kaeks[2] in page and kaeks[0] not in page  # the strip (x 500–1500, y 50–60) crosses P2 and P3
    # by funding source: only own_revenue projects, the unlocated ones reported
    result = processing.run("municipal_gis:funding_proposal_maps", {
        "DATABASE": str(gpkg), "FUNDING_SOURCE": "op_ymeperaa", "FOLDER": str(tmp_path / "ymeperaa")})
    assert result["PAGES"] == 1 and result["SKIPPED"] == ""
    assert _pdf_pages(result["COMBINED_PDF"]) == 1


# ------------------------------------------------------------------------------- projects dock

def test_projects_dock(provider, gpkg, qgis_iface):
    from qgis.core import QgsProject
    from shapely.geometry import MultiPolygon, Point, box

    from municipal_gis.gui.projects_dock import ProjectsDock
    from municipal_gis.layers.database import write_records
    from municipal_gis.layers.project import load_database

    _run(provider, SAMPLE, gpkg)
    x0, y0 = 462000.0, 4548000.0
    write_records(str(gpkg), "community", [{"name": "Σέρρες", "is_city": True}, {"name": "Λευκώνας"}],
                  [MultiPolygon([box(x0, y0, x0 + 1000, y0 + 1000)]), MultiPolygon([box(x0 + 1000, y0, x0 + 2000,
                                                                                         y0 + 1000)])])
    bins = project_code_for("Προμήθεια κάδων απορριμμάτων", 2019)
    bikes = project_code_for("Εγκατάσταση σταθμών κοινοχρήστων ποδηλάτων.", 2019)
    _set_footprints(gpkg, {bins: MultiPolygon([box(x0 + 400, y0, x0 + 600, y0 + 100)])})
    write_records(str(gpkg), "bike_station", [{"name": "Πλατεία Ελευθερίας", "project_code": bikes},
                                              {"name": "ΤΕΙ", "project_code": bikes}],
                  [Point(x0 + 1200, y0 + 500), Point(x0 + 1300, y0 + 600)])
    load_database(str(gpkg), QgsProject.instance(), language="el")
    try:
        dock = ProjectsDock(qgis_iface)
        assert len(dock.visible_codes()) == 43
        dock.set_filters(funding_source="filodimos_ii")
        assert sorted(dock.visible_codes()) == sorted(project_code_for(t, 2019) for t in (
            "Προμήθεια ενός σάρωθρου",
            "Προμήθεια – τοποθέτηση εξοπλισμού για την αναβάθμιση παιδικών χαρών στο Δήμο Σερρών",
            "Εκτεταμένες παρεμβάσεις σχολικών κτιρίων προς άρση επικινδυνότητας στον Δήμο Σερρών."))
        dock.set_filters(community="Λευκώνας")
        assert dock.visible_codes() == [bikes]  # located by its stations
        dock.set_filters(year=2019, community="Σέρρες")
        assert dock.visible_codes() == [bins]
        dock.select_code(bins)
        assert dock.zoom_to(bins)
        extent = qgis_iface.mapCanvas().extent()
        assert extent.contains(dock.project_extent(bins))
        dock.set_filters()
        dock.select_code(bikes)
        assert sorted(label for _, _, label in dock.project_features(bikes)) == ["Πλατεία Ελευθερίας", "ΤΕΙ"]
        assert dock.features.count() == 2
        assert not dock.zoom_to(project_code_for("Προμήθεια ενός σάρωθρου", 2019))  # no location
        dock.unload()
    finally:
        QgsProject.instance().removeAllMapLayers()
        QgsProject.instance().clear()
