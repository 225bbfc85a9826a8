"""`check_database`: report what is wrong with a municipal database, changing nothing.

Each finding names the layer, the feature (its fid, or -1 for the layer itself), the field, a
stable problem code and a translated message. Severity is `error` (data is wrong or
incomplete) or `warning` (worth a look, e.g. a project with no location yet).

Two ways to the same findings. When the backend can check in the database
(`Backend.checks_in_database`: PostGIS), the set-based checks — values, codes, duplicates, ΚΑΕΚ,
geometries, references, parcels × blocks — run there as SQL (layers/backends/postgis_checks.py)
and only the offending rows come back; otherwise (GeoPackage, or the SQL path cannot run: a log
line says why) every layer is read into QGIS and checked with shapely. Messages are made here,
from the same texts, for both; tests/test_checks_in_database.py holds them equal.
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
from municipal_gis.layers.database import DatabaseError, DatabaseLocation, open_database
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
        # read_source names the rows by their fid column (QGIS numbers the features of a bigint key
        # itself, in its own order for the session): the number the table and the SQL path know
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


KAEK_PLAIN = "^[0-9]{12}$"  # a ΚΑΕΚ that kaek.check accepts without looking further (the common case)


def _note(feedback, text: str) -> None:
    """A line in the algorithm's log, or in QGIS's message log when there is no algorithm."""
    if feedback is not None:
        feedback.pushInfo(text)
        return
    from qgis.core import Qgis, QgsMessageLog

    QgsMessageLog.logMessage(text, tr("Municipal GIS"), Qgis.MessageLevel.Info)


class _Checker:
    def __init__(self, location: DatabaseLocation, feedback=None, topology_tolerance_m2: float = 0.01,
                 in_database: bool = True):
        self.location = location
        self.feedback = feedback
        self.tolerance = topology_tolerance_m2
        self.in_database = in_database
        self.findings: list[Finding] = []
        self.data = {}  # layer id -> SourceData (Python path)
        self.columns = {}  # layer id -> the catalogue fields the layer has (layers that could be read)
        self.db = None  # the backend's in-database checks (SQL path), or None
        self.unusable = {}  # layer id -> fids whose geometry is missing, empty or invalid (SQL path)
        self.path = ""  # "sql" or "python": how the last run checked

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
    def _open_in_database(self):
        """The backend's SQL checks, or None (the reason, when there is one, goes to the log)."""
        if not self.in_database:
            return None
        backend = self.location.backend
        try:
            errors = (DatabaseError, ImportError) + tuple(backend.errors())
        except ImportError:
            errors = (DatabaseError, ImportError)
        try:
            db = backend.checks_in_database()
        except errors as exc:
            _note(self.feedback, tr("The checks cannot run in the database ({reason}); every layer is read into "
                                    "QGIS instead.").format(reason=str(exc).strip()))
            return None
        if db is not None:
            _note(self.feedback, tr("The checks run as SQL in the database."))
        return db

    def run(self) -> list[Finding]:
        info = open_database(self.location)
        self.db = self._open_in_database()
        if self.db is None:
            self.path = "python"
            return self._run(info)
        errors = tuple(self.location.backend.errors())
        try:
            self.path = "sql"
            return self._run(info)
        except errors as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            _note(self.feedback, tr("The checks in the database failed ({reason}); every layer is read into QGIS "
                                    "instead.").format(reason=reason))
        finally:
            if self.db is not None:
                self.db.close()
        self.db, self.path = None, "python"
        self.findings, self.data, self.columns, self.unusable = [], {}, {}, {}
        return self._run(info)

    def _run(self, info) -> list[Finding]:
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
            self.columns[spec.id] = names
            if self.db is not None:
                self._check_layer_in_database(spec, qlayer, present, names)
                continue
            data = _read_layer(qlayer, names, spec.is_spatial)
            self.data[spec.id] = data
            if spec.is_spatial:
                self._check_crs(spec, qlayer, _box(data.geometries))
            self._check_values(spec, data)
            if spec.is_spatial:
                self._check_geometries(spec, data)
        if not self.cancelled():
            self.progress(65.0, tr("Checking references between layers"))
            if self.db is not None:
                self._check_references_in_database()
                self._check_kaek_in_database()
                self._check_certificates(self._certificates_from_database())
            else:
                self._check_references()
                self._check_kaek()
                self._check_certificates(self.data.get("land_use_certificate"))
        if not self.cancelled():
            self.progress(75.0, tr("Checking parcels inside city blocks"))
            if self.db is not None:
                self._check_partition_in_database()
            else:
                self._check_partition()
        self.progress(100.0)
        return self.findings

    # -- the findings, one way of saying each whichever path found it -----------------------------
    def _missing_value(self, layer, fid, field):
        self.add(layer, fid, field, "missing_value",
                 tr("Layer {layer}, feature {fid}: field {field} is empty but required.").format(
                     layer=layer, fid=fid, field=field))

    def _duplicate_value(self, layer, fid, field, value, n):
        self.add(layer, fid, field, "duplicate_value",
                 tr("Layer {layer}, feature {fid}: {field} «{value}» occurs {n} times.").format(
                     layer=layer, fid=fid, field=field, value=value, n=n))

    def _unknown_code(self, layer, fid, field, value):
        self.add(layer, fid, field, "unknown_code",
                 tr("Layer {layer}, feature {fid}: {field} «{value}» is not in the value list.")
                 .format(layer=layer, fid=fid, field=field, value=value))

    def _empty_geometry(self, layer, fid):
        self.add(layer, fid, "geom", "empty_geometry",
                 tr("Layer {layer}, feature {fid}: the geometry is empty.").format(layer=layer, fid=fid))

    def _invalid_geometry(self, layer, fid, reason):
        self.add(layer, fid, "geom", "invalid_geometry",
                 tr("Layer {layer}, feature {fid}: invalid geometry ({reason}).").format(
                     layer=layer, fid=fid, reason=reason))

    def _unknown_project(self, layer, fid, code):
        self.add(layer, fid, catalogue.PROJECT_KEY, "unknown_project",
                 tr("Layer {layer}, feature {fid}: project «{code}» is not in the technical "
                    "programme.").format(layer=layer, fid=fid, code=code))

    def _unknown_property(self, layer, fid, code):
        self.add(layer, fid, "property_code", "unknown_property",
                 tr("Layer {layer}, feature {fid}: property «{code}» is not in the municipal "
                    "property register.").format(layer=layer, fid=fid, code=code))

    def _project_without_location(self, fid, code):
        self.add(catalogue.PROJECT_LAYER, fid, "geom", "project_without_location",
                 tr("Project «{code}» has no footprint and no feature is tied to it.").format(code=code),
                 severity=WARNING)

    def _malformed_kaek(self, layer, fid, value):
        self.add(layer, fid, "kaek", "malformed_kaek",
                 tr("Layer {layer}, feature {fid}: ΚΑΕΚ «{value}» is malformed (12 digits, optionally "
                    "followed by a unit suffix such as /0/2).").format(layer=layer, fid=fid, value=value))

    def _overlap(self, fid, other, area):
        self.add("parcel", fid, "geom", "parcel_overlap",
                 tr("Layer parcel, feature {fid}: overlaps parcel {other} by {area} m².").format(
                     fid=fid, other=other, area=f"{area:.2f}"))

    def _gap(self, fid, area):
        self.add("city_block", fid, "geom", "parcel_gap",
                 tr("Layer city_block, feature {fid}: {area} m² of the block are in no parcel.").format(
                     fid=fid, area=f"{area:.2f}"))

    # -- the SQL path ------------------------------------------------------------------------------
    def _check_layer_in_database(self, spec, qlayer, present, names):
        db = self.db
        if spec.is_spatial:
            self._check_crs(spec, qlayer, db.extent(spec.id))
        fields = [f for f in spec.all_fields if f.name in names]
        rows = db.value_problems(
            spec.id, required=[f.name for f in fields if f.not_null],
            blank={f.name for f in fields if _type_family(present[f.name]) == catalogue.TEXT},
            unique=[f.name for f in fields if f.unique],
            vocabularies={f.name: codes(f.vocabulary) for f in fields if f.vocabulary})
        for fid, field, problem, value, n in rows:
            if problem == "missing_value":
                self._missing_value(spec.id, fid, field)
            elif problem == "duplicate_value":
                self._duplicate_value(spec.id, fid, field, value, n)
            else:
                self._unknown_code(spec.id, fid, field, value)
        if spec.is_spatial:
            problems = db.geometry_problems(spec.id)
            self.unusable[spec.id] = [fid for fid, _ in problems]
            for fid, wkb in problems:
                if wkb is not None:
                    # the reason (and, should two GEOS releases ever disagree, the verdict) of the Python path
                    geometry = shapely.from_wkb(wkb)
                    if not shapely.is_valid(geometry):
                        self._invalid_geometry(spec.id, fid, shapely.is_valid_reason(geometry))
                elif spec.id != catalogue.PROJECT_LAYER:  # projects may have no footprint
                    self._empty_geometry(spec.id, fid)

    def _check_references_in_database(self):
        db, key = self.db, catalogue.PROJECT_KEY
        project_columns = self.columns.get(catalogue.PROJECT_LAYER)
        parent = (catalogue.PROJECT_LAYER, key) if project_columns is not None and key in project_columns else None
        for spec in catalogue.LAYERS:
            columns = self.columns.get(spec.id)
            if columns is None or spec.id == catalogue.PROJECT_LAYER:
                continue
            if key in columns and (spec.project_link or spec.id == "project_funding"):
                for fid, code in db.unknown_references(spec.id, key, parent):
                    self._unknown_project(spec.id, fid, code)
        property_columns = self.columns.get("municipal_property")
        parent = (("municipal_property", "property_code")
                  if property_columns is not None and "property_code" in property_columns else None)
        for child in ("lease", "encroachment"):
            if "property_code" in self.columns.get(child, ()):
                for fid, code in db.unknown_references(child, "property_code", parent):
                    self._unknown_property(child, fid, code)
        if project_columns is not None and key in project_columns:
            located = [spec.id for spec in catalogue.LAYERS
                       if spec.project_link and spec.is_spatial and key in self.columns.get(spec.id, ())]
            for fid, code in db.unlocated_projects(located):
                self._project_without_location(fid, code)

    def _check_kaek_in_database(self):
        """Only the ΚΑΕΚ that are not plain 12 digits come back, for kaek.check to judge."""
        for layer_id in ("parcel", "municipal_property", "land_use_certificate"):
            if "kaek" not in self.columns.get(layer_id, ()):
                continue
            for fid, value in self.db.odd_values(layer_id, "kaek", KAEK_PLAIN):
                if not kaek_rules.check(value).valid:
                    self._malformed_kaek(layer_id, fid, value)

    def _certificates_from_database(self):
        """The register's columns that the certificate check reads (no geometry: the register has none)."""
        from municipal_gis.qgisio.features import SourceData

        columns = self.columns.get("land_use_certificate")
        if columns is None or "result_json" not in columns:
            return None
        names = [n for n in ("certificate_no", "kaek", "result_json", "replaces_no") if n in columns]
        fids, values = self.db.columns("land_use_certificate", names)
        return SourceData(np.asarray(fids, dtype=np.int64), np.empty(len(fids), dtype=object), values)

    def _check_partition_in_database(self):
        db = self.db
        parcel_columns, block_columns = self.columns.get("parcel"), self.columns.get("city_block")
        if parcel_columns is None or block_columns is None or not db.count("parcel") or not db.count("city_block"):
            return
        has_status = "status" in parcel_columns
        unusable = self.unusable.get("parcel", [])
        overlapping = set()
        for fid, other, area in db.overlaps(unusable, has_status, boxes_must_share_area=self.tolerance >= 0):
            overlapping.update((fid, other))
            if area > self.tolerance:
                self._overlap(fid, other, area)
        for fid, area in db.gaps(self.tolerance, unusable, sorted(overlapping), has_status):
            self._gap(fid, area)

    # -- the Python path ---------------------------------------------------------------------------
    def _check_crs(self, spec, qlayer, box):
        """`box`: (minx, miny, maxx, maxy) of the geometries that exist, None when none do (a layer whose
        rows have no geometry yet, as projects just imported from the programme table, has no
        coordinates to judge)."""
        authid = qlayer.crs().authid()
        if authid != f"EPSG:{catalogue.CRS_EPSG}":
            self.add(spec.id, -1, "geom", "wrong_crs",
                     tr("Layer {layer} is in {crs}, not EPSG:2100 (ΕΓΣΑ87).").format(layer=spec.id,
                                                                                    crs=authid or "?"))
        if box is None or not all(math.isfinite(v) for v in box):
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
                        self._missing_value(spec.id, fid, field.name)
            if field.unique:
                counts = Counter(v for v in values if v is not None)
                for fid, value in zip(data.fids, values):
                    if value is not None and counts[value] > 1:
                        self._duplicate_value(spec.id, fid, field.name, value, counts[value])
            if field.vocabulary:
                allowed = set(codes(field.vocabulary))
                for fid, value in zip(data.fids, values):
                    if value is not None and value != "" and value not in allowed:
                        self._unknown_code(spec.id, fid, field.name, value)

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
                self._empty_geometry(spec.id, fid)
            else:
                self._invalid_geometry(spec.id, fid, shapely.is_valid_reason(geoms[i]))

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
                        self._unknown_project(spec.id, fid, code)
        properties = self.data.get("municipal_property")
        known_properties = set(properties.attributes.get("property_code", [])) if properties else set()
        for child in ("lease", "encroachment"):
            data = self.data.get(child)
            if data is None or "property_code" not in data.attributes:
                continue
            for fid, code in zip(data.fids, data.attributes["property_code"]):
                if code and code not in known_properties:
                    self._unknown_property(child, fid, code)
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
                    self._project_without_location(fid, code)

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
                    self._malformed_kaek(layer_id, fid, value)

    def _check_certificates(self, data):
        """Issued certificates whose zone shares do not add up to 100 %: the first release gave a parcel
        wholly inside one zone a phantom «(εκτός ζώνης)» row too. They must be reissued (the
        register is append-only: a reissue replaces, it never edits). `data`: the register's rows."""
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
        # in fid order, whatever order the rows were read in: a pair is named by its lower fid first and
        # a parcel in overlapping blocks belongs to the lowest fid's, as on the SQL path
        parcel_order = np.argsort(parcels.fids, kind="stable")
        block_order = np.argsort(blocks.fids, kind="stable")
        parcel_fids, block_fids = parcels.fids[parcel_order], blocks.fids[block_order]
        geometries = np.asarray(parcels.geometries, dtype=object)[parcel_order]
        if "status" in parcels.attributes:  # closed parcels (split or merged) are history, not the partition
            closed = np.array([s == catalogue.PARCEL_CLOSED for s in parcels.attributes["status"]], dtype=bool)
            geometries[closed[parcel_order]] = None
        block_geometries = np.asarray(blocks.geometries, dtype=object)[block_order]
        for defect in partition_defects(geometries, block_geometries, self.tolerance):
            if defect.kind == "overlap":
                self._overlap(parcel_fids[defect.index], parcel_fids[defect.other], defect.area_m2)
            else:
                self._gap(block_fids[defect.index], defect.area_m2)


def _box(geometries):
    """(minx, miny, maxx, maxy) of the geometries that exist and are not empty, None when none do."""
    geoms = np.asarray(geometries if geometries is not None else [], dtype=object)
    present = geoms[usable(geoms)]
    if not len(present):
        return None
    return tuple(float(v) for v in shapely.total_bounds(present))


def check_database(location, feedback=None, topology_tolerance_m2: float = 0.01,
                   in_database: bool = True) -> list[Finding]:
    """All findings for a database (raises DatabaseError when it cannot be opened at all).

    `in_database`: run the checks as SQL in the database when its backend can (PostGIS); False reads
    every layer into QGIS whatever the backend (the same findings, slower on a large database)."""
    return _Checker(DatabaseLocation.parse(location), feedback, topology_tolerance_m2, in_database).run()


def error_count(findings) -> int:
    return sum(1 for f in findings if f.severity == ERROR)

