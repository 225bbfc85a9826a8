#!/usr/bin/env python3
"""Write resources/styles/<layer_id>.qml for every spatial catalogue layer.

The styles are built with the QGIS API (so they are valid for this QGIS) and committed; edit
`STYLES` below (one `Style` per spatial layer), not the .qml files, and run `make styles`. Only symbology, labels and rendering
are saved: aliases, forms and value lists come from the catalogue when a database is loaded.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if __name__ == "__main__":
    os.environ["QT_HASH_SEED"] = "0"  # XML attributes in a fixed order: `make styles` twice writes the same bytes

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


# ------------------------------------------------------------------------- one style per layer, as data


@dataclass(frozen=True)
class Fill:
    outline: str = "#555555"
    width: str = "0.2"
    outline_style: str = "solid"

    def make(self, color):
        return fill(color, self.outline, self.width, outline_style=self.outline_style)


@dataclass(frozen=True)
class Line:
    width: str = "0.5"

    def make(self, color):
        return line(color, self.width)


@dataclass(frozen=True)
class Marker:
    name: str = "circle"
    size: str = "3"

    def make(self, color):
        return marker(color, self.name, self.size)


@dataclass(frozen=True)
class Label:
    text: str  # a field name, or an expression when `expression` is true
    size: float = 8.0
    hidden_beyond: float | None = None  # scale denominator beyond which (zoomed out) labels hide
    color: str = "#202020"
    expression: bool = False
    along_lines: bool = False


@dataclass(frozen=True)
class Style:
    """How a layer is drawn: one `symbol` in `color`, or one per code of `vocabulary` in `field`,
    coloured from `palette` (codes missing from it are grey); optional labels."""

    symbol: Fill | Line | Marker
    color: str | None = None
    field: str | None = None
    vocabulary: str | None = None
    palette: dict[str, str] = dataclass_field(default_factory=dict)
    label: Label | None = None


# colours are "#rrggbb" or "r,g,b,alpha"
STYLES: dict[str, Style] = {
    "parcel": Style(
        Fill("#7a7a7a", "0.15"), field="owner_type", vocabulary="owner_type",
        palette={"municipal": "#f4a259", "public": "#a8c5da", "private": "#f3efe0", "unknown": "#d9d9d9"},
        label=Label("kaek", 6.5, 2500)),
    "city_block": Style(
        Fill("#333333", "0.45"), color="0,0,0,0",
        label=Label("'Ο.Τ. ' || \"ot_code\"", 8.0, 8000, color="#1d3557", expression=True)),
    "land_use_zone": Style(
        Fill("#8c510a", "0.5", outline_style="dash"), field="category_code", vocabulary="landuse_general",
        palette={
            "pure_residential": "255,236,153,110", "general_residential": "255,205,120,110",
            "urban_centre": "230,120,120,110", "tourism_recreation": "190,140,220,110",
            "community_facilities": "120,170,230,110", "open_space_green": "120,200,120,120",
            "production_low_medium": "180,160,140,110", "wholesale": "160,140,120,110",
            "technopolis": "140,200,210,110", "production_high": "140,110,90,110",
            "urban_utilities": "150,150,150,110", "special_uses": "200,200,120,110",
            "agricultural": "200,230,160,110"},
        label=Label("zone_code", 8.0, 15000, color="#8c510a")),
    "municipal_property": Style(
        Fill("#1b1b1b", "0.5"), field="status", vocabulary="property_status",
        palette={"own_use": "46,134,193,150", "leased": "39,174,96,150", "vacant": "241,196,15,160",
                 "encroached": "231,76,60,170", "under_maintenance": "155,89,182,150"},
        label=Label("property_code", 7.5, 5000, color="#0b3954")),
    "encroachment": Style(Fill("#c0392b", "0.6"), color="231,76,60,90"),
    "programme_project": Style(
        Fill("#6a040f", "0.7", outline_style="dash"), field="status", vocabulary="project_phase",
        palette={"proposal": "255,190,11,90", "approved": "251,86,7,90", "tendering": "255,0,110,90",
                 "contract": "131,56,236,90", "execution": "58,134,255,90", "acceptance": "46,196,182,90",
                 "continuing": "58,134,255,90", "study_maturation": "255,190,11,90",
                 "cancelled": "120,120,120,60"},
        label=Label("project_code", 7.5, 10000, color="#6a040f")),
    "street": Style(Line("0.6"), color="#9a9a9a", label=Label("name", 7.0, 6000, color="#404040", along_lines=True)),
    "community": Style(Fill("#6a3d9a", "0.8", outline_style="dash"), color="0,0,0,0",
                       label=Label("name", 10.0, None, color="#6a3d9a")),
    "census_block": Style(Fill("#b2abd2", "0.3", outline_style="dot"), color="0,0,0,0"),
    "regeneration_zone": Style(Fill("#d62728", "1.2", outline_style="dash"), color="214,39,40,35",
                               label=Label("name", 10.0, None, color="#d62728")),
    "playground": Style(
        Marker("star", "4.5"), field="status", vocabulary="playground_status",
        palette={"existing": "#2a9d8f", "planned": "#e9c46a", "under_construction": "#f4a261",
                 "closed": "#e76f51", "removed": "#8d99ae"},
        label=Label("name", 7.5, 10000, color="#264653")),
    "bike_station": Style(
        Marker("square", "4"), field="status", vocabulary="bike_station_status",
        palette={"existing": "#1d4e89", "planned": "#7fb7be", "removed": "#9e9e9e"},
        label=Label("name || ' (' || coalesce(\"docks\", 0) || ')'", 7.5, 15000, color="#1d4e89", expression=True)),
}


def build(layer_id: str, layer: QgsVectorLayer) -> None:
    if layer_id not in STYLES:
        raise KeyError(f"{layer_id}: a spatial catalogue layer needs its Style in STYLES (scripts/make_styles.py)")
    style = STYLES[layer_id]
    if style.field:
        layer.setRenderer(categorized(style.field, style.vocabulary, style.palette, style.symbol.make))
    else:
        layer.setRenderer(QgsSingleSymbolRenderer(style.symbol.make(style.color)))
    if style.label:
        lab = style.label
        placement = QgsPalLayerSettings.Placement.Line if lab.along_lines else None
        labels(layer, lab.text, lab.size, lab.hidden_beyond, placement=placement, color=lab.color,
               is_expression=lab.expression)


def write_styles(out: Path) -> list[Path]:
    """Write `<layer_id>.qml` into `out` for every spatial catalogue layer (QGIS must be running)."""
    from municipal_gis.qgisio.features import make_fields

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in catalogue.LAYERS:
        if not spec.is_spatial:
            continue
        layer = QgsVectorLayer(f"{spec.geometry}?crs=EPSG:{catalogue.CRS_EPSG}", spec.id, "memory")
        layer.dataProvider().addAttributes(make_fields(spec.all_fields).toList())
        layer.updateFields()
        build(spec.id, layer)
        path = out / f"{spec.id}.qml"
        message, ok = layer.saveNamedStyle(str(path), CATEGORIES)
        if not ok:
            raise OSError(f"{spec.id}: {message}")
        written.append(path)
    return written


def main() -> int:
    app = QgsApplication([], False)
    app.initQgis()
    try:
        for path in write_styles(ROOT / "resources" / "styles"):
            print(path)
    except (OSError, KeyError) as e:
        print(e, file=sys.stderr)
        return 1
    finally:
        app.exitQgis()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
