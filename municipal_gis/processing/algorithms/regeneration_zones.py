from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from municipal_gis.compat import FieldType
from municipal_gis.core import hotspots, spatial_weights, zones
from municipal_gis.core.values import EMPTY, check_number
from municipal_gis.i18n import tr
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.qgisio.features import make_feature


def _cluster_labels():
    return {
        hotspots.HOT_SPOT: tr("Hot spot"),
        hotspots.COLD_SPOT: tr("Cold spot"),
        hotspots.HIGH_LOW: tr("High-low outlier"),
        hotspots.LOW_HIGH: tr("Low-high outlier"),
        hotspots.NOT_SIGNIFICANT: tr("Not significant"),
        hotspots.NO_NEIGHBOURS: tr("No neighbours"),
    }




def _nullable(value):
    return None if value is None or not np.isfinite(value) else float(value)


class RegenerationZones(MunicipalAlgorithm):
    ALGORITHM_ID = "regeneration_zones"
    GROUP_ID = "regeneration"
    CATALOGUE_LAYERS = {"INPUT": "census_block", "PROJECTS": "programme_project"}

    def displayName(self):  # noqa: N802
        return self.tr("Hot spots and regeneration zones")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Finds statistically significant clusters of deprivation among census blocks and merges "
            "contiguous hot-spot blocks into candidate regeneration (intervention) zones.\n\n"
            "For every block: gi_z, the Getis-Ord Gi* z-score (Ord and Getis 1995; binary weights, the "
            "block itself included); local_moran_i and moran_z, local Moran's I with row-standardised "
            "weights and its conditional-randomisation z-score; gi_p and moran_p, two-sided pseudo p-values "
            "from PERMUTATIONS conditional permutations (normal p-values of the z-scores when PERMUTATIONS "
            "is 0); gi_p_fdr and moran_p_fdr, the same adjusted with the Benjamini–Hochberg false discovery "
            "rate when FDR is on (else equal to the raw values); cluster: hot spot or cold spot where Gi* is "
            "significant at ALPHA (z above or below 0), otherwise a high-low or low-high outlier where local "
            "Moran's I is significant and negative, otherwise not significant; zone_id.\n\n"
            "NEIGHBOURS: 0 queen contiguity (a shared boundary vertex), 1 rook contiguity (a shared edge), "
            "2 centroids within DISTANCE_M metres. Contiguity needs blocks that share their vertices exactly. "
            "Blocks without neighbours are reported, get the class “no neighbours” and no statistics, and "
            "are left out of the FDR correction.\n\n"
            "OUTPUT_ZONES: hot-spot blocks connected through the contiguity graph (rook when NEIGHBOURS is "
            "rook, otherwise queen) dissolved into one polygon each, with population (POPULATION_FIELD), "
            "area, mean value, and the list of blocks (ID_FIELD). A zone below MIN_POPULATION or MIN_AREA "
            "(m²) is joined to another zone when one block touches both (that block is added and listed as a "
            "bridge); zones still below the minimums are dropped and reported.\n\n"
            "PROJECTS (optional, e.g. the technical-programme projects layer with project_code, title, "
            "budget_eur): each zone lists the projects whose point on surface lies in it and their total "
            "budget; OUTPUT_PROJECTS says for each project its zone and the share of its area in zones. "
            "With CATCHMENTS (the catchments output of Walking coverage, run on facilities that carry "
            "project_code), catchment_served_pct is the share of the project's zone population living in blocks "
            "inside the catchments of the project's facilities.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INPUT", self.tr("Census blocks"), [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            "VALUE_FIELD", self.tr("Value to analyse"), defaultValue="dep_index", parentLayerParameterName="INPUT",
            type=QgsProcessingParameterField.DataType.Numeric, optional=True))  # optional: see processAlgorithm
        self.addParameter(QgsProcessingParameterEnum(
            "NEIGHBOURS", self.tr("Neighbours"),
            options=[self.tr("Queen contiguity"), self.tr("Rook contiguity"), self.tr("Distance band")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "DISTANCE_M", self.tr("Distance band (m)"), type=QgsProcessingParameterNumber.Type.Double,
            defaultValue=500.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "PERMUTATIONS", self.tr("Permutations (0 = analytic p-values)"),
            type=QgsProcessingParameterNumber.Type.Integer, defaultValue=999, minValue=0, maxValue=99999))
        self.addParameter(QgsProcessingParameterNumber(
            "ALPHA", self.tr("Significance level"), type=QgsProcessingParameterNumber.Type.Double,
            defaultValue=0.05, minValue=0.0, maxValue=1.0))
        self.addParameter(QgsProcessingParameterBoolean(
            "FDR", self.tr("False discovery rate correction (Benjamini–Hochberg)"), defaultValue=True))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_POPULATION", self.tr("Minimum zone population"), type=QgsProcessingParameterNumber.Type.Double,
            defaultValue=0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_AREA", self.tr("Minimum zone area (m²)"), type=QgsProcessingParameterNumber.Type.Double,
            defaultValue=0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterField(
            "POPULATION_FIELD", self.tr("Population field"), defaultValue="population",
            parentLayerParameterName="INPUT", type=QgsProcessingParameterField.DataType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterField(
            "ID_FIELD", self.tr("Block identifier field"), defaultValue="block_code",
            parentLayerParameterName="INPUT", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PROJECTS", self.tr("Technical-programme projects"), [QgsProcessing.SourceType.TypeVectorAnyGeometry],
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "CATCHMENTS", self.tr("Catchments of the projects' facilities (from Walking coverage)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "SEED", self.tr("Random seed"), type=QgsProcessingParameterNumber.Type.Integer,
            defaultValue=1, minValue=0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Hot spots"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_ZONES", self.tr("Regeneration zones"), QgsProcessing.SourceType.TypeVectorPolygon, optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_PROJECTS", self.tr("Projects and zones"), QgsProcessing.SourceType.TypeVectorAnyGeometry,
            optional=True, createByDefault=False))

    # -- reading -------------------------------------------------------------------------------
    def _numbers(self, data, field, layer_name, allow_missing=False):
        values = []
        for fid, raw in zip(data.fids, data.attributes[field]):
            value, reason = check_number(raw)
            if reason not in (None, EMPTY):
                self.fail(self.tr("Layer {layer}, feature {fid}, field {field}: {value} {problem}.").format(
                    layer=layer_name, fid=int(fid), field=field, value=repr(raw), problem=self.number_problem(reason)))
            if value is None:
                if allow_missing:
                    value = 0.0
                else:
                    self.fail(self.tr("Layer {layer}, feature {fid}, field {field}: the value is missing.")
                              .format(layer=layer_name, fid=int(fid), field=field))
            values.append(value)
        return np.array(values, dtype=np.float64)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            self.fail(self.tr("The census blocks layer could not be read."))
        layer_name = self.layer_name(source)
        crs = self.working_crs()  # every layer is read in it (ΕΓΣΑ87 unless the blocks are metric)
        names = source.fields().names()
        chosen = {}
        # field parameters are optional with defaults (QGIS 3.22 rejects a missing value even when
        # it has a default); a default that the layer lacks means "not given"
        for key in ("VALUE_FIELD", "POPULATION_FIELD", "ID_FIELD"):
            name = self.parameterAsString(parameters, key, context)
            if name and name not in names:
                if parameters.get(key) is not None:
                    self.fail(self.tr("Layer {layer}: field {field} does not exist.").format(
                        layer=layer_name, field=name))
                name = ""
            chosen[key] = name
        value_field, pop_field, id_field = chosen["VALUE_FIELD"], chosen["POPULATION_FIELD"], chosen["ID_FIELD"]
        if not value_field:
            self.fail(self.tr("Layer {layer} has no field dep_index: choose the value to analyse (VALUE_FIELD).")
                      .format(layer=layer_name))
        kind = self.parameterAsEnum(parameters, "NEIGHBOURS", context)
        distance = self.parameterAsDouble(parameters, "DISTANCE_M", context)
        permutations = self.parameterAsInt(parameters, "PERMUTATIONS", context)
        alpha = self.parameterAsDouble(parameters, "ALPHA", context)
        fdr = self.parameterAsBoolean(parameters, "FDR", context)
        min_pop = self.parameterAsDouble(parameters, "MIN_POPULATION", context)
        min_area = self.parameterAsDouble(parameters, "MIN_AREA", context)
        seed = self.parameterAsInt(parameters, "SEED", context)
        if kind == spatial_weights.DISTANCE_BAND and distance <= 0:
            self.fail(self.tr("A distance band needs DISTANCE_M greater than 0."))
        if min_pop > 0 and not pop_field:
            self.fail(self.tr("MIN_POPULATION needs a population field."))

        feedback.setProgressText(self.tr("Reading census blocks"))
        source.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)  # repaired below
        data = self.read_source(source, None, feedback)
        self.check_cancel(feedback)
        n = len(data)
        if n < 3:
            self.fail(self.tr("Layer {layer} needs at least three census blocks.").format(layer=layer_name))
        for fid, geom in zip(data.fids, data.geometries):
            if geom is None or geom.is_empty:
                self.fail(self.tr("Layer {layer}, feature {fid}: the geometry is missing.").format(
                    layer=layer_name, fid=int(fid)))
        # a bow-tie block is invalid geometry, said so by name, not a block "without neighbours"
        data.geometries = self.repaired(data, layer_name, feedback)
        y = self._numbers(data, value_field, layer_name)
        population = self._numbers(data, pop_field, layer_name, allow_missing=True) if pop_field else np.zeros(n)
        block_ids = ([str(v) if v is not None else str(int(f)) for v, f in zip(data.attributes[id_field], data.fids)]
                     if id_field else [str(int(f)) for f in data.fids])

        feedback.setProgressText(self.tr("Building spatial weights"))
        w = spatial_weights.build(data.geometries, kind, distance)
        contiguity = w if kind in (spatial_weights.QUEEN, spatial_weights.ROOK) else spatial_weights.queen(
            data.geometries)
        islands = spatial_weights.islands(w)
        if len(islands):
            feedback.pushWarning(self.tr("{count} blocks have no neighbours and are left out of the statistics: "
                                         "{blocks}").format(count=len(islands),
                                                            blocks=", ".join(block_ids[i] for i in islands[:50])))
        if len(islands) > n - 3:
            self.fail(self.tr("Layer {layer}: almost no block has a neighbour; check that the blocks share their "
                              "boundaries, or use a distance band.").format(layer=layer_name))
        self.check_cancel(feedback)

        feedback.setProgressText(self.tr("Computing Gi* and local Moran's I"))
        stats = hotspots.local_statistics(y, w, permutations=permutations, alpha=alpha, fdr=fdr, seed=seed)
        self.check_cancel(feedback)
        hot = stats.cluster == hotspots.HOT_SPOT
        result = zones.delineate(data.geometries, hot, contiguity, population, y, min_pop, min_area)
        for piece in result.dropped:
            feedback.pushInfo(self.tr("Hot-spot blocks below the zone minimums, not made a zone: {blocks}").format(
                blocks=", ".join(block_ids[i] for i in piece)))

        project_rows, zone_projects = self._projects(parameters, context, crs, result, feedback,
                                                     data.geometries, population)

        # -- per-block output ------------------------------------------------------------------
        labels = _cluster_labels()
        new = [("n_neighbours", FieldType.LongLong), ("gi_z", FieldType.Double), ("gi_p", FieldType.Double),
               ("gi_p_fdr", FieldType.Double), ("local_moran_i", FieldType.Double), ("moran_z", FieldType.Double),
               ("moran_p", FieldType.Double), ("moran_p_fdr", FieldType.Double), ("cluster", FieldType.String),
               ("cluster_label", FieldType.String), ("zone_id", FieldType.LongLong)]
        new_names = {nm for nm, _ in new}
        fields, kept = QgsFields(), []
        for fld in source.fields():
            if fld.name() not in new_names:
                fields.append(fld)
                kept.append(fld.name())
        for nm, type_ in new:
            fields.append(QgsField(nm, type_))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(), crs)
        if sink is None:
            self.fail(self.tr("The output layer could not be created."))
        for k in range(n):
            row = [data.attributes[nm][k] for nm in kept]
            zone_id = int(result.zone_of_block[k])
            row += [int(stats.cardinality[k]), _nullable(stats.gi_z[k]), _nullable(stats.gi_p[k]),
                    _nullable(stats.gi_q[k]), _nullable(stats.moran_i[k]), _nullable(stats.moran_z[k]),
                    _nullable(stats.moran_p[k]), _nullable(stats.moran_q[k]), stats.cluster[k],
                    labels[stats.cluster[k]], zone_id or None]
            sink.addFeature(make_feature(fields, row, data.geometries[k]), QgsFeatureSink.Flag.FastInsert)

        # -- zones ------------------------------------------------------------------------------
        zfields = QgsFields()
        for nm, type_ in [("zone_id", FieldType.LongLong), ("n_blocks", FieldType.LongLong),
                          ("population", FieldType.Double), ("area_m2", FieldType.Double),
                          ("mean_value", FieldType.Double), ("blocks", FieldType.String),
                          ("bridge_blocks", FieldType.String), ("n_projects", FieldType.LongLong),
                          ("project_codes", FieldType.String), ("projects_budget_eur", FieldType.Double)]:
            zfields.append(QgsField(nm, type_))
        zsink, zdest = self.parameterAsSink(parameters, "OUTPUT_ZONES", context, zfields,
                                            QgsWkbTypes.Type.MultiPolygon, crs)
        if zsink is None:
            self.fail(self.tr("The zones layer could not be created."))
        for number, zone in enumerate(result.zones, start=1):
            codes, budget = zone_projects.get(number, ([], 0.0))
            row = [number, len(zone.blocks), zone.population, zone.area_m2, zone.mean_value,
                   ", ".join(block_ids[i] for i in zone.blocks), ", ".join(block_ids[i] for i in zone.bridges),
                   len(codes), ", ".join(codes), budget if project_rows is not None else None]
            zsink.addFeature(make_feature(zfields, row, zone.geometry), QgsFeatureSink.Flag.FastInsert)

        outputs = {"OUTPUT": dest, "OUTPUT_ZONES": zdest}
        if project_rows is not None and parameters.get("OUTPUT_PROJECTS") is not None:
            pfields, wkb_type, rows = project_rows
            psink, pdest = self.parameterAsSink(parameters, "OUTPUT_PROJECTS", context, pfields, wkb_type, crs)
            if psink is not None:
                for row, geom in rows:
                    psink.addFeature(make_feature(pfields, row, geom), QgsFeatureSink.Flag.FastInsert)
                outputs["OUTPUT_PROJECTS"] = pdest
        counts = {c: int((stats.cluster == c).sum()) for c in hotspots.CLUSTER_CLASSES}
        feedback.pushInfo(self.tr("{hot} hot-spot blocks, {cold} cold-spot blocks, {zones} zones.").format(
            hot=counts[hotspots.HOT_SPOT], cold=counts[hotspots.COLD_SPOT], zones=len(result.zones)))
        return outputs

    def _catchments(self, parameters, context, crs, feedback) -> dict:
        """{project code: union of its facilities' catchments} from the optional CATCHMENTS layer."""
        source = self.parameterAsSource(parameters, "CATCHMENTS", context)
        if source is None:
            return {}
        if "project_code" not in source.fields().names():
            self.fail(self.tr("Layer {layer}: field {field} does not exist.").format(
                layer=self.layer_name(source), field="project_code"))
        cdata = self.read_source(source, ["project_code"], feedback)
        pieces: dict[str, list] = {}
        for code, geom in zip(cdata.attributes["project_code"], cdata.geometries):
            if code and geom is not None:
                pieces.setdefault(str(code), []).append(geom)
        return {code: shapely.union_all(geoms) for code, geoms in pieces.items()}

    def _projects(self, parameters, context, crs, result, feedback, block_geometries, population):
        """Projects per zone; rows of the optional per-project table."""
        projects = self.parameterAsSource(parameters, "PROJECTS", context)
        if projects is None:
            return None, {}
        pname = self.layer_name(projects)
        available = projects.fields().names()
        if "project_code" not in available:
            self.fail(self.tr("Layer {layer}: field {field} does not exist.").format(layer=pname, field="project_code"))
        wanted = [f for f in ("project_code", "title", "budget_eur") if f in available]
        pdata = self.read_source(projects, wanted, feedback)
        zone_of, share = zones.locate_projects(pdata.geometries, result.zones)
        catchments = self._catchments(parameters, context, crs, feedback)
        served = zones.catchment_shares(zone_of, [str(c) for c in pdata.attributes["project_code"]], result.zones,
                                        block_geometries, population, catchments)
        per_zone: dict[int, tuple[list, float]] = {}
        rows = []
        for k in range(len(pdata)):
            code = pdata.attributes["project_code"][k]
            title = pdata.attributes["title"][k] if "title" in wanted else None
            budget = check_number(pdata.attributes["budget_eur"][k])[0] if "budget_eur" in wanted else None
            z = int(zone_of[k])
            if z:
                codes, total = per_zone.get(z, ([], 0.0))
                codes.append(str(code))
                per_zone[z] = (codes, total + (budget or 0.0))
            served_pct = None if np.isnan(served[k]) else round(100.0 * float(served[k]), 2)
            rows.append(([code, title, budget, z or None, bool(z), float(share[k]), served_pct], pdata.geometries[k]))
        pfields = QgsFields()
        for nm, type_ in [("project_code", FieldType.String), ("title", FieldType.String),
                          ("budget_eur", FieldType.Double), ("zone_id", FieldType.LongLong),
                          ("in_zone", FieldType.Bool), ("share_in_zones", FieldType.Double),
                          ("catchment_served_pct", FieldType.Double)]:
            pfields.append(QgsField(nm, type_))
        wkb_type = projects.wkbType()
        feedback.pushInfo(self.tr("{inside} of {total} projects lie in a zone.").format(
            inside=int((zone_of > 0).sum()), total=len(pdata)))
        return (pfields, wkb_type, rows), per_zone
