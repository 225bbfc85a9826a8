"""A small base class over the public `QgsProcessingAlgorithm`.

Subclasses set the class attributes `ALGORITHM_ID` (stable snake_case, equal to the module
name), `GROUP_ID` (a key of `_group_name`) and implement `displayName`, `shortHelpString`,
`initAlgorithm` and `processAlgorithm`. User errors raise `QgsProcessingException` with a
translated message that names the layer, feature and field.
"""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from municipal_gis.i18n import tr
from municipal_gis.paths import icon_path


def _group_name(group_id: str) -> str:
    # literal calls so that the extractor sees every group name
    names = {
        "database": tr("Database"),
        "certificates": tr("Land-use certificates"),
        "property": tr("Municipal property"),
        "programme": tr("Technical programme"),
        "siting": tr("Siting"),
        "regeneration": tr("Urban regeneration"),
        "editing": tr("Cadastral editing"),
    }
    return names[group_id]


class MunicipalAlgorithm(QgsProcessingAlgorithm):
    ALGORITHM_ID = ""
    GROUP_ID = "database"

    def name(self):
        return self.ALGORITHM_ID

    def group(self):
        return _group_name(self.GROUP_ID)

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def icon(self):
        return QIcon(str(icon_path()))

    def helpUrl(self):  # noqa: N802
        return f"https://example.org/municipal_gis/algorithms/{self.ALGORITHM_ID}.html"

    def tr(self, text):  # QGIS calls this name; route to the single context
        return tr(text)

    def createInstance(self):  # noqa: N802
        return type(self)()

    @staticmethod
    def fail(message: str):
        """Raise a user-facing error (message already translated and formatted)."""
        raise QgsProcessingException(message)

    @staticmethod
    def check_cancel(feedback):
        if feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled by the user."))
