"""municipal_gis:land_use_certificate and :verify_land_use_certificate through processing.run."""

import datetime as dt
import shutil
import subprocess

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QDate

X0, Y0 = 462_000.0, 4_548_000.0
CM2 = 1e-4


def _wkt_box(x0, y0, x1, y1):
    return (f"POLYGON(({X0 + x0} {Y0 + y0},{X0 + x1} {Y0 + y0},{X0 + x1} {Y0 + y1},"
            f"{X0 + x0} {Y0 + y1},{X0 + x0} {Y0 + y0}))")


def _layer(uri, rows):
    layer = QgsVectorLayer(uri, "layer", "memory")
    feats = []
    for wkt, attrs in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes(attrs)
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)
    return layer


@pytest.fixture()
def layers():
    parcels = _layer(
        "Polygon?crs=EPSG:2100&field=kaek:string&field=ot_code:string&field=address:string"
        "&field=registered_area_m2:double",
        [
            (_wkt_box(0, 0, 10, 10), ["400160403001", "101", "Ερμού 1", 100.0]),     # inside A
            (_wkt_box(36, 0, 46, 10), ["400160403002", "101", "Ερμού 3", 125.0]),    # A 4 m | B 6 m
            (_wkt_box(90, 0, 100, 10), ["400160403003", "102", None, None]),         # 7 m in B, rest unzoned
            (_wkt_box(0, 20, 10, 30), ["400160403004", "103", None, None]),          # A/C overlap strip
            (_wkt_box(20, 0, 30, 10), ["400160403004", "101", None, None]),          # duplicate ΚΑΕΚ
            (_wkt_box(60, 0, 70, 10), ["4001604", "102", None, None]),               # malformed
        ],
    )
    zones = _layer(
        "Polygon?crs=EPSG:2100&field=zone_code:string&field=category_code:string&field=far:double"
        "&field=coverage_pct:double&field=min_plot_area_m2:double&field=plan_name:string&field=fek_ref:string"
        "&field=valid_from:date&field=valid_to:date",
        [
            (_wkt_box(-50, -50, 40, 26), ["Α1", "residential_general", 0.8, 60.0, 80.0, "ΓΠΣ Σερρών",
                                          "2106/Β/21.9.2011", QDate(2011, 9, 21), None]),
            (_wkt_box(40, -50, 97, 15), ["Β2", "city_centre", 1.6, 70.0, 150.0, "ΓΠΣ Σερρών",
                                         "2106/Β/21.9.2011", QDate(2011, 9, 21), None]),
            (_wkt_box(-50, 24, 40, 60), ["Γ3", "green", 0.0, 0.0, None, "Τροποποίηση", "99/Δ/2024",
                                         QDate(2024, 1, 1), None]),
            (_wkt_box(-50, -50, 200, 200), ["ΠΑΛΙΑ", "residential_general", 0.4, 40.0, None, "Παλαιό σχέδιο",
                                            "1/Δ/1980", QDate(1980, 1, 1), QDate(2011, 9, 21)]),
        ],
    )
    return parcels, zones


def _rows(layer):
    from municipal_gis.qgisio.features import to_python

    return [{f.name(): to_python(feat[f.name()]) for f in layer.fields()} for feat in layer.getFeatures()]


def _run(provider, params):
    from qgis import processing

    return processing.run("municipal_gis:land_use_certificate", params)


def test_overlay_rows_and_problems(provider, layers, tmp_path):
    parcels, zones = layers
    result = _run(provider, {
        "PARCELS": parcels, "ZONING": zones, "AS_OF": QDate(2025, 1, 1),
        "KAEK_LIST": "400160403001\n400160403002\n400160403003\n400160403002\n999999999999\n12345\n400160403004",
        "OUTPUT": "memory:", "KAEK_PROBLEMS": "memory:",
    })
    rows = _rows(result["OUTPUT"])
    pieces = {(r["kaek"], r["zone_code"]): r for r in rows}
    assert set(pieces) == {("400160403001", "Α1"), ("400160403002", "Α1"), ("400160403002", "Β2"),
                           ("400160403003", "Β2"), ("400160403003", None)}
    assert pieces[("400160403001", "Α1")]["area_m2"] == pytest.approx(100.0, abs=CM2)
    assert pieces[("400160403001", "Α1")]["share_pct"] == pytest.approx(100.0)
    assert pieces[("400160403002", "Α1")]["area_m2"] == pytest.approx(40.0, abs=CM2)
    assert pieces[("400160403002", "Β2")]["area_m2"] == pytest.approx(60.0, abs=CM2)
    assert pieces[("400160403002", "Β2")]["share_registered_pct"] == pytest.approx(48.0)
    assert pieces[("400160403002", "Β2")]["max_floor_area_m2"] == pytest.approx(96.0)
    assert pieces[("400160403002", "Β2")]["max_footprint_m2"] == pytest.approx(42.0)
    assert pieces[("400160403002", "Β2")]["plan_name"] == "ΓΠΣ Σερρών"
    assert pieces[("400160403003", None)]["area_m2"] == pytest.approx(30.0, abs=CM2)
    assert pieces[("400160403003", None)]["share_pct"] == pytest.approx(30.0)
    for code in ("400160403001", "400160403002", "400160403003"):
        assert sum(r["share_pct"] for r in rows if r["kaek"] == code) == pytest.approx(100.0)
    problems = {(r["kaek"], r["problem"]) for r in _rows(result["KAEK_PROBLEMS"])}
    assert problems == {("400160403002", "duplicated"), ("999999999999", "not_found"), ("12345", "malformed"),
                        ("400160403004", "duplicated")}


def test_as_of_selects_plan_version_and_overlap_reported(provider, layers, tmp_path):
    parcels, zones = layers
    old = _rows(_run(provider, {"PARCELS": parcels, "ZONING": zones, "AS_OF": QDate(2000, 1, 1),
                                "KAEK_LIST": "400160403001", "OUTPUT": "memory:"})["OUTPUT"])
    assert [(r["zone_code"], round(r["share_pct"], 6)) for r in old] == [("ΠΑΛΙΑ", 100.0)]
    # the duplicate-ΚΑΕΚ parcel is left out; certify the overlap parcel through the whole layer instead
    rows = _rows(_run(provider, {"PARCELS": parcels, "ZONING": zones, "AS_OF": QDate(2025, 1, 1),
                                 "OUTPUT": "memory:"})["OUTPUT"])
    assert not any(r["kaek"] == "400160403004" for r in rows)
    assert not any(r["overlap"] for r in rows)


def test_overlap_piece_and_sliver(provider, tmp_path):
    parcels = _layer("Polygon?crs=EPSG:2100&field=kaek:string",
                     [(_wkt_box(0, 20, 10, 30), ["400160403004"]), (_wkt_box(100, 0, 110, 10), ["400160403005"])])
    zones = _layer("Polygon?crs=EPSG:2100&field=zone_code:string&field=far:double",
                   [(_wkt_box(-50, -50, 40, 26), ["Α1", 0.8]), (_wkt_box(-50, 24, 40, 60), ["Γ3", 0.0]),
                    (_wkt_box(50, -50, 109.95, 15), ["Δ1", 1.2]), (_wkt_box(109.95, -50, 150, 15), ["Β2", 1.6])])
    rows = _rows(_run(provider, {"PARCELS": parcels, "ZONING": zones, "OUTPUT": "memory:"})["OUTPUT"])
    got = {(r["kaek"], r["zone_code"]): (round(r["area_m2"], 4), r["overlap"], r["sliver"]) for r in rows}
    assert got == {
        ("400160403004", "Α1"): (40.0, False, False),
        ("400160403004", "Α1 + Γ3"): (20.0, True, False),
        ("400160403004", "Γ3"): (40.0, False, False),
        ("400160403005", "Δ1"): (99.5, False, False),
        ("400160403005", "Β2"): (0.5, False, True),
    }
    overlap_row = next(r for r in rows if r["overlap"])
    assert overlap_row["max_floor_area_m2"] is None  # no terms derived where zones overlap


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils needed")
def test_pdf_register_and_verify(provider, layers, tmp_path):
    from qgis import processing

    from municipal_gis.layers import register
    from municipal_gis.layers.database import DatabaseLocation, create_database

    parcels, zones = layers
    db = create_database(DatabaseLocation.parse(str(tmp_path / "m.gpkg")))
    out = tmp_path / "pdf"
    result = _run(provider, {
        "PARCELS": parcels, "ZONING": zones, "AS_OF": QDate(2025, 1, 1),
        "KAEK_LIST": "400160403002\n400160403003\n12345", "OUTPUT": "memory:", "OUTPUT_REPORT": str(out),
        "DATABASE": db.path, "ISSUE": True, "PROTOCOL_NO": "4521/2025",
    })
    year = dt.datetime.now().astimezone().year
    assert result["CERTIFICATES"] == 2
    assert result["ISSUED"] == f"{year}/0001, {year}/0002"
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 2
    text = subprocess.run(["pdftotext", "-layout", str(pdfs[0]), "-"], capture_output=True, text=True).stdout
    assert "400160403002" in text and "ΒΕΒΑΙΩΣΗ ΧΡΗΣΕΩΝ ΓΗΣ" in text
    assert "Α1" in text and "Β2" in text and "40,00" in text and "60,00" in text
    # the zone table itself: header and one row per zone piece, each on its own line
    assert "Εμβαδόν" in text and "(τ.μ.)" in text
    rows = [line.split() for line in text.splitlines() if line.strip().startswith(("Α1", "Β2"))]
    table = {row[0]: row for row in rows if len(row) > 3}
    assert set(table) == {"Α1", "Β2"} and "40,00" in table["Α1"] and "60,00" in table["Β2"], rows
    assert f"{year}/0001" in text and "4521/2025" in text and "2106/Β/21.9.2011" in text
    assert "ΦΕΚ ΦΕΚ" not in text
    entries = register.entries(db)
    assert [e.kaek for e in entries] == ["400160403002", "400160403003"]
    assert entries[0].verification_code in text
    assert {r["zone_code"] for r in entries[0].result_rows} == {"Α1", "Β2"}
    assert (out / "summary.csv").exists() and "12345" in (out / "problems.csv").read_text(encoding="utf-8-sig")

    ok = processing.run("municipal_gis:verify_land_use_certificate", {"PDF": str(pdfs[0]), "DATABASE": db.path})
    assert ok["VALID"] and ok["CERTIFICATE_NO"] == f"{year}/0001" and ok["KAEK"] == "400160403002"
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(pdfs[0].read_bytes().replace(b"%%EOF", b"%%EOF\n%"))
    assert not processing.run("municipal_gis:verify_land_use_certificate",
                              {"PDF": str(forged), "DATABASE": db.path})["VALID"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils needed")
def test_draft_pdf_in_english(provider, layers, tmp_path):
    parcels, zones = layers
    out = tmp_path / "draft"
    _run(provider, {"PARCELS": parcels, "ZONING": zones, "AS_OF": QDate(2025, 1, 1), "KAEK_LIST": "400160403003",
                    "OUTPUT": "memory:", "OUTPUT_REPORT": str(out), "LANGUAGE": 1})
    text = subprocess.run(["pdftotext", "-layout", str(out / "400160403003.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "LAND-USE CERTIFICATE" in text and "DRAFT" in text and "(no zone)" in text and "30.00" in text


def test_unreadable_layout_template_is_a_clear_failure(provider, layers, tmp_path, monkeypatch):
    """The municipality edits the certificate template; a broken one names the parcel, folder and file."""
    from qgis.core import QgsProcessingException

    from municipal_gis.printing import certificate as _certificate_pdf

    broken = tmp_path / "land_use_certificate.qpt"
    broken.write_text("<Layout><unclosed>", encoding="utf-8")
    monkeypatch.setattr(_certificate_pdf, "layout_path", lambda name: broken)
    parcels, zones = layers
    out = tmp_path / "pdf"
    with pytest.raises(QgsProcessingException, match=r"ΚΑΕΚ 400160403003: .* written to .*pdf: Layout template "
                                                     r".*land_use_certificate\.qpt cannot be read"):
        _run(provider, {"PARCELS": parcels, "ZONING": zones, "KAEK_LIST": "400160403003", "OUTPUT": "memory:",
                        "OUTPUT_REPORT": str(out)})
    assert not list(out.glob("*.pdf"))


def test_bad_input_messages(provider, layers):
    from qgis.core import QgsProcessingException

    parcels, zones = layers
    no_crs = _layer("Polygon?crs=&field=kaek:string", [("POLYGON((462000 4548000,462010 4548000,462010 4548010,"
                                                   "462000 4548000))", ["400160403001"])])
    with pytest.raises(QgsProcessingException, match="Layer layer has no coordinate reference system"):
        _run(provider, {"PARCELS": no_crs, "ZONING": zones, "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="register database"):
        _run(provider, {"PARCELS": parcels, "ZONING": zones, "OUTPUT": "memory:", "ISSUE": True})


# --- bulk reading of GeoPackage layers: the same data as QGIS's feature iterator ------------------

def _write_gpkg(path, layer_name, fields, rows, geometry_type=None):
    """A GeoPackage layer written with OGR: fields [(name, ogr type[, subtype])], rows [(wkt|None, values)]."""
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2100)
    ds = ogr.Open(str(path), 1) if path.exists() else ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer(layer_name, srs, geometry_type or ogr.wkbMultiPolygon, ["GEOMETRY_NAME=geom"])
    for name, kind, *sub in fields:
        definition = ogr.FieldDefn(name, kind)
        if sub:
            definition.SetSubType(sub[0])
        layer.CreateField(definition)
    for wkt, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for (name, *_), value in zip(fields, values):
            if value is not None:
                feature.SetField(name, value)
        if wkt:
            feature.SetGeometryDirectly(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    ds = None


def test_bulk_reader_matches_qgis_iterator(provider, tmp_path):
    import shapely
    from osgeo import ogr
    from qgis.core import QgsProcessingFeatureSourceDefinition

    from municipal_gis.qgisio.features import bulk_readable_layer, read_layer_bulk, read_source

    path = tmp_path / "types.gpkg"
    fields = [("s", ogr.OFTString), ("i", ogr.OFTInteger), ("big", ogr.OFTInteger64), ("r", ogr.OFTReal),
              ("d", ogr.OFTDate), ("b", ogr.OFTInteger, ogr.OFSTBoolean)]
    bowtie = f"MULTIPOLYGON((({X0} {Y0},{X0 + 10} {Y0 + 10},{X0 + 10} {Y0},{X0} {Y0 + 10},{X0} {Y0})))"
    rows = [
        (_wkt_box(0, 0, 10, 10), ["Ερμού 1", 3, 2 ** 40, 1.25, "2024/01/02", 1]),
        (None, [None, None, None, None, None, None]),
        (bowtie, ["x", -1, 0, 0.1, "1980/12/31", 0]),
        (f"MULTIPOLYGON((({X0} {Y0},{X0 + 1} {Y0},{X0 + 1} {Y0 + 1},{X0} {Y0})),"
         f"(({X0 + 5} {Y0},{X0 + 6} {Y0},{X0 + 6} {Y0 + 1},{X0 + 5} {Y0})))", ["", 0, None, None, None, None]),
    ]
    _write_gpkg(path, "t", fields, rows)
    layer = QgsVectorLayer(f"{path}|layername=t", "t", "ogr")
    for names in (None, ["s", "r"], []):
        slow = read_source(layer, names)
        fast = read_layer_bulk(layer, names)
        assert fast is not None
        assert fast.fids.tolist() == slow.fids.tolist()
        assert fast.attributes == slow.attributes
        assert [None if g is None else shapely.to_wkb(g) for g in fast.geometries] == \
               [None if g is None else shapely.to_wkb(g) for g in slow.geometries]
    assert read_layer_bulk(layer, ["s"], with_geometry=False).geometries.tolist() == [None] * 4
    with pytest.raises(KeyError, match="nope"):
        read_layer_bulk(layer, ["nope"])
    # only plain, unfiltered layers are read in bulk
    assert bulk_readable_layer(layer, None) is layer
    assert bulk_readable_layer(QgsProcessingFeatureSourceDefinition(layer.id(), True), None) is None
    filtered = QgsVectorLayer(f"{path}|layername=t", "t", "ogr")
    filtered.setSubsetString('"i" > 0')
    assert bulk_readable_layer(filtered, None) is None
    memory = _layer("Polygon?crs=EPSG:2100&field=kaek:string", [(_wkt_box(0, 0, 1, 1), ["1"])])
    assert bulk_readable_layer(memory, None) is None


def test_geopackage_and_memory_layers_give_the_same_output(provider, layers, tmp_path):
    """The bulk GeoPackage path and the QGIS iterator path agree, invalid parcels included (repaired in both)."""
    from osgeo import ogr

    from municipal_gis.qgisio.features import read_source

    parcels, zones = layers
    bowtie = (f"POLYGON(({X0 + 200} {Y0},{X0 + 210} {Y0 + 10},{X0 + 210} {Y0},{X0 + 200} {Y0 + 10},"
              f"{X0 + 200} {Y0}))")
    parcels.dataProvider().addFeatures([_feature(parcels, bowtie, ["400160403009", "104", None, 150.0])])
    path = tmp_path / "m.gpkg"
    p = read_source(parcels)
    _write_gpkg(path, "parcel", [("kaek", ogr.OFTString), ("ot_code", ogr.OFTString), ("address", ogr.OFTString),
                                 ("registered_area_m2", ogr.OFTReal)],
                [(g.wkt, [p.attributes[n][i] for n in ("kaek", "ot_code", "address", "registered_area_m2")])
                 for i, g in enumerate(p.geometries)])
    z = read_source(zones)
    zone_names = [f.name() for f in zones.fields()]
    _write_gpkg(path, "land_use_zone",
                [(n, ogr.OFTDate if n.startswith("valid") else (ogr.OFTReal if n in (
                    "far", "coverage_pct", "min_plot_area_m2") else ogr.OFTString)) for n in zone_names],
                [(g.wkt, [(v.strftime("%Y/%m/%d") if hasattr(v, "strftime") else v)
                          for v in (z.attributes[n][i] for n in zone_names)]) for i, g in enumerate(z.geometries)])
    gp = QgsVectorLayer(f"{path}|layername=parcel", "parcel", "ogr")
    gz = QgsVectorLayer(f"{path}|layername=land_use_zone", "land_use_zone", "ogr")
    assert gp.isValid() and gz.isValid()

    def run(parcel_layer, zone_layer, with_geometry=True):
        result = _run(provider, {"PARCELS": parcel_layer, "ZONING": zone_layer, "AS_OF": QDate(2025, 1, 1),
                                 "OUTPUT": "memory:", "KAEK_PROBLEMS": "memory:", "OUTPUT_GEOMETRY": with_geometry})
        rows = _rows(result["OUTPUT"])
        key = [(r["kaek"], r["zone_code"] or "", round(r["area_m2"], 6), r["sliver"], r["overlap"], r["plan_name"],
                r["max_floor_area_m2"] and round(r["max_floor_area_m2"], 6)) for r in rows]
        return sorted(key), result["OUTPUT"]

    from_memory, memory_layer = run(parcels, zones)
    from_gpkg, gpkg_layer = run(gp, gz)
    table, table_layer = run(gp, gz, with_geometry=False)
    assert from_memory == from_gpkg == table
    # the bow-tie parcel was repaired, not dropped: two 25 m² triangles, outside every zone in force in 2025
    bowtie_rows = [r for r in from_gpkg if r[0] == "400160403009"]
    assert [(r[1], r[2]) for r in bowtie_rows] == [("", 50.0)]
    assert "zone_fid" in gpkg_layer.fields().names() and "fid" not in gpkg_layer.fields().names()
    assert memory_layer.wkbType() == gpkg_layer.wkbType() and not table_layer.isSpatial()
    areas = sorted(round(f.geometry().area(), 6) for f in gpkg_layer.getFeatures())
    assert areas == sorted(r[2] for r in from_gpkg)

    # "selected features only" goes through QGIS's iterator and is honoured
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject

    QgsProject.instance().addMapLayer(gp)
    try:
        gp.selectByIds([f.id() for f in gp.getFeatures() if f["kaek"] == "400160403002"])
        selected, _ = run(QgsProcessingFeatureSourceDefinition(gp.id(), True), gz)
    finally:
        QgsProject.instance().removeMapLayer(gp.id())
    assert selected == [r for r in from_memory if r[0] == "400160403002"] and len(selected) == 2


def _feature(layer, wkt, attrs):
    feature = QgsFeature(layer.fields())
    feature.setAttributes(attrs)
    feature.setGeometry(QgsGeometry.fromWkt(wkt))
    return feature


def test_blocks_in_threads_give_the_same_output(provider, layers, tmp_path, monkeypatch):
    """The overlay streamed to the sink in many small blocks (worker threads) = one block."""
    from municipal_gis.core import overlay as core_overlay

    parcels, zones = layers
    codes = "400160403001\n400160403002\n400160403003"

    def run(block_min, folder):
        monkeypatch.setattr(core_overlay, "BLOCK_MIN", block_min)
        result = _run(provider, {"PARCELS": parcels, "ZONING": zones, "AS_OF": QDate(2025, 1, 1),
                                 "OUTPUT": "memory:"})
        drafts = _run(provider, {"PARCELS": parcels, "ZONING": zones, "AS_OF": QDate(2025, 1, 1),
                                 "KAEK_LIST": codes, "OUTPUT": "memory:", "OUTPUT_REPORT": str(folder)})
        geometries = [f.geometry().asWkb() for f in result["OUTPUT"].getFeatures()]
        assert drafts["CERTIFICATES"] == 3
        return _rows(result["OUTPUT"]), geometries, (folder / "summary.csv").read_text(encoding="utf-8-sig")

    one = run(10**9, tmp_path / "one")
    many = run(1, tmp_path / "many")  # one parcel per block
    assert len(one[0]) >= 5 and one == many


@pytest.mark.parametrize("bad", [1e308, float("nan"), float("inf"), -5.0])
def test_absurd_registered_area_is_a_problem_not_a_share(provider, layers, bad):
    """A title area of 1e308 once gave a share of 7.7e-304 %: now it is a problem row naming layer,
    feature and field, and the share of the title area stays empty."""
    parcels, zones = layers
    feature = next(f for f in parcels.getFeatures() if f["kaek"] == "400160403001")
    assert parcels.dataProvider().changeAttributeValues({feature.id(): {parcels.fields().indexOf(
        "registered_area_m2"): bad}})
    result = _run(provider, {"PARCELS": parcels, "ZONING": zones, "AS_OF": QDate(2025, 1, 1),
                             "KAEK_LIST": "400160403001", "OUTPUT": "TEMPORARY_OUTPUT",
                             "KAEK_PROBLEMS": "TEMPORARY_OUTPUT"})
    rows = _rows(result["OUTPUT"])
    assert len(rows) == 1 and rows[0]["share_pct"] == pytest.approx(100.0)
    assert rows[0]["share_registered_pct"] is None
    problems = _rows(result["KAEK_PROBLEMS"])
    assert [p["problem"] for p in problems] == ["bad_registered_area"]
    assert "registered_area_m2" in problems[0]["detail"] and f"feature {feature.id()}" in problems[0]["detail"]
