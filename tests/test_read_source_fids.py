"""read_source names rows by their `fid` column (what the user sees and the database keys on) and
keeps QGIS's feature ids apart for the same layer (memory and GeoPackage layers; PostGIS in
test_postgis_fids.py)."""

from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

from municipal_gis.qgisio.features import feature_fid, read_source
from tests.builders import small_database


def _memory(rows):
    layer = QgsVectorLayer("Point?crs=EPSG:2100&field=fid:long&field=name:string", "m", "memory")
    features = []
    for fid, name in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([fid, name])
        feature.setGeometry(QgsGeometry.fromWkt("POINT(1 2)"))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def test_a_unique_fid_column_names_the_rows(qgis_app):
    layer = _memory([(40, "a"), (7, "b"), (12, "c")])
    data = read_source(layer, ["name"])
    assert data.fids.tolist() == [40, 7, 12] and data.ids.tolist() == [1, 2, 3]
    assert [feature_fid(f) for f in layer.getFeatures()] == [40, 7, 12]


def test_a_fid_column_that_is_no_key_is_not_used(qgis_app):
    for rows in ([(5, "a"), (5, "b")], [(None, "a"), (2, "b")]):
        data = read_source(_memory(rows), ["name"])
        assert data.fids.tolist() == data.ids.tolist() == [1, 2]


def test_geopackage_fids_and_an_unsaved_feature(qgis_app, tmp_path):
    location = small_database(tmp_path / "m.gpkg")
    layer = location.qgs_layer("parcel")
    data = read_source(layer, ["kaek"])
    assert data.fids.tolist() == data.ids.tolist() == [1, 2]
    assert layer.startEditing()
    feature = QgsFeature(layer.fields())
    feature["kaek"] = "400160403003"
    assert layer.addFeature(feature)
    data = read_source(layer, ["kaek"])
    new = data.attributes["kaek"].index("400160403003")
    assert data.fids[new] < 0 and data.fids.tolist() == data.ids.tolist()  # QGIS's id until it is saved
    assert sorted(f for f in data.fids.tolist() if f > 0) == [1, 2]
    layer.rollBack()
