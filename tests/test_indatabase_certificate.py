"""land_use_certificate on two PostGIS layers of one database: the overlay runs as SQL in the
database (layers/indatabase.py) and gives the rows of the QGIS path to 0.01 m² (real PostGIS)."""

import datetime as dt

import numpy as np
import pytest
import shapely
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

from municipal_gis.layers import indatabase
from municipal_gis.layers.database import create_database, write_records
from tests.test_indatabase import X0, Y0, _city

pytestmark = pytest.mark.postgis


class _Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos, self.warnings = [], []

    def pushInfo(self, text):  # noqa: N802
        self.infos.append(text)

    def pushWarning(self, text):  # noqa: N802
        self.warnings.append(text)


def _load_city(location, seed, overlapping=False):
    parcels, zones = _city(seed, n_parcels=250, n_zones=9)
    parcels = list(parcels)
    records = [{"kaek": f"40016{i:07d}", "ot_code": "1", "registered_area_m2": (None if i % 7 else 400.0 + i)}
               for i in range(len(parcels))] + [{"kaek": "400169999999"}]
    write_records(location, "parcel", records, [shapely.multipolygons([g]) for g in parcels] + [None])
    # a bow-tie parcel (invalid, repaired by both paths), past the catalogue's topology trigger
    bow = shapely.MultiPolygon([shapely.Polygon([(X0 - 45, Y0 + 5), (X0 - 25, Y0 + 25), (X0 - 25, Y0 + 5),
                                                 (X0 - 45, Y0 + 25)])])
    connection = location.dbapi_connect()
    with connection, connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {location.table('parcel')} DISABLE TRIGGER USER")
        cursor.execute(f"INSERT INTO {location.table('parcel')} (kaek, geom) VALUES "
                       f"('400168888888', ST_GeomFromWKB(%s, 2100))", (shapely.to_wkb(bow),))
        cursor.execute(f"ALTER TABLE {location.table('parcel')} ENABLE TRIGGER USER")
    connection.close()
    zones = list(zones)
    if overlapping:  # a zone over two others: «A + B» pieces, which only the QGIS path splits
        zones.append(shapely.buffer(shapely.centroid(zones[0]), 60.0))
    write_records(location, "land_use_zone",
                  [{"zone_code": f"Z{j}", "far": 0.8 + 0.1 * (j % 4), "coverage_pct": 60.0,
                    "min_plot_area_m2": 250.0, "valid_to": (dt.date(2020, 1, 1) if j == 1 else None)}
                   for j in range(len(zones))],
                  [shapely.multipolygons([g]) if g.geom_type == "Polygon" else g for g in zones])
    return len(parcels) + 2


def _run(location, in_database):
    from qgis import processing

    parcels = QgsVectorLayer(location.layer_uri("parcel")[0], "parcel", "postgres")
    zones = QgsVectorLayer(location.layer_uri("land_use_zone")[0], "zones", "postgres")
    assert parcels.isValid() and zones.isValid()
    feedback, context = _Feedback(), QgsProcessingContext()
    result = processing.run("municipal_gis:land_use_certificate", {
        "PARCELS": parcels, "ZONING": zones, "OUTPUT": "memory:", "KAEK_PROBLEMS": "memory:", "OUTPUT_GEOMETRY": False,
        "AS_OF": "2025-01-01", "IN_DATABASE": in_database}, feedback=feedback, context=context)
    layer, problems = result["OUTPUT"], result["KAEK_PROBLEMS"]
    names = layer.fields().names()
    from municipal_gis.qgisio.features import to_python

    def plain(layer):
        return sorted((tuple(to_python(v) for v in f.attributes()) for f in layer.getFeatures()),
                      key=lambda row: tuple("" if v is None else str(v) for v in row))

    return names, plain(layer), plain(problems), feedback


def _assert_rows_equal(names, sql_rows, qgis_rows):
    assert len(sql_rows) == len(qgis_rows)
    area = names.index("area_m2")
    floats = [i for i, n in enumerate(names) if n in ("share_pct", "share_registered_pct", "max_floor_area_m2",
                                                    "max_footprint_m2")]
    for a, b in zip(sql_rows, qgis_rows):
        assert a[:area] == b[:area]  # ΚΑΕΚ and zone code
        assert abs(a[area] - b[area]) <= 0.01, (a, b)
        for i in floats:
            assert (a[i] is None) == (b[i] is None) and (a[i] is None or abs(a[i] - b[i]) <= 1e-4), (names[i], a, b)
        rest = [i for i in range(area + 1, len(names)) if i not in floats]
        assert [a[i] for i in rest] == [b[i] for i in rest], (a, b)


def test_certificates_computed_in_postgis_equal_the_qgis_path(qgis_app, provider, pg_location, monkeypatch):
    location = create_database(pg_location)
    n_parcels = _load_city(location, seed=21)
    calls = []
    real = indatabase.certificate_areas
    monkeypatch.setattr(indatabase, "certificate_areas", lambda *a, **k: calls.append(1) or real(*a, **k))
    names, sql_rows, sql_problems, sql_feedback = _run(location, True)
    assert calls == [1]  # the database did the overlay
    assert any("PostGIS" in text for text in sql_feedback.infos)
    names_q, qgis_rows, qgis_problems, qgis_feedback = _run(location, False)
    assert calls == [1]  # and not on the QGIS path
    assert names == names_q
    _assert_rows_equal(names, sql_rows, qgis_rows)
    assert sql_problems == qgis_problems and any(p[1] == "no_geometry" for p in sql_problems)
    # the bow-tie was repaired on both paths, and said so
    assert any("invalid geometry" in w for w in sql_feedback.warnings)
    assert sum("invalid geometry" in w for w in sql_feedback.warnings) == sum(
        "invalid geometry" in w for w in qgis_feedback.warnings)
    # every certified parcel is whole: its shares add up to 100 %, the ended zone Z1 is nowhere
    kaek, zone, share = names.index("kaek"), names.index("zone_code"), names.index("share_pct")
    totals = {}
    for row in sql_rows:
        totals[row[kaek]] = totals.get(row[kaek], 0.0) + row[share]
    assert len(totals) == n_parcels - 1 and np.allclose(list(totals.values()), 100.0)
    assert not any(row[zone] == "Z1" for row in sql_rows)
    assert any(row[zone] is None for row in sql_rows) and any(row[zone] == "Z0" for row in sql_rows)


def test_overlapping_zones_take_the_qgis_path(qgis_app, provider, pg_location, monkeypatch):
    location = create_database(pg_location)
    _load_city(location, seed=22, overlapping=True)
    calls = []
    real = indatabase.certificate_areas
    monkeypatch.setattr(indatabase, "certificate_areas", lambda *a, **k: calls.append(1) or real(*a, **k))
    names, rows, _problems, feedback = _run(location, True)
    assert calls == []
    assert any("overlap" in text for text in feedback.infos)
    assert any(" + " in (row[names.index("zone_code")] or "") for row in rows)  # the «A + B» pieces


def test_filtered_layer_or_a_kaek_list_take_the_qgis_path(qgis_app, provider, pg_location, monkeypatch):
    """The database path needs whole tables and every parcel: a layer filter or a ΚΑΕΚ list keeps QGIS's."""
    from qgis import processing

    location = create_database(pg_location)
    _load_city(location, seed=23)
    calls = []
    real = indatabase.certificate_areas
    monkeypatch.setattr(indatabase, "certificate_areas", lambda *a, **k: calls.append(1) or real(*a, **k))
    parcels = QgsVectorLayer(location.layer_uri("parcel")[0], "parcel", "postgres")
    zones = QgsVectorLayer(location.layer_uri("land_use_zone")[0], "zones", "postgres")
    parcels.setSubsetString("fid <= 40")
    result = processing.run("municipal_gis:land_use_certificate", {
        "PARCELS": parcels, "ZONING": zones, "OUTPUT": "memory:", "OUTPUT_GEOMETRY": False})
    assert calls == [] and len({f["kaek"] for f in result["OUTPUT"].getFeatures()}) == 40
    parcels.setSubsetString("")
    result = processing.run("municipal_gis:land_use_certificate", {
        "PARCELS": parcels, "ZONING": zones, "OUTPUT": "memory:", "OUTPUT_GEOMETRY": False,
        "KAEK_LIST": "400160000003\n400160000004"})
    assert calls == [] and {f["kaek"] for f in result["OUTPUT"].getFeatures()} == {"400160000003", "400160000004"}


def test_invalid_zone_is_repaired_alike_in_postgis(qgis_app, provider, pg_location, monkeypatch):
    """A zone in force whose ring crosses itself: the SQL tests each zone's validity once and repairs
    only the invalid one where parcels meet it — the same pieces as the QGIS path's repair."""
    import shapely.wkb

    location = create_database(pg_location)
    _load_city(location, seed=24)
    connection = location.dbapi_connect()
    with connection, connection.cursor() as cursor:
        table = location.table("land_use_zone")
        cursor.execute(f"SELECT fid, ST_AsBinary(geom) FROM {table} WHERE zone_code = 'Z2'")
        fid, wkb = cursor.fetchone()
        ring = list(shapely.wkb.loads(bytes(wkb)).geoms[0].exterior.coords)[:-1]
        ring[1], ring[2] = ring[2], ring[1]  # two corners swapped: the ring crosses itself
        bad = shapely.MultiPolygon([shapely.Polygon(ring)])
        assert not bad.is_valid
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(f"UPDATE {table} SET geom = ST_GeomFromWKB(%s, 2100) WHERE fid = %s",
                       (shapely.to_wkb(bad), fid))
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    connection.close()
    calls = []
    real = indatabase.certificate_areas
    monkeypatch.setattr(indatabase, "certificate_areas", lambda *a, **k: calls.append(1) or real(*a, **k))
    names, sql_rows, _p, sql_feedback = _run(location, True)
    assert calls == [1]
    names_q, qgis_rows, _q, qgis_feedback = _run(location, False)
    _assert_rows_equal(names, sql_rows, qgis_rows)
    zone = names.index("zone_code")
    assert any(row[zone] == "Z2" for row in sql_rows)  # the repaired zone still certifies its parcels
    assert any("invalid zone geometry" in w for w in qgis_feedback.warnings)


def test_read_columns_gives_what_read_source_gives(qgis_app, pg_location):
    """The in-database path reads the parcels' columns with one SELECT instead of QGIS's iterator:
    the same fids (the table's, not QGIS's numbering of a bigint key) and the same values."""
    from municipal_gis.qgisio.features import read_source

    location = create_database(pg_location)
    _load_city(location, seed=25)
    connection = location.dbapi_connect()
    with connection, connection.cursor() as cursor:  # Greek text and a NULL among the codes
        cursor.execute(f"UPDATE {location.table('parcel')} SET ot_code = 'Ο.Τ. 12α' WHERE fid % 5 = 0")
        cursor.execute(f"UPDATE {location.table('parcel')} SET ot_code = NULL WHERE fid % 7 = 0")
    connection.close()
    layer = QgsVectorLayer(location.layer_uri("parcel")[0], "parcel", "postgres")
    table = indatabase.postgis_table(layer)
    names = ["kaek", "ot_code", "registered_area_m2"]
    fast = indatabase.read_columns(table, names)
    slow = read_source(layer, names, with_geometry=False)
    order = np.argsort(slow.fids)
    assert fast.fids.tolist() == slow.fids[order].tolist()
    for name in names:
        assert fast.attributes[name] == [slow.attributes[name][i] for i in order], name
    assert "Ο.Τ. 12α" in fast.attributes["ot_code"] and None in fast.attributes["ot_code"]
    # with the geometries, and every column of the zones (dates among them), as the Python path reads them
    for name in ("parcel", "land_use_zone"):
        layer = QgsVectorLayer(location.layer_uri(name)[0], name, "postgres")
        every = layer.fields().names()
        if name == "parcel":  # a timestamp (closed_at): QGIS converts it its own way, and reads the table
            assert indatabase.read_columns(indatabase.postgis_table(layer), every, geometry=True) is None
            every.remove("closed_at")
        fast = indatabase.read_columns(indatabase.postgis_table(layer), every, geometry=True, multi=True)
        slow = read_source(layer, every)
        order = np.argsort(slow.fids)
        assert fast is not None, name
        assert fast.fids.tolist() == slow.fids[order].tolist()
        assert fast.attributes == {n: [slow.attributes[n][i] for i in order] for n in every}
        assert [None if g is None else shapely.to_wkb(g) for g in fast.geometries] == \
               [None if slow.geometries[i] is None else shapely.to_wkb(slow.geometries[i]) for i in order]
        assert any(g is None for g in fast.geometries) == (name == "parcel")  # the parcel with no geometry
    # a column of a type QGIS converts its own way (numeric): QGIS reads the table
    connection = location.dbapi_connect()
    with connection, connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {location.table('parcel')} ADD COLUMN price numeric(12, 2)")
    connection.close()
    assert indatabase.read_columns(table, ["kaek", "price"]) is None


def test_python_path_reads_postgis_tables_in_bulk_with_the_rows_of_qgis_reading(qgis_app, provider, pg_location,
                                                                                monkeypatch):
    """With the overlay in QGIS (pieces with geometry, a ΚΑΕΚ list, overlapping zones, or the option
    off), whole PostGIS tables are read by one SELECT each: the same certificate rows as QGIS's
    iterator gives."""
    location = create_database(pg_location)
    _load_city(location, seed=26)
    used = []
    real = indatabase.read_columns
    monkeypatch.setattr(indatabase, "read_columns", lambda *a, **k: used.append(k.get("geometry")) or real(*a, **k))
    names, bulk_rows, bulk_problems, _f = _run(location, False)
    assert used == [True, True]  # parcels and zones, with their geometries
    monkeypatch.setattr(indatabase, "read_columns", lambda *a, **k: None)
    names_q, qgis_rows, qgis_problems, _g = _run(location, False)
    assert names == names_q and bulk_rows == qgis_rows and bulk_problems == qgis_problems


def test_certificate_areas_in_parts_equal_one_connection(qgis_app, pg_location):
    """The pieces' query runs in parts (zones by key) on parallel connections sharing one snapshot:
    the same pieces whatever the number of connections."""
    location = create_database(pg_location)
    _load_city(location, seed=27)
    parcels = indatabase.postgis_table(QgsVectorLayer(location.layer_uri("parcel")[0], "parcel", "postgres"))
    zones_layer = QgsVectorLayer(location.layer_uri("land_use_zone")[0], "zones", "postgres")
    zones = indatabase.postgis_table(zones_layer)
    in_force = [f["fid"] for f in zones_layer.getFeatures() if f["zone_code"] != "Z1"]
    results = [indatabase.certificate_areas(parcels, zones, in_force, workers=w) for w in (1, 2, 3)]
    for pieces, parcel_rows in results[1:]:
        assert sorted(pieces) == sorted(results[0][0]) and sorted(parcel_rows) == sorted(results[0][1])
    assert len(results[0][0]) > len(in_force)
    assert not any(z not in in_force for _p, z, _a in results[0][0])  # the ended zone is in no piece
