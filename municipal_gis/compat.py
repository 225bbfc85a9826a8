"""What differs between the QGIS releases the plugin runs on (3.22 to 3.44, and QGIS 4 on Qt 6).

Field types: QGIS before 3.38 takes QVariant.Type for QgsField and returns it from
QgsField.type(); QGIS 3.38 and later take and return QMetaType.Type, the only kind Qt 6 has.
`FieldType.String` etc. are whichever the running QGIS uses, so field creation and comparisons
with `field.type()` work on every release without deprecation warnings.
"""

from __future__ import annotations

from qgis.core import Qgis
from qgis.PyQt.QtCore import QMetaType, QVariant

# QVariant.Type name -> QMetaType.Type name
_META_NAMES = {
    "String": "QString", "Int": "Int", "UInt": "UInt", "LongLong": "LongLong", "ULongLong": "ULongLong",
    "Double": "Double", "Date": "QDate", "DateTime": "QDateTime", "Time": "QTime", "Bool": "Bool",
    "ByteArray": "QByteArray",
}
USES_QMETATYPE = Qgis.QGIS_VERSION_INT >= 33800


class FieldType:
    """Field types of the running QGIS (see the module's text)."""

    String = Int = UInt = LongLong = ULongLong = Double = Date = DateTime = Time = Bool = ByteArray = None


for _name, _meta in _META_NAMES.items():
    setattr(FieldType, _name, getattr(QMetaType.Type, _meta) if USES_QMETATYPE else getattr(QVariant, _name))


def locator_result(locator_filter, display: str, data: str):
    """A QgsLocatorResult of `locator_filter` showing `display` and carrying `data`, set through the
    constructor, which every release takes (`result.userData = …` sets a member on QGIS before 3.34
    and a property from 3.34 on)."""
    from qgis.core import QgsLocatorResult

    return QgsLocatorResult(locator_filter, display, data)


def locator_user_data(result):
    """The data a locator result carries. On QGIS before 3.34 (PyQt5), reading the `userData` member of
    a result that comes from C++ can give another result's (on QGIS 3.22, in a slot of
    QgsLocator.foundResult) or crash QGIS (QGIS pull requests 40471, 54987); getUserData() (3.18 on)
    reads it safely. From 3.34 `userData` is a property that reads it, and on Qt 6 getUserData() may
    be gone."""
    getter = getattr(result, "getUserData", None)
    if callable(getter):
        return getter()
    data = result.userData
    return data() if callable(data) else data
