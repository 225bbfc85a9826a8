"""The catalogue holds the layers and fields the issue promises, and its styles fit it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from municipal_gis.paths import style_path
from municipal_gis.schema import catalogue
from municipal_gis.schema.vocabularies import VOCABULARIES

REQUIRED = {
    "parcel": "kaek ot_code address registered_area_m2 owner_type",
    "city_block": "ot_code planning_unit community",
    "land_use_zone": "zone_code category_code special_use far coverage_pct max_height_m max_floors "
                     "min_plot_area_m2 min_frontage_m plan_name fek_ref valid_from valid_to",
    "municipal_property": "property_code name kaek property_type acquisition bequest_name current_use status",
    "lease": "lease_code property_code lessee purpose start_date end_date annual_rent_eur decision_ref status",
    "encroachment": "property_code detected_on area_m2 fee_eur status",
    "playground": "name address area_m2 age_group certified_until status",
    "bike_station": "name docks status",
    "census_block": "block_code population pop_0_14 pop_65_plus",
    "street": "name walkable",
    "community": "name",
    "regeneration_zone": "name programme population status",
    "programme_project": "project_code title kind continuing implementing_service year budget_eur ka_codes "
                         "op_measure status",
    "project_funding": "project_code funding_source amount_eur year",
    "land_use_certificate": "certificate_no kaek",
}
GREEK = re.compile(r"[\u0370-\u03ff]")


@pytest.mark.parametrize("layer_id", sorted(REQUIRED))
def test_required_fields(layer_id):
    layer = catalogue.layer(layer_id)
    missing = set(REQUIRED[layer_id].split()) - set(layer.field_names())
    assert not missing


def test_thematic_layers_link_to_projects():
    thematic = {"parcel", "city_block", "land_use_zone", "municipal_property", "lease", "encroachment",
                "playground", "bike_station", "census_block", "street", "community", "regeneration_zone"}
    for layer_id in thematic:
        assert catalogue.PROJECT_KEY in catalogue.layer(layer_id).field_names(), layer_id
    related = {r.referencing_layer for r in catalogue.RELATIONS if r.referenced_layer == catalogue.PROJECT_LAYER}
    assert thematic <= related


def test_fields_are_consistent():
    for layer in catalogue.LAYERS:
        names = layer.field_names()
        assert len(names) == len(set(names)), layer.id
        for field in layer.all_fields:
            assert field.type in catalogue.FIELD_TYPES
            assert re.fullmatch(r"[a-z][a-z0-9_]*", field.name)
            assert field.alias_en and GREEK.search(field.alias_el) or field.alias_el == "ΚΑΕΚ", field
            if field.vocabulary:
                assert field.vocabulary in VOCABULARIES
        assert GREEK.search(layer.name_el) and layer.name_en
        assert layer.group in {g.id for g in catalogue.GROUPS}


def test_relations_point_at_real_fields():
    for relation in catalogue.RELATIONS:
        assert relation.referencing_field in catalogue.layer(relation.referencing_layer).field_names()
        parent = catalogue.layer(relation.referenced_layer)
        assert relation.referenced_field in parent.field_names()
        assert parent.field(relation.referenced_field).unique, relation.id


def test_vocabularies_have_unique_codes_and_greek_labels():
    for name, entries in VOCABULARIES.items():
        codes = [code for code, _, _ in entries]
        assert len(codes) == len(set(codes)), name
        for code, el, en in entries:
            assert GREEK.search(el) or code.startswith(("interreg", "leader")), (name, code)
            assert en


def _referenced_fields(qml_path):
    """Field names a style depends on: renderer attributes and label fields/expressions."""
    root = ET.parse(qml_path).getroot()
    names = set()
    for renderer in root.iter("renderer-v2"):
        if renderer.get("attr"):
            names.add(renderer.get("attr"))
    for settings in root.iter("text-style"):
        expr = settings.get("fieldName")
        if expr:
            names.add(expr)
    return names


@pytest.mark.parametrize("layer", [lay for lay in catalogue.LAYERS if lay.is_spatial], ids=lambda lay: lay.id)
def test_style_loads_and_names_existing_fields(qgis_app, layer):
    from qgis.core import QgsExpression, QgsVectorLayer

    from municipal_gis.layers.project import STYLE_CATEGORIES
    from municipal_gis.qgisio.features import make_fields

    path = style_path(layer.id)
    assert path.exists(), f"no style for {layer.id}"
    qlayer = QgsVectorLayer(f"{layer.geometry}?crs=EPSG:2100", layer.id, "memory")
    qlayer.dataProvider().addAttributes(make_fields(layer.all_fields).toList())
    qlayer.updateFields()
    message, ok = qlayer.loadNamedStyle(str(path), STYLE_CATEGORIES)
    assert ok, message
    fields = set(layer.field_names())
    for reference in _referenced_fields(path):
        expression = QgsExpression(reference)
        used = expression.referencedColumns() if not expression.hasParserError() else {reference}
        used = {name for name in used if name and name != "#!allattributes!#"}
        if reference in fields:
            continue
        assert used and used <= fields, f"{layer.id}: style uses {reference!r}"
