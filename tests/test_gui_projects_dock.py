"""The technical-programme dock in a narrow side panel (issue 15): the title comes first, and clicking
a row never scrolls the code column out of view."""

from __future__ import annotations

import pytest

from tests.test_alg_programme import SAMPLE, _run


@pytest.fixture
def dock(provider, qgis_iface, qgis_new_project, tmp_path):
    from qgis.core import QgsProject

    from municipal_gis.gui.projects_dock import ProjectsDock
    from municipal_gis.layers.database import create_database
    from municipal_gis.layers.project import load_database

    gpkg = tmp_path / "municipality.gpkg"
    create_database(str(gpkg))
    _run(provider, SAMPLE, gpkg)
    load_database(str(gpkg), QgsProject.instance(), "el")
    dock = ProjectsDock(qgis_iface)
    dock.resize(420, 600)  # a side panel
    dock.show()
    yield dock
    dock.unload()
    QgsProject.instance().removeAllMapLayers()


def _in_view(table, column) -> bool:
    left = table.columnViewportPosition(column)
    return left >= 0 and left + table.columnWidth(column) <= table.viewport().width() + 1


def test_title_first_and_code_stays_in_view(dock):
    from qgis.PyQt.QtCore import QCoreApplication, Qt
    from qgis.PyQt.QtTest import QTest

    from municipal_gis.gui.projects_dock import _language
    from municipal_gis.schema import catalogue

    table = dock.table
    spec = catalogue.layer("programme_project")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[:2] == [spec.field("title").alias(_language()), spec.field("project_code").alias(_language())]
    assert table.rowCount() == 43
    # the row with the longest title, clicked on its title as a user does
    row = max(range(table.rowCount()), key=lambda r: len(table.item(r, dock.TITLE).text()))
    title = table.item(row, dock.TITLE).text()
    assert len(title) > 60
    table.scrollToItem(table.item(row, dock.TITLE))
    rect = table.visualItemRect(table.item(row, dock.TITLE))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QCoreApplication.processEvents()
    assert dock.selected_code() == table.item(row, dock.CODE).text()
    assert table.horizontalScrollBar().value() == 0  # the click did not scroll sideways
    for column in (dock.TITLE, dock.CODE):
        assert _in_view(table, column), (column, table.columnViewportPosition(column), table.columnWidth(column))
    assert table.item(row, dock.TITLE).toolTip() == title  # the elided title in full
