"""The `municipal_gis` Processing provider.

Algorithms are discovered from `municipal_gis/processing/algorithms/`: every module there
defines exactly one `MunicipalAlgorithm` subclass whose `name()` equals the module name.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from municipal_gis.i18n import tr
from municipal_gis.paths import icon_path, plugin_version

PROVIDER_ID = "municipal_gis"


def algorithm_classes():
    """All algorithm classes, sorted by id."""
    from municipal_gis.processing import algorithms
    from municipal_gis.processing.base import MunicipalAlgorithm

    classes = []
    for info in pkgutil.iter_modules(algorithms.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{algorithms.__name__}.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, MunicipalAlgorithm)
                and obj is not MunicipalAlgorithm
                and obj.__module__ == module.__name__
                and not inspect.isabstract(obj)
            ):
                classes.append(obj)
    return sorted(classes, key=lambda cls: cls.__module__)


class MunicipalGisProvider(QgsProcessingProvider):
    def id(self):
        return PROVIDER_ID

    def name(self):
        return tr("Municipal GIS")

    def longName(self):  # noqa: N802
        return tr("Municipal GIS {version}").format(version=plugin_version())

    def icon(self):
        return QIcon(str(icon_path()))

    def versionInfo(self):  # noqa: N802
        return plugin_version()

    def loadAlgorithms(self):  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
