"""The property card on the sample municipality (issue 15): Greek dates and numbers, a flag on a
title area that differs from the GIS area, and the card's actions (form, zoom, topographic diagram)."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest


@pytest.fixture()
def card(qgis_new_project, qgis_iface, sample_gpkg, tmp_path, monkeypatch):
    from qgis.core import QgsProject
    from qgis.gui import QgsBrowserGuiModel

    from municipal_gis.gui.property_dock import PropertyDock
    from municipal_gis.layers.project import load_database

    browser = QgsBrowserGuiModel()  # what the desktop's iface gives the Processing dialog
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)
    monkeypatch.setenv("MUNICIPAL_GIS_LOCALE", "el")
    from municipal_gis.i18n import install_translator

    install_translator("el")  # a Greek desktop
    path = tmp_path / "municipality.gpkg"
    shutil.copy(sample_gpkg, path)  # the registered areas below are written into a copy
    loaded = load_database(str(path), QgsProject.instance(), "el")
    canvas = qgis_iface.mapCanvas()
    canvas.resize(800, 600)
    canvas.setDestinationCrs(loaded["parcel"].crs())
    dock = PropertyDock(qgis_iface)
    yield dock, loaded
    dock.unload()
    QgsProject.instance().removeAllMapLayers()
    monkeypatch.delenv("MUNICIPAL_GIS_LOCALE")
    install_translator()


def _leased_properties(loaded):
    from municipal_gis.qgisio.features import to_python

    codes = {}
    for lease in loaded["lease"].getFeatures():
        if isinstance(to_python(lease["start_date"]), dt.date):  # leases with a start date
            codes.setdefault(lease["property_code"], []).append(lease)
    props = [f for f in loaded["municipal_property"].getFeatures()
             if f["property_code"] in codes and f.hasGeometry() and f.geometry().area() > 100]
    return props, codes


def _set_registered(layer, feature, value):
    index = layer.fields().indexFromName("registered_area_m2")
    assert layer.dataProvider().changeAttributeValues({feature.id(): {index: value}})


def test_greek_dates_and_title_area_flag(card):
    from municipal_gis.qgisio.features import to_python

    dock, loaded = card
    props = loaded["municipal_property"]
    (first, second, *_), leases = _leased_properties(loaded)
    area = first.geometry().area()
    _set_registered(props, first, round(area * 1.10, 2))  # 10 % more on the title: beyond 2 %
    _set_registered(props, second, round(second.geometry().area() + 0.5, 2))  # within 1 m²
    props.selectByIds([first.id()])
    html = dock.browser.toPlainText()
    assert "⚠" in html and "διαφέρουν κατά" in html
    difference = round(area * 1.10, 2) - area
    assert f"-{difference:,.2f}".replace(",", "#").replace(".", ",").replace("#", ".") in html
    starts = [to_python(lease["start_date"]) for lease in leases[first["property_code"]]]
    starts = [d for d in starts if isinstance(d, dt.date)]
    assert starts and all(f"{d:%d/%m/%Y}" in html for d in starts)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", html), "an ISO date on a Greek card"
    props.selectByIds([second.id()])
    html = dock.browser.toPlainText()
    assert "⚠" not in html and "συμφωνεί με το εμβαδόν GIS" in html


def test_actions(card, qgis_iface, tmp_path):
    from qgis import processing
    from qgis.core import QgsApplication

    dock, loaded = card
    props = loaded["municipal_property"]
    assert not dock.zoom_button.isEnabled() and not dock.diagram_button.isEnabled()
    (feature, *_), _ = _leased_properties(loaded)
    props.selectByIds([feature.id()])
    assert dock.form_button.isEnabled() and dock.zoom_button.isEnabled() and dock.diagram_button.isEnabled()
    # the form: QGIS's own attribute form of that feature
    dock.form_button.click()
    layer, shown = qgis_iface.openFeatureForm.call_args[0]
    assert layer is props and shown.id() == feature.id()
    # zoom: the property within its block, not closer than 1:500
    dock.zoom_button.click()
    canvas = qgis_iface.mapCanvas()
    assert canvas.extent().contains(canvas.mapSettings().layerExtentToOutputExtent(props, feature.geometry().boundingBox()))
    assert canvas.scale() >= 500 - 1e-6
    # the diagram: the dialog filled in for this property; run as filled, it draws it
    dialog = dock.print_diagram()
    try:
        values = dialog.createProcessingParameters()
    finally:
        dialog.close()
        dialog.deleteLater()
    assert values["INPUT"] == props.id() and values["CODE"] == feature["property_code"]
    assert values["PARCELS"] == loaded["parcel"].id() and values["STREETS"] == loaded["street"].id()
    values["OUTPUT"] = str(tmp_path / "diagram.pdf")
    result = processing.run("municipal_gis:topographic_diagram", values)
    assert result["AREA_M2"] == pytest.approx(feature.geometry().area(), rel=1e-6)
    assert QgsApplication.processingRegistry().algorithmById("municipal_gis:topographic_diagram") is not None


def test_copied_project_folder_shows_its_own_lineage(qgis_app, tmp_path):
    """A project folder copied elsewhere: the card's parcel lineage comes from the copy's GeoPackage (the
    layers' relative sources), not from the absolute path recorded when the database was loaded."""
    from qgis.core import QgsProject
    from shapely.geometry import LineString

    from municipal_gis.gui.property_dock import PropertyDock
    from municipal_gis.i18n import tr
    from municipal_gis.layers import cadastre
    from municipal_gis.layers.project import DATABASE_KEY, load_database, municipal_layers
    from tests.builders import X0, Y0, small_database

    original = tmp_path / "Σέρρες"
    original.mkdir()
    small_database(original / "municipality.gpkg")
    project = QgsProject()
    load_database(str(original / "municipality.gpkg"), project)
    assert project.write(str(original / "serres.qgz"))
    project.clear()
    copy = tmp_path / "Σέρρες αντίγραφο"
    shutil.copytree(original, copy)
    # the split is made in the copy only
    cadastre.split_parcel(str(copy / "municipality.gpkg"), "400160403001",
                          LineString([(X0 + 10, Y0 - 1), (X0 + 10, Y0 + 21)]), ["400160403101", "400160403102"])

    def card(folder) -> str:
        opened = QgsProject()
        assert opened.read(str(folder / "serres.qgz"))
        layers = municipal_layers(opened)
        assert str(original) in layers["parcel"].customProperty(DATABASE_KEY)  # recorded at load time
        dock = PropertyDock(None, opened)
        try:
            properties = layers["municipal_property"]
            properties.selectByIds([next(properties.getFeatures()).id()])
            text = dock.browser.toPlainText()
        finally:
            dock.unload()
            opened.clear()
        return text.split(tr("Parcel lineage"), 1)[1].split(tr("Leases"), 1)[0]

    lineage = card(copy)
    assert "400160403101" in lineage and "400160403102" in lineage and "400160403001" in lineage, lineage
    assert card(original).split() == [tr("none")]  # nothing was split in the original


def test_title_area_tooltip_explains_the_tolerance(card):
    """Hovering «Εμβαδόν τίτλου» on the card shows, in Greek, the tolerance of core.title_area and why."""
    from qgis.PyQt.QtCore import QEvent, QPointF, Qt
    from qgis.PyQt.QtGui import QMouseEvent
    from qgis.PyQt.QtWidgets import QApplication

    from municipal_gis.core.title_area import TITLE_AREA_TOLERANCE
    from municipal_gis.gui.property_dock import TOLERANCE_ANCHOR

    def hover(x, y):  # the mouse moving over the card, no button pressed
        point = QPointF(x, y)
        QApplication.sendEvent(browser.viewport(), QMouseEvent(
            QEvent.Type.MouseMove, point, browser.viewport().mapToGlobal(point.toPoint()),
            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))

    dock, loaded = card
    props = loaded["municipal_property"]
    (first, *_), _ = _leased_properties(loaded)
    _set_registered(props, first, round(first.geometry().area() * 1.10, 2))
    props.selectByIds([first.id()])
    dock.resize(500, 700)
    dock.show()
    browser = dock.browser
    found = browser.document().find("Εμβαδόν τίτλου")
    while not found.isNull() and not found.charFormat().anchorHref().endswith(TOLERANCE_ANCHOR):
        found = browser.document().find("Εμβαδόν τίτλου", found)  # the row's label, not the field's alias
    assert not found.isNull()
    browser.setTextCursor(found)
    browser.ensureCursorVisible()
    rect = browser.cursorRect(found)
    hover(rect.left() - 10, rect.center().y())  # over the label
    tip = browser.toolTip()
    tolerance = TITLE_AREA_TOLERANCE  # 1 m² or 2 %, written from the constant the check uses
    assert f"{tolerance.m2:g} m²" in tip and f"{tolerance.pct:g} %" in tip and "μεγαλύτερο" in tip, tip
    assert "τίτλ" in tip and "όχι νόμιμο όριο" in tip, tip
    hover(browser.viewport().width() - 5, browser.viewport().height() - 5)
    assert browser.toolTip() == ""  # elsewhere on the card, no tooltip
