"""The locator bar as QGIS runs it (a real QgsLocator): the `mgis` prefix works, results also come
without it, and choosing one shows the feature within its city block, never closer than 1:500."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture()
def municipality(qgis_new_project, qgis_iface, sample_gpkg, tmp_path):
    from qgis.core import QgsProject

    from municipal_gis.layers.project import load_database

    path = tmp_path / "municipality.gpkg"
    shutil.copy(sample_gpkg, path)
    loaded = load_database(str(path), QgsProject.instance(), "el")
    canvas = qgis_iface.mapCanvas()
    canvas.resize(800, 600)
    canvas.setDestinationCrs(loaded["parcel"].crs())
    yield loaded
    QgsProject.instance().removeAllMapLayers()


def _search(locator, text):
    from qgis.core import QgsLocatorContext
    from qgis.PyQt.QtCore import QCoreApplication

    from municipal_gis.compat import locator_user_data

    found = []

    def keep(result):  # copy now: the filter clone that made the result is deleted after the search
        # not result.userData: read here, on QGIS before 3.34, it can be another result's
        found.append((result.displayString, str(locator_user_data(result)), result.filter.name()))

    locator.foundResult.connect(keep)
    locator.fetchResults(text, QgsLocatorContext())
    while locator.isRunning():
        QCoreApplication.processEvents()
    QCoreApplication.processEvents()
    locator.foundResult.disconnect(keep)
    return found


def test_prefix_is_honoured_by_qgis(municipality, qgis_iface):
    from qgis.core import QgsLocator

    from municipal_gis.gui.locator import MunicipalLocatorFilter, parse_user_data

    locator = QgsLocator()
    ours = MunicipalLocatorFilter(qgis_iface)
    locator.registerFilter(ours)
    # QGIS keeps a plugin's prefix only from 3 characters on (the old «mg» became no prefix at all)
    assert ours.activePrefix() == "mgis"
    assert ours.useWithoutPrefix()
    kaek = next(municipality["parcel"].getFeatures())["kaek"]
    with_prefix = _search(locator, f"mgis {kaek}")
    assert with_prefix and {name for _, _, name in with_prefix} == {"municipal_gis"}
    assert ("parcel", kaek) in {(parse_user_data(data)[0], shown.split(" – ")[0]) for shown, data, _ in with_prefix}
    without = _search(locator, kaek)
    assert kaek in [shown.split(" – ")[0] for shown, _, name in without if name == "municipal_gis"]
    locator.deregisterFilter(ours)


def _extent_in_canvas(canvas, layer, rect):
    return canvas.mapSettings().layerExtentToOutputExtent(layer, rect)


def test_choosing_a_parcel_shows_its_block(municipality, qgis_iface):
    from qgis.core import QgsFeatureRequest, QgsGeometry, QgsLocatorResult

    from municipal_gis.gui.locator import MIN_SCALE, MunicipalLocatorFilter

    parcels, blocks = municipality["parcel"], municipality["city_block"]
    canvas = qgis_iface.mapCanvas()
    # the smallest parcel: the one that used to be shown at 1:166
    parcel = min(parcels.getFeatures(), key=lambda f: f.geometry().area())
    centre = parcel.geometry().pointOnSurface()
    block = next(b for b in blocks.getFeatures(QgsFeatureRequest().setFilterRect(centre.boundingBox()))
                 if b.geometry().contains(centre))
    result = QgsLocatorResult()
    result.userData = f"parcel|{parcel.id()}|{parcels.id()}"
    MunicipalLocatorFilter(qgis_iface).triggerResult(result)
    assert parcels.selectedFeatureIds() == [parcel.id()]
    extent = canvas.extent()
    assert extent.contains(_extent_in_canvas(canvas, parcels, parcel.geometry().boundingBox()))
    assert extent.contains(_extent_in_canvas(canvas, blocks, block.geometry().boundingBox())), "block not shown"
    assert canvas.scale() >= MIN_SCALE - 1e-6
    # context, not the whole town: the block fills a good part of the view
    block_box = _extent_in_canvas(canvas, blocks, block.geometry().boundingBox())
    assert max(block_box.width() / extent.width(), block_box.height() / extent.height()) > 0.4
    assert QgsGeometry.fromRect(extent).contains(parcel.geometry().centroid())


def test_never_closer_than_1_500(qgis_new_project, qgis_iface):
    from qgis.core import QgsFeature, QgsGeometry, QgsLocatorResult, QgsProject, QgsVectorLayer

    from municipal_gis.gui.locator import MIN_SCALE, MunicipalLocatorFilter
    from municipal_gis.layers.project import PROPERTY_KEY

    layer = QgsVectorLayer("Polygon?crs=EPSG:2100&field=kaek:string", "Γεωτεμάχια", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["400160403001"])
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((462000 4548000,462002 4548000,462002 4548002,"
                                            "462000 4548002,462000 4548000))"))  # a 2 m × 2 m kiosk plot
    layer.dataProvider().addFeatures([feature])
    layer.setCustomProperty(PROPERTY_KEY, "parcel")
    QgsProject.instance().addMapLayer(layer)
    canvas = qgis_iface.mapCanvas()
    canvas.resize(800, 600)
    canvas.setDestinationCrs(layer.crs())
    result = QgsLocatorResult()
    result.userData = f"parcel|{next(layer.getFeatures()).id()}|{layer.id()}"
    MunicipalLocatorFilter(qgis_iface).triggerResult(result)
    assert canvas.scale() == pytest.approx(MIN_SCALE, rel=1e-3)
    assert canvas.extent().contains(layer.extent())
    QgsProject.instance().removeAllMapLayers()
