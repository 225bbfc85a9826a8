"""Run inside the QGIS desktop (qgis --code): open a municipal database through the plugin,
wait for the canvas to render, save screenshots and a status file, then quit.

Environment: MGIS_DATABASE (the GeoPackage), MGIS_OUT (folder for the results), MGIS_PROJECT (optional:
a .qgz written without a canvas, opened at the end to see where it opens).

Before anything is opened it records what a new user meets (issue 15): where the plugin's docks are and
whether the menus and toolbar buttons can be clicked, the locator prefix QGIS kept, the Help page of
the algorithms; after opening the database, what the Processing dialog preselects.
"""

import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget
from qgis.utils import iface, plugins

OUT = os.environ["MGIS_OUT"]
status = {"plugin_loaded": "municipal_gis" in plugins}


def finish():
    with open(os.path.join(OUT, "status.json"), "w", encoding="utf-8") as handle:
        json.dump(status, handle, ensure_ascii=False)
    QgsApplication.exit(0)


def capture():
    try:
        canvas = iface.mapCanvas()
        canvas.waitWhileRendering()
        canvas.grab().save(os.path.join(OUT, "canvas.png"))
        iface.mainWindow().grab().save(os.path.join(OUT, "window.png"))
        status["captured"] = True
        check_dialogs()
    except Exception:  # noqa: BLE001 - reported to the test through the status file
        status["error"] = traceback.format_exc()
    if os.environ.get("MGIS_PROJECT"):
        open_project()
    else:
        finish()


def _covered_by(widget):
    """Name of the plugin dock whose area covers the centre of `widget`, or None (clickable)."""
    centre = widget.mapToGlobal(widget.rect().center())
    hit = QApplication.widgetAt(centre)
    while hit is not None:
        if hit is widget:
            return None
        if isinstance(hit, QDockWidget):
            return hit.objectName() or "dock"
        hit = hit.parentWidget()
    return "nothing"


def check_first_start():
    try:
        window = iface.mainWindow()
        plugin = plugins["municipal_gis"]
        docks = {}
        for dock in window.findChildren(QDockWidget):
            if dock.objectName().startswith("MunicipalGis"):
                docks[dock.objectName()] = {"area": int(window.dockWidgetArea(dock)), "visible": dock.isVisible(),
                                            "floating": dock.isFloating()}
        status["docks"] = docks
        status["menu_bar_covered_by"] = _covered_by(window.menuBar())
        status["buttons_covered_by"] = {action.text(): _covered_by(plugin.toolbar.widgetForAction(action))
                                        for action in plugin.toolbar.actions()
                                        if plugin.toolbar.widgetForAction(action) is not None}
        # the prefix QGIS's own locator kept when the plugin registered the filter
        status["locator_prefixes"] = {plugin.locator_filter.name(): plugin.locator_filter.activePrefix()}
        from qgis.core import QgsApplication
        from qgis.PyQt.QtCore import QUrl

        url = QgsApplication.processingRegistry().createAlgorithmById("municipal_gis:neighbour_list").helpUrl()
        status["help_url"] = url
        status["help_page_exists"] = bool(url) and os.path.isfile(QUrl(url).toLocalFile())
        # the certificate button shows the panel on the right, docked
        plugin.certificate_action.trigger()
        dock = plugin.certificate_dock.dock
        status["certificate_after_click"] = {"area": int(window.dockWidgetArea(dock)), "visible": dock.isVisible(),
                                             "floating": dock.isFloating()}
        dock.hide()
    except Exception:  # noqa: BLE001
        status["error"] = traceback.format_exc()
        finish()
        return
    open_database()


def check_dialogs():
    from qgis import processing

    dialog = processing.createAlgorithmDialog("municipal_gis:land_use_certificate", {})
    try:
        values = dialog.createProcessingParameters()
    finally:
        dialog.deleteLater()
    project = QgsProject.instance()
    names = {}
    for key in ("PARCELS", "ZONING"):
        layer = project.mapLayer(str(values.get(key)))
        names[key] = layer.customProperty("municipal_gis/layer_id") if layer is not None else None
    names["DATABASE"] = values.get("DATABASE")
    status["certificate_dialog"] = names


def open_project():
    try:
        from qgis.core import QgsRectangle

        iface.newProject(False)  # as after a start: the canvas somewhere else, nothing of the data on it
        iface.mapCanvas().setExtent(QgsRectangle(0, 0, 1, 1))
        iface.addProject(os.environ["MGIS_PROJECT"])

        def measure():
            try:
                canvas = iface.mapCanvas()
                extent = canvas.extent()
                status["project_view"] = {"scale": canvas.scale(), "extent": [extent.xMinimum(), extent.yMinimum(),
                                                                              extent.xMaximum(), extent.yMaximum()],
                                          "crs": canvas.mapSettings().destinationCrs().authid()}
            except Exception:  # noqa: BLE001
                status["error"] = traceback.format_exc()
            finish()

        QTimer.singleShot(2000, measure)
    except Exception:  # noqa: BLE001
        status["error"] = traceback.format_exc()
        finish()


def open_database():
    try:
        plugin = plugins["municipal_gis"]
        loaded = plugin.open_database(os.environ["MGIS_DATABASE"])
        status["layers"] = sorted(loaded)
        status["project_layers"] = len(QgsProject.instance().mapLayers())
        status["menu_actions"] = [a.text() for a in plugin.actions]
        iface.mainWindow().showMaximized()
        iface.mapCanvas().refreshAllLayers()
        QTimer.singleShot(6000, capture)
    except Exception:  # noqa: BLE001
        status["error"] = traceback.format_exc()
        finish()


QTimer.singleShot(3000, check_first_start)
