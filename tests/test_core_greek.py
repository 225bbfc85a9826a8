"""Greek / Greeklish search normalisation and the locator's search index (no QGIS needed)."""

from __future__ import annotations

import pytest

from municipal_gis.core.greek import (
    compact_code,
    phonetic_key,
    plain_key,
    query_token_variants,
    strip_accents,
)
from municipal_gis.core.search_index import SearchIndex, SearchRecord


def test_strip_accents_and_diaeresis():
    assert strip_accents("άέήίόύώ ΐΰ ϊϋ Άλσος") == "αεηιουω ιυ ιυ Αλσος"


@pytest.mark.parametrize("a,b", [
    ("Σέρρες", "ΣΕΡΡΕΣ"), ("Σερρες", "σερρεσ"), ("Οδός Ερμού", "ΟΔΟΣ  ΕΡΜΟΥ"), ("Πρωτεΐου", "πρωτειου"),
])
def test_plain_key_ignores_accents_case_final_sigma(a, b):
    assert plain_key(a) == plain_key(b)


def test_plain_key_punctuation():
    assert plain_key("Ο.Τ. 209Α, Δημογερόντων–Ν. Νικολάου") == "ο τ 209α δημογεροντων ν νικολαου"
    assert plain_key(None) == ""


def test_compact_code_greek_and_latin_lookalikes():
    assert compact_code("Ο.Τ. 209Α") == compact_code("o.t. 209a") == compact_code("ΟΤ209α")
    assert compact_code("400160403048") == "400160403048"


@pytest.mark.parametrize("greek,greeklish", [
    ("Ερμού", "Ermou"), ("Ερμού", "Ermu"), ("Ερμού", "ERMOY"),
    ("Μεραρχίας", "Merarxias"), ("Μεραρχίας", "Merarchias"), ("Μεραρχίας", "Merarhias"),
    ("Δημογερόντων", "Dimogeronton"), ("Δημογερόντων", "Dhmogerontwn"), ("Δημογερόντων", "Dimogerondon"),
    ("Σερρες", "serres"), ("Σέρρες", "Seres"),
    ("Θεσσαλονίκης", "Thessalonikis"), ("Θεσσαλονίκης", "8essalonikhs"),
    ("Ξάνθης", "Xanthis"), ("Ξάνθης", "Ksanthis"),
    ("Λευκώνας", "Lefkonas"), ("Λευκώνας", "Leukonas"),
    ("Ελευθερίου Βενιζέλου", "Eleftheriou Venizelou"),
    ("Αποστολίδη", "Apostolidh"), ("Ψαρών", "Psaron"), ("Μπότσαρη", "Botsari"), ("Μπότσαρη", "Mpotsari"),
    ("Αγγέλου", "Angelou"), ("Εξοχών", "Exoxwn"), ("Ειρήνης", "Eirinis"), ("Ειρήνης", "Irinis"),
])
def test_greeklish_matches_greek(greek, greeklish):
    greek_keys = [phonetic_key(t) for t in plain_key(greek).split()]
    latin_tokens = plain_key(greeklish).split()
    assert len(greek_keys) == len(latin_tokens)
    for key, token in zip(greek_keys, latin_tokens):
        assert key in query_token_variants(token, prefix=False), (greek, greeklish, key)


def test_digits_stay_digits_in_codes():
    assert phonetic_key("400160403048") == "400160403048"
    assert phonetic_key("209Α") == phonetic_key("209a") == "209a"
    assert phonetic_key("8") == "8"


def test_tail_completion_for_words_being_typed():
    assert "ermu" in query_token_variants("Ερμο")
    assert "ermu" in query_token_variants("Ermo")


def _index():
    records = [
        SearchRecord("municipal_property", 1, "ΔΑ-001 – Οικία κληροδοτήματος Αποστολίδη",
                     ("Μεραρχίας 12, Σέρρες", "Οικία κληροδοτήματος Αποστολίδη"), ("ΔΑ-001", "400160403048")),
        SearchRecord("municipal_property", 2, "ΔΑ-002 – Παιδική χαρά ΟΠ 209Α",
                     ("Δημογερόντων – Ν. Νικολάου",), ("ΔΑ-002", "Ο.Τ. 209Α")),
        SearchRecord("parcel", 10, "400160403048", ("Μεραρχίας 12",), ("400160403048", "Ο.Τ. 15")),
        SearchRecord("parcel", 11, "400160403049", ("Μεραρχίας 14",), ("400160403049", "Ο.Τ. 15")),
        SearchRecord("parcel", 12, "400160411111", ("Ερμού 3",), ("400160411111", "Ο.Τ. 209Α")),
        SearchRecord("lease", 100, "Μ-2019-01 – Κατάστημα", ("Παπαδόπουλος Γεώργιος", "Κατάστημα"), ("Μ-2019-01",)),
    ]
    return SearchIndex.build(records)


def ids(hits):
    return [(h.record.kind, h.record.id) for h in hits]


def test_index_greeklish_and_accents():
    index = _index()
    for query in ("Μεραρχίας", "μεραρχιας", "ΜΕΡΑΡΧΙΑΣ", "Merarxias", "merarchias", "merar"):
        found = ids(index.search(query))
        assert set(found) == {("municipal_property", 1), ("parcel", 10), ("parcel", 11)}, query
    assert ids(index.search("Ermou")) == [("parcel", 12)]
    assert ids(index.search("Dimogeronton")) == [("municipal_property", 2)]
    assert set(ids(index.search("serres"))) == {("municipal_property", 1)}
    assert set(ids(index.search("Σερρες"))) == {("municipal_property", 1)}


def test_index_all_words_must_match():
    index = _index()
    assert ids(index.search("Merarxias 14")) == [("parcel", 11)]
    assert ids(index.search("Μεραρχίας 99")) == []


def test_exact_code_comes_first():
    index = _index()
    hits = index.search("400160403048")
    assert ids(hits)[0] in {("municipal_property", 1), ("parcel", 10)}
    assert all(h.exact_code for h in hits[:2]) and set(ids(hits)) == {("municipal_property", 1), ("parcel", 10)}
    # a ΚΑΕΚ prefix finds both parcels of the block, exact one not flagged
    assert set(ids(index.search("4001604030"))) == {("municipal_property", 1), ("parcel", 10), ("parcel", 11)}
    # Ο.Τ. typed with Latin letters finds the block code
    hits = index.search("o.t. 209a")
    assert {("municipal_property", 2), ("parcel", 12)} <= set(ids(hits[:2]))
    assert hits[0].exact_code


def test_lessee_name_searchable_greeklish():
    index = _index()
    assert ids(index.search("papadopoulos")) == [("lease", 100)]
    assert ids(index.search("Παπαδόπουλος Γιώργος")) == []  # a different first name


def test_ranking_whole_word_before_prefix():
    records = [
        SearchRecord("parcel", 1, "Ερμούπολης 2", ("Ερμούπολης 2",)),
        SearchRecord("parcel", 2, "Ερμού 2", ("Ερμού 2",)),
    ]
    index = SearchIndex.build(records)
    assert ids(index.search("ermou")) == [("parcel", 2), ("parcel", 1)]


def test_empty_queries():
    index = _index()
    assert index.search("") == [] and index.search("  ,. ") == []
    assert SearchIndex.build([]).search("x") == []
