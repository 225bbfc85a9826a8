"""Undo a recorded change (or a whole transaction) with a compensating change."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber, QgsProcessingParameterNumber, QgsProcessingParameterString

from municipal_gis.layers.database import DatabaseError
from municipal_gis.layers.edit_history import undo
from municipal_gis.processing.base import MunicipalAlgorithm, user_name
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters


class UndoChange(MunicipalAlgorithm):
    ALGORITHM_ID = "undo_change"
    GROUP_ID = "editing"
    # parameter names (frozen once released)
    DATABASE = "DATABASE"
    CHANGE_ID = "CHANGE_ID"
    TRANSACTION_ID = "TRANSACTION_ID"
    REASON = "REASON"
    # output names
    UNDONE = "UNDONE"
    DATABASE_PARAMETERS = (DATABASE,)

    def displayName(self):  # noqa: N802
        return self.tr("Undo a change")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Puts back what one recorded change (CHANGE_ID, from the edit history report) or a whole transaction "
            "(TRANSACTION_ID, e.g. a split or a merge) changed, by applying a compensating change in one "
            "transaction: nothing is written unless every feature can be restored. The undo is recorded in the "
            "history in turn (with REASON); history is never deleted. Refused when a feature was changed again "
            "afterwards: undo the later change first.")

    def initAlgorithm(self, config=None):  # noqa: N802
        add_database_parameters(self, self.DATABASE, self.tr("Municipal database"))
        self.addParameter(QgsProcessingParameterNumber(self.CHANGE_ID, self.tr("Change id"),
                                                       QgsProcessingParameterNumber.Type.Integer, optional=True,
                                                       minValue=1))
        self.addParameter(QgsProcessingParameterString(self.TRANSACTION_ID, self.tr("…or transaction id"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(self.REASON, self.tr("Reason"), optional=True))
        self.addOutput(QgsProcessingOutputNumber(self.UNDONE, self.tr("Changes undone")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        location = database_from_parameters(self, parameters, context, self.DATABASE)
        change = parameters.get(self.CHANGE_ID)
        change = self.parameterAsInt(parameters, self.CHANGE_ID, context) if change not in (None, "") else None
        txid = self.parameterAsString(parameters, self.TRANSACTION_ID, context).strip() or None
        if (change is None) == (txid is None):
            self.fail(self.tr("Give either CHANGE_ID or TRANSACTION_ID (one of them)."))
        reason = self.parameterAsString(parameters, self.REASON, context).strip() or None
        try:
            undone = undo(location, change_id=change, txid=txid, user=user_name() or None, reason=reason)
        except DatabaseError as exc:
            self.fail(str(exc))
        for item in undone:
            feedback.pushInfo(self.tr("Undone: {layer} {key}, change {n} ({operation}).").format(
                layer=item.layer_id, key=item.key, n=item.change_id, operation=item.operation))
        return {self.UNDONE: len(undone)}
