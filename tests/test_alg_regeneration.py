"""municipal_gis:deprivation_index and municipal_gis:regeneration_zones through processing.run."""

from __future__ import annotations

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

E0, N0 = 462000.0, 4548500.0
SIZE = 100.0


def census_layer(values: dict, rows: int, cols: int, extra=(), crs="EPSG:2100"):
    """Memory census blocks: a rows × cols lattice of 100 m squares; `values` maps field -> list.
    `extra` adds (block_code, wkt, {field: value}) blocks."""
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs}", "census_block", "memory")
    fields = [QgsField("block_code", QVariant.String)]
    for name, column in values.items():
        kind = QVariant.Double if any(isinstance(v, float) for v in column) else QVariant.LongLong
        fields.append(QgsField(name, kind))
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    feats = []
    for k in range(rows * cols):
        r, c = divmod(k, cols)
        x0, y0 = E0 + SIZE * c, N0 + SIZE * r
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(
            f"MULTIPOLYGON((({x0} {y0},{x0 + SIZE} {y0},{x0 + SIZE} {y0 + SIZE},{x0} {y0 + SIZE},{x0} {y0})))"))
        f.setAttributes([f"B{k:03d}"] + [values[name][k] for name in values])
        feats.append(f)
    for code, wkt, attrs in extra:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes([code] + [attrs[name] for name in values])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def read(path, name=None):
    uri = str(path) if name is None else f"{path}|layername={name}"
    layer = QgsVectorLayer(uri, "out", "ogr")
    assert layer.isValid(), uri
    return layer


def rows_by(layer, key):
    return {f[key]: f for f in layer.getFeatures()}


# ---------------------------------------------------------------------------------------------
# deprivation_index
def test_deprivation_index_by_hand(provider, tmp_path):
    from qgis import processing

    # 4 blocks: unemployment rate 1..4 (higher worse), households 4, 4, 0, 0 (higher better)
    layer = census_layer({"unemployment_rate": [1.0, 2.0, 3.0, 4.0], "households": [4, 4, 0, 0]}, 2, 2)
    out = tmp_path / "dep.gpkg"
    processing.run("municipal_gis:deprivation_index", {
        "INPUT": layer, "INDICATORS": "unemployment_rate:+; households:-", "WEIGHTS": "",
        "METHOD": 1, "SMOOTHING": False, "OUTPUT": str(out)})
    rows = rows_by(read(out), "block_code")
    assert [rows[f"B{k:03d}"]["dep_index"] for k in range(4)] == pytest.approx([0, 1 / 6, 5 / 6, 1])
    assert [rows[f"B{k:03d}"]["dep_rank"] for k in range(4)] == [4, 3, 2, 1]
    assert [rows[f"B{k:03d}"]["dep_decile"] for k in range(4)] == [3, 5, 8, 10]
    assert rows["B002"]["contrib_unemployment_rate"] == pytest.approx(1 / 3)
    assert rows["B002"]["contrib_households"] == pytest.approx(0.5)
    assert rows["B002"]["unemployment_rate"] == 3.0  # input fields kept
    assert "p_top_decile" not in read(out).fields().names()


def test_deprivation_index_smoothing_and_sensitivity(provider, tmp_path):
    from qgis import processing

    n = 25
    rng = np.random.default_rng(2)
    labour = rng.integers(50, 400, n).tolist()
    labour[3] = 4  # a tiny block: 3 of 4 unemployed must not top the list once smoothed
    unemployed = [int(0.1 * lf) for lf in labour]
    unemployed[3] = 3
    unemployed[7] = int(0.3 * labour[7])
    layer = census_layer({"labour_force": labour, "unemployed": unemployed}, 5, 5)
    raw = processing.run("municipal_gis:deprivation_index", {
        "INPUT": layer, "INDICATORS": "unemployed/labour_force", "SMOOTHING": False, "METHOD": 0,
        "OUTPUT": str(tmp_path / "raw.gpkg")})
    smooth = processing.run("municipal_gis:deprivation_index", {
        "INPUT": layer, "INDICATORS": "unemployed/labour_force", "SMOOTHING": True, "METHOD": 0,
        "SENSITIVITY_RUNS": 50, "SEED": 3, "OUTPUT": str(tmp_path / "smooth.gpkg")})
    raw_rows = rows_by(read(raw["OUTPUT"]), "block_code")
    smooth_rows = rows_by(read(smooth["OUTPUT"]), "block_code")
    assert raw_rows["B003"]["dep_rank"] == 1
    assert smooth_rows["B007"]["dep_rank"] == 1
    assert smooth_rows["B003"]["dep_rank"] > 1
    # one indicator: the weights cannot change the order, so the probability is 0 or 1
    assert sorted({round(f["p_top_decile"], 6) for f in smooth_rows.values()}) == [0.0, 1.0]
    assert sum(f["p_top_decile"] for f in smooth_rows.values()) == 3


@pytest.mark.parametrize("params, message", [
    ({"INDICATORS": "no_such_field:+"}, "no_such_field"),
    ({"INDICATORS": "a b:+"}, "a b:+"),
    ({"INDICATORS": "unemployment_rate; households", "WEIGHTS": "1"}, "2 non-negative numbers"),
    ({"INDICATORS": "households/unemployment_rate", "SMOOTHING": False}, "feature"),
])
def test_deprivation_index_user_errors(provider, params, message):
    from qgis import processing

    layer = census_layer({"unemployment_rate": [1.0, 2.0, 0.0, 4.0], "households": [4, 4, 0, 0]}, 2, 2)
    with pytest.raises(QgsProcessingException, match=message):
        processing.run("municipal_gis:deprivation_index", {"INPUT": layer, "OUTPUT": "memory:", **params})


def test_deprivation_index_missing_value_names_the_feature(provider):
    from qgis import processing

    layer = census_layer({"unemployment_rate": [1.0, None, 3.0, 4.0]}, 2, 2)
    with pytest.raises(QgsProcessingException, match=r"feature 2, field unemployment_rate"):
        processing.run("municipal_gis:deprivation_index", {
            "INPUT": layer, "INDICATORS": "unemployment_rate", "OUTPUT": "memory:"})


# ---------------------------------------------------------------------------------------------
# regeneration_zones
def planted(rows=12, cols=12):
    rng = np.random.default_rng(3)
    y = rng.uniform(0, 1, rows * cols)
    hot = [r * cols + c for r in range(4, 8) for c in range(4, 8)]
    y[hot] += 3.0
    return y, hot


def projects_layer():
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:2100", "programme_project", "memory")
    layer.dataProvider().addAttributes([QgsField("project_code", QVariant.String),
                                        QgsField("title", QVariant.String), QgsField("budget_eur", QVariant.Double)])
    layer.updateFields()
    feats = []
    # block (5, 5) is in the planted hot spot; block (0, 0) is not
    for code, title, budget, (r, c) in [("P1", "Square upgrade", 250000.0, (5, 5)),
                                        ("P2", "Street lighting", 40000.0, (6, 5)),
                                        ("P3", "Depot roof", 90000.0, (0, 0))]:
        x0, y0 = E0 + SIZE * c + 20, N0 + SIZE * r + 20
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(
            f"MULTIPOLYGON((({x0} {y0},{x0 + 50} {y0},{x0 + 50} {y0 + 50},{x0} {y0 + 50},{x0} {y0})))"))
        f.setAttributes([code, title, budget])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_regeneration_zones_find_the_planted_hot_spot(provider, tmp_path):
    import shapely
    from qgis import processing

    from municipal_gis.core import hotspots, spatial_weights

    y, hot = planted()
    pop = [40 + k % 7 for k in range(144)]
    layer = census_layer({"dep_index": y.tolist(), "population": pop}, 12, 12)
    out = tmp_path / "hot.gpkg"
    res = processing.run("municipal_gis:regeneration_zones", {
        "INPUT": layer, "VALUE_FIELD": "dep_index", "NEIGHBOURS": 0, "PERMUTATIONS": 999, "ALPHA": 0.05,
        "FDR": True, "MIN_POPULATION": 0, "MIN_AREA": 0, "PROJECTS": projects_layer(),
        "OUTPUT": f"ogr:dbname='{out}' table=\"blocks\" (geom)",
        "OUTPUT_ZONES": f"ogr:dbname='{out}' table=\"zones\" (geom)",
        "OUTPUT_PROJECTS": f"ogr:dbname='{out}' table=\"projects\" (geom)"})
    assert set(res) >= {"OUTPUT", "OUTPUT_ZONES", "OUTPUT_PROJECTS"}
    blocks = rows_by(read(out, "blocks"), "block_code")
    # the same numbers as the core on the same lattice (analytic z does not depend on the draws)
    boxes = [shapely.box(E0 + SIZE * c, N0 + SIZE * r, E0 + SIZE * (c + 1), N0 + SIZE * (r + 1))
             for r in range(12) for c in range(12)]
    _, z = hotspots.gi_star(y, spatial_weights.queen(boxes))
    assert [blocks[f"B{k:03d}"]["gi_z"] for k in range(144)] == pytest.approx(z.tolist(), abs=1e-12)
    found = {k for k in range(144) if blocks[f"B{k:03d}"]["cluster"] == "hot_spot"}
    inner = {5 * 12 + 5, 5 * 12 + 6, 6 * 12 + 5, 6 * 12 + 6}
    assert inner <= found <= set(hot)
    assert blocks["B065"]["n_neighbours"] == 8 and blocks["B000"]["n_neighbours"] == 3
    assert blocks["B065"]["zone_id"] == 1 and blocks["B000"]["zone_id"] in (None, QVariant())
    assert all(blocks[f"B{k:03d}"]["gi_p_fdr"] >= blocks[f"B{k:03d}"]["gi_p"] for k in range(144))

    zones = list(read(out, "zones").getFeatures())
    assert len(zones) == 1
    zone = zones[0]
    assert zone["n_blocks"] == len(found)
    assert zone["area_m2"] == pytest.approx(len(found) * SIZE * SIZE, abs=1e-4)
    assert zone.geometry().area() == pytest.approx(len(found) * SIZE * SIZE, abs=1e-4)
    assert zone["population"] == sum(pop[k] for k in found)
    assert zone["blocks"] == ", ".join(f"B{k:03d}" for k in sorted(found))
    assert zone["mean_value"] == pytest.approx(float(np.mean(y[sorted(found)])))
    assert zone["project_codes"] == "P1, P2"
    assert zone["n_projects"] == 2
    assert zone["projects_budget_eur"] == 290000.0

    projects = rows_by(read(out, "projects"), "project_code")
    assert projects["P1"]["in_zone"] and projects["P1"]["zone_id"] == 1
    assert projects["P1"]["share_in_zones"] == pytest.approx(1.0)
    assert not projects["P3"]["in_zone"]
    assert projects["P3"]["share_in_zones"] == 0.0
    assert projects["P3"]["title"] == "Depot roof"


def test_minimum_population_drops_the_zone(provider, tmp_path):
    from qgis import processing

    y, _ = planted()
    layer = census_layer({"dep_index": y.tolist(), "population": [10] * 144}, 12, 12)
    res = processing.run("municipal_gis:regeneration_zones", {
        "INPUT": layer, "MIN_POPULATION": 1000, "OUTPUT": str(tmp_path / "b.gpkg"),
        "OUTPUT_ZONES": str(tmp_path / "z.gpkg")})
    assert read(res["OUTPUT_ZONES"]).featureCount() == 0
    assert all(f["zone_id"] in (None, QVariant()) for f in read(res["OUTPUT"]).getFeatures())


def test_islands_are_reported_not_fatal(provider, tmp_path):
    from qgis import processing

    y, _ = planted()
    island = ("ISL", f"MULTIPOLYGON((({E0 + 5000} {N0},{E0 + 5100} {N0},{E0 + 5100} {N0 + 100},"
                     f"{E0 + 5000} {N0 + 100},{E0 + 5000} {N0})))", {"dep_index": 0.5, "population": 5})
    layer = census_layer({"dep_index": y.tolist(), "population": [10] * 144}, 12, 12, extra=[island])
    for neighbours in (0, 1):
        res = processing.run("municipal_gis:regeneration_zones", {
            "INPUT": layer, "NEIGHBOURS": neighbours, "PERMUTATIONS": 999,
            "OUTPUT": str(tmp_path / f"b{neighbours}.gpkg"), "OUTPUT_ZONES": str(tmp_path / f"z{neighbours}.gpkg")})
        rows = rows_by(read(res["OUTPUT"]), "block_code")
        assert rows["ISL"]["cluster"] == "no_neighbours"
        assert rows["ISL"]["n_neighbours"] == 0
        assert rows["ISL"]["gi_z"] in (None, QVariant())
        assert rows["B065"]["cluster"] == ("hot_spot" if neighbours == 0 else rows["B065"]["cluster"])
        assert rows["B065"]["n_neighbours"] == (8 if neighbours == 0 else 4)
    # a 6 km distance band reaches the island
    res = processing.run("municipal_gis:regeneration_zones", {
        "INPUT": layer, "NEIGHBOURS": 2, "DISTANCE_M": 6000, "PERMUTATIONS": 0,
        "OUTPUT": str(tmp_path / "bd.gpkg"), "OUTPUT_ZONES": str(tmp_path / "zd.gpkg")})
    rows = rows_by(read(res["OUTPUT"]), "block_code")
    assert rows["ISL"]["n_neighbours"] > 0


def test_chained_with_the_index_and_user_errors(provider, tmp_path):
    from qgis import processing

    y, _ = planted()
    layer = census_layer({"unemployment_rate": y.tolist(), "population": [10] * 144}, 12, 12)
    dep = processing.run("municipal_gis:deprivation_index", {
        "INPUT": layer, "INDICATORS": "unemployment_rate", "OUTPUT": str(tmp_path / "d.gpkg")})
    res = processing.run("municipal_gis:regeneration_zones", {
        "INPUT": dep["OUTPUT"], "OUTPUT": str(tmp_path / "b.gpkg"), "OUTPUT_ZONES": str(tmp_path / "z.gpkg")})
    assert read(res["OUTPUT_ZONES"]).featureCount() == 1

    no_crs = census_layer({"dep_index": [1.0, 2.0, 3.0, 4.0]}, 2, 2, crs="")
    with pytest.raises(QgsProcessingException, match="Layer census_block has no coordinate reference system"):
        processing.run("municipal_gis:regeneration_zones", {
            "INPUT": no_crs, "POPULATION_FIELD": "", "OUTPUT": "memory:", "OUTPUT_ZONES": "memory:"})
    missing = census_layer({"dep_index": [1.0, None, 3.0, 4.0]}, 2, 2)
    with pytest.raises(QgsProcessingException, match="feature 2, field dep_index"):
        processing.run("municipal_gis:regeneration_zones", {
            "INPUT": missing, "POPULATION_FIELD": "", "OUTPUT": "memory:", "OUTPUT_ZONES": "memory:"})


def test_projects_report_the_share_of_their_zone_their_catchment_serves(provider, tmp_path):
    """A project's facility catchment (from Walking coverage) over part of its zone."""
    from qgis import processing

    y, _ = planted()
    pop = [40 + k % 7 for k in range(144)]
    layer = census_layer({"dep_index": y.tolist(), "population": pop}, 12, 12)
    catchments = QgsVectorLayer("MultiPolygon?crs=EPSG:2100", "catchments", "memory")
    catchments.dataProvider().addAttributes([QgsField("facility_fid", QVariant.LongLong),
                                             QgsField("project_code", QVariant.String)])
    catchments.updateFields()
    feats = []
    # P1's two facilities: rows 5–6 × columns 4–5 and rows 5–6 × columns 6–7 (block centres inside)
    for fid, (c0, c1) in enumerate([(4, 6), (6, 8)], start=1):
        x0, x1, y0, y1 = E0 + SIZE * c0 + 1, E0 + SIZE * c1 - 1, N0 + SIZE * 5 + 1, N0 + SIZE * 7 - 1
        f = QgsFeature(catchments.fields())
        f.setGeometry(QgsGeometry.fromWkt(f"MULTIPOLYGON((({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0})))"))
        f.setAttributes([fid, "P1"])
        feats.append(f)
    f = QgsFeature(catchments.fields())  # P3 is outside every zone: no share, whatever its catchment
    f.setGeometry(QgsGeometry.fromWkt(f"MULTIPOLYGON((({E0} {N0},{E0 + 300} {N0},{E0 + 300} {N0 + 300},"
                                      f"{E0} {N0 + 300},{E0} {N0})))"))
    f.setAttributes([3, "P3"])
    feats.append(f)
    catchments.dataProvider().addFeatures(feats)
    out = tmp_path / "served.gpkg"
    processing.run("municipal_gis:regeneration_zones", {
        "INPUT": layer, "VALUE_FIELD": "dep_index", "PERMUTATIONS": 999, "PROJECTS": projects_layer(),
        "CATCHMENTS": catchments,
        "OUTPUT": f"ogr:dbname='{out}' table=\"blocks\" (geom)",
        "OUTPUT_ZONES": f"ogr:dbname='{out}' table=\"zones\" (geom)",
        "OUTPUT_PROJECTS": f"ogr:dbname='{out}' table=\"projects\" (geom)"})
    blocks = rows_by(read(out, "blocks"), "block_code")
    zone_blocks = [k for k in range(144) if blocks[f"B{k:03d}"]["zone_id"] == 1]
    covered = [k for k in zone_blocks if 5 <= k // 12 <= 6 and 4 <= k % 12 <= 7]
    assert covered  # the planted core is in the zone
    expected = 100.0 * sum(pop[k] for k in covered) / sum(pop[k] for k in zone_blocks)
    projects = rows_by(read(out, "projects"), "project_code")
    assert projects["P1"]["catchment_served_pct"] == pytest.approx(expected, abs=0.01)
    assert projects["P2"]["catchment_served_pct"] in (None, QVariant())  # no catchment given
    assert projects["P3"]["catchment_served_pct"] in (None, QVariant())  # not in a zone
