"""Parcels adjacent to municipal property (όμορα), for notification letters."""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from municipal_gis.core.neighbours import neighbours
from municipal_gis.i18n import tr
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue

T, R = catalogue.TEXT, catalogue.REAL

OUTPUT_FIELDS = [
    ("property_code", T), ("kaek", T), ("owner_type", T), ("address", T), ("ot_code", T), ("distance_m", R),
    ("shared_boundary_m", R),
]


class NeighbourListAlgorithm(MunicipalAlgorithm):
    ALGORITHM_ID = "neighbour_list"
    GROUP_ID = "property"
    CATALOGUE_LAYERS = {"PROPERTIES": "municipal_property", "PARCELS": "parcel"}

    PROPERTIES = "PROPERTIES"
    PARCELS = "PARCELS"
    DISTANCE_M = "DISTANCE_M"
    OUTPUT = "OUTPUT"

    def displayName(self):  # noqa: N802
        return tr("Neighbouring parcels")

    def shortHelpString(self):  # noqa: N802
        return tr(
            "Parcels adjacent to each property (touching, with 1 cm tolerance for digitising gaps) or within "
            "the given distance, with ΚΑΕΚ, owner type and address, for notification letters. Parcels lying "
            "mostly inside the property are the property itself and are left out. Use 'Selected features "
            "only' to list the neighbours of some properties."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.PROPERTIES, tr("Municipal property"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(self.PARCELS, tr("Parcels"), polygon))
        self.addParameter(QgsProcessingParameterNumber(
            self.DISTANCE_M, tr("Distance (m, 0 = touching)"), QgsProcessingParameterNumber.Type.Double, 0.0,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Neighbouring parcels"), QgsProcessing.SourceType.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        properties = self.parameterAsSource(parameters, self.PROPERTIES, context)
        parcel_source = self.parameterAsSource(parameters, self.PARCELS, context)
        distance = self.parameterAsDouble(parameters, self.DISTANCE_M, context)
        try:
            props = self.read_source(properties, ["property_code"], feedback)
        except KeyError as missing:
            self.fail(tr("Layer {layer}: field {field} is missing.").format(
                layer=self.layer_name(properties), field=missing.args[0]))
        available = [f.name() for f in parcel_source.fields()]
        if "kaek" not in available:
            self.fail(tr("Layer {layer}: field {field} is missing.").format(
                layer=self.layer_name(parcel_source), field="kaek"))
        optional = [n for n in ("owner_type", "address", "ot_code") if n in available]
        parcel_source.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)  # repaired below
        parcels = self.read_source(parcel_source, ["kaek", *optional], feedback)
        self.check_cancel(feedback)
        repaired = self.repaired(parcels, self.layer_name(parcel_source), feedback)
        geoms = np.asarray([g if g is not None else shapely.Polygon() for g in repaired], dtype=object)
        tree = shapely.STRtree(geoms)

        fields = make_fields(OUTPUT_FIELDS)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.MultiPolygon,
                                          self.working_crs())
        total = 0
        for i, target in enumerate(props.geometries):
            self.check_cancel(feedback)
            feedback.setProgress(100.0 * i / max(len(props), 1))
            if target is None:
                continue
            target = shapely.make_valid(target) if not target.is_valid else target
            for n in neighbours(target, geoms, distance, tree=tree):
                values = {"property_code": props.attributes["property_code"][i],
                          "kaek": parcels.attributes["kaek"][n.index],
                          "distance_m": round(n.distance_m, 3), "shared_boundary_m": round(n.shared_boundary_m, 2)}
                for name in optional:
                    values[name] = parcels.attributes[name][n.index]
                geometry = geoms[n.index]
                if geometry.geom_type == "Polygon":
                    geometry = shapely.MultiPolygon([geometry])
                sink.addFeature(make_feature(fields, values, geometry), QgsFeatureSink.Flag.FastInsert)
                total += 1
        feedback.pushInfo(tr("{n} neighbouring parcels listed.").format(n=total))
        return {self.OUTPUT: dest}
