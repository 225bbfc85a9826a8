"""Split a parcel along a line into new parcels, with lineage, in one transaction."""

from __future__ import annotations

import shapely
from qgis.core import (
    QgsProcessingOutputString,
    QgsProcessingParameterGeometry,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from municipal_gis.core.kaek import parse_list
from municipal_gis.layers.cadastre import split_parcel
from municipal_gis.layers.database import DatabaseError
from municipal_gis.processing.base import MunicipalAlgorithm, user_name
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters


def parse_areas(text: str):
    items = [t.strip().replace(",", ".") for t in (text or "").replace(";", " ").split() if t.strip()]
    return [float(t) for t in items] or None


class SplitParcel(MunicipalAlgorithm):
    ALGORITHM_ID = "split_parcel"
    GROUP_ID = "editing"
    # parameter names (frozen once released)
    DATABASE = "DATABASE"
    KAEK = "KAEK"
    LINE = "LINE"
    NEW_KAEK = "NEW_KAEK"
    AREAS = "AREAS"
    REASON = "REASON"
    # output names
    TRANSACTION_ID = "TRANSACTION_ID"
    CHILDREN = "CHILDREN"
    DATABASE_PARAMETERS = (DATABASE,)

    def displayName(self):  # noqa: N802
        return self.tr("Split parcel")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Splits the parcel KAEK along LINE (in EPSG:2100) into new parcels NEW_KAEK (one per part, listed "
            "west to east, then south to north), in one transaction: the parent is closed, not deleted; the parts "
            "keep its other attributes; its registered area is shared by area ratio (or as AREAS gives, in the "
            "same order); a lineage record ties parent and parts. Nothing is written if the line does not cut the "
            "parcel, a new ΚΑΕΚ is malformed or taken, the areas do not add up or a part leaves the city block. "
            "TRANSACTION_ID is what “Undo a change” takes.")

    def initAlgorithm(self, config=None):  # noqa: N802
        add_database_parameters(self, self.DATABASE, self.tr("Municipal database"))
        self.addParameter(QgsProcessingParameterString(self.KAEK, self.tr("ΚΑΕΚ of the parcel to split")))
        self.addParameter(QgsProcessingParameterGeometry(self.LINE, self.tr("Split line"),
                                                         geometryTypes=[QgsWkbTypes.GeometryType.LineGeometry]))
        self.addParameter(QgsProcessingParameterString(self.NEW_KAEK, self.tr("New ΚΑΕΚ of the parts (comma separated)")))
        self.addParameter(QgsProcessingParameterString(self.AREAS, self.tr("Registered areas of the parts (m²)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(self.REASON, self.tr("Reason"), optional=True))
        self.addOutput(QgsProcessingOutputString(self.TRANSACTION_ID, self.tr("Transaction id")))
        self.addOutput(QgsProcessingOutputString(self.CHILDREN, self.tr("New ΚΑΕΚ")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        location = database_from_parameters(self, parameters, context, self.DATABASE)
        kaek = self.parameterAsString(parameters, self.KAEK, context).strip()
        geometry = self.parameterAsGeometry(parameters, self.LINE, context)
        if geometry is None or geometry.isEmpty():
            self.fail(self.tr("Parameter LINE: draw or give the line that splits the parcel."))
        line = shapely.from_wkb(bytes(geometry.asWkb()))
        try:
            areas = parse_areas(self.parameterAsString(parameters, self.AREAS, context))
        except ValueError:
            self.fail(self.tr("Parameter AREAS: give numbers in m², separated by spaces or semicolons."))
        reason = self.parameterAsString(parameters, self.REASON, context).strip() or None
        try:
            result = split_parcel(location, kaek, line, parse_list(self.parameterAsString(parameters, self.NEW_KAEK,
                                                                                          context)),
                                  areas=areas, user=user_name() or None, reason=reason)
        except DatabaseError as exc:
            self.fail(str(exc))
        for code, area in zip(result.children, result.child_areas):
            feedback.pushInfo(self.tr("{kaek}: {area} m² registered.").format(kaek=code, area=f"{area:.2f}"))
        return {self.TRANSACTION_ID: result.operation_id, self.CHILDREN: ",".join(result.children)}
