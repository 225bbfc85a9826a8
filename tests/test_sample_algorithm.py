"""generate_sample_municipality: deterministic, clean by check_database, in GeoPackage and PostGIS."""

from __future__ import annotations

import hashlib

import pytest

from municipal_gis.layers.checks import check_database, error_count
from municipal_gis.layers.database import DatabaseLocation
from municipal_gis.schema import catalogue


def _digest(location) -> dict:
    """Per layer: a hash of every feature's attributes and geometry WKB, in fid order."""
    digests = {}
    for spec in catalogue.LAYERS:
        layer = location.qgs_layer(spec.id)
        h = hashlib.sha256()
        for feature in sorted(layer.getFeatures(), key=lambda f: f.id()):
            h.update(repr([feature[name] for name in spec.field_names()]).encode())
            if feature.hasGeometry():
                h.update(bytes(feature.geometry().asWkb()))
        digests[spec.id] = (layer.featureCount(), h.hexdigest())
    return digests


def _generate(path, seed, parcels=1000):
    from qgis import processing

    return processing.run("municipal_gis:generate_sample_municipality",
                          {"OUTPUT": str(path), "PARCELS": parcels, "SEED": seed})


def test_same_seed_same_municipality(qgis_app, provider, tmp_path):
    first, second, other = tmp_path / "a.gpkg", tmp_path / "b.gpkg", tmp_path / "c.gpkg"
    _generate(first, 11)
    _generate(second, 11)
    _generate(other, 12)
    a, b, c = (_digest(DatabaseLocation.parse(p)) for p in (first, second, other))
    assert a == b
    assert a["parcel"] != c["parcel"]


def test_sample_content_and_cleanliness(qgis_app, sample_gpkg):
    location = DatabaseLocation.parse(sample_gpkg)
    findings = check_database(location)
    assert error_count(findings) == 0, [f.message for f in findings if f.severity == "error"][:5]
    counts = {spec.id: location.qgs_layer(spec.id).featureCount() for spec in catalogue.LAYERS}
    assert 1200 <= counts["parcel"] <= 1800  # "about 1 500"
    for layer_id in ("city_block", "street", "land_use_zone", "census_block", "community", "municipal_property",
                     "lease", "encroachment", "playground", "programme_project", "project_funding"):
        assert counts[layer_id] > 0, layer_id
    assert counts["bike_station"] == 5
    assert counts["land_use_certificate"] == 0  # the register starts empty
    stations = location.qgs_layer("bike_station")
    assert sum(f["docks"] for f in stations.getFeatures()) >= 40  # 40 bikes need at least 40 docks
    extent = location.qgs_layer("parcel").extent()
    assert 440_000 < extent.center().x() < 485_000 and 4_530_000 < extent.center().y() < 4_565_000
    located = [f for f in location.qgs_layer("programme_project").getFeatures() if f.hasGeometry()]
    assert len(located) >= 3


def test_bad_parcel_count_is_refused(qgis_app, provider, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException):
        _generate(tmp_path / "x.gpkg", 1, parcels=10)


@pytest.mark.postgis
def test_sample_in_postgis_passes_the_checks(qgis_app, pg_location):
    """Every catalogue layer, created in a real PostGIS and filled with the sample, is clean."""
    from municipal_gis.core.sample import generate
    from municipal_gis.layers.database import create_database, write_records

    tables = generate(parcels=1000, seed=5)
    create_database(pg_location)
    for layer_id, table in tables.items():
        write_records(pg_location, layer_id, table.records, table.geometries)
    findings = check_database(pg_location)
    assert error_count(findings) == 0, [f.message for f in findings if f.severity == "error"][:5]
    parcels = pg_location.qgs_layer("parcel")
    assert parcels.featureCount() == len(tables["parcel"].records)
