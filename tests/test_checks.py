"""check_database finds each kind of planted defect, naming layer, feature and field."""

from __future__ import annotations

import pytest
import shapely
from builders import X0, Y0  # noqa: E402
from builders import small_database as _clean_db
from shapely.geometry import Polygon, box

from municipal_gis.layers.checks import check_database, error_count
from municipal_gis.layers.database import DatabaseError
from municipal_gis.schema import catalogue


def _problems(findings):
    return {(f.layer, f.field, f.problem) for f in findings}


def test_clean_database_has_no_findings(qgis_app, tmp_path):
    assert check_database(_clean_db(tmp_path / "ok.gpkg")) == []


def test_overlap_and_gap_inside_a_block(qgis_app, tmp_path):
    parcels = [
        ({"kaek": "400160403001"}, box(X0, Y0, X0 + 21, Y0 + 20)),  # 1 m into its neighbour: 20 m² overlap
        ({"kaek": "400160403002"}, box(X0 + 20, Y0, X0 + 40, Y0 + 17)),  # leaves a 20 × 3 strip minus 1 × 3
    ]
    findings = check_database(_clean_db(tmp_path / "t.gpkg", parcels=parcels))
    overlap = [f for f in findings if f.problem == "parcel_overlap"]
    gap = [f for f in findings if f.problem == "parcel_gap"]
    assert len(overlap) == 1 and overlap[0].layer == "parcel" and overlap[0].field == "geom"
    assert "17.00 m²" in overlap[0].message  # 1 m × 17 m shared
    assert len(gap) == 1 and gap[0].layer == "city_block"
    assert "57.00 m²" in gap[0].message  # 19 m × 3 m uncovered (1 m of it is under the first parcel)


def test_tolerance_ignores_digitising_noise(qgis_app, tmp_path):
    parcels = [
        ({"kaek": "400160403001"}, box(X0, Y0, X0 + 20.001, Y0 + 20)),  # 0.02 m² overlap
        ({"kaek": "400160403002"}, box(X0 + 20, Y0, X0 + 40, Y0 + 20)),
    ]
    location = _clean_db(tmp_path / "t.gpkg", parcels=parcels)
    assert check_database(location, topology_tolerance_m2=0.05) == []
    assert {f.problem for f in check_database(location, topology_tolerance_m2=0.01)} == {"parcel_overlap"}


def test_database_refuses_duplicate_kaek(qgis_app, tmp_path):
    parcels = [({"kaek": "400160403001"}, box(X0, Y0, X0 + 20, Y0 + 20)),
               ({"kaek": "400160403001"}, box(X0 + 20, Y0, X0 + 40, Y0 + 20))]
    with pytest.raises(DatabaseError, match=r"parcel, record 2.*UNIQUE"):
        _clean_db(tmp_path / "t.gpkg", parcels=parcels)


def _without_unique_kaek(monkeypatch):
    """Make databases as another tool would: parcel.kaek without a UNIQUE constraint."""
    import dataclasses

    parcel = catalogue.layer("parcel")
    loose = dataclasses.replace(parcel, fields=tuple(
        dataclasses.replace(f, unique=False) if f.name == "kaek" else f for f in parcel.fields))
    layers = tuple(loose if spec.id == "parcel" else spec for spec in catalogue.LAYERS)
    monkeypatch.setattr(catalogue, "LAYERS", layers)
    monkeypatch.setattr(catalogue, "_BY_ID", {spec.id: spec for spec in layers})


def test_kaek_duplicates_and_malformed(qgis_app, tmp_path, monkeypatch):
    _without_unique_kaek(monkeypatch)
    parcels = [
        ({"kaek": "400160403001"}, box(X0, Y0, X0 + 20, Y0 + 20)),
        ({"kaek": "400160403001"}, box(X0 + 20, Y0, X0 + 30, Y0 + 20)),
        ({"kaek": "40016040300"}, box(X0 + 30, Y0, X0 + 40, Y0 + 20)),
    ]
    location = _clean_db(tmp_path / "t.gpkg", parcels=parcels)
    monkeypatch.undo()  # check against the real catalogue
    findings = check_database(location)
    duplicates = [f for f in findings if f.problem == "duplicate_value"]
    assert len(duplicates) == 2 and {f.field for f in duplicates} == {"kaek"}
    malformed = [f for f in findings if f.problem == "malformed_kaek"]
    assert len(malformed) == 1 and malformed[0].layer == "parcel" and "40016040300" in malformed[0].message


def test_invalid_and_empty_geometry(qgis_app, tmp_path):
    bowtie = Polygon([(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10)])
    extra = {"playground": [({"name": "Πλατεία Ειρήνης"}, None)],
             "regeneration_zone": [({"name": "ΣΒΑΑ"}, bowtie)]}
    findings = check_database(_clean_db(tmp_path / "t.gpkg", extra=extra))
    assert ("playground", "geom", "empty_geometry") in _problems(findings)
    invalid = [f for f in findings if f.problem == "invalid_geometry"]
    assert len(invalid) == 1 and invalid[0].layer == "regeneration_zone" and "Self-intersection" in invalid[0].message


def test_unknown_project_property_and_codes(qgis_app, tmp_path):
    extra = {
        "lease": [({"lease_code": "Μ-2", "property_code": "ΔΠ-9999"}, None)],
        "bike_station": [({"name": "ΤΕΙ", "project_code": "2019-404", "status": "rusty"},
                          shapely.Point(X0, Y0))],
    }
    findings = check_database(_clean_db(tmp_path / "t.gpkg", extra=extra))
    problems = _problems(findings)
    assert ("lease", "property_code", "unknown_property") in problems
    assert ("bike_station", "project_code", "unknown_project") in problems
    assert ("bike_station", "status", "unknown_code") in problems
    message = next(f.message for f in findings if f.problem == "unknown_property")
    assert "ΔΠ-9999" in message and "lease" in message


def test_project_without_location_is_a_warning(qgis_app, tmp_path):
    extra = {"programme_project": [({"project_code": "2019-002", "title": "Μελέτη"}, None)]}
    findings = check_database(_clean_db(tmp_path / "t.gpkg", extra=extra))
    assert [(f.problem, f.severity, f.feature_id) for f in findings] == [("project_without_location", "warning", 2)]
    assert error_count(findings) == 0


def test_missing_layer_missing_field_and_wrong_crs(qgis_app, tmp_path):
    from osgeo import ogr, osr

    location = _clean_db(tmp_path / "t.gpkg")
    ds = ogr.Open(location.path, 1)
    for i in range(ds.GetLayerCount()):
        if ds.GetLayer(i).GetName() == "bike_station":
            ds.DeleteLayer(i)
            break
    ds.GetLayerByName("playground").DeleteField(ds.GetLayerByName("playground").FindFieldIndex("age_group", 1))
    # a street layer in degrees (WGS 84) in place of the ΕΓΣΑ87 one
    for i in range(ds.GetLayerCount()):
        if ds.GetLayer(i).GetName() == "street":
            ds.DeleteLayer(i)
            break
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    street = ds.CreateLayer("street", srs, ogr.wkbLineString, options=["FID=fid", "GEOMETRY_NAME=geom"])
    for name in ("name", "street_class", "project_code"):
        street.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    street.CreateField(ogr.FieldDefn("walkable", ogr.OFTString))  # wrong type: text instead of boolean
    feature = ogr.Feature(street.GetLayerDefn())
    feature.SetGeometry(ogr.CreateGeometryFromWkt("LINESTRING (23.54 41.08, 23.55 41.09)"))
    street.CreateFeature(feature)
    ds = None
    problems = _problems(check_database(location))
    assert ("bike_station", "", "missing_layer") in problems
    assert ("playground", "age_group", "missing_field") in problems
    assert ("street", "geom", "wrong_crs") in problems
    assert ("street", "geom", "coordinates_in_degrees") in problems
    assert ("street", "walkable", "wrong_type") in problems


def test_check_does_not_change_the_file(qgis_app, tmp_path):
    import hashlib

    location = _clean_db(tmp_path / "t.gpkg")
    before = hashlib.sha256(open(location.path, "rb").read()).hexdigest()
    check_database(location)
    assert hashlib.sha256(open(location.path, "rb").read()).hexdigest() == before


def test_check_algorithm_outputs_findings_table(qgis_app, provider, tmp_path):
    from qgis import processing
    from qgis.core import QgsVectorLayer

    extra = {"lease": [({"lease_code": "Μ-2", "property_code": "ΔΠ-9999"}, None)]}
    location = _clean_db(tmp_path / "t.gpkg", extra=extra)
    out = tmp_path / "findings.csv"
    result = processing.run("municipal_gis:check_database", {"INPUT": location.path, "OUTPUT": str(out)})
    assert result["FINDINGS"] == 1 and result["ERRORS"] == 1
    table = QgsVectorLayer(str(out), "f", "ogr")
    assert [f.name() for f in table.fields()][:5] == ["layer", "feature_id", "field", "problem", "message"]
    row = next(table.getFeatures())
    assert (row["layer"], row["field"], row["problem"]) == ("lease", "property_code", "unknown_property")
    assert int(row["feature_id"]) == 2


def test_check_algorithm_on_a_non_database_is_a_clear_error(qgis_app, provider, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException

    bogus = tmp_path / "notes.gpkg"
    bogus.write_text("hello")
    with pytest.raises(QgsProcessingException, match="not a GeoPackage"):
        processing.run("municipal_gis:check_database", {"INPUT": str(bogus), "OUTPUT": "memory:"})


def test_database_error_is_raised_for_missing_file(tmp_path):
    with pytest.raises(DatabaseError):
        check_database(tmp_path / "nothing.gpkg")


def test_certificates_whose_shares_do_not_add_up_are_found(qgis_app, tmp_path):
    """Certificates issued by the release with the phantom unzoned row (zone 100 % + unzoned 100 %)
    are listed for reissue; a correct one and one already replaced are not."""
    from municipal_gis.layers import register

    location = _clean_db(tmp_path / "r.gpkg")

    def render(number, code, issued_at, path):  # register.issue renders into a nameless scratch file
        with open(path, "wb") as handle:
            handle.write(f"%PDF-1.4 {number} {code}".encode())

    def issue(**kwargs):
        return register.issue(location, destination=lambda number: tmp_path / f"{number.replace('/', '_')}.pdf",
                              render=render, **kwargs)

    wrong = [{"zone_code": "Α1", "area_m2": 496.69, "share_pct": 100.0},
             {"zone_code": None, "area_m2": 496.69, "share_pct": 100.0}]
    right = [{"zone_code": "Α1", "area_m2": 300.0, "share_pct": 60.0},
             {"zone_code": "Β2", "area_m2": 200.0, "share_pct": 40.0}]
    bad = issue(kaek="400160403001", result_rows=wrong)
    issue(kaek="400160403002", result_rows=right)
    old = issue(kaek="400160403003", result_rows=wrong)
    issue(kaek="400160403003", result_rows=right, replaces_no=old.certificate_no)
    findings = [f for f in check_database(location) if f.problem == "shares_not_100"]
    assert len(findings) == 1
    assert findings[0].layer == "land_use_certificate" and findings[0].field == "result_json"
    assert bad.certificate_no in findings[0].message and "200.00 %" in findings[0].message
