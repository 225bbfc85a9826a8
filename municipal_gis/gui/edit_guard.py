"""Guarding QGIS edits of the parcel layer: the cadastral check at commit, and no lost updates.

`EditGuard(layer, location)` follows one parcel layer:
- when a feature is first touched in an edit session it notes the feature's `row_version`;
  before the commit it declares that version to the database (PostGIS refuses the save if
  someone else changed the feature meanwhile) and refuses stale saves itself with a message
  naming the feature and who changed it;
- before the commit it runs the cadastral check on the edited parcels only
  (`layers.edit_check.check_edit`); a violation stops the commit (the database is told to refuse
  this commit's writes), the message names the ΚΑΕΚ, and the problem areas are put on the map
  in a temporary layer. `accept(reason)` lets the next commit through and records the
  exception with its reason.
"""

from __future__ import annotations

import shapely
from qgis.core import QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, QTimer

from municipal_gis.core.editing import EditedParcel
from municipal_gis.i18n import tr
from municipal_gis.layers.database import DatabaseLocation, write_records
from municipal_gis.layers.edit_check import check_edit, clear_veto, set_veto
from municipal_gis.layers.edit_history import _read
from municipal_gis.layers.history import VETO_TABLE, history_table
from municipal_gis.qgisio.features import feature_fid, fid_field_index, to_python, to_qgs_geometry
from municipal_gis.schema import catalogue


def describe(violation) -> str:
    v = violation
    area = f"{v.area_m2:.2f}"
    texts = {
        "invalid": tr("ΚΑΕΚ {kaek}: the geometry is not valid ({detail})."),
        "kaek_format": tr("ΚΑΕΚ «{kaek}» is not well-formed (12 digits)."),
        "kaek_duplicate": tr("ΚΑΕΚ {kaek} is used by another parcel."),
        "overlap": tr("ΚΑΕΚ {kaek} overlaps parcel {other} by {area} m²."),
        "outside_block": tr("ΚΑΕΚ {kaek} lies {area} m² outside city block {other}."),
        "gap": tr("ΚΑΕΚ {kaek}: the edit opens a gap of {area} m² inside the city block."),
        "area_duplicated": tr("ΚΑΕΚ {kaek}: the parts {other} together register {area} m² more than the "
                              "parcel they come from."),
    }
    return texts[v.rule].format(kaek=v.kaek, other=v.other, area=area, detail=v.other)


def _shape(feature):
    geometry = feature.geometry()
    if geometry is None or geometry.isNull():
        return None
    return shapely.from_wkb(bytes(geometry.asWkb()))


class EditGuard(QObject):
    def __init__(self, layer: QgsVectorLayer, location, iface=None, parent=None):
        super().__init__(parent or layer)
        self.layer = layer
        self.location = DatabaseLocation.parse(location)
        self.iface = iface
        self.versions: dict[int, object] = {}  # QGIS feature id -> row_version when first touched
        self.table_fids: dict[int, int] = {}  # QGIS feature id -> the row's fid (they differ in PostGIS)
        self.edited_ids: set[int] = set()
        self.violations = []
        self.stale: list[str] = []
        self.message = ""
        self.reason: str | None = None
        self.problem_layer = None
        layer.editingStarted.connect(self._started)
        layer.geometryChanged.connect(self._touched)
        layer.attributeValueChanged.connect(self._touched)
        layer.beforeCommitChanges.connect(self._before_commit)
        layer.afterCommitChanges.connect(self._started)

    # -- following the session ---------------------------------------------------------------------
    def _started(self, *args):
        self.versions.clear()
        self.table_fids.clear()

    def _touched(self, fid, *args):
        if fid < 0 or fid in self.versions:
            return
        index = self.layer.fields().indexFromName(catalogue.ROW_VERSION)
        if index < 0:
            return
        request = QgsFeatureRequest(fid).setFlags(QgsFeatureRequest.Flag.NoGeometry)
        fid_index = fid_field_index(self.layer.fields())
        request.setSubsetOfAttributes([index] + ([fid_index] if fid_index >= 0 else []))
        for feature in self.layer.dataProvider().getFeatures(request):
            self.versions[fid] = to_python(feature.attribute(index))
            self.table_fids[fid] = feature_fid(feature)  # QGIS numbers a bigint key's rows itself

    def accept(self, reason: str) -> None:
        """Let the next commit through despite violations, recording them with `reason`."""
        self.reason = reason.strip() or None

    # -- the commit ----------------------------------------------------------------------------------
    def edited(self):
        """(the edited parcels, the fids of the rows changed or deleted). The fids are the table's,
        as the database checks need them; `self.edited_ids` keeps QGIS's ids of the same rows."""
        self.edited_ids = set()
        buffer = self.layer.editBuffer()
        if buffer is None:
            return [], set()
        changed = set(buffer.changedGeometries()) | set(buffer.changedAttributeValues())
        deleted = set(buffer.deletedFeatureIds())
        items, fids = [], set()
        originals = {}
        if changed | deleted:
            request = QgsFeatureRequest().setFilterFids(sorted(changed | deleted))
            originals = {f.id(): f for f in self.layer.dataProvider().getFeatures(request)}
        for qid, feature in originals.items():
            self.table_fids.setdefault(qid, feature_fid(feature))
        self.edited_ids = changed | deleted
        for fid in sorted(changed - deleted):
            current = self.layer.getFeature(fid)
            before = originals.get(fid)
            fids.add(self.table_fids.get(fid, fid))
            if current["status"] == catalogue.PARCEL_CLOSED:
                continue
            items.append(EditedParcel(to_python(current["kaek"]), _shape(current),
                                      to_python(current["registered_area_m2"]), to_python(current["ot_code"]),
                                      _shape(before) if before else None,
                                      to_python(before["registered_area_m2"]) if before else None))
        for fid in sorted(deleted):
            before = originals.get(fid)
            fids.add(self.table_fids.get(fid, fid))
            if before is not None:
                items.append(EditedParcel(to_python(before["kaek"]), None, None, to_python(before["ot_code"]),
                                          _shape(before), to_python(before["registered_area_m2"])))
        for feature in buffer.addedFeatures().values():
            items.append(EditedParcel(to_python(feature["kaek"]), _shape(feature),
                                      to_python(feature["registered_area_m2"]), to_python(feature["ot_code"])))
        return items, fids

    def _stale(self, ids) -> list[str]:
        """Messages for the rows (QGIS ids `ids`) someone else saved since this session first touched them."""
        if not self.versions:
            return []
        version_of = {self.table_fids.get(q, q): v for q, v in self.versions.items() if q in ids}
        wanted = sorted(version_of)
        if not wanted:
            return []
        p = self.location.paramstyle
        rows = _read(self.location, f"SELECT fid, kaek, row_version FROM {self.location.table('parcel')} WHERE fid IN "
                                    f"({', '.join([p] * len(wanted))})", wanted)
        out = []
        for fid, kaek, version in rows:
            if (version or 0) != (version_of.get(fid) or 0):
                who = _read(self.location, f"SELECT h_user, h_time FROM {self.location.table(history_table('parcel'))} "
                                           f"WHERE h_feature_id = {p} ORDER BY change_id DESC LIMIT 1", (fid,))
                user, when = (who[0] if who else (None, None))
                out.append(tr("ΚΑΕΚ {kaek} was changed by {user} at {when} after you started editing it; reload "
                              "the layer and apply your change again.").format(
                    kaek=kaek, user=user or "?", when=str(when or "?")[:19]))
        return out

    def _before_commit(self, stop_editing=False):
        clear_veto(self.location, "parcel")
        edited, fids = self.edited()
        self.violations = check_edit(self.location, edited, fids) if edited else []
        self.stale = self._stale(self.edited_ids)
        texts = self.stale + [describe(v) for v in self.violations]
        self.message = "\n".join(texts)
        if self.stale or (self.violations and not self.reason):
            set_veto(self.location, "parcel", self.message)
            QTimer.singleShot(0, lambda: clear_veto(self.location, "parcel"))
            self._show()
            return
        if self.violations:
            self._record_exceptions()
        self.reason = None
        if self.location.backend.row_versions:
            index = self.layer.fields().indexFromName(catalogue.ROW_VERSION)
            for fid in sorted(self.edited_ids):  # QGIS's ids: the edit buffer's
                if fid in self.versions and index >= 0:
                    self.layer.editBuffer().changeAttributeValue(fid, index, self.versions[fid])

    def _record_exceptions(self) -> None:
        import datetime as dt
        import getpass

        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        records = [{"layer_id": "parcel", "kaek": v.kaek, "rule": v.rule, "detail": describe(v),
                    "reason": self.reason, "user_name": getpass.getuser(), "accepted_at": now}
                   for v in self.violations]
        if self.location.backend.rules_in_database:
            # the database's own rules accept these ΚΑΕΚ for this commit and record them themselves
            for v in self.violations:
                set_veto(self.location, "accept:" + v.kaek, self.reason)
            QTimer.singleShot(0, lambda: [clear_veto(self.location, "accept:" + v.kaek) for v in self.violations])
            return
        write_records(self.location, "edit_exception", records)

    def _show(self) -> None:
        from qgis.core import QgsFeature

        shapes = [v.geometry for v in self.violations if v.geometry is not None and not v.geometry.is_empty]
        if self.iface is None:
            return
        if shapes:
            layer = QgsVectorLayer(f"MultiPolygon?crs=EPSG:{catalogue.CRS_EPSG}&field=problem:string(200)",
                                   tr("Cadastral check problems"), "memory")
            features = []
            for v in self.violations:
                if v.geometry is None or v.geometry.is_empty:
                    continue
                feature = QgsFeature(layer.fields())
                feature.setAttributes([describe(v)])
                feature.setGeometry(to_qgs_geometry(shapely.multipolygons([v.geometry])
                                                    if v.geometry.geom_type == "Polygon" else v.geometry))
                features.append(feature)
            layer.dataProvider().addFeatures(features)
            if self.problem_layer is not None:
                QgsProject.instance().removeMapLayer(self.problem_layer.id())
            QgsProject.instance().addMapLayer(layer)
            self.problem_layer = layer
        self.iface.messageBar().pushWarning(tr("Cadastral check"), tr("The commit was stopped: {problems}").format(
            problems=self.message.replace("\n", " ")))


__all__ = ["EditGuard", "describe", "VETO_TABLE"]
