"""Optimal sites for new playgrounds (maximal coverage, set covering or p-median).

`bike_station_siting` subclasses this algorithm: the siting pipeline is shared and lives in
`municipal_gis.core.siting`.
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
from scipy import sparse

from municipal_gis.core import network as net
from municipal_gis.core import siting
from municipal_gis.processing.algorithms.service_coverage import (
    _ids,
    read_demand,
    read_points,
    read_streets,
    warn_off_network,
)
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue

# municipal property usable as a new site: vacant land or common space
SITE_PROPERTY_TYPES = ("land", "common_space")


class PlaygroundSiting(MunicipalAlgorithm):
    ALGORITHM_ID = "playground_siting"
    GROUP_ID = "siting"
    CATALOGUE_LAYERS = {"DEMAND": "census_block", "EXISTING": "playground", "CANDIDATES": "municipal_property", "ZONING": "land_use_zone",
                        "STREETS": "street"}
    DEFAULT_K = 9
    DEFAULT_WALK = 400.0
    DEFAULT_SPACING = 0.0
    DEFAULT_MIN_AREA = 200.0
    # land-use categories (ΠΔ 59/2018) in which the use is allowed
    ALLOWED_ZONES = ("open_space_green", "community_facilities")

    def displayName(self):  # noqa: N802
        return self.tr("Optimal sites for new playgrounds")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Chooses new sites among CANDIDATES so that as many people as possible live within walking "
            "distance, keeping the EXISTING facilities.\n\n"
            "MODEL: 0 maximal coverage (NEW_SITES sites, most population within MAX_WALK_M); 1 set covering "
            "(fewest sites so that everyone who can be reached is within MAX_WALK_M; NEW_SITES is ignored); "
            "2 p-median (NEW_SITES sites, least total walking; a walk longer than twice MAX_WALK_M counts as "
            "twice MAX_WALK_M, and the walk to an existing facility is the most anyone is charged).\n\n"
            "The problem is first shrunk (demand units that reach the same candidates merged, dominated "
            "candidates removed), then solved by a greedy + swap heuristic, an upper bound (Lagrangian "
            "relaxation or linear programme) and, when that does not already prove optimality, the exact "
            "MILP solver HiGHS within TIME_LIMIT_S (or until the proven gap is at most GAP_TARGET_PCT, for "
            "maximal coverage). Results: OBJECTIVE (population newly covered, number of "
            "sites, or person-metres walked), BEST_BOUND, GAP and OPTIMAL prove how good the answer is; "
            "SOLVED_BY says which method gave it.\n\n"
            "Demand polygons are represented by a point on their surface. Distances are walked on STREETS "
            "when given (straight line otherwise). CANDIDATES may be points or polygons (a point on the "
            "surface stands for the site). When CANDIDATES is the municipal property layer (fields status "
            "and property_type), only vacant land or common space of at least MIN_AREA_M2 is used, and "
            "with a ZONING layer (field category_code) only sites in zones that allow the use. "
            "MIN_SPACING_M keeps new sites apart from each other and from existing ones (straight line).\n\n"
            "Outputs: OUTPUT the chosen sites with their rank and the population each adds; "
            "DEMAND_OUTPUT each demand unit with its assigned site and walk; CURVE the population covered "
            "for 1, 2, … new sites (greedy + swap, with an upper bound), to show where more sites stop "
            "paying off.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "DEMAND", self.tr("Demand (census blocks or buildings)"),
            [QgsProcessing.SourceType.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterField(
            "POPULATION_FIELD", self.tr("Population field"), defaultValue="population",
            parentLayerParameterName="DEMAND", type=QgsProcessingParameterField.DataType.Numeric))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "EXISTING", self.tr("Existing facilities (kept)"), [QgsProcessing.SourceType.TypeVectorAnyGeometry],
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "CANDIDATES", self.tr("Candidate sites (points, or municipal property polygons)"),
            [QgsProcessing.SourceType.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "ZONING", self.tr("Land-use zones (optional, field category_code)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_AREA_M2", self.tr("Minimum site area for municipal property (m²)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=self.DEFAULT_MIN_AREA, minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "STREETS", self.tr("Street network (optional)"), [QgsProcessing.SourceType.TypeVectorLine],
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "MAX_WALK_M", self.tr("Maximum walking distance (m)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=self.DEFAULT_WALK, minValue=1.0))
        self.addParameter(QgsProcessingParameterNumber(
            "NEW_SITES", self.tr("Number of new sites"), type=QgsProcessingParameterNumber.Type.Integer,
            defaultValue=self.DEFAULT_K, minValue=1))
        self.addParameter(QgsProcessingParameterEnum(
            "MODEL", self.tr("Model"), options=[self.tr("Maximal coverage"),
                                                self.tr("Set covering (fewest sites to cover everyone)"),
                                                self.tr("p-median (least total walking)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_SPACING_M", self.tr("Minimum spacing between sites (m, 0 = none)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=self.DEFAULT_SPACING, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "TIME_LIMIT_S", self.tr("Time limit of the exact solver (s)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=60.0, minValue=1.0))
        gap = QgsProcessingParameterNumber(
            "GAP_TARGET_PCT", self.tr("Stop when the proven gap is at most (%; 0 = prove the optimum)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=0.0, minValue=0.0, maxValue=50.0)
        gap.setFlags(gap.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(gap)
        self.addParameter(QgsProcessingParameterNumber(
            "CURVE_MAX_K", self.tr("Coverage curve up to this many sites (0 = twice NEW_SITES)"),
            type=QgsProcessingParameterNumber.Type.Integer, defaultValue=0, minValue=0))
        self.init_extra()
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Chosen sites"), QgsProcessing.SourceType.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "DEMAND_OUTPUT", self.tr("Demand with assigned site"), QgsProcessing.SourceType.TypeVectorAnyGeometry,
            optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "CURVE", self.tr("Coverage versus number of sites"), QgsProcessing.SourceType.TypeVector, optional=True,
            createByDefault=True))
        for key, label in (("COVERED_POPULATION", self.tr("Population covered (existing and new sites)")),
                           ("TOTAL_POPULATION", self.tr("Total population")),
                           ("OBJECTIVE", self.tr("Objective")), ("BEST_BOUND", self.tr("Best bound")),
                           ("GAP", self.tr("Relative gap"))):
            self.addOutput(QgsProcessingOutputNumber(key, label))
        self.addOutput(QgsProcessingOutputBoolean("OPTIMAL", self.tr("Proven optimal")))
        self.addOutput(QgsProcessingOutputString("SOLVED_BY", self.tr("Method that gave the answer")))

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
        source = self.parameterAsSource(parameters, "CANDIDATES", context)
        if source is None:
            self.fail(self.tr("The candidate sites layer could not be read."))
        name = self.layer_name(source)
        names = source.fields().names()
        is_property = "status" in names and "property_type" in names
        fields = ["status", "property_type"] if is_property else []
        fids, pts, xy, geoms, attrs = read_points(self, source, crs, context, feedback, name, fields)
        keep = np.ones(len(fids), dtype=bool)
        if is_property:
            min_area = self.parameterAsDouble(parameters, "MIN_AREA_M2", context)
            status_ok = np.array([s == "vacant" for s in attrs["status"]], dtype=bool)
            type_ok = np.array([t in SITE_PROPERTY_TYPES for t in attrs["property_type"]], dtype=bool)
            areas = np.array([shapely.area(g) if g is not None else 0.0 for g in geoms])
            polygonal = np.array([shapely.get_type_id(g) in (3, 6) for g in geoms], dtype=bool)
            area_ok = ~polygonal | (areas >= min_area)
            keep = status_ok & type_ok & area_ok
            feedback.pushInfo(self.tr("Layer {layer}: {kept} of {total} properties are vacant land or common "
                                      "space of at least {area} m².").format(layer=name, kept=int(keep.sum()),
                                                                             total=len(fids), area=min_area))
        zoning = self.parameterAsSource(parameters, "ZONING", context)
        if zoning is not None:
            zname = self.layer_name(zoning)
            if "category_code" not in zoning.fields().names():
                self.fail(self.tr("Layer {layer}: field {field} does not exist.").format(layer=zname,
                                                                                       field="category_code"))
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
        dem_source = self.parameterAsSource(parameters, "DEMAND", context)
        if dem_source is None:
            self.fail(self.tr("The demand layer could not be read."))
        crs = self.working_crs()  # every layer is read in it (ΕΓΣΑ87 unless the first is metric)
        max_walk = self.parameterAsDouble(parameters, "MAX_WALK_M", context)
        k = self.parameterAsInt(parameters, "NEW_SITES", context)
        model = self.parameterAsEnum(parameters, "MODEL", context)
        spacing = self.parameterAsDouble(parameters, "MIN_SPACING_M", context)
        time_limit = self.parameterAsDouble(parameters, "TIME_LIMIT_S", context)
        gap_target = self.parameterAsDouble(parameters, "GAP_TARGET_PCT", context) / 100.0
        curve_k = self.parameterAsInt(parameters, "CURVE_MAX_K", context) or 2 * k

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
        ex_source = self.parameterAsSource(parameters, "EXISTING", context)
        if ex_source is not None:
            efid_ex, _, exy_ex, _, _ = read_points(self, ex_source, crs, context, feedback, self.layer_name(ex_source))
        else:
            efid_ex, exy_ex = np.zeros(0, dtype=np.int64), np.zeros((0, 2))
        # spacing from existing facilities
        if spacing > 0 and len(exy_ex):
            near = siting.too_close_to_existing(cxy, exy_ex, spacing)
            if near.any():
                feedback.pushInfo(self.tr("Layer {layer}: candidates {ids} are closer than {dist} m to an existing "
                                          "facility and are left out.").format(layer=cname, ids=_ids(cfids[near]),
                                                                              dist=round(spacing)))
                cfids, cpts, cxy = cfids[~near], cpts[~near], cxy[~near]
                if not len(cfids):
                    self.fail(self.tr("Layer {layer}: no candidate site is left after the filters.").format(
                        layer=cname))
        self.check_cancel(feedback)
        reach = 2.0 * max_walk if model == siting.PMEDIAN else max_walk
        network = read_streets(self, parameters, context, feedback, crs)
        if network is not None:
            datt = network.attach(dxy, max_access=reach)
            catt = network.attach(cxy, max_access=max_walk)
            warn_off_network(feedback, catt, cfids, cname, max_walk)
            D = network.distances_within(catt, datt, reach).T.tocsr()
            if len(exy_ex):
                xatt = network.attach(exy_ex, max_access=max_walk)
                _, ex_dist = network.nearest(xatt, datt)
            else:
                ex_dist = np.full(len(dfids), np.inf)
        else:
            D = net.euclidean_within(cxy, dxy, reach).T.tocsr()
            ex_dist = net.euclidean_nearest(exy_ex, dxy)[1] if len(exy_ex) else np.full(len(dfids), np.inf)
        self.check_cancel(feedback)
        cover = D.copy()
        cover.data[cover.data > max_walk] = 0
        cover.eliminate_zeros()
        existing_cover = ex_dist <= max_walk
        reachable = (np.diff(cover.indptr) > 0) | existing_cover
        lost = ~reachable & (pop > 0)
        if lost.any():
            feedback.pushWarning(self.tr("Layer {layer}: {n} demand units ({people} people) are beyond {dist} m "
                                         "of every candidate and existing facility: {ids}.").format(
                layer=dname, n=int(lost.sum()), people=round(float(pop[lost].sum())), dist=round(max_walk),
                ids=_ids(dfids[lost])))
        conflicts = siting.conflict_pairs(cxy, spacing)
        feedback.pushInfo(self.tr("{n} demand units, {m} candidate sites, {pairs} pairs within reach.").format(
            n=len(dfids), m=len(cfids), pairs=cover.nnz))

        if model == siting.MCLP:
            result = siting.solve_mclp(cover, pop, k, existing_cover, conflicts, time_limit, gap_target=gap_target)
        elif model == siting.LSCP:
            result = siting.solve_lscp(cover, existing_cover, conflicts, time_limit)
            if not result.sites and not np.isfinite(result.objective):
                self.fail(self.tr("No set of candidate sites covers every reachable demand unit while keeping "
                                  "MIN_SPACING_M apart."))
        else:
            result = siting.solve_pmedian(D, pop, k, reach, ex_dist, conflicts, time_limit)
        self.check_cancel(feedback)
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
        sites = list(result.sites)
        # population each site adds, in rank order (coverage within MAX_WALK_M)
        w_open = np.where(existing_cover, 0.0, pop)
        if model == siting.PMEDIAN:  # keep the solver's order (by walking saved)
            order = sites
            added = _added_in_order(cover, w_open, order)
        else:
            order, added = siting.rank_sites(cover, w_open, sites)
        chosen_cover = np.asarray(cover[:, order].sum(axis=1)).ravel() > 0 if order else np.zeros(len(pop), bool)
        served = existing_cover | chosen_cover
        covered = float(pop[served].sum())
        total = float(pop.sum())

        # assignment: nearest of chosen (within reach) and existing
        Dc = D[:, order].tocsr() if order else sparse.csr_matrix((len(pop), 0))
        best_new = np.full(len(pop), np.inf)
        best_idx = np.full(len(pop), -1)
        if order:
            Dcoo = Dc.tocoo()
            srt = np.lexsort((Dcoo.data, Dcoo.row))
            r, c, d = Dcoo.row[srt], Dcoo.col[srt], Dcoo.data[srt]
            first = np.ones(len(r), dtype=bool)
            first[1:] = r[1:] != r[:-1]
            best_new[r[first]] = d[first]
            best_idx[r[first]] = c[first]

        rows_out = []
        for rank, (j, add) in enumerate(zip(order, added), start=1):
            assigned = (best_idx == rank - 1) & (best_new <= ex_dist) & (best_new <= max_walk)
            rows_out.append({"rank": rank, "candidate_fid": int(cfids[j]), "added_population": float(add),
                             "served_population": float(pop[assigned].sum()), "geometry": cpts[j]})
        cum = baseline = float(pop[existing_cover].sum())
        sfields_spec = [("rank", catalogue.INTEGER), ("candidate_fid", catalogue.INTEGER),
                        ("added_population", catalogue.REAL), ("cumulative_population", catalogue.REAL),
                        ("served_population", catalogue.REAL)] + self.site_extra_fields()
        sfields = make_fields(sfields_spec)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, sfields, QgsWkbTypes.Point, crs)
        if sink is None:
            self.fail(self.tr("The output layer could not be created."))
        extras = self.site_extra_values(parameters, context, rows_out)
        for row, ext in zip(rows_out, extras):
            cum += row["added_population"]
            sink.addFeature(make_feature(sfields, [row["rank"], row["candidate_fid"], row["added_population"], cum,
                                                   row["served_population"]] + list(ext), row["geometry"]),
                            QgsFeatureSink.Flag.FastInsert)

        dfields = make_fields([("demand_fid", catalogue.INTEGER), ("kind", catalogue.TEXT),
                               ("population", catalogue.REAL), ("site_kind", catalogue.TEXT),
                               ("site_fid", catalogue.INTEGER), ("site_rank", catalogue.INTEGER),
                               ("walk_m", catalogue.REAL), ("served", catalogue.BOOLEAN)])
        dsink, ddest = self.parameterAsSink(parameters, "DEMAND_OUTPUT", context, dfields,
                                            dem_source.wkbType(), crs)
        if dsink is None:
            self.fail(self.tr("The demand output layer could not be created."))
        ex_who = None
        if len(exy_ex):
            ex_who = (network.nearest(network.attach(exy_ex, max_access=max_walk), network.attach(dxy))[0]
                      if network is not None else net.euclidean_nearest(exy_ex, dxy)[0])
        for i in range(len(pop)):
            site_kind, site_fid, site_rank, walk = None, None, None, None
            if best_idx[i] >= 0 and best_new[i] < ex_dist[i]:
                site_kind, site_fid, site_rank, walk = "new", int(cfids[order[best_idx[i]]]), int(best_idx[i]) + 1, \
                    float(best_new[i])
            elif np.isfinite(ex_dist[i]) and ex_who is not None and ex_who[i] >= 0:
                site_kind, site_fid, walk = "existing", int(efid_ex[ex_who[i]]), float(ex_dist[i])
            geom = dgeoms[i]
            if geom is not None and kinds[i] == "poi" and dem_source.wkbType() != QgsWkbTypes.Point:
                geom = None  # points of interest cannot be written into a polygon layer
            dsink.addFeature(make_feature(dfields, [int(dfids[i]), kinds[i], float(pop[i]), site_kind, site_fid,
                                                    site_rank, round(walk, 2) if walk is not None else None,
                                                    bool(served[i])], geom), QgsFeatureSink.Flag.FastInsert)

        curve = siting.coverage_curve(cover, pop, min(curve_k, len(cfids)), existing_cover, conflicts)
        if model == siting.MCLP and len(order) == k and k < len(curve):
            # the curve is heuristic; at the chosen k the solver's proven figures are better
            curve[k] = (k, covered, baseline + float(result.best_bound))
        cfields = make_fields([("sites", catalogue.INTEGER), ("covered_population", catalogue.REAL),
                               ("upper_bound", catalogue.REAL), ("covered_pct", catalogue.REAL),
                               ("marginal_population", catalogue.REAL)])
        csink, cdest = self.parameterAsSink(parameters, "CURVE", context, cfields, QgsWkbTypes.NoGeometry, crs)
        if csink is None:
            self.fail(self.tr("The curve table could not be created."))
        prev = None
        for kk, value, bound in curve:
            csink.addFeature(make_feature(cfields, [kk, value, bound, round(100 * value / total, 3) if total else None,
                                                    None if prev is None else value - prev]),
                             QgsFeatureSink.Flag.FastInsert)
            prev = value

        feedback.pushInfo(self.tr("{n} new sites; population covered {covered} of {total} (existing sites alone: "
                                  "{base}). Objective {obj}, bound {bound}, gap {gap} %, optimal: {opt}; solved by "
                                  "{method}.").format(n=len(order), covered=round(covered), total=round(total),
                                                      base=round(baseline), obj=round(result.objective, 3),
                                                      bound=round(result.best_bound, 3),
                                                      gap=round(100 * result.gap, 4), opt=result.optimal,
                                                      method=result.method))
        return {"OUTPUT": dest, "DEMAND_OUTPUT": ddest, "CURVE": cdest, "COVERED_POPULATION": covered,
                "TOTAL_POPULATION": total, "OBJECTIVE": float(result.objective),
                "BEST_BOUND": float(result.best_bound), "GAP": float(result.gap), "OPTIMAL": bool(result.optimal),
                "SOLVED_BY": result.method}


def _added_in_order(cover, w, order):
    A = sparse.csc_matrix(cover)
    hit = np.zeros(A.shape[0], dtype=bool)
    out = []
    for j in order:
        rows = A.indices[A.indptr[j]:A.indptr[j + 1]]
        out.append(float(w[rows][~hit[rows]].sum()))
        hit[rows] = True
    return out
