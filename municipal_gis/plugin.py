"""The plugin object QGIS creates: provider, menu, toolbar, and (later) locator and docks.

`initProcessing()` is all `qgis_process` calls; `initGui()` only runs in the desktop. This is
the only module that keeps `iface`, and it copes with `iface` being None.
"""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QFileDialog, QMessageBox

from municipal_gis.i18n import install_translator, tr
from municipal_gis.paths import icon_path



class MunicipalGisPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions: list[QAction] = []
        self.menu = None
        self.toolbar = None
        self.extras = []  # objects with an unload() (locator filters, docks) added by later features
        install_translator()

    # -- Processing ---------------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802
        from municipal_gis.processing.provider import MunicipalGisProvider

        if self.provider is None:
            self.provider = MunicipalGisProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    # -- desktop ------------------------------------------------------------------------------
    def initGui(self):  # noqa: N802
        self.initProcessing()
        if self.iface is None:
            return
        self.menu = tr("Municipal GIS")
        self.toolbar = self.iface.addToolBar(tr("Municipal GIS"))
        self.toolbar.setObjectName("MunicipalGisToolbar")
        self._add_action(tr("Open municipal database…"), self.choose_and_open_database, toolbar=True)
        self._add_action(tr("Create municipal database…"),
                         lambda: self._run_dialog("municipal_gis:create_database"))
        self._add_action(tr("Generate sample municipality…"),
                         lambda: self._run_dialog("municipal_gis:generate_sample_municipality"))
        self._add_action(tr("Check municipal database…"),
                         lambda: self._run_dialog("municipal_gis:check_database"), toolbar=True)

    def _add_action(self, text, callback, toolbar=False):
        action = QAction(QIcon(str(icon_path())), text, self.iface.mainWindow())
        action.triggered.connect(callback)
        self.iface.addPluginToMenu(self.menu, action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def _run_dialog(self, algorithm_id: str):
        from qgis import processing

        processing.execAlgorithmDialog(algorithm_id, {})

    def choose_and_open_database(self):
        path, _ = QFileDialog.getOpenFileName(self.iface.mainWindow(), tr("Open municipal database"), "",
                                              "GeoPackage (*.gpkg)")
        if path:
            self.open_database(path)

    def open_database(self, location, project: QgsProject | None = None):
        """Load a municipal database into the project and zoom to it; errors go to a message box."""
        from municipal_gis.layers.database import DatabaseError
        from municipal_gis.layers.project import load_database

        try:
            loaded = load_database(location, project or QgsProject.instance())
        except DatabaseError as exc:
            if self.iface is not None:
                QMessageBox.warning(self.iface.mainWindow(), tr("Municipal GIS"), str(exc))
            raise
        if self.iface is not None and loaded:
            extent_layer = loaded.get("city_block") or loaded.get("parcel") or next(iter(loaded.values()))
            canvas = self.iface.mapCanvas()
            canvas.setExtent(extent_layer.extent())
            canvas.refresh()
        return loaded

    def unload(self):
        for extra in self.extras:
            extra.unload()
        self.extras.clear()
        if self.iface is not None:
            for action in self.actions:
                self.iface.removePluginMenu(self.menu, action)
                if self.toolbar is not None:
                    self.toolbar.removeAction(action)
            if self.toolbar is not None:
                self.toolbar.deleteLater()
        self.actions.clear()
        self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
