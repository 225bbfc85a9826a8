"""Optimal sites for shared-bike stations: the siting pipeline of `playground_siting` (processing/siting_base.py)
with points of interest added to the demand, a default minimum spacing, and suggested docks per station."""

from __future__ import annotations

import math

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from municipal_gis.core.siting_plan import MAX_PEOPLE, id_list
from municipal_gis.core.values import check_number
from municipal_gis.processing.siting_base import SitingAlgorithm
from municipal_gis.processing.siting_inputs import read_points
from municipal_gis.schema import catalogue

MIN_DOCKS = 4


def suggest_docks(served: list, total_docks: int, minimum: int = MIN_DOCKS) -> list:
    """Docks per station: `minimum` each, the rest in proportion to the demand each station serves
    (largest remainders get the leftover docks)."""
    n = len(served)
    if n == 0:
        return []
    base = [minimum] * n
    rest = max(total_docks - minimum * n, 0)
    weights = np.asarray(served, dtype=float)
    if weights.sum() <= 0:
        weights = np.ones(n)
    share = rest * weights / weights.sum()
    extra = np.floor(share).astype(int)
    left = rest - int(extra.sum())
    for i in np.argsort(-(share - extra), kind="stable")[:left]:
        extra[i] += 1
    return [int(b + e) for b, e in zip(base, extra)]


class BikeStationSiting(SitingAlgorithm):
    ALGORITHM_ID = "bike_station_siting"
    GROUP_ID = "siting"
    # parameter names (frozen once released)
    POI = "POI"
    POI_WEIGHT_FIELD = "POI_WEIGHT_FIELD"
    POI_WEIGHT = "POI_WEIGHT"
    TOTAL_BIKES = "TOTAL_BIKES"
    DOCKS_PER_BIKE = "DOCKS_PER_BIKE"
    CATALOGUE_LAYERS = {"DEMAND": "census_block", "EXISTING": "bike_station", "ZONING": "land_use_zone", "STREETS": "street"}
    DEFAULT_K = 5
    DEFAULT_WALK = 300.0
    DEFAULT_SPACING = 300.0
    DEFAULT_MIN_AREA = 0.0
    ALLOWED_ZONES = ("open_space_green", "community_facilities", "urban_centre", "general_residential",
                     "pure_residential", "tourism_recreation")

    def displayName(self):  # noqa: N802
        return self.tr("Optimal sites for shared-bike stations")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Chooses shared-bike station sites with the same models and proofs as the playground siting "
            "(see there): 0 maximal coverage, 1 set covering, 2 p-median; OBJECTIVE, BEST_BOUND, GAP, OPTIMAL "
            "and SOLVED_BY report how good the answer is.\n\n"
            "Demand is the residents of DEMAND plus points of interest (POI: university, parks, squares, "
            "public buildings, the city centre), each worth POI_WEIGHT_FIELD people-equivalents, or "
            "POI_WEIGHT when that field is empty or not given. Stations are kept MIN_SPACING_M apart "
            "(default 300 m, straight line), also from EXISTING stations.\n\n"
            "Docks: the system gets TOTAL_BIKES × DOCKS_PER_BIKE docks (1.5–2 docks per bike is usual, "
            "so that returning riders find a free dock); each station gets at least 4, and the rest in "
            "proportion to the demand the station serves (field docks).")

    def init_extra(self):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.POI, self.tr("Points of interest"), [QgsProcessing.SourceType.TypeVectorAnyGeometry],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.POI_WEIGHT_FIELD, self.tr("Weight field of the points of interest"), defaultValue=None,
            parentLayerParameterName=self.POI, type=QgsProcessingParameterField.DataType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.POI_WEIGHT, self.tr("Default weight of a point of interest (people)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=200.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.TOTAL_BIKES, self.tr("Bikes in the system"), type=QgsProcessingParameterNumber.Type.Integer,
            defaultValue=40, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            self.DOCKS_PER_BIKE, self.tr("Docks per bike"), type=QgsProcessingParameterNumber.Type.Double,
            defaultValue=1.75, minValue=1.0, maxValue=3.0))

    def extra_demand(self, parameters, context, feedback, crs, max_walk):
        source = self.parameterAsSource(parameters, self.POI, context)
        if source is None:
            return None
        name = self.layer_name(source)
        wfield = self.parameterAsString(parameters, self.POI_WEIGHT_FIELD, context)
        default = self.parameterAsDouble(parameters, self.POI_WEIGHT, context)
        self.require_fields(source, [wfield])
        fids, pts, xy, geoms, attrs = read_points(self, source, crs, context, feedback, name,
                                                  [wfield] if wfield else [])
        weights = np.full(len(fids), default)
        bad = []
        if wfield:
            for i, value in enumerate(attrs[wfield]):
                if value is None:
                    continue
                number, _ = check_number(value, maximum=MAX_PEOPLE)  # NaN, inf, 1e300: not a weight
                if number is None or number < 0:
                    bad.append(fids[i])
                    weights[i] = 0.0
                else:
                    weights[i] = number
        if bad:
            feedback.pushWarning(self.tr("Layer {layer}, field {field}: weight is negative, not a number or absurd "
                                         "in features {ids}; counted as 0.").format(layer=name, field=wfield,
                                                                                 ids=id_list(bad)))
        feedback.pushInfo(self.tr("{n} points of interest add {w} people-equivalents to the demand.").format(
            n=len(fids), w=round(float(weights.sum()))))
        return xy, weights, fids, pts

    def site_extra_fields(self):
        return [("docks", catalogue.INTEGER)]

    def site_extra_values(self, parameters, context, result_rows):
        bikes = self.parameterAsInt(parameters, self.TOTAL_BIKES, context)
        ratio = self.parameterAsDouble(parameters, self.DOCKS_PER_BIKE, context)
        total = int(math.ceil(bikes * ratio - 1e-9))
        docks = suggest_docks([r["served_population"] for r in result_rows], total)
        return [[d] for d in docks]
