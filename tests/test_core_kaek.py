"""ΚΑΕΚ format check and list parsing (no QGIS)."""

from hypothesis import given
from hypothesis import strategies as st

from municipal_gis.core import kaek


def test_valid_parcel_code():
    result = kaek.check("400160403048")
    assert result.valid and result.normalised == "400160403048"


def test_spaces_and_hyphens_are_normalised():
    assert kaek.check(" 40016 0403048 ").normalised == "400160403048"
    assert kaek.check("4001\u00a06040-3048").valid


def test_unit_suffix():
    result = kaek.check("400160403048/0/2")
    assert result.valid
    assert result.parcel_code == "400160403048"
    assert kaek.check("400160403048 / 0 / 2").normalised == "400160403048/0/2"


def test_malformed_codes():
    assert kaek.check("").reason == kaek.EMPTY
    assert kaek.check(None).reason == kaek.EMPTY
    assert kaek.check("40016040304").reason == kaek.WRONG_LENGTH
    assert kaek.check("4001604030481").reason == kaek.WRONG_LENGTH
    assert kaek.check("40016040304Α").reason == kaek.NOT_DIGITS  # Greek capital alpha
    assert kaek.check("400160403048/x").reason == kaek.BAD_SUFFIX
    assert kaek.check("٤٠٠١٦٠٤٠٣٠٤٨").reason == kaek.NOT_DIGITS  # non-ASCII digits


def test_parse_list_csv_and_text():
    text = "kaek\n400160403048\n400160403049; 400160403050\n\n400160403048,\n"
    assert kaek.parse_list(text) == ["400160403048", "400160403049", "400160403050", "400160403048"]
    assert kaek.parse_list("ΚΑΕΚ\t\n111111111111") == ["111111111111"]


# -- select_targets: which parcels a batch certifies --------------------------------------------------

def test_select_targets_from_a_list_by_hand():
    layer = [kaek.check(c) for c in ("400160403001", "400160403002", "400160403002", "4001604", None)]
    targets, problems = kaek.select_targets(layer, ["400160403002", "4001 6040 3001", "400160403001", "12",
                                                    "400160403009"])
    assert targets == [0]
    assert [(p.code, p.kind, p.column, p.rows) for p in problems] == [
        ("400160403002", kaek.ON_SEVERAL, "duplicated", (1, 2)),
        ("400160403001", kaek.LISTED_TWICE, "duplicated", ()),
        ("12", kaek.MALFORMED, "malformed", ()),
        ("400160403009", kaek.NOT_FOUND, "not_found", ()),
    ]
    assert problems[2].reason == kaek.WRONG_LENGTH and all(p.listed for p in problems)


def test_select_targets_of_the_whole_layer_by_hand():
    layer = [kaek.check(c) for c in ("400160403001", "400160403002", "400160403002", "4001604", None)]
    targets, problems = kaek.select_targets(layer)
    assert targets == [0]
    assert [(p.code, p.kind, p.rows, p.listed) for p in problems] == [
        ("400160403002", kaek.ON_SEVERAL, (1,), False), ("400160403002", kaek.ON_SEVERAL, (2,), False),
        ("4001604", kaek.MALFORMED, (3,), False), ("", kaek.MALFORMED, (4,), False)]


codes = st.sampled_from(["400160403001", "400160403002", "400160403003", "4001 6040 3003", "400160403004/1",
                         "4001604", "", "abc"])


@given(st.lists(codes, max_size=12), st.lists(codes, max_size=8))
def test_select_targets_accounts_for_every_parcel_and_every_listed_code(layer_codes, requested):
    layer = [kaek.check(c) for c in layer_codes]
    targets, problems = kaek.select_targets(layer, requested)
    assert len(set(targets)) == len(targets)
    for t in targets:  # a target's code is valid and carried by that parcel alone
        assert layer[t].valid and [c.normalised for c in layer].count(layer[t].normalised) == 1
    if requested:
        # each listed code gives exactly one answer: a target or a problem
        assert len(targets) + len(problems) == len(requested)
        wanted = {kaek.check(r).normalised for r in requested if kaek.check(r).valid}
        assert {layer[t].normalised for t in targets} <= wanted
    else:
        # each parcel is certified or reported, once
        reported = [p.rows[0] for p in problems]
        assert sorted(targets + reported) == list(range(len(layer)))
