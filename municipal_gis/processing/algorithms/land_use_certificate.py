"""Land-use certificates: exact parcel × zone overlay, building terms, PDF, register."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import math
from pathlib import Path

import numpy as np
import shapely
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsProperty,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from municipal_gis.compat import FieldType
from municipal_gis.core import building_terms
from municipal_gis.core import kaek as kaek_rules
from municipal_gis.core import overlay as core_overlay
from municipal_gis.core.text import clean_text, decode_text
from municipal_gis.core.values import ABSURD, EMPTY, as_float, check_number
from municipal_gis.i18n import plural, tr
from municipal_gis.processing.base import MunicipalAlgorithm, database_parameter
from municipal_gis.qgisio import gpkg_writer
from municipal_gis.qgisio.features import (
    bulk_readable_layer,
    make_feature,
    make_fields,
    read_layer_bulk,
    read_source,
    to_qgis,
)
from municipal_gis.schema import catalogue

LANGUAGES = ("el", "en")
OWN_FIELDS = [
    ("kaek", catalogue.TEXT),
    ("zone_code", catalogue.TEXT),
    ("area_m2", catalogue.REAL),
    ("share_pct", catalogue.REAL),
    ("share_registered_pct", catalogue.REAL),
    ("sliver", catalogue.BOOLEAN),
    ("overlap", catalogue.BOOLEAN),
    ("max_floor_area_m2", catalogue.REAL),
    ("max_footprint_m2", catalogue.REAL),
]
PROBLEM_FIELDS = [("kaek", catalogue.TEXT), ("problem", catalogue.TEXT), ("detail", catalogue.TEXT)]
PARCEL_EXTRA = ("ot_code", "address", "registered_area_m2")
TERM_FIELDS = ("far", "coverage_pct", "max_height_m", "max_floors", "min_plot_area_m2", "min_frontage_m")
MAP_HALF_WIDTH_M = 250.0  # enough for the map frame at 1:2000


def _float(value):
    """A finite number, text with a decimal comma («12,5») included; None for anything else."""
    return as_float(value, decimal_comma=True)


def read_kaek_list(value: str) -> list[str]:
    """Codes typed in the parameter, or read from the CSV/text file it names."""
    value = (value or "").strip()
    if not value:
        return []
    path = Path(value)
    if "\n" not in value and len(value) < 1024 and path.suffix.lower() in (".csv", ".txt") and path.is_file():
        value = clean_text(decode_text(path.read_bytes())[0])  # UTF-16, cp1253, …: issue 12
    return kaek_rules.parse_list(value)


class LandUseCertificate(MunicipalAlgorithm):
    ALGORITHM_ID = "land_use_certificate"
    GROUP_ID = "certificates"
    CATALOGUE_LAYERS = {"PARCELS": "parcel", "ZONING": "land_use_zone", "STREETS": "street", "BLOCKS": "city_block"}
    DATABASE_PARAMETERS = ("DATABASE",)

    PARCELS, KAEK_FIELD, KAEK_LIST = "PARCELS", "KAEK_FIELD", "KAEK_LIST"
    ZONING, ZONE_ID_FIELD, AS_OF = "ZONING", "ZONE_ID_FIELD", "AS_OF"
    SLIVER_MIN_M2, SLIVER_MIN_PCT = "SLIVER_MIN_M2", "SLIVER_MIN_PCT"
    STREETS, FRONTAGE_TOLERANCE_M = "STREETS", "FRONTAGE_TOLERANCE_M"
    STREET_WIDTH_FIELD, BLOCKS = "STREET_WIDTH_FIELD", "BLOCKS"
    OUTPUT, OUTPUT_REPORT, KAEK_PROBLEMS = "OUTPUT", "OUTPUT_REPORT", "KAEK_PROBLEMS"
    DATABASE, ISSUE, APPLICANT, PROTOCOL_NO, LANGUAGE = "DATABASE", "ISSUE", "APPLICANT", "PROTOCOL_NO", "LANGUAGE"
    REPLACES_NO = "REPLACES_NO"
    OUTPUT_GEOMETRY = "OUTPUT_GEOMETRY"
    IN_DATABASE = "IN_DATABASE"
    CERTIFICATES, ISSUED = "CERTIFICATES", "ISSUED"  # results beside the outputs
    # who signs: empty takes the project's / user's variables (see printing.certificate.VARIABLES)
    AUTHOR_NAME, AUTHOR_TITLE, HEAD_NAME, HEAD_TITLE = "AUTHOR_NAME", "AUTHOR_TITLE", "HEAD_NAME", "HEAD_TITLE"
    SIGNATURES = {"author_name": AUTHOR_NAME, "author_title": AUTHOR_TITLE,
                  "head_name": HEAD_NAME, "head_title": HEAD_TITLE}

    def displayName(self):  # noqa: N802
        return self.tr("Land-use certificate")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Overlays parcels exactly on the land-use zones in force on a date and gives, per parcel and zone, "
            "the area and its share of the parcel (the unzoned part and overlaps of zones are their own rows, "
            "so shares add up to 100 %; slivers are flagged, never dropped), the building terms (ΣΔ, coverage, "
            "height, maximum floor area and footprint) and the plot conformity (minimum area; minimum frontage "
            "when a street layer is given). Optionally writes one PDF certificate per parcel from the print "
            "layout template and, with a database and «Issue», numbers each certificate in the append-only "
            "register (per-year numbers such as 2026/0001). ΚΑΕΚ codes that are malformed, not found or "
            "duplicated are listed in a separate output while the rest of the batch runs.") + "\n\n" + self.tr(
            "In the database: when parcels and zones are tables of one PostGIS database, every parcel is certified "
            "(no ΚΑΕΚ list), no PDFs are written and the output is a table of areas (piece geometries off), the "
            "areas are computed by one SQL query in the database instead of reading every parcel into QGIS, with "
            "the same results (advanced parameter «Compute in the database», on by default). Zones in force that "
            "overlap one another, layers with a filter or selection, and layers in another CRS take the QGIS path.") + \
            "\n\n" + self.tr(
            "Temporary output: the pieces are written to a GeoPackage in the QGIS processing temporary folder and "
            "added as a temporary layer, like a memory layer and about twice as fast to fill (a GeoPackage is "
            "filled in bulk, a memory layer one feature at a time). Like a memory layer it is deleted when QGIS "
            "closes: to keep it, save it to a file of your own (Export → Save Features As…). An output given as "
            "«memory:» stays a memory layer.")

    def flags(self):
        # print layouts are rendered on the main thread
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.PARCELS, self.tr("Parcels"), polygon))
        self.addParameter(QgsProcessingParameterField(
            self.KAEK_FIELD, self.tr("ΚΑΕΚ field"), "kaek", self.PARCELS,
            QgsProcessingParameterField.DataType.String, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.KAEK_LIST, self.tr("ΚΑΕΚ codes to certify (one per line, or a CSV/text file); empty: all parcels"),
            multiLine=True, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(self.ZONING, self.tr("Land-use zones"), polygon))
        self.addParameter(QgsProcessingParameterField(
            self.ZONE_ID_FIELD, self.tr("Zone code field"), "zone_code", self.ZONING, optional=True))
        self.addParameter(QgsProcessingParameterDateTime(
            self.AS_OF, self.tr("Plan in force on (empty: today)"),
            QgsProcessingParameterDateTime.Type.Date, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.SLIVER_MIN_M2, self.tr("Sliver: pieces smaller than (m²)"),
            QgsProcessingParameterNumber.Type.Double, 1.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.SLIVER_MIN_PCT, self.tr("Sliver: pieces smaller than (% of the parcel)"),
            QgsProcessingParameterNumber.Type.Double, 0.5, minValue=0.0, maxValue=100.0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.STREETS, self.tr("Streets, for the frontage: street polygons, or street lines"),
            [QgsProcessing.SourceType.TypeVectorLine, QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.STREET_WIDTH_FIELD, self.tr("Street width field (m), when the street lines are centrelines"),
            None, self.STREETS, QgsProcessingParameterField.DataType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BLOCKS, self.tr("City blocks (Ο.Τ.), for the frontage on their outline"), polygon,
            optional=True))
        tolerance = QgsProcessingParameterNumber(
            self.FRONTAGE_TOLERANCE_M, self.tr("Frontage: distance from the street's edge (m)"),
            QgsProcessingParameterNumber.Type.Double, 0.5, minValue=0.0)
        tolerance.setFlags(tolerance.flags() | QgsProcessingParameterNumber.FlagAdvanced)
        self.addParameter(tolerance)
        self.addParameter(database_parameter(
            self.DATABASE, self.tr("Register database (GeoPackage path or PG:… schema=…)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.ISSUE, self.tr("Issue: number the certificates in the register"), False))
        self.addParameter(QgsProcessingParameterString(
            self.APPLICANT, self.tr("Applicant (printed and registered only if given)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.PROTOCOL_NO, self.tr("Protocol number"), optional=True))
        replaces = QgsProcessingParameterString(
            self.REPLACES_NO, self.tr("Reissue: number of the certificate this one replaces"), optional=True)
        replaces.setFlags(replaces.flags() | QgsProcessingParameterString.FlagAdvanced)
        self.addParameter(replaces)
        self.addParameter(QgsProcessingParameterEnum(
            self.LANGUAGE, self.tr("Certificate language"), [self.tr("Greek"), self.tr("English")], defaultValue=0))
        for key, description in (
                (self.AUTHOR_NAME, self.tr("Prepared by: name (empty: the user's setting)")),
                (self.AUTHOR_TITLE, self.tr("Prepared by: title, e.g. Civil Engineer (empty: the user's setting)")),
                (self.HEAD_NAME, self.tr("Head of service: name (empty: the project's setting)")),
                (self.HEAD_TITLE, self.tr("Head of service: title (empty: the project's setting)"))):
            signature = QgsProcessingParameterString(key, description, optional=True)
            signature.setFlags(signature.flags() | QgsProcessingParameterString.FlagAdvanced)
            self.addParameter(signature)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Parcel × zone pieces"), QgsProcessing.SourceType.TypeVectorPolygon))
        with_geometry = QgsProcessingParameterBoolean(
            self.OUTPUT_GEOMETRY, self.tr("Write the piece geometries (off: a table of areas only, faster)"), True)
        with_geometry.setFlags(with_geometry.flags() | QgsProcessingParameterBoolean.FlagAdvanced)
        self.addParameter(with_geometry)
        in_database = QgsProcessingParameterBoolean(
            self.IN_DATABASE, self.tr("Compute in the database when parcels and zones are PostGIS tables of one "
                                      "database (table of areas for every parcel)"), True)
        in_database.setFlags(in_database.flags() | QgsProcessingParameterBoolean.FlagAdvanced)
        self.addParameter(in_database)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.KAEK_PROBLEMS, self.tr("ΚΑΕΚ problems"), QgsProcessing.SourceType.TypeVector, optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.OUTPUT_REPORT, self.tr("Folder for the PDF certificates"), optional=True, createByDefault=False))

    # ----------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        parcels_src = self.required_source(parameters, self.PARCELS, context)
        zoning_src = self.required_source(parameters, self.ZONING, context)
        parcels_name = self.layer_name(parcels_src)
        zoning_name = self.layer_name(zoning_src)
        crs = self.working_crs()  # ΕΓΣΑ87, or the parcels' CRS when metric (shared rule, issue 12)
        self.note_crs(parcels_src, zoning_src)
        kaek_field = self.parameterAsString(parameters, self.KAEK_FIELD, context) or "kaek"
        zone_field = self.parameterAsString(parameters, self.ZONE_ID_FIELD, context) or "zone_code"
        as_of = self.date_parameter(parameters, self.AS_OF, context, default=dt.date.today())
        sliver_m2 = self.parameterAsDouble(parameters, self.SLIVER_MIN_M2, context)
        sliver_pct = self.parameterAsDouble(parameters, self.SLIVER_MIN_PCT, context)
        tolerance = self.parameterAsDouble(parameters, self.FRONTAGE_TOLERANCE_M, context)
        language = LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        database = (self.parameterAsString(parameters, self.DATABASE, context) or "").strip()
        issue = self.parameterAsBoolean(parameters, self.ISSUE, context)
        applicant = (self.parameterAsString(parameters, self.APPLICANT, context) or "").strip() or None
        protocol_no = (self.parameterAsString(parameters, self.PROTOCOL_NO, context) or "").strip() or None
        replaces_no = (self.parameterAsString(parameters, self.REPLACES_NO, context) or "").strip() or None
        report_dir = self.parameterAsString(parameters, self.OUTPUT_REPORT, context)
        keep_geometry = self.parameterAsBoolean(parameters, self.OUTPUT_GEOMETRY, context)
        # invalid geometries are repaired (and reported) by the overlay, never skipped or fatal
        parcels_src.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
        zoning_src.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
        if issue and not database:
            self.fail(self.tr("To issue certificates, give the register database."))
        if issue and not report_dir:
            self.fail(self.tr("To issue certificates, give the folder for the PDF certificates."))
        if issue:
            self._prepare_register(database, feedback)

        # parcels
        parcel_names = [f.name() for f in parcels_src.fields()]
        extra = PARCEL_EXTRA if report_dir else ("registered_area_m2",)  # block and address: certificates only
        wanted = [kaek_field] + [n for n in extra if n in parcel_names and n != kaek_field]
        self.require_fields(parcels_src, wanted)
        requested = read_kaek_list(self.parameterAsString(parameters, self.KAEK_LIST, context))
        in_database = self._postgis_pair(parameters, context, crs, keep_geometry, report_dir or requested)
        if in_database is not None:  # the geometries stay in the database, the columns come straight from it
            from municipal_gis.layers import indatabase

            parcels = indatabase.read_columns(in_database[0], wanted) or read_source(
                parcels_src, wanted, feedback, with_geometry=False)
        else:
            parcels = _read(parcels_src, parameters.get(self.PARCELS), wanted, crs, context, feedback)
        self.check_cancel(feedback)

        # zones, in the parcels' CRS
        self.require_fields(zoning_src, [zone_field])
        zones = _read(zoning_src, parameters.get(self.ZONING), None, crs, context, feedback)
        self.check_cancel(feedback)
        active = core_overlay.valid_on(zones.attributes.get("valid_from", [None] * len(zones)),
                                       zones.attributes.get("valid_to", [None] * len(zones)), as_of)
        feedback.pushInfo(tr("{n} of {total} zones are in force on {date}.").format(
            n=int(active.sum()), total=len(zones), date=as_of.isoformat()))
        if in_database is not None:
            repaired_zones, _ = core_overlay.repair(np.where(active, zones.geometries, None), "zone")
            if core_overlay.find_zone_overlaps(repaired_zones):  # «A + B» pieces: the QGIS path splits them
                feedback.pushInfo(tr("Zones in force overlap one another: the overlay runs in QGIS, not in the "
                                     "database."))
                in_database = None
                parcels = _read(parcels_src, parameters.get(self.PARCELS), wanted, crs, context, feedback)

        # which parcels
        problems = []
        if not requested and kaek_rules.all_plain_and_unique(parcels.attributes[kaek_field]):
            codes = _PlainCodes(parcels.attributes[kaek_field])  # every parcel, no problem: no per-code work
            targets, excluded = list(range(len(codes))), []
        else:
            codes = _check_codes(parcels.attributes[kaek_field])
            targets, excluded = kaek_rules.select_targets(codes, requested)
        for p in excluded:
            problems.append((p.code, p.column, self._target_problem_text(p, parcels_name, parcels.fids, kaek_field)))
        targets = np.asarray(targets, dtype=np.int64)
        feedback.pushInfo(tr("{parcels} to certify, {problems}.").format(
            parcels=plural(len(targets), tr("1 parcel"), tr("{n} parcels")),
            problems=plural(len(problems), tr("1 ΚΑΕΚ problem"), tr("{n} ΚΑΕΚ problems"))))

        # overlay: inputs prepared once; the pieces are then computed in blocks of parcels in worker
        # threads (GEOS releases the GIL) while this thread writes the finished blocks to the sink
        registered = parcels.attributes.get("registered_area_m2")
        if registered is not None:  # a title area of NaN, text or 1e308 is a problem on its row, then unknown
            registered = list(registered)
            for i in _numbers_to_check(registered, targets).tolist():
                value, reason = check_number(registered[i], decimal_comma=True, allow_negative=False)
                if reason not in (None, EMPTY):
                    problems.append((codes[i].normalised, "bad_registered_area", tr(
                        "Layer {layer}, feature {fid}, field {field}: the value {value} {problem}; the share of the "
                        "title area is left empty.").format(
                        layer=parcels_name, fid=parcels.fids[i], field="registered_area_m2", value=registered[i],
                        problem=self.number_problem(reason))))
                registered[i] = value
            parcels.attributes["registered_area_m2"] = registered
        registered_targets = None if registered is None else _floats(registered, targets)
        if in_database is not None:
            feedback.pushInfo(tr("The overlay runs in the PostGIS database ({parcels} × {zones}).").format(
                parcels=parcels_name, zones=zoning_name))
            blocked = _DatabaseOverlay(*in_database, parcels.fids[targets], zones, active, registered_targets,
                                       sliver_m2, sliver_pct)
        else:
            blocked = core_overlay.overlay_in_blocks(
                parcels.geometries[targets], zones.geometries, registered_area=registered_targets,
                zone_active=active, sliver_abs_m2=sliver_m2, sliver_pct=sliver_pct, keep_geometry=keep_geometry)
        for rep in blocked.repairs:
            if rep.kind == "parcel":
                i = targets[rep.index]
                if rep.repaired:
                    feedback.pushWarning(tr("Layer {layer}, feature {fid}: invalid geometry ({reason}) repaired; "
                                            "area {before} → {after} m².").format(
                        layer=parcels_name, fid=parcels.fids[i], reason=rep.reason,
                        before=f"{rep.area_before:.2f}", after=f"{rep.area_after:.2f}"))
                else:
                    problems.append((codes[i].normalised, "no_geometry", tr(
                        "Layer {layer}, feature {fid}: no usable polygon ({reason}).").format(
                        layer=parcels_name, fid=parcels.fids[i], reason=rep.reason)))
            elif rep.repaired:
                feedback.pushWarning(tr("Layer {layer}, feature {fid}: invalid zone geometry ({reason}) "
                                        "repaired.").format(layer=zoning_name, fid=zones.fids[rep.index],
                                                            reason=rep.reason))
        for a, b, area in blocked.zone_overlaps:
            feedback.pushWarning(tr("Layer {layer}: zones {a} and {b} (features {fa}, {fb}) overlap on {area} m².")
                                 .format(layer=zoning_name, a=zones.attributes[zone_field][a],
                                         b=zones.attributes[zone_field][b], fa=zones.fids[a], fb=zones.fids[b],
                                         area=f"{area:.2f}"))
        self.check_cancel(feedback)

        # output sink: attributes column-wise, zone attributes converted once per zone, geometries
        # converted in one batch per block, features handed over a block at a time
        zone_extra = [f for f in zoning_src.fields() if f.name() != zone_field]
        own_names = {n for n, _ in OWN_FIELDS}
        # a zone's "fid" (GeoPackage) would clash with the output's own feature id: it becomes zone_fid
        extra_spec = [(("zone_" + f.name()) if (f.name() in own_names or f.name().lower() == "fid") else f.name(),
                       _catalogue_type(f)) for f in zone_extra]
        fields = make_fields(OWN_FIELDS + extra_spec)
        geometry_type = QgsWkbTypes.MultiPolygon if keep_geometry else QgsWkbTypes.NoGeometry
        # a temporary output is a GeoPackage in the processing temporary folder, handed back as a
        # temporary layer (see the help): it is filled in bulk, where a memory layer takes a row at a time
        parameters, temporary_file = _temporary_output_as_geopackage(parameters, self.OUTPUT)
        sink, dest_id = self.create_sink(parameters, self.OUTPUT, context, fields, geometry_type, crs)
        # a GeoPackage file destination is filled in bulk (one transaction, no per-row triggers) behind
        # the sink QGIS made for it; memory layers, other formats and databases keep the QGIS sink
        bulk = gpkg_writer.open_bulk(sink, dest_id, fields.names())
        if bulk is not None:
            del sink  # closes QGIS's (still empty) writer, which creates the table
            sink, bulk = None, bulk.start()
            if bulk is None:  # not the table expected: QGIS's sink after all
                sink, dest_id = self.create_sink(parameters, self.OUTPUT, context, fields, geometry_type, crs)
        zone_table = _ZoneTable(zones, zone_field, zone_extra)
        kaek_of = codes.normalised_of(targets) if isinstance(codes, _PlainCodes) else np.array(
            [codes[t].normalised for t in targets] + [None], dtype=object)
        keep_blocks = bool(report_dir)  # the certificates need the whole result
        parts, part_columns = [], []
        n_blocks = max(len(blocked.spans()), 1)
        blocks = blocked.blocks()
        try:
            for n_done, part in enumerate(blocks, 1):
                self.check_cancel(feedback)
                columns = _columns(part, kaek_of, zone_table)
                if bulk is not None:
                    _write_block_bulk(bulk, columns, zone_table, part.geometry if keep_geometry else None)
                else:
                    _write_block(sink, columns, zone_table, part.geometry if keep_geometry else None)
                if keep_blocks:
                    parts.append(part)
                    part_columns.append(columns)
                if not report_dir:
                    feedback.setProgress(100.0 * n_done / n_blocks)
            self.check_cancel(feedback)
            if bulk is not None:
                bulk.commit()
        except BaseException:
            if bulk is not None:
                bulk.abort()  # rolled back and removed: no half-written layer
            raise
        finally:
            blocks.close()  # on cancel: stop the workers
        if temporary_file:
            del sink  # QGIS's writer, if it was used, closes the file
            sink, dest_id = None, _as_temporary_layer(dest_id, context,
                                                      self.parameterDefinition(self.OUTPUT).description())
        result = blocked.concat(parts) if keep_blocks else None
        columns = {key: [v for c in part_columns for v in c[key]] for key in ROW_KEYS} if keep_blocks else None

        problem_fields = make_fields(PROBLEM_FIELDS)
        psink, problems_id = self.create_sink(parameters, self.KAEK_PROBLEMS, context, problem_fields)
        if psink is not None:
            for item in problems:
                psink.addFeature(make_feature(problem_fields, list(item)), QgsFeatureSink.FastInsert)

        outputs = {self.OUTPUT: dest_id, self.KAEK_PROBLEMS: problems_id, self.CERTIFICATES: 0, self.ISSUED: ""}
        if report_dir:
            issued = self._certificates(
                report_dir, result, columns, targets, parcels, codes, zones, zone_field, active,
                parameters, context, feedback, as_of=as_of, language=language, thresholds=(sliver_m2, sliver_pct),
                tolerance=tolerance, database=database if issue else "", applicant=applicant,
                protocol_no=protocol_no, replaces_no=replaces_no, problems=problems, crs=crs)
            outputs[self.OUTPUT_REPORT] = report_dir
            outputs[self.CERTIFICATES] = len(issued)
            outputs[self.ISSUED] = ", ".join(n for n in issued if n)
        return outputs

    # ----------------------------------------------------------------------------------------
    def _postgis_pair(self, parameters, context, crs, keep_geometry, some_parcels):
        """(parcel table, zone table) when the overlay can run in PostGIS (see the help), else None.
        `some_parcels`: PDFs or a ΚΑΕΚ list ask for particular parcels, which the QGIS path serves."""
        if not self.parameterAsBoolean(parameters, self.IN_DATABASE, context) or keep_geometry or some_parcels:
            return None
        from municipal_gis.layers import indatabase

        tables = []
        for name in (self.PARCELS, self.ZONING):
            layer = bulk_readable_layer(parameters.get(name), context, providers=("postgres",))
            table = None if layer is None or layer.crs() != crs else indatabase.postgis_table(layer)
            if table is None:
                return None
            tables.append(table)
        if tables[0].conninfo != tables[1].conninfo:
            return None
        return tuple(tables)

    def _prepare_register(self, database, feedback):
        """A register from before the hash chain is upgraded first (GeoPackage: a backup is kept)."""
        from municipal_gis.layers import register
        from municipal_gis.layers.database import DatabaseError

        try:
            changes = register.ensure_chain(database)
        except DatabaseError as exc:
            self.fail(str(exc))
        if changes:
            feedback.pushInfo(tr("The certificate register was upgraded to the tamper-evident register (hash "
                                 "chain); the entries issued before stay as they were and the chain starts "
                                 "after them. Changes: {changes}").format(changes="; ".join(changes)))

    def _certificates(self, report_dir, result, columns, targets, parcels, codes, zones, zone_field, active,
                      parameters, context, feedback, *, as_of, language, thresholds, tolerance, database,
                      applicant, protocol_no, replaces_no, problems, crs):
        from municipal_gis.layers import register
        from municipal_gis.layers.database import DatabaseError
        from municipal_gis.printing import certificate as pdf

        folder = Path(report_dir)
        folder.mkdir(parents=True, exist_ok=True)
        signatures = pdf.load_signatures(context.project())
        for name, key in self.SIGNATURES.items():
            value = (self.parameterAsString(parameters, key, context) or "").strip()
            if value:
                setattr(signatures, name, value)
        certified = np.unique(result.parcel)
        if replaces_no and len(certified) != 1:
            self.fail(self.tr("A reissue replaces one certificate: give exactly one ΚΑΕΚ."))

        # map context: repaired parcel geometries and zones in force
        all_parcels, _ = core_overlay.repair(parcels.geometries, "parcel")
        parcel_tree = shapely.STRtree(all_parcels)
        zone_geoms = np.where(active, zones.geometries, None)
        zone_geoms, _ = core_overlay.repair(zone_geoms, "zone")
        zone_tree = shapely.STRtree(zone_geoms)
        ot = parcels.attributes.get("ot_code")
        address = parcels.attributes.get("address")
        registered = parcels.attributes.get("registered_area_m2")
        repaired_reason = {r.index: r.reason for r in result.repairs if r.kind == "parcel" and r.repaired}
        frontage, frontage_method = self._frontage(parameters, context, feedback, all_parcels[targets], crs,
                                                   tolerance)

        summary, issued = [], []
        for n, local in enumerate(certified):
            self.check_cancel(feedback)
            feedback.setProgress(100.0 * n / max(len(certified), 1))
            i = int(targets[local])
            code = codes[i].normalised
            piece_ids = result.pieces_of(int(local))
            prow = [_row(columns, k) for k in piece_ids]
            relevant = [r for r in prow if not r["sliver"] and not r["overlap"] and r["_zone"] >= 0]
            conf = building_terms.conformity(
                float(result.parcel_area_m2[local]), [r["min_plot_area_m2"] for r in relevant],
                [r["min_frontage_m"] for r in relevant],
                None if math.isnan(frontage[local]) else float(frontage[local]))
            plans = sorted({(str(zones.attributes.get("plan_name", [None] * len(zones))[z] or ""),
                             str(zones.attributes.get("fek_ref", [None] * len(zones))[z] or ""),
                             _date_text(zones.attributes.get("valid_from", [None] * len(zones))[z]))
                            for k in piece_ids for z in result.zones[k]})
            geom = all_parcels[i]
            cx, cy = shapely.get_coordinates(shapely.centroid(geom))[0]
            window = shapely.box(cx - MAP_HALF_WIDTH_M, cy - MAP_HALF_WIDTH_M,
                                 cx + MAP_HALF_WIDTH_M, cy + MAP_HALF_WIDTH_M)
            near = parcel_tree.query(window)
            neighbours = [(all_parcels[j], codes[j].normalised) for j in near if j != i]
            blocks = []
            if ot is not None:
                groups: dict[str, list] = {}
                for j in near:
                    if ot[j]:
                        groups.setdefault(str(ot[j]), []).append(all_parcels[j])
                blocks = [(shapely.union_all(g), f"Ο.Τ. {k}") for k, g in groups.items()]
            zone_near = zone_tree.query(window)
            map_zones = [(shapely.intersection(zone_geoms[z], window), str(zones.attributes[zone_field][z]))
                         for z in zone_near]
            data = pdf.CertificateData(
                kaek=code, address=address[i] if address else None, ot_code=ot[i] if ot else None,
                gis_area_m2=float(result.parcel_area_m2[local]),
                registered_area_m2=_float(registered[i]) if registered else None,
                as_of=as_of.strftime("%d/%m/%Y"), rows=prow, conformity=conf, plans=plans,
                thresholds=thresholds, parcel_geometry=geom, neighbours=neighbours, zones=map_zones,
                blocks=blocks, repair_reason=repaired_reason.get(int(local)), signatures=signatures,
                frontage_method=frontage_method)
            safe = code.replace("/", "-")
            public_rows = [{k: v for k, v in r.items() if not k.startswith("_")} for r in prow]
            plans_used = "; ".join(", ".join(p for p in plan if p) for plan in plans)
            try:
                if database:
                    # rendered into a nameless scratch file inside the numbering transaction; written
                    # under this name only after the commit (see layers/register.py)
                    def render(number, vcode, issued_at, scratch, data=data):
                        pdf.render(data, scratch, language, number, vcode, issued_at, protocol_no, applicant)

                    entry = register.issue(database, kaek=code, render=render,
                                           destination=lambda number, safe=safe: folder / (
                                               f"{number.replace('/', '-')}_{safe}.pdf"),
                                           result_rows=public_rows, plans_used=plans_used, applicant=applicant,
                                           protocol_no=protocol_no, as_of=as_of, language=language,
                                           replaces_no=replaces_no)
                    number, path = entry.certificate_no, Path(entry.pdf_path)
                    feedback.pushInfo(tr("ΚΑΕΚ {kaek}: certificate {number} issued.").format(kaek=code, number=number))
                else:
                    number = ""
                    path = pdf.render(data, folder / f"{safe}.pdf", language,
                                      protocol_no=protocol_no, applicant=applicant,
                                      issued_at=dt.datetime.now().astimezone())
            except DatabaseError as exc:
                self.fail(str(exc))
            except (RuntimeError, ValueError, OSError) as exc:  # e.g. an edited layout template that no longer loads
                self.fail(tr("ΚΑΕΚ {kaek}: the certificate could not be written to {folder}: {error}").format(
                    kaek=code, folder=folder, error=exc))
            issued.append(number)
            summary.append({
                "kaek": code, "certificate_no": number, "pdf": path.name,
                "area_m2": f"{result.parcel_area_m2[local]:.2f}",
                "zones": "; ".join(f"{r['zone_code'] or '-'} {r['share_pct']:.2f}%" for r in prow),
                "slivers": sum(r["sliver"] for r in prow), "overlaps": sum(r["overlap"] for r in prow),
                "conforming": "" if conf.conforming is None else ("yes" if conf.conforming else "no"),
                "frontage_m": "" if math.isnan(frontage[local]) else f"{frontage[local]:.2f}",
                "frontage_method": frontage_method or "",
            })
        with open(folder / "summary.csv", "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.DictWriter(handle, fieldnames=["kaek", "certificate_no", "pdf", "area_m2", "zones",
                                                        "slivers", "overlaps", "conforming", "frontage_m",
                                                        "frontage_method"])
            writer.writeheader()
            writer.writerows(summary)
        with open(folder / "problems.csv", "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(["kaek", "problem", "detail"])
            writer.writerows(problems)
        feedback.setProgress(100)
        return issued


    @staticmethod
    def _target_problem_text(problem, layer, fids, field) -> str:
        """What the «ΚΑΕΚ problems» output says about a code `kaek_rules.select_targets` left out."""
        if problem.kind == kaek_rules.MALFORMED:
            if problem.listed:
                return _reason_text(problem.reason)
            return tr("Layer {layer}, feature {fid}, field {field}: {reason}").format(
                layer=layer, fid=fids[problem.rows[0]], field=field, reason=_reason_text(problem.reason))
        if problem.kind == kaek_rules.LISTED_TWICE:
            return tr("Listed more than once; certified once.")
        if problem.kind == kaek_rules.NOT_FOUND:
            return tr("Layer {layer}: no parcel with this ΚΑΕΚ.").format(layer=layer)
        if problem.listed:
            return tr("Layer {layer}: {n} parcels (features {fids}) carry this ΚΑΕΚ; none certified.").format(
                layer=layer, n=len(problem.rows), fids=", ".join(str(fids[i]) for i in problem.rows))
        return tr("Layer {layer}, feature {fid}: the ΚΑΕΚ is also on other parcels; not certified.").format(
            layer=layer, fid=fids[problem.rows[0]])

    def _frontage(self, parameters, context, feedback, parcel_geoms, crs, tolerance):
        """(frontage per parcel in m, NaN where not measured; how it was measured) from the street
        layer (polygons, or lines with or without a width field) or the city blocks, whichever is
        given (`building_terms.street_edges` chooses). Only streets and blocks near the parcels are read."""
        frontage = np.full(len(parcel_geoms), np.nan)
        streets_src = self.parameterAsSource(parameters, self.STREETS, context)
        blocks_src = self.parameterAsSource(parameters, self.BLOCKS, context)
        present = [g for g in parcel_geoms if g is not None]
        if (streets_src is None and blocks_src is None) or not present:
            return frontage, None
        x0, y0, x1, y1 = shapely.total_bounds(np.array(present, dtype=object))
        margin = 100.0  # more than half the widest street
        request = QgsFeatureRequest().setDestinationCrs(crs, context.transformContext())
        request.setFilterRect(QgsRectangle(x0 - margin, y0 - margin, x1 + margin, y1 + margin))
        streets, widths, polygons = None, None, False
        if streets_src is not None:
            width_field = self.parameterAsString(parameters, self.STREET_WIDTH_FIELD, context) or None
            data = read_source(streets_src, [width_field] if width_field else [], feedback, request=request)
            streets = data.geometries
            polygons = QgsWkbTypes.geometryType(streets_src.wkbType()) == QgsWkbTypes.PolygonGeometry
            if width_field and not polygons:
                widths = [as_float(v) for v in data.attributes[width_field]]
                for fid, width in zip(data.fids, widths):
                    if width is None or width <= 0:
                        feedback.pushWarning(tr("Layer {layer}, feature {fid}, field {field}: no street width; "
                                                "this street is left out of the frontage.").format(
                            layer=streets_src.sourceName(), fid=fid, field=width_field))
        blocks = None
        if blocks_src is not None:
            blocks = read_source(blocks_src, [], feedback, request=request).geometries
            blocks, _ = core_overlay.repair(blocks, "block")
        edges, method = building_terms.street_edges(
            None if streets is None else [g for g in streets],
            polygons, widths, None if blocks is None else [g for g in blocks if g is not None])
        if method is None:
            return frontage, None
        frontage = building_terms.frontage(parcel_geoms, edges, tolerance)
        if method == building_terms.STREET_LINES and not np.nansum(frontage) > 0:
            feedback.pushWarning(tr("Layer {layer}: no parcel boundary runs along these street lines; if they are "
                                    "centrelines, give their width field or the city blocks.").format(
                layer=streets_src.sourceName()))
        return frontage, method


def _read(source, parameter_value, field_names, crs, context, feedback):
    """A source's features as arrays in `crs`: in bulk from a plain GeoPackage or Shapefile layer or
    a whole PostGIS table, else through QGIS."""
    layer = bulk_readable_layer(parameter_value, context)
    if layer is not None and layer.crs() == crs:
        data = read_layer_bulk(layer, field_names, feedback)
        if data is not None:
            return data
    layer = bulk_readable_layer(parameter_value, context, providers=("postgres",))
    if layer is not None and layer.crs() == crs:
        from municipal_gis.layers import indatabase

        table = indatabase.postgis_table(layer)
        if table is not None:
            names = layer.fields().names() if field_names is None else field_names
            data = indatabase.read_columns(table, names, geometry=True,
                                           multi=QgsWkbTypes.isMultiType(layer.wkbType()))
            if data is not None:
                return data
    request = QgsFeatureRequest().setDestinationCrs(crs, context.transformContext())
    return read_source(source, field_names, feedback, request=request)


def _temporary_output_as_geopackage(parameters, name):
    """(parameters, True) with output `name` sent to a new GeoPackage in the processing temporary
    folder when it is TEMPORARY_OUTPUT; (parameters, False) unchanged otherwise («memory:» included)."""
    value = parameters.get(name)
    definition = value if isinstance(value, QgsProcessingOutputLayerDefinition) else None
    sink = definition.sink if definition is not None else value
    if isinstance(sink, QgsProperty):  # an expression-based destination has no static value
        sink = sink.staticValue()
    if sink != QgsProcessing.TEMPORARY_OUTPUT:
        return parameters, False
    path = QgsProcessingUtils.generateTempFilename("pieces.gpkg")
    replaced = QgsProcessingOutputLayerDefinition(definition) if definition is not None else \
        QgsProcessingOutputLayerDefinition(path)
    replaced.sink = QgsProperty.fromValue(path)
    return {**parameters, name: replaced}, True


def _as_temporary_layer(dest_id, context, name: str) -> str:
    """The written GeoPackage `dest_id` opened as a layer of the context's temporary layers, as a memory
    output is: processing.run gives the layer itself, and the layer loads on completion under the
    output's name. Not loaded (processing.run), it is named `name`, the output's description, as QGIS
    names a memory output. Its id, the output's value."""
    from qgis.core import QgsProcessingContext, QgsVectorLayer

    details = None
    if context.willLoadLayerOnCompletion(dest_id):
        found = context.layerToLoadOnCompletionDetails(dest_id)  # a reference into the context: copied
        if found.postProcessor() is None:
            details = QgsProcessingContext.LayerDetails(found.name, found.project, found.outputName,
                                                        found.layerTypeHint)
            for attribute in ("forceName", "groupName", "layerSortKey"):  # the last two: QGIS 3.32 and later
                if hasattr(found, attribute):
                    setattr(details, attribute, getattr(found, attribute))
    layer = QgsVectorLayer(dest_id, details.name if details is not None and details.name else name, "ogr")
    if not layer.isValid():
        return dest_id
    context.temporaryLayerStore().addMapLayer(layer)
    if details is not None:
        context.setLayersToLoadOnCompletion({key: value for key, value in context.layersToLoadOnCompletion().items()
                                             if key != dest_id})
        context.addLayerToLoadOnCompletion(layer.id(), details)
    return layer.id()


_MULTI_OF_ONE = b"\x01\x06\x00\x00\x00\x01\x00\x00\x00"  # little-endian MultiPolygon header, 1 part


def _multipolygon_wkbs(pieces) -> list:
    """WKB of every piece as a MultiPolygon (None for a missing piece), the sink's geometry type.

    A 2-D polygon becomes a one-part multipolygon by prefixing the multipolygon header to its
    little-endian WKB, which is exactly what shapely would write for MultiPolygon([polygon]).
    """
    pieces = np.asarray(pieces, dtype=object)
    out = [None] * len(pieces)
    present = np.flatnonzero(~shapely.is_missing(pieces))
    if not len(present):
        return out
    present = present[~shapely.is_empty(pieces[present])]
    geoms = pieces[present]
    wkbs = shapely.to_wkb(geoms, byte_order=1, output_dimension=2)
    single = shapely.get_type_id(geoms) == 3
    for k, wkb, one in zip(present.tolist(), wkbs.tolist(), single.tolist()):
        out[k] = _MULTI_OF_ONE + wkb if one else wkb
    return out


class _DatabaseOverlay:
    """The parcel × zone areas computed in PostGIS, in the shape of core.overlay's BlockedOverlay (one block).

    `parcel_fids`: the keys of the parcels to certify, in the order of the result's parcel
    indices; `zones`: the zones as read (their keys are read_source's fids, the table's fid column,
    which QGIS's own feature ids of a bigint key are not); `active`: zones in force.
    """

    def __init__(self, parcel_table, zone_table, parcel_fids, zones, active, registered, sliver_m2, sliver_pct):
        from municipal_gis.layers import indatabase

        _, zone_repairs = core_overlay.repair(np.where(active, zones.geometries, None), "zone")
        self.zone_overlaps = []
        pieces, parcel_rows = indatabase.certificate_areas(
            parcel_table, zone_table, zones.fids[np.flatnonzero(active)].tolist())
        index_of = {int(f): i for i, f in enumerate(parcel_fids.tolist())}
        zone_of = {int(f): j for j, f in enumerate(zones.fids.tolist())}
        parcel_area = np.full(len(parcel_fids), np.nan)
        self.repairs = []
        for fid, area, reason, before in parcel_rows:
            i = index_of.get(int(fid))
            if i is None:
                continue
            usable = area is not None and area > 0
            if usable:
                parcel_area[i] = area
            if reason is not None or not usable:
                self.repairs.append(core_overlay.Repair("parcel", i, reason or "empty", float(before or 0.0),
                                                        float(area or 0.0), usable))
        self.repairs += [r for r in zone_repairs if active[r.index]]
        rows = [(index_of[int(p)], zone_of[int(z)], a) for p, z, a in pieces if int(p) in index_of]
        parcel, zone, area = (np.array(c) for c in zip(*rows)) if rows else (np.zeros(0, np.int64),) * 3
        self.result = core_overlay.result_from_areas(
            parcel, zone, area, parcel_area, registered, sliver_abs_m2=sliver_m2, sliver_pct=sliver_pct,
            repairs=self.repairs)

    def spans(self):
        return [(0, len(self.result.parcel_area_m2))]

    def blocks(self):
        yield self.result

    def concat(self, parts):
        return self.result


ROW_KEYS = ("_zone", "kaek", "zone_code", "area_m2", "share_pct", "share_registered_pct", "sliver", "overlap",
            "max_floor_area_m2", "max_footprint_m2", "far", "coverage_pct", "max_height_m", "max_floors",
            "min_plot_area_m2", "min_frontage_m", "category_code")


class _Code:
    """What kaek_rules.check gives for a plain 12-digit code, without its cost (50 000 parcels)."""

    __slots__ = ("raw", "normalised")
    reason = kaek_rules.OK
    valid = True

    def __init__(self, raw):
        self.raw = self.normalised = raw


class _PlainCodes:
    """The `_check_codes` of a layer whose codes are all plain and unique (kaek.all_plain_and_unique),
    made on demand: codes[i] is the `_Code` of parcel i."""

    def __init__(self, values):
        self.values = values

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, i):
        return _Code(self.values[i])

    def __iter__(self):
        return map(_Code, self.values)

    def normalised_of(self, targets) -> np.ndarray:
        """The codes of parcels `targets`, then None (the `kaek_of` of processAlgorithm)."""
        out = np.empty(len(targets) + 1, dtype=object)
        out[:-1] = np.array(self.values, dtype=object)[np.asarray(targets, dtype=np.int64)]
        return out


def _numbers_to_check(values, index) -> np.ndarray:
    """The entries of `index` whose value in `values` check_number might refuse or change.

    None (empty) and floats that are finite, not negative and not absurd pass check_number
    unchanged; in a column read in bulk that is every row, so only the others are checked one by one.
    """
    index = np.asarray(index, dtype=np.int64)
    if not len(index) or not set(map(type, values)) <= {float, type(None)}:
        return index
    column = np.array(values, dtype=object)[index]
    empty = np.equal(column, None)
    number = np.where(empty, 0.0, column).astype(float)
    with np.errstate(invalid="ignore"):
        plain = empty | (np.isfinite(number) & (number >= 0) & (number <= ABSURD))
    return index[~plain]


def _check_codes(values) -> list:
    """kaek_rules.check for every value; plain 12-digit codes (the usual case) take a shortcut."""
    return [_Code(v) if type(v) is str and len(v) == 12 and v.isascii() and v.isdigit() else kaek_rules.check(v)
            for v in values]


def _floats(values, index) -> np.ndarray:
    """_float of values[i] for i in index, as a float array (NaN for missing)."""
    picked = [values[i] for i in index.tolist()]
    try:
        out = np.array(picked, dtype=float)  # numbers and None (→ NaN)
    except (TypeError, ValueError):  # text such as "12,5"
        out = np.array([np.nan if (v := _float(x)) is None else v for x in picked], dtype=float)
    return out


def _qt_text(value):
    """A text value as a QVariant, so that a value repeated on many rows is converted to Qt once."""
    return QVariant(value) if isinstance(value, str) else value


class _ZoneTable:
    """Per-zone values, converted once: building terms, codes, and the zone attributes copied to the output.

    Index len(zones) stands for «no single zone» (unzoned and overlap pieces): all NULL.
    """

    def __init__(self, zones, zone_field, zone_extra):
        n = len(zones)
        self.n = n

        def column(values):
            return np.array(list(values) + [None], dtype=object)

        self.terms = {name: column(_float(v) for v in zones.attributes.get(name, [None] * n))
                      for name in TERM_FIELDS if name != "max_floors"}
        self.terms["max_floors"] = column(None if v is None else int(_float(v) or 0)
                                          for v in zones.attributes.get("max_floors", [None] * n))
        self.category = column(zones.attributes.get("category_code", [None] * n))
        self.far = np.array([np.nan if v is None else v for v in self.terms["far"]], dtype=float)
        self.coverage = np.array([np.nan if v is None else v for v in self.terms["coverage_pct"]], dtype=float)
        self.code_text = [str(v) for v in zones.attributes[zone_field]]
        self.code = column(self.code_text)
        self._zones, self._zone_extra, self._column = zones, zone_extra, column

    # the values for one writer only (QGIS's sink or the GeoPackage bulk writer), made when first used
    @functools.cached_property
    def code_qt(self):
        return self._column(_qt_text(v) for v in self.code_text)

    @functools.cached_property
    def extra(self):
        return [self._column(_qt_text(to_qgis(v)) for v in self._zones.attributes[f.name()])
                for f in self._zone_extra]

    @functools.cached_property
    def extra_sql(self):
        return [self._column(gpkg_writer.sql_value(v) for v in self._zones.attributes[f.name()])
                for f in self._zone_extra]


def _columns(result, kaek_of, zone_table) -> dict:
    """Output values column by column (lists in result order), with the derived building terms.

    `kaek_of[p]`: the code of parcel p of the result (last entry None); zone values are gathered
    from the `_ZoneTable`; None stands for NULL.
    """
    zone_of = result.zone  # -1 unzoned, -2 overlap
    gather = np.where(zone_of >= 0, zone_of, zone_table.n)  # index n: no single zone
    zone_code = zone_table.code[gather].tolist()
    text = zone_table.code_text
    for k in np.flatnonzero(zone_of == -2).tolist():
        zone_code[k] = " + ".join(text[i] for i in result.zones[k])
    area = result.area_m2
    far = np.append(zone_table.far, np.nan)[gather]
    cov = np.append(zone_table.coverage, np.nan)[gather]
    max_floor_area, max_footprint = building_terms.piece_terms(area, far, cov)

    def nullable(values):
        out = values.tolist()
        for k in np.flatnonzero(np.isnan(values)).tolist():
            out[k] = None
        return out

    columns = {
        "_zone": zone_of.tolist(),
        "_gather": gather,
        "kaek": kaek_of[result.parcel].tolist(),
        "zone_code": zone_code,
        "area_m2": area.tolist(),
        "share_pct": result.share_pct.tolist(),
        "share_registered_pct": nullable(result.share_registered_pct),
        "sliver": result.sliver.tolist(),
        "overlap": result.overlap.tolist(),
        "max_floor_area_m2": nullable(max_floor_area),
        "max_footprint_m2": nullable(max_footprint),
        "category_code": zone_table.category[gather].tolist(),
    }
    for name, values in zone_table.terms.items():
        columns[name] = values[gather].tolist()
    return columns


def _write_block(sink, columns, zone_table, geometries) -> None:
    """Add one block of pieces to the sink, row by row through one reused feature.

    Rows are built column-wise (zone values converted once per zone); the sink copies the
    feature it is given, so one QgsFeature serves every row (creating one per row costs more
    than the write itself).
    """
    gather = columns["_gather"]
    values = [columns[n] for n, _ in OWN_FIELDS] + [col[gather].tolist() for col in zone_table.extra]
    zone_code = zone_table.code_qt[gather].tolist()  # texts converted once per zone
    for k in np.flatnonzero(gather == zone_table.n).tolist():  # overlaps: "A + B"; unzoned: None
        zone_code[k] = columns["zone_code"][k]
    values[[n for n, _ in OWN_FIELDS].index("zone_code")] = zone_code
    feature = QgsFeature()
    set_attributes, add = feature.setAttributes, sink.addFeature
    fast = QgsFeatureSink.FastInsert
    if geometries is None:
        for row in zip(*values):
            set_attributes(list(row))
            add(feature, fast)
        return
    geometry_type, set_geometry = QgsGeometry, feature.setGeometry
    for row, wkb in zip(zip(*values), _multipolygon_wkbs(geometries)):
        set_attributes(list(row))
        geometry = geometry_type()
        if wkb is not None:
            geometry.fromWkb(wkb)
        set_geometry(geometry)
        add(feature, fast)


def _write_block_bulk(writer, columns, zone_table, geometries) -> None:
    """Add one block of pieces to a GeoPackage bulk writer: the rows of `_write_block`, as plain values."""
    gather = columns["_gather"]
    values = [columns[n] for n, _ in OWN_FIELDS] + [col[gather].tolist() for col in zone_table.extra_sql]
    if geometries is None:
        writer.add_rows(values)
    else:  # blobs and envelopes built in bulk by the writer (single polygons promoted to multi)
        writer.add_rows(values, geometries=geometries)


def _row(columns: dict, k: int) -> dict:
    """One piece as a dict (the certificate's table rows)."""
    return {key: columns[key][k] for key in ROW_KEYS}


def _date_text(value):
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _catalogue_type(field):

    return {
        FieldType.Int: catalogue.INTEGER, FieldType.LongLong: catalogue.INTEGER, FieldType.Double: catalogue.REAL,
        FieldType.Date: catalogue.DATE, FieldType.DateTime: catalogue.DATETIME, FieldType.Bool: catalogue.BOOLEAN,
    }.get(field.type(), catalogue.TEXT)


def _reason_text(reason: str) -> str:
    return {
        kaek_rules.EMPTY: tr("empty ΚΑΕΚ"),
        kaek_rules.NOT_DIGITS: tr("a ΚΑΕΚ has only digits (and an optional /unit suffix)"),
        kaek_rules.WRONG_LENGTH: tr("a ΚΑΕΚ has 12 digits"),
        kaek_rules.BAD_SUFFIX: tr("the unit suffix must be numbers separated by «/»"),
    }.get(reason, reason)
