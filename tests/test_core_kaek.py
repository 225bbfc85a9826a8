"""ΚΑΕΚ format check and list parsing (no QGIS)."""

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
