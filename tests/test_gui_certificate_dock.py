"""The «Land-use certificate» dock, headless: selection, picking on the map, the table, issuing."""

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QDate

from municipal_gis.layers.project import PROPERTY_KEY

X0, Y0 = 462_000.0, 4_548_000.0
CM2 = 1e-4


def _box(x0, y0, x1, y1):
    return QgsGeometry.fromWkt(f"POLYGON(({X0 + x0} {Y0 + y0},{X0 + x1} {Y0 + y0},{X0 + x1} {Y0 + y1},"
                               f"{X0 + x0} {Y0 + y1},{X0 + x0} {Y0 + y0}))")


def _layer(uri, name, layer_id, rows):
    layer = QgsVectorLayer(uri, name, "memory")
    features = []
    for geometry, attrs in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(attrs)
        feature.setGeometry(geometry)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    layer.setCustomProperty(PROPERTY_KEY, layer_id)
    return layer


@pytest.fixture()
def project(qgis_new_project):
    parcels = _layer(
        "Polygon?crs=EPSG:2100&field=kaek:string&field=registered_area_m2:double", "Γεωτεμάχια", "parcel",
        [
            (_box(0, 0, 10, 10), ["400160403001", 100.0]),      # inside Α1
            (_box(36, 0, 46, 10), ["400160403002", 125.0]),     # Α1 4 m | Β2 6 m
            (_box(90, 0, 100, 10), ["400160403003", None]),     # 7 m in Β2, 3 m unzoned
        ])
    zones = _layer(
        "Polygon?crs=EPSG:2100&field=zone_code:string&field=far:double&field=coverage_pct:double"
        "&field=max_height_m:double&field=valid_from:date&field=valid_to:date", "Ζώνες", "land_use_zone",
        [
            (_box(-50, -50, 40, 26), ["Α1", 0.8, 60.0, 11.0, QDate(2011, 9, 21), None]),
            (_box(40, -50, 97, 15), ["Β2", 1.6, 70.0, None, QDate(2011, 9, 21), None]),
            (_box(-50, -50, 200, 200), ["ΠΑΛΙΑ", 0.4, 40.0, None, QDate(1980, 1, 1), QDate(2011, 9, 21)]),
        ])
    project = QgsProject.instance()
    project.addMapLayers([parcels, zones])
    yield project, parcels, zones
    project.removeAllMapLayers()


@pytest.fixture()
def dock(qgis_iface, project):
    from municipal_gis.gui.certificate_dialog import CertificateDock

    dock = CertificateDock(qgis_iface)
    dock.as_of_edit.setDate(QDate(2025, 1, 1))
    dock.show()
    yield dock
    dock.unload()


def _by_kaek(parcels, code):
    return next(f for f in parcels.getFeatures() if f["kaek"] == code)


def _table(dock):
    return [[dock.table.item(r, c).text() for c in range(dock.table.columnCount())]
            for r in range(dock.table.rowCount())]


def test_selected_parcel_split_in_two_zones(dock, project):
    _, parcels, _ = project
    parcels.selectByIds([_by_kaek(parcels, "400160403002").id()])
    rows = dock.use_selection()
    assert [(r["zone_code"], r["sliver"]) for r in rows] == [("Β2", False), ("Α1", False)]
    assert rows[0]["area_m2"] == pytest.approx(60.0, abs=CM2) and rows[1]["area_m2"] == pytest.approx(40.0, abs=CM2)
    assert sum(r["share_pct"] for r in rows) == pytest.approx(100.0, abs=1e-9)
    table = _table(dock)
    assert [row[:5] for row in table] == [["400160403002", "Β2", "60.00", "60.00", ""],
                                          ["400160403002", "Α1", "40.00", "40.00", ""]]
    # terms: FAR and coverage applied to the piece (Α1: 40 m² × 0.8 = 32 m², × 60 % = 24 m²)
    assert "32.00" in table[1][5] and "24.00" in table[1][5] and "11" in table[1][5]
    assert dock.issue_button.isEnabled()


@pytest.mark.parametrize("language", ["el", "en"])
def test_numbers_as_the_interface_writes_them(dock, project, monkeypatch, language):
    """In a Greek QGIS the panel writes 1.231,23 m² and ΣΔ 0,8 (it used to write 1,231.23 and 0.8, the
    English way); in an English QGIS 1,231.23 and 0.8."""
    from municipal_gis.i18n import install_translator

    _, parcels, _ = project
    big = QgsFeature(parcels.fields())  # 50 m × 24.6246 m inside Α1: 1 231.23 m²
    big.setAttributes(["400160403004", None])
    big.setGeometry(_box(-45, -45, 5, -20.3754))
    assert parcels.dataProvider().addFeatures([big])
    monkeypatch.setenv("MUNICIPAL_GIS_LOCALE", language)
    install_translator(language)
    try:
        parcels.selectByIds([_by_kaek(parcels, "400160403004").id()])
        dock.use_selection()
        (row,) = _table(dock)
    finally:
        monkeypatch.delenv("MUNICIPAL_GIS_LOCALE")
        install_translator()
    kaek, zone, area, share, _, terms = row
    # Α1: ΣΔ 0.8 → 984.98 m² of floor area, 60 % coverage → 738.74 m² of footprint, height 11 m
    if language == "el":
        assert (area, share) == ("1.231,23", "100,00")
        assert "0,8" in terms and "984,98" in terms and "738,74" in terms and "11" in terms, terms
        assert "0.8" not in terms and "984.98" not in terms, terms
    else:
        assert (area, share) == ("1,231.23", "100.00")
        assert "0.8" in terms and "984.98" in terms and "738.74" in terms and "11" in terms, terms


def test_greek_terms_read_as_greek(dock, project, monkeypatch):
    """Walk-through in a Greek QGIS: the terms cell joined its parts with «;», which in Greek is the question
    mark («ΣΔ 0,8 (…); κάλυψη 60 %…» reads as two questions), and wrote m² where the column header and the PDF
    say τ.μ. In Greek the parts are joined with the ano teleia «·» and areas are in τ.μ."""
    from municipal_gis.i18n import install_translator

    _, parcels, _ = project
    monkeypatch.setenv("MUNICIPAL_GIS_LOCALE", "el")
    install_translator("el")
    try:
        parcels.selectByIds([_by_kaek(parcels, "400160403001").id()])
        dock.use_selection()
        (row,) = _table(dock)
    finally:
        monkeypatch.delenv("MUNICIPAL_GIS_LOCALE")
        install_translator()
    terms = row[5]
    # Α1 on 100 m²: ΣΔ 0,8 → 80 τ.μ. of floor area, 60 % → 60 τ.μ. of footprint, height 11 m
    assert terms == "ΣΔ 0,8 (μέγιστη δόμηση 80,00 τ.μ.) · κάλυψη 60 % (μέγιστη κάλυψη 60,00 τ.μ.) · ύψος 11 μ.", terms
    assert ";" not in terms and "m²" not in terms  # the Greek column header reads «Εμβαδόν (τ.μ.)»


@pytest.mark.parametrize("language", ["el", "en"])
def test_one_parcel_is_counted_in_the_singular(dock, project, monkeypatch, language):
    """The usual case, one parcel on one zone, read «1 parcels, 1 pieces» («1 γεωτεμάχια, 1 τμήματα»)."""
    from municipal_gis.i18n import install_translator

    _, parcels, _ = project
    monkeypatch.setenv("MUNICIPAL_GIS_LOCALE", language)
    install_translator(language)
    try:
        parcels.selectByIds([_by_kaek(parcels, "400160403001").id()])
        dock.use_selection()
        one = dock.message.text()
        parcels.selectByIds([_by_kaek(parcels, "400160403001").id(), _by_kaek(parcels, "400160403002").id()])
        dock.use_selection()
        three = dock.message.text()
    finally:
        monkeypatch.delenv("MUNICIPAL_GIS_LOCALE")
        install_translator()
    if language == "el":
        assert one.startswith("1 γεωτεμάχιο, 1 τμήμα· σχέδιο σε ισχύ στις 01/01/2025."), one
        assert three.startswith("2 γεωτεμάχια, 3 τμήματα· σχέδιο σε ισχύ στις 01/01/2025."), three
    else:
        assert one.startswith("1 parcel, 1 piece; plan in force on 01/01/2025."), one
        assert three.startswith("2 parcels, 3 pieces; plan in force on 01/01/2025."), three


def test_the_table_of_zones_keeps_room_for_three_rows(dock, project):
    """Desktop walk-through: with the signature box open (its first use) the panel squeezed the table of
    zones to one row, so the second zone of a parcel split in two was hidden behind a scroll bar. The
    table keeps room for its header, three rows and the horizontal scroll bar."""
    _, parcels, _ = project
    parcels.selectByIds([_by_kaek(parcels, "400160403002").id()])
    assert len(dock.use_selection()) == 2
    table = dock.table
    needed = (table.horizontalHeader().sizeHint().height() + 3 * table.verticalHeader().defaultSectionSize()
              + table.horizontalScrollBar().sizeHint().height())
    assert table.minimumHeight() >= needed
    assert dock.dock.widget().minimumSizeHint().height() >= needed  # the panel asks the dock area for it


def test_partly_unzoned_parcel_and_old_plan(dock, project):
    _, parcels, _ = project
    parcels.selectByIds([_by_kaek(parcels, "400160403003").id()])
    rows = dock.use_selection()
    assert [(r["zone_code"], round(r["area_m2"], 4)) for r in rows] == [("Β2", 70.0), (None, 30.0)]
    assert _table(dock)[1][1] == "(unzoned)"
    # on a date of the old plan only the old zone is in force, and it covers the whole parcel
    dock.as_of_edit.setDate(QDate(2000, 6, 1))
    rows = dock.use_selection()
    assert [(r["zone_code"], round(r["area_m2"], 4)) for r in rows] == [("ΠΑΛΙΑ", 100.0)]


def test_pick_on_the_map(dock, project, qgis_iface):
    _, parcels, _ = project
    dock.pick_button.setChecked(True)
    tool = qgis_iface.mapCanvas().mapTool()
    assert tool is dock._tool
    tool.featureIdentified.emit(_by_kaek(parcels, "400160403001"))
    assert _table(dock) == [["400160403001", "Α1", "100.00", "100.00", "",
                             dock.rows[0]["terms"]]]
    assert dock.rows[0]["area_m2"] == pytest.approx(100.0, abs=CM2)
    dock.pick_button.setChecked(False)
    assert qgis_iface.mapCanvas().mapTool() is not tool


def test_no_selection_and_no_database(dock, project, qgis_iface):
    proj, parcels, zones = project
    parcels.removeSelection()
    assert dock.use_selection() == [] and dock.table.rowCount() == 0
    assert "no parcel selected" in dock.message.text()
    proj.removeMapLayer(zones.id())
    parcels.selectByIds([_by_kaek(parcels, "400160403001").id()])
    assert dock.use_selection() == []
    assert "land-use zone" in dock.message.text()


def test_issue_pdf_with_progress(dock, project, provider, tmp_path):
    _, parcels, _ = project
    parcels.selectByIds([_by_kaek(parcels, "400160403002").id()])
    dock.use_selection()
    outputs = dock.issue(folder=str(tmp_path))
    assert outputs is not None and outputs["CERTIFICATES"] == 1
    assert (tmp_path / "400160403002.pdf").read_bytes().startswith(b"%PDF")
    assert dock.progress_bar.value() == 100
    # no register (memory layers): a draft, counted in the singular (it read «1 draft certificates»)
    assert dock.message.text().startswith(f"Drafts written to {tmp_path}: 1 certificate (no register"), \
        dock.message.text()
    assert not dock.cancel_button.isEnabled() and dock.issue_button.isEnabled()


def test_issue_numbers_in_the_register_of_the_loaded_database(dock, project, provider, tmp_path):
    import datetime as dt

    from municipal_gis.layers import register
    from municipal_gis.layers.database import DatabaseLocation, create_database
    from municipal_gis.layers.project import DATABASE_KEY

    _, parcels, zones = project
    db = create_database(DatabaseLocation.parse(str(tmp_path / "municipality.gpkg")))
    for layer in (parcels, zones):
        layer.setCustomProperty(DATABASE_KEY, db.path)
    parcels.selectByIds([_by_kaek(parcels, "400160403003").id()])
    dock.use_selection()
    dock.protocol_edit.setText("812/2026")
    outputs = dock.issue(folder=str(tmp_path / "pdf"))
    year = dt.datetime.now().astimezone().year
    assert outputs["ISSUED"] == f"{year}/0001"
    # one number, one certificate (it read «Certificates 2026/0001 issued», «Οι βεβαιώσεις 2026/0001 εκδόθηκαν»)
    assert dock.message.text() == f"Certificate {year}/0001 issued in {tmp_path / 'pdf'}.", dock.message.text()
    entry = register.entries(db)[0]
    assert entry.kaek == "400160403003" and entry.protocol_no == "812/2026" and entry.applicant is None
    assert {r["zone_code"]: round(r["area_m2"], 4) for r in entry.result_rows} == {"Β2": 70.0, None: 30.0}
    assert entry.pdf_sha256 == register.sha256_file(next((tmp_path / "pdf").glob("*.pdf")))


def test_cancel_stops_the_batch(dock, project, provider, tmp_path):
    _, parcels, _ = project
    parcels.selectAll()
    dock.use_selection()
    assert dock.table.rowCount() == 5
    # the user presses Cancel as soon as the first progress arrives
    dock.progress_bar.valueChanged.connect(lambda _value: dock.cancel_button.click())
    outputs = dock.issue(folder=str(tmp_path))
    assert outputs is None
    assert dock.message.text().startswith("Cancelled")
    # the certificate being drawn when Cancel came is finished; the rest of the batch is not
    assert len(list(tmp_path.glob("*.pdf"))) < 3 and not (tmp_path / "summary.csv").exists()
    assert not dock.cancel_button.isEnabled() and dock.issue_button.isEnabled()


def test_panel_measures_frontage_on_the_loaded_database(qgis_iface, qgis_new_project, provider, sample_gpkg,
                                                        tmp_path):
    """From the desktop, with the sample database loaded through the plugin: the certificate of a
    corner parcel measures its frontage on the database's city blocks (the sample's streets are
    centrelines), and a single parcel inside one zone gets one row at 100 %."""
    import shutil

    import shapely

    from municipal_gis.gui.certificate_dialog import CertificateDock
    from municipal_gis.layers.database import DatabaseLocation
    from municipal_gis.layers.project import load_database
    from tests.test_certificate_single_parcel import find_street_cases, summary_csv

    database = tmp_path / "municipality.gpkg"  # the panel issues into the database's register: a copy
    shutil.copy(sample_gpkg, database)
    project = QgsProject.instance()
    load_database(DatabaseLocation.parse(str(database)), project)
    try:
        dock = CertificateDock(qgis_iface)
        dock.show()
        parcels = dock.layers()[0]
        for sides, (kaek, length) in find_street_cases(database).items():
            parcels.selectByIds([_by_kaek(parcels, kaek).id()])
            rows = dock.use_selection()
            assert sum(r["share_pct"] for r in rows) == pytest.approx(100.0, abs=0.01)
            assert sum(1 for r in rows if r["zone_code"] is None) <= 1
            folder = tmp_path / str(sides)
            outputs = dock.issue(folder=str(folder))
            assert outputs is not None and outputs["CERTIFICATES"] == 1
            assert float(summary_csv(folder)[kaek]["frontage_m"]) == pytest.approx(length, abs=0.01)
            assert summary_csv(folder)[kaek]["frontage_method"] == "blocks"
        geometry = shapely.from_wkb(bytes(_by_kaek(parcels, kaek).geometry().asWkb()))
        assert sum(r["area_m2"] for r in rows) == pytest.approx(shapely.area(geometry), abs=1e-6)
        dock.unload()
    finally:
        project.removeAllMapLayers()


def _marks(canvas):
    from qgis.gui import QgsHighlight

    return [item for item in canvas.scene().items() if isinstance(item, QgsHighlight) and item.isVisible()]


def test_picked_parcel_is_highlighted_until_another_is_picked_or_the_panel_closes(dock, project, qgis_iface):
    _, parcels, _ = project
    canvas = qgis_iface.mapCanvas()
    assert _marks(canvas) == []
    dock.pick_button.setChecked(True)
    dock._tool.featureIdentified.emit(_by_kaek(parcels, "400160403001"))
    marks = _marks(canvas)
    assert len(marks) == 1 and marks == dock._highlights
    # the mark covers the picked parcel: 10 m × 10 m at the origin of the fixture
    box = marks[0].boundingRect()
    assert box.width() > 0 and box.height() > 0
    dock._tool.featureIdentified.emit(_by_kaek(parcels, "400160403003"))
    assert len(_marks(canvas)) == 1 and _marks(canvas)[0] is not marks[0]
    parcels.selectByIds([_by_kaek(parcels, "400160403001").id(), _by_kaek(parcels, "400160403002").id()])
    dock.use_selection()
    assert len(_marks(canvas)) == 2
    dock.dock.close()
    assert _marks(canvas) == [] and dock._highlights == []


def test_unload_removes_the_highlight(qgis_iface, project):
    from municipal_gis.gui.certificate_dialog import CertificateDock

    _, parcels, _ = project
    dock = CertificateDock(qgis_iface)
    dock.show()
    dock.compute([_by_kaek(parcels, "400160403002")])
    assert len(_marks(qgis_iface.mapCanvas())) == 1
    dock.unload()
    assert _marks(qgis_iface.mapCanvas()) == []


def test_applicant_and_protocol_are_cleared_after_issuing(dock, project, provider, tmp_path):
    import datetime as dt
    import subprocess

    _, parcels, _ = project
    parcels.selectByIds([_by_kaek(parcels, "400160403002").id()])
    dock.use_selection()
    dock.protocol_edit.setText("812/2026")
    dock.applicant_edit.setText("Παπαδόπουλος Γεώργιος")
    dock.language_combo.setCurrentIndex(dock.language_combo.findData("en"))
    outputs = dock.issue(folder=str(tmp_path / "first"))
    assert outputs["CERTIFICATES"] == 1
    assert dock.protocol_edit.text() == "" and dock.applicant_edit.text() == ""
    text = subprocess.run(["pdftotext", str(tmp_path / "first" / "400160403002.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "Παπαδόπουλος Γεώργιος" in text and "812/2026" in text and "LAND-USE CERTIFICATE" in text
    # the next certificate carries neither
    outputs = dock.issue(folder=str(tmp_path / "second"))
    text = subprocess.run(["pdftotext", str(tmp_path / "second" / "400160403002.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "Παπαδόπουλος" not in text and "812/2026" not in text
    assert dt.date.today().strftime("%d/%m/%Y") in text


def test_signature_settings_are_kept_in_the_project_and_for_the_user(dock, project, provider, tmp_path):
    import subprocess

    from qgis.core import QgsExpressionContextUtils

    proj, parcels, _ = project
    edits = dock.signature_edits
    try:
        edits["author_name"].setText("Μαρία Παπαδοπούλου")
        edits["author_title"].setText("Πολιτική Μηχανικός ΠΕ")
        edits["head_name"].setText("Ιωάννης Γεωργίου")
        edits["head_title"].setText("Προϊστάμενος Τμήματος Πολεοδομίας")
        edits["head_name"].editingFinished.emit()
        assert QgsExpressionContextUtils.projectScope(proj).variable("mgis_certificate_head_name") == "Ιωάννης Γεωργίου"
        assert (QgsExpressionContextUtils.globalScope().variable("mgis_certificate_author_name")
                == "Μαρία Παπαδοπούλου")
        # a new panel (QGIS restarted with the same project) shows them again
        from municipal_gis.gui.certificate_dialog import CertificateDock

        again = CertificateDock(None, proj)
        assert again.signature_edits["head_title"].text() == "Προϊστάμενος Τμήματος Πολεοδομίας"
        assert again.signature_edits["author_name"].text() == "Μαρία Παπαδοπούλου"
        again.unload()
        parcels.selectByIds([_by_kaek(parcels, "400160403001").id()])
        dock.use_selection()
        dock.issue(folder=str(tmp_path))
        text = subprocess.run(["pdftotext", str(tmp_path / "400160403001.pdf"), "-"], capture_output=True,
                              text=True).stdout
        assert "Μαρία Παπαδοπούλου" in text and "Ιωάννης Γεωργίου" in text and "Ο/Η Συντάξας/ασα" in text
        # a project read from a file brings its own head of service (the user's author stays)
        proj.clear()
        QgsExpressionContextUtils.setProjectVariable(proj, "mgis_certificate_head_name", "Άλλος Προϊστάμενος")
        proj.write(str(tmp_path / "other.qgs"))
        proj.clear()
        assert proj.read(str(tmp_path / "other.qgs"))
        assert edits["head_name"].text() == "Άλλος Προϊστάμενος"
        assert edits["author_name"].text() == "Μαρία Παπαδοπούλου"
    finally:
        for edit in edits.values():
            edit.clear()
        dock.save_signatures()
    assert QgsExpressionContextUtils.globalScope().variable("mgis_certificate_author_name") is None


def _reprojected(layer, authid, name):
    """A copy of `layer` with its geometries transformed to `authid` (the copy is another memory layer)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    target = QgsCoordinateReferenceSystem(authid)
    transform = QgsCoordinateTransform(layer.crs(), target, QgsProject.instance())
    rows = []
    for feature in layer.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        geometry.transform(transform)
        rows.append((geometry, feature.attributes()))
    uri = f"Polygon?crs={authid}&field=kaek:string&field=registered_area_m2:double"
    return _layer(uri, name, "parcel", rows)


def test_parcels_in_web_mercator_are_measured_as_the_certificate_measures_them(qgis_iface, project, provider):
    """One CRS rule for the panel and the algorithm (issue 16): Web Mercator parcels (areas +76 % as they are)
    are measured in ΕΓΣΑ87, so the panel shows the areas the certificate prints (60 m² and 40 m², up to the
    round trip through EPSG:3857), and says so."""
    from qgis import processing

    from municipal_gis.gui.certificate_dialog import CertificateDock

    proj, parcels, zones = project
    mercator = _reprojected(parcels, "EPSG:3857", "Γεωτεμάχια 3857")
    proj.removeMapLayer(parcels.id())
    proj.addMapLayer(mercator)
    dock = CertificateDock(qgis_iface)
    try:
        dock.as_of_edit.setDate(QDate(2025, 1, 1))
        dock.show()
        mercator.selectByIds([_by_kaek(mercator, "400160403002").id()])
        rows = dock.use_selection()
        assert [r["zone_code"] for r in rows] == ["Β2", "Α1"]
        assert rows[0]["area_m2"] == pytest.approx(60.0, abs=0.05)  # 105.6 m² if measured in EPSG:3857
        assert rows[1]["area_m2"] == pytest.approx(40.0, abs=0.05)
        out = processing.run("municipal_gis:land_use_certificate", {
            "PARCELS": mercator, "ZONING": zones, "KAEK_LIST": "400160403002", "AS_OF": QDate(2025, 1, 1),
            "OUTPUT_GEOMETRY": False, "OUTPUT": "memory:", "KAEK_PROBLEMS": "memory:"})
        certified = {f["zone_code"]: f["area_m2"] for f in out["OUTPUT"].getFeatures()}
        assert certified["Β2"] == pytest.approx(rows[0]["area_m2"], abs=CM2)
        assert certified["Α1"] == pytest.approx(rows[1]["area_m2"], abs=CM2)
        assert "Layer Γεωτεμάχια 3857 is in EPSG:3857" in dock.message.text()
        assert "EPSG:2100" in dock.message.text()
    finally:
        dock.unload()


def test_parcels_without_crs_are_refused_with_the_algorithms_message(qgis_iface, project):
    from municipal_gis.gui.certificate_dialog import CertificateDock

    proj, parcels, _ = project
    bare = _layer("Polygon?field=kaek:string&field=registered_area_m2:double", "Χωρίς CRS", "parcel",
                  [(f.geometry(), f.attributes()) for f in parcels.getFeatures()])
    from qgis.core import QgsCoordinateReferenceSystem

    bare.setCrs(QgsCoordinateReferenceSystem())  # a memory layer would otherwise say EPSG:4326
    proj.removeMapLayer(parcels.id())
    proj.addMapLayer(bare)
    dock = CertificateDock(qgis_iface)
    try:
        dock.show()
        bare.selectByIds([_by_kaek(bare, "400160403001").id()])
        assert dock.use_selection() == [] and dock.table.rowCount() == 0
        assert "Layer Χωρίς CRS has no coordinate reference system" in dock.message.text()
    finally:
        dock.unload()
