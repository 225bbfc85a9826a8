"""Walking coverage of existing facilities (playgrounds, bike stations) on the street network.

Its inputs are read as the siting algorithms read theirs (`processing/siting_inputs.py`).
"""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from municipal_gis.core import network as net
from municipal_gis.core.siting_plan import MAX_PEOPLE, id_list
from municipal_gis.core.values import NOT_FINITE, TOO_LARGE, check_number
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.siting_inputs import read_demand, read_points, read_streets, warn_off_network
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue


def parse_age_bands(text: str):
    """'pop_0_14:400; pop_65_plus:300' -> [('pop_0_14', 400.0), ...]; raises ValueError(entry)."""
    bands = []
    for entry in text.replace(",", ";").replace("\n", ";").split(";"):
        entry = entry.strip()
        if not entry:
            continue
        name, sep, metres = entry.partition(":")
        try:
            value = float(metres)
        except ValueError:
            raise ValueError(entry) from None
        if not sep or not name.strip() or not np.isfinite(value) or value <= 0:
            raise ValueError(entry)
        bands.append((name.strip(), value))
    return bands


class ServiceCoverage(MunicipalAlgorithm):
    ALGORITHM_ID = "service_coverage"
    GROUP_ID = "siting"
    # parameter names (frozen once released)
    FACILITIES = "FACILITIES"
    DEMAND = "DEMAND"
    POPULATION_FIELD = "POPULATION_FIELD"
    COMMUNITY_FIELD = "COMMUNITY_FIELD"
    STREETS = "STREETS"
    MAX_WALK_M = "MAX_WALK_M"
    AGE_BANDS = "AGE_BANDS"
    CATCHMENT_WIDTH_M = "CATCHMENT_WIDTH_M"
    OUTPUT = "OUTPUT"
    CATCHMENTS = "CATCHMENTS"
    SUMMARY = "SUMMARY"
    # output names
    COVERED_POPULATION = "COVERED_POPULATION"
    TOTAL_POPULATION = "TOTAL_POPULATION"
    UNSERVED_POPULATION = "UNSERVED_POPULATION"
    CATALOGUE_LAYERS = {FACILITIES: "playground", DEMAND: "census_block", STREETS: "street"}

    def displayName(self):  # noqa: N802
        return self.tr("Walking coverage of facilities")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Shows who lives within walking distance of existing facilities (playgrounds, bike stations).\n\n"
            "DEMAND holds census blocks or buildings with a population field. A polygon is represented by "
            "one point on its surface carrying its whole population (a point on surface always lies inside "
            "the polygon). With STREETS, distances are walked on the street network: each point walks "
            "straight to the nearest street, then along the streets; without STREETS they are straight-line "
            "distances. Empty, non-numeric or negative populations count as 0, with a warning.\n\n"
            "OUTPUT: each demand unit with its nearest facility, walking distance walk_m and served flag "
            "(walk_m ≤ MAX_WALK_M). CATCHMENTS: one polygon per facility, the street pieces reachable "
            "within MAX_WALK_M buffered by CATCHMENT_WIDTH_M (not a convex hull: block interiors are not "
            "claimed); a circle when there is no street network. SUMMARY: served and unserved population "
            "per community (COMMUNITY_FIELD).\n\n"
            "AGE_BANDS gives other walking limits for age groups held in fields of DEMAND, e.g. "
            "“pop_0_14:400; pop_65_plus:300”: each band adds <field>_served to OUTPUT (its people within "
            "that band's limit) and <field> and <field>_served to SUMMARY.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FACILITIES, self.tr("Existing facilities"), [QgsProcessing.SourceType.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DEMAND, self.tr("Demand (census blocks or buildings)"),
            [QgsProcessing.SourceType.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, self.tr("Population field"), defaultValue="population",
            parentLayerParameterName=self.DEMAND, type=QgsProcessingParameterField.DataType.Numeric))
        self.addParameter(QgsProcessingParameterField(
            self.COMMUNITY_FIELD, self.tr("Community field (for the totals)"), defaultValue=None,
            parentLayerParameterName=self.DEMAND, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.STREETS, self.tr("Street network"), [QgsProcessing.SourceType.TypeVectorLine],
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_WALK_M, self.tr("Maximum walking distance (m)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=400.0, minValue=1.0))
        self.addParameter(QgsProcessingParameterString(
            self.AGE_BANDS, self.tr("Walking limits per age band (field:metres; …)"), defaultValue="",
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.CATCHMENT_WIDTH_M, self.tr("Catchment width either side of the street (m)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=25.0, minValue=0.1))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Demand with nearest facility"), QgsProcessing.SourceType.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CATCHMENTS, self.tr("Catchments"), QgsProcessing.SourceType.TypeVectorPolygon, optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, self.tr("Served population by community"), QgsProcessing.SourceType.TypeVector, optional=True,
            createByDefault=True))
        self.addOutput(QgsProcessingOutputNumber(self.COVERED_POPULATION, self.tr("Population served")))
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_POPULATION, self.tr("Total population")))
        self.addOutput(QgsProcessingOutputNumber(self.UNSERVED_POPULATION, self.tr("Population not served")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        fac_source = self.required_source(parameters, self.FACILITIES, context)
        dem_source = self.required_source(parameters, self.DEMAND, context)
        crs = self.working_crs()  # every layer is read in it (ΕΓΣΑ87 unless the first is metric)
        max_walk = self.parameterAsDouble(parameters, self.MAX_WALK_M, context)
        width = self.parameterAsDouble(parameters, self.CATCHMENT_WIDTH_M, context)
        comm_field = self.parameterAsString(parameters, self.COMMUNITY_FIELD, context)
        try:
            bands = parse_age_bands(self.parameterAsString(parameters, self.AGE_BANDS, context) or "")
        except ValueError as exc:
            self.fail(self.tr("Age band “{entry}” is not understood: write field:metres, e.g. pop_0_14:400.")
                      .format(entry=str(exc)))
        self.require_fields(dem_source, [band for band, _ in bands])
        _, dname, dfids, dpts, dxy, dgeoms, dattrs, pop = read_demand(
            self, parameters, context, feedback, crs,
            extra_fields=([comm_field] if comm_field else []) + [b for b, _ in bands])
        band_pop = {}
        for band, _ in bands:
            values = np.zeros(len(dfids))
            for i, v in enumerate(dattrs[band]):
                number, reason = check_number(v, maximum=MAX_PEOPLE)
                if reason in (NOT_FINITE, TOO_LARGE):
                    feedback.pushWarning(self.tr("Layer {layer}, feature {fid}, field {field}: population {value} "
                                                 "{problem}; counted as 0.").format(
                        layer=dname, fid=int(dfids[i]), field=band, value=repr(v), problem=self.number_problem(reason)))
                values[i] = number if number is not None and number > 0 else 0.0
            band_pop[band] = values
        fname = self.layer_name(fac_source)
        project_field = ["project_code"] if "project_code" in fac_source.fields().names() else []
        ffids, _, fxy, _, fattrs = read_points(self, fac_source, crs, context, feedback, fname, project_field)
        fprojects = fattrs.get("project_code", [None] * len(ffids))
        if not len(ffids):
            feedback.pushWarning(self.tr("Layer {layer} has no facilities: nobody is served.").format(layer=fname))
        self.check_cancel(feedback)
        network = read_streets(self, parameters, context, feedback, crs)
        catchments = []
        if network is not None:
            fatt = network.attach(fxy, max_access=max_walk)
            warn_off_network(feedback, fatt, ffids, fname, max_walk)
            datt = network.attach(dxy)
            who, dist = network.nearest(fatt, datt)
            for i in range(len(ffids)):
                self.check_cancel(feedback)
                catchments.append(network.catchment(fatt, i, max_walk, width) if fatt.ok[i] else None)
        else:
            who, dist = net.euclidean_nearest(fxy, dxy)
            catchments = [shapely.buffer(shapely.Point(p), max_walk) for p in fxy]
        served = dist <= max_walk
        unreachable = ~np.isfinite(dist)
        if len(ffids) and unreachable.any():
            feedback.pushWarning(self.tr("Layer {layer}: no facility can be reached from features {ids} (no "
                                         "connected street path).").format(layer=dname, ids=id_list(dfids[unreachable])))

        fields = make_fields([("demand_fid", catalogue.INTEGER), ("population", catalogue.REAL),
                              ("facility_fid", catalogue.INTEGER), ("walk_m", catalogue.REAL),
                              ("served", catalogue.BOOLEAN)] + [(f"{b}_served", catalogue.REAL) for b, _ in bands])
        band_served = {b: np.where(dist <= limit, band_pop[b], 0.0) for b, limit in bands}
        sink, dest = self.create_sink(parameters, self.OUTPUT, context, fields, dem_source.wkbType(), crs)
        for i in range(len(dfids)):
            fac = int(ffids[who[i]]) if who[i] >= 0 else None
            walk = round(float(dist[i]), 2) if np.isfinite(dist[i]) else None
            sink.addFeature(make_feature(fields, [int(dfids[i]), float(pop[i]), fac, walk, bool(served[i])]
                                         + [float(band_served[b][i]) for b, _ in bands], dgeoms[i]),
                            QgsFeatureSink.Flag.FastInsert)

        cfields = make_fields([("facility_fid", catalogue.INTEGER), ("project_code", catalogue.TEXT),
                               ("max_walk_m", catalogue.REAL), ("population_served", catalogue.REAL),
                               ("area_m2", catalogue.REAL)])
        csink, cdest = self.create_sink(parameters, self.CATCHMENTS, context, cfields,
                                            QgsWkbTypes.MultiPolygon, crs)
        for i, geom in enumerate(catchments):
            if geom is None or shapely.is_empty(geom):
                continue
            served_here = float(pop[(who == i) & served].sum())
            geom = shapely.multipolygons(shapely.get_parts(geom)) if shapely.get_type_id(geom) == 3 else geom
            csink.addFeature(make_feature(cfields, [int(ffids[i]), fprojects[i], max_walk, served_here,
                                                    float(geom.area)], geom),
                             QgsFeatureSink.Flag.FastInsert)

        sfields = make_fields([("community", catalogue.TEXT), ("population", catalogue.REAL),
                               ("served", catalogue.REAL), ("unserved", catalogue.REAL),
                               ("served_pct", catalogue.REAL)]
                              + [item for b, _ in bands for item in ((b, catalogue.REAL),
                                                                       (f"{b}_served", catalogue.REAL))])
        ssink, sdest = self.create_sink(parameters, self.SUMMARY, context, sfields, QgsWkbTypes.NoGeometry, crs)
        comm = [str(v) if v is not None else "" for v in dattrs[comm_field]] if comm_field else [""] * len(dfids)
        for name in sorted(set(comm)):
            sel = np.array([c == name for c in comm])
            total = float(pop[sel].sum())
            got = float(pop[sel & served].sum())
            band_values = [float(v) for b, _ in bands for v in (band_pop[b][sel].sum(), band_served[b][sel].sum())]
            ssink.addFeature(make_feature(sfields, [name, total, got, total - got,
                                                    round(100.0 * got / total, 2) if total > 0 else None]
                                          + band_values),
                             QgsFeatureSink.Flag.FastInsert)
        total = float(pop.sum())
        covered = float(pop[served].sum())
        feedback.pushInfo(self.tr("{covered} of {total} people live within {dist} m of a facility.").format(
            covered=round(covered), total=round(total), dist=round(max_walk)))
        return {self.OUTPUT: dest, self.CATCHMENTS: cdest, self.SUMMARY: sdest, self.COVERED_POPULATION: covered,
                self.TOTAL_POPULATION: total, self.UNSERVED_POPULATION: total - covered}
