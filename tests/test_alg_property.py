"""The property algorithms run through processing.run on small hand-made layers."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess

import pytest
from shapely.geometry import box

X0, Y0 = 462000.0, 4548000.0
LESSEE = "Παπαδόπουλος Γεώργιος"


def rect(x1, y1, x2, y2):
    return box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


def memory_layer(layer_id, rows, geometry="MultiPolygon", name=None):
    """A memory layer with the catalogue fields of `layer_id`; rows are dicts (+ 'geometry')."""
    from qgis.core import QgsVectorLayer

    from municipal_gis.qgisio.features import make_feature, make_fields
    from municipal_gis.schema import catalogue

    spec = catalogue.layer(layer_id)
    uri = f"{geometry}?crs=EPSG:2100" if geometry else "None"
    layer = QgsVectorLayer(uri, name or layer_id, "memory")
    fields = make_fields(spec.all_fields)
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    feats = [make_feature(layer.fields(), {k: v for k, v in row.items() if k != "geometry"}, row.get("geometry"))
             for row in rows]
    assert layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


def features(layer_or_path):
    from qgis.core import QgsVectorLayer

    from municipal_gis.qgisio.features import to_python

    layer = layer_or_path if not isinstance(layer_or_path, str) else QgsVectorLayer(layer_or_path, "out", "ogr")
    assert layer.isValid()
    names = [f.name() for f in layer.fields()]
    return [dict(zip(names, [to_python(v) for v in f.attributes()])) | {"_geometry": f.geometry()}
            for f in layer.getFeatures()]


@pytest.fixture()
def property_layers(qgis_app):
    props = memory_layer("municipal_property", [
        {"property_code": "ΔΑ-001", "name": "Οικία Αποστολίδη", "property_type": "building", "kaek": "400160403048",
         "address": "Μεραρχίας 12", "geometry": rect(0, 0, 20, 30)},
        {"property_code": "ΔΑ-002", "name": "Οικόπεδο", "property_type": "land", "geometry": rect(100, 0, 130, 30)},
        {"property_code": "ΔΑ-003", "name": "Κιόσκι", "property_type": "building", "geometry": rect(200, 0, 210, 10)},
        {"property_code": "ΔΑ-004", "name": "Αγρός", "property_type": "agricultural_land",
         "geometry": rect(300, 0, 400, 50)},
    ])
    leases = memory_layer("lease", [
        {"lease_code": "Μ-1", "property_code": "ΔΑ-001", "lessee": LESSEE, "purpose": "shop",
         "start_date": dt.date(2020, 3, 1), "end_date": dt.date(2024, 2, 29), "annual_rent_eur": 1200.0,
         "status": "active"},
        {"lease_code": "Μ-2", "property_code": "ΔΑ-002", "lessee": "Άλλος Μισθωτής", "purpose": "parking",
         "start_date": dt.date(2019, 1, 1), "end_date": None, "annual_rent_eur": 730.0, "status": "active"},
        {"lease_code": "Μ-3", "property_code": "ΔΑ-003", "lessee": "Τρίτος", "purpose": "kiosk",
         "start_date": dt.date(2018, 1, 1), "end_date": dt.date(2023, 12, 31), "annual_rent_eur": 500.0,
         "status": "expired"},
        {"lease_code": "Μ-4", "property_code": "ΔΑ-999", "lessee": "Τέταρτος", "purpose": "shop",
         "start_date": dt.date(2022, 1, 1), "end_date": None, "annual_rent_eur": 100.0},
        {"lease_code": "Μ-5", "property_code": "ΔΑ-003", "lessee": "Πέμπτος", "purpose": "kiosk",
         "start_date": dt.date(2024, 5, 1), "end_date": dt.date(2024, 4, 1), "annual_rent_eur": 100.0},
    ], geometry=None)
    communities = memory_layer("community", [
        {"name": "Σέρρες", "geometry": rect(-50, -50, 250, 100)},
        {"name": "Λευκώνας", "geometry": rect(250, -50, 500, 100)},
    ])
    return props, leases, communities


def run_lease_status(props, leases, communities=None, **extra):
    from qgis import processing

    params = {"PROPERTIES": props, "LEASES": leases, "AS_OF": "2024-02-29", "EXPIRY_WINDOW_DAYS": 90,
              "OUTPUT": "memory:", "OUTPUT_RENT_ROLL": "memory:", "OUTPUT_PROBLEMS": "memory:"}
    if communities is not None:
        params["COMMUNITIES"] = communities
    params.update(extra)
    return processing.run("municipal_gis:lease_status", params)


def test_lease_status_outputs(provider, property_layers):
    props, leases, communities = property_layers
    result = run_lease_status(props, leases, communities)
    rows = {r["property_code"]: r for r in features(result["OUTPUT"])}
    # Μ-1 ends on the as-of date (a leap day): still in force, 0 days, expiring
    assert (rows["ΔΑ-001"]["status"], rows["ΔΑ-001"]["lease_code"], rows["ΔΑ-001"]["days_to_expiry"]) == (
        "expiring", "Μ-1", 0)
    assert rows["ΔΑ-001"]["end_date"] == dt.date(2024, 2, 29)
    assert (rows["ΔΑ-002"]["status"], rows["ΔΑ-002"]["days_to_expiry"]) == ("leased", None)
    assert rows["ΔΑ-003"]["status"] == "expired" and rows["ΔΑ-004"]["status"] == "vacant"
    assert rows["ΔΑ-001"]["community"] == "Σέρρες" and rows["ΔΑ-004"]["community"] == "Λευκώνας"
    assert rows["ΔΑ-001"]["_geometry"].area() == pytest.approx(600.0)
    assert "lessee" not in rows["ΔΑ-001"]
    problems = sorted((p["lease_code"], p["problem"], p["counted"]) for p in features(result["OUTPUT_PROBLEMS"]))
    assert problems == [("Μ-4", "unknown_property", False), ("Μ-5", "invalid_dates", False)]
    roll = {(r["group_by"], r["group_value"]): r for r in features(result["OUTPUT_RENT_ROLL"])}
    total = roll[("total", "")]
    m1_2024 = 1200.0 * 60 / 366  # 1 Jan – 29 Feb 2024
    assert total["year"] == 2024
    assert total["rent_prev_eur"] == pytest.approx(1200 + 730 + 500)
    assert total["rent_eur"] == pytest.approx(round(m1_2024 + 730, 2))
    assert not total["target_met"]
    assert roll[("community", "Σέρρες")]["rent_prev_eur"] == pytest.approx(2430.0)
    assert ("property_type", "agricultural_land") not in roll


def test_lessee_only_when_asked(provider, property_layers):
    props, leases, _ = property_layers
    result = run_lease_status(props, leases, INCLUDE_PERSONAL_DATA=True)
    rows = {r["property_code"]: r for r in features(result["OUTPUT"])}
    assert rows["ΔΑ-001"]["lessee"] == LESSEE and rows["ΔΑ-004"]["lessee"] is None


def test_csv_and_xlsx_export(provider, property_layers, tmp_path):
    props, leases, _ = property_layers
    out_csv, roll_xlsx, prob_xlsx = tmp_path / "status.csv", tmp_path / "roll.xlsx", tmp_path / "problems.xlsx"
    run_lease_status(props, leases, OUTPUT=str(out_csv), OUTPUT_RENT_ROLL=str(roll_xlsx),
                     OUTPUT_PROBLEMS=str(prob_xlsx))
    with open(out_csv, encoding="utf-8") as handle:
        rows = {r["property_code"]: r for r in csv.DictReader(handle)}
    assert rows["ΔΑ-001"]["status"] == "expiring" and "lessee" not in rows["ΔΑ-001"]
    text = out_csv.read_text(encoding="utf-8")
    assert LESSEE not in text
    roll = {(r["group_by"], r["group_value"] or ""): r for r in features(str(roll_xlsx))}
    assert roll[("total", "")]["rent_prev_eur"] == pytest.approx(2430.0)
    assert len(features(str(prob_xlsx))) == 2
    assert roll_xlsx.read_bytes()[:2] == b"PK"  # a real Office Open XML file


def test_lease_status_bad_date_is_a_clear_error(provider, property_layers):
    from qgis.core import QgsProcessingException, QgsVectorLayer

    props, _, _ = property_layers
    bad = QgsVectorLayer("None?field=lease_code:string&field=property_code:string&field=purpose:string"
                         "&field=start_date:string&field=end_date:string&field=annual_rent_eur:double"
                         "&field=status:string", "leases_csv", "memory")
    from qgis.core import QgsFeature

    feature = QgsFeature(bad.fields())
    feature.setAttributes(["Μ-9", "ΔΑ-001", "shop", "31/12/2024", None, 10.0, None])
    bad.dataProvider().addFeatures([feature])
    with pytest.raises(QgsProcessingException, match=r"leases_csv.*start_date"):
        run_lease_status(props, bad)
    missing = QgsVectorLayer("None?field=lease_code:string", "leases_short", "memory")
    with pytest.raises(QgsProcessingException, match=r"leases_short.*property_code"):
        run_lease_status(props, missing)


@pytest.fixture()
def parcel_layer(qgis_app):
    return memory_layer("parcel", [
        {"kaek": "400160403047", "owner_type": "municipal", "address": "Μεραρχίας 12", "geometry": rect(0, 0, 20, 30)},
        {"kaek": "400160403048", "owner_type": "private", "address": "Μεραρχίας 14", "geometry": rect(20, 0, 40, 30)},
        {"kaek": "400160403049", "owner_type": "private", "address": "Ερμού 3", "geometry": rect(0, 30, 20, 50)},
        {"kaek": "400160403050", "owner_type": "public", "address": "Ερμού 5", "geometry": rect(-20, -22, 0, -2)},
    ])


def test_encroachment_check(provider, property_layers, parcel_layer):
    from qgis import processing

    props, _, _ = property_layers
    occupation = memory_layer("parcel", [  # a surveyed fence line closed into polygons (no ΚΑΕΚ known)
        {"kaek": None, "geometry": rect(18.75, 0, 40, 30)},
        {"kaek": None, "geometry": rect(5, 29.98, 15, 45)},  # 2 cm sliver on the north side
    ], name="occupation")
    result = processing.run("municipal_gis:encroachment_check", {
        "PROPERTIES": props, "OCCUPIED": occupation, "PARCELS": parcel_layer, "RATE_EUR_M2_YEAR": 8.0,
        "PERIOD_START": "2024-01-01", "PERIOD_END": "2024-12-31", "TOLERANCE_M2": 0.5,
        "OUTPUT": "memory:", "OUTPUT_NOISE": "memory:"})
    pieces = features(result["OUTPUT"])
    noise = features(result["OUTPUT_NOISE"])
    assert len(pieces) == 1 and len(noise) == 1
    piece = pieces[0]
    assert piece["property_code"] == "ΔΑ-001" and piece["neighbour_kaek"] == "400160403048"
    assert piece["area_m2"] == pytest.approx(37.5, abs=1e-4)
    assert piece["_geometry"].area() == pytest.approx(37.5, abs=1e-4)
    assert piece["days"] == 366 and piece["fee_eur"] == round(37.5 * 8.0 * 366 / 365, 2)
    assert noise[0]["area_m2"] == pytest.approx(0.2, abs=1e-4) and noise[0]["neighbour_kaek"] == "400160403049"


def test_encroachment_private_parcels_as_occupied(provider, property_layers, parcel_layer):
    from qgis import processing

    props, _, _ = property_layers
    # a private parcel digitised 0.6 m into the municipal plot; the municipal parcel itself is ignored
    parcels = memory_layer("parcel", [
        {"kaek": "400160403047", "owner_type": "municipal", "geometry": rect(0, 0, 20, 30)},
        {"kaek": "400160403048", "owner_type": "private", "geometry": rect(19.4, 0, 40, 30)},
    ], name="parcels")
    result = processing.run("municipal_gis:encroachment_check", {
        "PROPERTIES": props, "OCCUPIED": parcels, "RATE_EUR_M2_YEAR": 10.0,
        "PERIOD_START": "2023-01-01", "PERIOD_END": "2023-06-30", "OUTPUT": "memory:", "OUTPUT_NOISE": "memory:"})
    pieces = features(result["OUTPUT"])
    assert [(p["neighbour_kaek"], round(p["area_m2"], 4), p["fee_eur"]) for p in pieces] == [
        ("400160403048", 18.0, round(18.0 * 10.0 * 181 / 365, 2))]


def test_encroachment_bad_period(provider, property_layers, parcel_layer):
    from qgis import processing
    from qgis.core import QgsProcessingException

    props, _, _ = property_layers
    with pytest.raises(QgsProcessingException, match="2023-01-01"):
        processing.run("municipal_gis:encroachment_check", {
            "PROPERTIES": props, "OCCUPIED": parcel_layer, "RATE_EUR_M2_YEAR": 10.0,
            "PERIOD_START": "2023-01-01", "PERIOD_END": "2022-06-30", "OUTPUT": "memory:", "OUTPUT_NOISE": "memory:"})


def test_neighbour_list(provider, property_layers, parcel_layer):
    from qgis import processing

    props, _, _ = property_layers
    result = processing.run("municipal_gis:neighbour_list", {
        "PROPERTIES": props, "PARCELS": parcel_layer, "DISTANCE_M": 0, "OUTPUT": "memory:"})
    rows = [(r["property_code"], r["kaek"], r["owner_type"]) for r in features(result["OUTPUT"])]
    assert rows == [("ΔΑ-001", "400160403048", "private"), ("ΔΑ-001", "400160403049", "private")]
    result = processing.run("municipal_gis:neighbour_list", {
        "PROPERTIES": props, "PARCELS": parcel_layer, "DISTANCE_M": 2.5, "OUTPUT": "memory:"})
    rows = [(r["kaek"], r["distance_m"]) for r in features(result["OUTPUT"])]
    assert rows == [("400160403048", 0.0), ("400160403049", 0.0), ("400160403050", 2.0)]


DIAGRAM_POLYGON = [(462010.37, 4548012.11), (462041.92, 4548009.58), (462044.05, 4548031.77),
                   (462025.5, 4548040.04), (462008.16, 4548033.2)]


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_topographic_diagram_pdf(provider, parcel_layer, tmp_path):
    from qgis import processing
    from shapely.geometry import LineString, Polygon

    polygon = Polygon(DIAGRAM_POLYGON)
    props = memory_layer("municipal_property", [
        {"property_code": "ΔΑ-010", "name": "Οικία Αποστολίδη", "kaek": "400160403099", "address": "Μεραρχίας 12",
         "ot_code": "209Α", "geometry": polygon},
        {"property_code": "ΔΑ-011", "geometry": rect(500, 500, 510, 510)},
    ])
    neighbours = memory_layer("parcel", [
        {"kaek": "400160403100", "owner_type": "private", "geometry": Polygon(
            [(462041.92, 4548009.58), (462070, 4548005), (462072, 4548030), (462044.05, 4548031.77)])},
        {"kaek": "400160403101", "owner_type": "public", "geometry": rect(200, 200, 210, 210)},
    ])
    streets = memory_layer("street", [
        {"name": "Μεραρχίας", "geometry": LineString([(461990, 4548000), (462060, 4547995)])},
        {"name": "Ερμού", "geometry": LineString([(462500, 4548500), (462600, 4548500)])},
    ], geometry="LineString")
    out = tmp_path / "diagram.pdf"
    result = processing.run("municipal_gis:topographic_diagram", {
        "INPUT": props, "CODE": "ΔΑ-010", "PARCELS": neighbours, "STREETS": streets, "OUTPUT": str(out)})
    # 35.9 m × 30.5 m with 15 % margins: 39.6 m high is 158 mm at 1:250, over the 150 mm frame -> 1:500
    assert result["SCALE"] == 500
    assert result["AREA_M2"] == pytest.approx(polygon.area)
    text = pdf_text(out)
    assert "ΤΟΠΟΓΡΑΦΙΚΟ ΔΙΑΓΡΑΜΜΑ" in text and "1:500" in text
    # every vertex, with its number, on one line of the coordinates table
    lines = text.splitlines()
    expected = {  # clockwise from the northernmost vertex
        1: (462025.5, 4548040.04), 2: (462044.05, 4548031.77), 3: (462041.92, 4548009.58),
        4: (462010.37, 4548012.11), 5: (462008.16, 4548033.2)}
    for number, (x, y) in expected.items():
        assert any(f"{x:.2f}" in line and f"{y:.2f}" in line and line.split()[0] == str(number) for line in lines), \
            number
    area = f"{polygon.area:,.2f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    assert area in text
    assert "400160403100" in text and "400160403101" not in text
    assert "Μεραρχίας" in text and "Ερμού" not in text
    side = ((462041.92 - 462044.05) ** 2 + (4548009.58 - 4548031.77) ** 2) ** 0.5
    assert f"{side:.2f}".replace(".", ",") in text


def test_topographic_diagram_english_and_errors(provider, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException

    props = memory_layer("municipal_property", [
        {"property_code": "ΔΑ-020", "geometry": rect(0, 0, 140, 20)},
        {"property_code": "ΔΑ-021", "geometry": rect(500, 500, 510, 510)},
    ])
    out = tmp_path / "diagram_en.pdf"
    result = processing.run("municipal_gis:topographic_diagram", {
        "INPUT": props, "CODE": "ΔΑ-020", "LANGUAGE": 1, "OUTPUT": str(out)})
    text = pdf_text(out)
    assert "TOPOGRAPHIC DIAGRAM" in text and result["SCALE"] == 1000
    assert "2,800.00 m²" in text
    with pytest.raises(QgsProcessingException, match="ΔΑ-999"):
        processing.run("municipal_gis:topographic_diagram", {"INPUT": props, "CODE": "ΔΑ-999",
                                                             "OUTPUT": str(tmp_path / "x.pdf")})
    with pytest.raises(QgsProcessingException, match="2 features"):
        processing.run("municipal_gis:topographic_diagram", {"INPUT": props, "OUTPUT": str(tmp_path / "x.pdf")})


@pytest.fixture()
def project_layers(qgis_new_project, property_layers, parcel_layer):
    from qgis.core import QgsProject

    props, leases, _ = property_layers
    extra = memory_layer("lease", [
        {"lease_code": "Μ-0", "property_code": "ΔΑ-001", "lessee": "Παλαιός Μισθωτής", "purpose": "storage",
         "start_date": dt.date(2012, 1, 1), "end_date": dt.date(2019, 12, 31), "annual_rent_eur": 800.0},
        {"lease_code": "Μ-6", "property_code": "ΔΑ-001", "lessee": "Νέος Μισθωτής", "purpose": "cafe",
         "start_date": dt.date(2024, 3, 1), "end_date": dt.date(2030, 2, 28), "annual_rent_eur": 1300.0},
    ], geometry=None)
    leases.dataProvider().addFeatures(list(extra.getFeatures()))
    encroachments = memory_layer("encroachment", [
        {"property_code": "ΔΑ-001", "area_m2": 37.5, "fee_eur": 300.0, "neighbour_kaek": "400160403048",
         "status": "detected", "geometry": rect(18.75, 0, 20, 30)}])
    zones = memory_layer("land_use_zone", [
        {"zone_code": "Ζ1", "category_code": "general_housing", "far": 1.6, "geometry": rect(-50, -50, 10, 100)},
        {"zone_code": "Ζ2", "category_code": "urban_centre", "far": 2.4, "geometry": rect(10, -50, 100, 100)}])
    layers = {"municipal_property": props, "lease": leases, "parcel": parcel_layer, "encroachment": encroachments,
              "land_use_zone": zones}
    for layer_id, layer in layers.items():
        layer.setCustomProperty("municipal_gis/layer_id", layer_id)
    QgsProject.instance().addMapLayers(list(layers.values()))
    yield layers
    QgsProject.instance().removeAllMapLayers()


def locate(locator_filter, text):
    from qgis.core import QgsFeedback, QgsLocatorContext

    found = []
    locator_filter.resultFetched.connect(found.append)
    context = QgsLocatorContext()
    locator_filter.prepare(text, context)
    locator_filter.fetchResults(text, context, QgsFeedback())
    locator_filter.resultFetched.disconnect(found.append)
    return found


def test_locator_filter(project_layers, qgis_iface):
    from municipal_gis.gui.locator import MunicipalLocatorFilter, parse_user_data

    locator_filter = MunicipalLocatorFilter(qgis_iface)
    props = project_layers["municipal_property"]
    results = locate(locator_filter, "Merarxias 12")
    assert [parse_user_data(r.userData)[0] for r in results] == ["municipal_property", "parcel"]
    assert results[0].displayString == "ΔΑ-001 – Οικία Αποστολίδη"
    results = locate(locator_filter, "400160403048")  # exact ΚΑΕΚ: the property carrying it and the parcel
    assert {parse_user_data(r.userData)[0] for r in results[:2]} == {"municipal_property", "parcel"}
    assert locate(locator_filter, "Σερρες") == []
    # the lessee is searchable (Greeklish) but not shown
    results = locate(locator_filter, "papadopoulos")
    assert [(parse_user_data(r.userData)[0], r.displayString) for r in results] == [("lease", "Μ-1 – shop")]
    assert all(LESSEE not in (r.displayString + r.description) for r in results)
    # choosing the lease selects its property; a clone shares the index
    clone = locator_filter.clone()
    clone.triggerResult(results[0])
    assert [props.getFeature(i).attribute("property_code") for i in props.selectedFeatureIds()] == ["ΔΑ-001"]
    result = locate(clone, "ΔΑ-003")[0]
    clone.triggerResult(result)
    assert [props.getFeature(i).attribute("property_code") for i in props.selectedFeatureIds()] == ["ΔΑ-003"]
    # an edit is picked up on the next search
    props.dataProvider().addFeatures([next(iter(memory_layer("municipal_property", [
        {"property_code": "ΔΑ-050", "name": "Πλατεία Ελευθερίας", "geometry": rect(600, 0, 650, 40)}]).getFeatures()))])
    assert [r.displayString for r in locate(locator_filter, "plateia eleftherias")] == [
        "ΔΑ-050 – Πλατεία Ελευθερίας"]


def test_property_card(project_layers, qgis_iface):
    from qgis.core import QgsProject

    from municipal_gis.gui.property_dock import PropertyDock, property_card_html

    props = project_layers["municipal_property"]
    feature = next(f for f in props.getFeatures() if f.attribute("property_code") == "ΔΑ-001")
    card = property_card_html(QgsProject.instance(), feature, as_of=dt.date(2024, 6, 1), language="el")
    assert "ΔΑ-001" in card and "Οικία Αποστολίδη" in card
    # leases: the current one (Μ-6) first, then the others by start date, newest first
    positions = [card.index(code) for code in ("Μ-6", "Μ-1", "Μ-0")]
    assert positions == sorted(positions)
    assert LESSEE not in card and "Νέος Μισθωτής" not in card
    assert "400160403048" in card and "400160403049" not in card  # parcel itself shares area; 049 only touches
    assert "Ζ1" in card and "Ζ2" in card and "50,0 %" in card  # the property straddles the zones 10 m / 10 m
    assert "37,50" in card  # the encroachment (Greek number format)
    dock = PropertyDock(qgis_iface)
    props.selectByIds([feature.id()])
    assert "Οικία Αποστολίδη" in dock.browser.toHtml()
    props.removeSelection()
    dock.unload()


def test_on_sample_municipality(provider, sample_gpkg, tmp_path):
    """The generated sample: every algorithm runs, and results agree with a direct shapely computation."""
    import shapely
    from qgis import processing
    from qgis.core import QgsVectorLayer

    from municipal_gis.core.topographic import diagram_geometry
    from municipal_gis.qgisio.features import read_source

    def layer(name):
        result = QgsVectorLayer(f"{sample_gpkg}|layername={name}", name, "ogr")
        assert result.isValid()
        return result

    props, leases, parcels, streets = layer("municipal_property"), layer("lease"), layer("parcel"), layer("street")
    result = run_lease_status(props, leases, layer("community"))
    rows = features(result["OUTPUT"])
    assert len(rows) == props.featureCount()
    assert {r["status"] for r in rows} <= {"leased", "expiring", "expired", "vacant"}

    # encroachment: private parcels over municipal land, checked against shapely directly
    result = processing.run("municipal_gis:encroachment_check", {
        "PROPERTIES": props, "OCCUPIED": parcels, "RATE_EUR_M2_YEAR": 5.0, "PERIOD_START": "2024-01-01",
        "PERIOD_END": "2024-12-31", "TOLERANCE_M2": 0.0, "OUTPUT": "memory:", "OUTPUT_NOISE": "memory:"})
    total = sum(r["area_m2"] for r in features(result["OUTPUT"]))
    p = read_source(props, ["property_code"])
    q = read_source(parcels, ["owner_type"])
    private = [g for g, o in zip(q.geometries, q.attributes["owner_type"]) if o != "municipal" and g is not None]
    expected = sum(shapely.area(shapely.intersection(g, m)) for g in private for m in p.geometries
                   if m is not None and g.intersects(m))
    assert total == pytest.approx(expected, abs=1e-3)

    # topographic diagram of the first property: every vertex in the PDF
    code = p.attributes["property_code"][0]
    geometry = p.geometries[0]
    out = tmp_path / "sample_diagram.pdf"
    processing.run("municipal_gis:topographic_diagram", {
        "INPUT": props, "CODE": code, "PARCELS": parcels, "STREETS": streets, "OUTPUT": str(out)})
    text = pdf_text(out)
    vertices = diagram_geometry(geometry).vertices
    if len(vertices) < 28:  # the table holds 28 rows
        for v in vertices:
            assert f"{v.x:.2f}" in text and f"{v.y:.2f}" in text
