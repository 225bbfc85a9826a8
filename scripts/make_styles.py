#!/usr/bin/env python3
"""Write resources/styles/<layer_id>.qml for every spatial catalogue layer.

The styles are built with the QGIS API (so they are valid for this QGIS) and committed; edit
this script, not the .qml files, and run `make styles`. Only symbology, labels and rendering
are saved: aliases, forms and value lists come from the catalogue when a database is loaded.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from municipal_gis.printing.layout import text_format  # noqa: E402
from municipal_gis.schema import catalogue  # noqa: E402
from municipal_gis.schema.vocabularies import VOCABULARIES  # noqa: E402

CATEGORIES = QgsMapLayer.StyleCategory.Symbology | QgsMapLayer.StyleCategory.Labeling | \
    QgsMapLayer.StyleCategory.Rendering


def fill(color, outline="#555555", width="0.2", style="solid", outline_style="solid"):
    return QgsFillSymbol.createSimple({"color": color, "outline_color": outline, "outline_width": width,
                                       "style": style, "outline_style": outline_style})


def marker(color, name="circle", size="3", outline="#222222"):
    return QgsMarkerSymbol.createSimple({"name": name, "color": color, "size": size, "outline_color": outline})


def line(color, width="0.5", style="solid"):
    return QgsLineSymbol.createSimple({"line_color": color, "line_width": width, "line_style": style})


def categorized(field, vocabulary, palette, make):
    categories = []
    for code, label_el, _ in VOCABULARIES[vocabulary]:
        categories.append(QgsRendererCategory(code, make(palette.get(code, "#bbbbbb")), label_el))
    # the empty value is QGIS's "all other values": features with no (or an unknown) code still show
    categories.append(QgsRendererCategory("", make(palette.get("", "#cfcfcf")), "Άλλη / χωρίς τιμή"))
    return QgsCategorizedSymbolRenderer(field, categories)


def labels(layer, expression, size=8.0, max_scale_denominator=None, placement=None, color="#202020",
           is_expression=False):
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = is_expression
    settings.setFormat(text_format(size, color, buffer_mm=0.8))
    if placement is not None:
        settings.placement = placement
    if max_scale_denominator:
        settings.scaleVisibility = True
        settings.minimumScale = max_scale_denominator  # zoomed out beyond this: hidden
        settings.maximumScale = 0
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def build(layer_id: str, layer: QgsVectorLayer) -> None:
    if layer_id == "parcel":
        layer.setRenderer(categorized("owner_type", "owner_type", {
            "municipal": "#f4a259", "public": "#a8c5da", "private": "#f3efe0", "unknown": "#d9d9d9"},
            lambda c: fill(c, "#7a7a7a", "0.15")))
        labels(layer, "kaek", 6.5, 2500)
    elif layer_id == "city_block":
        layer.setRenderer(QgsSingleSymbolRenderer(fill("0,0,0,0", "#333333", "0.45")))
        labels(layer, "'Ο.Τ. ' || \"ot_code\"", 8.0, 8000, is_expression=True, color="#1d3557")
    elif layer_id == "land_use_zone":
        layer.setRenderer(categorized("category_code", "landuse_general", {
            "pure_residential": "255,236,153,110", "general_residential": "255,205,120,110",
            "urban_centre": "230,120,120,110", "tourism_recreation": "190,140,220,110",
            "community_facilities": "120,170,230,110", "open_space_green": "120,200,120,120",
            "production_low_medium": "180,160,140,110", "wholesale": "160,140,120,110",
            "technopolis": "140,200,210,110", "production_high": "140,110,90,110",
            "urban_utilities": "150,150,150,110", "special_uses": "200,200,120,110",
            "agricultural": "200,230,160,110"}, lambda c: fill(c, "#8c510a", "0.5", outline_style="dash")))
        labels(layer, "zone_code", 8.0, 15000, color="#8c510a")
    elif layer_id == "municipal_property":
        layer.setRenderer(categorized("status", "property_status", {
            "own_use": "46,134,193,150", "leased": "39,174,96,150", "vacant": "241,196,15,160",
            "encroached": "231,76,60,170", "under_maintenance": "155,89,182,150"},
            lambda c: fill(c, "#1b1b1b", "0.5")))
        labels(layer, "property_code", 7.5, 5000, color="#0b3954")
    elif layer_id == "encroachment":
        symbol = fill("231,76,60,90", "#c0392b", "0.6")
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    elif layer_id == "programme_project":
        layer.setRenderer(categorized("status", "project_phase", {
            "proposal": "255,190,11,90", "approved": "251,86,7,90", "tendering": "255,0,110,90",
            "contract": "131,56,236,90", "execution": "58,134,255,90", "acceptance": "46,196,182,90",
            "continuing": "58,134,255,90", "study_maturation": "255,190,11,90", "cancelled": "120,120,120,60"},
            lambda c: fill(c, "#6a040f", "0.7", outline_style="dash")))
        labels(layer, "project_code", 7.5, 10000, color="#6a040f")
    elif layer_id == "street":
        layer.setRenderer(QgsSingleSymbolRenderer(line("#9a9a9a", "0.6")))
        labels(layer, "name", 7.0, 6000, placement=QgsPalLayerSettings.Placement.Line, color="#404040")
    elif layer_id == "community":
        layer.setRenderer(QgsSingleSymbolRenderer(fill("0,0,0,0", "#6a3d9a", "0.8", outline_style="dash")))
        labels(layer, "name", 10.0, None, color="#6a3d9a")
    elif layer_id == "census_block":
        layer.setRenderer(QgsSingleSymbolRenderer(fill("0,0,0,0", "#b2abd2", "0.3", outline_style="dot")))
    elif layer_id == "regeneration_zone":
        layer.setRenderer(QgsSingleSymbolRenderer(fill("214,39,40,35", "#d62728", "1.2", outline_style="dash")))
        labels(layer, "name", 10.0, None, color="#d62728")
    elif layer_id == "playground":
        layer.setRenderer(categorized("status", "playground_status", {
            "existing": "#2a9d8f", "planned": "#e9c46a", "under_construction": "#f4a261", "closed": "#e76f51",
            "removed": "#8d99ae"}, lambda c: marker(c, "star", "4.5")))
        labels(layer, "name", 7.5, 10000, color="#264653")
    elif layer_id == "bike_station":
        layer.setRenderer(categorized("status", "bike_station_status", {
            "existing": "#1d4e89", "planned": "#7fb7be", "removed": "#9e9e9e"}, lambda c: marker(c, "square", "4")))
        labels(layer, "name || ' (' || coalesce(\"docks\", 0) || ')'", 7.5, 15000, is_expression=True,
               color="#1d4e89")
    else:
        raise KeyError(layer_id)


def main() -> int:
    app = QgsApplication([], False)
    app.initQgis()
    out = ROOT / "resources" / "styles"
    out.mkdir(parents=True, exist_ok=True)
    from municipal_gis.qgisio.features import make_fields

    for spec in catalogue.LAYERS:
        if not spec.is_spatial:
            continue
        layer = QgsVectorLayer(f"{spec.geometry}?crs=EPSG:{catalogue.CRS_EPSG}", spec.id, "memory")
        layer.dataProvider().addAttributes(make_fields(spec.all_fields).toList())
        layer.updateFields()
        build(spec.id, layer)
        message, ok = layer.saveNamedStyle(str(out / f"{spec.id}.qml"), CATEGORIES)
        if not ok:
            print(f"{spec.id}: {message}", file=sys.stderr)
            return 1
        print(out / f"{spec.id}.qml")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
