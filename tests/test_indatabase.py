"""Parcel × zone areas computed in PostGIS (layers/indatabase.py) equal the Python core's to 0.01 m²."""

import datetime as dt

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from municipal_gis.core import overlay
from municipal_gis.layers import indatabase
from municipal_gis.layers.database import create_database, write_records

X0, Y0 = 462_000.0, 4_548_500.0

pytestmark = pytest.mark.postgis


def _city(seed, n_parcels=300, n_zones=12):
    """Voronoi parcels and non-overlapping Voronoi zones with an unzoned margin, in EPSG:2100."""
    rng = np.random.default_rng(seed)
    side = float(np.sqrt(n_parcels * 400.0))
    frame = shapely.box(X0, Y0, X0 + side, Y0 + side)
    cells = lambda n: shapely.intersection(  # noqa: E731
        shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(rng.uniform(0, side, (n, 2)) + [X0, Y0]),
                                                   extend_to=frame)), frame)
    parcels = cells(n_parcels)
    zones = shapely.intersection(cells(n_zones), shapely.box(X0 + 15, Y0 + 15, X0 + side - 15, Y0 + side - 15))
    return parcels, zones


def _load(location, parcels, zones, valid_to=None):
    write_records(location, "parcel", [{"kaek": f"40016{i:07d}", "ot_code": "1"} for i in range(len(parcels))],
                  [shapely.multipolygons([g]) for g in parcels])
    write_records(location, "land_use_zone",
                  [{"zone_code": f"Z{j}", "valid_to": (valid_to if j == 0 else None)} for j in range(len(zones))],
                  [shapely.multipolygons([g]) if g.geom_type == "Polygon" else g for g in zones])


def _core_areas(parcels, zones, active=None):
    res = overlay.overlay(parcels, zones, keep_geometry=False, zone_active=active)
    out = {}
    for p, z, a in zip(res.parcel.tolist(), res.zone.tolist(), res.area_m2.tolist()):
        key = (f"40016{p:07d}", f"Z{z}" if z >= 0 else None)
        out[key] = out.get(key, 0.0) + a
    return out


def _sql_areas(location, as_of=None):
    out = {}
    for _fid, kaek, zone, area in indatabase.zone_areas(location, as_of):
        out[(kaek, zone)] = out.get((kaek, zone), 0.0) + area
    return out


def _assert_same(sql, core):
    assert set(sql) == set(core)
    worst = max(abs(sql[k] - core[k]) for k in core)
    assert worst <= 0.01, worst


def test_postgis_overlay_equals_python_core(qgis_app, pg_location):
    location = create_database(pg_location)
    parcels, zones = _city(3)
    _load(location, parcels, zones, valid_to=dt.date(2020, 1, 1))
    # every zone (no date): the whole city
    sql, core = _sql_areas(location), _core_areas(parcels, zones)
    _assert_same(sql, core)
    assert any(z is None for _, z in core) and len(core) > len(parcels)  # unzoned rests and cut parcels
    total = sum(shapely.area(parcels))
    assert abs(sum(sql.values()) - total) < 0.01  # nothing lost, nothing counted twice
    # in force on a date: zone Z0 ended on 1/1/2020, its land is unzoned now
    active = np.ones(len(zones), dtype=bool)
    active[0] = False
    sql_now = _sql_areas(location, dt.date(2025, 1, 1))
    _assert_same(sql_now, _core_areas(parcels, zones, active))
    assert not any(z == "Z0" for _, z in sql_now) and any(z == "Z0" for _, z in sql)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_postgis_overlay_equals_core_on_random_cities(qgis_app, pg_location, seed):
    connection = pg_location.dbapi_connect()  # a fresh schema for every example
    with connection, connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{pg_location.schema}" CASCADE')
    connection.close()
    location = create_database(pg_location)
    parcels, zones = _city(seed, n_parcels=120, n_zones=7)
    _load(location, parcels, zones)
    _assert_same(_sql_areas(location), _core_areas(parcels, zones))


def test_overlay_sql_on_tables_partitioned_by_municipality(qgis_app, pg_location):
    """The national layout of docs/national_runs.md: parcels and zones partitioned by municipality."""
    connection = pg_location.dbapi_connect()
    schema = pg_location.schema
    cities = {"9186": _city(5, n_parcels=150, n_zones=6), "9187": _city(6, n_parcels=150, n_zones=6)}
    # the second municipality lies 10 km east of the first
    cities["9187"] = tuple(shapely.transform(g, lambda xy: xy + [10_000.0, 0.0]) for g in cities["9187"])
    with connection, connection.cursor() as cur:
        cur.execute(f'CREATE SCHEMA "{schema}"')
        for table, code in (("parcel", "kaek"), ("land_use_zone", "zone_code")):
            cur.execute(f'CREATE TABLE "{schema}".{table} (fid bigint, municipality text NOT NULL, {code} text, '
                        f'valid_from date, valid_to date, geom geometry(MultiPolygon, 2100)) '
                        f'PARTITION BY LIST (municipality)')
            for m in cities:
                cur.execute(f'CREATE TABLE "{schema}".{table}_{m} PARTITION OF "{schema}".{table} '
                            f"FOR VALUES IN ('{m}')")
            cur.execute(f'CREATE INDEX ON "{schema}".{table} USING gist (geom)')  # one index per partition
        fid = 0
        for m, (parcels, zones) in cities.items():
            for i, g in enumerate(parcels):
                fid += 1
                cur.execute(f'INSERT INTO "{schema}".parcel (fid, municipality, kaek, geom) VALUES '
                            f"(%s, %s, %s, ST_GeomFromWKB(%s, 2100))",
                            (fid, m, f"{m}0{i:07d}", shapely.to_wkb(shapely.multipolygons([g]))))
            for j, g in enumerate(zones):
                g = shapely.multipolygons([g]) if g.geom_type == "Polygon" else g
                cur.execute(f'INSERT INTO "{schema}".land_use_zone (fid, municipality, zone_code, geom) VALUES '
                            f"(%s, %s, %s, ST_GeomFromWKB(%s, 2100))", (j, m, f"{m}-Z{j}", shapely.to_wkb(g)))
        cur.execute(f'ANALYZE "{schema}".parcel; ANALYZE "{schema}".land_use_zone')
        # one municipality: the same SELECT on its partitions
        sql = indatabase.overlay_sql(f'"{schema}".parcel_9187', f'"{schema}".land_use_zone_9187')
        cur.execute(sql, {"as_of": None, "noise": overlay.NOISE_M2})
        one = cur.fetchall()
        # the whole country at once, on the partitioned parents
        cur.execute(indatabase.overlay_sql(f'"{schema}".parcel', f'"{schema}".land_use_zone'),
                    {"as_of": None, "noise": overlay.NOISE_M2})
        everything = cur.fetchall()
    connection.close()
    for m, (parcels, zones) in cities.items():
        core = {}
        res = overlay.overlay(parcels, zones, keep_geometry=False)
        for p, z, a in zip(res.parcel.tolist(), res.zone.tolist(), res.area_m2.tolist()):
            key = (f"{m}0{p:07d}", f"{m}-Z{z}" if z >= 0 else None)
            core[key] = core.get(key, 0.0) + a
        sql = {}
        for _fid, k, z, a in everything:
            if k.startswith(m):
                sql[(k, z)] = sql.get((k, z), 0.0) + a
        _assert_same(sql, core)
        if m == "9187":
            only = {}
            for _fid, k, z, a in one:
                only[(k, z)] = only.get((k, z), 0.0) + a
            _assert_same(only, core)


def test_zone_areas_refuses_a_database_that_cannot_run_the_overlay(tmp_path):
    location = create_database(str(tmp_path / "city.gpkg"))
    with pytest.raises(ValueError, match="runs in the database"):
        indatabase.zone_areas(location)
