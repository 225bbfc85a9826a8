"""The siting algorithms' common body (`playground_siting`, `bike_station_siting`): parameters, the input
adapter (layers and street network → walking-distance matrix) and the outputs. The pure half is
`core.siting_plan.from_cost_matrix`; the readers are in `processing/siting_inputs.py`.

A siting algorithm subclasses `SitingAlgorithm` with its id, texts, defaults (`DEFAULT_K`, `DEFAULT_WALK`,
`DEFAULT_SPACING`, `DEFAULT_MIN_AREA`), the land-use categories that allow it (`ALLOWED_ZONES`) and, where it
needs them, the hooks `init_extra`, `extra_demand`, `site_extra_fields`, `site_extra_values`.
"""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from municipal_gis.core import network as net
from municipal_gis.core import siting
from municipal_gis.core.siting_plan import from_cost_matrix, id_list
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.siting_inputs import read_demand, read_points, read_streets, warn_off_network
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue

# municipal property usable as a new site: vacant land or common space
SITE_PROPERTY_TYPES = ("land", "common_space")


class SitingAlgorithm(MunicipalAlgorithm):
    GROUP_ID = "siting"
    # parameter names (frozen once released)
    DEMAND = "DEMAND"
    POPULATION_FIELD = "POPULATION_FIELD"
    EXISTING = "EXISTING"
    CANDIDATES = "CANDIDATES"
    ZONING = "ZONING"
    MIN_AREA_M2 = "MIN_AREA_M2"
    STREETS = "STREETS"
    MAX_WALK_M = "MAX_WALK_M"
    NEW_SITES = "NEW_SITES"
    MODEL = "MODEL"
    MIN_SPACING_M = "MIN_SPACING_M"
    TIME_LIMIT_S = "TIME_LIMIT_S"
    GAP_TARGET_PCT = "GAP_TARGET_PCT"
    CURVE_MAX_K = "CURVE_MAX_K"
    OUTPUT = "OUTPUT"
    DEMAND_OUTPUT = "DEMAND_OUTPUT"
    CURVE = "CURVE"
    # output names
    COVERED_POPULATION = "COVERED_POPULATION"
    TOTAL_POPULATION = "TOTAL_POPULATION"
    OBJECTIVE = "OBJECTIVE"
    BEST_BOUND = "BEST_BOUND"
    GAP = "GAP"
    OPTIMAL = "OPTIMAL"
    SOLVED_BY = "SOLVED_BY"
    DEFAULT_K = 9
    DEFAULT_WALK = 400.0
    DEFAULT_SPACING = 0.0
    DEFAULT_MIN_AREA = 200.0
    ALLOWED_ZONES: tuple = ()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DEMAND, self.tr("Demand (census blocks or buildings)"),
            [QgsProcessing.SourceType.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, self.tr("Population field"), defaultValue="population",
            parentLayerParameterName=self.DEMAND, type=QgsProcessingParameterField.DataType.Numeric))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.EXISTING, self.tr("Existing facilities (kept)"), [QgsProcessing.SourceType.TypeVectorAnyGeometry],
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.CANDIDATES, self.tr("Candidate sites (points, or municipal property polygons)"),
            [QgsProcessing.SourceType.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ZONING, self.tr("Land-use zones (field category_code)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_AREA_M2, self.tr("Minimum site area for municipal property (m²)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=self.DEFAULT_MIN_AREA, minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.STREETS, self.tr("Street network"), [QgsProcessing.SourceType.TypeVectorLine],
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_WALK_M, self.tr("Maximum walking distance (m)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=self.DEFAULT_WALK, minValue=1.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.NEW_SITES, self.tr("Number of new sites"), type=QgsProcessingParameterNumber.Type.Integer,
            defaultValue=self.DEFAULT_K, minValue=1))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODEL, self.tr("Model"), options=[self.tr("Maximal coverage"),
                                                self.tr("Set covering (fewest sites to cover everyone)"),
                                                self.tr("p-median (least total walking)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_SPACING_M, self.tr("Minimum spacing between sites (m, 0 = none)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=self.DEFAULT_SPACING, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.TIME_LIMIT_S, self.tr("Time limit of the exact solver (s)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=60.0, minValue=1.0))
        gap = QgsProcessingParameterNumber(
            self.GAP_TARGET_PCT, self.tr("Stop when the proven gap is at most (%; 0 = prove the optimum)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=0.0, minValue=0.0, maxValue=50.0)
        gap.setFlags(gap.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(gap)
        self.addParameter(QgsProcessingParameterNumber(
            self.CURVE_MAX_K, self.tr("Coverage curve up to this many sites (0 = twice NEW_SITES)"),
            type=QgsProcessingParameterNumber.Type.Integer, defaultValue=0, minValue=0))
        self.init_extra()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Chosen sites"), QgsProcessing.SourceType.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.DEMAND_OUTPUT, self.tr("Demand with assigned site"), QgsProcessing.SourceType.TypeVectorAnyGeometry,
            optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CURVE, self.tr("Coverage versus number of sites"), QgsProcessing.SourceType.TypeVector, optional=True,
            createByDefault=True))
        for key, label in ((self.COVERED_POPULATION, self.tr("Population covered (existing and new sites)")),
                           (self.TOTAL_POPULATION, self.tr("Total population")),
                           (self.OBJECTIVE, self.tr("Objective")), (self.BEST_BOUND, self.tr("Best bound")),
                           (self.GAP, self.tr("Relative gap"))):
            self.addOutput(QgsProcessingOutputNumber(key, label))
        self.addOutput(QgsProcessingOutputBoolean(self.OPTIMAL, self.tr("Proven optimal")))
        self.addOutput(QgsProcessingOutputString(self.SOLVED_BY, self.tr("Method that gave the answer")))

    # hooks for bike_station_siting
    def init_extra(self):
        pass

    def extra_demand(self, parameters, context, feedback, crs, max_walk):
        """Extra demand points: (xy, weights, fids, geometries)."""
        return None

    def site_extra_fields(self):
        return []

    def site_extra_values(self, parameters, context, result_rows):
        return [[] for _ in result_rows]

    # ------------------------------------------------------------------------------------------
    def _candidates(self, parameters, context, feedback, crs):
        source = self.required_source(parameters, self.CANDIDATES, context)
        name = self.layer_name(source)
        names = source.fields().names()
        is_property = "status" in names and "property_type" in names
        fields = ["status", "property_type"] if is_property else []
        fids, pts, xy, geoms, attrs = read_points(self, source, crs, context, feedback, name, fields)
        keep = np.ones(len(fids), dtype=bool)
        if is_property:
            min_area = self.parameterAsDouble(parameters, self.MIN_AREA_M2, context)
            status_ok = np.array([s == "vacant" for s in attrs["status"]], dtype=bool)
            type_ok = np.array([t in SITE_PROPERTY_TYPES for t in attrs["property_type"]], dtype=bool)
            areas = np.array([shapely.area(g) if g is not None else 0.0 for g in geoms])
            polygonal = np.array([shapely.get_type_id(g) in (3, 6) for g in geoms], dtype=bool)
            area_ok = ~polygonal | (areas >= min_area)
            keep = status_ok & type_ok & area_ok
            feedback.pushInfo(self.tr("Layer {layer}: {kept} of {total} properties are vacant land or common "
                                      "space of at least {area} m².").format(layer=name, kept=int(keep.sum()),
                                                                             total=len(fids), area=min_area))
        zoning = self.parameterAsSource(parameters, self.ZONING, context)
        if zoning is not None:
            zname = self.layer_name(zoning)
            zdata = self.read_source(zoning, ["category_code"], feedback)
            allowed = [g for g, c in zip(zdata.geometries, zdata.attributes["category_code"])
                       if g is not None and c in self.ALLOWED_ZONES]
            inside = np.zeros(len(fids), dtype=bool)
            if allowed and len(fids):
                tree = shapely.STRtree(allowed)
                hit = tree.query(pts, predicate="intersects")
                inside[np.unique(hit[0])] = True
            feedback.pushInfo(self.tr("Layer {layer}: {n} candidate sites lie in zones that allow the use ({zones})."
                                      ).format(layer=zname, n=int((inside & keep).sum()),
                                               zones=", ".join(self.ALLOWED_ZONES)))
            keep &= inside
        if not keep.any():
            self.fail(self.tr("Layer {layer}: no candidate site is left after the filters.").format(layer=name))
        return name, fids[keep], pts[keep], xy[keep]

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        dem_source = self.required_source(parameters, self.DEMAND, context)
        crs = self.working_crs()  # every layer is read in it (ΕΓΣΑ87 unless the first is metric)
        max_walk = self.parameterAsDouble(parameters, self.MAX_WALK_M, context)
        k = self.parameterAsInt(parameters, self.NEW_SITES, context)
        model = self.parameterAsEnum(parameters, self.MODEL, context)
        spacing = self.parameterAsDouble(parameters, self.MIN_SPACING_M, context)
        time_limit = self.parameterAsDouble(parameters, self.TIME_LIMIT_S, context)
        gap_target = self.parameterAsDouble(parameters, self.GAP_TARGET_PCT, context) / 100.0
        curve_k = self.parameterAsInt(parameters, self.CURVE_MAX_K, context) or 2 * k

        _, dname, dfids, _, dxy, dgeoms, _, pop = read_demand(self, parameters, context, feedback, crs)
        n_pop = len(dfids)
        kinds = ["demand"] * n_pop
        extra = self.extra_demand(parameters, context, feedback, crs, max_walk)
        if extra is not None:
            exy, ew, efids, egeoms = extra
            dxy = np.vstack([dxy, exy])
            pop = np.concatenate([pop, ew])
            dfids = np.concatenate([dfids, efids])
            dgeoms = np.concatenate([dgeoms, egeoms])
            kinds += ["poi"] * len(efids)
        cname, cfids, cpts, cxy = self._candidates(parameters, context, feedback, crs)
        ex_source = self.parameterAsSource(parameters, self.EXISTING, context)
        if ex_source is not None:
            efid_ex, _, exy_ex, _, _ = read_points(self, ex_source, crs, context, feedback, self.layer_name(ex_source))
        else:
            efid_ex, exy_ex = np.zeros(0, dtype=np.int64), np.zeros((0, 2))
        # spacing from existing facilities
        if spacing > 0 and len(exy_ex):
            near = siting.too_close_to_existing(cxy, exy_ex, spacing)
            if near.any():
                feedback.pushInfo(self.tr("Layer {layer}: candidates {ids} are closer than {dist} m to an existing "
                                          "facility and are left out.").format(layer=cname, ids=id_list(cfids[near]),
                                                                              dist=round(spacing)))
                cfids, cpts, cxy = cfids[~near], cpts[~near], cxy[~near]
                if not len(cfids):
                    self.fail(self.tr("Layer {layer}: no candidate site is left after the filters.").format(
                        layer=cname))
        self.check_cancel(feedback)
        # the input adapter: walking distances demand × candidate within reach, and to the nearest existing site
        reach = 2.0 * max_walk if model == siting.PMEDIAN else max_walk
        network = read_streets(self, parameters, context, feedback, crs)
        ex_who = None
        if network is not None:
            datt = network.attach(dxy, max_access=reach)
            catt = network.attach(cxy, max_access=max_walk)
            warn_off_network(feedback, catt, cfids, cname, max_walk)
            D = network.distances_within(catt, datt, reach).T.tocsr()
            if len(exy_ex):
                xatt = network.attach(exy_ex, max_access=max_walk)
                _, ex_dist = network.nearest(xatt, datt)
                ex_who = network.nearest(network.attach(exy_ex, max_access=max_walk), network.attach(dxy))[0]
            else:
                ex_dist = np.full(len(dfids), np.inf)
        else:
            D = net.euclidean_within(cxy, dxy, reach).T.tocsr()
            ex_dist = net.euclidean_nearest(exy_ex, dxy)[1] if len(exy_ex) else np.full(len(dfids), np.inf)
            ex_who = net.euclidean_nearest(exy_ex, dxy)[0] if len(exy_ex) else None
        self.check_cancel(feedback)
        conflicts = siting.conflict_pairs(cxy, spacing)

        # the pure half: solve, rank, assign, curve (core.siting_plan)
        plan = from_cost_matrix(D, pop, k, model, max_walk, existing_dist=ex_dist, existing_nearest=ex_who,
                                conflicts=conflicts, time_limit=time_limit, gap_target=gap_target, curve_k=curve_k)
        lost = plan.unreachable
        if lost.any():
            feedback.pushWarning(self.tr("Layer {layer}: {n} demand units ({people} people) are beyond {dist} m "
                                         "of every candidate and existing facility: {ids}.").format(
                layer=dname, n=int(lost.sum()), people=round(float(pop[lost].sum())), dist=round(max_walk),
                ids=id_list(dfids[lost])))
        feedback.pushInfo(self.tr("{n} demand units, {m} candidate sites, {pairs} pairs within reach.").format(
            n=len(dfids), m=len(cfids), pairs=plan.cover.nnz))
        if plan.infeasible:
            self.fail(self.tr("No set of candidate sites covers every reachable demand unit while keeping "
                              "MIN_SPACING_M apart."))
        self.check_cancel(feedback)
        result = plan.result
        messages = {
            "time limit reached by the MILP solver": self.tr("The exact solver reached the time limit."),
            "no time left for the MILP solver": self.tr("No time was left for the exact solver."),
            "reduced problem too large for the MILP solver within the time limit":
                self.tr("The problem is too large for the exact solver within the time limit: the heuristic "
                        "answer is reported with its proven bound."),
            "no set of sites covers every demand unit under the spacing rule":
                self.tr("No set of sites covers every demand unit while keeping the minimum spacing."),
        }
        for note in result.notes:
            feedback.pushInfo(messages.get(note, note))
        order, covered, total, baseline = plan.order, plan.covered, plan.total, plan.baseline

        # the outputs
        dest = self._write_sites(parameters, context, crs, plan, cfids, cpts)
        ddest = self._write_demand(parameters, context, crs, plan, dem_source.wkbType(), dfids, dgeoms, kinds, pop,
                                   cfids, efid_ex)
        cdest = self._write_curve(parameters, context, crs, plan)

        feedback.pushInfo(self.tr("{n} new sites; population covered {covered} of {total} (existing sites alone: "
                                  "{base}). Objective {obj}, bound {bound}, gap {gap} %, optimal: {opt}; solved by "
                                  "{method}.").format(n=len(order), covered=round(covered), total=round(total),
                                                      base=round(baseline), obj=round(result.objective, 3),
                                                      bound=round(result.best_bound, 3),
                                                      gap=round(100 * result.gap, 4), opt=result.optimal,
                                                      method=result.method))
        return {self.OUTPUT: dest, self.DEMAND_OUTPUT: ddest, self.CURVE: cdest, self.COVERED_POPULATION: covered,
                self.TOTAL_POPULATION: total, self.OBJECTIVE: float(result.objective),
                self.BEST_BOUND: float(result.best_bound), self.GAP: float(result.gap), self.OPTIMAL: bool(result.optimal),
                self.SOLVED_BY: result.method}

    # -- the outputs --------------------------------------------------------------------------------------

    def _write_sites(self, parameters, context, crs, plan, cfids, cpts):
        """OUTPUT: the chosen sites in rank order, with what each adds and serves."""
        rows_out = [{"rank": rank, "candidate_fid": int(cfids[j]), "added_population": float(add),
                     "served_population": float(served), "geometry": cpts[j]}
                    for rank, (j, add, served) in enumerate(zip(plan.order, plan.added, plan.site_served), start=1)]
        cum = plan.baseline
        sfields = make_fields([("rank", catalogue.INTEGER), ("candidate_fid", catalogue.INTEGER),
                               ("added_population", catalogue.REAL), ("cumulative_population", catalogue.REAL),
                               ("served_population", catalogue.REAL)] + self.site_extra_fields())
        sink, dest = self.create_sink(parameters, self.OUTPUT, context, sfields, QgsWkbTypes.Point, crs)
        extras = self.site_extra_values(parameters, context, rows_out)
        for row, ext in zip(rows_out, extras):
            cum += row["added_population"]
            sink.addFeature(make_feature(sfields, [row["rank"], row["candidate_fid"], row["added_population"], cum,
                                                   row["served_population"]] + list(ext), row["geometry"]),
                            QgsFeatureSink.Flag.FastInsert)
        return dest

    def _write_demand(self, parameters, context, crs, plan, wkb_type, dfids, dgeoms, kinds, pop, cfids, efid_ex):
        """DEMAND_OUTPUT: each demand unit with its nearest facility, new or existing, and the walk to it."""
        dfields = make_fields([("demand_fid", catalogue.INTEGER), ("kind", catalogue.TEXT),
                               ("population", catalogue.REAL), ("site_kind", catalogue.TEXT),
                               ("site_fid", catalogue.INTEGER), ("site_rank", catalogue.INTEGER),
                               ("walk_m", catalogue.REAL), ("served", catalogue.BOOLEAN)])
        dsink, ddest = self.create_sink(parameters, self.DEMAND_OUTPUT, context, dfields, wkb_type, crs)
        for i in range(len(pop)):
            site_kind = plan.site_kind[i]
            site_fid = site_rank = walk = None
            if site_kind == "new":
                site_fid, site_rank = int(cfids[plan.site_index[i]]), int(plan.site_rank[i])
            elif site_kind == "existing":
                site_fid = int(efid_ex[plan.site_index[i]])
            if site_kind is not None:
                walk = round(float(plan.walk_m[i]), 2)
            geom = dgeoms[i]
            if geom is not None and kinds[i] == "poi" and wkb_type != QgsWkbTypes.Point:
                geom = None  # points of interest cannot be written into a polygon layer
            dsink.addFeature(make_feature(dfields, [int(dfids[i]), kinds[i], float(pop[i]), site_kind, site_fid,
                                                    site_rank, walk, bool(plan.served[i])], geom),
                             QgsFeatureSink.Flag.FastInsert)
        return ddest

    def _write_curve(self, parameters, context, crs, plan):
        """CURVE: the population covered for 0, 1, 2, … new sites, with its upper bound."""
        cfields = make_fields([("sites", catalogue.INTEGER), ("covered_population", catalogue.REAL),
                               ("upper_bound", catalogue.REAL), ("covered_pct", catalogue.REAL),
                               ("marginal_population", catalogue.REAL)])
        csink, cdest = self.create_sink(parameters, self.CURVE, context, cfields, QgsWkbTypes.NoGeometry, crs)
        total, prev = plan.total, None
        for kk, value, bound in plan.curve:
            csink.addFeature(make_feature(cfields, [kk, value, bound, round(100 * value / total, 3) if total else None,
                                                    None if prev is None else value - prev]),
                             QgsFeatureSink.Flag.FastInsert)
            prev = value
        return cdest
