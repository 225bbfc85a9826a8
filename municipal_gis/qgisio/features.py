"""Conversions between QGIS features and the plain Python/shapely/numpy values the core uses.

Geometries cross the boundary as WKB, which is exact (no rounding) and fast in bulk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import shapely
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

from municipal_gis.compat import FieldType
from municipal_gis.schema import catalogue

_QVARIANT_TYPES = {
    catalogue.TEXT: FieldType.String,
    catalogue.INTEGER: FieldType.LongLong,
    catalogue.REAL: FieldType.Double,
    catalogue.DATE: FieldType.Date,
    catalogue.DATETIME: FieldType.DateTime,
    catalogue.BOOLEAN: FieldType.Bool,
}


_PLAIN = frozenset((str, int, float, bool))


def to_python(value):
    """A QGIS attribute value as a plain Python value (NULL -> None, QDate -> date)."""
    if value is None or type(value) in _PLAIN:  # the common case first: read_source calls this per value
        return value
    if isinstance(value, QVariant):
        if value.isNull():
            return None
        value = value.value()
    if isinstance(value, QDateTime):
        return value.toPyDateTime() if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    return value


def to_qgis(value):
    """A plain Python value as something QgsFeature.setAttributes accepts."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return QDateTime(value)
    if isinstance(value, dt.date):
        return QDate(value.year, value.month, value.day)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def make_fields(spec) -> QgsFields:
    """QgsFields from [(name, catalogue type), ...] or catalogue Field objects."""
    fields = QgsFields()
    for item in spec:
        name, type_ = (item.name, item.type) if isinstance(item, catalogue.Field) else item
        fields.append(QgsField(name, _QVARIANT_TYPES[type_]))
    return fields


@dataclass
class SourceData:
    """Features of a source as parallel arrays.

    `fids` are the rows' numbers as the user and the database know them: the source's integer `fid`
    column when it has one (every catalogue table), else QGIS's feature ids. They go into messages,
    outputs, registers and SQL. `ids` are QGIS's feature ids, for the same QGIS layer only
    (selectByIds, flashFeatureIds, changeAttributeValues, setFilterFids). The two differ for a
    PostGIS table with a bigint key (`bigserial`, identity): QGIS's postgres provider numbers its
    features 1, 2, 3… in the order it first meets them in the session, whatever the key's values.
    """

    fids: np.ndarray
    geometries: np.ndarray  # shapely geometries (None where the feature has none)
    attributes: dict = field(default_factory=dict)  # field name -> list of Python values
    ids: np.ndarray | None = None  # QGIS feature ids; None: the same as fids

    def __post_init__(self):
        if self.ids is None:
            self.ids = self.fids

    def __len__(self) -> int:
        return len(self.fids)


FID_FIELD = "fid"
_INTEGER_TYPES = (FieldType.Int, FieldType.LongLong)


def fid_field_index(fields) -> int:
    """The index of the integer `fid` column in `fields` (QgsFields), or -1."""
    index = fields.lookupField(FID_FIELD)
    if index < 0 or fields.at(index).name() != FID_FIELD or fields.at(index).type() not in _INTEGER_TYPES:
        return -1
    return index


def feature_fid(feature) -> int:
    """One feature's fid as the user sees it in the attribute table: its integer `fid` column, else
    QGIS's id (see SourceData). A feature read with a subset of the attributes must have read the
    column: see request_with_fid."""
    index = fid_field_index(feature.fields())
    value = to_python(feature.attribute(index)) if index >= 0 else None
    return value if type(value) is int else feature.id()


def request_with_fid(request: QgsFeatureRequest, fields) -> QgsFeatureRequest:
    """`request` (changed in place and returned) also reading the integer `fid` column of `fields` when
    it reads a subset of the attributes. feature_fid needs that column: a column a request leaves out is
    NULL in the features it gives, and feature_fid would fall back on QGIS's id, which on PostGIS is
    not the row's fid."""
    fid_index = fid_field_index(fields)
    if fid_index >= 0 and request.flags() & QgsFeatureRequest.Flag.SubsetOfAttributes:
        subset = list(request.subsetOfAttributes())
        if fid_index not in subset:
            request.setSubsetOfAttributes([*subset, fid_index])
    return request


def table_fids(ids, fid_values) -> np.ndarray:
    """The rows' fids: the `fid` column's value, QGIS's id where it has none (a feature not saved
    yet, whose QGIS id is negative); QGIS's ids for every row when the column's values are not
    unique (then it is not the table's key)."""
    ids = np.asarray(ids, dtype=np.int64)
    values = [v if type(v) is int else None for v in fid_values]
    out = np.asarray([int(ids[i]) if v is None else v for i, v in enumerate(values)], dtype=np.int64)
    if len(np.unique(out)) != len(out):
        return ids
    return out


def read_source(source, field_names=None, feedback=None, request: QgsFeatureRequest | None = None,
                with_geometry: bool = True) -> SourceData:
    """Read a feature source (layer or QgsProcessingFeatureSource) into arrays.

    `field_names=None` reads every field. Missing fields raise KeyError with the field name, so
    the caller can produce a message naming the layer and field.
    """
    available = [f.name() for f in source.fields()]
    names = available if field_names is None else list(field_names)
    for name in names:
        if name not in available:
            raise KeyError(name)
    indices = [available.index(n) for n in names]
    request = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    if not with_geometry:
        request.setFlags(request.flags() | QgsFeatureRequest.Flag.NoGeometry)
    fid_index = fid_field_index(source.fields())
    request_with_fid(request, source.fields())
    fids, wkbs, fid_values = [], [], []
    columns = {n: [] for n in names}
    total = max(source.featureCount(), 1)
    for i, feature in enumerate(source.getFeatures(request)):
        if feedback is not None and i % 5000 == 0:
            if feedback.isCanceled():
                break
            feedback.setProgress(100.0 * i / total)
        fids.append(feature.id())
        if with_geometry:
            geometry = feature.geometry()
            wkbs.append(None if geometry.isNull() else bytes(geometry.asWkb()))
        attrs = feature.attributes()
        if fid_index >= 0:
            fid_values.append(to_python(attrs[fid_index]))
        for name, index in zip(names, indices):
            columns[name].append(to_python(attrs[index]))
    geoms = np.empty(len(fids), dtype=object)
    if with_geometry and wkbs:
        present = [i for i, w in enumerate(wkbs) if w is not None]
        if present:
            geoms[present] = shapely.from_wkb([wkbs[i] for i in present])
    ids = np.asarray(fids, dtype=np.int64)
    return SourceData(table_fids(ids, fid_values) if fid_index >= 0 else ids, geoms, columns, ids=ids)


def to_qgs_geometry(geometry) -> QgsGeometry:
    if geometry is None or shapely.is_empty(geometry):
        return QgsGeometry()
    result = QgsGeometry()
    result.fromWkb(shapely.to_wkb(geometry, output_dimension=3))
    return result


def make_feature(fields: QgsFields, values, geometry=None) -> QgsFeature:
    """A feature with `values` (sequence in field order, or dict by name) and a shapely geometry."""
    feature = QgsFeature(fields)
    if isinstance(values, dict):
        feature.setAttributes([to_qgis(values.get(fields.at(i).name())) for i in range(fields.count())])
    else:
        feature.setAttributes([to_qgis(v) for v in values])
    if geometry is not None:
        feature.setGeometry(to_qgs_geometry(geometry))
    return feature


# ---------------------------------------------------------------------------------------------
# Bulk path: reading a plain GeoPackage or Shapefile layer through GDAL's Arrow stream. It gives
# the same values as read_source, about five times faster on 50 000 parcels.

_BULK_DRIVERS = ("GPKG", "ESRI Shapefile")
# Shapefile text: QGIS decodes a .dbf's bytes itself with the layer's encoding (from the .cpg, or the
# one the user set in the layer's properties; GDAL's own recoding is off), so the bulk path reads the
# raw bytes and decodes them with the same encoding — only these, whose Python codec is Qt's.
_SHAPEFILE_CODECS = {"utf-8": "utf-8", "utf8": "utf-8", "windows-1253": "cp1253", "cp1253": "cp1253",
                     "iso-8859-7": "iso8859_7", "windows-1252": "cp1252", "iso-8859-1": "latin-1",
                     "latin1": "latin-1"}
_SPOT_CHECKS = 64  # rows with non-ASCII text compared with QGIS's own reading (Shapefile)


def bulk_readable_layer(parameter_value, context, providers=("ogr",)):
    """The QgsVectorLayer behind a feature-source parameter when it can be read in bulk, else None.

    Bulk reading bypasses the QGIS feature iterator, so it is only used when that iterator would
    return exactly the layer's rows: an OGR layer without subset string, no "selected features
    only" and no feature limit on the parameter. It never skips nor rejects invalid geometries:
    use it only where the caller repairs them itself and has turned the context's check off on
    its feature source (``source.setInvalidGeometryCheck(GeometryNoCheck)``), so both paths agree.
    `providers`: the data providers accepted (``("postgres",)`` for a PostGIS table).
    """
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProcessingUtils, QgsVectorLayer

    value = parameter_value
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit not in (-1, None):
            return None
        value = value.source.staticValue() if hasattr(value.source, "staticValue") else value.source
    if isinstance(value, QgsVectorLayer):
        layer = value
    elif isinstance(value, str):
        layer = QgsProcessingUtils.mapLayerFromString(value, context)
    else:
        return None
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid() or layer.providerType() not in providers:
        return None
    if layer.subsetString():
        return None
    return layer


def read_layer_bulk(layer, field_names=None, feedback=None, with_geometry: bool = True) -> SourceData | None:
    """Read an OGR GeoPackage or Shapefile layer in bulk (GDAL Arrow stream → numpy → shapely.from_wkb).

    Gives the same SourceData as `read_source(layer, ...)` (fids, shapely geometries, plain Python
    attribute values), or None when the layer cannot be read this way (the caller then uses
    read_source). Missing fields raise KeyError like read_source. A Shapefile's text is decoded
    with the layer's encoding as QGIS does; where that encoding is not one Python decodes the same
    way, a value does not decode strictly, or a spot check of rows with non-ASCII text against
    QGIS's own reading differs, the layer is not read in bulk.
    """
    from qgis.core import QgsProviderRegistry
    available = [f.name() for f in layer.fields()]
    names = available if field_names is None else list(field_names)
    for name in names:
        if name not in available:
            raise KeyError(name)
    kinds = {f.name(): f.type() for f in layer.fields()}
    if any(kinds[n] not in (FieldType.String, FieldType.Int, FieldType.LongLong, FieldType.Double, FieldType.Date, FieldType.Bool) for n in names):
        return None  # date-times and other types: leave their conversion to QGIS
    try:
        from osgeo import ogr
    except ImportError:  # pragma: no cover
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path")
    if not path or parts.get("subset"):
        return None
    encoding, shapefile = "utf-8", False
    try:
        dataset = ogr.Open(path, 0)
        if dataset is None or dataset.GetDriver().GetName() not in _BULK_DRIVERS:
            return None
        shapefile = dataset.GetDriver().GetName() == "ESRI Shapefile"
        if shapefile:
            encoding = _SHAPEFILE_CODECS.get((layer.dataProvider().encoding() or "").lower())
            if encoding is None:
                return None
            from osgeo import gdal

            # the .dbf's bytes as they are (ENCODING empty: no recoding by GDAL), decoded below
            dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=["ENCODING="])
            if dataset is None:
                return None
        if parts.get("layerName"):
            ogr_layer = dataset.GetLayerByName(parts["layerName"])
        else:
            ogr_layer = dataset.GetLayer(int(parts.get("layerId") or 0))
        if ogr_layer is None or not hasattr(ogr_layer, "GetArrowStreamAsNumPy"):
            return None
        # the stream's names for a layer whose driver has none (Shapefile): GDAL's defaults
        fid_column = ogr_layer.GetFIDColumn() or "OGC_FID"
        has_geometry = ogr_layer.GetGeomType() != ogr.wkbNone
        geom_column = (ogr_layer.GetGeometryColumn() or "wkb_geometry") if has_geometry else ""
        if with_geometry and not geom_column:
            return None
        ogr_names = {ogr_layer.GetLayerDefn().GetFieldDefn(i).GetName()
                     for i in range(ogr_layer.GetLayerDefn().GetFieldCount())}
        if any(n not in ogr_names and n != fid_column for n in names):
            return None
        ignored = [n for n in ogr_names if n not in names]
        if not with_geometry and geom_column:
            ignored.append("OGR_GEOMETRY")
        ogr_layer.SetIgnoredFields(ignored)
        ogr_layer.ResetReading()
        fid_parts, wkb_parts = [], []
        columns: dict[str, list] = {n: [] for n in names}
        for batch in ogr_layer.GetArrowStreamAsNumPy(options=["USE_MASKED_ARRAYS=YES"]):
            if feedback is not None and feedback.isCanceled():
                break
            fid_parts.append(np.asarray(batch[fid_column], dtype=np.int64))
            if with_geometry:
                wkb = batch[geom_column]
                if np.ma.getdata(wkb).dtype.kind == "V":  # equal-length blobs come as a fixed-size array
                    wkb = np.ma.array([bytes(v) for v in np.ma.getdata(wkb)], dtype=object,
                                      mask=np.ma.getmaskarray(wkb))
                wkb_parts.append(wkb)
            for name in names:
                columns[name].extend(_arrow_values(batch[name], kinds[name], encoding))
        ogr_layer.SetIgnoredFields([])
    except Exception:  # noqa: BLE001 - any surprise: the QGIS iterator is always correct
        return None
    fids = np.concatenate(fid_parts) if fid_parts else np.zeros(0, np.int64)
    geoms = np.empty(len(fids), dtype=object)
    if with_geometry and wkb_parts:
        wkb = np.ma.concatenate(wkb_parts) if len(wkb_parts) > 1 else wkb_parts[0]
        mask = np.ma.getmaskarray(wkb)
        data = np.ma.getdata(wkb)
        present = np.flatnonzero(~mask)
        if len(present):
            try:
                geoms[present] = shapely.from_wkb(data[present])
            except Exception:  # noqa: BLE001 - e.g. curves that GEOS does not read
                return None
            geoms = _promote_to_multi(geoms, layer)
    if shapefile and not _agrees_with_qgis(layer, fids, columns, kinds):
        return None
    return SourceData(fids, geoms, columns)


def _agrees_with_qgis(layer, fids, columns, kinds) -> bool:
    """Do rows with non-ASCII text read the same through QGIS's iterator (a spot check of the
    decoding: up to _SPOT_CHECKS such rows, spread over the layer)?"""
    text = [n for n in columns if kinds[n] == FieldType.String]
    rows = sorted({i for n in text for i, v in enumerate(columns[n]) if v is not None and not v.isascii()})
    if not rows:
        return True
    rows = [rows[k] for k in np.linspace(0, len(rows) - 1, min(len(rows), _SPOT_CHECKS)).astype(int)]
    wanted = {int(fids[i]): i for i in rows}
    request = QgsFeatureRequest().setFilterFids(list(wanted)).setFlags(QgsFeatureRequest.Flag.NoGeometry)
    seen = 0
    for feature in layer.getFeatures(request):
        i = wanted.get(int(feature.id()))
        if i is None:
            return False
        seen += 1
        for name in text:
            if to_python(feature.attribute(name)) != columns[name][i]:
                return False
    return seen == len(wanted)


def _promote_to_multi(geoms, layer):
    """Single parts stored in a multi-type layer come back as multi-part, as QGIS's provider gives them."""
    from qgis.core import QgsWkbTypes

    return promote_to_multi(geoms) if QgsWkbTypes.isMultiType(layer.wkbType()) else geoms


def promote_to_multi(geoms):
    """`geoms` (an object array, changed in place and returned) with every single point, line or polygon
    made a one-part multi-geometry, as QGIS's providers give the features of a multi-type layer."""
    types = shapely.get_type_id(geoms)  # -1 for None
    for single, make in ((0, shapely.multipoints), (1, shapely.multilinestrings), (3, shapely.multipolygons)):
        index = np.flatnonzero(types == single)
        if len(index):
            geoms[index] = make(geoms[index][:, np.newaxis])
    return geoms


def _arrow_values(array, kind, encoding: str = "utf-8") -> list:
    """Python values of one Arrow/numpy column, as to_python would give them (NULL -> None); text
    decoded strictly from `encoding` (a byte it cannot decode raises)."""
    mask = np.ma.getmaskarray(array)
    data = np.ma.getdata(array)
    if kind == FieldType.String:
        values = [v.decode(encoding) if isinstance(v, bytes) else (None if v is None else str(v)) for v in data]
    elif kind == FieldType.Date:
        values = data.astype("datetime64[D]").astype(object).tolist()
    elif kind == FieldType.Bool:
        values = [bool(v) for v in data.tolist()]
    else:
        values = data.tolist()
    if mask.any():
        for i in np.flatnonzero(mask):
            values[i] = None
    return values
