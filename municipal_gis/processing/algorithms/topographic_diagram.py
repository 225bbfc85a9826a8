"""Topographic diagram (τοπογραφικό διάγραμμα) of a property or parcel, as a PDF: the algorithm.

It picks the feature, its neighbouring parcels and the streets near it; the layout and the PDF
are `municipal_gis.printing.topographic`.
"""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from municipal_gis.core.neighbours import neighbours
from municipal_gis.i18n import tr
from municipal_gis.printing.topographic import render
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.schema import vocabularies

STREET_DISTANCE_M = 30.0
LANGUAGES = ("el", "en")


class TopographicDiagramAlgorithm(MunicipalAlgorithm):
    ALGORITHM_ID = "topographic_diagram"
    ALWAYS_EGSA87 = True  # the diagram lists ΕΓΣΑ87 coordinates
    GROUP_ID = "property"
    CATALOGUE_LAYERS = {"INPUT": "municipal_property", "PARCELS": "parcel", "STREETS": "street"}

    INPUT = "INPUT"
    CODE = "CODE"
    PARCELS = "PARCELS"
    STREETS = "STREETS"
    LANGUAGE = "LANGUAGE"
    OUTPUT = "OUTPUT"
    PURPOSE, LEASE_CODE, MUNICIPALITY = "PURPOSE", "LEASE_CODE", "MUNICIPALITY"
    AUTHOR_NAME, AUTHOR_TITLE = "AUTHOR_NAME", "AUTHOR_TITLE"
    SCALE = "SCALE"
    AREA_M2 = "AREA_M2"

    def displayName(self):  # noqa: N802
        return tr("Topographic diagram (PDF)")

    def shortHelpString(self):  # noqa: N802
        return tr(
            "A topographic diagram of one property or parcel for a lease: the polygon with numbered vertices, "
            "a table of ΕΓΣΑ87 coordinates (X, Y) and side lengths, the area, the neighbouring parcels with "
            "their ΚΑΕΚ, the street names within 30 m, north arrow, grid and a scale between 1:200 and 1:1000 "
            "chosen to fit the sheet. Give the property code (or ΚΑΕΚ for a parcel layer), or run on a layer "
            "with one selected feature. Greek by default, English on request. The layout can be edited in "
            "resources/layouts/topographic_diagram.qpt."
        )

    def flags(self):
        # print layouts are rendered with fonts and a QPainter: keep it in the main thread
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, tr("Property or parcel layer"), polygon))
        self.addParameter(QgsProcessingParameterString(
            self.CODE, tr("Property code or ΚΑΕΚ (empty: the only feature)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PARCELS, tr("Parcels (neighbours)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.STREETS, tr("Streets"), [QgsProcessing.SourceType.TypeVectorLine], optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.LANGUAGE, tr("Document language"), [tr("Greek"), tr("English")], defaultValue=0))
        for name, label in (
                (self.PURPOSE, tr("Purpose (title block), e.g. lease of the property")),
                (self.LEASE_CODE, tr("Lease code (title block)")),
                (self.MUNICIPALITY, tr("Municipality and service (title block; empty: the project's letterhead)")),
                (self.AUTHOR_NAME, tr("Prepared by: engineer's name (empty: the user's setting)")),
                (self.AUTHOR_TITLE, tr("Prepared by: title, e.g. Surveying Engineer (empty: the user's setting)"))):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Topographic diagram"), tr("PDF files (*.pdf)")))
        self.addOutput(QgsProcessingOutputNumber(self.SCALE, tr("Scale denominator")))
        self.addOutput(QgsProcessingOutputNumber(self.AREA_M2, tr("Area (m²)")))

    def _pick(self, source, code, feedback):
        names = [f.name() for f in source.fields()]
        key = "property_code" if "property_code" in names else "kaek" if "kaek" in names else None
        layer = self.layer_name(source) or self.INPUT
        if key is None:
            self.fail(tr("Layer {layer}: field {field} is missing.").format(layer=layer, field="property_code / kaek"))
        wanted = [n for n in (key, "name", "kaek", "address", "ot_code") if n in names]
        wanted = list(dict.fromkeys(wanted))
        data = self.read_source(source, wanted, feedback)
        if code:
            matches = [i for i, v in enumerate(data.attributes[key]) if v is not None and str(v).strip() == code]
            if not matches:
                self.fail(tr("Layer {layer}: no feature with {field} = {code}.").format(layer=layer, field=key,
                                                                                         code=code))
        else:
            if len(data) != 1:
                self.fail(tr("Layer {layer} has {n} features: give the code, or select one feature and use "
                             "'Selected features only'.").format(layer=layer, n=len(data)))
            matches = [0]
        i = matches[0]
        geometry = data.geometries[i]
        if geometry is None or geometry.is_empty:
            self.fail(tr("Layer {layer}, feature {fid}: the feature has no geometry.").format(
                layer=layer, fid=int(data.fids[i])))
        attributes = {name: data.attributes[name][i] for name in wanted}
        attributes["_code"] = attributes[key]
        return geometry, attributes

    def _title_block(self, parameters, context) -> dict:
        """The title block and signature: the parameters, else what the certificate panel keeps (the
        project's letterhead, this user's name and title)."""
        from municipal_gis.printing.certificate import load_signatures

        saved = load_signatures(context.project())
        given = {name: (self.parameterAsString(parameters, name, context) or "").strip()
                 for name in (self.PURPOSE, self.LEASE_CODE, self.MUNICIPALITY, self.AUTHOR_NAME, self.AUTHOR_TITLE)}
        return {"municipality": given[self.MUNICIPALITY] or saved.header, "purpose": given[self.PURPOSE],
                "lease_code": given[self.LEASE_CODE], "author_name": given[self.AUTHOR_NAME] or saved.author_name,
                "author_title": given[self.AUTHOR_TITLE] or saved.author_title, "author_role": saved.author_role}

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        code = (self.parameterAsString(parameters, self.CODE, context) or "").strip()
        parcel_source = self.parameterAsSource(parameters, self.PARCELS, context)
        street_source = self.parameterAsSource(parameters, self.STREETS, context)
        language = LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        out_path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        geometry, attributes = self._pick(source, code, feedback)
        if not geometry.is_valid:
            self.fail(tr("Layer {layer}, feature {code}: the polygon is invalid ({reason}); repair it first.").format(
                layer=self.layer_name(source), code=attributes["_code"], reason=shapely.is_valid_reason(geometry)))

        neighbour_rows, neighbour_geoms = [], []
        if parcel_source is not None:
            names = [f.name() for f in parcel_source.fields()]
            if "kaek" not in names:
                self.fail(tr("Layer {layer}: field {field} is missing.").format(
                    layer=self.layer_name(parcel_source), field="kaek"))
            parcels = self.read_source(parcel_source, ["kaek"] + (["owner_type"] if "owner_type" in names else []),
                                       feedback)
            geoms = np.asarray([g if g is not None else shapely.Polygon() for g in parcels.geometries], dtype=object)
            for n in neighbours(geometry, geoms, 0.0):
                owner = parcels.attributes.get("owner_type", [None] * len(parcels))[n.index]
                neighbour_rows.append((parcels.attributes["kaek"][n.index] or "–",
                                       vocabularies.label("owner_type", owner, language) if owner else "–",
                                       n.shared_boundary_m))
                neighbour_geoms.append((geoms[n.index], parcels.attributes["kaek"][n.index] or ""))
        streets = []
        if street_source is not None:
            data = self.read_source(street_source, ["name"] if "name" in [f.name() for f in street_source.fields()] else [],
                                    feedback)
            reach = geometry.buffer(STREET_DISTANCE_M)
            for g, name in zip(data.geometries, data.attributes.get("name", [None] * len(data))):
                if g is not None and g.intersects(reach):
                    streets.append((g, name or ""))
        self.check_cancel(feedback)

        title_block = self._title_block(parameters, context)
        try:
            scale, area = render(out_path, geometry, attributes, neighbour_rows, neighbour_geoms, streets, language,
                                 title_block=title_block)
        except (RuntimeError, ValueError, OSError) as error:
            self.fail(tr("The topographic diagram could not be written to {path}: {error}").format(
                path=out_path, error=error))
        feedback.pushInfo(tr("Topographic diagram written at scale 1:{scale}.").format(scale=scale))
        return {self.OUTPUT: out_path, self.SCALE: scale, self.AREA_M2: area}
