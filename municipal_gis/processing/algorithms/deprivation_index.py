from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from municipal_gis.compat import FieldType
from municipal_gis.core import deprivation
from municipal_gis.core.values import EMPTY, check_number
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.qgisio.features import make_feature, read_source

DEFAULT_INDICATORS = (
    "unemployed/labour_force:+; low_education/adults_25_64:+; overcrowded_households/households:+; "
    "non_nationals/population:+; dwellings_pre_1980/dwellings:+"
)




class DeprivationIndex(MunicipalAlgorithm):
    ALGORITHM_ID = "deprivation_index"
    GROUP_ID = "regeneration"
    CATALOGUE_LAYERS = {"INPUT": "census_block"}

    def displayName(self):  # noqa: N802
        return self.tr("Deprivation index of census blocks")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Builds a composite deprivation index for census blocks from several indicators.\n\n"
            "INDICATORS lists the indicators separated by “;” (or commas or new lines). Each entry is a "
            "numeric field holding a rate or share (e.g. “unemployment_rate”), or a count and its base "
            "written “count_field/base_field” (e.g. “unemployed/labour_force”), followed by its direction: "
            "“:+” when a higher value means more deprivation (the default) or “:-” when it means less. "
            "Example: “unemployed/labour_force:+; low_education_share:+; households:-”.\n\n"
            "WEIGHTS gives one non-negative number per indicator in the same order (e.g. “2, 1, 1”); they "
            "are rescaled to sum to 1. Empty means equal weights.\n\n"
            "METHOD puts indicators on a common scale: z-score (mean 0, standard deviation 1), min-max "
            "(0 to 1) or percentile rank (0 to 1). Indicators where higher is better are reversed.\n\n"
            "SMOOTHING applies empirical-Bayes smoothing (Marshall 1991, global) to count/base indicators: "
            "rates of blocks with few residents are pulled toward the overall rate, so that a block with 3 "
            "people does not top the list by chance. Without it a count/base rate needs a non-zero base.\n\n"
            "Output fields: dep_index (sum of the contributions), dep_rank (1 = most deprived), dep_decile "
            "(10 = the most deprived tenth), and one contrib_<field> per indicator (its weight times its "
            "scaled score).\n\n"
            "SENSITIVITY_RUNS > 0 redraws the weights that many times at random (Dirichlet distribution "
            "centred on WEIGHTS; uniform over all weightings for equal weights) and adds p_top_decile: the "
            "share of runs in which the block is in the top decile. Blocks near 1 are deprived whatever the "
            "weights. SEED makes the runs reproducible.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INPUT", self.tr("Census blocks"), [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterString(
            "INDICATORS", self.tr("Indicators (field or count/base, with direction :+ or :-)"),
            defaultValue=DEFAULT_INDICATORS, multiLine=True))
        self.addParameter(QgsProcessingParameterString(
            "WEIGHTS", self.tr("Weights (one per indicator; empty for equal weights)"), defaultValue="",
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "METHOD", self.tr("Scaling method"),
            options=[self.tr("z-score"), self.tr("min-max"), self.tr("percentile rank")], defaultValue=0))
        self.addParameter(QgsProcessingParameterBoolean(
            "SMOOTHING", self.tr("Empirical-Bayes smoothing of count/base rates"), defaultValue=True))
        self.addParameter(QgsProcessingParameterNumber(
            "SENSITIVITY_RUNS", self.tr("Sensitivity analysis: random weight draws (0 = off)"),
            type=QgsProcessingParameterNumber.Type.Integer, defaultValue=0, minValue=0, maxValue=100000))
        self.addParameter(QgsProcessingParameterNumber(
            "SEED", self.tr("Random seed"), type=QgsProcessingParameterNumber.Type.Integer,
            defaultValue=1, minValue=0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Deprivation index"), QgsProcessing.SourceType.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            self.fail(self.tr("The census blocks layer could not be read."))
        layer_name = self.layer_name(source)
        text = self.parameterAsString(parameters, "INDICATORS", context)
        try:
            indicators = deprivation.parse_indicators(text)
        except deprivation.IndicatorSpecError as exc:
            self.fail(self.tr("Indicator “{entry}” is not understood: write a field name or count/base, "
                              "optionally followed by :+ or :-.").format(entry=exc.entry))
        if not indicators:
            self.fail(self.tr("Give at least one indicator."))
        names = [ind.name for ind in indicators]
        if len(set(names)) != len(names):
            self.fail(self.tr("An indicator is listed twice."))
        try:
            weights = deprivation.parse_weights(self.parameterAsString(parameters, "WEIGHTS", context),
                                                len(indicators))
        except ValueError:
            self.fail(self.tr("WEIGHTS must be {count} non-negative numbers, one per indicator, with a "
                              "positive sum.").format(count=len(indicators)))
        method = self.parameterAsEnum(parameters, "METHOD", context)
        smoothing = self.parameterAsBoolean(parameters, "SMOOTHING", context)
        runs = self.parameterAsInt(parameters, "SENSITIVITY_RUNS", context)
        seed = self.parameterAsInt(parameters, "SEED", context)

        available = source.fields().names()
        needed = []
        for ind in indicators:
            for name in ind.fields:
                if name not in available:
                    self.fail(self.tr("Layer {layer}: field {field} does not exist.").format(
                        layer=layer_name, field=name))
                if not source.fields().field(name).isNumeric():
                    self.fail(self.tr("Layer {layer}: field {field} is not numeric.").format(
                        layer=layer_name, field=name))
                if name not in needed:
                    needed.append(name)
        data = read_source(source, None, feedback)
        self.check_cancel(feedback)
        if len(data) < 2:
            self.fail(self.tr("Layer {layer} needs at least two census blocks.").format(layer=layer_name))
        columns = {}
        for name in needed:
            values = []
            for fid, raw in zip(data.fids, data.attributes[name]):
                value, reason = check_number(raw)
                if reason not in (None, EMPTY):  # NaN, inf, 1e300: named, never turned into a NaN index
                    self.fail(self.tr("Layer {layer}, feature {fid}, field {field}: {value} {problem}.").format(
                        layer=layer_name, fid=int(fid), field=name, value=repr(raw),
                        problem=self.number_problem(reason)))
                values.append(value)
            for fid, value in zip(data.fids, values):
                if value is None:
                    self.fail(self.tr("Layer {layer}, feature {fid}, field {field}: the value is missing.")
                              .format(layer=layer_name, fid=int(fid), field=name))
                if value < 0:
                    self.fail(self.tr("Layer {layer}, feature {fid}, field {field}: the value is negative.")
                              .format(layer=layer_name, fid=int(fid), field=name))
            columns[name] = np.array(values)
        for ind in indicators:
            if ind.base is None:
                continue
            c, b = columns[ind.field], columns[ind.base]
            for k in np.flatnonzero(c > b):
                self.fail(self.tr("Layer {layer}, feature {fid}: {count} ({cvalue}) is larger than its base "
                                  "{base} ({bvalue}).").format(layer=layer_name, fid=int(data.fids[k]),
                                                               count=ind.field, cvalue=c[k], base=ind.base,
                                                               bvalue=b[k]))
            if not smoothing:
                for k in np.flatnonzero(b <= 0):
                    self.fail(self.tr("Layer {layer}, feature {fid}, field {field}: the base is zero, so the "
                                      "rate is undefined; turn on smoothing or use a rate field.")
                              .format(layer=layer_name, fid=int(data.fids[k]), field=ind.base))
            elif b.sum() <= 0:
                self.fail(self.tr("Layer {layer}, field {field}: every base is zero.").format(
                    layer=layer_name, field=ind.base))

        values = deprivation.indicator_values(columns, indicators, smoothing)
        result = deprivation.deprivation_index(values, [i.direction for i in indicators], weights, method,
                                               sensitivity_runs=runs, seed=seed)
        self.check_cancel(feedback)

        new_fields = [("dep_index", FieldType.Double), ("dep_rank", FieldType.LongLong),
                      ("dep_decile", FieldType.LongLong)]
        new_fields += [(f"contrib_{name}", FieldType.Double) for name in names]
        if runs > 0:
            new_fields.append(("p_top_decile", FieldType.Double))
        new_names = {n for n, _ in new_fields}
        fields = QgsFields()
        kept = []
        for fld in source.fields():
            if fld.name() not in new_names:
                fields.append(fld)
                kept.append(fld.name())
        for name, type_ in new_fields:
            fields.append(QgsField(name, type_))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(),
                                          source.sourceCrs())
        if sink is None:
            self.fail(self.tr("The output layer could not be created."))
        for k in range(len(data)):
            row = [data.attributes[name][k] for name in kept]
            row += [float(result.index[k]), int(result.rank[k]), int(result.decile[k])]
            row += [float(v) for v in result.contributions[k]]
            if runs > 0:
                row.append(float(result.p_top_decile[k]))
            sink.addFeature(make_feature(fields, row, data.geometries[k]), QgsFeatureSink.Flag.FastInsert)
        feedback.pushInfo(self.tr("{n} blocks indexed; weights: {weights}.").format(
            n=len(data), weights=", ".join(f"{nm} {w:.3f}" for nm, w in zip(names, result.weights))))
        return {"OUTPUT": dest}
