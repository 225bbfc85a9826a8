"""check_database on PostGIS: the checks run as SQL in the database (layers/backends/postgis_checks.py)
and give exactly the findings of the Python path (every layer read into QGIS) — same layer, feature,
field, problem, severity and message — on the sample municipality, on a database with a planted
defect of every problem code, and on random partitions with planted defects (hypothesis). Real
PostgreSQL, never mocked.

Defects the database's own rules would refuse (NOT NULL, UNIQUE, the parcel topology trigger, the
register's append-only guard) are planted as another tool would leave them: constraints dropped and
triggers disabled by the schema's owner, then plain SQL.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from builders import X0, Y0
from builders import small_database as _clean_db
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

from municipal_gis.layers.checks import check_database
from municipal_gis.layers.database import as_layer_geometry
from municipal_gis.schema import catalogue

pytestmark = pytest.mark.postgis

ALL_PROBLEMS = {
    "no_schema_version", "missing_layer", "unreadable_layer", "missing_field", "wrong_type",
    "coordinates_in_degrees", "swapped_axes", "implausible_coordinates", "missing_value", "duplicate_value",
    "unknown_code", "empty_geometry", "invalid_geometry", "unknown_project", "unknown_property",
    "project_without_location", "malformed_kaek", "unreadable_result", "shares_not_100", "parcel_overlap",
    "parcel_gap",
}


class _Log:
    """A feedback that keeps what the checker says (to see which path ran)."""

    def __init__(self):
        self.lines = []

    def pushInfo(self, text):  # noqa: N802
        self.lines.append(text)

    def isCanceled(self):  # noqa: N802
        return False

    def setProgress(self, value):  # noqa: N802
        pass


def _both(location, **kwargs):
    """(findings in the database, findings in QGIS), after making sure the first ran as SQL."""
    log = _Log()
    in_database = check_database(location, log, in_database=True, **kwargs)
    assert "The checks run as SQL in the database." in log.lines, log.lines
    python_log = _Log()
    in_qgis = check_database(location, python_log, in_database=False, **kwargs)
    assert not any("SQL" in line for line in python_log.lines)
    return in_database, in_qgis


def _key(finding):
    return (finding.layer, finding.feature_id, finding.field, finding.problem, finding.message, finding.severity)


def assert_same_findings(location, **kwargs):
    sql, python = _both(location, **kwargs)
    assert sorted(map(_key, sql)) == sorted(map(_key, python))
    return sql


def _execute(location, statements, params=()):
    connection = location.dbapi_connect()
    try:
        with connection, connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement.format(s=f'"{location.schema}"'), params)
    finally:
        connection.close()


def _loosen(location):
    """Drop the constraints and disable the triggers a defect would trip (as another tool's data)."""
    statements = [f"ALTER TABLE {{s}}.{layer.id} DISABLE TRIGGER USER" for layer in catalogue.LAYERS]
    for layer in catalogue.LAYERS:
        for field in layer.all_fields:
            if field.not_null:
                statements.append(f'ALTER TABLE {{s}}.{layer.id} ALTER COLUMN "{field.name}" DROP NOT NULL')
            if field.unique:
                statements.append(f'ALTER TABLE {{s}}.{layer.id} DROP CONSTRAINT IF EXISTS "{layer.id}_{field.name}_key"')
    _execute(location, statements)


def _wkb(geometry):
    return None if geometry is None else shapely.to_wkb(geometry, hex=True)


def _insert(location, layer_id, rows):
    """rows: (dict of values, shapely geometry or None); the geometry is written as is (no repair)."""
    connection = location.dbapi_connect()
    try:
        with connection, connection.cursor() as cursor:
            for values, geometry in rows:
                names = list(values)
                columns = ", ".join([f'"{n}"' for n in names] + (["geom"] if catalogue.layer(layer_id).is_spatial else []))
                marks = ["%s"] * len(names)
                params = [values[n] for n in names]
                if catalogue.layer(layer_id).is_spatial:
                    marks.append(f"ST_SetSRID(ST_GeomFromWKB(decode(%s, 'hex')), {catalogue.CRS_EPSG})")
                    params.append(_wkb(as_layer_geometry(geometry, catalogue.layer(layer_id))))
                cursor.execute(f'INSERT INTO "{location.schema}"."{layer_id}" ({columns}) VALUES ({", ".join(marks)})',
                               params)
    finally:
        connection.close()


# ------------------------------------------------------------------------------------------------
def test_sample_municipality_same_findings(qgis_app, pg_location):
    from municipal_gis.core.sample import generate
    from municipal_gis.layers.database import create_database, write_records

    create_database(pg_location)
    for layer_id, table in generate(parcels=1000, seed=5).items():
        write_records(pg_location, layer_id, table.records, table.geometries)
    findings = assert_same_findings(pg_location)
    # the sample is clean: its findings are the projects with no location yet (warnings)
    assert findings and {f.problem for f in findings} == {"project_without_location"}


def _square(x, y, size=20.0):
    return box(X0 + x, Y0 + y, X0 + x + size, Y0 + y + size)


def test_every_problem_code_same_findings(qgis_app, pg_location):
    location = _clean_db(pg_location)
    _loosen(location)
    bowtie = Polygon([(X0, Y0 + 100), (X0 + 10, Y0 + 110), (X0 + 10, Y0 + 100), (X0, Y0 + 110)])
    # a second block of four parcels: one 1.5 m into its neighbour (overlap + gap), one left out (gap),
    # one closed and overlapping everything (history, not the partition), one invalid (a bow-tie)
    _insert(location, "city_block", [({"ot_code": "13"}, shapely.MultiPolygon([_square(0, 40, 80)]))])
    _insert(location, "parcel", [
        ({"kaek": "400160403010"}, _square(1.5, 40)),
        ({"kaek": "400160403011"}, _square(20, 40)),
        ({"kaek": "400160403012", "status": "closed"}, _square(0, 40, 60)),
        ({"kaek": "400160403013"}, Polygon([(X0, Y0 + 100), (X0 + 20, Y0 + 120), (X0 + 20, Y0 + 100),
                                             (X0, Y0 + 120)])),
        # ΚΑΕΚ: duplicate, malformed, spaced (normalises to valid), unit suffix (valid), bad suffix, missing, blank
        ({"kaek": "400160403001"}, None),
        ({"kaek": "40016040300"}, None),
        ({"kaek": "4001 6040 3099"}, None),
        ({"kaek": "400160403006/0/2"}, None),
        ({"kaek": "400160403007/x"}, None),
        ({"kaek": None}, None),
        ({"kaek": "   "}, None),
    ])
    _insert(location, "bike_station", [({"name": "ΤΕΙ", "project_code": "2019-404", "status": "rusty"},
                                        shapely.Point(X0, Y0))])
    _insert(location, "project_funding", [({"project_code": "2019-405", "funding_source": "nowhere"}, None)])
    _insert(location, "programme_project", [({"project_code": "2019-002", "title": "Μελέτη"}, None),
                                            ({"project_code": "2019-003", "title": ""}, None),
                                            ({"project_code": "2019-004", "title": "\u00a0\u2003"}, None)])
    _insert(location, "lease", [({"lease_code": "Μ-2", "property_code": "ΔΠ-9999"}, None),
                                ({"lease_code": None, "property_code": "ΔΠ-0001", "status": ""}, None)])
    _insert(location, "encroachment", [({"property_code": "ΔΠ-9998"}, _square(18, 0, 2))])
    _insert(location, "playground", [({"name": "Πλατεία Ειρήνης", "status": "closed-ish"}, None)])
    _insert(location, "regeneration_zone", [({"name": "ΣΒΑΑ"}, shapely.MultiPolygon([bowtie])),
                                            ({"name": "Άδεια"}, shapely.MultiPolygon())])
    # layers whose coordinates are degrees, swapped, outside Greece
    _insert(location, "street", [({"name": "Οδός"}, shapely.LineString([(23.54, 41.08), (23.55, 41.09)]))])
    _insert(location, "community", [({"name": "Αντίστροφη"}, shapely.MultiPolygon([box(Y0, X0, Y0 + 10, X0 + 10)]))])
    _insert(location, "census_block", [({"block_code": "Β1"}, shapely.MultiPolygon([box(5e6, 9e6, 5e6 + 10, 9e6 + 10)]))])
    # the register: a certificate whose shares add up to 200 %, one that cannot be read, one replaced
    wrong = json.dumps([{"zone_code": "Α1", "share_pct": 100.0}, {"zone_code": None, "share_pct": 100.0}])
    register = [({"certificate_no": f"1/2025-{n}", "year": 2025, "sequence": n, "issued_at": "2025-01-02T10:00:00",
                  "kaek": kaek, "result_json": text, "replaces_no": replaces}, None)
                for n, kaek, text, replaces in ((1, "400160403001", wrong, None), (2, "400160403002", "{not json", None),
                                                (3, "400160403003", wrong, None),
                                                (4, "400160403003", "[]", "1/2025-3"), (5, "4001604030", "[]", None))]
    _insert(location, "land_use_certificate", register)
    # the layer level: a layer missing, a field missing, a field of the wrong type, a spatial table
    # without its geometry column (QGIS cannot open it), the schema's version gone
    _execute(location, [
        "DROP TABLE {s}.parcel_lineage CASCADE",
        "ALTER TABLE {s}.playground DROP COLUMN age_group",
        "ALTER TABLE {s}.street ALTER COLUMN walkable TYPE text USING walkable::text",
        "ALTER TABLE {s}.land_use_zone DROP COLUMN geom",
        "DELETE FROM {s}.mgis_metadata WHERE key = 'municipal_gis_schema_version'",
    ])
    findings = assert_same_findings(location)
    assert {f.problem for f in findings} == ALL_PROBLEMS
    by_problem = {}
    for f in findings:
        by_problem.setdefault(f.problem, []).append(f)
    overlaps = by_problem["parcel_overlap"]
    assert [(f.feature_id, "30.00 m²" in f.message) for f in overlaps] == [(3, True)]  # 1.5 × 20 m
    malformed = sorted(m.message.split("«")[1].split("»")[0] for m in by_problem["malformed_kaek"])
    assert malformed == sorted(["   ", "40016040300", "400160403007/x", "4001604030"])
    assert len(by_problem["duplicate_value"]) == 2  # both parcels 400160403001
    blank_titles = [f for f in by_problem["missing_value"] if f.layer == "programme_project"]
    assert [f.field for f in blank_titles] == ["title", "title"]  # "" and a no-break and an em space


def test_blank_is_pythons_white_space():
    """The SQL path's «only white space» is str.strip()'s, whatever the database's locale."""
    import sys

    from municipal_gis.layers.backends.postgis_checks import SPACE_RANGES

    listed = {c for a, b in SPACE_RANGES for c in range(a, b + 1)}
    assert listed == {c for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def test_tolerance_and_the_path_taken(qgis_app, pg_location):
    parcels = [({"kaek": "400160403001"}, box(X0, Y0, X0 + 20.001, Y0 + 20)),  # 0.02 m² overlap
               ({"kaek": "400160403002"}, box(X0 + 20, Y0, X0 + 40, Y0 + 20))]
    location = _clean_db(pg_location)
    _loosen(location)
    _execute(location, ["DELETE FROM {s}.parcel"])
    _insert(location, "parcel", parcels)
    assert assert_same_findings(location, topology_tolerance_m2=0.05) == []
    assert {f.problem for f in assert_same_findings(location, topology_tolerance_m2=0.01)} == {"parcel_overlap"}


def test_a_table_the_sql_cannot_read_falls_back_to_the_python_path(qgis_app, pg_location):
    """A layer stored as geography (another tool's choice): the SQL path's geometry functions refuse it, the
    log says so, and every layer is read into QGIS, with the Python path's findings."""
    location = _clean_db(pg_location)
    _loosen(location)
    _insert(location, "lease", [({"lease_code": "Μ-2", "property_code": "ΔΠ-9999"}, None)])
    _execute(location, ["ALTER TABLE {s}.encroachment ALTER COLUMN geom TYPE geography "
                        "USING ST_Transform(geom, 4326)::geography"])
    log = _Log()
    findings = check_database(location, log)
    failed = [line for line in log.lines if line.startswith("The checks in the database failed (")]
    assert len(failed) == 1 and "geography" in failed[0] and "\n" not in failed[0]
    assert sorted(map(_key, findings)) == sorted(map(_key, check_database(location, in_database=False)))
    assert [(f.layer, f.problem) for f in findings] == [("lease", "unknown_property")]


def test_the_gpkg_path_says_nothing_of_sql(qgis_app, tmp_path):
    log = _Log()
    check_database(_clean_db(tmp_path / "t.gpkg"), log)
    assert not any("SQL" in line or "database (" in line for line in log.lines)


def test_a_read_only_role_gets_the_same_findings(qgis_app, pg_location):
    """A role that may only read the schema (no temporary tables, no writes) still checks in the database."""
    location = _clean_db(pg_location)
    _loosen(location)
    _insert(location, "parcel", [({"kaek": "40016040300"}, _square(1, 0))])
    _execute(location, ["DROP ROLE IF EXISTS mgis_checks_reader",
                        "CREATE ROLE mgis_checks_reader NOLOGIN",
                        "GRANT USAGE ON SCHEMA {s} TO mgis_checks_reader",
                        "GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO mgis_checks_reader",
                        "REVOKE TEMPORARY ON DATABASE " + '"' + _database(location) + '"' + " FROM PUBLIC"])
    try:
        from municipal_gis.layers.database import DatabaseLocation

        reader = DatabaseLocation.parse(f"PG:{location.conninfo} options='-c role=mgis_checks_reader' "
                                        f"schema={location.schema}")
        connection = reader.dbapi_connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_user")
                assert cursor.fetchone()[0] == "mgis_checks_reader"
                with pytest.raises(Exception, match="permission denied"):  # no temporary tables for this role
                    cursor.execute("CREATE TEMPORARY TABLE scratch (x int)")
        finally:
            connection.close()
        sql = assert_same_findings(reader)
        assert {f.problem for f in sql} >= {"malformed_kaek", "parcel_overlap"}
        owner = sorted(map(_key, check_database(location)))
        assert sorted(map(_key, sql)) == owner
    finally:
        _execute(location, ["GRANT TEMPORARY ON DATABASE " + '"' + _database(location) + '"' + " TO PUBLIC",
                            "DROP OWNED BY mgis_checks_reader", "DROP ROLE mgis_checks_reader"])


def _database(location):
    connection = location.dbapi_connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            return cursor.fetchone()[0]
    finally:
        connection.close()


# ------------------------------------------------------------------------------------------------
@st.composite
def partitions(draw):
    """Blocks of k × k parcels (some blocks overlapping their neighbour), with planted defects: parcels
    moved (overlap + gap), left out, made bow-ties, emptied, closed, given duplicate or malformed ΚΑΕΚ or
    codes outside the value list, and blocks emptied or made invalid."""
    size = draw(st.sampled_from([10.0, 20.0]))
    nb = draw(st.integers(1, 3))
    k = draw(st.integers(2, 4))
    blocks, parcels = [], []
    for b in range(nb):
        bx = b * (k * size + draw(st.sampled_from([0.0, 5.0, -3.0])))  # -3: blocks that overlap
        blocks.append([{"ot_code": str(b)}, shapely.MultiPolygon([_square(bx, 0, k * size)])])
        for i in range(k):
            for j in range(k):
                parcels.append([{"kaek": f"4001604{len(parcels):05d}", "owner_type": "private"},
                                _square(bx + j * size, i * size, size)])
    defects = draw(st.lists(st.tuples(st.sampled_from(
        ["move", "grow", "drop", "bowtie", "empty", "closed", "duplicate", "malformed", "code", "noise"]),
        st.integers(0, len(parcels) - 1), st.floats(0.001, 3.0)), max_size=8))
    keep = [True] * len(parcels)
    for kind, i, d in defects:
        values, geom = parcels[i]
        if geom is None:
            continue
        minx, miny, maxx, maxy = geom.bounds
        if kind == "move":
            parcels[i][1] = box(minx + d, miny, maxx + d, maxy)
        elif kind == "grow":
            parcels[i][1] = box(minx, miny, maxx + d, maxy + d / 2)
        elif kind == "noise":  # below or about the tolerance
            parcels[i][1] = box(minx, miny, maxx + d / 1000, maxy)
        elif kind == "drop":
            keep[i] = False
        elif kind == "bowtie":
            parcels[i][1] = Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])
        elif kind == "empty":
            parcels[i][1] = None
        elif kind == "closed":
            values["status"] = "closed"
        elif kind == "duplicate":
            values["kaek"] = parcels[(i + 1) % len(parcels)][0]["kaek"]
        elif kind == "malformed":
            values["kaek"] = values["kaek"][:-1] + "x"
        elif kind == "code":
            values["owner_type"] = "dunno"
    block_defect = draw(st.sampled_from([None, "empty", "invalid"]))
    if block_defect == "empty":
        blocks[0][1] = None
    elif block_defect == "invalid":
        minx, miny, maxx, maxy = blocks[-1][1].bounds
        blocks[-1][1] = shapely.MultiPolygon([Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])])
    rows = [(v, None if g is None else shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g)
            for (v, g), kept in zip(parcels, keep) if kept]
    order = draw(st.permutations(range(len(rows))))  # fids not in space order
    return [rows[i] for i in order], blocks, draw(st.sampled_from([0.0, 0.01, 1.0]))


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=partitions())
def test_random_partitions_same_findings(qgis_app, pg_location, case):
    from municipal_gis.layers.database import create_database

    parcels, blocks, tolerance = case
    connection = pg_location.dbapi_connect()
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (pg_location.schema,))
        exists = cursor.fetchone() is not None
    connection.close()
    if not exists:
        create_database(pg_location)
        _loosen(pg_location)
    _execute(pg_location, ["TRUNCATE {s}.parcel, {s}.city_block RESTART IDENTITY"])
    _insert(pg_location, "city_block", blocks)
    _insert(pg_location, "parcel", parcels)
    findings = assert_same_findings(pg_location, topology_tolerance_m2=tolerance)
    assert all(f.layer in ("parcel", "city_block") for f in findings)
    invalid = {f.feature_id for f in findings if f.layer == "parcel" and f.problem == "invalid_geometry"}
    assert not invalid & {f.feature_id for f in findings if f.problem == "parcel_overlap"}
    assert np.all([f.severity == "error" for f in findings])


def test_blocks_that_overlap_give_a_parcel_to_the_lower_fid(qgis_app, pg_location):
    """A parcel whose point on surface two blocks hold belongs to the block of lower fid: the other one
    has a gap where it lies (both paths, whatever the order the rows were written in)."""
    location = _clean_db(pg_location, parcels=[], blocks=[])
    _loosen(location)
    _insert(location, "city_block", [({"ot_code": "B"}, _square(10, 0, 40)),   # fid 1: x 10..50
                                     ({"ot_code": "A"}, _square(0, 0, 40))])   # fid 2: x 0..40
    _insert(location, "parcel", [({"kaek": "400160403003"}, _square(40, 0, 10)),  # only in block 1
                                 ({"kaek": "400160403001"}, _square(10, 0, 10)),  # in both: block 1's
                                 ({"kaek": "400160403002"}, _square(0, 0, 10))])  # only in block 2
    findings = assert_same_findings(location)
    gaps = {f.feature_id: f.message for f in findings if f.problem == "parcel_gap"}
    # block 1 (40 × 40) holds parcels 1 and 2 (200 m²); block 2 holds parcel 3 alone (100 m²); parcel 2
    # covers 100 m² of block 2 but is not its member
    assert "1400.00 m²" in gaps[1] and "1500.00 m²" in gaps[2]
