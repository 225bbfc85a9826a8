"""Where the register lives: a project folder copied elsewhere issues into its own GeoPackage, and the
certificate panel says which register will receive the certificate."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest
from qgis.core import QgsFeatureRequest, QgsProject

from municipal_gis.layers import register
from municipal_gis.layers.project import DATABASE_KEY, database_of, load_database, municipal_layers


def test_copied_project_folder_issues_into_its_own_register(qgis_app, provider, sample_gpkg, tmp_path):
    from municipal_gis.gui.certificate_dialog import CertificateDock

    original = tmp_path / "Σέρρες"
    original.mkdir()
    source, target = sqlite3.connect(sample_gpkg), sqlite3.connect(original / "municipality.gpkg")
    source.backup(target)  # the session's sample itself is never written to
    source.close()
    target.close()
    project = QgsProject()
    load_database(str(original / "municipality.gpkg"), project)
    assert project.write(str(original / "serres.qgz"))
    copy = tmp_path / "Σέρρες αντίγραφο"
    shutil.copytree(original, copy)
    project.clear()

    opened = QgsProject()
    assert opened.read(str(copy / "serres.qgz"))
    parcels = municipal_layers(opened)["parcel"]
    assert str(original) in parcels.customProperty(DATABASE_KEY)  # what was recorded at load time …
    assert database_of(parcels) == str(copy / "municipality.gpkg")  # … is not what counts: the layer's source
    dock = CertificateDock(None, opened)
    try:
        assert dock.register_label.text() == f"Register: {copy / 'municipality.gpkg'}"
        feature = next(parcels.getFeatures(QgsFeatureRequest().setLimit(1)))
        kaek = feature["kaek"]
        dock.compute([feature])
        outputs = dock.issue(folder=str(tmp_path / "pdf"))
    finally:
        dock.unload()
    year = dt.datetime.now().astimezone().year
    assert outputs is not None and outputs["ISSUED"] == f"{year}/0001", dock.message.text()
    assert [(e.certificate_no, e.kaek) for e in register.entries(str(copy / "municipality.gpkg"))] == [
        (f"{year}/0001", kaek)]
    assert register.entries(str(original / "municipality.gpkg")) == []  # the original register is untouched
    assert dock.message.text().startswith(f"Certificate {year}/0001 issued in ")  # one number: singular


def test_panel_without_a_database_says_certificates_are_drafts(qgis_app):
    from municipal_gis.gui.certificate_dialog import CertificateDock

    dock = CertificateDock(None, QgsProject())
    try:
        assert dock.register_label.text() == "No register: the certificates will be drafts without a number."
    finally:
        dock.unload()


@pytest.mark.postgis
def test_panel_names_a_postgis_register_without_its_password(qgis_app, pg_location):
    from municipal_gis.gui.certificate_dialog import CertificateDock
    from municipal_gis.layers.database import create_database

    create_database(pg_location)
    project = QgsProject()
    load_database(pg_location, project)
    parcels = municipal_layers(project)["parcel"]
    assert parcels.providerType() == "postgres" and database_of(parcels) == str(pg_location)
    # a connection with a password (as a QGIS connection may carry): the panel never shows it
    parcels.setCustomProperty(DATABASE_KEY, f"PG:{pg_location.conninfo} password=s3cret schema={pg_location.schema}")
    dock = CertificateDock(None, project)
    try:
        assert dock.register_label.text() == (f"Register: PostGIS {pg_location.conninfo} password=***, "
                                              f"schema {pg_location.schema}")
    finally:
        dock.unload()
        project.clear()
