"""Opening a municipal database in QGIS: grouped, styled, Greek aliases, value lists, relations."""

from __future__ import annotations

import pytest
from builders import small_database

from municipal_gis.schema import catalogue


@pytest.fixture
def loaded(qgis_app, tmp_path):
    from qgis.core import QgsProject

    from municipal_gis.layers.project import load_database

    project = QgsProject()
    location = small_database(tmp_path / "m.gpkg")
    layers = load_database(location, project, language="el")
    yield project, layers
    project.clear()  # free the layers while QGIS is still running


def test_every_layer_is_loaded_and_grouped(loaded):
    project, layers = loaded
    assert set(layers) == set(catalogue.layer_ids())
    root = project.layerTreeRoot()
    group_names = [child.name() for child in root.children()]
    assert group_names == [g.name_el for g in catalogue.GROUPS]
    for spec in catalogue.LAYERS:
        node = root.findLayer(layers[spec.id].id())
        assert node is not None and node.parent().name() == catalogue.group(spec.group).name_el
        assert layers[spec.id].name() == spec.name_el
    assert project.crs().authid() == "EPSG:2100"


def test_aliases_value_maps_and_constraints(loaded):
    from qgis.core import QgsFieldConstraints

    _, layers = loaded
    prop = layers["municipal_property"]
    index = prop.fields().indexFromName("status")
    assert prop.attributeAlias(index) == "Κατάσταση"
    setup = prop.editorWidgetSetup(index)
    assert setup.type() == "ValueMap"
    mapping = {list(d.values())[0]: list(d.keys())[0] for d in setup.config()["map"]}
    assert mapping["leased"] == "Εκμισθωμένο" and mapping["vacant"] == "Κενό"
    code = prop.fields().indexFromName("property_code")
    constraints = prop.fields().at(code).constraints().constraints()
    assert constraints & QgsFieldConstraints.Constraint.ConstraintUnique
    assert layers["land_use_certificate"].readOnly()


def test_styles_are_applied(loaded):
    _, layers = loaded
    renderer = layers["municipal_property"].renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "status"
    assert layers["parcel"].labelsEnabled()


def test_property_form_lists_its_leases_and_projects_list_their_features(loaded):
    project, layers = loaded
    manager = project.relationManager()
    prop, lease = layers["municipal_property"], layers["lease"]
    relations = manager.referencedRelations(prop)
    children = {r.referencingLayer().id() for r in relations}
    assert lease.id() in children and layers["encroachment"].id() in children
    relation = next(r for r in relations if r.referencingLayer().id() == lease.id())
    feature = next(prop.getFeatures())
    assert [f["lease_code"] for f in relation.getRelatedFeatures(feature)] == ["Μ-1"]
    project_relations = manager.referencedRelations(layers["programme_project"])
    linked = {r.referencingLayer().id() for r in project_relations}
    for spec in catalogue.LAYERS:
        if spec.project_link:
            assert layers[spec.id].id() in linked, spec.id
    # the child side edits its key with a relation reference widget
    setup = lease.editorWidgetSetup(lease.fields().indexFromName("property_code"))
    assert setup.type() == "RelationReference"


def test_english_names_on_request(qgis_app, tmp_path):
    from qgis.core import QgsProject

    from municipal_gis.layers.project import load_database

    project = QgsProject()
    layers = load_database(small_database(tmp_path / "m.gpkg"), project, language="en")
    assert layers["lease"].name() == "Leases"
    lease = layers["lease"]
    assert lease.attributeAlias(lease.fields().indexFromName("annual_rent_eur")) == "Annual rent (€)"
    project.clear()


@pytest.mark.parametrize("language", ["en", "el"])
def test_legend_classes_in_the_language_of_the_names(qgis_app, tmp_path, language):
    """Desktop walk-through in an English QGIS: layers, aliases and value lists were English but the legend's
    classes stayed Greek («Πρόταση», «Ιδιόχρηση»), as written in the styles. They follow the value lists."""
    from qgis.core import QgsProject

    from municipal_gis.layers.project import load_database
    from municipal_gis.schema.vocabularies import VOCABULARIES

    project = QgsProject()
    layers = load_database(small_database(tmp_path / "m.gpkg"), project, language=language)
    try:
        checked = 0
        for spec in catalogue.LAYERS:
            layer = layers.get(spec.id)
            renderer = layer.renderer() if layer is not None else None
            if renderer is None or renderer.type() != "categorizedSymbol":
                continue
            field = next(f for f in spec.all_fields if f.name == renderer.classAttribute())
            names = {code: (el if language == "el" else en) for code, el, en in VOCABULARIES[field.vocabulary]}
            for category in renderer.categories():
                if category.value() in names:
                    assert category.label() == names[category.value()], (spec.id, category.value())
                    checked += 1
        assert checked > 20
        labels = {c.value(): c.label() for c in layers["municipal_property"].renderer().categories()}
        assert labels["leased"] == ("Εκμισθωμένο" if language == "el" else "Leased out")
        other = {c.label() for layer in layers.values() if layer.renderer() is not None
                 and layer.renderer().type() == "categorizedSymbol" for c in layer.renderer().categories()
                 if c.value() == ""}
        assert other == {"Άλλη / χωρίς τιμή" if language == "el" else "Other / no value"}
    finally:
        project.clear()


def test_every_layer_counts_its_features_with_the_parcel_filter(qgis_app, tmp_path):
    """Desktop walk-through: the filter hiding closed parcels was set on the parcel layer after the other layers
    of the GeoPackage were open; with QGIS 3.22 and GDAL 3.6 that left the file's other connections unable to
    read it («sqlite3_step(): unable to open database file» on the console) and featureCount() -1 for parcels
    and leases. The filter is now part of the layer's data source from the start."""
    import sqlite3

    from qgis.core import QgsProject

    from municipal_gis.layers.project import ACTIVE_PARCELS, load_database

    location = small_database(tmp_path / "m.gpkg")
    path = str(tmp_path / "m.gpkg")
    with sqlite3.connect(path) as con:
        expected = {spec.id: con.execute(f'SELECT count(*) FROM "{spec.id}"').fetchone()[0]
                    for spec in catalogue.LAYERS
                    if con.execute("SELECT 1 FROM sqlite_master WHERE name=?", (spec.id,)).fetchone()}
        closed = con.execute("SELECT count(*) FROM parcel WHERE status = 'closed'").fetchone()[0]
    project = QgsProject()
    layers = load_database(location, project, language="el")
    try:
        assert layers["parcel"].subsetString() == ACTIVE_PARCELS
        counts = {layer_id: layer.featureCount() for layer_id, layer in layers.items()}
        expected["parcel"] -= closed
        assert counts == {k: v for k, v in expected.items() if k in counts}
    finally:
        project.clear()


def test_project_survives_save_and_reload(loaded, tmp_path):
    from qgis.core import QgsProject

    project, layers = loaded
    path = tmp_path / "municipality.qgz"
    assert project.write(str(path))
    again = QgsProject()
    assert again.read(str(path))
    assert len(again.mapLayers()) == len(layers)
    assert len(again.relationManager().relations()) == len(project.relationManager().relations())
    again.clear()
