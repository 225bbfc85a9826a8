"""The one CRS rule (core.crs.assess): refuse, transform to ΕΓΣΑ87, or measure as it is."""

from hypothesis import given
from hypothesis import strategies as st

from municipal_gis.core import crs


def test_egsa87_and_utm_are_measured_as_they_are():
    egsa = crs.assess(crs.CrsFacts(True, "EPSG:2100", "GGRS87 / Greek Grid", False, True, "tmerc"))
    assert (egsa.kind, egsa.reason, egsa.crs) == (crs.MEASURABLE, None, "EPSG:2100")
    utm = crs.assess(crs.CrsFacts(True, "EPSG:32634", "WGS 84 / UTM zone 34N", False, True, "utm"))
    assert (utm.kind, utm.crs) == (crs.MEASURABLE, "EPSG:32634")
    assert crs.working_crs(crs.CrsFacts(True, "EPSG:32634", "", False, True, "utm")) == "EPSG:32634"


def test_degrees_mercator_feet_and_custom_crs_are_transformed_to_egsa87():
    cases = {
        crs.GEOGRAPHIC: crs.CrsFacts(True, "EPSG:4326", "WGS 84", True, False, "longlat"),
        crs.DISTORTING: crs.CrsFacts(True, "EPSG:3857", "WGS 84 / Pseudo-Mercator", False, True, "merc"),
        crs.NOT_METRES: crs.CrsFacts(True, "EPSG:2227", "NAD83 / California zone 3 (ftUS)", False, False, "lcc"),
        crs.NO_AUTHORITY: crs.CrsFacts(True, "", "custom tmerc", False, True, "tmerc"),
    }
    for reason, facts in cases.items():
        verdict = crs.assess(facts)
        assert (verdict.kind, verdict.reason, verdict.crs) == (crs.TRANSFORM, reason, "EPSG:2100"), reason
        assert verdict.usable
        assert crs.working_crs(facts) == "EPSG:2100"


def test_missing_and_placeholder_crs_are_refused():
    for facts in (crs.CrsFacts(False), crs.CrsFacts(True, "", "Undefined geographic SRS", True, False, ""),
                  crs.CrsFacts(True, "", "Unknown CRS", False, True, "")):
        verdict = crs.assess(facts)
        assert (verdict.kind, verdict.reason, verdict.usable) == (crs.UNDEFINED, crs.NO_CRS, False)
    assert crs.working_crs(None) == "EPSG:2100"


facts_strategy = st.builds(
    crs.CrsFacts, st.booleans(), st.sampled_from(["", "EPSG:2100", "EPSG:4326", "EPSG:3857", "EPSG:32634"]),
    st.sampled_from(["", "Undefined Cartesian SRS", "WGS 84", "custom"]), st.booleans(), st.booleans(),
    st.sampled_from(["", "tmerc", "merc", "utm", "longlat", "eqc", "lcc"]))


@given(facts_strategy)
def test_the_working_crs_is_always_measurable_and_never_degrees(facts):
    verdict = crs.assess(facts)
    working = crs.working_crs(facts if verdict.usable else None)
    # the CRS geometries are measured in: the layer's own when measurable, else ΕΓΣΑ87
    assert working == (facts.authid if verdict.kind == crs.MEASURABLE else "EPSG:2100")
    if verdict.kind == crs.MEASURABLE:
        assert not facts.geographic and facts.metres and crs.measurable(False, True, facts.projection)
    # refusal is exactly the undefined case
    assert (verdict.kind == crs.UNDEFINED) == crs.undefined(facts.valid, facts.authid, facts.name)
