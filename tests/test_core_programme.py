"""Technical-programme parsing (pure Python, no QGIS)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from municipal_gis.core.programme import (
    decode_bytes,
    diff_project,
    expand_service,
    find_header,
    format_amount,
    parse_amount,
    parse_continuity,
    parse_funding,
    parse_ka_codes,
    parse_kind,
    parse_measures,
    parse_schedule,
    project_code_for,
    read_programme_rows,
    read_table,
    recognise_header,
    sniff_delimiter,
    split_funding,
)
from municipal_gis.schema.catalogue import layer

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample" / "technical_programme_rows_serres_2019.csv"


# --------------------------------------------------------------------------------------- amounts

@pytest.mark.parametrize("text, value", [
    ("1.700.000,00 €", 1_700_000.0),
    ("300.000,00€", 300_000.0),
    ("20.584,00", 20_584.0),
    ("30.000,00  €", 30_000.0),
    ("249.000, 00 ευρώ", 249_000.0),
    ("140.368,00 ευρώ", 140_368.0),
    ("998.000 €", 998_000.0),
    ("10413,76", 10_413.76),
    ("2.945.436,30", 2_945_436.30),
    ("180.000 ευρώ", 180_000.0),
    ("€ 1.000,50", 1_000.50),
    ("1,700,000.00", 1_700_000.0),
    ("24.800,00 € (με ΦΠΑ)", 24_800.0),
    ("24.800,00 € συμπ. Φ.Π.Α.", 24_800.0),
    (12.5, 12.5),
    (3000, 3000.0),
])
def test_amount_certain(text, value):
    result = parse_amount(text)
    assert result.certain
    assert result.value == pytest.approx(value, abs=1e-9)


@pytest.mark.parametrize("text, reason", [
    ("10.00,00 €", "thousands group «00» has 2 digits instead of 3"),
    ("10.000.00  €", "dot before the last 2 digit(s): a decimal point, or a thousands group missing a digit"),
    ("20,5484,00 €", "more than one decimal comma"),
    ("195.000,0", "one decimal digit after the comma: the amount may be truncated"),
    ("(440.000,00 €)", "amount in parentheses: usually the total of a parent project, not this row's budget"
                       " (it reads 440.000,00 €)"),
    ("1234.56", "dot before the last 2 digit(s): a decimal point, or a thousands group missing a digit"),
    ("1.2345,00", "thousands group «2345» has 4 digits instead of 3"),
    ("1,000.000,00", "more than one decimal comma"),
    ("βλ. παραπάνω", "not an amount"),
    ("1.000,00.5", "a dot after the decimal comma"),
    ("20.000,00 € πλέον ΦΠΑ", "amount before VAT («πλέον ΦΠΑ»): not the budget with VAT"),
    ("10.000,00 €\n(2019: 5.000,00 €)", "not an amount"),
])
def test_amount_uncertain_is_never_guessed(text, reason):
    result = parse_amount(text)
    assert not result.certain
    assert result.value is None
    assert result.reason == reason


def test_amount_special_cells():
    admin = parse_amount("Διοικητική Ενέργεια")
    assert admin.certain and admin.value == 0.0 and admin.administrative
    assert parse_amount("Διοικητική ενέργεια").administrative
    for blank in ("", "  ", "-", None):
        result = parse_amount(blank)
        assert result.certain and result.value is None
    assert format_amount(1_700_000.0) == "1.700.000,00"
    assert format_amount(10_413.76) == "10.413,76"


# ----------------------------------------------------------------------------------------- Κ.Α.

@pytest.mark.parametrize("text, expected", [
    ("00.6431.003", ["00.6431.003"]),
    ("707134001", ["70.7134.001"]),
    ("70.7134.001", ["70.7134.001"]),
    ("15.6473.004 & 70.7341.034 & 70.7341.035", ["15.6473.004", "70.7341.034", "70.7341.035"]),
    ("45.6162.009-45.6162.011", ["45.6162.009", "45.6162.010", "45.6162.011"]),
    ("20.6277.001 έως 20.6277.004", ["20.6277.001", "20.6277.002", "20.6277.003", "20.6277.004"]),
    ("30.6662.002-005, 30.6699.014",
     ["30.6662.002", "30.6662.003", "30.6662.004", "30.6662.005", "30.6699.014"]),
    ("30.6662.002-005, ...", ["30.6662.002", "30.6662.003", "30.6662.004", "30.6662.005"]),
    ("70. 7341.036 &70.7341.037", ["70.7341.036", "70.7341.037"]),
    ("", []),
    ("-", []),
])
def test_ka_codes(text, expected):
    found, reasons = parse_ka_codes(text)
    assert found == expected
    assert reasons == []


def test_ka_codes_bad_parts_reported():
    found, reasons = parse_ka_codes("10.7135.029-20.7135.030")
    assert found == ["10.7135.029", "20.7135.030"]
    assert reasons == ["range «10.7135.029-20.7135.030» not expanded: only its two ends kept"]
    found, reasons = parse_ka_codes("00.6431.003 & 6431.003")
    assert found == ["00.6431.003"]
    assert reasons == ["«6431.003» is not a Κ.Α. code (NN.NNNN.NNN or NN.NNNN.NNNN)"]
    found, reasons = parse_ka_codes("12345678")
    assert found == [] and len(reasons) == 1


@pytest.mark.parametrize("text,expected", [
    ("30.6662.0021", ["30.6662.0021"]),  # four-digit suffix: valid, kept (issue 12)
    ("02.30.6662.002", ["02.30.6662.002"]),  # the budget's leading «02.»
    ("02.30.7326.0001 & 30.6662.002", ["02.30.7326.0001", "30.6662.002"]),
    ("3066620021", ["30.6662.0021"]),
    ("30.6662.0021-0023", ["30.6662.0021", "30.6662.0022", "30.6662.0023"]),
    ("30.6662.002-005", ["30.6662.002", "30.6662.003", "30.6662.004", "30.6662.005"]),
])
def test_ka_codes_with_four_digit_suffix(text, expected):
    assert parse_ka_codes(text) == (expected, [])


# ------------------------------------------------------------------------------------- measures

def test_measures():
    assert parse_measures("1.1 & 1.4") == (["1.1", "1.4"], [])
    assert parse_measures("2.1") == (["2.1"], [])
    assert parse_measures("-") == ([], [])
    assert parse_measures("") == ([], [])
    assert parse_measures(None) == ([], [])
    assert parse_measures(4.3) == (["4.3"], [])
    assert parse_measures("5.2") == ([], ["«5.2» is not a measure of the operational programme"])
    assert parse_measures("1.2 & 5.2") == (["1.2"], ["«5.2» is not a measure of the operational programme"])
    assert parse_measures("1") == ([], ["«1» names an axis but no measure"])
    assert parse_measures("Μέτρο 4.5") == (["4.5"], [])


# -------------------------------------------------------------------------------------- funding

@pytest.mark.parametrize("text, sources, sought", [
    ("Ίδια έσοδα", ["own_revenue"], False),
    ("Ίδιοι Πόροι", ["own_revenue"], False),
    ("ιδίους πόρους", ["own_revenue"], False),
    ("Έσοδα Δήμου (από πράξεις εφαρμογής)", ["own_revenue_impl_acts"], False),
    ("ΣΑΤΑ 2019", ["sata"], False),
    ("ΣΑΤΑ Σχολείων", ["sata_schools"], False),
    ("Ε.Π. Κεντρική Μακεδονία 2014-2020+ Ίδιοι Πόροι", ["op_central_macedonia", "own_revenue"], False),
    ("Φιλόδημος ΙΙ- ίδιοι πόροι", ["filodimos_ii", "own_revenue"], False),
    ("Φιλόδημος II - ίδιοι πόροι", ["filodimos_ii", "own_revenue"], False),  # Latin II
    ("Ίδια έσοδα + αναζήτηση χρηματοδότησης", ["own_revenue"], True),
    ("Ε.Π. ΠΚΜ", ["op_central_macedonia"], False),
    ("Επιχειρησιακό Πρόγραμμα «Κεντρική Μακεδονία 2014-2020»", ["op_central_macedonia"], False),
    ("Πρόγραμμα INTERREG V-A GREECE-BULGARIA 2014-2020", ["interreg_gr_bg"], False),
    ("Ε.Π. Ανταγωνιστικότητα, Επιχειρηματικότητα & Καινοτομία 2014-2020", ["op_competitiveness"], False),
    ("ΥΠΕΣ/Γενική Γραμματεία Αθλητισμού", ["ypes_gga"], False),
    ("ΠΡΑΣΙΝΟ ΤΑΜΕΙΟ", ["green_fund"], False),
    ("Ε.Π. ΥΜΕΠΕΡΑΑ", ["op_ymeperaa"], False),
    ("ΣΒΑΑ Σερρών", ["svaa_serres"], False),
    ("LEADER", ["leader"], False),
    ("", [], False),
])
def test_funding(text, sources, sought):
    result = parse_funding(text)
    assert result.sources == sources
    assert result.funding_sought is sought
    assert result.reasons == []


def test_funding_unknown_is_reported_not_guessed():
    result = parse_funding("Ίδιοι πόροι + Δωρεά Ιδρύματος Χ")
    assert result.sources == ["own_revenue"]
    assert result.reasons == ["unknown funding source «Δωρεά Ιδρύματος Χ»"]
    result = parse_funding("ΕΚΤ")
    assert result.sources == [] and result.reasons == ["«ΕΚΤ» is not a project funding source"]


def test_split_funding_keeps_year_ranges():
    assert split_funding("Ε.Π. Κεντρική Μακεδονία 2014-2020+ Ίδιοι Πόροι") == [
        "Ε.Π. Κεντρική Μακεδονία 2014-2020", "Ίδιοι Πόροι"]
    assert split_funding("Φιλόδημος ΙΙ- ίδιοι πόροι") == ["Φιλόδημος ΙΙ", "ίδιοι πόροι"]
    assert split_funding("LEADER ΠΑΑ 2014 -2020") == ["LEADER ΠΑΑ 2014 -2020"]
    assert split_funding("INTERREG V-A GREECE-BULGARIA") == ["INTERREG V-A GREECE-BULGARIA"]


# ------------------------------------------------------------------------ kind, Σ/Ν, service

def test_kind_continuity_service_schedule():
    assert parse_kind("Παροχή υπηρεσιών") == ("services", "")
    assert parse_kind("Παροχή Υπηρεσιών") == ("services", "")
    assert parse_kind("Έργο") == ("works", "")
    assert parse_kind("Προμήθεια") == ("supply", "")
    assert parse_kind("") == (None, "")
    assert parse_kind("Δράση") == (None, "unknown kind of action «Δράση»")
    assert parse_continuity("Σ") == ("continuing", "")
    assert parse_continuity("Ν") == ("new", "")
    assert parse_continuity("N") == ("new", "")  # Latin N
    assert parse_continuity("") == ("unspecified", "")
    assert parse_continuity("Χ") == ("unspecified", "«Χ» is neither Σ nor Ν")
    assert expand_service("ΔΤΥ") == ("Δ/νση Τεχνικών Υπηρεσιών", "")
    assert expand_service("ΔΟΥ") == ("Δ/νση Οικονομικών Υπηρεσιών", "")
    assert expand_service("Δ/ΝΣΗ ΑΝΑΠΤΥΞΗΣ- ΔΤΥ")[0] == "Δ/ΝΣΗ ΑΝΑΠΤΥΞΗΣ- Δ/νση Τεχνικών Υπηρεσιών"
    assert expand_service("Δ. Κ. Π. Υ.Π.Π.+ ΤΜΗΜΑ ΠΡΟΓΡΑΜΜΑΤΙΣΜΟΥ & ΑΝΑΠΤΥΞΗΣ")[0] == (
        "Δ/νση Κοινωνικής Προστασίας, Υγείας, Παιδείας και Πολιτισμού+ ΤΜΗΜΑ ΠΡΟΓΡΑΜΜΑΤΙΣΜΟΥ & ΑΝΑΠΤΥΞΗΣ")
    assert expand_service("Τμήμα Πολ. Προστασίας- Προμηθειώ") == (
        "Τμήμα Πολ. Προστασίας- Προμηθειώ", "service name looks truncated: «Προμηθειώ» («Προμηθειών»?)")
    assert expand_service("Τμήμα Πολιτικής Προστασίας")[1] == ""
    assert expand_service("Κοινωνική Προστασία")[1] == ""
    assert parse_schedule("31/12/2019") == (None, "2019-12-31", "")
    assert parse_schedule("1/3/2019 - 30/9/2019") == ("2019-03-01", "2019-09-30", "")
    assert parse_schedule("Α' τρίμηνο") == (None, None, "")


# ------------------------------------------------------------------------------------ headers

def test_headers_greek_and_english():
    greek = ["Α/Α", "Περιγραφή", "Είδος", "Χωροθέτηση", "Σ/Ν", "Υπηρεσία Υλοποίησης", "Χρονοπρογραμματισμός",
             "Προϋπολογισμός", "Πηγή Χρημ.", "Κ.Α.", "Άξονας Μέτρο"]
    assert [recognise_header(h) for h in greek] == [
        "aa", "title", "kind", "siting", "continuing", "service", "schedule", "budget", "funding", "ka", "measure"]
    variants = ["Α/α", "ΠΕΡΙΓΡΑΦΗ ΔΡΑΣΗΣ", "Είδος Δράσης", "Σ / Ν", "Υπεύθυνη Υπηρεσία", "Χρονοδιάγραμμα",
                "Προϋπολογισμός (€)", "Πηγή Χρηματοδότησης", "ΚΑ", "Άξονας/Μέτρο του Ε.Π.", "Κωδικός έργου"]
    assert [recognise_header(h) for h in variants] == [
        "aa", "title", "kind", "continuing", "service", "schedule", "budget", "funding", "ka", "measure",
        "project_code"]
    with SAMPLE.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert [recognise_header(h) for h in header] == [
        "source_ref", "aa", "title", "kind", "siting", "continuing", "service", "schedule", "budget", "funding",
        "ka", "measure"]
    rows = [["ΤΕΧΝΙΚΟ ΠΡΟΓΡΑΜΜΑ 2019"], [], ["Α/Α", "Περιγραφή", "Προϋπολογισμός"], ["1", "Χ", "1,00"]]
    assert find_header(rows) == (2, {0: "aa", 1: "title", 2: "budget"})


# ------------------------------------------------------------------------ the Serres sample

EXPECTED_FINDINGS = [
    {"row": 4, "column": "implementing_service", "value": "Τμήμα Πολ. Προστασίας- Προμηθειώ",
     "reason": "service name looks truncated: «Προμηθειώ» («Προμηθειών»?)"},
    {"row": 5, "column": "budget_text", "value": "10.00,00 €",
     "reason": "thousands group «00» has 2 digits instead of 3"},
    {"row": 16, "column": "budget_text", "value": "(440.000,00 €)",
     "reason": "amount in parentheses: usually the total of a parent project, not this row's budget"
               " (it reads 440.000,00 €)"},
    {"row": 18, "column": "budget_text", "value": "195.000,0",
     "reason": "one decimal digit after the comma: the amount may be truncated"},
    {"row": 21, "column": "budget_text", "value": "10.000.00  €",
     "reason": "dot before the last 2 digit(s): a decimal point, or a thousands group missing a digit"},
    {"row": 22, "column": "budget_text", "value": "20,5484,00 €", "reason": "more than one decimal comma"},
]


def test_serres_sample_findings_and_values():
    projects, fundings, findings = read_programme_rows(SAMPLE, 2019)
    assert len(projects) == 43
    assert findings == EXPECTED_FINDINGS
    fields = set(layer("programme_project").field_names())
    assert all(set(p) <= fields for p in projects)
    assert all(set(f) <= set(layer("project_funding").field_names()) for f in fundings)
    assert len({p["project_code"] for p in projects}) == 43
    by_title = {p["title"]: p for p in projects}
    uncertain = [p["title"] for p in projects if p["budget_eur"] is None]
    assert len(uncertain) == 5
    # the certain budgets, summed by hand from the CSV (43 rows minus the 5 flagged ones)
    assert sum(p["budget_eur"] for p in projects if p["budget_eur"] is not None) == pytest.approx(9_394_677.86)
    p = by_title["Ευρεία επιθεώρηση οδικής ασφάλειας του δημοτικού οδικού δικτύου"]
    assert p["budget_eur"] == pytest.approx(10_413.76) and p["budget_text"] == "10413,76"
    p = by_title["Ανάπτυξη εφαρμογών ηλεκτρονικής διακίνησης εγγράφων"]
    assert p["ka_codes"] == "70.7134.001" and p["ka_text"] == "707134001" and p["kind"] == "services"
    p = by_title["Προμήθεια ενός σάρωθρου"]
    assert p["budget_eur"] is None and p["budget_text"] == "195.000,0"
    assert [(f["funding_source"], f["amount_eur"]) for f in fundings if f["project_code"] == p["project_code"]] == [
        ("filodimos_ii", None), ("own_revenue", None)]
    p = by_title["Προμήθεια κάδων απορριμμάτων"]
    assert p["funding_sought"] is True and p["op_measure"] == "1.4"
    assert [(f["funding_source"], f["amount_eur"]) for f in fundings if f["project_code"] == p["project_code"]] == [
        ("own_revenue", 60_000.0)]
    p = by_title["Δράσεις πρόληψης δασών από πυρκαγιές και άλλες φυσικές καταστροφές στο Δήμο Σερρών"]
    assert p["status"] == "proposal" and p["end_date"] == "2019-12-31" and p["continuing"] == "continuing"
    p = by_title["Προμήθεια οικοδομικών υλικών, εργαλείων και αναλώσιμων σιδερικών, εξαρτημάτων συντήρησης "
                 "κοινόχρηστων χώρων, ειδών χρωματισμού, ασφαλτομίγματος"]
    assert p["ka_codes"] == "30.6662.002, 30.6662.003, 30.6662.004, 30.6662.005, 30.6699.014"
    p = by_title["Αναβάθμιση και εκσυγχρονισμός των δημοτικών ξενώνων Χρυσοπηγής"]
    assert p["implementing_service"] == "Δ/νση Τεχνικών Υπηρεσιών" and p["service_text"] == "ΔΤΥ"
    assert p["kind"] == "works" and p["continuing"] == "new" and p["budget_eur"] == 300_000.0
    p = by_title["Προμήθεια σταθεροποιητών τάσης (UPS) για την υποστήριξη των κεντρικών υπολογιστών (servers) "
                 "του dataroom του Δήμου"]
    assert p["budget_text"] == "10.000.00  €"  # verbatim, two blanks kept
    p = by_title["Κέντρο Κοινότητας Δήμου Σερρών με παράρτημα ΡΟΜΑ"]
    assert p["op_measure"] is None and p["measure_text"] == "-"
    assert p["source_ref"] == "003_e79e331807adb9bc.txt:6306-6367"
    # every funding cell of the sample maps to known sources
    assert {f["funding_source"] for f in fundings} == {
        "own_revenue", "leader", "op_ymeperaa", "op_central_macedonia", "sata_schools", "filodimos_ii",
        "svaa_serres", "interreg_gr_bg"}


def test_project_codes_stable_and_rows_or_dicts_equivalent():
    first = read_programme_rows(SAMPLE, 2019)
    second = read_programme_rows(str(SAMPLE), 2019)
    assert first == second
    with SAMPLE.open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    assert read_programme_rows(records, 2019)[0] == first[0]
    # a row inserted at the top does not change the other codes
    shuffled = [records[5]] + records[:5] + records[6:]
    codes = {p["title"]: p["project_code"] for p in first[0]}
    assert {p["title"]: p["project_code"] for p in read_programme_rows(shuffled, 2019)[0]} == codes
    assert project_code_for("Προμήθεια ενός σάρωθρου", 2019) == project_code_for("ΠΡΟΜΗΘΕΙΑ  ΕΝΟΣ ΣΑΡΩΘΡΟΥ.", 2019)
    assert project_code_for("Προμήθεια ενός σάρωθρου", 2019).startswith("2019-")


def test_duplicate_titles_and_explicit_codes():
    rows = [["Α/Α", "Περιγραφή", "Προϋπολογισμός"], ["1", "Συντήρηση σχολείων", "1.000,00"],
            ["2", "Συντήρηση σχολείων", "2.000,00"]]
    projects, _, _ = read_programme_rows(rows, 2020)
    base = project_code_for("Συντήρηση σχολείων", 2020)
    assert [p["project_code"] for p in projects] == [base, base + "-2"]
    rows = [["Κωδικός έργου", "Περιγραφή", "Προϋπολογισμός"], ["ΤΠ-1", "Α", "1,00"], ["ΤΠ-1", "Β", "2,00"]]
    projects, _, findings = read_programme_rows(rows, 2020)
    assert [p["project_code"] for p in projects] == ["ΤΠ-1"]
    assert findings == [{"row": 3, "column": "Κωδικός έργου", "value": "ΤΠ-1",
                         "reason": "project code repeated: row skipped"}]


def test_page_headers_blank_rows_and_missing_title():
    rows = [["Α/Α", "Περιγραφή", "Προϋπολογισμός", "Άξονας Μέτρο"],
            ["1", "Πρώτο", "1.000,00 €", "1.2"],
            [],
            ["Α/Α", "Περιγραφή", "Προϋπολογισμός", "Άξονας Μέτρο"],  # repeated on a new page
            ["", "", "", "17"],  # a page number
            ["2", "Δεύτερο", "Διοικητική Ενέργεια", "5.2"]]
    projects, fundings, findings = read_programme_rows(rows, 2019)
    assert [p["title"] for p in projects] == ["Πρώτο", "Δεύτερο"]
    assert projects[1]["budget_eur"] == 0.0
    assert findings == [
        {"row": 5, "column": "Περιγραφή", "value": "", "reason": "row without a description skipped: 17"},
        {"row": 6, "column": "Άξονας Μέτρο", "value": "5.2",
         "reason": "«5.2» is not a measure of the operational programme"},
    ]
    assert read_programme_rows([["a", "b"], ["1", "2"]], 2019)[2][0]["reason"].startswith("no header row")


# ------------------------------------------------------------------------------------- files

def test_files_encodings_delimiters_xlsx_ods(tmp_path):
    reference = read_programme_rows(SAMPLE, 2019)
    with SAMPLE.open(encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    for encoding in ("utf-8-sig", "cp1253", "iso-8859-7"):
        for delimiter in (";", "\t", ","):
            path = tmp_path / f"tp_{encoding}_{ord(delimiter)}.csv"
            with path.open("w", encoding=encoding, newline="", errors="strict") as handle:
                csv.writer(handle, delimiter=delimiter).writerows(
                    [[c.replace("−", "-").replace("“", '"').replace("”", '"').replace("«", '"').replace("»", '"')
                      .replace("–", "-") for c in row] for row in table])
            rows, info = read_table(path)
            assert info["delimiter"] == delimiter
            projects, _, findings = read_programme_rows(path, 2019)
            assert len(projects) == 43
            assert [f["row"] for f in findings] == [f["row"] for f in reference[2]]
            assert [p["budget_eur"] for p in projects] == [p["budget_eur"] for p in reference[0]]
    text, encoding = decode_bytes("Άξονας Μέτρο".encode("cp1253"))
    assert text == "Άξονας Μέτρο" and encoding == "cp1253"
    assert sniff_delimiter("a;b;c\n1;2,5;3\n") == ";"

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ΔΗΜΟΣ ΣΕΡΡΩΝ - ΤΕΧΝΙΚΟ ΠΡΟΓΡΑΜΜΑ 2019"])
    sheet.append(["Α/Α", "Περιγραφή", "Προϋπολογισμός", "Πηγή Χρημ.", "Κ.Α.", "Άξονας Μέτρο"])
    sheet.append([1, "Προμήθεια κάδων", 60000, "Ίδια έσοδα", "20.7135.006", 1.4])
    sheet.append([2, "Προμήθεια σάρωθρου", "195.000,0", "Φιλόδημος ΙΙ- ίδιοι πόροι", 707134001, "-"])
    xlsx = tmp_path / "tp.xlsx"
    book.save(xlsx)
    projects, fundings, findings = read_programme_rows(xlsx, 2019)
    assert [(p["budget_eur"], p["op_measure"], p["ka_codes"]) for p in projects] == [
        (60000.0, "1.4", "20.7135.006"), (None, None, "70.7134.001")]
    assert findings == [{"row": 4, "column": "Προϋπολογισμός", "value": "195.000,0",
                         "reason": "one decimal digit after the comma: the amount may be truncated"}]

    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    sheet = Table(name="ΤΠ")
    for values in (["Α/Α", "Περιγραφή", "Προϋπολογισμός", "Σ/Ν"], ["1", "Έργο οδοποιίας", 1234.5, "Ν"]):
        tr_ = TableRow()
        for value in values:
            if isinstance(value, float):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            tr_.addElement(cell)
        sheet.addElement(tr_)
    doc.spreadsheet.addElement(sheet)
    ods = tmp_path / "tp.ods"
    doc.save(str(ods))
    projects, _, findings = read_programme_rows(ods, 2019)
    assert [(p["title"], p["budget_eur"], p["continuing"]) for p in projects] == [("Έργο οδοποιίας", 1234.5, "new")]
    assert findings == []


def test_diff_project():
    old = {"title": "Α", "budget_eur": 100.0, "ka_codes": None, "funding_sought": False}
    new = {"title": "Α", "budget_eur": 150.0, "ka_codes": "", "funding_sought": 0}
    assert diff_project(old, new) == [("budget_eur", 100.0, 150.0)]


# ------------------------------------------------------------------------------- summaries

def _summary_fixture():
    from shapely.geometry import LineString, Point, box

    projects = [
        {"project_code": "A", "budget_eur": 100_000.0, "kind": "works", "status": "execution", "op_measure": "1.2",
         "year": 2019},
        {"project_code": "B", "budget_eur": 50_000.0, "kind": "supply", "status": None, "op_measure": "1.1, 2.4",
         "year": 2019, "start_date": "2019-03-01", "end_date": "2019-05-31"},
        {"project_code": "C", "budget_eur": 30_000.0, "kind": None, "status": None, "op_measure": None,
         "year": 2019},
        {"project_code": "D", "budget_eur": None, "kind": "works", "status": None, "op_measure": "1.2",
         "year": 2019},
        {"project_code": "E", "budget_eur": 20_000.0, "kind": "works", "status": None, "op_measure": "1.3",
         "year": 2019, "start_date": "2019-06-01", "end_date": "2019-12-31"},
    ]
    fundings = [
        {"project_code": "A", "funding_source": "sata", "amount_eur": 60_000.0},
        {"project_code": "A", "funding_source": "own_revenue", "amount_eur": 30_000.0},
        {"project_code": "B", "funding_source": "filodimos_ii", "amount_eur": None},
        {"project_code": "B", "funding_source": "own_revenue", "amount_eur": None},
        {"project_code": "E", "funding_source": "own_revenue", "amount_eur": 20_000.0},
    ]
    city, village = box(0, 0, 100, 100), box(100, 0, 200, 100)
    locations = {
        "A": box(50, 0, 150, 10),  # half in the city, half in the village
        "B": box(60, 5, 70, 15),  # overlaps A, schedule inside 2019
        "C": LineString([(150, 50), (250, 50)]),  # half in the village, half outside
        "E": Point(65, 8),  # inside A and B; schedule overlaps A only
    }
    return projects, fundings, locations, city, village


def test_summary_reconciles_and_allocates():
    from municipal_gis.core.programme_summary import summarise, total_budget

    projects, fundings, locations, city, village = _summary_fixture()
    rows = summarise(projects, fundings, locations, communities=[("Σέρρες", city), ("Λευκώνας", village)],
                     zones=[("ΣΒΑΑ", box_zone())], city=[("city", city), ("villages", village)])
    assert total_budget(projects) == 200_000.0
    table = {(r.dimension, r.category): (r.projects, r.budget_eur) for r in rows}
    for dimension in ("funding_source", "kind", "axis", "op_measure", "status", "community", "regeneration_zone",
                      "city_villages"):
        assert sum(r.budget_eur for r in rows if r.dimension == dimension) == pytest.approx(200_000.0)
        assert table[(dimension, "budget_unread")] == (1, 0.0)
    assert table[("funding_source", "sata")] == (1, 60_000.0)
    assert table[("funding_source", "own_revenue")] == (2, 50_000.0)  # 30 000 of A + 20 000 of E
    assert table[("funding_source", "unallocated")] == (1, 10_000.0)
    assert table[("funding_source", "filodimos_ii + own_revenue")] == (1, 50_000.0)
    assert table[("funding_source", "not_stated")] == (1, 30_000.0)
    assert table[("axis", "1 + 2")] == (1, 50_000.0)
    assert table[("axis", "1")] == (2, 120_000.0)
    assert table[("op_measure", "1.1 + 2.4")] == (1, 50_000.0)
    # A: 50/50 city/village; B and E in the city; C: half village, half outside
    assert table[("community", "Σέρρες")] == (3, pytest.approx(50_000 + 50_000 + 20_000))
    assert table[("community", "Λευκώνας")] == (2, pytest.approx(50_000 + 15_000))
    assert table[("community", "outside")] == (1, pytest.approx(15_000))
    assert table[("city_villages", "city")][1] == pytest.approx(120_000)
    # zone = x in [0, 75]: A 25 %, B and E wholly inside, C outside
    assert table[("regeneration_zone", "inside")][1] == pytest.approx(25_000 + 50_000 + 20_000)
    assert table[("regeneration_zone", "outside")][1] == pytest.approx(75_000 + 30_000)
    shares = [r.share_pct for r in rows if r.dimension == "kind"]
    assert sum(shares) == pytest.approx(100.0)


def box_zone():
    from shapely.geometry import box

    return box(0, -10, 75, 200)


def test_conflicts_need_overlap_in_space_and_time():
    import datetime as dt

    from municipal_gis.core.programme_summary import find_conflicts, schedule_interval

    projects, _, locations, _, _ = _summary_fixture()
    conflicts = find_conflicts(projects, locations)
    pairs = {(c.project_a, c.project_b): c for c in conflicts}
    # A×B overlap 10×5 = 50 m² from 1/3 to 31/5; A×E: point inside A, June–December; B×E: schedules disjoint
    assert set(pairs) == {("A", "B"), ("A", "E")}
    assert pairs[("A", "B")].overlap_m2 == pytest.approx(50.0)
    assert (pairs[("A", "B")].overlap_from, pairs[("A", "B")].overlap_to) == (dt.date(2019, 3, 1), dt.date(2019, 5, 31))
    assert pairs[("A", "E")].overlap_m2 == 0.0
    assert find_conflicts(projects, locations, min_overlap_m2=60.0) == [pairs[("A", "E")]]
    assert schedule_interval({"year": 2019, "end_date": "2019-12-31"}) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))


def test_filter_projects():
    from shapely.geometry import box

    from municipal_gis.core.programme_summary import filter_projects

    projects, fundings, locations, city, village = _summary_fixture()
    projects[1]["year"] = 2020
    communities = [("Σέρρες", city), ("Λευκώνας", village)]
    assert filter_projects(projects, fundings) == ["A", "B", "C", "D", "E"]
    assert filter_projects(projects, fundings, year=2019) == ["A", "C", "D", "E"]
    assert filter_projects(projects, fundings, funding_source="own_revenue") == ["A", "B", "E"]
    assert filter_projects(projects, fundings, status="execution") == ["A"]
    assert filter_projects(projects, fundings, community="Λευκώνας", locations=locations,
                           communities=communities) == ["A", "C"]
    assert filter_projects(projects, fundings, year=2019, funding_source="own_revenue", community="Σέρρες",
                           locations=locations, communities=communities) == ["A", "E"]
    assert filter_projects(projects, fundings, community="Σέρρες", locations={"A": box(0, 0, 1, 1)},
                           communities=communities) == ["A"]
