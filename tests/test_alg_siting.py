"""service_coverage, playground_siting and bike_station_siting through processing.run."""

import itertools

import numpy as np
import pytest

X0, Y0 = 462_000.0, 4_548_500.0


def layer(kind, fields, rows):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    spec = "&".join(f"field={name}:{t}" for name, t in fields)
    lyr = QgsVectorLayer(f"{kind}?crs=EPSG:2100" + (f"&{spec}" if spec else ""), kind, "memory")
    feats = []
    for attrs, wkt in rows:
        f = QgsFeature(lyr.fields())
        f.setAttributes(list(attrs))
        if wkt:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def pt(x, y):
    return f"POINT({X0 + x} {Y0 + y})"


def grid_streets(n=4, step=100):
    rows = []
    for i in range(n + 1):
        rows.append(([], f"LINESTRING({X0} {Y0 + i * step}, {X0 + n * step} {Y0 + i * step})"))
        rows.append(([], f"LINESTRING({X0 + i * step} {Y0}, {X0 + i * step} {Y0 + n * step})"))
    return layer("LineString", [], rows)


def features(output, context=None):
    from qgis.core import QgsProcessingUtils, QgsVectorLayer

    lyr = output if isinstance(output, QgsVectorLayer) else QgsProcessingUtils.mapLayerFromString(output, context)
    return [dict(zip(lyr.fields().names(), f.attributes())) for f in lyr.getFeatures()]


def demand_points(seed=0, n=40):
    rng = np.random.default_rng(seed)
    xy = rng.random((n, 2)) * 400
    pop = rng.integers(1, 30, n)
    return xy, pop


def run(alg, params):
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    context = QgsProcessingContext()
    result = processing.run(f"municipal_gis:{alg}", params, context=context, feedback=QgsProcessingFeedback())
    return result, context


def test_service_coverage_on_network(provider):
    streets = grid_streets()
    dem = layer("Point", [("population", "double"), ("community", "string"), ("pop_65_plus", "integer")],
                [([10.0, "A", 4], pt(50, 5)), ([20.0, "A", 3], pt(390, 395)), ([None, "B", 1], pt(200, 195)),
                 ([-5.0, "B", 0], pt(0, 10)), ([7.0, "B", 2], pt(205, 5))])
    fac = layer("Point", [], [([], pt(0, 0)), ([], pt(5000, 5000))])
    res, ctx = run("service_coverage", {"FACILITIES": fac, "DEMAND": dem, "POPULATION_FIELD": "population",
                                        "COMMUNITY_FIELD": "community", "STREETS": streets, "MAX_WALK_M": 250,
                                        "AGE_BANDS": "pop_65_plus:100",
                                        "OUTPUT": "TEMPORARY_OUTPUT", "CATCHMENTS": "TEMPORARY_OUTPUT",
                                        "SUMMARY": "TEMPORARY_OUTPUT"})
    rows = sorted(features(res["OUTPUT"], ctx), key=lambda r: r["demand_fid"])
    # (50,5): 5 access + 50 along; (205,5): 5 + 200; (390,395): 5+10 ... + 790 -> not served
    assert rows[0]["walk_m"] == pytest.approx(55.0) and rows[0]["served"]
    assert rows[4]["walk_m"] == pytest.approx(210.0) and rows[4]["served"]
    assert not rows[1]["served"]
    assert res["TOTAL_POPULATION"] == pytest.approx(37.0)  # NULL and negative count as 0
    assert res["COVERED_POPULATION"] == pytest.approx(17.0)
    summary = {r["community"]: r for r in features(res["SUMMARY"], ctx)}
    assert summary["A"]["served"] == 10 and summary["A"]["unserved"] == 20
    assert summary["B"]["served"] == 7
    # the 65+ band walks at most 100 m: only the block 55 m away counts
    assert rows[0]["pop_65_plus_served"] == 4 and rows[4]["pop_65_plus_served"] == 0
    assert summary["A"]["pop_65_plus"] == 7 and summary["A"]["pop_65_plus_served"] == 4
    assert summary["B"]["pop_65_plus_served"] == 0
    catch = features(res["CATCHMENTS"], ctx)
    assert len(catch) == 1 and catch[0]["population_served"] == pytest.approx(17.0)
    from qgis.core import QgsGeometry, QgsPointXY
    geom = next(res["CATCHMENTS"].getFeatures()).geometry()
    assert geom.contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + 240, Y0 + 10)))  # 250 m along y = 0
    assert not geom.contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + 50, Y0 + 50)))  # inside the first block
    assert not geom.contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + 280, Y0 + 5)))  # beyond 250 m
    # 250 m along two streets from the corner plus the 150 m side streets, 25 m either side
    assert 0 < catch[0]["area_m2"] < 250 * 2 * 50 + 2 * 150 * 50 + 5000


def test_playground_mclp_matches_brute_force(provider):
    xy, pop = demand_points()
    dem = layer("Point", [("population", "integer")], [([int(p)], pt(*c)) for c, p in zip(xy, pop)])
    cand_xy = [(0, 0), (100, 100), (200, 200), (300, 300), (400, 0), (0, 400), (200, 0)]
    cands = layer("Point", [], [([], pt(*c)) for c in cand_xy])
    res, ctx = run("playground_siting", {"DEMAND": dem, "POPULATION_FIELD": "population", "CANDIDATES": cands,
                                         "MAX_WALK_M": 150, "NEW_SITES": 2, "MODEL": 0,
                                         "OUTPUT": "TEMPORARY_OUTPUT", "DEMAND_OUTPUT": "TEMPORARY_OUTPUT",
                                         "CURVE": "TEMPORARY_OUTPUT"})
    d = np.hypot(*(xy[:, None, :] - np.array(cand_xy)[None, :, :]).transpose(2, 0, 1))
    A = d <= 150
    best = max(pop[A[:, list(S)].any(axis=1)].sum() for S in itertools.combinations(range(7), 2))
    assert res["OBJECTIVE"] == pytest.approx(best) and res["OPTIMAL"] and res["GAP"] == 0
    assert res["COVERED_POPULATION"] == pytest.approx(best)
    assert res["SOLVED_BY"]
    sites = sorted(features(res["OUTPUT"], ctx), key=lambda r: r["rank"])
    assert [s["rank"] for s in sites] == [1, 2]
    assert sites[0]["added_population"] >= sites[1]["added_population"]
    assert sum(s["added_population"] for s in sites) == pytest.approx(best)
    demand = features(res["DEMAND_OUTPUT"], ctx)
    assert sum(r["population"] for r in demand if r["served"]) == pytest.approx(best)
    assert sum(r["population"] for r in demand) == pytest.approx(pop.sum())
    curve = sorted(features(res["CURVE"], ctx), key=lambda r: r["sites"])
    assert curve[0]["covered_population"] == 0 and curve[2]["covered_population"] == pytest.approx(best)


def test_playground_existing_and_property_filter(provider):
    dem = layer("Polygon", [("population", "integer")], [
        ([100], f"POLYGON(({X0} {Y0},{X0 + 20} {Y0},{X0 + 20} {Y0 + 20},{X0} {Y0 + 20},{X0} {Y0}))"),
        ([50], f"POLYGON(({X0 + 600} {Y0},{X0 + 620} {Y0},{X0 + 620} {Y0 + 20},{X0 + 600} {Y0 + 20},{X0 + 600} {Y0}))"),
        ([30], f"POLYGON(({X0 + 1200} {Y0},{X0 + 1220} {Y0},{X0 + 1220} {Y0 + 20},{X0 + 1200} {Y0 + 20},{X0 + 1200} {Y0}))"),
    ])
    existing = layer("Point", [], [([], pt(10, 10))])

    def square(x, size):
        return (f"POLYGON(({X0 + x} {Y0},{X0 + x + size} {Y0},{X0 + x + size} {Y0 + size},"
                f"{X0 + x} {Y0 + size},{X0 + x} {Y0}))")

    props = layer("Polygon", [("status", "string"), ("property_type", "string")], [
        (["vacant", "land"], square(40, 30)),      # near the already served block
        (["leased", "land"], square(620, 30)),     # not vacant
        (["vacant", "land"], square(1180, 5)),     # too small (25 m²)
        (["vacant", "common_space"], square(580, 20)),
    ])
    res, ctx = run("playground_siting", {"DEMAND": dem, "POPULATION_FIELD": "population", "EXISTING": existing,
                                         "CANDIDATES": props, "MIN_AREA_M2": 200, "MAX_WALK_M": 100,
                                         "NEW_SITES": 1, "MODEL": 0, "OUTPUT": "TEMPORARY_OUTPUT",
                                         "DEMAND_OUTPUT": "TEMPORARY_OUTPUT", "CURVE": "TEMPORARY_OUTPUT"})
    sites = features(res["OUTPUT"], ctx)
    assert len(sites) == 1 and sites[0]["candidate_fid"] == 4 and sites[0]["added_population"] == 50
    assert res["COVERED_POPULATION"] == 150 and res["OBJECTIVE"] == 50 and res["OPTIMAL"]
    demand = {r["demand_fid"]: r for r in features(res["DEMAND_OUTPUT"], ctx)}
    assert demand[1]["site_kind"] == "existing" and demand[2]["site_kind"] == "new"
    assert demand[3]["served"] is False or demand[3]["served"] == 0


def test_set_covering_and_p_median(provider):
    xy, pop = demand_points(1, 30)
    dem = layer("Point", [("population", "integer")], [([int(p)], pt(*c)) for c, p in zip(xy, pop)])
    cand_xy = np.array([(50, 50), (150, 350), (350, 50), (350, 350), (200, 200), (50, 300)])
    cands = layer("Point", [], [([], pt(*c)) for c in cand_xy])
    d = np.hypot(*(xy[:, None, :] - cand_xy[None, :, :]).transpose(2, 0, 1))
    common = {"DEMAND": dem, "POPULATION_FIELD": "population", "CANDIDATES": cands, "MAX_WALK_M": 200,
              "OUTPUT": "TEMPORARY_OUTPUT", "DEMAND_OUTPUT": "TEMPORARY_OUTPUT", "CURVE": "TEMPORARY_OUTPUT"}
    res, _ = run("playground_siting", dict(common, MODEL=1))
    A = d <= 200
    reach = A.any(axis=1)
    best = next(kk for kk in range(7) for S in itertools.combinations(range(6), kk)
                if A[reach][:, list(S)].any(axis=1).all())
    assert res["OBJECTIVE"] == best and res["OPTIMAL"]
    res, _ = run("playground_siting", dict(common, MODEL=2, NEW_SITES=2))
    capd = np.minimum(np.where(d <= 400, d, 400), 400)
    best = min((pop * capd[:, list(S)].min(axis=1)).sum() for S in itertools.combinations(range(6), 2))
    assert res["OBJECTIVE"] == pytest.approx(best) and res["OPTIMAL"]


def test_bike_stations_spacing_poi_and_docks(provider):
    streets = grid_streets()
    xy, pop = demand_points(2, 40)
    dem = layer("Point", [("population", "integer")], [([int(p)], pt(*c)) for c, p in zip(xy, pop)])
    poi = layer("Point", [("weight", "double")], [([500.0], pt(100, 100)), ([None], pt(300, 300))])
    cands = layer("Point", [], [([], pt(x, y)) for x in (0, 100, 200, 300, 400) for y in (0, 100, 200, 300, 400)])
    res, ctx = run("bike_station_siting", {"DEMAND": dem, "POPULATION_FIELD": "population", "CANDIDATES": cands,
                                           "STREETS": streets, "POI": poi, "POI_WEIGHT_FIELD": "weight",
                                           "POI_WEIGHT": 100, "MAX_WALK_M": 150, "NEW_SITES": 3, "MODEL": 0,
                                           "MIN_SPACING_M": 250, "TOTAL_BIKES": 40, "DOCKS_PER_BIKE": 1.75,
                                           "OUTPUT": "TEMPORARY_OUTPUT", "DEMAND_OUTPUT": "TEMPORARY_OUTPUT",
                                           "CURVE": "TEMPORARY_OUTPUT"})
    sites = features(res["OUTPUT"], ctx)
    assert len(sites) == 3 and res["OPTIMAL"]
    assert sum(s["docks"] for s in sites) == 70 and all(s["docks"] >= 4 for s in sites)
    lyr = res["OUTPUT"]
    pts = [(f.geometry().asPoint().x(), f.geometry().asPoint().y()) for f in lyr.getFeatures()]
    for a, b in itertools.combinations(pts, 2):
        assert np.hypot(a[0] - b[0], a[1] - b[1]) >= 250
    assert res["TOTAL_POPULATION"] == pytest.approx(pop.sum() + 600)


def test_empty_candidates_is_a_clear_error(provider):
    from qgis.core import QgsProcessingException

    dem = layer("Point", [("population", "integer")], [([5], pt(0, 0))])
    cands = layer("Point", [], [])
    with pytest.raises(QgsProcessingException, match="no candidate site"):
        run("playground_siting", {"DEMAND": dem, "POPULATION_FIELD": "population", "CANDIDATES": cands,
                                  "OUTPUT": "TEMPORARY_OUTPUT", "DEMAND_OUTPUT": "TEMPORARY_OUTPUT",
                                  "CURVE": "TEMPORARY_OUTPUT"})


def _sample_layer(path, name):
    from qgis.core import QgsVectorLayer

    lyr = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert lyr.isValid(), name
    return lyr


def test_sample_municipality_coverage_and_siting(sample_gpkg):
    blocks = _sample_layer(sample_gpkg, "census_block")
    streets = _sample_layer(sample_gpkg, "street")
    playgrounds = _sample_layer(sample_gpkg, "playground")
    population = sum(max(float(f["population"] or 0), 0.0) for f in blocks.getFeatures())
    res, ctx = run("service_coverage", {"FACILITIES": playgrounds, "DEMAND": blocks, "POPULATION_FIELD": "population",
                                        "COMMUNITY_FIELD": "community", "STREETS": streets, "MAX_WALK_M": 400,
                                        "OUTPUT": "TEMPORARY_OUTPUT", "CATCHMENTS": "TEMPORARY_OUTPUT",
                                        "SUMMARY": "TEMPORARY_OUTPUT"})
    assert res["TOTAL_POPULATION"] == pytest.approx(population)
    assert res["COVERED_POPULATION"] + res["UNSERVED_POPULATION"] == pytest.approx(population)
    rows = features(res["OUTPUT"], ctx)
    assert all(bool(r["served"]) == (r["walk_m"] is not None and r["walk_m"] <= 400) for r in rows)
    assert sum(r["population"] for r in rows if r["served"]) == pytest.approx(res["COVERED_POPULATION"])
    summary = features(res["SUMMARY"], ctx)
    assert sum(r["population"] for r in summary) == pytest.approx(population)
    assert sum(r["served"] for r in summary) == pytest.approx(res["COVERED_POPULATION"])
    assert len(features(res["CATCHMENTS"], ctx)) >= 1

    props = _sample_layer(sample_gpkg, "municipal_property")
    usable = {f.id() for f in props.getFeatures()
              if f["status"] == "vacant" and f["property_type"] in ("land", "common_space")}
    res2, ctx2 = run("playground_siting", {"DEMAND": blocks, "POPULATION_FIELD": "population",
                                           "EXISTING": playgrounds, "CANDIDATES": props, "STREETS": streets,
                                           "MAX_WALK_M": 400, "NEW_SITES": 9, "MODEL": 0, "MIN_AREA_M2": 0,
                                           "OUTPUT": "TEMPORARY_OUTPUT", "DEMAND_OUTPUT": "TEMPORARY_OUTPUT",
                                           "CURVE": "TEMPORARY_OUTPUT"})
    assert res2["OPTIMAL"] and res2["GAP"] == 0
    # the existing playgrounds serve the same people in both algorithms; new sites add OBJECTIVE
    assert res2["COVERED_POPULATION"] == pytest.approx(res["COVERED_POPULATION"] + res2["OBJECTIVE"])
    sites = features(res2["OUTPUT"], ctx2)
    assert sites and {s["candidate_fid"] for s in sites} <= usable
    assert sum(s["added_population"] for s in sites) == pytest.approx(res2["OBJECTIVE"])


def test_zoning_filter_keeps_only_allowed_sites(provider):
    dem = layer("Point", [("population", "integer")], [([100], pt(0, 0)), ([10], pt(500, 0))])
    cands = layer("Point", [], [([], pt(0, 10)), ([], pt(500, 10))])
    zones = layer("Polygon", [("category_code", "string")], [
        (["general_residential"], f"POLYGON(({X0 - 50} {Y0 - 50},{X0 + 50} {Y0 - 50},{X0 + 50} {Y0 + 50},"
                                  f"{X0 - 50} {Y0 + 50},{X0 - 50} {Y0 - 50}))"),
        (["open_space_green"], f"POLYGON(({X0 + 450} {Y0 - 50},{X0 + 550} {Y0 - 50},{X0 + 550} {Y0 + 50},"
                               f"{X0 + 450} {Y0 + 50},{X0 + 450} {Y0 - 50}))"),
    ])
    res, ctx = run("playground_siting", {"DEMAND": dem, "POPULATION_FIELD": "population", "CANDIDATES": cands,
                                         "ZONING": zones, "MAX_WALK_M": 100, "NEW_SITES": 1, "MODEL": 0,
                                         "OUTPUT": "TEMPORARY_OUTPUT", "DEMAND_OUTPUT": "TEMPORARY_OUTPUT",
                                         "CURVE": "TEMPORARY_OUTPUT"})
    sites = features(res["OUTPUT"], ctx)
    assert [s["candidate_fid"] for s in sites] == [2] and res["OBJECTIVE"] == 10


def test_off_network_candidate_and_unreachable_demand_run_on(provider):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    class Collect(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)
            super().pushWarning(text)

    from qgis import processing

    streets = grid_streets()
    dem = layer("Point", [("population", "integer")], [([10], pt(50, 5)), ([7], pt(3000, 3000))])
    cands = layer("Point", [], [([], pt(0, 0)), ([], pt(2000, 2000))])
    feedback = Collect()
    context = QgsProcessingContext()
    res = processing.run("municipal_gis:playground_siting",
                         {"DEMAND": dem, "POPULATION_FIELD": "population", "CANDIDATES": cands, "STREETS": streets,
                          "MAX_WALK_M": 200, "NEW_SITES": 2, "MODEL": 0, "OUTPUT": "TEMPORARY_OUTPUT",
                          "DEMAND_OUTPUT": "TEMPORARY_OUTPUT", "CURVE": "TEMPORARY_OUTPUT"},
                         context=context, feedback=feedback)
    assert res["OBJECTIVE"] == 10 and res["COVERED_POPULATION"] == 10 and res["TOTAL_POPULATION"] == 17
    text = " ".join(feedback.warnings)
    assert "more than 200 m from any street" in text and "beyond 200 m" in text


def test_geographic_crs_is_measured_in_egsa87(provider):
    """Degrees are never taken for metres: a layer in EPSG:4326 is transformed to ΕΓΣΑ87 (issue 12)."""
    from pyproj import Transformer
    from qgis import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsProcessingFeedback, QgsVectorLayer

    def points(name, rows):
        lyr = QgsVectorLayer("Point?crs=EPSG:4326&field=population:integer", name, "memory")
        feats = []
        for x, pop in rows:
            f = QgsFeature(lyr.fields())
            f.setAttributes([pop])
            f.setGeometry(QgsGeometry.fromWkt(f"POINT({x} 41.1)"))
            feats.append(f)
        lyr.dataProvider().addFeatures(feats)
        return lyr

    demand = points("demand", [(23.5, 5), (23.5025, 7)])
    facilities = points("playgrounds", [(23.5, 0)])
    feedback = QgsProcessingFeedback()
    res = processing.run("municipal_gis:service_coverage", {
        "FACILITIES": facilities, "DEMAND": demand, "POPULATION_FIELD": "population", "MAX_WALK_M": 150,
        "OUTPUT": "TEMPORARY_OUTPUT", "CATCHMENTS": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT"},
        feedback=feedback)
    to_egsa = Transformer.from_crs(4326, 2100, always_xy=True)
    (x1, x2), (y1, y2) = to_egsa.transform([23.5, 23.5025], [41.1, 41.1])
    expected = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    walks = sorted(f["walk_m"] for f in res["OUTPUT"].getFeatures())
    assert walks[0] == 0.0 and walks[1] == pytest.approx(expected, abs=0.01) and 200 < expected < 220
    assert res["COVERED_POPULATION"] == 5  # the second is ~210 m away, not 0.0025 "m"
    assert res["OUTPUT"].crs().authid() == "EPSG:2100"


def test_suggest_docks():
    from municipal_gis.processing.algorithms.bike_station_siting import suggest_docks

    # 4 each, the other 58 as 43.5 / 14.5 / 0: the tie on the remainder goes to the first station
    assert suggest_docks([300, 100, 0], 70) == [48, 18, 4]
    assert suggest_docks([], 70) == [] and suggest_docks([0, 0], 10) == [5, 5]


def test_catchments_carry_the_facility_project_into_regeneration_zones(provider, sample_gpkg, tmp_path):
    """Walking coverage → catchments tied to projects → each project's served share of its zone."""
    from qgis import processing
    from qgis.core import QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    gpkg = str(sample_gpkg)
    playgrounds = QgsVectorLayer(f"{gpkg}|layername=playground", "playground", "ogr")
    linked = {f["project_code"] for f in playgrounds.getFeatures() if f["project_code"]}
    assert linked, "the sample ties some playgrounds to projects"
    cover = processing.run("municipal_gis:service_coverage", {
        "FACILITIES": f"{gpkg}|layername=playground", "DEMAND": f"{gpkg}|layername=census_block",
        "POPULATION_FIELD": "population", "STREETS": f"{gpkg}|layername=street", "MAX_WALK_M": 400,
        "OUTPUT": "memory:", "CATCHMENTS": str(tmp_path / "catchments.gpkg"), "SUMMARY": "memory:"})
    catchments = QgsVectorLayer(cover["CATCHMENTS"], "c", "ogr")
    assert {f["project_code"] for f in catchments.getFeatures() if f["project_code"]} == linked
    # every located project as a facility: its own catchment against the hot-spot zones
    project_cover = processing.run("municipal_gis:service_coverage", {
        "FACILITIES": f"{gpkg}|layername=programme_project", "DEMAND": f"{gpkg}|layername=census_block",
        "POPULATION_FIELD": "population", "STREETS": f"{gpkg}|layername=street", "MAX_WALK_M": 400,
        "OUTPUT": "memory:", "CATCHMENTS": str(tmp_path / "project_catchments.gpkg"), "SUMMARY": "memory:"})
    index = processing.run("municipal_gis:deprivation_index", {
        "INPUT": f"{gpkg}|layername=census_block", "OUTPUT": str(tmp_path / "index.gpkg")})
    zones = processing.run("municipal_gis:regeneration_zones", {
        "INPUT": index["OUTPUT"], "PERMUTATIONS": 199, "PROJECTS": f"{gpkg}|layername=programme_project",
        "CATCHMENTS": project_cover["CATCHMENTS"], "OUTPUT": "memory:", "OUTPUT_ZONES": "memory:",
        "OUTPUT_PROJECTS": str(tmp_path / "projects.gpkg")})
    projects = list(QgsVectorLayer(zones["OUTPUT_PROJECTS"], "p", "ogr").getFeatures())
    shares = [f["catchment_served_pct"] for f in projects if f["catchment_served_pct"] not in (None, QVariant())]
    in_zone = [f for f in projects if f["in_zone"]]
    assert in_zone and len(shares) == len(in_zone)  # every project in a zone has a catchment and a share
    assert all(0.0 < share <= 100.0 for share in shares)
