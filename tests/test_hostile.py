"""The hostile-input suite (issue 12): every algorithm, run as a careless user would, gives a correct
result or a clear message naming the layer, feature and field, and never changes its inputs.

Each case runs through `processing.run`; a representative subset also through `qgis_process`
(tests/test_qgis_process.py shows the set-up). Inputs are compared by checksum before and after.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hostile_data import checksums, layer, valid_parameters, write_gpkg
from shapely.geometry import Point, box

X0, Y0 = 462_000.0, 4_548_000.0


def algorithm_ids():
    from municipal_gis.processing.provider import algorithm_classes

    return [cls.ALGORITHM_ID for cls in algorithm_classes()]


def run(alg_id, params, feedback=None):
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    return processing.run(f"municipal_gis:{alg_id}", params, context=QgsProcessingContext(),
                          feedback=feedback or QgsProcessingFeedback())


class Feedback:
    """A QgsProcessingFeedback that keeps what the user would read."""

    def __new__(cls):
        from qgis.core import QgsProcessingFeedback

        class _Kept(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.lines = []

            def pushInfo(self, text):  # noqa: N802
                self.lines.append(text)

            def pushWarning(self, text):  # noqa: N802
                self.lines.append(text)

            def reportError(self, text, fatalError=False):  # noqa: N802, N803
                self.lines.append(text)

            @property
            def text(self):
                return "\n".join(self.lines)

        return _Kept()


@pytest.fixture
def database(sample_gpkg, tmp_path):
    """A private copy of the sample municipality."""
    target = tmp_path / "db" / "municipality.gpkg"
    target.parent.mkdir()
    shutil.copy(sample_gpkg, target)
    return target


def _first_property(db) -> str:
    from osgeo import ogr

    dataset = ogr.Open(str(db))
    layer_ = dataset.GetLayerByName("municipal_property")
    layer_.SetAttributeFilter("property_code IS NOT NULL")
    return layer_.GetNextFeature().GetField("property_code")


def _parameters(alg_id, db, out):
    params = valid_parameters(alg_id, str(db), out)
    if params and params.get("CODE") == "__FIRST_PROPERTY__":
        params["CODE"] = _first_property(db)
    return params


# ------------------------------------------------------------------ the table covers every algorithm

def test_every_algorithm_has_hostile_parameters(provider, tmp_path):
    for alg_id in algorithm_ids():
        valid_parameters(alg_id, "db.gpkg", tmp_path)  # KeyError: a new algorithm needs its row


def _destinations():
    """(algorithm, destination parameter) for every algorithm that reads an input file."""
    from municipal_gis.processing.provider import algorithm_classes

    cases = []
    for cls in algorithm_classes():
        if valid_parameters(cls.ALGORITHM_ID, "db.gpkg", Path("/tmp")) is None:
            continue
        if cls.ALGORITHM_ID in ("create_database", "generate_sample_municipality"):
            continue  # no input: their own test below
        alg = cls()
        alg.initAlgorithm({})
        cases += [(cls.ALGORITHM_ID, d.name()) for d in alg.destinationParameterDefinitions()
                  if not d.name().endswith("_CONNECTION")]
    return cases


@pytest.fixture(scope="module")
def _app(qgis_app):
    return qgis_app


# ------------------------------------------------------------------ 1. data loss

@pytest.mark.parametrize("alg_id,output", _destinations())
def test_output_onto_the_input_database_is_refused(provider, database, tmp_path, alg_id, output):
    """OUTPUT = the input GeoPackage used to replace the whole database with one layer."""
    from qgis.core import QgsProcessingException

    params = _parameters(alg_id, database, tmp_path)
    params[output] = str(database)
    before = checksums(database.parent)
    with pytest.raises(QgsProcessingException) as raised:
        run(alg_id, params)
    message = str(raised.value)
    assert "Nothing was written" in message and output in message and str(database) in message
    assert checksums(database.parent) == before


@pytest.mark.parametrize("spelling", [
    "{db}", "{dir}/../db/municipality.gpkg", "ogr:dbname='{db}' table=\"parcel\" (geom)",
    "{db}|layername=parcel", "ogr:dbname='{db}' table=\"Parcel\" (geom)",
])
def test_every_spelling_of_the_input_is_recognised(provider, database, tmp_path, spelling):
    from qgis.core import QgsProcessingException

    params = _parameters("neighbour_list", database, tmp_path)
    params["OUTPUT"] = spelling.format(db=database, dir=database.parent)
    before = checksums(database.parent)
    with pytest.raises(QgsProcessingException, match="Nothing was written"):
        run("neighbour_list", params)
    assert checksums(database.parent) == before


def test_symbolic_link_to_the_input_is_the_input(provider, database, tmp_path):
    from qgis.core import QgsProcessingException

    link = tmp_path / "link.gpkg"
    link.symlink_to(database)
    before = checksums(database.parent)
    with pytest.raises(QgsProcessingException, match="Nothing was written"):
        run("check_database", {"INPUT": str(database), "OUTPUT": str(link)})
    assert checksums(database.parent) == before


def test_a_new_layer_in_the_input_database_is_allowed(provider, database, tmp_path):
    """Asked for explicitly, a new layer goes into the same GeoPackage and the others stay as they were."""
    from osgeo import ogr

    def rows(name):
        dataset = ogr.Open(str(database))
        return [f.GetField("kaek") for f in dataset.GetLayerByName(name)] if name == "parcel" else \
            dataset.GetLayerByName(name).GetFeatureCount()

    parcels_before = rows("parcel")
    params = _parameters("neighbour_list", database, tmp_path)
    params["OUTPUT"] = f"{database}|layername=neighbours_of_property"
    run("neighbour_list", params)
    assert rows("neighbours_of_property") > 0
    assert rows("parcel") == parcels_before


def test_two_outputs_to_one_file_are_refused(provider, database, tmp_path):
    from qgis.core import QgsProcessingException

    params = _parameters("encroachment_check", database, tmp_path)
    params["OUTPUT_NOISE"] = params["OUTPUT"]
    with pytest.raises(QgsProcessingException, match="OUTPUT_NOISE and OUTPUT are the same file"):
        run("encroachment_check", params)


def test_kaek_list_file_is_an_input(provider, database, tmp_path):
    from qgis.core import QgsProcessingException

    kaek_list = tmp_path / "wanted.txt"
    kaek_list.write_text("400160403001\n", encoding="utf-8")
    params = _parameters("land_use_certificate", database, tmp_path)
    params.update(KAEK_LIST=str(kaek_list), KAEK_PROBLEMS=str(kaek_list))
    with pytest.raises(QgsProcessingException, match="KAEK_PROBLEMS"):
        run("land_use_certificate", params)
    assert kaek_list.read_text(encoding="utf-8") == "400160403001\n"


@pytest.mark.parametrize("alg_id", ["create_database", "generate_sample_municipality"])
def test_creating_over_an_existing_database_is_refused(provider, database, alg_id, tmp_path):
    from qgis.core import QgsProcessingException

    params = _parameters(alg_id, database, tmp_path)
    params["OUTPUT"] = str(database)
    before = checksums(database.parent)
    with pytest.raises(QgsProcessingException, match="already exists"):
        run(alg_id, params)
    assert checksums(database.parent) == before


# ------------------------------------------------------------------ 2. CRS

def _parcels_and_zones(path, parcel_crs=2100, zone_crs=2100):
    parcels = [({"kaek": "400160403001"}, box(X0, Y0, X0 + 30, Y0 + 20)),
               ({"kaek": "400160403002"}, box(X0 + 30, Y0, X0 + 50, Y0 + 20))]
    zones = [({"zone_code": "Z1", "category_code": "general_residential"}, box(X0 - 10, Y0 - 10, X0 + 40, Y0 + 30)),
             ({"zone_code": "Z2", "category_code": "green"}, box(X0 + 40, Y0 - 10, X0 + 60, Y0 + 30))]
    return write_gpkg(path, {
        "parcels": {"crs": parcel_crs, "geometry": "Polygon", "fields": [("kaek", "str")], "rows": parcels},
        "zones": {"crs": zone_crs, "geometry": "Polygon", "fields": [("zone_code", "str"), ("category_code", "str")],
                  "rows": zones},
    })


def _certificate_areas(gpkg, feedback=None):
    result = run("land_use_certificate", {"PARCELS": layer(gpkg, "parcels"), "ZONING": layer(gpkg, "zones"),
                                          "AS_OF": "2025-01-01", "OUTPUT": "memory:"}, feedback)
    names = result["OUTPUT"].fields().names()
    rows = [dict(zip(names, f.attributes())) for f in result["OUTPUT"].getFeatures()]
    return sorted((r["kaek"], r["zone_code"], round(r["area_m2"], 1)) for r in rows if r.get("zone_code"))


@pytest.mark.parametrize("parcel_crs,zone_crs", [(3857, 2100), (4326, 2100), (2100, 3857), (32634, 4326)])
def test_land_use_areas_do_not_depend_on_the_crs(provider, tmp_path, parcel_crs, zone_crs):
    """Parcels in Web Mercator gave areas 76 % too large; in degrees, nothing sensible."""
    truth = _certificate_areas(_parcels_and_zones(tmp_path / "egsa.gpkg"))
    assert truth == [("400160403001", "Z1", 600.0), ("400160403002", "Z1", 200.0), ("400160403002", "Z2", 200.0)]
    gpkg = _parcels_and_zones(tmp_path / "other.gpkg", parcel_crs, zone_crs)
    before = checksums(gpkg)
    feedback = Feedback()
    got = _certificate_areas(gpkg, feedback)
    # a metric projection of the first layer is kept (UTM 34N: its scale differs from ΕΓΣΑ87's by < 0.1 %)
    tolerance = 2e-3 if parcel_crs == 32634 else 1e-9
    assert [(k, z) for k, z, _ in got] == [(k, z) for k, z, _ in truth]
    assert [a for _, _, a in got] == pytest.approx([a for _, _, a in truth], rel=tolerance)
    working = "EPSG:32634" if parcel_crs == 32634 else "EPSG:2100"
    assert f"compared and measured in {working}" in feedback.text and "transformed to" in feedback.text
    assert checksums(gpkg) == before


@pytest.mark.parametrize("which", ["parcels", "zones"])
def test_layer_without_crs_is_refused_by_name(provider, tmp_path, which):
    """srs_id 0 made every parcel 100 % unzoned."""
    from qgis.core import QgsProcessingException

    gpkg = _parcels_and_zones(tmp_path / "nocrs.gpkg", *((None, 2100) if which == "parcels" else (2100, None)))
    with pytest.raises(QgsProcessingException, match=f"Layer {which} has no coordinate reference system"):
        _certificate_areas(gpkg)


def _encroachment_layers(path, occupied_crs):
    prop = box(X0, Y0, X0 + 40, Y0 + 40)
    occupied = box(X0 + 30, Y0 + 10, X0 + 50, Y0 + 20)  # 10 × 10 m on the municipal property
    return write_gpkg(path, {
        "property": {"crs": 2100, "geometry": "Polygon", "fields": [("property_code", "str")],
                     "rows": [({"property_code": "ΔΑ-1"}, prop)]},
        "survey": {"crs": occupied_crs, "geometry": "Polygon", "fields": [("kaek", "str")],
                   "rows": [({"kaek": "400160403009"}, occupied)]},
    })


@pytest.mark.parametrize("crs", [2100, 4326, 3857, None])
def test_encroachment_fee_in_any_crs(provider, tmp_path, crs):
    """An occupation survey in EPSG:4326 gave a fee of 0 €."""
    from qgis.core import QgsProcessingException

    gpkg = _encroachment_layers(tmp_path / "survey.gpkg", crs)
    params = {"PROPERTIES": layer(gpkg, "property"), "OCCUPIED": layer(gpkg, "survey"), "RATE_EUR_M2_YEAR": 8.752,
              "PERIOD_START": "2024-01-01", "PERIOD_END": "2024-12-31", "TOLERANCE_M2": 0.5,
              "OUTPUT": "memory:", "OUTPUT_NOISE": "memory:"}
    if crs is None:
        with pytest.raises(QgsProcessingException, match="Layer survey has no coordinate reference system"):
            run("encroachment_check", params)
        return
    result = run("encroachment_check", params)
    pieces = [f["fee_eur"] for f in result["OUTPUT"].getFeatures()]
    # 100 m² at 8.752 €/m²/year for the 366 days of 2024 (a survey in degrees: to a few cm²)
    assert pieces == [pytest.approx(round(100 * 8.752 * 366 / 365, 2), abs=0.0 if crs == 2100 else 0.1)]
    assert result["OUTPUT"].crs().authid() == "EPSG:2100"


def _coverage_layers(path, demand_crs, facility_crs):
    demand = [({"population": 100.0}, Point(X0 + 100 * i, Y0)) for i in range(6)]
    return write_gpkg(path, {
        "homes": {"crs": demand_crs, "geometry": "Point", "fields": [("population", "real")], "rows": demand},
        "playgrounds": {"crs": facility_crs, "geometry": "Point", "fields": [("name", "str")],
                        "rows": [({"name": "Π1"}, Point(X0, Y0))]},
    })


@pytest.mark.parametrize("demand_crs,facility_crs", [(3857, 2100), (2100, 4326), (4326, 3857)])
def test_population_served_does_not_depend_on_the_crs(provider, tmp_path, demand_crs, facility_crs):
    """Demand in EPSG:3857 halved the population served."""
    params = {"DEMAND": None, "FACILITIES": None, "POPULATION_FIELD": "population", "MAX_WALK_M": 250,
              "OUTPUT": "memory:", "CATCHMENTS": "memory:", "SUMMARY": "memory:"}
    served = []
    for name, crs in (("truth", (2100, 2100)), ("other", (demand_crs, facility_crs))):
        gpkg = _coverage_layers(tmp_path / f"{name}.gpkg", *crs)
        params.update(DEMAND=layer(gpkg, "homes"), FACILITIES=layer(gpkg, "playgrounds"))
        served.append(run("service_coverage", params)["COVERED_POPULATION"])
    assert served == [300.0, 300.0]  # 0, 100 and 200 m away; 300 m is beyond the walk


def test_facilities_without_crs_are_refused(provider, tmp_path):
    """Facilities with no CRS gave 0 served and a misleading message."""
    from qgis.core import QgsProcessingException

    gpkg = _coverage_layers(tmp_path / "c.gpkg", 2100, None)
    with pytest.raises(QgsProcessingException, match="Layer playgrounds has no coordinate reference system"):
        run("service_coverage", {"DEMAND": layer(gpkg, "homes"), "FACILITIES": layer(gpkg, "playgrounds"),
                                 "POPULATION_FIELD": "population", "OUTPUT": "memory:", "CATCHMENTS": "memory:",
                                 "SUMMARY": "memory:"})


@pytest.mark.parametrize("crs", [3857, 4326])
def test_neighbours_in_any_crs(provider, tmp_path, crs):
    rows = [({"kaek": "400160403001"}, box(X0, Y0, X0 + 20, Y0 + 20)),
            ({"kaek": "400160403002"}, box(X0 + 20, Y0, X0 + 40, Y0 + 20)),
            ({"kaek": "400160403003"}, box(X0 + 42, Y0, X0 + 60, Y0 + 20))]
    gpkg = write_gpkg(tmp_path / "n.gpkg", {
        "property": {"crs": 2100, "geometry": "Polygon", "fields": [("property_code", "str")],
                     "rows": [({"property_code": "ΔΑ-1"}, box(X0, Y0, X0 + 20, Y0 + 20))]},
        "parcels": {"crs": crs, "geometry": "Polygon", "fields": [("kaek", "str")], "rows": rows},
    })
    result = run("neighbour_list", {"PROPERTIES": layer(gpkg, "property"), "PARCELS": layer(gpkg, "parcels"),
                                    "DISTANCE_M": 5, "OUTPUT": "memory:"})
    found = {f["kaek"]: f["shared_boundary_m"] for f in result["OUTPUT"].getFeatures()}
    assert "400160403003" not in found  # 22 m away: beyond 5 m (in degrees everything was "near")
    assert found["400160403002"] == pytest.approx(20.0, abs=0.05)


# ------------------------------------------------------------------ every algorithm, valid run, inputs unchanged

@pytest.mark.parametrize("alg_id", [a for a in [
    "check_database", "deprivation_index", "encroachment_check", "lease_status", "neighbour_list",
    "land_use_certificate", "service_coverage", "regeneration_zones", "topographic_diagram", "programme_summary",
    "import_technical_programme"]])
def test_valid_run_leaves_the_inputs_unchanged(provider, database, tmp_path, alg_id):
    out = tmp_path / "out"
    out.mkdir()
    before = checksums(database.parent)
    run(alg_id, _parameters(alg_id, database, out))
    assert checksums(database.parent) == before


# ------------------------------------------------------------------ the same through qgis_process

QGIS_PROCESS = shutil.which("qgis_process.bin")
headless = pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process.bin not installed")


@pytest.fixture(scope="module")
def qgis_env(tmp_path_factory):
    """qgis_process with the plugin installed from this checkout (as tests/test_qgis_process.py does)."""
    import os
    import subprocess
    import sysconfig

    home = tmp_path_factory.mktemp("hostile_qgis_process")
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ)
    env.update({"QGIS_CUSTOM_CONFIG_PATH": str(home / "config"), "QGIS_PLUGINPATH": str(home / "plugins"),
                "QT_QPA_PLATFORM": "offscreen", "MUNICIPAL_GIS_SKIP_DEPS": "1",
                "PYTHONPATH": sysconfig.get_paths()["purelib"] + os.pathsep + str(root.parent)})
    subprocess.run(["bash", str(root / "scripts" / "dev_install.sh"), str(home / "plugins")], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "municipal_gis"], check=True, env=env, capture_output=True)
    return env


def _headless(env, alg_id, params):
    import subprocess

    args = ["run", f"municipal_gis:{alg_id}", "--json", "--"] + [f"{k}={v}" for k, v in params.items()]
    done = subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    return done.returncode, output


@pytest.mark.slow
@headless
@pytest.mark.parametrize("alg_id,output", [("check_database", "OUTPUT"), ("neighbour_list", "OUTPUT"),
                                           ("lease_status", "OUTPUT_PROBLEMS")])
@pytest.mark.parametrize("spelling", ["{db}", "{db}|layername=parcel"])
def test_headless_output_onto_input_is_refused(qgis_env, provider, database, tmp_path, alg_id, output, spelling):
    params = _parameters(alg_id, database, tmp_path)
    params[output] = spelling.format(db=database)
    before = checksums(database.parent)
    code, text = _headless(qgis_env, alg_id, params)
    assert code != 0 and "Nothing was written" in text
    assert checksums(database.parent) == before


@pytest.mark.slow
@headless
def test_headless_crs_cases(qgis_env, provider, tmp_path):
    import csv

    gpkg = _parcels_and_zones(tmp_path / "mercator.gpkg", 3857, 2100)
    before = checksums(gpkg)
    code, text = _headless(qgis_env, "land_use_certificate", {
        "PARCELS": layer(gpkg, "parcels"), "ZONING": layer(gpkg, "zones"), "AS_OF": "2025-01-01",
        "OUTPUT": str(tmp_path / "result.csv")})
    assert code == 0, text
    assert "transformed to EPSG:2100" in text

    with open(tmp_path / "result.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("zone_code")]
    assert sorted((r["kaek"], r["zone_code"], round(float(r["area_m2"]), 1)) for r in rows) == [
        ("400160403001", "Z1", 600.0), ("400160403002", "Z1", 200.0), ("400160403002", "Z2", 200.0)]
    assert checksums(gpkg) == before
    no_crs = _coverage_layers(tmp_path / "c.gpkg", 2100, None)
    code, text = _headless(qgis_env, "service_coverage", {
        "DEMAND": layer(no_crs, "homes"), "FACILITIES": layer(no_crs, "playgrounds"), "POPULATION_FIELD": "population",
        "OUTPUT": str(tmp_path / "o.gpkg"), "CATCHMENTS": str(tmp_path / "c2.gpkg"), "SUMMARY": str(tmp_path / "s.csv")})
    assert code != 0 and "Layer playgrounds has no coordinate reference system" in text


# ------------------------------------------------------------------ 3. non-finite and absurd numbers

BAD_NUMBERS = ["NaN", "nan", "inf", "-inf", "Infinity", "1e308", "1e300", "abc", "12,5.3"]


def _lease_gpkg(path, rents, kind="str"):
    props = [({"property_code": f"ΔΑ-{i}", "name": f"Ακίνητο {i}", "property_type": "building"},
              box(X0 + 30 * i, Y0, X0 + 30 * i + 20, Y0 + 20)) for i in range(len(rents))]
    leases = [({"lease_code": f"Μ-{i}", "property_code": f"ΔΑ-{i}", "purpose": "shop", "start_date": "2019-01-01",
                "end_date": "2030-12-31", "annual_rent_eur": rent, "status": "active"}, None)
              for i, rent in enumerate(rents)]
    lease_fields = [("lease_code", "str"), ("property_code", "str"), ("purpose", "str"), ("start_date", "str"),
                    ("end_date", "str"), ("annual_rent_eur", kind), ("status", "str")]
    return write_gpkg(path, {
        "property": {"crs": 2100, "geometry": "Polygon", "rows": props,
                     "fields": [("property_code", "str"), ("name", "str"), ("property_type", "str")]},
        "leases": {"crs": None, "geometry": None, "fields": lease_fields, "rows": leases},
    })


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_bad_rent_is_a_finding_on_its_row(provider, tmp_path, bad):
    """Rent «NaN» turned every rent-roll row and the total into nan."""
    import math

    gpkg = _lease_gpkg(tmp_path / "leases.gpkg", ["1200", bad, "800"])
    before = checksums(gpkg)
    result = run("lease_status", {"PROPERTIES": layer(gpkg, "property"), "LEASES": layer(gpkg, "leases"),
                                  "AS_OF": "2020-06-30", "OUTPUT": "memory:", "OUTPUT_RENT_ROLL": "memory:",
                                  "OUTPUT_PROBLEMS": "memory:"})
    roll = [f["rent_eur"] for f in result["OUTPUT_RENT_ROLL"].getFeatures()]
    assert roll and all(math.isfinite(r) for r in roll if r is not None)
    assert max(roll) == pytest.approx(2000.0)  # 1200 + 800; the bad row counted as 0 €
    problems = [(f["lease_code"], f["problem"], f["detail"]) for f in result["OUTPUT_PROBLEMS"].getFeatures()]
    bad_rows = [p for p in problems if p[1] == "bad_rent"]
    assert len(bad_rows) == 1 and bad_rows[0][0] == "Μ-1"
    assert "Layer leases, feature 2, field annual_rent_eur" in bad_rows[0][2] and repr(bad) in bad_rows[0][2]
    assert not [p for p in problems if p[1] == "missing_rent"]
    assert checksums(gpkg) == before


def test_infinite_rent_in_a_real_column(provider, tmp_path):
    gpkg = _lease_gpkg(tmp_path / "leases.gpkg", [1200.0, float("inf"), 1e308], kind="real")
    result = run("lease_status", {"PROPERTIES": layer(gpkg, "property"), "LEASES": layer(gpkg, "leases"),
                                  "AS_OF": "2020-06-30", "OUTPUT": "memory:", "OUTPUT_RENT_ROLL": "memory:",
                                  "OUTPUT_PROBLEMS": "memory:"})
    assert max(f["rent_eur"] for f in result["OUTPUT_RENT_ROLL"].getFeatures()) == pytest.approx(1200.0)
    assert sorted(f["lease_code"] for f in result["OUTPUT_PROBLEMS"].getFeatures()
                  if f["problem"] == "bad_rent") == ["Μ-1", "Μ-2"]


def _demand_gpkg(path, populations, kind="str"):
    demand = [({"population": p}, Point(X0 + 50 * i, Y0)) for i, p in enumerate(populations)]
    candidates = [({"name": f"Θ{i}"}, Point(X0 + 50 * i, Y0 + 10)) for i in range(len(populations))]
    return write_gpkg(path, {
        "homes": {"crs": 2100, "geometry": "Point", "fields": [("population", kind)], "rows": demand},
        "sites": {"crs": 2100, "geometry": "Point", "fields": [("name", "str")], "rows": candidates},
    })


@pytest.mark.parametrize("bad", ["1e300", "NaN", "inf", "1e9"])
def test_absurd_population_is_named_and_not_counted(provider, tmp_path, bad):
    """Population 1e300 was accepted and siting reported OPTIMAL."""
    gpkg = _demand_gpkg(tmp_path / "d.gpkg", ["100", bad, "50"])
    feedback = Feedback()
    result = run("service_coverage", {
        "FACILITIES": layer(gpkg, "sites"), "DEMAND": layer(gpkg, "homes"), "POPULATION_FIELD": "population",
        "MAX_WALK_M": 500, "OUTPUT": "memory:", "CATCHMENTS": "memory:", "SUMMARY": "memory:"}, feedback)
    assert result["TOTAL_POPULATION"] == 150 and result["COVERED_POPULATION"] == 150
    assert f"Layer homes, feature 2, field population: population {bad!r}" in feedback.text
    sited = run("playground_siting", {
        "DEMAND": layer(gpkg, "homes"), "POPULATION_FIELD": "population", "CANDIDATES": layer(gpkg, "sites"),
        "NEW_SITES": 1, "MAX_WALK_M": 500, "TIME_LIMIT_S": 5, "OUTPUT": "memory:", "DEMAND_OUTPUT": "memory:",
        "CURVE": "memory:"})
    assert sited["COVERED_POPULATION"] == 150


@pytest.mark.parametrize("weights", ["1e308, 1e308, 1e308", "1e308, 1, 1", "1e-300, 1e-300, 1e-300"])
def test_huge_weights_give_a_finite_index(provider, database, weights):
    """Weights 1e308 made every index NaN with rank −9223372036854775808."""
    import math

    result = run("deprivation_index", {
        "INPUT": layer(database, "census_block"), "WEIGHTS": weights,
        "INDICATORS": "unemployment_rate; low_education_share; overcrowding_share", "OUTPUT": "memory:"})
    rows = [(f["dep_index"], f["dep_rank"]) for f in result["OUTPUT"].getFeatures()]
    assert all(math.isfinite(i) for i, _ in rows)
    assert all(1 <= r <= len(rows) for _, r in rows) and min(r for _, r in rows) == 1


@pytest.mark.parametrize("weights", ["inf, 1, 1", "nan, 1, 1", "1e999, 1, 1", "-1, 1, 1"])
def test_non_finite_weights_are_refused(provider, database, weights):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="WEIGHTS must be 3 non-negative numbers"):
        run("deprivation_index", {"INPUT": layer(database, "census_block"), "WEIGHTS": weights,
                                  "INDICATORS": "unemployment_rate; low_education_share; overcrowding_share",
                                  "OUTPUT": "memory:"})


@pytest.mark.parametrize("alg_id", ["deprivation_index", "regeneration_zones"])
@pytest.mark.parametrize("bad", [float("inf"), 1e300, -1e300])
def test_absurd_indicator_value_is_named(provider, tmp_path, alg_id, bad):
    from qgis.core import QgsProcessingException

    rows = [({"block_code": str(k), "rate": float(k % 5) if k != 7 else bad},
             box(X0 + 100 * (k % 4), Y0 + 100 * (k // 4), X0 + 100 * (k % 4) + 100, Y0 + 100 * (k // 4) + 100))
            for k in range(16)]
    gpkg = write_gpkg(tmp_path / "blocks.gpkg", {"blocks": {"crs": 2100, "geometry": "Polygon", "rows": rows,
                                                            "fields": [("block_code", "str"), ("rate", "real")]}})
    params = {"INPUT": layer(gpkg, "blocks"), "OUTPUT": "memory:"}
    if alg_id == "deprivation_index":
        params["INDICATORS"] = "rate"
    else:
        params.update(VALUE_FIELD="rate", POPULATION_FIELD="", OUTPUT_ZONES="memory:")
    with pytest.raises(QgsProcessingException, match=r"Layer blocks, feature 8, field rate: .*(finite|absurd)"):
        run(alg_id, params)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "nan", 1e300])
def test_number_parameters_must_be_finite(provider, database, tmp_path, value):
    from qgis.core import QgsProcessingException

    params = _parameters("encroachment_check", database, tmp_path)
    params["RATE_EUR_M2_YEAR"] = value
    with pytest.raises(QgsProcessingException, match="(Parameter|parameter value for) RATE_EUR_M2_YEAR"):
        run("encroachment_check", params)


def test_random_bad_rents_keep_the_totals_finite(provider, tmp_path_factory):
    """Whatever a careless spreadsheet puts in the rent column, the roll's totals are finite and equal the
    sum of the usable rents."""
    import math

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from municipal_gis.core.values import check_number

    rents = st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr),
                               st.sampled_from(["", "abc", "1e308", "-0", "12,5", "\x00", "1_000"]),
                               st.integers(0, 10_000).map(str)), min_size=1, max_size=5)

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(rents)
    def check(values):
        gpkg = _lease_gpkg(tmp_path_factory.mktemp("rents") / "l.gpkg", values)
        result = run("lease_status", {"PROPERTIES": layer(gpkg, "property"), "LEASES": layer(gpkg, "leases"),
                                      "AS_OF": "2020-06-30", "OUTPUT": "memory:", "OUTPUT_RENT_ROLL": "memory:",
                                      "OUTPUT_PROBLEMS": "memory:"})
        usable = [n for n in (check_number(v)[0] for v in values) if n is not None and n >= 0]
        roll = [f["rent_eur"] for f in result["OUTPUT_RENT_ROLL"].getFeatures() if f["rent_eur"] is not None]
        assert all(math.isfinite(r) for r in roll)
        # the roll is in cents
        assert max(roll, default=0.0) == pytest.approx(math.fsum(usable), rel=1e-9, abs=0.005 * len(values) + 1e-9)

    check()


# ------------------------------------------------------------------ 5. check_database on damaged files

def _damage(path, page_size=4096):
    """Overwrite some pages in the middle of an SQLite file with garbage, as a bad disk or copy would."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        for page in range(size // page_size // 3, size // page_size // 3 + 40, 3):
            handle.seek(page * page_size + 8)
            handle.write(b"\xa5\x5a" * 600)


def test_damaged_geopackage_is_the_finding(provider, database):
    """A damaged file gave 124 invented parcel_gap errors and exit 0."""
    from municipal_gis.layers import integrity

    _damage(database)
    assert not integrity.quick_check(str(database)).ok
    before = checksums(database.parent)
    result = run("check_database", {"INPUT": str(database), "OUTPUT": "memory:"})
    rows = [(f["problem"], f["message"]) for f in result["OUTPUT"].getFeatures()]
    assert [p for p, _ in rows] == ["damaged_file"] and result["ERRORS"] == 1
    assert "municipality.gpkg is damaged" in rows[0][1] and "restore it from a backup" in rows[0][1]
    assert checksums(database.parent) == before


def test_no_coordinates_finding_on_rows_without_geometry(provider, tmp_path):
    """After a programme import into an empty database: no «outside Greece» on projects with no location."""
    db = tmp_path / "empty.gpkg"
    run("create_database", {"OUTPUT": str(db)})
    run("import_technical_programme", {"INPUT": str(Path(__file__).resolve().parent.parent / "resources" / "sample"
                                                 / "technical_programme_rows_serres_2019.csv"),
                                       "DATABASE": str(db), "YEAR": 2019, "OUTPUT": "memory:"})
    result = run("check_database", {"INPUT": str(db), "OUTPUT": "memory:"})
    problems = {(f["layer"], f["problem"]) for f in result["OUTPUT"].getFeatures()}
    assert not {p for p in problems if p[1] in ("implausible_coordinates", "coordinates_in_degrees",
                                                 "swapped_axes")}, problems


def _crash_in_the_middle_of_a_write(db):
    """A process that changes every parcel's ΚΑΕΚ and dies before committing: a hot journal stays behind."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(f"""
        import os, sqlite3
        c = sqlite3.connect({str(db)!r}, isolation_level=None)
        for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):  # the R-tree triggers' functions
            c.create_function(name, 1, lambda g: 0)
        c.execute("PRAGMA journal_mode=DELETE")
        c.execute("PRAGMA cache_size=1")
        c.execute("BEGIN")
        c.execute("UPDATE parcel SET kaek = 'CRASH' || fid")
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", script], check=True)


def test_hot_journal_left_by_a_crash_is_recovered(provider, database, tmp_path):
    from osgeo import ogr

    from municipal_gis.layers import integrity

    def kaeks():
        import sqlite3

        connection = sqlite3.connect(f"file:{database}?mode=ro&immutable=1", uri=True)
        try:
            return sorted(r[0] for r in connection.execute("SELECT kaek FROM parcel"))
        finally:
            connection.close()

    truth = kaeks()
    _crash_in_the_middle_of_a_write(database)
    assert integrity.hot_journal(str(database))
    feedback = Feedback()
    result = run("check_database", {"INPUT": str(database), "OUTPUT": str(tmp_path / "findings.csv")}, feedback)
    assert "rolled back" in feedback.text and not integrity.hot_journal(str(database))
    assert result["ERRORS"] == 0
    assert kaeks() == truth  # the last saved state: nothing of the crashed write, nothing lost
    # through layer parameters too (QGIS may roll it back itself when it opens the layer)
    _crash_in_the_middle_of_a_write(database)
    result = run("neighbour_list", _parameters("neighbour_list", database, tmp_path))
    assert not integrity.hot_journal(str(database)) and kaeks() == truth
    assert ogr.Open(result["OUTPUT"].split("|")[0]) is not None


# ------------------------------------------------------------------ 6. clear messages, never a traceback

@pytest.mark.parametrize("alg_id", ["create_database", "generate_sample_municipality"])
@pytest.mark.parametrize("folder", ["{file}/inside.gpkg", "/proc/new.gpkg", "/sys/kernel/new.gpkg"])
def test_database_into_an_unwritable_folder(provider, tmp_path, alg_id, folder):
    """create_database into an unwritable folder raised PermissionError with a traceback."""
    from qgis.core import QgsProcessingException

    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    params = _parameters(alg_id, "unused.gpkg", tmp_path)
    params["OUTPUT"] = folder.format(file=a_file)
    with pytest.raises(QgsProcessingException) as raised:
        run(alg_id, params)
    message = str(raised.value)
    assert "Cannot write in the folder" in message and "Traceback" not in message
    assert a_file.read_text() == "x"


def test_self_intersecting_footprint_links_with_a_warning(provider, tmp_path):
    """link_features_to_project with a bow-tie footprint raised GEOSException."""
    from shapely import wkt

    from municipal_gis.layers.database import DatabaseLocation, create_database, write_records

    db = tmp_path / "links.gpkg"
    create_database(DatabaseLocation.parse(str(db)))
    write_records(str(db), "programme_project", [{"project_code": "2019-001", "title": "Ποδήλατα"}], [None])
    write_records(str(db), "bike_station", [{"name": n} for n in "ΑΒΓ"],
                  [Point(X0 + 2, Y0 + 10), Point(X0 + 18, Y0 + 10), Point(X0 + 300, Y0)])
    bowtie = wkt.loads(f"POLYGON(({X0} {Y0}, {X0 + 20} {Y0 + 20}, {X0 + 20} {Y0}, {X0} {Y0 + 20}, {X0} {Y0}))")
    footprint = write_gpkg(tmp_path / "footprint.gpkg", {"footprint": {"crs": 2100, "geometry": "Polygon",
                                                                       "rows": [({}, bowtie)]}})
    feedback = Feedback()
    result = run("link_features_to_project", {"LAYER": layer(db, "bike_station"), "PROJECT_CODE": "2019-001",
                                              "FOOTPRINT": layer(footprint, "footprint"), "DATABASE": str(db)},
                 feedback)
    assert result["LINKED"] == 2  # Α and Β are in the two triangles of the bow-tie, Γ is far away
    assert "Layer footprint, feature 1: the footprint is not a valid polygon (Self-intersection" in feedback.text


def test_bow_tie_census_block_is_reported_as_invalid(provider, tmp_path):
    """A bow-tie census block was reported as having «no neighbours»."""
    from shapely import wkt

    rows = []
    for k in range(25):
        r, c = divmod(k, 5)
        x, y = X0 + 100 * c, Y0 + 100 * r
        shape = box(x, y, x + 100, y + 100)
        if k == 12:  # the middle block, digitised as a bow-tie
            shape = wkt.loads(f"POLYGON(({x} {y}, {x + 100} {y + 100}, {x + 100} {y}, {x} {y + 100}, {x} {y}))")
        rows.append(({"block_code": f"B{k}", "rate": float((k * 7) % 11)}, shape))
    gpkg = write_gpkg(tmp_path / "blocks.gpkg", {"blocks": {"crs": 2100, "geometry": "Polygon", "rows": rows,
                                                            "fields": [("block_code", "str"), ("rate", "real")]}})
    before = checksums(gpkg)
    feedback = Feedback()
    result = run("regeneration_zones", {"INPUT": layer(gpkg, "blocks"), "VALUE_FIELD": "rate", "POPULATION_FIELD": "",
                                        "ID_FIELD": "block_code", "PERMUTATIONS": 99, "OUTPUT": "memory:",
                                        "OUTPUT_ZONES": "memory:"}, feedback)
    assert "Layer blocks, feature 13: invalid geometry (Self-intersection" in feedback.text
    assert "no neighbours" not in feedback.text
    neighbours = {f["block_code"]: f["n_neighbours"] for f in result["OUTPUT"].getFeatures()}
    assert neighbours["B12"] > 0
    assert checksums(gpkg) == before


def test_messages_name_the_layer_not_the_file(provider, tmp_path):
    """«Layer s» (the file s.gpkg) instead of «Layer parcels»."""
    from qgis.core import QgsProcessingException

    gpkg = write_gpkg(tmp_path / "s.gpkg", {
        "property": {"crs": 2100, "geometry": "Polygon", "fields": [("property_code", "str")],
                     "rows": [({"property_code": "ΔΑ-1"}, box(X0, Y0, X0 + 20, Y0 + 20))]},
        "parcels": {"crs": 2100, "geometry": "Polygon", "fields": [("code", "str")],
                    "rows": [({"code": "1"}, box(X0 + 20, Y0, X0 + 40, Y0 + 20))]},
    })
    with pytest.raises(QgsProcessingException, match="Layer parcels: field kaek is missing"):
        run("neighbour_list", {"PROPERTIES": layer(gpkg, "property"), "PARCELS": layer(gpkg, "parcels"),
                               "OUTPUT": "memory:"})


# ------------------------------------------------------------------ 4. encodings and spreadsheets

def _programme_text():
    from hostile_data import PROGRAMME_CSV

    # «−» (U+2212) exists in neither Greek single-byte encoding; a Windows user's file has «-»
    return PROGRAMME_CSV.read_text(encoding="utf-8").replace("\u2212", "-")


ENCODED = {
    "cp1253": lambda t: t.encode("cp1253"),
    "iso-8859-7": lambda t: t.encode("iso-8859-7"),
    "utf-8-sig": lambda t: t.encode("utf-8-sig"),
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-16-tab": lambda t: "\n".join("\t".join(r) for r in csv.reader(io.StringIO(t))).encode("utf-16"),
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
}


@pytest.mark.parametrize("encoding", list(ENCODED))
def test_programme_in_any_encoding_imports_the_same_projects(provider, tmp_path, encoding):
    """cp1253 read as ISO-8859-7 lost € and 28 of 38 budgets; UTF-16 gave «no header row»; re-importing in
    another encoding added duplicate projects."""
    db = tmp_path / "programme.gpkg"
    run("create_database", {"OUTPUT": str(db)})
    text = _programme_text()
    if encoding == "iso-8859-7":  # it has no €, «–» or «“»: the file as such a system would write it
        text = text.replace("€", "EUR").encode("iso-8859-7", errors="replace").decode("iso-8859-7")
    reference = tmp_path / "utf8.csv"
    reference.write_text(text, encoding="utf-8")
    first = run("import_technical_programme", {"INPUT": str(reference), "DATABASE": str(db), "YEAR": 2019,
                                               "OUTPUT": "memory:"})
    assert first["ADDED"] == first["PROJECTS"] == 43
    other = tmp_path / f"{encoding}.csv"
    other.write_bytes(ENCODED[encoding](text))
    before = checksums(other)
    feedback = Feedback()
    again = run("import_technical_programme", {"INPUT": str(other), "DATABASE": str(db), "YEAR": 2019,
                                               "OUTPUT": "memory:"}, feedback)
    assert (again["PROJECTS"], again["ADDED"], again["UPDATED"]) == (43, 0, 0)
    expected = {"utf-16-tab": "utf-16", "utf-16-le-no-bom": "utf-16-le"}.get(encoding, encoding)
    assert f"Encoding {expected}" in feedback.text
    assert checksums(other) == before


def test_decoding_rules():
    from municipal_gis.core.text import clean_text, decode_text

    assert decode_text("Άθροισμα 10 €".encode("cp1253")) == ("Άθροισμα 10 €", "cp1253")
    assert decode_text("Ανάπλαση 10 €".encode("cp1253")) == ("Ανάπλαση 10 €", "cp1253")  # no Ά: € decides
    assert decode_text("Άθροισμα".encode("iso-8859-7")) == ("Άθροισμα", "iso-8859-7")
    assert decode_text("α,β\n".encode("utf-16")) == ("α,β\n", "utf-16")
    assert decode_text(b"\xef\xbb\xbfx") == ("x", "utf-8-sig")
    assert clean_text("a\x00b\x07c\td\n") == "abc\td\n"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1253", "utf-8-sig", "utf-16-le"])
def test_kaek_list_file_in_any_encoding(provider, tmp_path, encoding):
    """A KAEK_LIST file in UTF-16 or cp1253 crashed with UnicodeDecodeError."""
    gpkg = _parcels_and_zones(tmp_path / "p.gpkg")
    wanted = tmp_path / "wanted.txt"
    wanted.write_bytes("ΚΑΕΚ\n400160403002\n".encode(encoding))
    result = run("land_use_certificate", {"PARCELS": layer(gpkg, "parcels"), "ZONING": layer(gpkg, "zones"),
                                          "KAEK_LIST": str(wanted), "AS_OF": "2025-01-01", "OUTPUT": "memory:"})
    assert {f["kaek"] for f in result["OUTPUT"].getFeatures()} == {"400160403002"}


def test_spreadsheet_merged_cells_and_formulas_without_values(tmp_path):
    """A funding cell merged over rows emptied the others; a formula never calculated read as «no budget»."""
    import openpyxl

    from municipal_gis.core.programme import read_table

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["aa", "title", "budget_text", "funding_text"])
    sheet.append([1, "Α", 1000, "ΠΔΕ"])
    sheet.append([2, "Β", "=B9*2", None])
    sheet.append([3, "Γ", 3000, None])
    sheet.merge_cells("D2:D4")
    path = tmp_path / "programme.xlsx"
    book.save(path)  # openpyxl writes no cached value for the formula
    rows, info = read_table(path)
    assert [r[3] for r in rows[1:4]] == ["ΠΔΕ", "ΠΔΕ", "ΠΔΕ"]
    assert rows[2][2] == "formula =B9*2 without a computed value" and info["formulas_without_value"] == [(3, 3)]


# ------------------------------------------------------------------ 7. conventions

SECONDARY = {"encroachment_check": ["OUTPUT_NOISE"], "lease_status": ["OUTPUT_RENT_ROLL", "OUTPUT_PROBLEMS"],
             "playground_siting": ["DEMAND_OUTPUT", "CURVE"], "bike_station_siting": ["DEMAND_OUTPUT", "CURVE"],
             "programme_summary": ["CONFLICTS"], "regeneration_zones": ["OUTPUT_ZONES"],
             "service_coverage": ["CATCHMENTS", "SUMMARY"], "land_use_certificate": ["KAEK_PROBLEMS"]}


def test_every_secondary_output_is_optional_and_created_by_default(provider):
    from municipal_gis.processing.provider import algorithm_classes

    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm({})
        for definition in alg.destinationParameterDefinitions():
            if definition.name() in SECONDARY.get(cls.ALGORITHM_ID, []):
                assert definition.flags() & definition.FlagOptional, (cls.ALGORITHM_ID, definition.name())
                if cls.ALGORITHM_ID != "land_use_certificate":
                    assert definition.createByDefault(), (cls.ALGORITHM_ID, definition.name())


@pytest.mark.parametrize("alg_id", sorted(SECONDARY))
def test_main_output_only(provider, database, tmp_path, alg_id):
    params = _parameters(alg_id, database, tmp_path)
    for name in SECONDARY[alg_id]:
        params.pop(name, None)
    result = run(alg_id, params)
    assert result["OUTPUT"]


@pytest.mark.slow
@headless
@pytest.mark.parametrize("alg_id", ["encroachment_check", "service_coverage", "lease_status"])
def test_headless_main_output_only(qgis_env, provider, database, tmp_path, alg_id):
    params = _parameters(alg_id, database, tmp_path)
    for name in SECONDARY[alg_id]:
        params.pop(name, None)
    code, text = _headless(qgis_env, alg_id, params)
    assert code == 0, text
    assert Path(params["OUTPUT"]).exists()


@pytest.mark.slow
@headless
@pytest.mark.parametrize("encoding", ["cp1253", "utf-16"])
def test_headless_programme_in_another_encoding(qgis_env, provider, tmp_path, encoding):
    db = tmp_path / "programme.gpkg"
    run("create_database", {"OUTPUT": str(db)})
    text = _programme_text()
    reference = tmp_path / "utf8.csv"
    reference.write_text(text, encoding="utf-8")
    run("import_technical_programme", {"INPUT": str(reference), "DATABASE": str(db), "YEAR": 2019,
                                       "OUTPUT": "memory:"})
    other = tmp_path / "other.csv"
    other.write_bytes(ENCODED[encoding](text))
    before = checksums(db)
    code, text_out = _headless(qgis_env, "import_technical_programme", {
        "INPUT": str(other), "DATABASE": str(db), "YEAR": 2019, "DRY_RUN": "true",
        "OUTPUT": str(tmp_path / "report.csv")})
    assert code == 0, text_out
    assert f"Encoding {encoding}" in text_out and '"ADDED": 0' in text_out and '"UPDATED": 0' in text_out
    assert checksums(db) == before


def test_hot_journal_that_cannot_be_rolled_back_is_explained(provider, database, tmp_path, monkeypatch):
    """On a read-only share the roll-back is impossible: say so, and that the saved data is intact."""
    import sqlite3

    from qgis.core import QgsProcessingException

    from municipal_gis.layers import integrity

    _crash_in_the_middle_of_a_write(database)
    opened = integrity._connect

    def read_only_share(path, read_only):
        if not read_only:
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return opened(path, read_only)

    monkeypatch.setattr(integrity, "_connect", read_only_share)
    before = checksums(database.parent)
    with pytest.raises(QgsProcessingException) as raised:
        run("check_database", {"INPUT": str(database), "OUTPUT": str(tmp_path / "findings.csv")})
    message = str(raised.value)
    assert "unfinished write left by a crash" in message and "data saved before the crash is intact" in message
    assert "do not delete the -journal file" in message
    assert checksums(database.parent) == before
