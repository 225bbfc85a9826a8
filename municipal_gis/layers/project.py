"""Load a municipal database into a QGIS project: grouped, styled, with aliases, value lists,
constraints and relations, so that forms show linked records."""

from __future__ import annotations

from qgis.core import (
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsMapLayer,
    QgsProject,
    QgsRectangle,
    QgsRelation,
    QgsRelationContext,
)

from municipal_gis.i18n import current_locale
from municipal_gis.layers.database import DatabaseLocation, open_database
from municipal_gis.paths import style_path
from municipal_gis.schema import catalogue
from municipal_gis.schema.vocabularies import VOCABULARIES

PROPERTY_KEY = "municipal_gis/layer_id"
DATABASE_KEY = "municipal_gis/database"  # pragma: allowlist secret - a project property name
STYLE_CATEGORIES = (QgsMapLayer.StyleCategory.Symbology | QgsMapLayer.StyleCategory.Labeling
                    | QgsMapLayer.StyleCategory.Rendering | QgsMapLayer.StyleCategory.Symbology3D)


def _language(language: str | None) -> str:
    return "el" if (language or current_locale()).startswith("el") else "en"


def value_map(vocabulary: str, language: str) -> list[dict]:
    """ValueMap editor config: label -> code, in list order."""
    index = 1 if language == "el" else 2
    return [{entry[index]: entry[0]} for entry in VOCABULARIES[vocabulary]]


OTHER_CLASS = {"el": "Άλλη / χωρίς τιμή", "en": "Other / no value"}


def _legend_in(qlayer, spec: catalogue.Layer, language: str) -> None:
    """The classes of a style categorised on a value-list field, named as the value list is in `language`
    (the styles are written with the Greek names)."""
    renderer = qlayer.renderer()
    if renderer is None or renderer.type() != "categorizedSymbol":
        return
    field = next((f for f in spec.all_fields if f.name == renderer.classAttribute() and f.vocabulary), None)
    if field is None:
        return
    index = 1 if language == "el" else 2
    names = {entry[0]: entry[index] for entry in VOCABULARIES[field.vocabulary]}
    names[""] = OTHER_CLASS[language]  # the styles' catch-all class (scripts/make_styles.py)
    for n, category in enumerate(renderer.categories()):
        name = names.get(category.value())
        if name and name != category.label():
            renderer.updateCategoryLabel(n, name)


def configure_layer(qlayer, spec: catalogue.Layer, language: str, style: bool = True) -> None:
    """Aliases, value lists, constraints, display expression and style from the catalogue."""
    if style and style_path(spec.id).exists():
        qlayer.loadNamedStyle(str(style_path(spec.id)), STYLE_CATEGORIES)
        _legend_in(qlayer, spec, language)
    fields = qlayer.fields()
    for field in spec.all_fields:
        index = fields.indexFromName(field.name)
        if index < 0:
            continue
        qlayer.setFieldAlias(index, field.alias(language))
        if field.vocabulary:
            qlayer.setEditorWidgetSetup(index, QgsEditorWidgetSetup(
                "ValueMap", {"map": value_map(field.vocabulary, language)}))
        elif field.type == catalogue.DATE:
            qlayer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("DateTime", {
                "field_format": "yyyy-MM-dd", "display_format": "dd/MM/yyyy", "calendar_popup": True,
                "allow_null": True}))
        elif field.type == catalogue.BOOLEAN:
            qlayer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("CheckBox", {}))
        if field.not_null:
            qlayer.setFieldConstraint(index, QgsFieldConstraints.Constraint.ConstraintNotNull)
        if field.unique:
            qlayer.setFieldConstraint(index, QgsFieldConstraints.Constraint.ConstraintUnique)
    fid = fields.indexFromName("fid")
    if fid >= 0:
        qlayer.setEditorWidgetSetup(fid, QgsEditorWidgetSetup("Hidden", {}))
    if spec.display_expression:
        qlayer.setDisplayExpression(spec.display_expression)
    if spec.append_only:
        qlayer.setReadOnly(True)  # the register grows only through the certificate algorithm
    qlayer.setCustomProperty(PROPERTY_KEY, spec.id)


def load_database(location, project: QgsProject | None = None, language: str | None = None,
                  group_name: str | None = None) -> dict:
    """Add every catalogue layer of the database to `project`; return {layer id: QgsVectorLayer}."""
    location = DatabaseLocation.parse(location)
    open_database(location)  # clear message when it is not a municipal database
    project = project or QgsProject.instance()
    language = _language(language)
    if project.crs().authid() != f"EPSG:{catalogue.CRS_EPSG}":
        from qgis.core import QgsCoordinateReferenceSystem

        project.setCrs(QgsCoordinateReferenceSystem(f"EPSG:{catalogue.CRS_EPSG}"))
    root = project.layerTreeRoot()
    if group_name:
        root = root.insertGroup(0, group_name)
    groups = {}
    for n, group in enumerate(catalogue.GROUPS):
        groups[group.id] = root.insertGroup(n, group.name(language))
    loaded = {}
    for spec in catalogue.LAYERS:
        qlayer = location.qgs_layer(spec.id, spec.name(language))
        if not qlayer.isValid():
            continue
        if spec.id == "parcel":
            qlayer = _active_parcels(qlayer)
        configure_layer(qlayer, spec, language)
        qlayer.setCustomProperty(DATABASE_KEY, str(location))
        project.addMapLayer(qlayer, False)
        groups[spec.group].addLayer(qlayer)
        loaded[spec.id] = qlayer
    for node in groups.values():
        if not node.children():
            node.parent().removeChildNode(node)
    add_relations(project, loaded, language)
    configure_editing(project, loaded)
    return loaded


def _active_parcels(qlayer):
    """The parcel layer of a GeoPackage opened again with the filter hiding closed parcels in its data source.

    Set afterwards (setSubsetString) while other layers of the same file are open, QGIS 3.22 with GDAL 3.6
    switches the file's journal to WAL and back and leaves their connections unable to read it («unable to
    open database file», featureCount() -1). PostGIS layers take the filter in configure_editing."""
    if qlayer.providerType() != "ogr" or qlayer.subsetString() or "status" not in qlayer.fields().names():
        return qlayer
    from qgis.core import QgsProviderRegistry, QgsVectorLayer

    registry = QgsProviderRegistry.instance()
    parts = registry.decodeUri("ogr", qlayer.source())
    parts["subset"] = ACTIVE_PARCELS
    filtered = QgsVectorLayer(registry.encodeUri("ogr", parts), qlayer.name(), "ogr")
    return filtered if filtered.isValid() else qlayer


def add_relations(project: QgsProject, loaded: dict, language: str) -> list[QgsRelation]:
    manager = project.relationManager()
    added = []
    for spec in catalogue.RELATIONS:
        child, parent = loaded.get(spec.referencing_layer), loaded.get(spec.referenced_layer)
        if child is None or parent is None:
            continue
        relation = QgsRelation(QgsRelationContext(project))
        relation.setId(f"{spec.id}_{parent.id()}")
        relation.setName(spec.name_el if language == "el" else spec.name_en)
        relation.setReferencingLayer(child.id())
        relation.setReferencedLayer(parent.id())
        relation.addFieldPair(spec.referencing_field, spec.referenced_field)
        if not relation.isValid():
            continue
        manager.addRelation(relation)
        index = child.fields().indexFromName(spec.referencing_field)
        child.setEditorWidgetSetup(index, QgsEditorWidgetSetup("RelationReference", {
            "Relation": relation.id(), "AllowNULL": True, "ShowForm": False, "MapIdentification": False,
            "ReadOnly": False, "AllowAddFeatures": False, "OrderByValue": True}))
        added.append(relation)
    return added


def municipal_layers(project: QgsProject | None = None) -> dict:
    """{catalogue layer id: layer} for the municipal layers loaded in a project."""
    project = project or QgsProject.instance()
    found = {}
    for qlayer in project.mapLayers().values():
        layer_id = qlayer.customProperty(PROPERTY_KEY)
        if layer_id and layer_id not in found:
            found[layer_id] = qlayer
    return found


def database_of(qlayer) -> str:
    """The database a loaded municipal layer belongs to («path.gpkg» or «PG:… schema=…»), "" if none.

    A GeoPackage is read from the layer's own data source, which QGIS stores relative to the project
    file like every layer: a project folder copied elsewhere (or opened from another drive letter)
    reads and writes its own copy, never the original. A PostGIS database is what `load_database`
    recorded (a connection does not move with a folder)."""
    if qlayer is None:
        return ""
    stored = str(qlayer.customProperty(DATABASE_KEY) or "")
    if qlayer.providerType() == "ogr":
        from qgis.core import QgsProviderRegistry

        path = QgsProviderRegistry.instance().decodeUri("ogr", qlayer.source()).get("path") or ""
        if path:
            return path
    return stored


CADASTRAL_LAYERS = ("parcel", "city_block")
ACTIVE_PARCELS = "\"status\" IS NULL OR \"status\" <> 'closed'"


def configure_editing(project: QgsProject, loaded: dict) -> None:
    """Editing settings for the cadastre: snapping to parcels and blocks (vertices and segments,
    intersections), topological editing, new parcels avoiding overlaps with parcels, QGIS's
    geometry validation on parcels and blocks, and closed (split or merged) parcels hidden."""
    from qgis.core import QgsSnappingConfig, QgsTolerance

    config = project.snappingConfig()
    config.setEnabled(True)
    config.setMode(QgsSnappingConfig.SnappingMode.AdvancedConfiguration)
    config.setIntersectionSnapping(True)
    types = QgsSnappingConfig.SnappingTypes.VertexFlag | QgsSnappingConfig.SnappingTypes.SegmentFlag
    for layer_id in CADASTRAL_LAYERS:
        qlayer = loaded.get(layer_id)
        if qlayer is None:
            continue
        config.setIndividualLayerSettings(qlayer, QgsSnappingConfig.IndividualLayerSettings(
            True, types, 10.0, QgsTolerance.UnitType.Pixels, 0.0, 0.0))
        options = qlayer.geometryOptions()
        options.setGeometryChecks(["QgsIsValidCheck"])
        options.setRemoveDuplicateNodes(True)
        options.setGeometryPrecision(0.001)
    project.setSnappingConfig(config)
    project.setTopologicalEditing(True)
    parcel = loaded.get("parcel")
    if parcel is not None:
        project.setAvoidIntersectionsMode(QgsProject.AvoidIntersectionsMode.AvoidIntersectionsLayers)
        project.setAvoidIntersectionsLayers([parcel])
        if "status" in parcel.fields().names() and not parcel.subsetString():
            parcel.setSubsetString(ACTIVE_PARCELS)


def city_extent(layers: dict) -> QgsRectangle:
    """The extent of the city community (is_city), else of all city blocks, else of parcels."""
    community = layers.get("community")
    if community is not None:
        extent = QgsRectangle()
        extent.setMinimal()
        for feature in community.getFeatures():
            if feature["is_city"] in (True, 1, "true") and feature.hasGeometry():
                extent.combineExtentWith(feature.geometry().boundingBox())
        blocks = layers.get("city_block")
        if not extent.isEmpty() and blocks is not None:
            from qgis.core import QgsFeatureRequest

            built = QgsRectangle()
            built.setMinimal()
            for feature in blocks.getFeatures(QgsFeatureRequest().setFilterRect(extent)):
                built.combineExtentWith(feature.geometry().boundingBox())
            if not built.isEmpty():
                return built
        if not extent.isEmpty():
            return extent
    for layer_id in ("city_block", "parcel"):
        if layer_id in layers:
            return layers[layer_id].extent()
    return QgsRectangle()


def municipality_extent(layers: dict) -> QgsRectangle:
    extent = QgsRectangle()
    extent.setMinimal()
    for layer_id in ("community", "street", "city_block", "parcel"):
        if layer_id in layers and layers[layer_id].featureCount():
            extent.combineExtentWith(layers[layer_id].extent())
    return extent


def set_default_view(project: QgsProject, loaded: dict):
    """Save the extent of the data (the city, else every layer) as the project's default view, so that
    a project written without a map canvas (scripts/demo.py) opens on the data, not on a blank 1:1.
    Returns the extent (a QgsReferencedRectangle in the project CRS), or None when there is no data."""
    from qgis.core import QgsCoordinateTransform, QgsReferencedRectangle

    extent = QgsRectangle(city_extent(loaded)) if loaded else QgsRectangle()
    if extent.isEmpty():
        extent = QgsRectangle()
        for qlayer in loaded.values():
            if not qlayer.isSpatial() or qlayer.extent().isEmpty():
                continue
            part = QgsCoordinateTransform(qlayer.crs(), project.crs(), project).transformBoundingBox(qlayer.extent())
            if extent.isNull():
                extent = part
            else:
                extent.combineExtentWith(part)
    if extent.isEmpty():
        return None
    extent.scale(1.05)
    view = QgsReferencedRectangle(extent, project.crs())
    project.viewSettings().setDefaultViewExtent(view)
    return view
