"""Run inside the QGIS desktop (qgis --code) by scripts/screenshots.py: open the municipal database
through the plugin, show a property's card and a parcel's land-use certificate panel as a clerk would,
then save the main window, the two panels and the certificate's Processing dialog as PNG files and quit.

Environment: MGIS_DATABASE (the GeoPackage), MGIS_OUT (folder), MGIS_PROPERTY (a property code, or
empty for the first leased property).
"""

import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins

OUT = os.environ["MGIS_OUT"]
status = {}


def finish():
    with open(os.path.join(OUT, "status.json"), "w", encoding="utf-8") as handle:
        json.dump(status, handle, ensure_ascii=False)
    QgsApplication.exit(0)


def stage():
    try:
        plugin = plugins["municipal_gis"]
        loaded = plugin.open_database(os.environ["MGIS_DATABASE"])
        window = iface.mainWindow()
        window.resize(1280, 800)
        window.showNormal()
        props, parcels, leases = loaded["municipal_property"], loaded["parcel"], loaded["lease"]
        leased = {lease["property_code"] for lease in leases.getFeatures()}
        wanted = os.environ.get("MGIS_PROPERTY") or ""
        feature = next(f for f in props.getFeatures() if (f["property_code"] == wanted if wanted else
                                                          f["property_code"] in leased and f["kaek"]))
        status["property"] = feature["property_code"]
        parcel = next((p for p in parcels.getFeatures() if p["kaek"] == feature["kaek"]), None)
        if parcel is not None:
            parcels.selectByIds([parcel.id()])
            status["kaek"] = parcel["kaek"]
        props.selectByIds([feature.id()])
        plugin.property_dock.show()
        # after the plugin's own zoom to the town (queued by open_database): the property in its block
        QTimer.singleShot(500, lambda: plugin.property_dock.zoom())
        QTimer.singleShot(5000, capture_window)
    except Exception:  # noqa: BLE001 - reported through the status file
        status["error"] = traceback.format_exc()
        finish()


def capture_window():
    try:
        plugin = plugins["municipal_gis"]
        iface.mapCanvas().waitWhileRendering()
        QgsApplication.processEvents()
        iface.mainWindow().grab().save(os.path.join(OUT, "screenshot.png"))
        plugin.property_dock.grab().save(os.path.join(OUT, "property_card.png"))
        status["scale"] = iface.mapCanvas().scale()
        status["layers"] = len(QgsProject.instance().mapLayers())
        # then the certificate panel in its place, for the parcel under the property
        plugin.property_dock.hide()
        plugin.certificate_dock.show()
        status["certificate_rows"] = len(plugin.certificate_dock.use_selection())
        QTimer.singleShot(1500, capture_certificate)
    except Exception:  # noqa: BLE001
        status["error"] = traceback.format_exc()
        finish()


def capture_certificate():
    try:
        plugins["municipal_gis"].certificate_dock.dock.grab().save(os.path.join(OUT, "certificate_panel.png"))
        # the same certificate from the Processing toolbox: its dialog, with the municipal layers preselected
        import processing

        dialog = processing.createAlgorithmDialog("municipal_gis:land_use_certificate", {})
        dialog.resize(1000, 700)
        dialog.show()
        QTimer.singleShot(1500, lambda: capture_dialog(dialog))
    except Exception:  # noqa: BLE001
        status["error"] = traceback.format_exc()
        finish()


def capture_dialog(dialog):
    try:
        dialog.grab().save(os.path.join(OUT, "certificate_dialog.png"))
        dialog.close()
    except Exception:  # noqa: BLE001
        status["error"] = traceback.format_exc()
    finish()


QTimer.singleShot(3000, stage)
