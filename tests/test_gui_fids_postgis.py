"""What the panels show and act on is the table's fid, on PostGIS as on a GeoPackage.

QGIS's postgres provider numbers the features of a table with a bigint key (the catalogue's) 1, 2, 3…
in the order it first meets them; a GeoPackage's feature ids are its fids. A feature without a code
or a name is shown as «#<fid>» by the locator, the projects dock and the certificate panel: that must
be the number the attribute table and the database show, and choosing it must select, zoom to and
certify that row. The fixture makes QGIS's ids differ from the fids on
PostGIS: the rows shown by number have fids from 201 on, and the first rows were updated, which moves
them to the end of the table (QGIS's id of the first numbered row is the fid of another row).
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
import shapely
from shapely import box

from tests.test_indatabase import X0, Y0

NUMBERED_FROM = 200  # PostGIS: the rows shown by number get fids 201, 202…
PROJECT = "2019-001"
BLOCK = "77"  # the city block of the parcel without a ΚΑΕΚ
PROPERTY = "ΔΠ-0001"  # the property the numbered lease leases


def _sql(location, query, args=()):
    connection = location.dbapi_connect()
    try:
        cursor = connection.cursor()
        cursor.execute(query, args)
        rows = cursor.fetchall() if cursor.description else None
        connection.commit()
    finally:
        connection.close()
    return rows


def _numbered_fids_from(location, layer_ids):
    """PostGIS: the next rows of these tables get fids from NUMBERED_FROM + 1 (a GeoPackage keeps its own)."""
    if location.kind != "postgis":
        return
    for layer_id in layer_ids:
        _sql(location, f"SELECT setval(pg_get_serial_sequence('{location.table(layer_id)}', 'fid'), "
                       f"{NUMBERED_FROM})")


@contextlib.contextmanager
def _cadastral_check_off(location):
    if location.kind != "postgis":
        yield
        return
    _sql(location, f"ALTER TABLE {location.table('parcel')} DISABLE TRIGGER USER")
    try:
        yield
    finally:
        _sql(location, f"ALTER TABLE {location.table('parcel')} ENABLE TRIGGER USER")


def _build(location_text):
    """The small database of tests.builders with, on top, rows that have no code nor name."""
    from municipal_gis.layers.database import DatabaseLocation, write_records
    from tests.builders import small_database

    location = small_database(location_text, extra={
        "street": [({"name": "Αθηνάς", "project_code": PROJECT}, shapely.linestrings([[X0, Y0 - 5], [X0 + 40, Y0 - 5]]))],
        "playground": [({"name": "Πλατεία", "project_code": PROJECT}, shapely.points(X0 + 10, Y0 + 30))],
        "land_use_zone": [({"zone_code": "Α1", "far": 0.8, "coverage_pct": 60.0, "valid_from": dt.date(2011, 9, 21)},
                           box(X0 - 50, Y0 - 50, X0 + 250, Y0 + 100))],
    })
    location = DatabaseLocation.parse(location_text)
    numbered = ("parcel", "city_block", "street", "playground", "municipal_property", "lease")
    _numbered_fids_from(location, numbered)
    bx = X0 + 100
    write_records(location, "city_block", [{"ot_code": BLOCK}], [box(bx, Y0, bx + 30, Y0 + 10)])
    # a parcel whose ΚΑΕΚ is not filled in yet (PostGIS: an accepted exception to the cadastral check);
    # 30 m × 10 m, the only 300 m² parcel
    with _cadastral_check_off(location):
        write_records(location, "parcel", [{"kaek": "", "ot_code": BLOCK}], [box(bx, Y0, bx + 30, Y0 + 10)])
    write_records(location, "municipal_property", [{"property_code": "", "ot_code": "78"}],
                  [box(X0 + 200, Y0, X0 + 210, Y0 + 10)])
    write_records(location, "lease", [{"lease_code": "", "property_code": PROPERTY}])
    write_records(location, "street", [{"project_code": PROJECT}],
                  [shapely.linestrings([[X0 + 60, Y0 + 40], [X0 + 90, Y0 + 40]])])
    write_records(location, "playground", [{"project_code": PROJECT}], [shapely.points(X0 + 150, Y0 + 60)])
    if location.kind == "postgis":
        for layer_id in numbered:  # the first rows move to the end of the table: QGIS meets them last
            _sql(location, f"UPDATE {location.table(layer_id)} SET fid = fid WHERE fid = 1")
    return location


@pytest.fixture(params=["postgis", "gpkg"])
def municipality(request, qgis_new_project, qgis_iface, tmp_path):
    from qgis.core import QgsProject

    from municipal_gis.layers.project import load_database

    if request.param == "postgis":
        request.applymarker(pytest.mark.postgis)
        location = _build(str(request.getfixturevalue("pg_location")))
    else:
        location = _build(str(tmp_path / "municipality.gpkg"))
    layers = load_database(str(location), QgsProject.instance(), "en")
    canvas = qgis_iface.mapCanvas()
    canvas.resize(800, 600)
    canvas.setDestinationCrs(layers["parcel"].crs())
    yield location, layers
    QgsProject.instance().removeAllMapLayers()


def _stored_fid(location, layer_id, where):
    (fid,) = _sql(location, f"SELECT fid FROM {location.table(layer_id)} WHERE {where}")[0]
    return fid


def _qgis_id(layer, fid):
    """QGIS's id of the row with this fid."""
    (qid,) = [f.id() for f in layer.getFeatures() if f["fid"] == fid]
    return qid


def _assert_ids_differ(location, layer, fid):
    """On PostGIS QGIS's id of the row is another row's fid (a test that mixed the two would fail)."""
    qid = _qgis_id(layer, fid)
    if location.kind == "postgis":
        assert qid != fid and qid in {f["fid"] for f in layer.getFeatures()}, (qid, fid)
    else:
        assert qid == fid
    return qid


def _selected_fids(layer):
    return sorted(f["fid"] for f in layer.selectedFeatures())


def _shown(canvas, layer, fid):
    from qgis.core import QgsFeatureRequest

    (feature,) = layer.getFeatures(QgsFeatureRequest().setFilterExpression(f'"fid" = {fid}'))
    box_ = canvas.mapSettings().layerExtentToOutputExtent(layer, feature.geometry().boundingBox())
    return canvas.extent().contains(box_)


def _locator_bar(qgis_iface):
    """The locator bar as the QGIS window runs it: its model bridge (search, results, trigger) with
    the plugin's filter."""
    from qgis.core import QgsLocatorModelBridge

    from municipal_gis.gui.locator import MunicipalLocatorFilter

    bridge = QgsLocatorModelBridge()
    ours = MunicipalLocatorFilter(qgis_iface)
    bridge.locator().registerFilter(ours)
    return bridge, ours


def _results(bridge, ours, text):
    """(shown, kind, index) of the plugin's results for `text`, as the locator bar lists them."""
    from qgis.core import QgsLocatorModel
    from qgis.PyQt.QtCore import QCoreApplication

    from municipal_gis.compat import locator_user_data
    from municipal_gis.gui.locator import parse_user_data

    bridge.performSearch(text)
    QCoreApplication.processEvents()
    while bridge.isRunning():
        QCoreApplication.processEvents()
    QCoreApplication.processEvents()
    model = bridge.proxyModel()
    found = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if model.data(index, QgsLocatorModel.ResultFilterNameRole) != ours.displayName():
            continue
        result = model.data(index, QgsLocatorModel.ResultDataRole)
        if result is None or not result.displayString:  # a group's header
            continue
        found.append((result.displayString, parse_user_data(locator_user_data(result))[0], index))
    return found


@pytest.mark.parametrize("kind, where, query", [
    ("parcel", "kaek = ''", f"Ο.Τ. {BLOCK}"),
    ("municipal_property", "property_code = ''", "Ο.Τ. 78"),
])
def test_locator_names_and_shows_the_row_by_its_fid(municipality, qgis_iface, kind, where, query):
    """A parcel without ΚΑΕΚ (property without code) is listed as «#<fid>»; choosing it in the locator
    bar selects that row and zooms to it."""
    from qgis.core import QgsVectorLayerFeatureSource

    from municipal_gis.gui.locator import build_records

    location, layers = municipality
    layer = layers[kind]
    fid = _stored_fid(location, kind, where)
    assert fid == (NUMBERED_FROM + 1 if location.kind == "postgis" else fid)
    qid = _assert_ids_differ(location, layer, fid)
    # every numbered record of the index: the rows' fids, and QGIS's ids to select them by
    records = build_records({k: (layers[k].id(), QgsVectorLayerFeatureSource(layers[k]), layers[k].fields())
                             for k in ("parcel", "municipal_property", "lease")})
    numbered = {(r.kind, r.label): r.id[1] for r in records if r.label.startswith("#")}
    unnamed = {"parcel": "kaek = ''", "municipal_property": "property_code = ''", "lease": "lease_code = ''"}
    assert numbered == {(k, f"#{_stored_fid(location, k, w)}"): _qgis_id(layers[k], _stored_fid(location, k, w))
                        for k, w in unnamed.items()}
    assert numbered[(kind, f"#{fid}")] == qid

    bridge, ours = _locator_bar(qgis_iface)
    found = [(shown, index) for shown, k, index in _results(bridge, ours, query) if k == kind]
    assert [shown for shown, _ in found] == [f"#{fid}"]
    bridge.triggerResult(found[0][1])
    assert _selected_fids(layer) == [fid]
    assert _shown(qgis_iface.mapCanvas(), layer, fid)


def test_locator_chooses_the_result_chosen(municipality, qgis_iface):
    """Each result of a search, triggered as the locator bar triggers it (through its model), acts on
    its own row, after an earlier search too. The filter reads a result's data through
    compat.locator_user_data: on QGIS before 3.34 the `userData` member of a result that comes from C++
    can be stale (it is, read in a slot of QgsLocator.foundResult on QGIS 3.22) or crash QGIS."""
    location, layers = municipality
    bridge, ours = _locator_bar(qgis_iface)
    _results(bridge, ours, f"Ο.Τ. {BLOCK}")  # an earlier search, whose result would be the stale one
    found = _results(bridge, ours, "400160403")
    assert sorted(shown for shown, _, _ in found) == ["400160403001", "400160403002", PROPERTY], found
    for shown, kind, index in found:
        bridge.triggerResult(index)
        if kind == "parcel":
            assert _selected_fids(layers["parcel"]) == [_stored_fid(location, "parcel", f"kaek = '{shown}'")]
        else:
            assert _selected_fids(layers["municipal_property"]) == [
                _stored_fid(location, "municipal_property", f"property_code = '{PROPERTY}'")]


def test_locator_lease_without_code_zooms_to_its_property(municipality, qgis_iface):
    location, layers = municipality
    fid = _stored_fid(location, "lease", "lease_code = ''")
    _assert_ids_differ(location, layers["lease"], fid)
    property_fid = _stored_fid(location, "municipal_property", f"property_code = '{PROPERTY}'")
    bridge, ours = _locator_bar(qgis_iface)
    found = [(shown, index) for shown, kind, index in _results(bridge, ours, PROPERTY) if kind == "lease"]
    assert sorted(shown for shown, _ in found) == sorted([f"#{fid}", "Μ-1"])
    bridge.triggerResult(next(index for shown, index in found if shown == f"#{fid}"))
    assert _selected_fids(layers["lease"]) == [fid]
    assert _selected_fids(layers["municipal_property"]) == [property_fid]
    assert _shown(qgis_iface.mapCanvas(), layers["municipal_property"], property_fid)


def test_projects_dock_lists_unnamed_features_by_fid_and_selects_them(municipality, qgis_iface):
    from qgis.PyQt.QtCore import QCoreApplication, Qt

    from municipal_gis.gui.projects_dock import ProjectsDock

    location, layers = municipality
    street = _stored_fid(location, "street", "name IS NULL")
    playground = _stored_fid(location, "playground", "name IS NULL")
    _assert_ids_differ(location, layers["street"], street)
    _assert_ids_differ(location, layers["playground"], playground)
    dock = ProjectsDock(qgis_iface)
    try:
        dock.select_code(PROJECT)
        QCoreApplication.processEvents()
        labels = [dock.features.item(i).text() for i in range(dock.features.count())]
        assert sorted(labels) == sorted([
            f"Municipal property: {PROPERTY} – ", f"Playgrounds: #{playground}", "Playgrounds: Πλατεία",
            f"Streets: #{street}", "Streets: Αθηνάς"]), labels
        assert sorted(label for _, _, label in dock.project_features(PROJECT) if label.startswith("#")) == \
            sorted([f"#{playground}", f"#{street}"])
        for layer_id, fid in (("street", street), ("playground", playground)):
            item = next(dock.features.item(i) for i in range(dock.features.count())
                        if dock.features.item(i).text().endswith(f": #{fid}")
                        and dock.features.item(i).data(Qt.ItemDataRole.UserRole)[0] == layer_id)
            dock.features.itemDoubleClicked.emit(item)
            assert _selected_fids(layers[layer_id]) == [fid]
            assert _shown(qgis_iface.mapCanvas(), layers[layer_id], fid)
    finally:
        dock.unload()
        dock.deleteLater()


@pytest.fixture
def certificate_dock(qgis_iface, municipality):
    from qgis.PyQt.QtCore import QDate

    from municipal_gis.gui.certificate_dialog import CertificateDock

    dock = CertificateDock(qgis_iface)
    dock.as_of_edit.setDate(QDate(2025, 1, 1))
    dock.show()
    yield dock
    dock.unload()


def _table(dock):
    return [[dock.table.item(r, c).text() for c in range(dock.table.columnCount())]
            for r in range(dock.table.rowCount())]


@pytest.mark.parametrize("how", ["selection", "pick"])
def test_certificate_panel_names_a_parcel_without_kaek_by_its_fid(municipality, certificate_dock, qgis_iface, how):
    location, layers = municipality
    parcels = layers["parcel"]
    fid = _stored_fid(location, "parcel", "kaek = ''")
    qid = _assert_ids_differ(location, parcels, fid)
    if how == "selection":
        parcels.selectByIds([qid])
        rows = certificate_dock.use_selection()
    else:
        certificate_dock.pick_button.setChecked(True)
        qgis_iface.mapCanvas().mapTool().featureIdentified.emit(parcels.getFeature(qid))
        rows = certificate_dock.rows
        certificate_dock.pick_button.setChecked(False)
    # the parcel of that fid: 300 m², all in Α1
    assert [(r["kaek"], r["zone_code"], round(r["area_m2"], 4)) for r in rows] == [(f"#{fid}", "Α1", 300.0)]
    assert [row[:3] for row in _table(certificate_dock)] == [[f"#{fid}", "Α1", "300.00"]]
    assert len(certificate_dock._highlights) == 1
    assert [f["fid"] for f in certificate_dock.parcels] == [fid]


def test_certificate_panel_does_not_issue_for_a_parcel_without_kaek(municipality, certificate_dock, provider,
                                                                     tmp_path):
    """Its ΚΑΕΚ is what a certificate certifies: none is issued (it used to issue one for every parcel of
    the municipality, the algorithm's «empty list: all parcels»), and the panel says which parcel."""
    from municipal_gis.layers import register

    location, layers = municipality
    parcels = layers["parcel"]
    fid = _stored_fid(location, "parcel", "kaek = ''")
    parcels.selectByIds([_qgis_id(parcels, fid)])
    certificate_dock.use_selection()
    assert not certificate_dock.issue_button.isEnabled()
    assert certificate_dock.issue(folder=str(tmp_path / "pdf")) is None
    assert not list(tmp_path.glob("**/*.pdf"))
    assert register.entries(location) == []
    assert f"#{fid}" in certificate_dock.message.text()

    # with a parcel that has one, that parcel alone is certified, and the panel says which was left out
    other = _stored_fid(location, "parcel", "kaek = '400160403002'")
    parcels.selectByIds([_qgis_id(parcels, fid), _qgis_id(parcels, other)])
    certificate_dock.use_selection()
    assert certificate_dock.issue_button.isEnabled()
    outputs = certificate_dock.issue(folder=str(tmp_path / "pdf"))
    assert outputs is not None and outputs["CERTIFICATES"] == 1
    assert [e.kaek for e in register.entries(location)] == ["400160403002"]
    assert f"#{fid}" in certificate_dock.message.text()
