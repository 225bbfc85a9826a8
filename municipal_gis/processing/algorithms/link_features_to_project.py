from __future__ import annotations

import shapely
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from municipal_gis.core.programme_summary import intersecting
from municipal_gis.layers.database import DatabaseError, open_database
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters
from municipal_gis.qgisio.features import feature_fid, to_qgs_geometry
from municipal_gis.schema import catalogue


class LinkFeaturesToProject(MunicipalAlgorithm):
    ALGORITHM_ID = "link_features_to_project"
    GROUP_ID = "programme"
    # parameter names (frozen once released)
    LAYER = "LAYER"
    PROJECT_CODE = "PROJECT_CODE"
    FOOTPRINT = "FOOTPRINT"
    SELECTED_ONLY = "SELECTED_ONLY"
    DATABASE = "DATABASE"
    SET_FOOTPRINT = "SET_FOOTPRINT"
    # output names
    LINKED = "LINKED"
    FIDS = "FIDS"
    DATABASE_PARAMETERS = (DATABASE,)

    def displayName(self):  # noqa: N802
        return self.tr("Link features to a programme project")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Sets project_code on features of LAYER: on its selected features, or on every feature that "
            "intersects a drawn FOOTPRINT (a polygon layer; its selected features only, if any are selected). "
            "LAYER is edited: this is the purpose of the algorithm.\n\n"
            "With a DATABASE, the project code must exist among its technical-programme projects, and "
            "SET_FOOTPRINT also stores the footprint as the project's own location.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.LAYER, self.tr("Layer whose features to link"), [QgsProcessing.SourceType.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterString(self.PROJECT_CODE, self.tr("Project code")))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FOOTPRINT, self.tr("Footprint (features of LAYER that intersect it)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.SELECTED_ONLY, self.tr("Link the selected features of LAYER (when no footprint is given)"),
            defaultValue=True))
        add_database_parameters(self, self.DATABASE, self.tr("Municipal database (to check the project code)"),
                                optional=True)
        self.addParameter(QgsProcessingParameterBoolean(
            self.SET_FOOTPRINT, self.tr("Store the footprint as the project's location"), defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber(self.LINKED, self.tr("Features linked")))
        self.addOutput(QgsProcessingOutputString(self.FIDS, self.tr("Feature ids linked")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        layer = self.parameterAsVectorLayer(parameters, self.LAYER, context)
        code = (self.parameterAsString(parameters, self.PROJECT_CODE, context) or "").strip()
        if layer is None:
            self.fail(self.tr("Parameter LAYER: no layer given."))
        if not code:
            self.fail(self.tr("Parameter PROJECT_CODE: give the code of a programme project."))
        field_index = layer.fields().indexOf(catalogue.PROJECT_KEY)
        if field_index < 0:
            self.fail(self.tr("Layer {layer} has no field project_code: it cannot be linked to projects.").format(
                layer=self.layer_name(layer)))
        location = database_from_parameters(self, parameters, context, self.DATABASE, required=False)
        project_layer = None
        if location is not None:
            try:
                info = open_database(location)
            except DatabaseError as exc:
                self.fail(str(exc))
            if "programme_project" not in info.tables:
                self.fail(self.tr("{db} has no programme_project layer.").format(db=location.label))
            project_layer = location.qgs_layer("programme_project")
            escaped = code.replace("'", "''")
            request = QgsFeatureRequest().setFilterExpression(f"\"project_code\" = '{escaped}'")
            matches = [f.id() for f in project_layer.getFeatures(request)]
            if not matches:
                self.fail(self.tr("Project {code} does not exist in {db}.").format(code=code, db=location.label))

        footprint_source = self.parameterAsSource(parameters, self.FOOTPRINT, context)
        footprint = None
        if footprint_source is not None:
            footprint_source.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
            # both layers in the working CRS, so that they are compared where they really are
            data = self.read_source(footprint_source, [], feedback)
            footprint_name = self.layer_name(footprint_source)
            geoms = []
            for fid, geometry in zip(data.fids, data.geometries):
                if geometry is None or geometry.is_empty:
                    continue
                if not geometry.is_valid:
                    feedback.pushWarning(self.tr(
                        "Layer {layer}, feature {fid}: the footprint is not a valid polygon ({reason}); a repaired "
                        "copy is used (the layer is not changed).").format(
                        layer=footprint_name, fid=int(fid), reason=shapely.is_valid_reason(geometry)))
                    geometry = shapely.make_valid(geometry)
                geoms.append(geometry)
            if not geoms:
                self.fail(self.tr("Layer {layer} has no footprint geometry.").format(layer=footprint_name))
            footprint = shapely.union_all(geoms)
            data = self.read_source(layer, [], feedback)
            targets = [g if g is None or g.is_valid else shapely.make_valid(g) for g in data.geometries]
            fids = [int(data.ids[i]) for i in intersecting(targets, footprint)]  # QGIS ids: written back to `layer`
        else:
            if not self.parameterAsBoolean(parameters, self.SELECTED_ONLY, context):
                self.fail(self.tr("Give a footprint, or link the selected features of layer {layer}.").format(
                    layer=self.layer_name(layer)))
            fids = sorted(layer.selectedFeatureIds())
            if not fids:
                self.fail(self.tr("Layer {layer} has no selected features and no footprint was given.").format(
                    layer=self.layer_name(layer)))
        self.check_cancel(feedback)
        if fids:
            if layer.isEditable():
                for fid in fids:
                    layer.changeAttributeValue(fid, field_index, code)
                feedback.pushInfo(self.tr("Layer {layer} is in edit mode: save its edits to keep the links.").format(
                    layer=self.layer_name(layer)))
            elif not layer.dataProvider().changeAttributeValues({fid: {field_index: code} for fid in fids}):
                self.fail(self.tr("Layer {layer}: project_code could not be written ({error}).").format(
                    layer=self.layer_name(layer), error="; ".join(layer.dataProvider().errors()) or "read-only?"))
        if self.parameterAsBoolean(parameters, self.SET_FOOTPRINT, context):
            if footprint is None or project_layer is None:
                self.fail(self.tr("SET_FOOTPRINT needs both a footprint and a database."))
            if self.working_crs() != project_layer.crs():
                from qgis.core import QgsCoordinateTransform

                qgeom = to_qgs_geometry(footprint)
                qgeom.transform(QgsCoordinateTransform(self.working_crs(), project_layer.crs(),
                                                       context.transformContext()))
                footprint = shapely.from_wkb(bytes(qgeom.asWkb()))
            polygons = shapely.get_parts(footprint)
            polygons = [p for p in polygons if p.geom_type in ("Polygon", "MultiPolygon")]
            qgeom = to_qgs_geometry(shapely.MultiPolygon(
                [q for p in polygons for q in (shapely.get_parts(p) if p.geom_type == "MultiPolygon" else [p])]))
            if not project_layer.dataProvider().changeGeometryValues({matches[0]: qgeom}):
                self.fail(self.tr("{db}: the footprint of project {code} could not be stored.").format(
                    db=location.label, code=code))
        feedback.pushInfo(self.tr("{n} features of {layer} linked to project {code}").format(
            n=len(fids), layer=self.layer_name(layer), code=code))
        # the fids the user sees (a PostGIS table's, not QGIS's numbering of its features)
        shown = sorted(feature_fid(f) for f in layer.getFeatures(
            QgsFeatureRequest().setFilterFids(fids).setFlags(QgsFeatureRequest.Flag.NoGeometry))) if fids else []
        return {self.LINKED: len(fids), self.FIDS: ",".join(str(f) for f in shown)}
