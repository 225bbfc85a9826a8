"""The plugin object QGIS creates: provider, menu, toolbar, and (later) locator and docks.

`initProcessing()` is all `qgis_process` calls; `initGui()` only runs in the desktop. This is
the only module that keeps `iface`, and it copes with `iface` being None.
"""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
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
        self.locator_filter = None
        self.property_dock = None
        self.projects_dock = None
        self.certificate_dock = None
        self.missing = []  # runtime packages this QGIS lacks (municipal_gis.dependencies)
        self.dependency_item = None  # the message-bar item that offers to install them
        self._reported = False
        install_translator()

    # -- runtime dependencies -----------------------------------------------------------------
    def dependencies_ready(self) -> bool:
        """True if every runtime package is there (after adding the profile's dependency folder)."""
        from municipal_gis import dependencies

        dependencies.activate()
        self.missing = dependencies.missing()
        return not self.missing

    def missing_message(self) -> str:
        names = ", ".join(item.describe() for item in self.missing)
        return tr("Municipal GIS cannot start: this QGIS lacks the Python packages {packages}. "
                  "Nothing of the plugin was loaded.").format(packages=names)

    def _report_missing(self):
        """One message: the message bar with an offer to install (desktop), else the log and stderr."""
        if self._reported:
            return
        self._reported = True
        from qgis.core import Qgis, QgsMessageLog

        text = self.missing_message()
        QgsMessageLog.logMessage(text, tr("Municipal GIS"), Qgis.MessageLevel.Critical)
        if self.iface is None:
            import sys

            print(text, file=sys.stderr)
            return
        from qgis.PyQt.QtWidgets import QPushButton

        bar = self.iface.messageBar()
        item = bar.createMessage(tr("Municipal GIS"), text)
        if any(entry.requirement.installable for entry in self.missing):
            button = QPushButton(tr("Install them…"), item)
            button.clicked.connect(self.offer_install)
            item.layout().addWidget(button)
        self.dependency_item = item
        bar.pushWidget(item, Qgis.MessageLevel.Critical)

    def offer_install(self, _checked=False, ask=True) -> bool:
        """Ask, then install the missing packages into the profile's folder with pip and load the
        plugin without a restart. Returns True if the plugin is loaded afterwards."""
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtWidgets import QApplication

        from municipal_gis import dependencies

        folder = dependencies.default_folder()
        geos = dependencies.qgis_geos_version()
        specs = dependencies.pip_requirements(self.missing, geos)
        parent = self.iface.mainWindow() if self.iface is not None else None
        if ask:
            question = tr("Install {packages} from the Python Package Index (PyPI) with pip into {folder}? "
                          "This takes a minute and needs the internet.").format(packages=", ".join(specs),
                                                                                folder=folder)
            answer = QMessageBox.question(parent, tr("Municipal GIS"), question,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ok, output = dependencies.install(self.missing, folder, geos)
        finally:
            QApplication.restoreOverrideCursor()
        from qgis.core import Qgis, QgsMessageLog

        QgsMessageLog.logMessage(output, tr("Municipal GIS"), Qgis.MessageLevel.Info)
        if not ok:
            text = tr("Installing the packages failed; pip said:\n{output}").format(output=output[-2000:])
            if ask:
                QMessageBox.warning(parent, tr("Municipal GIS"), text)
            return False
        return self._load_after_install()

    def _load_after_install(self) -> bool:
        import sys

        stale = [item for item in self.missing if item.requirement.module in sys.modules]
        if not self.dependencies_ready() or stale:
            if self.iface is not None:
                self.iface.messageBar().pushWarning(tr("Municipal GIS"), tr(
                    "The packages were installed; restart QGIS to load Municipal GIS."))
            return False
        if self.iface is not None and self.dependency_item is not None:
            self.iface.messageBar().popWidget(self.dependency_item)
        self.dependency_item = None
        self._reported = False
        self.initGui()
        if self.iface is not None:
            self.iface.messageBar().pushSuccess(tr("Municipal GIS"), tr("The packages were installed and the plugin "
                                                                         "is loaded."))
        return True

    # -- Processing ---------------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802
        if not self.dependencies_ready():
            self._report_missing()
            return
        from municipal_gis.processing.provider import MunicipalGisProvider

        if self.provider is None:
            registry = QgsApplication.processingRegistry()
            stale = registry.providerById("municipal_gis")
            if stale is not None:  # left behind by an earlier load of the plugin
                registry.removeProvider(stale)
            self.provider = MunicipalGisProvider()
            registry.addProvider(self.provider)

    # -- desktop ------------------------------------------------------------------------------
    def initGui(self):  # noqa: N802
        self.initProcessing()
        if self.iface is None or self.provider is None:
            return
        self.menu = tr("Municipal GIS")
        self.toolbar = self.iface.addToolBar(tr("Municipal GIS"))
        self.toolbar.setObjectName("MunicipalGisToolbar")
        self._add_action(tr("Open municipal database…"), self.choose_and_open_database, toolbar=True,
                         icon="open_database.svg")
        self._add_action(tr("Create municipal database…"),
                         lambda: self._run_dialog("municipal_gis:create_database"))
        self._add_action(tr("Generate sample municipality…"),
                         lambda: self._run_dialog("municipal_gis:generate_sample_municipality"))
        self._add_action(tr("Check municipal database…"),
                         lambda: self._run_dialog("municipal_gis:check_database"), toolbar=True,
                         icon="check_database.svg")
        self._init_property_tools()
        self._add_action(tr("Split parcel…"), lambda: self._run_dialog("municipal_gis:split_parcel"))
        from municipal_gis.gui.split_tool import SplitParcelTool

        self.split_tool = SplitParcelTool(self.iface.mapCanvas(), self.iface)
        self.split_action = self._add_action(tr("Split parcel on the map"), self.activate_split_tool, toolbar=True)
        self.split_action.setCheckable(True)
        self.split_tool.setAction(self.split_action)
        self._add_action(tr("Merge parcels…"), lambda: self._run_dialog("municipal_gis:merge_parcels"))
        self._add_action(tr("Edit history…"), lambda: self._run_dialog("municipal_gis:edit_history"))
        self._add_action(tr("Layer as of a date…"), lambda: self._run_dialog("municipal_gis:layer_as_of"))
        self._add_action(tr("Undo a change…"), lambda: self._run_dialog("municipal_gis:undo_change"))

    def _init_property_tools(self):
        """Locator search over the municipal layers and the property card dock."""
        from municipal_gis.gui.locator import MunicipalLocatorFilter
        from municipal_gis.gui.property_dock import PropertyDock

        self.locator_filter = MunicipalLocatorFilter(self.iface)
        self.iface.registerLocatorFilter(self.locator_filter)
        self.property_dock = PropertyDock(self.iface, parent=self.iface.mainWindow())
        self.property_dock.setObjectName("MunicipalGisPropertyDock")
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.property_dock)
        self.property_dock.hide()
        action = self._add_action(tr("Property card"), self._toggle_property_dock, toolbar=True,
                                  icon="property_card.svg")
        action.setCheckable(True)
        self.property_dock.visibilityChanged.connect(action.setChecked)

        from municipal_gis.gui.projects_dock import ProjectsDock

        self.projects_dock = ProjectsDock(self.iface, parent=self.iface.mainWindow())
        self.projects_dock.setObjectName("MunicipalGisProjectsDock")
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.projects_dock)
        self.projects_dock.hide()
        action = self._add_action(tr("Technical programme projects"), self._toggle_projects_dock, toolbar=True,
                                  icon="projects.svg")
        action.setCheckable(True)
        self.projects_dock.visibilityChanged.connect(action.setChecked)

        from municipal_gis.gui.certificate_dialog import CertificateDock

        self.certificate_dock = CertificateDock(self.iface)  # docked on the right, hidden until asked for
        self.certificate_action = self._add_action(tr("Land-use certificate…"), self.certificate_dock.show,
                                                   toolbar=True, icon="certificate.svg")

    def activate_split_tool(self, checked=True):
        self.iface.mapCanvas().setMapTool(self.split_tool)

    def _toggle_property_dock(self, checked=False):
        self.property_dock.setVisible(bool(checked))

    def _toggle_projects_dock(self, checked=False):
        self.projects_dock.setVisible(bool(checked))

    def _add_action(self, text, callback, toolbar=False, icon="municipal_gis.svg"):
        action = QAction(QIcon(str(icon_path(icon))), text, self.iface.mainWindow())
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
        if loaded.get("parcel") is not None:
            from municipal_gis.gui.edit_guard import EditGuard

            # the cadastral check at commit and no lost updates, for as long as the layer lives
            EditGuard(loaded["parcel"], location, self.iface)
        if self.iface is not None and loaded:
            from municipal_gis.layers.project import city_extent

            extent = city_extent(loaded)
            if extent.isEmpty():
                extent = next(iter(loaded.values())).extent()
            extent.scale(1.05)
            canvas = self.iface.mapCanvas()

            def zoom():
                canvas.setExtent(extent)
                canvas.refresh()

            zoom()
            # QGIS zooms to the full extent once the first layers reach an empty project: zoom after it
            QTimer.singleShot(0, zoom)
        return loaded

    def unload(self):
        if self.iface is not None and self.dependency_item is not None:
            self.iface.messageBar().popWidget(self.dependency_item)
            self.dependency_item = None
        tool = getattr(self, "split_tool", None)
        if self.iface is not None and tool is not None:
            if self.iface.mapCanvas().mapTool() is tool:
                self.iface.mapCanvas().unsetMapTool(tool)
            self.split_tool = None
        if self.iface is not None and self.locator_filter is not None:
            self.iface.deregisterLocatorFilter(self.locator_filter)
            self.locator_filter = None
        if self.certificate_dock is not None:
            self.certificate_dock.unload()
            self.certificate_dock = None
        for name in ("property_dock", "projects_dock"):
            dock = getattr(self, name)
            if self.iface is not None and dock is not None:
                dock.unload()
                self.iface.removeDockWidget(dock)
                dock.deleteLater()
                setattr(self, name, None)
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
