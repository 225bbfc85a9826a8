"""Processing dialogs preselect the municipal layers and database of the project (issue 15), in the
real Processing dialog; scripts that leave a parameter out are not affected."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture()
def municipality(qgis_new_project, qgis_iface, sample_gpkg, tmp_path, monkeypatch):
    from qgis.core import QgsProject, QgsVectorLayer
    from qgis.gui import QgsBrowserGuiModel

    browser = QgsBrowserGuiModel()  # what the desktop's iface gives the Processing dialog
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)

    from municipal_gis.layers.project import load_database

    path = tmp_path / "municipality.gpkg"
    shutil.copy(sample_gpkg, path)  # the session's sample stays untouched
    project = QgsProject.instance()
    loaded = load_database(str(path), project, "el")
    # what used to be preselected: a polygon layer added last, active, and named like the parcels
    decoy = QgsVectorLayer(f"{path}|layername=programme_project", "Γεωτεμάχια", "ogr")
    assert decoy.isValid()
    project.addMapLayer(decoy)
    qgis_iface.setActiveLayer(decoy)
    yield path, loaded, decoy
    project.removeAllMapLayers()


def _dialog(algorithm_id):
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)  # as the toolbox does
    return algorithm, AlgorithmDialog(algorithm)


def test_certificate_dialog_preselects_parcels_zones_and_register(municipality, provider, tmp_path):
    from qgis import processing

    path, loaded, decoy = municipality
    algorithm, dialog = _dialog("municipal_gis:land_use_certificate")
    try:
        values = dialog.createProcessingParameters()
    finally:
        dialog.deleteLater()
    assert values["PARCELS"] == loaded["parcel"].id() != decoy.id()
    assert values["ZONING"] == loaded["land_use_zone"].id()
    assert values["BLOCKS"] == loaded["city_block"].id() and values["STREETS"] == loaded["street"].id()
    assert values["DATABASE"] == str(path)
    assert algorithm.parameterDefinition("DATABASE").type() == "file"  # a file picker, not free text
    # running with what the dialog offers works (it used to fail: «zone_code not found»)
    kaek = next(loaded["parcel"].getFeatures())["kaek"]
    values.update({"KAEK_LIST": kaek, "OUTPUT": str(tmp_path / "pieces.gpkg"), "KAEK_PROBLEMS": None,
                   "OUTPUT_REPORT": None})
    result = processing.run("municipal_gis:land_use_certificate", values)
    assert result["OUTPUT"]


def test_other_dialogs_preselect_their_layers(municipality, provider):
    _, loaded, _ = municipality
    expected = {
        "municipal_gis:lease_status": {"PROPERTIES": "municipal_property", "LEASES": "lease"},
        "municipal_gis:neighbour_list": {"PROPERTIES": "municipal_property", "PARCELS": "parcel"},
        "municipal_gis:regeneration_zones": {"INPUT": "census_block"},
        "municipal_gis:playground_siting": {"DEMAND": "census_block", "EXISTING": "playground",
                                           "STREETS": "street"},
    }
    for algorithm_id, parameters in expected.items():
        _, dialog = _dialog(algorithm_id)
        try:
            values = dialog.createProcessingParameters()
        finally:
            dialog.deleteLater()
        for name, layer_id in parameters.items():
            assert values[name] == loaded[layer_id].id(), (algorithm_id, name, values[name])


def test_defaults_are_for_the_dialog_only(municipality, provider):
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("municipal_gis:land_use_certificate")
    parcels = algorithm.parameterDefinition("PARCELS")
    assert parcels.defaultValueForGui() == municipality[1]["parcel"].id()
    assert parcels.defaultValue() is None  # processing.run / qgis_process without PARCELS still refuse


def test_no_municipal_layers_no_preselection(qgis_new_project, provider):
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("municipal_gis:land_use_certificate")
    assert algorithm.parameterDefinition("PARCELS").defaultValueForGui() is None
    assert algorithm.parameterDefinition("DATABASE").defaultValueForGui() is None
