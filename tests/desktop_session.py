"""Run inside the QGIS desktop (qgis --code): open a municipal database through the plugin,
wait for the canvas to render, save screenshots and a status file, then quit.

Environment: MGIS_DATABASE (the GeoPackage), MGIS_OUT (folder for the results).
"""

import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
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
    except Exception:  # noqa: BLE001 - reported to the test through the status file
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


QTimer.singleShot(3000, open_database)
