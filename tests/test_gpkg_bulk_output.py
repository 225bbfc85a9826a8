"""GeoPackage output of land_use_certificate written in bulk (qgisio/gpkg_writer.py): the same
layer as QGIS's own sink writes, a normal GeoPackage for QGIS and GDAL, and nothing half-written."""

import shutil
import sqlite3
import subprocess

import pytest
from qgis.core import QgsFeatureRequest, QgsProcessingFeedback, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtCore import QDate

from tests.test_alg_land_use_certificate import X0, Y0, _layer, _wkt_box


@pytest.fixture()
def city():
    """A grid of 12 × 8 parcels of 10 × 10 m under three zones (one with a date, one boolean-ish code)."""
    rows, n = [], 0
    for i in range(12):
        for j in range(8):
            n += 1
            rows.append((_wkt_box(10 * i, 10 * j, 10 * i + 10, 10 * j + 10),
                         [f"40016040{n:04d}", str(i), 100.0 + (n % 3)]))
    parcels = _layer("Polygon?crs=EPSG:2100&field=kaek:string&field=ot_code:string"
                     "&field=registered_area_m2:double", rows)
    zones = _layer(
        "Polygon?crs=EPSG:2100&field=zone_code:string&field=far:double&field=coverage_pct:double"
        "&field=max_floors:integer&field=plan_name:string&field=valid_from:date",
        [(_wkt_box(-5, -5, 47, 85), ["Α1", 0.8, 60.0, 3, "ΓΠΣ", QDate(2011, 9, 21)]),
         (_wkt_box(47, -5, 95, 43), ["Β2", 1.6, 70.0, 5, "ΓΠΣ", QDate(2011, 9, 21)]),
         (_wkt_box(40, 43, 95, 85), ["Γ3", 0.0, 0.0, None, None, None])])  # overlaps Α1 on 40..47
    return parcels, zones


def _run(provider, parcels, zones, output, geometry=True, feedback=None):
    from qgis import processing

    return processing.run("municipal_gis:land_use_certificate", {
        "PARCELS": parcels, "ZONING": zones, "OUTPUT": output, "OUTPUT_GEOMETRY": geometry}, feedback=feedback)


def _schema_and_rows(path, table):
    with sqlite3.connect(path) as con:
        schema = con.execute("SELECT sql FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
        meta = (con.execute("SELECT data_type, srs_id FROM gpkg_contents WHERE table_name=?", (table,)).fetchone(),
                con.execute("SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns "
                            "WHERE table_name=?", (table,)).fetchone())
        triggers = sorted(r[0] for r in con.execute(
            "SELECT sql FROM sqlite_master WHERE type='trigger' AND tbl_name=?", (table,)))
    layer = QgsVectorLayer(f"{path}|layername={table}", "out", "ogr")
    assert layer.isValid()
    rows = sorted((tuple(f.attributes()[1:]), f.geometry().asWkt(3)) for f in layer.getFeatures())
    types = [(f.name(), f.typeName()) for f in layer.fields()]
    return schema.replace(f'"{table}"', "T"), meta, [t.replace(table, "T") for t in triggers], rows, types, layer


@pytest.mark.parametrize("geometry", [True, False])
def test_bulk_geopackage_equals_the_sink_written_one(provider, city, tmp_path, monkeypatch, geometry):
    from municipal_gis.qgisio import gpkg_writer

    parcels, zones = city
    bulk_path, sink_path = str(tmp_path / "bulk.gpkg"), str(tmp_path / "sink.gpkg")
    calls = []
    real = gpkg_writer.open_bulk
    monkeypatch.setattr(gpkg_writer, "open_bulk", lambda *a: calls.append(real(*a)) or calls[-1])
    _run(provider, parcels, zones, bulk_path, geometry)
    assert calls and calls[0] is not None  # the bulk path was taken
    monkeypatch.setattr(gpkg_writer, "open_bulk", lambda *a: None)
    _run(provider, parcels, zones, sink_path, geometry)

    bulk, sink = _schema_and_rows(bulk_path, "bulk"), _schema_and_rows(sink_path, "sink")
    assert bulk[0] == sink[0]  # table definition: field names and types
    assert bulk[1] == sink[1]  # gpkg_contents / gpkg_geometry_columns: kind, CRS 2100, MULTIPOLYGON
    assert bulk[2] == sink[2]  # the same triggers (R-tree upkeep, feature count) after the load
    assert bulk[4] == sink[4]
    assert len(bulk[3]) == len(sink[3]) == 119  # 96 parcels, cut by zone edges, the Α1|Γ3 overlap and the unzoned margin
    assert bulk[3] == sink[3]  # every value and geometry
    layer = bulk[5]
    assert layer.featureCount() == len(bulk[3])
    if geometry:
        assert layer.crs().authid() == "EPSG:2100"
        ext = layer.extent()
        assert (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()) == pytest.approx(
            (X0, Y0, X0 + 120, Y0 + 80), abs=1e-6)
        with sqlite3.connect(bulk_path) as con:
            assert con.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents").fetchone() == \
                pytest.approx((X0, Y0, X0 + 120, Y0 + 80))
            assert con.execute("SELECT feature_count FROM gpkg_ogr_contents").fetchone()[0] == 119
            # the R-tree holds every piece with its envelope, and SQLite finds it consistent
            assert con.execute("SELECT count(*) FROM rtree_bulk_geom").fetchone()[0] == 119
            assert con.execute("SELECT rtreecheck('rtree_bulk_geom')").fetchone()[0] == "ok"
            # the spatial index answers: pieces within the parcel at column 5, row 2 (x 50..60, y 20..30)
            hits = con.execute("SELECT count(*) FROM rtree_bulk_geom WHERE minx >= ? AND maxx <= ? AND miny >= ? "
                               "AND maxy <= ?", (X0 + 49.9, X0 + 60.1, Y0 + 19.9, Y0 + 30.1)).fetchone()[0]
            assert hits == 1
        request = QgsFeatureRequest().setFilterRect(QgsRectangle(X0 + 41, Y0 + 51, X0 + 44, Y0 + 54))
        found = sorted(f["zone_code"] for f in layer.getFeatures(request))
        assert found == ["Α1 + Γ3"]  # the overlap piece of the parcel at x 40..50, y 50..60
    else:
        assert layer.featureCount() == 119


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL tools needed")
def test_bulk_geopackage_opens_in_gdal(provider, city, tmp_path):
    parcels, zones = city
    path = str(tmp_path / "pieces.gpkg")
    _run(provider, parcels, zones, path)
    out = subprocess.run(["ogrinfo", "-so", "-al", path], capture_output=True, text=True, check=True).stdout
    assert "Geometry: Multi Polygon" in out
    assert "Feature Count: 119" in out
    assert 'ID["EPSG",2100]' in out
    assert "area_m2: Real" in out and "sliver: Integer(Boolean)" in out and "max_floors: Integer" in out
    check = subprocess.run(["ogrinfo", "-q", path, "-sql", "SELECT HasSpatialIndex('pieces', 'geom')"],
                           capture_output=True, text=True, check=True).stdout
    assert "= 1" in check
    # a spatial filter answers through the R-tree
    spat = subprocess.run(["ogrinfo", "-q", "-al", "-spat", str(X0 + 1), str(Y0 + 1), str(X0 + 9), str(Y0 + 9),
                           path], capture_output=True, text=True, check=True).stdout
    assert spat.count("OGRFeature(pieces)") == 1 and "400160400001" in spat


def test_existing_file_is_overwritten_and_layer_added(provider, city, tmp_path):
    parcels, zones = city
    path = tmp_path / "out.gpkg"
    _run(provider, parcels, zones, str(path))
    _run(provider, parcels, zones, str(path))  # a plain path: QGIS overwrites the file (119 rows, not 238)
    with sqlite3.connect(path) as con:
        assert [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")] == ["out"]
        assert con.execute('SELECT count(*) FROM "out"').fetchone()[0] == 119
    # a layer added to an existing GeoPackage (QGIS's "ogr:" destination) keeps the other layers
    _run(provider, parcels, zones, f"ogr:dbname='{path}' table=\"second\" (geom)")
    with sqlite3.connect(path) as con:
        assert sorted(r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")) == ["out", "second"]
        assert con.execute('SELECT count(*) FROM "second"').fetchone()[0] == 119
        assert con.execute('SELECT count(*) FROM "out"').fetchone()[0] == 119


def test_cancelled_run_leaves_no_half_written_layer(provider, city, tmp_path, monkeypatch):
    from qgis.core import QgsProcessingException

    from municipal_gis.qgisio import gpkg_writer

    parcels, zones = city
    feedback = QgsProcessingFeedback()
    real = gpkg_writer.GeoPackageBulkWriter.add_rows

    def add_then_cancel(self, *args):
        real(self, *args)
        feedback.cancel()  # the user presses Cancel while the rows are being written

    monkeypatch.setattr(gpkg_writer.GeoPackageBulkWriter, "add_rows", add_then_cancel)
    path = tmp_path / "cancelled.gpkg"
    with pytest.raises(QgsProcessingException):
        _run(provider, parcels, zones, str(path), feedback=feedback)
    assert not path.exists()  # the only layer: the file is gone
    # into an existing GeoPackage: its other layers stay, the cancelled one is not there
    keep = tmp_path / "keep.gpkg"
    monkeypatch.setattr(gpkg_writer.GeoPackageBulkWriter, "add_rows", real)
    _run(provider, parcels, zones, str(keep))
    with sqlite3.connect(keep) as con:
        assert con.execute('SELECT count(*) FROM "keep"').fetchone()[0] == 119
    # cancelled while adding a layer to it: its other layer stays whole, the new one is not there
    monkeypatch.setattr(gpkg_writer.GeoPackageBulkWriter, "add_rows", add_then_cancel)
    feedback = QgsProcessingFeedback()
    with pytest.raises(QgsProcessingException):
        _run(provider, parcels, zones, f"ogr:dbname='{keep}' table=\"second\" (geom)", feedback=feedback)
    with sqlite3.connect(keep) as con:
        assert [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")] == ["keep"]
        assert con.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE '%second%'").fetchone()[0] == 0
        assert con.execute('SELECT count(*) FROM "keep"').fetchone()[0] == 119
    assert QgsVectorLayer(f"{keep}|layername=keep", "k", "ogr").featureCount() == 119


def test_bulk_output_is_loaded_on_completion(provider, city, tmp_path):
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingOutputLayerDefinition, QgsProject

    parcels, zones = city
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    path = str(tmp_path / "loaded.gpkg")
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("municipal_gis:land_use_certificate")
    output = QgsProcessingOutputLayerDefinition(path, QgsProject.instance())  # as the dialog asks for it
    result, ok = algorithm.run({"PARCELS": parcels, "ZONING": zones, "OUTPUT": output}, context,
                               QgsProcessingFeedback())
    assert ok
    assert result["OUTPUT"] in context.layersToLoadOnCompletion()
    layer = QgsVectorLayer(result["OUTPUT"], "loaded", "ogr")
    assert layer.isValid() and layer.featureCount() == 119
    assert abs(sum(f["area_m2"] for f in layer.getFeatures()) - 96 * 100.0) < 1e-4  # every parcel, whole


@pytest.mark.parametrize("n", [1, 50, 51, 52, 3000, 20_000])
def test_packed_rtree_is_valid_and_answers_like_a_scan(n, tmp_path):
    """write_packed_rtree: one leaf, exactly full, one over, several levels; rtreecheck() and queries."""
    import numpy as np

    from municipal_gis.qgisio.gpkg_writer import write_packed_rtree

    rng = np.random.default_rng(n)
    lo = rng.uniform(0, 1, (n, 2)) * 10_000 + [X0, Y0]
    boxes = np.hstack([lo, lo + rng.uniform(0.01, 40, (n, 2))])
    ids = np.arange(1, n + 1) * 3  # ids need not be consecutive
    con = sqlite3.connect(tmp_path / "r.sqlite")
    con.execute("PRAGMA page_size=1024")  # node size 1024 - 64 = 960: fan-out 39
    con.execute("CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy)")
    write_packed_rtree(con, "r", ids, boxes)
    con.commit()
    assert con.execute("SELECT rtreecheck('r')").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM r").fetchone()[0] == n
    for qx, qy in rng.uniform(0, 10_000, (20, 2)) + [X0, Y0]:
        q = (qx, qx + 300, qy, qy + 300)
        found = {r[0] for r in con.execute("SELECT id FROM r WHERE maxx >= ? AND minx <= ? AND maxy >= ? "
                                            "AND miny <= ?", (q[0], q[1], q[2], q[3]))}
        # float32 storage rounds outwards: every true hit is found, and nothing far off
        hit = (boxes[:, 2] >= q[0]) & (boxes[:, 0] <= q[1]) & (boxes[:, 3] >= q[2]) & (boxes[:, 1] <= q[3])
        assert set(ids[hit].tolist()) <= found
        near = (boxes[:, 2] >= q[0] - 1) & (boxes[:, 0] <= q[1] + 1) & (boxes[:, 3] >= q[2] - 1) & (
            boxes[:, 1] <= q[3] + 1)
        assert found <= set(ids[near].tolist())
    # the tree stays usable for edits after the bulk load
    con.execute("DELETE FROM r WHERE id % 2 = 0")
    con.execute("INSERT INTO r VALUES (1, ?, ?, ?, ?)", (X0, X0 + 1, Y0, Y0 + 1))
    con.commit()
    assert con.execute("SELECT rtreecheck('r')").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM r").fetchone()[0] == int((ids % 2 == 1).sum()) + 1
