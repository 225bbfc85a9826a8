"""`check_database`: report what is wrong with a municipal database, changing nothing.

Each finding names the layer, the feature (its fid, or -1 for the layer itself), the field, a
stable problem code and a translated message. Severity is `error` (data is wrong or
incomplete) or `warning` (worth a look, e.g. a project with no location yet).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
import shapely

from municipal_gis.compat import FieldType
from municipal_gis.core import crs as crs_rules
from municipal_gis.core import kaek as kaek_rules
from municipal_gis.core.topology import partition_defects, usable
from municipal_gis.i18n import tr
from municipal_gis.layers.database import DatabaseLocation, open_database
from municipal_gis.schema import catalogue
from municipal_gis.schema.vocabularies import codes

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    layer: str
    feature_id: int
    field: str
    problem: str
    message: str
    severity: str = ERROR


def _type_family(qfield) -> str:
    t = qfield.type()
    if t in (FieldType.String,):
        return catalogue.TEXT
    if t in (FieldType.Int, FieldType.LongLong, FieldType.UInt, FieldType.ULongLong):
        # OGR reports GeoPackage booleans as Bool, PostGIS int8 as LongLong
        return catalogue.INTEGER
    if t == FieldType.Double:
        return catalogue.REAL
    if t == FieldType.Date:
        return catalogue.DATE
    if t == FieldType.DateTime:
        return catalogue.DATETIME
    if t == FieldType.Bool:
        return catalogue.BOOLEAN
    return "other"


def _read_layer(qlayer, names, with_geometry):
    """The layer's rows as read_source gives them; a GeoPackage layer is read in bulk (GDAL's Arrow
    stream), its date-time columns, which the bulk reader leaves to QGIS, through QGIS."""
    from municipal_gis.qgisio.features import read_layer_bulk, read_source

    kinds = {f.name(): f.type() for f in qlayer.fields()}
    by_qgis = [n for n in names if kinds.get(n) == FieldType.DateTime]
    data = None
    if qlayer.providerType() == "ogr" and not qlayer.subsetString():
        data = read_layer_bulk(qlayer, [n for n in names if n not in by_qgis], with_geometry=with_geometry)
    if data is None:
        return read_source(qlayer, names, with_geometry=with_geometry)
    if by_qgis:
        from qgis.core import QgsFeatureRequest

        request = QgsFeatureRequest().setSubsetOfAttributes(by_qgis, qlayer.fields())
        rest = read_source(qlayer, by_qgis, request=request, with_geometry=False)
        if not np.array_equal(rest.fids, data.fids):
            position = {fid: i for i, fid in enumerate(rest.fids.tolist())}
            if len(position) != len(data.fids) or any(fid not in position for fid in data.fids.tolist()):
                return read_source(qlayer, names, with_geometry=with_geometry)
            order = [position[fid] for fid in data.fids.tolist()]
            rest.attributes = {n: [values[i] for i in order] for n, values in rest.attributes.items()}
        data.attributes.update(rest.attributes)
    data.attributes = {n: data.attributes[n] for n in names}
    return data


class _Checker:
    def __init__(self, location: DatabaseLocation, feedback=None, topology_tolerance_m2: float = 0.01):
        self.location = location
        self.feedback = feedback
        self.tolerance = topology_tolerance_m2
        self.findings: list[Finding] = []
        self.data = {}  # layer id -> SourceData

    def add(self, layer, fid, field, problem, message, severity=ERROR):
        self.findings.append(Finding(layer, int(fid), field, problem, message, severity))

    def cancelled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def progress(self, value: float, text: str = ""):
        if self.feedback is not None:
            self.feedback.setProgress(value)
            if text:
                self.feedback.pushInfo(text)

    # ----------------------------------------------------------------------------------
    def run(self) -> list[Finding]:
        info = open_database(self.location)
        if not info.is_municipal:
            self.add(catalogue.METADATA_TABLE, -1, "", "no_schema_version",
                     tr("The database has no municipal schema version: it was not made by this plugin, or "
                        "its metadata table is missing."))
        layers = catalogue.LAYERS
        for n, spec in enumerate(layers):
            if self.cancelled():
                break
            self.progress(60.0 * n / len(layers), tr("Checking layer {layer}").format(layer=spec.id))
            if spec.id not in info.tables:
                self.add(spec.id, -1, "", "missing_layer",
                         tr("Layer {layer} ({name}) is missing.").format(layer=spec.id, name=spec.name_en))
                continue
            qlayer = self.location.qgs_layer(spec.id)
            if not qlayer.isValid():
                self.add(spec.id, -1, "", "unreadable_layer",
                         tr("Layer {layer} cannot be opened.").format(layer=spec.id))
                continue
            present = {f.name(): f for f in qlayer.fields()}
            for field in spec.all_fields:
                if field.name not in present:
                    self.add(spec.id, -1, field.name, "missing_field",
                             tr("Layer {layer}: field {field} is missing.").format(layer=spec.id, field=field.name))
                    continue
                family = _type_family(present[field.name])
                expected = field.type
                compatible = family == expected or (expected == catalogue.BOOLEAN and family == catalogue.INTEGER)
                if not compatible:
                    self.add(spec.id, -1, field.name, "wrong_type",
                             tr("Layer {layer}: field {field} has type {found}, expected {expected}.").format(
                                 layer=spec.id, field=field.name, found=present[field.name].typeName(),
                                 expected=expected))
            names = [f.name for f in spec.all_fields if f.name in present]
            data = _read_layer(qlayer, names, spec.is_spatial)
            self.data[spec.id] = data
            if spec.is_spatial:
                self._check_crs(spec, qlayer)
            self._check_values(spec, data)
            if spec.is_spatial:
                self._check_geometries(spec, data)
        if not self.cancelled():
            self.progress(65.0, tr("Checking references between layers"))
            self._check_references()
            self._check_kaek()
            self._check_certificates()
        if not self.cancelled():
            self.progress(75.0, tr("Checking parcels inside city blocks"))
            self._check_partition()
        self.progress(100.0)
        return self.findings

    def _check_crs(self, spec, qlayer):
        authid = qlayer.crs().authid()
        if authid != f"EPSG:{catalogue.CRS_EPSG}":
            self.add(spec.id, -1, "geom", "wrong_crs",
                     tr("Layer {layer} is in {crs}, not EPSG:2100 (ΕΓΣΑ87).").format(layer=spec.id,
                                                                                    crs=authid or "?"))
        # the box of the geometries that exist: a layer whose rows have no geometry yet (projects just
        # imported from the programme table) has no coordinates to judge
        data = self.data.get(spec.id)
        geoms = np.asarray(data.geometries if data is not None else [], dtype=object)
        present = geoms[usable(geoms)]
        if not len(present):
            return
        box = tuple(float(v) for v in shapely.total_bounds(present))
        if not all(math.isfinite(v) for v in box):
            return
        if crs_rules.looks_like_degrees(*box):
            self.add(spec.id, -1, "geom", "coordinates_in_degrees",
                     tr("Layer {layer}: coordinates look like degrees (longitude/latitude), not ΕΓΣΑ87 metres.")
                     .format(layer=spec.id))
        elif crs_rules.looks_swapped(*box):
            self.add(spec.id, -1, "geom", "swapped_axes",
                     tr("Layer {layer}: easting and northing look swapped.").format(layer=spec.id))
        elif not crs_rules.plausible_egsa87(*box):
            self.add(spec.id, -1, "geom", "implausible_coordinates",
                     tr("Layer {layer}: coordinates fall outside Greece in ΕΓΣΑ87.").format(layer=spec.id))

    def _check_values(self, spec, data):
        for field in spec.all_fields:
            values = data.attributes.get(field.name)
            if values is None:
                continue
            if field.not_null:
                for fid, value in zip(data.fids, values):
                    if value is None or (isinstance(value, str) and not value.strip()):
                        self.add(spec.id, fid, field.name, "missing_value",
                                 tr("Layer {layer}, feature {fid}: field {field} is empty but required.").format(
                                     layer=spec.id, fid=fid, field=field.name))
            if field.unique:
                counts = Counter(v for v in values if v is not None)
                for fid, value in zip(data.fids, values):
                    if value is not None and counts[value] > 1:
                        self.add(spec.id, fid, field.name, "duplicate_value",
                                 tr("Layer {layer}, feature {fid}: {field} «{value}» occurs {n} times.").format(
                                     layer=spec.id, fid=fid, field=field.name, value=value, n=counts[value]))
            if field.vocabulary:
                allowed = set(codes(field.vocabulary))
                for fid, value in zip(data.fids, values):
                    if value is not None and value != "" and value not in allowed:
                        self.add(spec.id, fid, field.name, "unknown_code",
                                 tr("Layer {layer}, feature {fid}: {field} «{value}» is not in the value list.")
                                 .format(layer=spec.id, fid=fid, field=field.name, value=value))

    def _check_geometries(self, spec, data):
        geoms = np.asarray(data.geometries, dtype=object)
        present = usable(geoms)
        valid = np.zeros(len(geoms), dtype=bool)
        valid[present] = shapely.is_valid(geoms[present])
        for i in np.flatnonzero(~valid).tolist():
            fid = data.fids[i]
            if not present[i]:
                if spec.id == catalogue.PROJECT_LAYER:
                    continue  # projects may have no footprint: see project_without_location
                self.add(spec.id, fid, "geom", "empty_geometry",
                         tr("Layer {layer}, feature {fid}: the geometry is empty.").format(layer=spec.id, fid=fid))
            else:
                self.add(spec.id, fid, "geom", "invalid_geometry",
                         tr("Layer {layer}, feature {fid}: invalid geometry ({reason}).").format(
                             layer=spec.id, fid=fid, reason=shapely.is_valid_reason(geoms[i])))

    def _check_references(self):
        projects = self.data.get(catalogue.PROJECT_LAYER)
        known_projects = set(projects.attributes.get(catalogue.PROJECT_KEY, [])) if projects else set()
        for spec in catalogue.LAYERS:
            data = self.data.get(spec.id)
            if data is None or spec.id == catalogue.PROJECT_LAYER:
                continue
            if catalogue.PROJECT_KEY in data.attributes and (spec.project_link or spec.id == "project_funding"):
                for fid, code in zip(data.fids, data.attributes[catalogue.PROJECT_KEY]):
                    if code and code not in known_projects:
                        self.add(spec.id, fid, catalogue.PROJECT_KEY, "unknown_project",
                                 tr("Layer {layer}, feature {fid}: project «{code}» is not in the technical "
                                    "programme.").format(layer=spec.id, fid=fid, code=code))
        properties = self.data.get("municipal_property")
        known_properties = set(properties.attributes.get("property_code", [])) if properties else set()
        for child in ("lease", "encroachment"):
            data = self.data.get(child)
            if data is None or "property_code" not in data.attributes:
                continue
            for fid, code in zip(data.fids, data.attributes["property_code"]):
                if code and code not in known_properties:
                    self.add(child, fid, "property_code", "unknown_property",
                             tr("Layer {layer}, feature {fid}: property «{code}» is not in the municipal "
                                "property register.").format(layer=child, fid=fid, code=code))
        if projects is not None and len(projects):
            located = set()
            for spec in catalogue.LAYERS:
                data = self.data.get(spec.id)
                if data is not None and spec.project_link and spec.is_spatial:
                    located.update(c for c in data.attributes.get(catalogue.PROJECT_KEY, []) if c)
            for fid, code, geom in zip(projects.fids, projects.attributes.get(catalogue.PROJECT_KEY, []),
                                       projects.geometries):
                has_own = geom is not None and not shapely.is_empty(geom)
                if code and not has_own and code not in located:
                    self.add(catalogue.PROJECT_LAYER, fid, "geom", "project_without_location",
                             tr("Project «{code}» has no footprint and no feature is tied to it.").format(code=code),
                             severity=WARNING)

    def _check_kaek(self):
        for layer_id in ("parcel", "municipal_property", "land_use_certificate"):
            data = self.data.get(layer_id)
            if data is None or "kaek" not in data.attributes:
                continue
            for fid, value in zip(data.fids, data.attributes["kaek"]):
                if value is None or value == "":
                    continue  # required-ness is reported by the not-null check
                result = kaek_rules.check(value)
                if not result.valid:
                    self.add(layer_id, fid, "kaek", "malformed_kaek",
                             tr("Layer {layer}, feature {fid}: ΚΑΕΚ «{value}» is malformed (12 digits, optionally "
                                "followed by a unit suffix such as /0/2).").format(layer=layer_id, fid=fid,
                                                                                   value=value))

    def _check_certificates(self):
        """Issued certificates whose zone shares do not add up to 100 %: the first release gave a parcel
        wholly inside one zone a phantom «(εκτός ζώνης)» row too. They must be reissued (the
        register is append-only: a reissue replaces, it never edits)."""
        data = self.data.get("land_use_certificate")
        if data is None or "result_json" not in data.attributes:
            return
        import json
        import math

        replaced = {str(v) for v in data.attributes.get("replaces_no", []) if v}
        for fid, number, kaek, text in zip(data.fids, data.attributes.get("certificate_no", [None] * len(data)),
                                           data.attributes.get("kaek", [None] * len(data)),
                                           data.attributes["result_json"]):
            if not text or str(number) in replaced:
                continue
            try:
                rows = json.loads(text)
                total = sum(float(r.get("share_pct") or 0.0) for r in rows)
            except (TypeError, ValueError, AttributeError):
                self.add("land_use_certificate", fid, "result_json", "unreadable_result",
                         tr("Certificate {number} (ΚΑΕΚ {kaek}): its stored result cannot be read.").format(
                             number=number, kaek=kaek))
                continue
            if rows and (not math.isfinite(total) or abs(total - 100.0) > 0.01):
                self.add("land_use_certificate", fid, "result_json", "shares_not_100",
                         tr("Certificate {number} (ΚΑΕΚ {kaek}): its zone shares add up to {total} %, not 100 %; "
                            "reissue it (an earlier release added a phantom unzoned row to parcels wholly inside "
                            "one zone).").format(number=number, kaek=kaek, total=f"{total:.2f}"))

    def _check_partition(self):
        parcels, blocks = self.data.get("parcel"), self.data.get("city_block")
        if parcels is None or blocks is None or not len(parcels) or not len(blocks):
            return
        geometries = parcels.geometries
        if "status" in parcels.attributes:  # closed parcels (split or merged) are history, not the partition
            geometries = geometries.copy()
            geometries[[s == catalogue.PARCEL_CLOSED for s in parcels.attributes["status"]]] = None
        defects = partition_defects(geometries, blocks.geometries, self.tolerance)
        for defect in defects:
            if defect.kind == "overlap":
                self.add("parcel", parcels.fids[defect.index], "geom", "parcel_overlap",
                         tr("Layer parcel, feature {fid}: overlaps parcel {other} by {area} m².").format(
                             fid=parcels.fids[defect.index], other=parcels.fids[defect.other],
                             area=f"{defect.area_m2:.2f}"))
            else:
                self.add("city_block", blocks.fids[defect.index], "geom", "parcel_gap",
                         tr("Layer city_block, feature {fid}: {area} m² of the block are in no parcel.").format(
                             fid=blocks.fids[defect.index], area=f"{defect.area_m2:.2f}"))


def check_database(location, feedback=None, topology_tolerance_m2: float = 0.01) -> list[Finding]:
    """All findings for a database (raises DatabaseError when it cannot be opened at all)."""
    return _Checker(DatabaseLocation.parse(location), feedback, topology_tolerance_m2).run()


def error_count(findings) -> int:
    return sum(1 for f in findings if f.severity == ERROR)

