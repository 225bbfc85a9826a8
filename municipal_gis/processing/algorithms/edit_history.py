"""Who changed what, between two moments, per layer and per ΚΑΕΚ or code."""

from __future__ import annotations

from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from municipal_gis.layers.database import DatabaseError
from municipal_gis.layers.edit_history import edit_history
from municipal_gis.processing.algorithms.layer_as_of import moment
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue

T, N = catalogue.TEXT, catalogue.INTEGER
REPORT_FIELDS = [("layer", T), ("change_id", N), ("feature_id", N), ("key", T), ("operation", T), ("user_name", T),
                 ("changed_at", T), ("transaction_id", T), ("reason", T), ("changed_fields", T)]


class EditHistory(MunicipalAlgorithm):
    ALGORITHM_ID = "edit_history"
    GROUP_ID = "editing"
    DATABASE_PARAMETERS = ("DATABASE",)

    def displayName(self):  # noqa: N802
        return self.tr("Edit history report")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Lists the changes the database recorded between START and END (either may be empty) in the chosen "
            "layers, optionally of one feature (KEY: a ΚΑΕΚ, property code, lease code …): the change id, the "
            "feature, the operation, who, when, the transaction and reason, and which fields (and whether the "
            "geometry) changed. Values are not listed, so personal data stays in the database. A change id or "
            "transaction id from here is what “Undo a change” takes.")

    def initAlgorithm(self, config=None):  # noqa: N802
        add_database_parameters(self, "DATABASE", self.tr("Municipal database"))
        self.addParameter(QgsProcessingParameterEnum("LAYERS", self.tr("Layers"), list(catalogue.HISTORY_LAYERS),
                                                     allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterDateTime("START", self.tr("From"), optional=True))
        self.addParameter(QgsProcessingParameterDateTime("END", self.tr("Until"), optional=True))
        self.addParameter(QgsProcessingParameterString("KEY", self.tr("Only this ΚΑΕΚ or code"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Edit history"),
                                                            QgsProcessing.SourceType.TypeVector))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        location = database_from_parameters(self, parameters, context, "DATABASE")
        given = parameters.get("LAYERS")
        chosen = self.parameterAsEnums(parameters, "LAYERS", context) if given not in (None, "", []) else []
        layer_ids = [catalogue.HISTORY_LAYERS[i] for i in chosen] or list(catalogue.HISTORY_LAYERS)
        key = self.parameterAsString(parameters, "KEY", context).strip() or None
        try:
            changes = edit_history(location, moment(self, parameters, "START", context),
                                   moment(self, parameters, "END", context), layer_ids, key)
        except DatabaseError as exc:
            self.fail(str(exc))
        fields = make_fields(REPORT_FIELDS)
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
        if sink is None:
            self.fail(self.tr("Could not create the output layer."))
        for c in changes:
            sink.addFeature(make_feature(fields, [c.layer_id, c.change_id, c.feature_id, c.key, c.operation, c.user,
                                                  c.time, c.txid, c.reason, ", ".join(c.changed_fields)]),
                            QgsFeatureSink.Flag.FastInsert)
        feedback.pushInfo(self.tr("{n} changes.").format(n=len(changes)))
        return {"OUTPUT": dest_id}
