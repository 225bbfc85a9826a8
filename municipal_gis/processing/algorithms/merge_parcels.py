"""Merge neighbouring parcels into one new parcel, with lineage, in one transaction."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber, QgsProcessingOutputString, QgsProcessingParameterString

from municipal_gis.core.kaek import parse_list
from municipal_gis.layers.cadastre import merge_parcels
from municipal_gis.layers.database import DatabaseError
from municipal_gis.processing.base import MunicipalAlgorithm, user_name
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters


class MergeParcels(MunicipalAlgorithm):
    ALGORITHM_ID = "merge_parcels"
    GROUP_ID = "editing"
    # parameter names (frozen once released)
    DATABASE = "DATABASE"
    KAEKS = "KAEKS"
    NEW_KAEK = "NEW_KAEK"
    REASON = "REASON"
    # output names
    TRANSACTION_ID = "TRANSACTION_ID"
    REGISTERED_AREA_M2 = "REGISTERED_AREA_M2"
    DATABASE_PARAMETERS = (DATABASE,)

    def displayName(self):  # noqa: N802
        return self.tr("Merge parcels")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Merges the neighbouring parcels KAEKS (same city block) into one new parcel NEW_KAEK, in one "
            "transaction: the parents are closed, not deleted; the new parcel's registered area is the sum of "
            "theirs; lineage records tie each parent to it. Nothing is written if the parcels are not adjacent, "
            "lie in different blocks, or the new ΚΑΕΚ is malformed or taken.")

    def initAlgorithm(self, config=None):  # noqa: N802
        add_database_parameters(self, self.DATABASE, self.tr("Municipal database"))
        self.addParameter(QgsProcessingParameterString(self.KAEKS, self.tr("ΚΑΕΚ of the parcels to merge")))
        self.addParameter(QgsProcessingParameterString(self.NEW_KAEK, self.tr("ΚΑΕΚ of the merged parcel")))
        self.addParameter(QgsProcessingParameterString(self.REASON, self.tr("Reason"), optional=True))
        self.addOutput(QgsProcessingOutputString(self.TRANSACTION_ID, self.tr("Transaction id")))
        self.addOutput(QgsProcessingOutputNumber(self.REGISTERED_AREA_M2, self.tr("Registered area (m²)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        location = database_from_parameters(self, parameters, context, self.DATABASE)
        kaeks = parse_list(self.parameterAsString(parameters, self.KAEKS, context))
        if len(kaeks) < 2:
            self.fail(self.tr("Parameter KAEKS: give two or more ΚΑΕΚ to merge."))
        new = self.parameterAsString(parameters, self.NEW_KAEK, context).strip()
        reason = self.parameterAsString(parameters, self.REASON, context).strip() or None
        try:
            result = merge_parcels(location, kaeks, new, user=user_name() or None, reason=reason)
        except DatabaseError as exc:
            self.fail(str(exc))
        return {self.TRANSACTION_ID: result.operation_id, self.REGISTERED_AREA_M2: result.child_areas[0]}
