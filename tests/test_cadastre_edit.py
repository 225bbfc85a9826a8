"""Split and merge of parcels with ΚΑΕΚ lineage, on GeoPackage and PostGIS."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely
from shapely.geometry import LineString

from municipal_gis.layers import cadastre, edit_history
from municipal_gis.layers.database import DatabaseError
from tests.builders import X0, Y0, small_database


@pytest.fixture(params=["gpkg", "postgis"])
def location(request, tmp_path):
    if request.param == "gpkg":
        path = tmp_path / "m.gpkg"
    else:
        path = str(request.getfixturevalue("pg_location"))
    parcels = [
        ({"kaek": "400160403001", "ot_code": "12", "owner_type": "municipal", "registered_area_m2": 410.0},
         shapely.box(X0, Y0, X0 + 20, Y0 + 20)),
        ({"kaek": "400160403002", "ot_code": "12", "owner_type": "private", "registered_area_m2": 395.5},
         shapely.box(X0 + 20, Y0, X0 + 40, Y0 + 20)),
    ]
    return small_database(path, parcels=parcels)


def _active(location):
    now = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)
    return {r["kaek"]: (r, g) for _, r, g in edit_history.layer_as_of(location, "parcel", now)
            if r["status"] != "closed"}


def test_split_then_merge_with_lineage_and_undo(qgis_app, location):
    line = LineString([(X0 + 5, Y0 - 1), (X0 + 5, Y0 + 21)])
    result = cadastre.split_parcel(location, "400160403001", line, ["400160403101", "400160403102"],
                                   user="eleni", reason="πράξη 3/2026")
    assert result.child_areas == (102.5, 307.5)  # 410 m² by area ratio 1:3
    parcels = _active(location)
    assert set(parcels) == {"400160403002", "400160403101", "400160403102"}
    west, east = parcels["400160403101"], parcels["400160403102"]
    assert west[1].area == pytest.approx(100.0) and east[1].area == pytest.approx(300.0)
    assert west[0]["owner_type"] == "municipal" and west[0]["ot_code"] == "12"
    assert west[0]["registered_area_m2"] + east[0]["registered_area_m2"] == pytest.approx(410.0, abs=1e-9)
    closed = [r for _, r, _ in edit_history.layer_as_of(location, "parcel", dt.datetime.now(dt.timezone.utc)
                                                        + dt.timedelta(seconds=1)) if r["kaek"] == "400160403001"]
    assert closed[0]["status"] == "closed" and closed[0]["closed_at"]

    merged = cadastre.merge_parcels(location, ["400160403102", "400160403002"], "400160403200", user="eleni")
    assert merged.child_areas == (703.0,)
    parcels = _active(location)
    assert set(parcels) == {"400160403101", "400160403200"}
    assert parcels["400160403200"][1].area == pytest.approx(700.0)
    family = cadastre.lineage(location, "400160403200")
    assert [a[0] for a in family["ancestors"]] == ["400160403102", "400160403002", "400160403001"]
    assert [d[0] for d in cadastre.lineage(location, "400160403001")["descendants"]] == \
        ["400160403101", "400160403102", "400160403200"]

    edit_history.undo(location, txid=merged.operation_id, reason="λάθος συνένωση")
    assert set(_active(location)) == {"400160403002", "400160403101", "400160403102"}


def test_bad_split_and_merge_write_nothing(qgis_app, location):
    before = _active(location)
    with pytest.raises(DatabaseError, match=r"400160403001.*does not cut"):
        cadastre.split_parcel(location, "400160403001", LineString([(X0 + 50, Y0), (X0 + 50, Y0 + 20)]),
                              ["400160403101", "400160403102"])
    with pytest.raises(DatabaseError, match=r"«620100497004_1» is not well-formed"):
        cadastre.split_parcel(location, "400160403001", LineString([(X0 + 5, Y0 - 1), (X0 + 5, Y0 + 21)]),
                              ["620100497004_1", "400160403102"])
    with pytest.raises(DatabaseError, match=r"400160403002 already exists"):
        cadastre.split_parcel(location, "400160403001", LineString([(X0 + 5, Y0 - 1), (X0 + 5, Y0 + 21)]),
                              ["400160403101", "400160403002"])
    with pytest.raises(DatabaseError, match=r"differ from the parent's by 100.00"):
        cadastre.split_parcel(location, "400160403001", LineString([(X0 + 5, Y0 - 1), (X0 + 5, Y0 + 21)]),
                              ["400160403101", "400160403102"], areas=[410.0, 100.0])
    assert _active(location).keys() == before.keys()
    assert edit_history.edit_history(location, None, None, ["parcel"])[-1].operation == "insert"


def test_algorithms_split_and_merge(provider, location):
    from qgis import processing
    from qgis.core import QgsGeometry, QgsProcessingException

    db = str(location)
    line = QgsGeometry.fromWkt(f"LINESTRING({X0 + 10} {Y0 - 1}, {X0 + 10} {Y0 + 21})")
    out = processing.run("municipal_gis:split_parcel", {"DATABASE": db, "KAEK": "400160403001", "LINE": line,
                                                        "NEW_KAEK": "400160403101, 400160403102"})
    assert out["CHILDREN"] == "400160403101,400160403102"
    parcels = _active(location)
    assert parcels["400160403101"][0]["registered_area_m2"] == 205.0
    merged = processing.run("municipal_gis:merge_parcels", {"DATABASE": db, "KAEKS": "400160403101;400160403102",
                                                            "NEW_KAEK": "400160403001/0"})
    assert merged["REGISTERED_AREA_M2"] == 410.0
    with pytest.raises(QgsProcessingException, match="two or more"):
        processing.run("municipal_gis:merge_parcels", {"DATABASE": db, "KAEKS": "400160403002", "NEW_KAEK": "x"})
    processing.run("municipal_gis:undo_change", {"DATABASE": db, "TRANSACTION_ID": merged["TRANSACTION_ID"]})
    assert set(_active(location)) == {"400160403002", "400160403101", "400160403102"}


def test_property_card_shows_lineage(qgis_app, tmp_path):
    from qgis.core import QgsProject

    from municipal_gis.gui.property_dock import property_card_html
    from municipal_gis.layers.project import load_database

    location = small_database(tmp_path / "m.gpkg")
    cadastre.split_parcel(location, "400160403001", LineString([(X0 + 10, Y0 - 1), (X0 + 10, Y0 + 21)]),
                          ["400160403101", "400160403102"])
    project = QgsProject()
    loaded = load_database(location, project, language="en")
    feature = next(loaded["municipal_property"].getFeatures())
    html = property_card_html(project, feature, language="en")
    assert "Parcel lineage" in html
    assert "<td>400160403101</td><td>comes from</td><td>400160403001</td><td>Split</td>" in html


def test_check_database_ignores_closed_parcels(qgis_app, tmp_path):
    from municipal_gis.layers.checks import check_database, error_count

    location = small_database(tmp_path / "m.gpkg")
    cadastre.split_parcel(location, "400160403001", LineString([(X0 + 10, Y0 - 1), (X0 + 10, Y0 + 21)]),
                          ["400160403101", "400160403102"])
    assert error_count(check_database(location)) == 0
