"""The sample-municipality generator (municipal_gis.core.sample): content, topology, determinism."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime

import numpy as np
import pytest
import shapely

from municipal_gis.core import sample
from municipal_gis.schema import catalogue, vocabularies

N = 1000


@pytest.fixture(scope="module")
def town():
    return sample.generate(N, seed=3)


@pytest.fixture(scope="module")
def city():
    """A mid-size town: enough census blocks for a spatial pattern."""
    return sample.generate(6000, seed=11)


def _by(tables, layer_id):
    t = tables[layer_id]
    return t.records, t.geometries


def _wkb(tables):
    out = {}
    for layer_id, t in tables.items():
        out[layer_id] = (
            None if t.geometries is None else [None if g is None else shapely.to_wkb(g) for g in t.geometries]
        )
    return out


# ------------------------------------------------------------------------- catalogue conformance


def test_every_catalogue_layer_has_a_table(town):
    assert list(town) == list(catalogue.layer_ids())
    for layer_id, table in town.items():
        layer = catalogue.layer(layer_id)
        assert table.layer_id == layer_id
        if layer.is_spatial:
            assert table.geometries is not None and len(table.geometries) == len(table.records)
        elif layer_id != "programme_project":
            assert table.geometries is None
    for layer_id in catalogue.layer_ids():
        if layer_id not in ("land_use_certificate", "parcel_lineage", "edit_exception"):
            assert town[layer_id].records, layer_id


TYPES = {
    catalogue.TEXT: str,
    catalogue.INTEGER: (int, np.integer),
    catalogue.REAL: (float, int),
    catalogue.BOOLEAN: bool,
}


def test_records_use_catalogue_fields_types_and_vocabularies(town):
    for layer_id, table in town.items():
        layer = catalogue.layer(layer_id)
        names = set(layer.field_names())
        uniques = {f.name: set() for f in layer.all_fields if f.unique}
        for rec in table.records:
            assert set(rec) <= names, (layer_id, set(rec) - names)
            if layer.project_link:
                assert catalogue.PROJECT_KEY in rec, layer_id
            for name, value in rec.items():
                fld = layer.field(name)
                if value is None:
                    assert not fld.not_null, (layer_id, name)
                    continue
                if fld.type == catalogue.DATE:
                    assert isinstance(value, date) and not isinstance(value, datetime), (
                        layer_id,
                        name,
                        value,
                    )
                elif fld.type in TYPES:
                    assert isinstance(value, TYPES[fld.type]), (layer_id, name, value)
                    if fld.type == catalogue.INTEGER:
                        assert not isinstance(value, bool)
                if fld.vocabulary:
                    assert value in vocabularies.codes(fld.vocabulary), (layer_id, name, value)
                if fld.unique:
                    assert value not in uniques[name], (layer_id, name, value)
                    uniques[name].add(value)


def test_geometries_are_valid_typed_and_around_serres(town):
    for layer_id, table in town.items():
        layer = catalogue.layer(layer_id)
        if not layer.is_spatial:
            continue
        geoms = np.array([g for g in table.geometries if g is not None], dtype=object)
        if layer_id != "programme_project":
            assert len(geoms) == len(table.records)
        assert set(shapely.get_type_id(geoms).tolist()) <= {
            {"MultiPolygon": 6, "Point": 0, "LineString": 1}[layer.geometry]
        }, layer_id
        assert shapely.is_valid(geoms).all(), layer_id
        assert not shapely.is_empty(geoms).any(), layer_id
        xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
        # EGSA87 metres around Serres (city centre E 462 000, N 4 548 500)
        assert 430_000 < xmin and xmax < 495_000 and 4_515_000 < ymin and ymax < 4_585_000, layer_id


# ------------------------------------------------------------------------- determinism


def test_same_seed_same_output_bit_for_bit(town):
    again = sample.generate(N, seed=3)
    for layer_id in town:
        assert again[layer_id].records == town[layer_id].records, layer_id
    assert _wkb(again) == _wkb(town)


def test_other_seed_other_town(town):
    other = sample.generate(N, seed=4)
    assert _wkb(other)["parcel"] != _wkb(town)["parcel"]
    assert [r["address"] for r in other["parcel"].records] != [r["address"] for r in town["parcel"].records]


# ------------------------------------------------------------------------- parcels and blocks


def _check_partition(tables):
    parcels, pgeoms = _by(tables, "parcel")
    blocks, bgeoms = _by(tables, "city_block")
    pgeoms = np.array(pgeoms, dtype=object)
    bgeoms = np.array(bgeoms, dtype=object)
    assert shapely.is_valid(pgeoms).all()
    # each parcel inside exactly one block
    tree = shapely.STRtree(bgeoms)
    pi, bi = tree.query(shapely.point_on_surface(pgeoms), predicate="within")
    assert np.array_equal(np.sort(pi), np.arange(len(pgeoms)))
    block_of = np.empty(len(pgeoms), int)
    block_of[pi] = bi
    # the parcel carries its block's Ο.Τ.
    assert all(parcels[p]["ot_code"] == blocks[b]["ot_code"] for p, b in zip(pi.tolist(), bi.tolist()))
    # union of a block's parcels == the block, to floating precision
    parea = np.bincount(block_of, weights=shapely.area(pgeoms), minlength=len(bgeoms))
    barea = shapely.area(bgeoms)
    assert np.all(np.abs(parea - barea) <= 1e-6 * barea)
    for b in np.unique(block_of)[:: max(1, len(bgeoms) // 150)].tolist():
        union = shapely.union_all(pgeoms[block_of == b])
        assert abs(shapely.area(union) - barea[b]) <= 1e-6 * barea[b]
        assert shapely.area(shapely.symmetric_difference(union, bgeoms[b])) <= 1e-6 * barea[b]
    # no two parcels overlap, not even by rounding noise
    ptree = shapely.STRtree(pgeoms)
    a, b = ptree.query(pgeoms, predicate="overlaps")
    assert len(a) == 0
    a, b = ptree.query(pgeoms, predicate="intersects")
    keep = a < b
    inter = shapely.area(shapely.intersection(pgeoms[a[keep]], pgeoms[b[keep]]))
    assert inter.max(initial=0.0) == 0.0
    return block_of


def test_parcels_partition_their_blocks_exactly(town):
    _check_partition(town)


def test_parcel_count_and_sizes(town):
    parcels, geoms = _by(town, "parcel")
    assert len(parcels) == N
    area = shapely.area(np.array(geoms, dtype=object))
    assert area.min() > 50.0 and 200.0 < np.median(area) < 1500.0


def test_kaek_unique_twelve_digits(town):
    kaek = [r["kaek"] for r in town["parcel"].records]
    assert len(set(kaek)) == len(kaek)
    assert all(re.fullmatch(r"62\d{10}", k) for k in kaek)


def test_parcel_attributes(town):
    parcels, geoms = _by(town, "parcel")
    n = len(parcels)
    owners = Counter(r["owner_type"] for r in parcels)
    assert owners["private"] > 0.85 * n and owners["municipal"] > 0 and owners["public"] > 0
    assert all(re.fullmatch(r"\d+[Α-Ω]?", r["ot_code"]) for r in parcels)
    assert any(re.fullmatch(r"\d+[Α-Ω]", r["ot_code"]) for r in parcels)
    assert all(r["address"] and not r["address"].startswith(" ") for r in parcels)
    assert all(re.search(r"\d+$", r["address"]) for r in parcels if r["owner_type"] != "municipal")
    reg = [
        (r["registered_area_m2"], g.area)
        for r, g in zip(parcels, geoms)
        if r["registered_area_m2"] is not None
    ]
    assert 0.9 * n < len(reg) < n
    ratios = np.array([a / b for a, b in reg])
    assert np.all(np.abs(ratios - 1.0) < 0.15) and np.std(ratios) > 0.005


def test_blocks_lie_between_the_streets(town):
    _, bgeoms = _by(town, "city_block")
    _, sgeoms = _by(town, "street")
    tree = shapely.STRtree(np.array(bgeoms, dtype=object))
    s_idx, b_idx = tree.query(np.array(sgeoms, dtype=object), predicate="intersects")
    assert len(s_idx) == 0
    blocks, _ = _by(town, "city_block")
    assert Counter(r["community"] for r in blocks)[sample.CITY_COMMUNITY] > len(blocks) * 0.7


def test_street_network_meets_only_at_end_points(town):
    streets, geoms = _by(town, "street")
    geoms = np.array(geoms, dtype=object)
    ends = shapely.get_coordinates(shapely.boundary(geoms)).reshape(-1, 2, 2)
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="intersects")
    keep = a < b
    for i, j in zip(a[keep].tolist(), b[keep].tolist()):
        inter = shapely.get_coordinates(shapely.intersection(geoms[i], geoms[j]))
        for p in inter:
            assert (ends[i] == p).all(axis=1).any() and (ends[j] == p).all(axis=1).any(), (i, j)
    # one connected network (city and villages through the roads)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    pts = ends.reshape(-1, 2)
    _, node = np.unique(pts, axis=0, return_inverse=True)
    node = node.ravel().reshape(-1, 2)
    n = node.max() + 1
    graph = coo_matrix((np.ones(len(node)), (node[:, 0], node[:, 1])), shape=(n, n))
    assert connected_components(graph, directed=False)[0] == 1
    names = Counter(r["name"] for r in streets)
    for name in (
        "Ερμού",
        "Μεραρχίας",
        "Δημογερόντων",
        "Ν. Νικολάου",
        "Εξοχών",
        "Κ. Καραμανλή",
        "Ελευθερίου Βενιζέλου",
        "Μ. Αλεξάνδρου",
        "Ραιδεστού",
        "Νικομηδείας",
        "Βιζυηνού",
    ):
        assert names[name] > 0, name
    walkable = [r["walkable"] for r in streets]
    assert 0.9 < sum(walkable) / len(walkable) < 1.0
    assert all(r["name"] for r in streets)


# ------------------------------------------------------------------------- zoning


def test_zones_follow_blocks_but_some_cut_parcels(town):
    ref = sample.reference_date(2019)
    zones, zgeoms = _by(town, "land_use_zone")
    current = [g for r, g in zip(zones, zgeoms) if r["valid_to"] is None]
    old = [(r, g) for r, g in zip(zones, zgeoms) if r["valid_to"] is not None]
    assert 1 <= len(old) and all(r["valid_to"] < ref and r["valid_from"] < r["valid_to"] for r, _ in old)
    cur = np.array(current, dtype=object)
    tree = shapely.STRtree(cur)
    a, b = tree.query(cur, predicate="intersects")
    keep = a < b
    assert shapely.area(shapely.intersection(cur[a[keep]], cur[b[keep]])).sum() < 1e-3
    # superseded zones overlap zones in force
    assert any(shapely.area(shapely.intersection(g, shapely.union_all(cur))) > 1000.0 for _, g in old)
    # every parcel is zoned; most lie in one zone, a few are cut by a zone edge
    _, pgeoms = _by(town, "parcel")
    pgeoms = np.array(pgeoms, dtype=object)
    p, z = tree.query(pgeoms, predicate="intersects")
    pieces = shapely.area(shapely.intersection(pgeoms[p], cur[z]))
    zoned = np.bincount(p, weights=pieces, minlength=len(pgeoms))
    assert np.allclose(zoned, shapely.area(pgeoms), rtol=1e-6)
    n_cut = np.bincount(p[pieces > 1.0], minlength=len(pgeoms))
    assert 0 < (n_cut > 1).sum() < 0.1 * len(pgeoms)
    cats = Counter(r["category_code"] for r in zones if r["valid_to"] is None)
    assert cats["urban_centre"] and cats["general_residential"] and cats["open_space_green"]
    for r in zones:
        assert r["plan_name"] and re.fullmatch(r"ΦΕΚ \d+/[Α-Ω]+/\d{1,2}\.\d{1,2}\.\d{4}", r["fek_ref"])


# ------------------------------------------------------------------------- census and regeneration


def _check_census(records):
    for r in records:
        pop = r["population"]
        assert 0 <= r["unemployed"] <= r["labour_force"] <= pop
        assert r["pop_0_14"] + r["pop_65_plus"] <= pop
        assert r["labour_force"] <= pop - r["pop_0_14"] - r["pop_65_plus"]
        assert r["low_education"] <= r["adults_25_64"] <= pop
        assert r["overcrowded_households"] <= r["households"] <= max(pop, 0)
        assert r["non_nationals"] <= pop
        assert r["dwellings_pre_1980"] <= r["dwellings"]
        for share, num, den in (
            ("unemployment_rate", "unemployed", "labour_force"),
            ("low_education_share", "low_education", "adults_25_64"),
            ("overcrowding_share", "overcrowded_households", "households"),
            ("non_national_share", "non_nationals", "population"),
            ("old_housing_share", "dwellings_pre_1980", "dwellings"),
        ):
            if r[den]:
                assert r[share] == pytest.approx(r[num] / r[den], abs=1e-4)
            else:
                assert r[share] is None


def test_census_counts_are_consistent(town):
    records, geoms = _by(town, "census_block")
    _check_census(records)
    total = sum(r["population"] for r in records)
    assert 2.5 * N < total < 20 * N
    # census blocks tile the blocks: every city block lies in one census block
    _, bgeoms = _by(town, "city_block")
    tree = shapely.STRtree(np.array(geoms, dtype=object))
    b, c = tree.query(shapely.point_on_surface(np.array(bgeoms, dtype=object)), predicate="within")
    assert np.array_equal(np.sort(b), np.arange(len(bgeoms)))


def test_deprivation_is_spatially_clustered(city):
    records, geoms = _by(city, "census_block")
    # populated city census blocks (tiny edge blocks are noise for any hot-spot study)
    rows = [
        (r, g)
        for r, g in zip(records, geoms)
        if r["community"] == sample.CITY_COMMUNITY and r["population"] >= 100
    ]
    rate = np.array([r["unemployment_rate"] for r, _ in rows])
    xy = shapely.get_coordinates(shapely.centroid(np.array([g for _, g in rows], dtype=object)))
    d = np.hypot(*(xy[:, None] - xy[None]).transpose(2, 0, 1))
    w = ((d > 0) & (d < 400.0)).astype(float)
    z = rate - rate.mean()
    moran = len(z) / w.sum() * (z @ w @ z) / (z @ z)
    assert moran > 0.35  # strong positive spatial autocorrelation
    assert rate.max() > 2.0 * np.median(rate)


def test_regeneration_zone_population(town):
    zones, zgeoms = _by(town, "regeneration_zone")
    census, cgeoms = _by(town, "census_block")
    svaa = next(i for i, r in enumerate(zones) if r["programme"] == "ΣΒΑΑ Σερρών")
    assert zones[svaa]["status"] == "approved"
    inside = shapely.within(shapely.point_on_surface(np.array(cgeoms, dtype=object)), zgeoms[svaa])
    assert zones[svaa]["population"] == sum(r["population"] for r, i in zip(census, inside) if i) > 0


# ------------------------------------------------------------------------- communities


def test_communities(town):
    comms, geoms = _by(town, "community")
    kinds = Counter(r["kind"] for r in comms)
    assert (
        kinds["municipal_unit"] == 4 and kinds["municipal_community"] == 1 and kinds["local_community"] >= 5
    )
    assert {r["name"] for r in comms if r["kind"] == "municipal_unit"} == set(sample.UNITS)
    city = [r for r in comms if r["is_city"]]
    assert [r["name"] for r in city] == ["Δ.Κ. Σερρών"]
    names = {r["name"] for r in comms}
    for village in (
        "Τ.Κ. Άνω Μητρουσίου",
        "Τ.Κ. Κάτω Καμήλας",
        "Τ.Κ. Λευκώνα",
        "Τ.Κ. Χρυσοπηγής",
        "Τ.Κ. Προβατά",
    ):
        assert village in names
    # each parcel in exactly one community and one municipal unit
    _, pgeoms = _by(town, "parcel")
    pts = shapely.point_on_surface(np.array(pgeoms, dtype=object))
    for kinds_wanted in ({"municipal_community", "local_community"}, {"municipal_unit"}):
        polys = [g for r, g in zip(comms, geoms) if r["kind"] in kinds_wanted]
        hits = sum(shapely.within(pts, g).astype(int) for g in polys)
        assert (hits == 1).all()
    blocks, _ = _by(town, "city_block")
    assert {r["community"] for r in blocks} <= names


# ------------------------------------------------------------------------- property, leases, encroachments


def test_municipal_property_coincides_with_municipal_parcels(town):
    props, prgeoms = _by(town, "municipal_property")
    parcels, pgeoms = _by(town, "parcel")
    municipal = {r["kaek"]: g for r, g in zip(parcels, pgeoms) if r["owner_type"] == "municipal"}
    assert {r["kaek"] for r in props} == set(municipal)
    for r, g in zip(props, prgeoms):
        assert shapely.equals_exact(g, municipal[r["kaek"]], tolerance=0.0)
        assert re.fullmatch(r"ΔΠ-\d{4}", r["property_code"])
    assert 0.01 * len(parcels) <= len(props) <= 0.05 * len(parcels)
    names = {r["name"]: r for r in props}
    apostolidis = names["Διώροφη οικία κληροδοτήματος Αποστολίδη"]
    assert apostolidis["acquisition"] == "bequest" and apostolidis["bequest_name"] == "Κληροδότημα Αποστολίδη"
    assert apostolidis["address"].startswith("Μεραρχίας")
    assert names["Κεντρικό Πάρκο"]["acquisition"] == "expropriation"
    assert Counter(r["status"] for r in props)["vacant"] > 0


def test_leases(town):
    ref = sample.reference_date(2019)
    props, _ = _by(town, "municipal_property")
    leases, _ = _by(town, "lease")
    codes = {r["property_code"]: r for r in props}
    assert all(r["property_code"] in codes for r in leases)
    statuses = Counter(r["status"] for r in leases)
    for status in ("active", "expiring", "expired", "planned"):
        assert statuses[status] > 0, status
    for r in leases:
        if r["status"] in ("active", "expiring", "expired"):
            assert r["start_date"] < r["end_date"]
            days = (r["end_date"] - ref).days
            expected = "expired" if days < 0 else ("expiring" if days <= sample.EXPIRING_DAYS else "active")
            assert r["status"] == expected
            assert r["annual_rent_eur"] > 0
            assert re.fullmatch(r"[Α-Ω0-9]{4,10}-[Α-Ω0-9]{3}", r["decision_ref"])
            assert r["lessee"]
        if r["status"] in ("active", "expiring"):
            assert codes[r["property_code"]]["status"] == "leased"
    leased = {r["property_code"] for r in leases if r["status"] in ("active", "expiring")}
    assert {c for c, p in codes.items() if p["status"] == "leased"} == leased
    vacant = [c for c, p in codes.items() if p["status"] == "vacant"]
    assert vacant and not set(vacant) & leased


def test_encroachments(town):
    props, prgeoms = _by(town, "municipal_property")
    parcels, pgeoms = _by(town, "parcel")
    encs, egeoms = _by(town, "encroachment")
    assert encs
    prop_geom = {r["property_code"]: g for r, g in zip(props, prgeoms)}
    parcel_geom = {r["kaek"]: (r, g) for r, g in zip(parcels, pgeoms)}
    for r, g in zip(encs, egeoms):
        assert r["area_m2"] == pytest.approx(g.area, abs=0.005)
        assert 0.5 < g.area < 0.5 * prop_geom[r["property_code"]].area
        assert shapely.area(shapely.difference(g, prop_geom[r["property_code"]])) < 1e-6
        neighbour, ngeom = parcel_geom[r["neighbour_kaek"]]
        assert neighbour["owner_type"] == "private"
        assert shapely.touches(ngeom, prop_geom[r["property_code"]])
        assert r["fee_eur"] > 0 and r["detected_on"] < sample.reference_date(2019)
    status = {r["status"] for r in props if r["property_code"] in {e["property_code"] for e in encs}}
    assert "encroached" in status


# ------------------------------------------------------------------------- services


def test_playgrounds(town):
    ref = sample.reference_date(2019)
    rows, geoms = _by(town, "playground")
    names = {r["name"]: r for r in rows}
    for name in (
        "Παιδική χαρά Πλατείας Ειρήνης",
        "Παιδική χαρά Πλατείας Ομόνοιας",
        "Παιδική χαρά Ραιδεστού – Κεντρικό Πάρκο",
        "Παιδική χαρά στο παλιό τελωνείο",
        "Παιδική χαρά Νικομηδείας – Βιζυηνού",
        "Παιδική χαρά Άνω Μητρούσι",
        "Παιδική χαρά Κάτω Καμήλα",
        "Παιδική χαρά Λευκώνας",
    ):
        assert names[name]["status"] == "planned", name
    op = names["Παιδική χαρά ΟΠ 209Α"]
    assert (op["area_m2"], op["age_group"], op["plan_code"]) == (280.0, "over_3", "209Α")
    assert op["address"] == "Δημογερόντων – Ν. Νικολάου"
    existing = [r for r in rows if r["certified_until"] is not None]
    assert existing and any(r["certified_until"] < ref for r in existing)
    assert any(r["certified_until"] >= ref for r in existing)
    projects = {p["project_code"]: p["title"] for p in town["programme_project"].records}
    assert "παιδικών χαρών" in projects[names["Παιδική χαρά Πλατείας Ειρήνης"]["project_code"]]
    assert "Αναζωογόνησης" in projects[op["project_code"]]


def test_five_bike_stations_forty_docks(town):
    rows, geoms = _by(town, "bike_station")
    assert [r["name"] for r in rows] == [
        "Πλατεία Ελευθερίας",
        "Κεντρικό Πάρκο",
        "ΤΕΙ",
        "Αρχή οδού Εξοχών",
        "Τέλος οδού Εξοχών",
    ]
    assert sum(r["docks"] for r in rows) == 40
    assert all(r["status"] == "existing" for r in rows)
    assert len({r["project_code"] for r in rows}) == 1 and rows[0]["project_code"]
    centre = shapely.Point(sample.CENTRE)
    assert geoms[0].distance(centre) < 60.0
    # the two Εξοχών stations sit at the two ends of the avenue
    streets, sgeoms = _by(town, "street")
    exochon = shapely.union_all([g for r, g in zip(streets, sgeoms) if r["name"] == "Εξοχών"])
    assert geoms[3].distance(exochon) < 1.0 and geoms[4].distance(exochon) < 1.0
    assert geoms[3].distance(geoms[4]) > 150.0


# ------------------------------------------------------------------------- programme


def test_programme_projects_and_links(town):
    projects, pgeoms = _by(town, "programme_project")
    funding, _ = _by(town, "project_funding")
    assert len(projects) == 43
    codes = {p["project_code"] for p in projects}
    assert len(codes) == 43
    assert all(f["project_code"] in codes for f in funding)
    placed = [p["title"] for p, g in zip(projects, pgeoms) if g is not None]
    assert len(placed) >= 8
    assert any("Αναζωογόνησης" in t for t in placed) and any("ποδηλάτων" in t for t in placed)
    for layer_id, table in town.items():
        if catalogue.layer(layer_id).project_link:
            for r in table.records:
                assert r["project_code"] is None or r["project_code"] in codes, layer_id
    linked = {
        lid
        for lid, t in town.items()
        if catalogue.layer(lid).project_link and any(r["project_code"] for r in t.records)
    }
    assert {"playground", "bike_station", "municipal_property", "regeneration_zone", "street"} <= linked
    # the Ερμού works: pavements along Ερμού, about 200 m of street
    phase1 = next(g for p, g in zip(projects, pgeoms) if "Αναζωογόνησης" in p["title"])
    streets, sgeoms = _by(town, "street")
    phase1_code = next(p["project_code"] for p in projects if "Αναζωογόνησης" in p["title"])
    works = [g for r, g in zip(streets, sgeoms) if r["project_code"] == phase1_code]
    assert all(r["name"] == "Ερμού" for r in streets if r["project_code"] == phase1_code)
    assert 120.0 < sum(g.length for g in works) < 260.0
    pavements = [shapely.buffer(g, 6.5, cap_style="flat") for g in works]
    assert all(shapely.area(shapely.intersection(phase1, p)) > 0.3 * p.area for p in pavements)


# ------------------------------------------------------------------------- scale, progress, bad input


class _Feedback:
    def __init__(self, cancel_after=None):
        self.values = []
        self.cancel_after = cancel_after

    def setProgress(self, value):
        self.values.append(value)

    def isCanceled(self):
        return self.cancel_after is not None and len(self.values) >= self.cancel_after


def test_progress_and_cancel():
    fb = _Feedback()
    tables = sample.generate(1000, seed=1, feedback=fb)
    assert len(tables["parcel"].records) == 1000
    assert fb.values[0] == 0 and fb.values[-1] == 100 and fb.values == sorted(fb.values)
    with pytest.raises(sample.GenerationCancelled):
        sample.generate(1000, seed=1, feedback=_Feedback(cancel_after=2))


@pytest.mark.parametrize("bad", [0, 999, -5, 2500.0, "1000", 600_000])
def test_bad_parcel_count(bad):
    with pytest.raises(ValueError):
        sample.generate(bad)


def test_mid_size_town_is_clean(city):
    assert len(city["parcel"].records) == 6000
    _check_partition(city)
    _check_census(city["census_block"].records)


@pytest.mark.slow
def test_large_town_is_clean():
    tables = sample.generate(20_000, seed=5)
    assert len(tables["parcel"].records) == 20_000
    kaek = [r["kaek"] for r in tables["parcel"].records]
    assert len(set(kaek)) == len(kaek)
    _check_partition(tables)
    assert sum(r["docks"] for r in tables["bike_station"].records) == 40
