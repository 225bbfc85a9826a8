"""The sample generator theme by theme: each builder of `core.sample` on towns of random size, seed
and year (hypothesis), checked against the rules its docstring states.

`tests/test_core_sample.py` checks the assembled output of a few fixed towns; here every theme
runs on the `Town` the geometry steps built, in the draw order of `builder.THEMES`.
"""

from __future__ import annotations

import re
from datetime import timedelta

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from municipal_gis.core.sample import builder
from municipal_gis.core.sample.common import EXPIRING_DAYS
from municipal_gis.core.sample.names import AMEND_FROM, AMEND_PLAN, UNITS, ZONE_RULES

towns = st.tuples(st.integers(1000, 2000), st.integers(0, 2**32 - 1), st.integers(2015, 2026))
# a town takes a few tenths of a second: few examples, and no shrinking (a failing town is reported as drawn)
slow = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                phases=[Phase.explicit, Phase.reuse, Phase.generate])


def _through(args, last):
    """The town of `args` = (parcels, seed, year) and the tables of the themes up to `last`."""
    town = builder.build_town(*args)
    tables = {}
    for build, _ in builder.THEMES:
        tables.update(build(town))
        if build is last:
            return town, tables
    raise AssertionError(last)


def _rows(table):
    return table.records, np.array(table.geometries, dtype=object)


# ------------------------------------------------------------------------- cadastre


@slow
@given(towns)
def test_parcels_tile_their_blocks_with_kaek_by_block(args):
    town = builder.build_town(*args)
    cad = town.cadastre
    assert len(cad.geom) == args[0]  # exactly the parcels asked for
    assert shapely.is_valid(cad.geom).all() and shapely.area(cad.geom).min() > 20.0
    # every parcel lies in the block it is recorded in, and a block's parcels add up to the block
    within = shapely.within(shapely.point_on_surface(cad.geom), cad.block_geom[cad.block])
    assert within.all()
    block_area = shapely.area(cad.block_geom)
    summed = np.bincount(cad.block, weights=cad.area, minlength=len(block_area))
    np.testing.assert_allclose(summed, block_area, rtol=1e-9)
    # and no two parcels overlap anywhere
    a, _ = shapely.STRtree(cad.geom).query(cad.geom, predicate="overlaps")
    assert len(a) == 0
    # ΚΑΕΚ: 62 + unit + block serial (one per block) + parcel serial 001… within the block
    kaek = np.array(cad.kaek)
    assert len(set(cad.kaek)) == len(kaek) and all(re.fullmatch(r"62\d{10}", k) for k in cad.kaek)
    unit_codes = np.array([g.unit_code for g in town.grids])[cad.sett]
    assert all(k[2:4] == u for k, u in zip(cad.kaek, unit_codes.tolist()))
    block_key = np.array([k[:9] for k in cad.kaek])
    for b in np.unique(cad.block)[:: max(1, len(block_area) // 40)].tolist():
        mine = cad.block == b
        assert len(set(block_key[mine])) == 1
        assert sorted(int(k[9:]) for k in kaek[mine]) == list(range(1, mine.sum() + 1))
        assert not (block_key[~mine] == block_key[mine][0]).any()
    # Ο.Τ. codes are unique within a settlement and every parcel carries its block's
    for grid in town.grids:
        assert len(set(grid.ot_codes)) == len(grid.ot_codes)
        assert all(re.fullmatch(r"\d+[Α-Ε]?", c) for c in grid.ot_codes)
    assert [cad.block_rows[b]["ot_code"] for b in cad.block.tolist()] == cad.ot


@slow
@given(towns)
def test_addresses_name_a_street_next_to_the_parcel(args):
    town = builder.build_town(*args)
    cad, streets = town.cadastre, town.streets
    for k in range(0, len(cad.geom), 37):
        name = cad.street[k]
        assert cad.address[k].startswith(f"{name} ") and re.search(r" \d+$", cad.address[k])
        edges = streets.geom[: streets.n_grid][(streets.name[: streets.n_grid] == name)]
        # a street of the parcel's own quad: at most half a quad (55 m) away from its centroid
        assert shapely.distance(cad.centroid[k], shapely.union_all(edges)) < 60.0
    # roads between the settlements are interurban and not walkable, grid streets are walkable
    n = streets.n_grid
    assert all(c == "interurban" and not w for c, w in zip(streets.cls[n:], streets.walk[n:]))
    assert all(streets.walk[:n]) and "interurban" not in streets.cls[:n]


# ------------------------------------------------------------------------- zoning


@slow
@given(towns)
def test_zones_in_force_partition_the_parcels_and_keep_their_history(args):
    town, tables = _through(args, builder.build_zoning)
    rows, geoms = _rows(tables["land_use_zone"])
    cad = town.cadastre
    in_force = np.array([r["valid_to"] is None for r in rows])
    cur = geoms[in_force]
    tree = shapely.STRtree(cur)
    a, b = tree.query(cur, predicate="intersects")
    keep = a < b
    assert shapely.area(shapely.intersection(cur[a[keep]], cur[b[keep]])).sum() < 1e-3
    p, z = tree.query(cad.geom, predicate="intersects")
    zoned = np.bincount(p, weights=shapely.area(shapely.intersection(cad.geom[p], cur[z])), minlength=len(cad.geom))
    np.testing.assert_allclose(zoned, cad.area, rtol=1e-6)
    # the building terms are the category's
    for r in rows:
        if not r["zone_code"].startswith("ΟΙΚ-"):
            prefix, far, cov, height, floors, min_plot, min_front = ZONE_RULES[r["category_code"]]
            assert r["zone_code"].startswith(prefix)
            assert (r["far"], r["coverage_pct"], r["max_floors"], r["min_plot_area_m2"]) == (far, cov, floors, min_plot)
    # the 2016 amendment: each split zone, superseded the day before, is its remainder + a new zone
    split = [(r, g) for r, g in zip(rows, geoms) if r["valid_to"] == AMEND_FROM - timedelta(days=1)]
    new = [(r, g) for r, g in zip(rows, geoms) if r["plan_name"] == AMEND_PLAN]
    assert 1 <= len(split) == len(new) <= 3
    for (old, whole), (_, part) in zip(split, new):
        (remainder,) = [g for r, g in zip(rows, geoms) if r["zone_code"] == old["zone_code"] and r["valid_to"] is None]
        assert shapely.area(remainder) + shapely.area(part) == pytest.approx(shapely.area(whole), rel=1e-9)
        assert shapely.area(shapely.intersection(remainder, part)) < 1e-6
        assert min(shapely.area(remainder), shapely.area(part)) >= 1500.0
    # one settlement zone per village, covering it
    assert sum(r["zone_code"].startswith("ΟΙΚ-") for r in rows) == len(town.villages)


# ------------------------------------------------------------------------- census and communities


@slow
@given(towns)
def test_census_blocks_tile_the_settlements_and_units_unite_communities(args):
    town, tables = _through(args, builder.build_communities)
    rows, geoms = _rows(tables["census_block"])
    cad = town.cadastre
    # every parcel in exactly one census block; the indicators count within their bases
    p, _ = shapely.STRtree(geoms).query(shapely.point_on_surface(cad.geom), predicate="within")
    assert np.array_equal(np.sort(p), np.arange(len(cad.geom)))
    for r in rows:
        assert 0 <= r["unemployed"] <= r["labour_force"] <= r["population"] - r["pop_0_14"] - r["pop_65_plus"]
        assert r["low_education"] <= r["adults_25_64"] and r["dwellings_pre_1980"] <= r["dwellings"]
        assert (r["unemployment_rate"] is None) == (r["labour_force"] == 0)
    assert len({r["block_code"] for r in rows}) == len(rows)
    # a municipal unit is the union of its communities; every village lies in its own Τ.Κ.
    comm, cgeoms = _rows(tables["community"])
    for unit in UNITS:
        parts = [g for r, g in zip(comm, cgeoms) if r["municipal_unit"] == unit and r["kind"] != "municipal_unit"]
        (whole,) = [g for r, g in zip(comm, cgeoms) if r["name"] == unit]
        assert shapely.area(whole) == pytest.approx(sum(shapely.area(g) for g in parts), rel=1e-6)
    for v in town.villages:
        (g,) = [g for r, g in zip(comm, cgeoms) if r["name"] == v.community]
        assert shapely.contains(g, shapely.Point(v.centre))


# ------------------------------------------------------------------------- property, leases, encroachments


@slow
@given(towns)
def test_property_is_exactly_the_municipal_parcels_and_leases_point_to_it(args):
    town, tables = _through(args, builder.build_property)
    cad, ref = town.cadastre, town.ref
    props, pgeoms = _rows(tables["municipal_property"])
    by_kaek = {k: i for i, k in enumerate(cad.kaek)}
    municipal = {k for k, o in zip(cad.kaek, cad.owner.tolist()) if o == "municipal"}
    assert {r["kaek"] for r in props} == municipal and len(props) == len(municipal)
    for r, g in zip(props, pgeoms):
        assert shapely.equals_exact(g, cad.geom[by_kaek[r["kaek"]]], 0.0) or shapely.equals(
            g, cad.geom[by_kaek[r["kaek"]]])
        assert r["ot_code"] == cad.ot[by_kaek[r["kaek"]]]
        assert (r["bequest_name"] is not None) == (r["acquisition"] == "bequest")
    status = {r["property_code"]: r["status"] for r in props}
    leases = tables["lease"].records
    assert len({r["lease_code"] for r in leases}) == len(leases)
    for r in leases:
        assert r["property_code"] in status
        if r["end_date"] is None:
            assert r["status"] in ("planned", "auction_announced") and r["start_date"] is None
            continue
        assert r["start_date"] < r["end_date"] and r["annual_rent_eur"] > 0
        want = "expired" if r["end_date"] < ref else (
            "expiring" if r["end_date"] <= ref + timedelta(days=EXPIRING_DAYS) else "active")
        assert r["status"] == want
        assert re.fullmatch(r"[Α-Ω0-9]{6,8}-[Α-Ω0-9]{3}", r["decision_ref"])
    running = {r["property_code"] for r in leases if r["status"] in ("active", "expiring")}
    assert running == {code for code, s in status.items() if s == "leased"}
    (planned,) = [r for r in leases if r["status"] == "planned"]
    assert "Αποστολίδη" in planned["purpose"]


@slow
@given(towns)
def test_encroachments_are_strips_of_the_property_along_a_private_neighbour(args):
    town, tables = _through(args, builder.build_property)
    cad = town.cadastre
    props, pgeoms = _rows(tables["municipal_property"])
    prop = {r["property_code"]: (r, g) for r, g in zip(props, pgeoms)}
    by_kaek = {k: i for i, k in enumerate(cad.kaek)}
    rows, geoms = _rows(tables["encroachment"])
    assert any(r["status"] == "resolved" for r in rows)
    for r, g in zip(rows, geoms):
        p, pg = prop[r["property_code"]]
        assert shapely.area(shapely.difference(g, pg)) < 1e-6 * shapely.area(g)
        assert r["area_m2"] == round(shapely.area(g), 2) and r["area_m2"] >= 0.5
        neighbour = by_kaek[r["neighbour_kaek"]]
        assert cad.owner[neighbour] == "private" and shapely.touches(pg, cad.geom[neighbour])
        assert shapely.distance(g, cad.geom[neighbour]) < 1e-6  # the strip runs along that neighbour
        assert (r["status"] == "resolved") == (p["status"] != "encroached")
    # every property recorded as encroached has an open encroachment
    open_ = {r["property_code"] for r in rows if r["status"] != "resolved"}
    assert open_ == {code for code, (p, _) in prop.items() if p["status"] == "encroached"}


# ------------------------------------------------------------------------- siting, regeneration, programme


@slow
@given(towns)
def test_playgrounds_and_bike_stations_sit_on_their_sites(args):
    town, tables = _through(args, builder.build_bike_stations)
    ref, prog = town.ref, town.programme
    props, pgeoms = _rows(tables["municipal_property"])
    play, geoms = _rows(tables["playground"])
    # all on municipal property: common spaces, and the old customs house
    assert shapely.contains(shapely.union_all(pgeoms), shapely.multipoints(list(geoms)))
    for r in play:
        if r["status"] in ("existing", "closed"):
            assert (r["status"] == "closed") == (r["certified_until"] < ref - timedelta(days=180))
        else:
            assert r["status"] == "planned" and r["certified_until"] is None
    planned = [r for r in play if r["status"] == "planned"]
    assert len(planned) == 9  # six city sites with ΟΠ 209Α, three in the communities
    assert sum(r["project_code"] == prog.code("playgrounds") for r in planned) == 8
    (op,) = [r for r in planned if r["plan_code"] == "209Α"]
    assert op["area_m2"] == 280.0 and op["project_code"] == prog.code("phase1")
    bikes, bgeoms = _rows(tables["bike_station"])
    assert len(bikes) == 5 and sum(r["docks"] for r in bikes) == 40
    exochon = shapely.union_all(town.streets.geom[town.streets.name == "Εξοχών"])
    for r, g in zip(bikes, bgeoms):
        if "Εξοχών" in r["name"]:
            # 3 m from its end of the avenue, towards the other end
            assert shapely.distance(g, shapely.boundary(exochon)) == pytest.approx(3.0, abs=1e-6)
            assert shapely.distance(g, exochon) < 3.0


@slow
@given(towns)
def test_regeneration_zones_are_whole_census_blocks_and_every_link_points_to_a_project(args):
    town = builder.build_town(*args)
    tables = {}
    for build, _ in builder.THEMES:
        tables.update(build(town))
    census, cgeoms = _rows(tables["census_block"])
    rows, geoms = _rows(tables["regeneration_zone"])
    inside = shapely.within(shapely.point_on_surface(cgeoms)[:, None], geoms[None, :])
    for z, r in enumerate(rows):
        assert r["population"] == sum(c["population"] for c, i in zip(census, inside[:, z]) if i)
    assert shapely.area(shapely.difference(geoms[1], geoms[0])) < 1e-3  # the trade centre lies in the ΣΒΑΑ area
    # every feature's project code names a project of the programme
    codes = {p["project_code"] for p in tables["programme_project"].records}
    for layer_id, table in tables.items():
        for r in table.records:
            if layer_id not in ("programme_project", "project_funding") and r.get("project_code") is not None:
                assert r["project_code"] in codes, layer_id
    for f in tables["project_funding"].records:
        assert f["project_code"] in codes
    # a project's footprint covers every feature placed for it
    foot = {p["project_code"]: g for p, g in zip(tables["programme_project"].records,
                                                  tables["programme_project"].geometries)}
    prog = town.programme
    assert all(g is None or g.geom_type == "MultiPolygon" for g in foot.values())
    assert shapely.contains(foot[prog.code("bikes")], shapely.multipoints(tables["bike_station"].geometries))
    for r, g in zip(*_rows(tables["playground"])):
        if r["project_code"] == prog.code("playgrounds"):
            assert shapely.contains(foot[prog.code("playgrounds")], g)
    linked = [n for n, p in zip(town.streets.name, town.streets.project) if p is not None]
    assert linked and set(linked) == {"Ερμού"}


# ------------------------------------------------------------------------- adding a theme


def test_a_theme_added_before_the_programme_leaves_the_other_layers_unchanged():
    """`builder.THEMES` ends with builders that draw no random number, so a new theme put just
    before `build_programme` (DEVELOPERS.md, «Adding a layer») cannot change the other layers."""
    assert builder.THEMES[-1][0] is builder.build_programme
    town = builder.build_town(1000, 5, 2019)
    quiet = {builder.build_bike_stations, builder.build_regeneration, builder.build_programme}
    for build, _ in builder.THEMES:
        state = town.rng.bit_generator.state
        build(town)
        if build in quiet:
            assert town.rng.bit_generator.state == state, build.__name__

    # a theme drawing 1 000 numbers, inserted before build_programme: every other table is the same
    def build_extra(town):
        town.rng.random(1000)
        return {}

    themes = builder.THEMES[:-1] + ((build_extra, None), builder.THEMES[-1])
    plain = builder.generate(1000, seed=5)
    original, builder.THEMES = builder.THEMES, themes
    try:
        extended = builder.generate(1000, seed=5)
    finally:
        builder.THEMES = original
    for layer_id, table in plain.items():
        assert extended[layer_id].records == table.records, layer_id
        if table.geometries is not None:
            assert [g is None or g.equals_exact(h, 0.0) for g, h in zip(extended[layer_id].geometries,
                                                                    table.geometries)] == [True] * len(table.geometries)
