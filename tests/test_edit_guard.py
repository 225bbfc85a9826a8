"""The QGIS edit guard: an overlapping edit refused at commit, accepted with a reason; a stale save
refused between two real editing sessions (two processes) on PostGIS."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from qgis.core import QgsGeometry
from qgis.PyQt.QtCore import QCoreApplication

from municipal_gis.gui.edit_guard import EditGuard
from municipal_gis.layers import edit_history
from tests.builders import X0, Y0, small_database

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(params=["gpkg", "postgis"])
def location(request, tmp_path):
    if request.param == "gpkg":
        return small_database(tmp_path / "m.gpkg")
    return small_database(str(request.getfixturevalue("pg_location")))


def _stored(location, kaek):
    """The parcel as stored (read outside QGIS, whose pooled connections may show an older snapshot)."""
    import datetime as dt

    rows = edit_history.layer_as_of(location, "parcel", dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1))
    return next((r, g) for _, r, g in rows if r["kaek"] == kaek)


def _fid(layer, kaek):
    return next(f.id() for f in layer.getFeatures() if f["kaek"] == kaek)


def test_overlapping_edit_is_refused_then_accepted_with_reason(qgis_app, location):
    layer = location.qgs_layer("parcel")
    guard = EditGuard(layer, location)
    fid = _fid(layer, "400160403001")
    assert layer.startEditing()
    grown = QgsGeometry.fromWkt(f"MULTIPOLYGON((({X0} {Y0}, {X0 + 25.535} {Y0}, {X0 + 25.535} {Y0 + 20}, "
                                f"{X0} {Y0 + 20}, {X0} {Y0})))")
    assert layer.changeGeometry(fid, grown)
    assert not layer.commitChanges(False)
    QCoreApplication.processEvents()
    assert "ΚΑΕΚ 400160403001 overlaps parcel 400160403002 by 110.70 m²" in guard.message
    assert layer.isEditable() and layer.getFeature(fid).geometry().area() == pytest.approx(510.7)
    assert _stored(location, "400160403001")[1].area == pytest.approx(400.0)  # nothing written
    guard.accept("πράξη εφαρμογής 12/2024")
    assert layer.commitChanges(), layer.commitErrors()
    assert _stored(location, "400160403001")[1].area == pytest.approx(510.7)
    exceptions = edit_history._read(location, f"SELECT kaek, rule, reason FROM {location.table('edit_exception')}")
    assert [tuple(r) for r in exceptions] == [("400160403001", "overlap", "πράξη εφαρμογής 12/2024")]
    assert [c.operation for c in edit_history.edit_history(location, None, None, ["parcel"],
                                                           key="400160403001")] == ["insert", "update"]


SESSION = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from qgis.core import QgsApplication
    app = QgsApplication([], False); app.initQgis()
    from municipal_gis.gui.edit_guard import EditGuard
    from municipal_gis.layers.database import DatabaseLocation
    location = DatabaseLocation.parse({db!r})
    layer = location.qgs_layer("parcel")
    guard = EditGuard(layer, location)
    fid = next(f.id() for f in layer.getFeatures() if f["kaek"] == "400160403002")
    layer.startEditing()
    layer.changeAttributeValue(fid, layer.fields().indexFromName("address"), {address!r})
    print("ready", flush=True)
    sys.stdin.readline()
    ok = layer.commitChanges(False)
    print("saved" if ok else "refused", guard.message.replace("\\n", " "), " | ".join(layer.commitErrors()),
          flush=True)
""")


@pytest.mark.postgis
def test_stale_save_refused_between_two_editing_processes(qgis_app, pg_location):
    location = small_database(str(pg_location))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", USER="maria")
    first = subprocess.Popen([sys.executable, "-c", SESSION.format(root=ROOT, db=str(location), address="Α")],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    second = subprocess.Popen([sys.executable, "-c", SESSION.format(root=ROOT, db=str(location), address="Β")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env=dict(env, USER="nikos"))
    try:
        for process in (first, second):
            assert process.stdout.readline().startswith("ready")
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.stdout.readline().startswith("saved")
        second.stdin.write("\n")
        second.stdin.flush()
        answer = second.stdout.readline()
    finally:
        for process in (first, second):
            process.communicate(timeout=60)
    assert answer.startswith("refused"), answer
    assert "ΚΑΕΚ 400160403002 was changed by" in answer
    assert _stored(location, "400160403002")[0]["address"] == "Α"


def test_project_sets_cadastral_editing(qgis_app, tmp_path):
    from qgis.core import QgsProject, QgsSnappingConfig

    from municipal_gis.layers.project import load_database

    location = small_database(tmp_path / "m.gpkg")
    project = QgsProject()
    loaded = load_database(location, project)
    config = project.snappingConfig()
    assert config.enabled() and project.topologicalEditing()
    assert config.individualLayerSettings(loaded["parcel"]).enabled()
    assert config.individualLayerSettings(loaded["city_block"]).typeFlag() & QgsSnappingConfig.SnappingTypes.VertexFlag
    assert project.avoidIntersectionsMode() == QgsProject.AvoidIntersectionsMode.AvoidIntersectionsLayers
    assert [layer.id() for layer in project.avoidIntersectionsLayers()] == [loaded["parcel"].id()]
    assert loaded["parcel"].geometryOptions().geometryChecks() == ["QgsIsValidCheck"]
    assert len(list(loaded["parcel"].getFeatures())) == 2 and "closed" in loaded["parcel"].subsetString()
