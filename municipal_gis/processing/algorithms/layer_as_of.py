"""A tracked municipal layer as it was at a moment, read from its edit history."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)

from municipal_gis.layers.database import DatabaseError
from municipal_gis.layers.edit_history import layer_as_of
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue


def moment(algorithm, parameters, name, context):
    """An aware datetime from a date-time parameter (None when empty)."""
    value = algorithm.parameterAsDateTime(parameters, name, context)
    if value is None or not value.isValid():
        return None
    return dt.datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000.0, dt.timezone.utc)


class LayerAsOf(MunicipalAlgorithm):
    ALGORITHM_ID = "layer_as_of"
    GROUP_ID = "editing"
    DATABASE_PARAMETERS = ("DATABASE",)

    def displayName(self):  # noqa: N802
        return self.tr("Layer as of a date and time")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Rebuilds a municipal layer as it was at AS_OF from the edit history the database keeps: the "
            "geometries and attributes each feature had then, including features deleted since and without "
            "features added later. Works for the layers with history (parcels, city blocks, land-use zones, "
            "municipal property, leases, encroachments), on GeoPackage and PostGIS. The output has the "
            "layer's fields plus feature_id (the feature's fid).")

    def initAlgorithm(self, config=None):  # noqa: N802
        add_database_parameters(self, "DATABASE", self.tr("Municipal database"))
        self.addParameter(QgsProcessingParameterEnum("LAYER", self.tr("Layer"), list(catalogue.HISTORY_LAYERS),
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterDateTime("AS_OF", self.tr("As of (date and time)")))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Layer as of"),
                                                            QgsProcessing.SourceType.TypeVector))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        location = database_from_parameters(self, parameters, context, "DATABASE")
        layer_id = catalogue.HISTORY_LAYERS[self.parameterAsEnum(parameters, "LAYER", context)]
        when = moment(self, parameters, "AS_OF", context)
        if when is None:
            self.fail(self.tr("Parameter AS_OF: give the date and time to rebuild the layer at."))
        spec = catalogue.layer(layer_id)
        try:
            rows = layer_as_of(location, layer_id, when)
        except DatabaseError as exc:
            self.fail(str(exc))
        fields = make_fields([("feature_id", catalogue.INTEGER)] + list(spec.all_fields))
        wkb = QgsWkbTypes.parseType(spec.geometry) if spec.is_spatial else QgsWkbTypes.Type.NoGeometry
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, fields, wkb,
                                             QgsCoordinateReferenceSystem(f"EPSG:{catalogue.CRS_EPSG}"))
        if sink is None:
            self.fail(self.tr("Could not create the output layer."))
        for fid, record, geometry in rows:
            self.check_cancel(feedback)
            values = dict(record, feature_id=fid)
            sink.addFeature(make_feature(fields, values, geometry), QgsFeatureSink.Flag.FastInsert)
        feedback.pushInfo(self.tr("{n} features of {layer} as of {when}.").format(
            n=len(rows), layer=layer_id, when=when.isoformat(timespec="seconds")))
        return {"OUTPUT": dest_id}
