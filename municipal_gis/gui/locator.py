"""Locator filter (the search bar at the bottom left): municipal property, parcels and leases.

Searches property code, name, ΚΑΕΚ, Ο.Τ., address and lessee name, insensitive to accents,
case and final sigma and tolerant of Greeklish (`municipal_gis.core.search_index`). Results come
without a prefix, or alone after the prefix `mgis` (QGIS ignores plugin prefixes shorter than 3
characters). Choosing a result selects the feature and zooms to it with context: its city block
(Ο.Τ.) and a margin, never closer than 1:500; a lease zooms to its property.

The index is built from the municipal layers of the project (found through
`municipal_gis.layers.project.municipal_layers`) on the first search and rebuilt when a layer
is added, removed or edited. `prepare()` runs in the main thread and takes thread-safe feature
sources; `fetchResults()` runs in a worker thread and reads only those.
Lessee names are searched but never shown in the results.
"""

from __future__ import annotations

import threading

from qgis.core import (
    QgsExpression,
    QgsFeatureRequest,
    QgsLocatorFilter,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayerFeatureSource,
)

from municipal_gis.compat import locator_result, locator_user_data
from municipal_gis.core.search_index import SearchIndex, SearchRecord
from municipal_gis.i18n import tr
from municipal_gis.layers.project import municipal_layers
from municipal_gis.qgisio.features import feature_fid, request_with_fid

# catalogue layer id -> (fields that are codes, fields that are free text, fields of the label)
SEARCHED = {
    "municipal_property": (("property_code", "kaek", "ot_code"), ("name", "address", "bequest_name"),
                           ("property_code", "name")),
    "parcel": (("kaek", "ot_code"), ("address",), ("kaek", "address")),
    "lease": (("lease_code", "property_code"), ("lessee", "purpose"), ("lease_code", "purpose")),
}
PREFIX = "mgis"
MIN_SCALE = 500  # never zoom closer than 1:500
MARGIN = 1.3  # the zoomed extent is the feature's (and its block's) grown by 30 %
KIND_NAMES_EN = {"municipal_property": "Municipal property", "parcel": "Parcels", "lease": "Leases"}


class _SharedIndex:
    """The index and the layer signature it was built from, shared by the filter's clones."""

    def __init__(self):
        self.lock = threading.Lock()
        self.signature = None
        self.index: SearchIndex | None = None
        self.sources = {}  # kind -> (layer id, feature source, fields (QgsFields))


def _kind_label(kind: str) -> str:
    names = {"municipal_property": tr("Municipal property"), "parcel": tr("Parcels"), "lease": tr("Leases")}
    return names.get(kind, kind)


def build_records(sources) -> list[SearchRecord]:
    """Search records from {kind: (layer id, feature source, fields)}. A record's id is (layer id,
    QGIS's feature id), for selecting it on that layer; a feature without a label is shown by its fid,
    the table's (on PostGIS QGIS numbers the features itself)."""
    records = []
    for kind, (layer_id, source, fields) in sources.items():
        codes, texts, label = SEARCHED[kind]
        names = fields.names()
        wanted = [n for n in dict.fromkeys((*codes, *texts, *label)) if n in names]
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        request.setSubsetOfAttributes([names.index(n) for n in wanted])
        request_with_fid(request, fields)
        for feature in source.getFeatures(request):
            values = {n: feature.attribute(n) for n in wanted}
            values = {n: (str(v) if v is not None and str(v) != "NULL" else "") for n, v in values.items()}
            shown = " – ".join(values[n] for n in label if values.get(n))
            code_values = tuple(values[n] for n in codes if values.get(n))
            if kind == "municipal_property" and values.get("ot_code"):
                code_values += (f"Ο.Τ. {values['ot_code']}",)
            if kind == "parcel" and values.get("ot_code"):
                code_values += (f"Ο.Τ. {values['ot_code']}",)
            records.append(SearchRecord(kind, (layer_id, feature.id()), shown or f"#{feature_fid(feature)}",
                                        tuple(values[n] for n in texts if values.get(n)), code_values,
                                        values.get("address", "")))
    return records


def parse_user_data(data) -> tuple[str, int, str]:
    """(kind, QGIS's feature id, layer id) from a result's userData."""
    kind, qid, layer_id = str(data).split("|", 2)
    return kind, int(qid), layer_id


class MunicipalLocatorFilter(QgsLocatorFilter):
    """Locator filter over municipal property, parcels and leases.

    `iface` may be None (tests, headless): results are then only selected, not zoomed to.
    `project` defaults to QgsProject.instance().
    """

    def __init__(self, iface=None, project: QgsProject | None = None, shared: _SharedIndex | None = None,
                 parent=None):
        super().__init__(parent)
        self._iface = iface
        self._project = project
        self._shared = shared or _SharedIndex()

    def clone(self):
        return MunicipalLocatorFilter(self._iface, self._project, self._shared)

    def name(self):
        return "municipal_gis"

    def displayName(self):  # noqa: N802
        return tr("Municipal property, parcels, leases")

    def prefix(self):
        return PREFIX

    def priority(self):
        return QgsLocatorFilter.Priority.High

    def flags(self):
        return QgsLocatorFilter.Flag.FlagFast

    def project(self) -> QgsProject:
        return self._project or QgsProject.instance()

    def _layers(self):
        found = municipal_layers(self.project())
        return {kind: found[kind] for kind in SEARCHED if kind in found and found[kind].isValid()}

    def prepare(self, string, context):
        """Main thread: take feature sources of the current layers when they changed."""
        layers = self._layers()
        signature = tuple(sorted((kind, layer.id(), layer.featureCount(), layer.isModified())
                                 for kind, layer in layers.items()))
        with self._shared.lock:
            if signature != self._shared.signature:
                self._shared.signature = signature
                self._shared.index = None
                self._shared.sources = {kind: (layer.id(), QgsVectorLayerFeatureSource(layer), layer.fields())
                                        for kind, layer in layers.items()}
        return []

    def index(self) -> SearchIndex:
        with self._shared.lock:
            if self._shared.index is None:
                self._shared.index = SearchIndex.build(build_records(self._shared.sources))
            return self._shared.index

    def fetchResults(self, string, context, feedback):  # noqa: N802
        if len((string or "").strip()) < 1:
            return
        if self._shared.signature is None:
            self.prepare(string, context)
        for hit in self.index().search(string, limit=30):
            if feedback is not None and feedback.isCanceled():
                return
            record = hit.record
            # a plain string: Python containers in userData do not survive the thread hop reliably
            result = locator_result(self, record.label, f"{record.kind}|{int(record.id[1])}|{record.id[0]}")
            result.description = record.detail or ""
            result.group = _kind_label(record.kind)
            result.score = 1.0 if hit.exact_code else 0.5 + 0.1 * hit.exact_words
            self.resultFetched.emit(result)

    def triggerResult(self, result):  # noqa: N802
        kind, qid, layer_id = parse_user_data(locator_user_data(result))
        layer = self.project().mapLayer(layer_id)
        if layer is None:
            return
        layer.selectByIds([qid])
        target_layer, target_ids = layer, [qid]
        if kind == "lease":
            code = layer.getFeature(qid).attribute("property_code")
            prop = municipal_layers(self.project()).get("municipal_property")
            if prop is None or code is None:
                return
            request = QgsFeatureRequest().setFilterExpression(
                QgsExpression.quotedColumnRef("property_code") + " = " + QgsExpression.quotedValue(code))
            request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
            target_ids = [f.id() for f in prop.getFeatures(request)]
            prop.selectByIds(target_ids)
            target_layer = prop
        if self._iface is not None and target_ids and target_layer.isSpatial():
            canvas = self._iface.mapCanvas()
            zoom_with_context(canvas, target_layer, target_ids, municipal_layers(self.project()).get("city_block"))
            canvas.flashFeatureIds(target_layer, target_ids)


def context_extent(canvas, layer, ids, blocks=None) -> QgsRectangle | None:
    """The extent (in the canvas CRS) that shows the features `ids` of `layer` with context: the
    city blocks they lie in, grown by MARGIN. None if none of them has a geometry."""
    settings = canvas.mapSettings()
    parts = [settings.layerExtentToOutputExtent(layer, feature.geometry().boundingBox())
             for feature in layer.getFeatures(QgsFeatureRequest().setFilterFids(list(ids)).setNoAttributes())
             if feature.hasGeometry()]
    if not parts:
        return None
    box = QgsRectangle(parts[0])
    for part in parts[1:]:
        box.combineExtentWith(part)
    if blocks is not None and blocks.isValid() and blocks.isSpatial():
        centre = settings.mapToLayerCoordinates(blocks, QgsPointXY(box.center()))
        probe = QgsRectangle(centre.x(), centre.y(), centre.x(), centre.y())
        for block in blocks.getFeatures(QgsFeatureRequest().setFilterRect(probe).setNoAttributes()):
            geometry = block.geometry()
            if geometry is not None and geometry.contains(centre):
                box.combineExtentWith(settings.layerExtentToOutputExtent(blocks, geometry.boundingBox()))
    if box.width() == 0 or box.height() == 0:  # a point: a small square around it, MIN_SCALE does the rest
        centre = box.center()
        box = QgsRectangle(centre.x() - 1, centre.y() - 1, centre.x() + 1, centre.y() + 1)
    box.scale(MARGIN)
    return box


def zoom_with_context(canvas, layer, ids, blocks=None) -> bool:
    """Zoom the canvas to the features with their block around them, not closer than 1:MIN_SCALE."""
    box = context_extent(canvas, layer, ids, blocks)
    if box is None:
        return False
    canvas.setExtent(box)
    if canvas.scale() < MIN_SCALE:
        canvas.zoomScale(MIN_SCALE)
    canvas.refresh()
    return True
