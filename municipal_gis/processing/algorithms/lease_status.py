"""Lease status of every municipal property as of a date, the rent roll and the register problems."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import shapely
from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate

from municipal_gis.core.leases import Lease, LeaseProblem, lease_status, rent_roll
from municipal_gis.core.values import EMPTY, as_date, check_number
from municipal_gis.i18n import tr
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue

T, N, R, D, B = catalogue.TEXT, catalogue.INTEGER, catalogue.REAL, catalogue.DATE, catalogue.BOOLEAN

PROPERTY_FIELDS = ("property_code", "name", "property_type")
LEASE_FIELDS = ("lease_code", "property_code", "purpose", "start_date", "end_date", "annual_rent_eur", "status")

OUTPUT_FIELDS = [
    ("property_code", T), ("name", T), ("property_type", T), ("community", T), ("status", T),
    ("lease_code", T), ("purpose", T), ("start_date", D), ("end_date", D), ("days_to_expiry", N),
    ("annual_rent_eur", R), ("next_lease_code", T), ("next_start_date", D), ("leases", N), ("has_problem", B),
]
RENT_ROLL_FIELDS = [
    ("year", N), ("group_by", T), ("group_value", T), ("leases", N), ("rent_prev_eur", R), ("rent_eur", R),
    ("change_pct", R), ("target_eur", R), ("target_met", B), ("gap_eur", R),
]
PROBLEM_FIELDS = [("lease_code", T), ("property_code", T), ("problem", T), ("detail", T), ("counted", B)]


parse_date = as_date  # a date from a QGIS value; None when empty; ValueError otherwise


def largest_overlap(targets, zones, names):
    """For each target geometry, the name of the zone sharing most area with it ("" if none)."""
    out = [""] * len(targets)
    valid = [i for i, g in enumerate(zones) if g is not None]
    if not valid:
        return out
    zone_geoms = np.asarray([zones[i] for i in valid], dtype=object)
    tree = shapely.STRtree(zone_geoms)
    for t, geometry in enumerate(targets):
        if geometry is None:
            continue
        hits = tree.query(geometry, predicate="intersects")
        if hits.size == 0:
            continue
        areas = shapely.area(shapely.intersection(zone_geoms[hits], geometry))
        best = int(hits[int(np.argmax(areas))])
        out[t] = names[valid[best]] or ""
    return out


class LeaseStatusAlgorithm(MunicipalAlgorithm):
    ALGORITHM_ID = "lease_status"
    GROUP_ID = "property"
    CATALOGUE_LAYERS = {"PROPERTIES": "municipal_property", "LEASES": "lease", "COMMUNITIES": "community"}

    PROPERTIES = "PROPERTIES"
    LEASES = "LEASES"
    AS_OF = "AS_OF"
    EXPIRY_WINDOW_DAYS = "EXPIRY_WINDOW_DAYS"
    INCLUDE_PERSONAL_DATA = "INCLUDE_PERSONAL_DATA"
    COMMUNITIES = "COMMUNITIES"
    OUTPUT = "OUTPUT"
    OUTPUT_RENT_ROLL = "OUTPUT_RENT_ROLL"
    OUTPUT_PROBLEMS = "OUTPUT_PROBLEMS"

    def displayName(self):  # noqa: N802
        return tr("Lease status and rent roll")

    def shortHelpString(self):  # noqa: N802
        return tr(
            "Status of every municipal property on a date: leased, expiring (the lease ends within the "
            "window), expired or vacant, with the current lease, days to expiry and annual rent. A lease "
            "ending on the date is still in force that day; a lease without end date never expires.\n"
            "The rent roll gives the rent contracted for the year of the date and the year before (pro rata "
            "by days, 366 in leap years) by property type, community and purpose, against the +5 % yearly "
            "target. Leases with impossible dates, of unknown property, duplicated or overlapping another "
            "lease of the same property are listed as problems and not counted in the rent roll.\n"
            "Lessee names are personal data and are left out unless asked for. Save the tables as .xlsx or "
            ".csv to open them in a spreadsheet."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PROPERTIES, tr("Municipal property"), [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.LEASES, tr("Leases"), [QgsProcessing.SourceType.TypeVector]))
        self.addParameter(QgsProcessingParameterDateTime(
            self.AS_OF, tr("Status as of (empty: today)"), type=QgsProcessingParameterDateTime.Type.Date,
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.EXPIRY_WINDOW_DAYS, tr("Expiry warning window (days)"), QgsProcessingParameterNumber.Type.Integer,
            90, minValue=0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.INCLUDE_PERSONAL_DATA, tr("Include lessee names (personal data)"), False))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.COMMUNITIES, tr("Communities (for the rent roll by community)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Lease status"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_RENT_ROLL, tr("Rent roll"), QgsProcessing.SourceType.TypeVector, optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_PROBLEMS, tr("Lease register problems"), QgsProcessing.SourceType.TypeVector, optional=True,
            createByDefault=True))

    def _as_of(self, parameters, context):
        if parameters.get(self.AS_OF) in (None, ""):
            return dt.date.today()
        value = self.parameterAsDateTime(parameters, self.AS_OF, context)
        if value.isValid():
            return value.date().toPyDate()
        raw = parameters.get(self.AS_OF)
        if isinstance(raw, QDate) and raw.isValid():
            return raw.toPyDate()
        try:
            return parse_date(raw)
        except ValueError:
            self.fail(tr("Parameter {parameter}: {value!r} is not a date (use YYYY-MM-DD).").format(
                parameter=self.AS_OF, value=raw))

    def _read(self, source, layer_name, fields, feedback, with_geometry=True):
        try:
            return self.read_source(source, fields, feedback, with_geometry=with_geometry)
        except KeyError as missing:
            self.fail(tr("Layer {layer}: field {field} is missing.").format(layer=layer_name, field=missing.args[0]))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        properties = self.parameterAsSource(parameters, self.PROPERTIES, context)
        lease_source = self.parameterAsSource(parameters, self.LEASES, context)
        if properties is None or lease_source is None:
            self.fail(tr("The property and lease layers are required."))
        as_of = self._as_of(parameters, context)
        window = self.parameterAsInt(parameters, self.EXPIRY_WINDOW_DAYS, context)
        personal = self.parameterAsBoolean(parameters, self.INCLUDE_PERSONAL_DATA, context)
        communities = self.parameterAsSource(parameters, self.COMMUNITIES, context)

        prop_layer = self.layer_name(properties) or self.PROPERTIES
        lease_layer = self.layer_name(lease_source) or self.LEASES
        props = self._read(properties, prop_layer, PROPERTY_FIELDS, feedback)
        self.check_cancel(feedback)
        lease_fields = LEASE_FIELDS + (("lessee",) if personal else ())
        rows = self._read(lease_source, lease_layer, lease_fields, feedback, with_geometry=False)
        self.check_cancel(feedback)

        codes = props.attributes["property_code"]
        for fid, code in zip(props.fids, codes):
            if code in (None, ""):
                self.fail(tr("Layer {layer}, feature {fid}, field {field}: the property code is empty.").format(
                    layer=prop_layer, fid=int(fid), field="property_code"))

        leases = []
        bad_rents = {}
        a = rows.attributes
        for i, fid in enumerate(rows.fids):
            dates = []
            for name in ("start_date", "end_date"):
                try:
                    dates.append(parse_date(a[name][i]))
                except ValueError:
                    self.fail(tr("Layer {layer}, feature {fid}, field {field}: {value!r} is not a date.").format(
                        layer=lease_layer, fid=int(fid), field=name, value=a[name][i]))
            raw_rent = a["annual_rent_eur"][i]
            rent, reason = check_number(raw_rent)
            if reason not in (None, EMPTY):
                # NaN, inf, 1e308 or text: a finding on its row, never a NaN in the roll's totals
                bad_rents[int(fid)] = tr("Layer {layer}, feature {fid}, field {field}: {value} {problem}; counted "
                                         "as 0 €.").format(layer=lease_layer, fid=int(fid), field="annual_rent_eur",
                                                           value=repr(raw_rent), problem=self.number_problem(reason))
            code = a["lease_code"][i]
            leases.append(Lease(
                lease_code=str(code) if code not in (None, "") else f"#{int(fid)}",
                property_code=a["property_code"][i], start_date=dates[0], end_date=dates[1],
                annual_rent_eur=rent, purpose=a["purpose"][i], lessee=a["lessee"][i] if personal else None,
                status=a["status"][i], ref=int(fid)))

        statuses, problems = lease_status(codes, leases, as_of, window)
        if bad_rents:
            problems = [dataclasses.replace(p, problem="bad_rent", detail=bad_rents[p.ref])
                        if p.problem == "missing_rent" and p.ref in bad_rents else p for p in problems]
            reported = {p.ref for p in problems if p.problem == "bad_rent"}
            problems += [LeaseProblem(str(a["lease_code"][list(rows.fids).index(ref)] or f"#{ref}"),
                                      a["property_code"][list(rows.fids).index(ref)], "bad_rent", text, True, ref)
                         for ref, text in bad_rents.items() if ref not in reported]
            for text in bad_rents.values():
                feedback.pushWarning(text)
        if communities is not None:
            comm = self._read(communities, self.layer_name(communities) or self.COMMUNITIES, ("name",), feedback)
            community_of = largest_overlap(list(props.geometries), list(comm.geometries), comm.attributes["name"])
        else:
            community_of = [""] * len(props)
        types = dict(zip(codes, props.attributes["property_type"]))
        roll = rent_roll(leases, as_of, types, dict(zip(codes, community_of)))
        self.check_cancel(feedback)

        out_spec = OUTPUT_FIELDS + ([("lessee", T)] if personal else [])
        out_fields = make_fields(out_spec)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, out_fields,
                                          QgsWkbTypes.Type.MultiPolygon, self.working_crs())
        for i, row in enumerate(statuses):
            lease = row.lease
            values = {
                "property_code": row.property_code, "name": props.attributes["name"][i],
                "property_type": props.attributes["property_type"][i], "community": community_of[i] or None,
                "status": row.status, "days_to_expiry": row.days_to_expiry, "annual_rent_eur": row.annual_rent_eur,
                "leases": row.leases, "has_problem": row.has_problem,
            }
            if lease is not None:
                values.update(lease_code=lease.lease_code, purpose=lease.purpose, start_date=lease.start_date,
                              end_date=lease.end_date)
                if personal:
                    values["lessee"] = lease.lessee
            if row.next_lease is not None:
                values.update(next_lease_code=row.next_lease.lease_code, next_start_date=row.next_lease.start_date)
            geometry = props.geometries[i]
            if geometry is not None and geometry.geom_type == "Polygon":
                geometry = shapely.MultiPolygon([geometry])
            sink.addFeature(make_feature(out_fields, values, geometry), QgsFeatureSink.Flag.FastInsert)

        roll_fields = make_fields(RENT_ROLL_FIELDS)
        roll_sink, roll_dest = self.parameterAsSink(parameters, self.OUTPUT_RENT_ROLL, context, roll_fields,
                                                    QgsWkbTypes.Type.NoGeometry)
        for r in roll:
            roll_sink.addFeature(make_feature(roll_fields, {
                "year": as_of.year, "group_by": r.group_by, "group_value": r.group_value, "leases": r.leases,
                "rent_prev_eur": r.rent_prev_eur, "rent_eur": r.rent_eur, "change_pct": r.change_pct,
                "target_eur": r.target_eur, "target_met": r.target_met, "gap_eur": r.gap_eur,
            }), QgsFeatureSink.Flag.FastInsert)

        problem_fields = make_fields(PROBLEM_FIELDS)
        problem_sink, problem_dest = self.parameterAsSink(parameters, self.OUTPUT_PROBLEMS, context, problem_fields,
                                                          QgsWkbTypes.Type.NoGeometry)
        for p in problems:
            problem_sink.addFeature(make_feature(problem_fields, {
                "lease_code": p.lease_code, "property_code": p.property_code, "problem": p.problem,
                "detail": self._problem_text(p), "counted": p.counted,
            }), QgsFeatureSink.Flag.FastInsert)

        counts = {}
        for row in statuses:
            counts[row.status] = counts.get(row.status, 0) + 1
        feedback.pushInfo(tr("{n} properties: {leased} leased, {expiring} expiring, {expired} expired, "
                             "{vacant} vacant, as of {date}.").format(
            n=len(statuses), leased=counts.get("leased", 0), expiring=counts.get("expiring", 0),
            expired=counts.get("expired", 0), vacant=counts.get("vacant", 0), date=as_of.isoformat()))
        if problems:
            feedback.reportError(tr("{n} problems found in the lease register; see the problems table.").format(
                n=len(problems)))
        return {self.OUTPUT: dest, self.OUTPUT_RENT_ROLL: roll_dest, self.OUTPUT_PROBLEMS: problem_dest}

    @staticmethod
    def _problem_text(problem) -> str:
        if problem.problem == "bad_rent":
            return problem.detail
        texts = {
            "duplicate_code": tr("The lease code is used more than once; only the first is counted."),
            "unknown_property": tr("The property code is not in the property layer."),
            "missing_start": tr("The lease has no start date."),
            "invalid_dates": tr("The lease ends before it starts."),
            "negative_rent": tr("The annual rent is negative."),
            "missing_rent": tr("No annual rent; counted as 0 €."),

            "overlap": tr("Overlaps lease {other} of the same property."),
        }
        return texts.get(problem.problem, problem.detail).format(other=problem.other_lease or "")
