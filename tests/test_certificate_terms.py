"""Building terms on the certificate (algorithm columns and the panel's text) come from the one rule,
core.building_terms.piece_terms, and read zone terms the way core.values.as_float does."""

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QDate

X0, Y0 = 462_000.0, 4_548_000.0


def _box(x0, y0, x1, y1):
    return QgsGeometry.fromWkt(f"POLYGON(({X0 + x0} {Y0 + y0},{X0 + x1} {Y0 + y0},{X0 + x1} {Y0 + y1},"
                               f"{X0 + x0} {Y0 + y1},{X0 + x0} {Y0 + y0}))")


def _layer(uri, rows):
    layer = QgsVectorLayer(uri, "layer", "memory")
    features = []
    for geometry, attrs in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(attrs)
        feature.setGeometry(geometry)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def test_zone_terms_typed_as_text(provider):
    """Terms in a text column: «1,6» reads as 1.6; «nan», «inf» and «abc» are unknown (NULL terms), never an
    infinite floor area or a crash."""
    from qgis import processing

    parcels = _layer("Polygon?crs=EPSG:2100&field=kaek:string",
                     [(_box(0, 0, 10, 10), ["400160403001"]), (_box(20, 0, 30, 6), ["400160403002"]),
                      (_box(40, 0, 45, 10), ["400160403003"])])
    zones = _layer(
        "Polygon?crs=EPSG:2100&field=zone_code:string&field=far:string&field=coverage_pct:string"
        "&field=max_floors:string&field=valid_from:date&field=valid_to:date",
        [(_box(-5, -5, 15, 15), ["Α", "1,6", " 70 ", "3", QDate(2011, 1, 1), None]),
         (_box(15, -5, 35, 15), ["Β", "inf", "nan", "inf", QDate(2011, 1, 1), None]),
         (_box(35, -5, 50, 15), ["Γ", "abc", "-inf", None, QDate(2011, 1, 1), None])])
    result = processing.run("municipal_gis:land_use_certificate", {
        "PARCELS": parcels, "ZONING": zones, "AS_OF": QDate(2025, 1, 1), "OUTPUT": "memory:"})
    from municipal_gis.qgisio.features import to_python

    layer = result["OUTPUT"]
    rows = {f["zone_code"]: {n.name(): to_python(f[n.name()]) for n in layer.fields()} for f in layer.getFeatures()}
    assert rows["Α"]["max_floor_area_m2"] == pytest.approx(160.0)
    assert rows["Α"]["max_footprint_m2"] == pytest.approx(70.0)
    for code in ("Β", "Γ"):
        for name in ("max_floor_area_m2", "max_footprint_m2"):
            assert rows[code][name] is None, (code, name, rows[code][name])


def test_panel_terms_text(qgis_app):
    from municipal_gis.gui.certificate_dialog import terms_text

    text = terms_text({"far": 1.6, "coverage_pct": "70", "max_height_m": 17.5}, 60.0)
    assert "1.6" in text and "96.00" in text and "70" in text and "42.00" in text and "17.5" in text
    assert terms_text({"far": None, "coverage_pct": float("nan"), "max_height_m": float("inf")}, 60.0) == ""
    assert "1,481.48" in terms_text({"far": 1.2}, 1234.5678)  # 1 234.5678 × 1.2
