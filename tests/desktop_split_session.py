"""Run inside the QGIS desktop (qgis --code): open a database through the plugin, split a parcel
with the plugin's map tool by clicking on the canvas as a user would, save a screenshot and a
status file, then quit. Environment: MGIS_DATABASE, MGIS_OUT, MGIS_KAEK."""

import json
import os
import traceback

from qgis.core import QgsApplication, QgsPointXY
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt, QTimer
from qgis.utils import iface, plugins

OUT = os.environ["MGIS_OUT"]
status = {"plugin_loaded": "municipal_gis" in plugins}


def finish():
    with open(os.path.join(OUT, "status.json"), "w", encoding="utf-8") as handle:
        json.dump(status, handle, ensure_ascii=False)
    QgsApplication.exit(0)


def click(canvas, tool, x, y, button=Qt.MouseButton.LeftButton):
    pixel = canvas.getCoordinateTransform().transform(QgsPointXY(x, y))
    event = QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, QPoint(int(pixel.x()), int(pixel.y())),
                             button, button, Qt.KeyboardModifier.NoModifier)
    tool.canvasReleaseEvent(event)


def open_database():
    try:
        status["layer"] = plugins["municipal_gis"].open_database(os.environ["MGIS_DATABASE"])["parcel"].id()
        iface.mainWindow().showMaximized()
        QTimer.singleShot(1000, split)  # after the plugin's own zoom to the city
    except Exception:  # noqa: BLE001
        status["error"] = traceback.format_exc()
        finish()


def split():
    try:
        from qgis.core import QgsProject

        plugin = plugins["municipal_gis"]
        canvas = iface.mapCanvas()
        layer = QgsProject.instance().mapLayer(status.pop("layer"))
        feature = next(f for f in layer.getFeatures() if f["kaek"] == os.environ["MGIS_KAEK"])
        box = feature.geometry().boundingBox()
        view = box.buffered(max(box.width(), box.height()) * 1.5)
        canvas.setExtent(view)
        canvas.refresh()
        canvas.waitWhileRendering()
        plugin.split_action.trigger()
        tool = canvas.mapTool()
        status["tool"] = type(tool).__name__
        centre = feature.geometry().pointOnSurface().asPoint()
        mid = box.center().x()
        click(canvas, tool, centre.x(), centre.y())
        click(canvas, tool, mid, box.yMinimum() - 2)
        click(canvas, tool, mid, box.yMaximum() + 2)
        click(canvas, tool, mid, box.yMaximum() + 2, Qt.MouseButton.RightButton)
        status["result"] = tool.last_result
        status["error"] = tool.last_error or None
        if status["error"] is None:
            del status["error"]
        canvas.refreshAllLayers()
        QTimer.singleShot(4000, capture)
    except Exception:  # noqa: BLE001 - reported to the test through the status file
        status["error"] = traceback.format_exc()
        finish()


def capture():
    try:
        iface.mapCanvas().waitWhileRendering()
        iface.mainWindow().grab().save(os.path.join(OUT, "window.png"))
    except Exception:  # noqa: BLE001
        status["error"] = traceback.format_exc()
    finish()


QTimer.singleShot(3000, open_database)
