"""Shapefiles read in bulk (qgisio.features.read_layer_bulk) give exactly what QGIS's own reading
gives — text decoded with the layer's encoding as QGIS decodes it (.cpg UTF-8 or CP1253, or the
encoding a user set on the layer) — or are not read in bulk at all (no .cpg and bytes that are not
UTF-8, an encoding Python does not decode as Qt does, a spot check that disagrees). Cadastre
deliveries come as Shapefiles: certifying from them takes the bulk path and gives the rows that the
same data in a GeoPackage gives."""

import pytest
import shapely
from qgis.core import QgsVectorLayer

from municipal_gis.qgisio import features
from municipal_gis.qgisio.features import read_layer_bulk, read_source

X0, Y0 = 462_000.0, 4_548_000.0
GREEK = ["Αμιγής κατοικία", "Γενική κατοικία «Β»", None, "Πράσινο — ΚΧ", "plain"]


def _box(x0, y0, x1, y1):
    return f"POLYGON(({X0 + x0} {Y0 + y0},{X0 + x1} {Y0 + y0},{X0 + x1} {Y0 + y1},{X0 + x0} {Y0 + y1},{X0 + x0} {Y0 + y0}))"


def _rows():
    holed = (f"POLYGON(({X0} {Y0 + 50},{X0 + 30} {Y0 + 50},{X0 + 30} {Y0 + 80},{X0} {Y0 + 80},{X0} {Y0 + 50}),"
             f"({X0 + 10} {Y0 + 60},{X0 + 10} {Y0 + 70},{X0 + 20} {Y0 + 70},{X0 + 20} {Y0 + 60},{X0 + 10} {Y0 + 60}))")
    two = (f"MULTIPOLYGON((({X0 + 40} {Y0},{X0 + 45} {Y0},{X0 + 45} {Y0 + 5},{X0 + 40} {Y0})),"
           f"(({X0 + 50} {Y0},{X0 + 55} {Y0},{X0 + 55} {Y0 + 5},{X0 + 50} {Y0})))")
    geometries = [_box(0, 0, 10, 10), holed, None, two, _box(60, 0, 70, 10)]
    return [(g, [text, i, 1.5 * i, f"40016000000{i}"]) for i, (g, text) in enumerate(zip(geometries, GREEK))]


def _write_shp(path, encoding, cpg=True, rows=None):
    from osgeo import gdal, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2100)
    # QGIS turns GDAL's Shapefile recoding off for the process (SHAPE_ENCODING empty), and that
    # setting beats the ENCODING creation option: set it to the encoding for this write
    before = gdal.GetConfigOption("SHAPE_ENCODING")
    gdal.SetConfigOption("SHAPE_ENCODING", encoding)
    try:
        _create_shp(path, srs, encoding, rows)
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", before)
    if not cpg:
        path.with_suffix(".cpg").unlink(missing_ok=True)
    return path


def _create_shp(path, srs, encoding, rows):
    from osgeo import ogr

    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    layer = ds.CreateLayer(path.stem, srs, ogr.wkbPolygon, [f"ENCODING={encoding}"])
    for name, kind in (("zone_code", ogr.OFTString), ("n", ogr.OFTInteger), ("far", ogr.OFTReal),
                       ("kaek", ogr.OFTString)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for wkt, values in rows or _rows():
        feature = ogr.Feature(layer.GetLayerDefn())
        for k, value in enumerate(values):
            if value is not None:
                feature.SetField(k, value)
        if wkt:
            feature.SetGeometryDirectly(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    ds = None


def _same(fast, slow):
    assert fast is not None
    assert fast.fids.tolist() == slow.fids.tolist()
    assert fast.attributes == slow.attributes
    assert [None if g is None else shapely.to_wkb(g) for g in fast.geometries] == \
           [None if g is None else shapely.to_wkb(g) for g in slow.geometries]


@pytest.mark.parametrize("encoding", ["UTF-8", "CP1253"])
def test_shapefile_with_cpg_reads_as_qgis_does(qgis_app, tmp_path, encoding):
    path = _write_shp(tmp_path / "zones.shp", encoding)
    assert GREEK[0].encode(encoding) in path.with_suffix(".dbf").read_bytes()  # the file is what it says
    layer = QgsVectorLayer(str(path), "zones", "ogr")
    assert layer.isValid()
    for names in (None, ["zone_code", "far"], []):
        _same(read_layer_bulk(layer, names), read_source(layer, names))
    assert read_layer_bulk(layer, ["zone_code"]).attributes["zone_code"] == GREEK  # Greek, not mojibake
    assert read_layer_bulk(layer, ["zone_code"]).fids.tolist() == [0, 1, 2, 3, 4]


def test_shapefile_without_cpg_is_read_by_qgis_unless_the_user_sets_the_encoding(qgis_app, tmp_path):
    path = _write_shp(tmp_path / "zones.shp", "CP1253", cpg=False)
    layer = QgsVectorLayer(str(path), "zones", "ogr")
    if layer.dataProvider().encoding().lower() not in ("utf-8", "utf8"):
        pytest.skip(f"this QGIS reads a Shapefile without .cpg as {layer.dataProvider().encoding()}")
    # QGIS decodes the CP1253 bytes as UTF-8 (replacement characters): no bulk path guesses better
    assert read_layer_bulk(layer, ["zone_code"]) is None
    # the user sets the layer's encoding (Layer Properties → Source): both paths give Greek
    layer.setProviderEncoding("windows-1253")
    _same(read_layer_bulk(layer, None), read_source(layer, None))
    assert read_layer_bulk(layer, ["zone_code"]).attributes["zone_code"] == GREEK
    # an encoding Python does not decode as Qt does: QGIS reads it
    layer.setProviderEncoding("System")
    assert read_layer_bulk(layer, ["zone_code"]) is None


def test_spot_check_refuses_a_decoding_that_differs_from_qgis(qgis_app, tmp_path, monkeypatch):
    layer = QgsVectorLayer(str(_write_shp(tmp_path / "zones.shp", "CP1253")), "zones", "ogr")
    assert read_layer_bulk(layer, ["zone_code"]) is not None
    # a codec that decodes every byte without error, into other letters than QGIS shows
    monkeypatch.setitem(features._SHAPEFILE_CODECS, "windows-1253", "cp1252")
    assert read_layer_bulk(layer, ["zone_code"]) is None
    assert read_layer_bulk(layer, ["n"]) is not None  # no text read: nothing to decode


def test_certificate_from_shapefiles_takes_the_bulk_path_and_equals_geopackage(qgis_app, provider, tmp_path,
                                                                              monkeypatch):
    from osgeo import ogr
    from qgis import processing

    import municipal_gis.processing.algorithms.land_use_certificate as alg
    from tests.test_alg_land_use_certificate import _write_gpkg

    zone_rows = [(_box(0, 0, 50, 100), ["Αμιγής κατοικία", 1, 0.8, ""]),
                 (_box(50, 0, 100, 100), ["Γενική κατοικία «Β»", 2, 1.2, ""])]
    parcel_rows = [(_box(10 * i + 5, 10, 10 * i + 15, 30), [None, i, 0.0, f"4001600000{i:02d}"]) for i in range(9)]
    zones_shp = _write_shp(tmp_path / "zones.shp", "CP1253", rows=zone_rows)
    parcels_shp = _write_shp(tmp_path / "parcels.shp", "UTF-8", rows=parcel_rows)
    gpkg = tmp_path / "same.gpkg"  # the same rows in a GeoPackage (UTF-8, as every GeoPackage)
    fields = [("zone_code", ogr.OFTString), ("n", ogr.OFTInteger), ("far", ogr.OFTReal), ("kaek", ogr.OFTString)]
    for rows_, name in ((zone_rows, "land_use_zone"), (parcel_rows, "parcel")):
        _write_gpkg(gpkg, name, fields, [(shapely.multipolygons([shapely.from_wkt(w)]).wkt, v) for w, v in rows_])
    bulk = []
    real = alg.read_layer_bulk

    def spy(*args, **kwargs):
        data = real(*args, **kwargs)
        bulk.append(data is not None)
        return data

    monkeypatch.setattr(alg, "read_layer_bulk", spy)

    def rows(parcels, zones):
        out = processing.run("municipal_gis:land_use_certificate", {
            "PARCELS": parcels, "ZONING": zones, "OUTPUT": "memory:", "KAEK_PROBLEMS": "memory:"})["OUTPUT"]
        return sorted((f["kaek"], f["zone_code"], round(f["area_m2"], 6)) for f in out.getFeatures())

    from_shp = rows(QgsVectorLayer(str(parcels_shp), "parcels", "ogr"), QgsVectorLayer(str(zones_shp), "zones", "ogr"))
    assert bulk == [True, True]
    from_gpkg = rows(QgsVectorLayer(f"{gpkg}|layername=parcel", "parcel", "ogr"),
                     QgsVectorLayer(f"{gpkg}|layername=land_use_zone", "zones", "ogr"))
    assert from_shp == from_gpkg
    # parcel 4 (x 45–55) straddles the zones' boundary at x = 50: half in each, in Greek
    assert [r for r in from_shp if r[0] == "400160000004"] == [
        ("400160000004", "Αμιγής κατοικία", 100.0), ("400160000004", "Γενική κατοικία «Β»", 100.0)]
    assert len(from_shp) == 10
