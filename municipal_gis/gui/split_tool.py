"""Map tool «Split parcel»: click the parcel, click the vertices of the split line, right-click to
split. The parts get the next free ΚΑΕΚ of the parent's block prefix
(`layers.cadastre.next_kaeks`) and the split runs through `municipal_gis:split_parcel`, in one
transaction with lineage."""

from __future__ import annotations

from qgis.core import QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsRectangle, QgsWkbTypes
from qgis.gui import QgsMapToolEmitPoint, QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from municipal_gis.i18n import tr
from municipal_gis.layers.project import database_of, municipal_layers


class SplitParcelTool(QgsMapToolEmitPoint):
    def __init__(self, canvas, iface=None):
        super().__init__(canvas)
        self.iface = iface
        self.kaek = None
        self.points: list[QgsPointXY] = []
        self.band = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.LineGeometry)
        self.band.setColor(QColor(220, 30, 30))
        self.band.setWidth(2)
        self.last_result = None
        self.last_error = ""

    def _parcel_at(self, point: QgsPointXY):
        layer = municipal_layers().get("parcel")
        if layer is None:
            return None, None
        r = self.canvas().mapUnitsPerPixel() * 3
        request = QgsFeatureRequest().setFilterRect(QgsRectangle(point.x() - r, point.y() - r, point.x() + r,
                                                                 point.y() + r))
        probe = QgsGeometry.fromPointXY(point)
        for feature in layer.getFeatures(request):
            if feature.geometry().contains(probe):
                return layer, feature
        return layer, None

    def canvasReleaseEvent(self, event):  # noqa: N802
        point = self.toMapCoordinates(event.pos())
        if event.button() == Qt.MouseButton.RightButton:
            self.finish()
            return
        if self.kaek is None:
            layer, feature = self._parcel_at(point)
            if feature is None:
                self._say(tr("Click inside the parcel to split."))
                return
            self.layer, self.kaek = layer, feature["kaek"]
            self._say(tr("Parcel {kaek}: now click the split line, right-click to finish.").format(kaek=self.kaek))
            return
        self.points.append(point)
        self.band.addPoint(point)

    def finish(self):
        from qgis import processing

        from municipal_gis.layers.cadastre import next_kaeks
        from municipal_gis.layers.database import DatabaseError

        if self.kaek is None or len(self.points) < 2:
            self.reset()
            return
        location = database_of(self.layer)  # a copied project folder splits in its own copy
        line = QgsGeometry.fromPolylineXY(self.points)
        try:
            import shapely

            from municipal_gis.core.editing import split_polygon

            feature = next(f for f in self.layer.getFeatures() if f["kaek"] == self.kaek)
            pieces = split_polygon(shapely.from_wkb(bytes(feature.geometry().asWkb())),
                                   shapely.from_wkb(bytes(line.asWkb())))
            codes = next_kaeks(location, self.kaek, len(pieces))
            self.last_result = processing.run("municipal_gis:split_parcel", {
                "DATABASE": location, "KAEK": self.kaek, "LINE": line, "NEW_KAEK": ",".join(codes)})
            self.layer.dataProvider().reloadData()
            self.layer.triggerRepaint()
            self._say(tr("Parcel {kaek} split into {codes}.").format(kaek=self.kaek, codes=", ".join(codes)))
        except (DatabaseError, Exception) as exc:  # noqa: BLE001 - shown to the user, nothing written
            self.last_error = str(exc)
            self._say(self.last_error, warning=True)
        self.reset()

    def reset(self):
        self.kaek = None
        self.points = []
        self.band.reset(QgsWkbTypes.GeometryType.LineGeometry)

    def deactivate(self):
        self.reset()
        super().deactivate()

    def _say(self, text, warning=False):
        if self.iface is not None:
            bar = self.iface.messageBar()
            (bar.pushWarning if warning else bar.pushInfo)(tr("Split parcel"), text)
