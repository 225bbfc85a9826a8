"""One algorithm style (issue 16): the shared steps of processing/base.py, as users meet them."""

import datetime as dt

import pytest
from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

X0, Y0 = 462_000.0, 4_548_000.0


def _algorithm(algorithm_id):
    from qgis.core import QgsApplication

    return QgsApplication.processingRegistry().createAlgorithmById(f"municipal_gis:{algorithm_id}")


def _polygons(uri, name, rows):
    layer = QgsVectorLayer(uri, name, "memory")
    features = []
    for (x0, y0, x1, y1), attrs in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(attrs)
        feature.setGeometry(QgsGeometry.fromWkt(
            f"POLYGON(({X0 + x0} {Y0 + y0},{X0 + x1} {Y0 + y0},{X0 + x1} {Y0 + y1},{X0 + x0} {Y0 + y1},"
            f"{X0 + x0} {Y0 + y0}))"))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


# -- sinks: one helper, one failure ---------------------------------------------------------------

def test_a_sink_that_cannot_be_created_names_the_output(qgis_app, provider):
    algorithm = _algorithm("edit_history")
    with pytest.raises(QgsProcessingException, match=r"Output OUTPUT \(Edit history\): no destination was given"):
        algorithm.create_sink({"OUTPUT": ""}, "OUTPUT", QgsProcessingContext(), QgsFields())


def test_an_optional_output_nobody_asked_for_keeps_nothing(qgis_app, provider):
    algorithm = _algorithm("programme_summary")
    sink, dest = algorithm.create_sink({}, "CONFLICTS", QgsProcessingContext(), QgsFields())
    assert dest is None and sink.addFeature(QgsFeature())


def test_a_sink_is_created_where_asked(qgis_app, provider, tmp_path):
    algorithm = _algorithm("edit_history")
    context = QgsProcessingContext()
    sink, dest = algorithm.create_sink({"OUTPUT": str(tmp_path / "history.gpkg")}, "OUTPUT", context, QgsFields())
    assert sink is not None and dest.startswith(str(tmp_path / "history.gpkg"))


# -- the date parameter ---------------------------------------------------------------------------

def test_date_parameter_reads_dates_datetimes_and_iso_text(qgis_app, provider):
    algorithm = _algorithm("lease_status")
    context = QgsProcessingContext()
    today = dt.date(2026, 12, 6)
    read = lambda value: algorithm.date_parameter({"AS_OF": value}, "AS_OF", context, default=today)  # noqa: E731
    assert read(QDate(2025, 3, 1)) == dt.date(2025, 3, 1)
    assert read(QDateTime(QDate(2025, 3, 1), QTime(23, 30), Qt.TimeSpec.UTC)) == dt.date(2025, 3, 1)
    assert read("2025-03-01") == dt.date(2025, 3, 1)
    assert read(None) == today and read("") == today
    with pytest.raises(QgsProcessingException, match=r"Parameter AS_OF: '31/02/2025' is not a date"):
        read("31/02/2025")
    with pytest.raises(QgsProcessingException, match=r"Parameter PERIOD_START: None is not a date"):
        algorithm.date_parameter({}, "PERIOD_START", context, required=True)


# -- fields: one message naming layer and field -------------------------------------------------------

def test_a_missing_field_is_named_with_its_layer(provider):
    from qgis import processing

    parcels = _polygons("Polygon?crs=EPSG:2100&field=kaek:string", "parcels", [((0, 0, 10, 10), ["400160403001"])])
    zones = _polygons("Polygon?crs=EPSG:2100&field=code:string", "zones", [((-5, -5, 20, 20), ["Α1"])])
    with pytest.raises(QgsProcessingException, match=r"Layer zones: field zone_code is missing\."):
        processing.run("municipal_gis:land_use_certificate", {
            "PARCELS": parcels, "ZONING": zones, "OUTPUT": "memory:", "KAEK_PROBLEMS": "memory:"})
    no_kaek = _polygons("Polygon?crs=EPSG:2100&field=code:string", "parcels", [((0, 0, 10, 10), ["x"])])
    with pytest.raises(QgsProcessingException, match=r"Layer parcels: field kaek is missing\."):
        processing.run("municipal_gis:land_use_certificate", {
            "PARCELS": no_kaek, "ZONING": zones, "OUTPUT": "memory:", "KAEK_PROBLEMS": "memory:"})


def test_a_required_input_that_cannot_be_read_names_the_input(qgis_app, provider):
    algorithm = _algorithm("lease_status")
    with pytest.raises(QgsProcessingException,
                       match=r"Input LEASES \(.+\) is missing or could not be read as a layer"):
        algorithm.required_source({"LEASES": "/nonexistent/leases.gpkg"}, "LEASES", QgsProcessingContext())
