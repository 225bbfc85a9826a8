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

from municipal_gis.layers import catalogue

_QVARIANT_TYPES = {
    catalogue.TEXT: QVariant.String,
    catalogue.INTEGER: QVariant.LongLong,
    catalogue.REAL: QVariant.Double,
    catalogue.DATE: QVariant.Date,
    catalogue.DATETIME: QVariant.DateTime,
    catalogue.BOOLEAN: QVariant.Bool,
}


def to_python(value):
    """A QGIS attribute value as a plain Python value (NULL -> None, QDate -> date)."""
    if value is None:
        return None
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
    """Features of a source as parallel arrays."""

    fids: np.ndarray
    geometries: np.ndarray  # shapely geometries (None where the feature has none)
    attributes: dict = field(default_factory=dict)  # field name -> list of Python values

    def __len__(self) -> int:
        return len(self.fids)


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
    fids, wkbs = [], []
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
        for name, index in zip(names, indices):
            columns[name].append(to_python(attrs[index]))
    geoms = np.empty(len(fids), dtype=object)
    if with_geometry and wkbs:
        present = [i for i, w in enumerate(wkbs) if w is not None]
        if present:
            geoms[present] = shapely.from_wkb([wkbs[i] for i in present])
    return SourceData(np.asarray(fids, dtype=np.int64), geoms, columns)


def to_qgs_geometry(geometry) -> QgsGeometry:
    if geometry is None or shapely.is_empty(geometry):
        return QgsGeometry()
    result = QgsGeometry()
    result.fromWkb(shapely.to_wkb(geometry))
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
