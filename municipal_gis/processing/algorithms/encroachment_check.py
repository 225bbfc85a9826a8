"""Encroached pieces of municipal property and the arbitrary-use fee for a period."""

from __future__ import annotations

import shapely
from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from municipal_gis.core.encroachment import encroached_pieces, fee_eur, period_days
from municipal_gis.i18n import tr
from municipal_gis.processing.algorithms.lease_status import parse_date
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue

T, N, R, D = catalogue.TEXT, catalogue.INTEGER, catalogue.REAL, catalogue.DATE

PIECE_FIELDS = [
    ("property_code", T), ("occupied_fid", N), ("neighbour_kaek", T), ("area_m2", R), ("rate_eur_m2_year", R),
    ("period_start", D), ("period_end", D), ("days", N), ("fee_eur", R), ("status", T),
]


class EncroachmentCheckAlgorithm(MunicipalAlgorithm):
    ALGORITHM_ID = "encroachment_check"
    GROUP_ID = "property"
    CATALOGUE_LAYERS = {"PROPERTIES": "municipal_property", "PARCELS": "parcel"}

    PROPERTIES = "PROPERTIES"
    OCCUPIED = "OCCUPIED"
    PARCELS = "PARCELS"
    RATE_EUR_M2_YEAR = "RATE_EUR_M2_YEAR"
    PERIOD_START = "PERIOD_START"
    PERIOD_END = "PERIOD_END"
    TOLERANCE_M2 = "TOLERANCE_M2"
    OUTPUT = "OUTPUT"
    OUTPUT_NOISE = "OUTPUT_NOISE"

    def displayName(self):  # noqa: N802
        return tr("Encroachment check and arbitrary-use fee")

    def shortHelpString(self):  # noqa: N802
        return tr(
            "Compares municipal property with what is actually occupied: surveyed occupation polygons, fences "
            "closed into polygons, or private parcels. Each piece of municipal land inside an occupied polygon "
            "is output with its area, the ΚΑΕΚ of the neighbouring parcel (from the occupied layer's kaek "
            "field, else from the parcel layer) and the fee for the period: area × rate (€/m² per year) × "
            "days / 365, counting both the first and the last day. Occupied features whose owner_type is "
            "municipal are ignored. Pieces smaller than the tolerance are digitising noise and go to a "
            "separate output."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.PROPERTIES, tr("Municipal property"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.OCCUPIED, tr("Occupied land (occupation survey, fences or private parcels)"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PARCELS, tr("Parcels (to name the neighbouring ΚΑΕΚ)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.RATE_EUR_M2_YEAR, tr("Fee rate (€ per m² per year)"), QgsProcessingParameterNumber.Type.Double,
            0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterDateTime(
            self.PERIOD_START, tr("Fee period start"), type=QgsProcessingParameterDateTime.Type.Date))
        self.addParameter(QgsProcessingParameterDateTime(
            self.PERIOD_END, tr("Fee period end (inclusive)"), type=QgsProcessingParameterDateTime.Type.Date))
        self.addParameter(QgsProcessingParameterNumber(
            self.TOLERANCE_M2, tr("Noise tolerance (m²)"), QgsProcessingParameterNumber.Type.Double, 0.5,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Encroached pieces"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_NOISE, tr("Pieces below the tolerance (digitising noise)"),
            QgsProcessing.SourceType.TypeVectorPolygon, optional=True, createByDefault=True))

    def _date(self, parameters, name, context):
        value = self.parameterAsDateTime(parameters, name, context)
        if value.isValid():
            return value.date().toPyDate()
        try:
            parsed = parse_date(parameters.get(name))
        except ValueError:
            parsed = None
        if parsed is None:
            self.fail(tr("Parameter {parameter}: {value!r} is not a date (use YYYY-MM-DD).").format(
                parameter=name, value=parameters.get(name)))
        return parsed

    def _read(self, source, name, fields, feedback):
        try:
            return self.read_source(source, fields, feedback)
        except KeyError as missing:
            self.fail(tr("Layer {layer}: field {field} is missing.").format(layer=name, field=missing.args[0]))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        properties = self.parameterAsSource(parameters, self.PROPERTIES, context)
        occupied_source = self.parameterAsSource(parameters, self.OCCUPIED, context)
        parcel_source = self.parameterAsSource(parameters, self.PARCELS, context)
        rate = self.parameterAsDouble(parameters, self.RATE_EUR_M2_YEAR, context)
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE_M2, context)
        start = self._date(parameters, self.PERIOD_START, context)
        end = self._date(parameters, self.PERIOD_END, context)
        if end < start:
            self.fail(tr("The fee period ends ({end}) before it starts ({start}).").format(
                end=end.isoformat(), start=start.isoformat()))
        days = period_days(start, end)

        props = self._read(properties, self.layer_name(properties) or self.PROPERTIES, ["property_code"], feedback)
        names = [f.name() for f in occupied_source.fields()]
        occ_fields = [n for n in ("kaek", "owner_type") if n in names]
        occupied = self._read(occupied_source, self.layer_name(occupied_source) or self.OCCUPIED, occ_fields, feedback)
        self.check_cancel(feedback)
        occ_geoms = list(occupied.geometries)
        if "owner_type" in occ_fields:
            occ_geoms = [None if owner == "municipal" else g
                         for g, owner in zip(occ_geoms, occupied.attributes["owner_type"])]
        occ_kaek = occupied.attributes.get("kaek")
        parcels = parcel_kaek = None
        if parcel_source is not None:
            parcel_data = self._read(parcel_source, self.layer_name(parcel_source) or self.PARCELS,
                                     ["kaek", "owner_type"], feedback)
            parcels = [None if owner == "municipal" else g
                       for g, owner in zip(parcel_data.geometries, parcel_data.attributes["owner_type"])]
            parcel_kaek = parcel_data.attributes["kaek"]
        feedback.setProgress(30)

        # invalid geometries would make GEOS fail: repair copies, never the inputs
        municipal = [shapely.make_valid(g) if g is not None and not g.is_valid else g for g in props.geometries]
        occ_geoms = [shapely.make_valid(g) if g is not None and not g.is_valid else g for g in occ_geoms]
        pieces = encroached_pieces(municipal, occ_geoms, occupied_kaek=occ_kaek, parcels=parcels,
                                   parcel_kaek=parcel_kaek, tolerance_m2=tolerance)
        self.check_cancel(feedback)
        feedback.setProgress(80)

        fields = make_fields(PIECE_FIELDS)
        crs = self.working_crs()
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.MultiPolygon, crs)
        noise_sink, noise_dest = self.parameterAsSink(parameters, self.OUTPUT_NOISE, context, fields,
                                                      QgsWkbTypes.Type.MultiPolygon, crs)
        total_area = total_fee = 0.0
        real = 0
        for piece in pieces:
            fee = fee_eur(piece.area_m2, rate, start, end)
            values = {
                "property_code": props.attributes["property_code"][piece.property_index],
                "occupied_fid": int(occupied.fids[piece.occupied_index]), "neighbour_kaek": piece.neighbour_kaek,
                "area_m2": round(piece.area_m2, 4), "rate_eur_m2_year": rate, "period_start": start,
                "period_end": end, "days": days, "fee_eur": fee, "status": "detected",
            }
            geometry = shapely.MultiPolygon([piece.geometry])
            (noise_sink if piece.noise else sink).addFeature(make_feature(fields, values, geometry),
                                                             QgsFeatureSink.Flag.FastInsert)
            if not piece.noise:
                real += 1
                total_area += piece.area_m2
                total_fee += fee
        feedback.pushInfo(tr("{n} encroached pieces, {area} m² in total, fee {fee} € for {days} days; "
                             "{noise} pieces below the tolerance.").format(
            n=real, area=f"{total_area:.2f}", fee=f"{total_fee:.2f}", days=days, noise=len(pieces) - real))
        return {self.OUTPUT: dest, self.OUTPUT_NOISE: noise_dest}
