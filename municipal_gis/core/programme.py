"""Reading technical-programme (Τεχνικό Πρόγραμμα) rows as municipalities publish them.

Pure Python: no Qt, no QGIS, no GDAL. The Processing importer, the sample-municipality
generator and the tests all go through `read_programme_rows`.

Rules (see ../shared/domain/DOMAIN.md §9 and vocabularies.md):

Amounts follow the Greek convention: «.» groups thousands in threes, «,» separates at most
two decimals, the currency («€», «ευρώ», «EUR») is optional. An amount is *certain* when
its digits have exactly one reading under that convention:

=========================  =========  ==============================================
text                       value      why
=========================  =========  ==============================================
«1.700.000,00 €»           1700000    canonical
«300.000,00€», «998.000 €» as read    currency glued or missing decimals: still one reading
«10413,76»                 10413.76   no thousands separator but a valid decimal comma:
                                      no other reading exists, so certain
«249.000, 00 ευρώ»         249000     blanks next to a separator are line-wrap artefacts
«Διοικητική Ενέργεια»      0          administrative action, no cost (flag `administrative`)
«10.00,00 €»               None       a thousands group of 2 digits (10.000,00 or 1.000,00?)
«10.000.00  €»             None       dot before the last 2 digits: decimal point or a
                                      thousands group missing a digit
«20,5484,00 €»             None       two decimal commas
«195.000,0»                None       one decimal digit: the cell may be truncated
«(440.000,00 €)»           None       parentheses: a parent project's total (not this row's)
«24.800,00 € (με ΦΠΑ)»     24800      a VAT-inclusive note is the usual budget
«20.000,00 € πλέον ΦΠΑ»    None       before VAT: not the budget the programme carries
=========================  =========  ==============================================

Uncertain amounts are never guessed: the value is None and the reason says why. The verbatim
cell is always kept in the ``*_text`` fields.

Project codes: a ``project_code`` / «Κωδικός έργου» column is used when the file has one;
otherwise ``f"{year}-{h}"`` where ``h`` is the first 8 hex digits of the SHA-1 of the title,
normalised (upper case, accents and punctuation removed, blanks collapsed). A repeated title
in one file gets ``-2``, ``-3``… in file order. The key therefore survives inserted or deleted
rows and revised budgets, funding, Κ.Α. or measures; a revised title makes a new project.

Findings are dicts ``{"row", "column", "value", "reason"}``: ``row`` is the row number as a
spreadsheet shows it (the header row included), ``column`` the header text as written in the
file, ``value`` the verbatim cell.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from municipal_gis.i18n import tr
from municipal_gis.schema.vocabularies import VOCABULARIES, codes

# ---------------------------------------------------------------------------------------------
# text normalisation

_LATIN_TO_GREEK = str.maketrans("ABEHIKMNOPTXYZ", "ΑΒΕΗΙΚΜΝΟΡΤΧΥΖ")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " "})


def _accent_table() -> dict[int, str]:
    table = {}
    for code in (*range(0xC0, 0x250), *range(0x370, 0x400), *range(0x1F00, 0x2000)):
        char = chr(code)
        plain = "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn")
        if plain != char:
            table[code] = plain
    for code in range(0x300, 0x370):  # combining marks on their own
        table[code] = None
    return table


_ACCENTS = _accent_table()


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return text.translate(_ACCENTS)


@functools.lru_cache(maxsize=65536)
def normalise_key(text: str) -> str:
    """Upper case, no accents, Latin look-alikes as Greek letters, no quotes or dots, one blank."""
    text = _strip_accents(str(text).translate(_DASHES)).upper().translate(_LATIN_TO_GREEK)
    text = re.sub(r"[«»“”„\"'`´.·]", " ", text)
    text = re.sub(r"\s*([-/&+])\s*", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


_WS = re.compile(r"\s+")


_ODD_BLANKS = ("  ", "\n", "\t", "\r", "\u00a0")


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        if not any(blank in value for blank in _ODD_BLANKS):
            return value.strip()
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    return _WS.sub(" ", str(value).replace("\u00a0", " ")).strip()


# ---------------------------------------------------------------------------------------------
# amounts


@dataclass(frozen=True)
class AmountResult:
    value: float | None
    certain: bool
    reason: str = ""
    administrative: bool = False  # «Διοικητική Ενέργεια»: no cost


_VAT = re.compile(r"\(?\s*(?:με|συμπ\.?|συμπεριλαμβανομένου|πλέον|πλεον|χωρίς|χωρις|άνευ|ανευ|εκτός|εκτος)\s+"
                  r"(?:του\s+)?Φ\.?\s*Π\.?\s*Α\.?\s*\)?", re.IGNORECASE)
_VAT_EXCLUDED = re.compile(r"πλέον|πλεον|χωρίς|χωρις|άνευ|ανευ|εκτός|εκτος", re.IGNORECASE)
_CURRENCY = re.compile(r"(€|ευρώ|ευρω|ευρ\.|eur|euro|euros)\.?", re.IGNORECASE)
_GREEK_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+(,\d{1,2})?")
_PLAIN = re.compile(r"\d+(,\d{1,2})?")
_ENGLISH_GROUPED = re.compile(r"\d{1,3}(,\d{3})+\.\d{2}")


def parse_amount(text) -> AmountResult:
    """Read a Greek amount cell; see the module docstring for the rules."""
    if text is None:
        return AmountResult(None, True, "")
    if isinstance(text, bool):
        return AmountResult(None, False, tr("not an amount"))
    if isinstance(text, (int, float)):  # a numeric spreadsheet cell
        if text != text or text < 0:
            return AmountResult(None, False, tr("not a valid amount"))
        return AmountResult(round(float(text), 2), True, "")
    raw = _clean(text)
    if raw in ("", "-", "–", "—"):
        return AmountResult(None, True, "")
    if normalise_key(raw).startswith("ΔΙΟΙΚΗΤΙΚΗ ΕΝΕΡΓΕΙΑ"):
        return AmountResult(0.0, True, tr("administrative action, no cost"), administrative=True)
    s = raw
    vat = _VAT.search(s)
    if vat:
        if _VAT_EXCLUDED.search(vat.group(0)):
            return AmountResult(None, False, tr("amount before VAT («{text}»): not the budget with VAT").format(
                text=vat.group(0).strip()))
        s = (s[:vat.start()] + s[vat.end():]).strip()  # «με ΦΠΑ», «συμπ. ΦΠΑ»: the usual budget
    if s.startswith("(") and s.endswith(")"):
        inner = parse_amount(s[1:-1])
        hint = tr(" (it reads {amount})").format(amount=s[1:-1].strip()) if inner.certain and inner.value else ""
        return AmountResult(None, False, tr(
            "amount in parentheses: usually the total of a parent project, not this row's budget{hint}"
        ).format(hint=hint))
    s = _CURRENCY.sub(" ", s).strip()
    s = re.sub(r"\s*([.,])\s*(?=\d)", r"\1", s)  # «249.000, 00» → «249.000,00»
    s = s.replace(" ", "")
    if not s or not re.fullmatch(r"[\d.,]+", s):
        return AmountResult(None, False, tr("not an amount"))
    if _ENGLISH_GROUPED.fullmatch(s):
        return AmountResult(float(s.replace(",", "")), True, tr("English number format"))
    if s.count(",") > 1:
        return AmountResult(None, False, tr("more than one decimal comma"))
    if _GREEK_GROUPED.fullmatch(s) or _PLAIN.fullmatch(s):
        integer, _, decimals = s.partition(",")
        if decimals and len(decimals) == 1:
            return AmountResult(None, False, tr(
                "one decimal digit after the comma: the amount may be truncated"))
        return AmountResult(float(integer.replace(".", "") + "." + (decimals or "0")), True, "")
    if "," in s and "." in s and s.rfind(".") > s.rfind(","):
        return AmountResult(None, False, tr("a dot after the decimal comma"))
    if "." in s:
        integer = s.split(",")[0]
        groups = integer.split(".")
        if "," not in s and len(groups[-1]) in (1, 2) and all(len(g) == 3 for g in groups[1:-1]):
            return AmountResult(None, False, tr(
                "dot before the last {n} digit(s): a decimal point, or a thousands group missing a digit"
            ).format(n=len(groups[-1])))
        bad = next((g for g in groups[1:] if len(g) != 3), None)
        if bad is not None:
            return AmountResult(None, False, tr(
                "thousands group «{group}» has {n} digits instead of 3").format(group=bad, n=len(bad)))
        return AmountResult(None, False, tr("leading thousands group has more than 3 digits"))
    return AmountResult(None, False, tr("not an amount"))


def format_amount(value: float | None) -> str:
    """1700000.0 → «1.700.000,00»."""
    if value is None:
        return ""
    whole, _, cents = f"{value:,.2f}".partition(".")
    return whole.replace(",", ".") + "," + cents


# ---------------------------------------------------------------------------------------------
# Κ.Α. budget codes

# «NN.NNNN.NNN» and «NN.NNNN.NNNN» (both in use), sometimes with the budget's leading «02.»
_KA_TOKEN = r"(?:02\s*\.\s*)?\d{2}\s*\.\s*\d{4}\s*\.\s*\d{3,4}|\d{9,10}"
_KA_RANGE = re.compile(
    rf"^(?P<a>{_KA_TOKEN})\s*(?:-|έως|εως|ΕΩΣ|ως)\s*(?P<b>{_KA_TOKEN}|\d{{3,4}})$", re.IGNORECASE)
_KA_ONE = re.compile(rf"^(?:{_KA_TOKEN})$")
MAX_KA_RANGE = 50


def _ka(text: str) -> str:
    """A Κ.Α. code written with dots, kept as given (3- or 4-digit last part, «02.» prefix kept)."""
    if "." in text:
        return ".".join(p for p in re.split(r"\s*\.\s*", text.strip()))
    digits = re.sub(r"\D", "", text)
    return f"{digits[:2]}.{digits[2:6]}.{digits[6:]}"


def parse_ka_codes(text) -> tuple[list[str], list[str]]:
    """Κ.Α. cell → (codes «NN.NNNN.NNN» or «NN.NNNN.NNNN» in order, reasons for parts that could not be read).

    Lists are split on «&», «,», «;», «και»; ranges «A-B», «A έως B» and the shortened
    «30.6662.002-005» are expanded when both ends share all but the last segment (at most
    50 codes); otherwise only the two ends are kept and the range is reported.
    """
    raw = _clean(text).translate(_DASHES)
    if raw in ("", "-"):
        return [], []
    found: list[str] = []
    reasons: list[str] = []
    for part in re.split(r"\s*(?:&|,|;|\+|\bκαι\b|\n)\s*", raw):
        part = part.strip()
        if not part or part == "-":
            continue
        if part in ("...", "…"):
            continue
        m = _KA_RANGE.match(part)
        if m:
            a = _ka(m.group("a"))
            b_raw = m.group("b")
            head, last = a.rsplit(".", 1)
            b = f"{head}.{b_raw}" if b_raw.isdigit() and len(b_raw) in (3, 4) else _ka(b_raw)
            b_head, b_last = b.rsplit(".", 1)
            if (head == b_head and len(last) == len(b_last) and int(last) <= int(b_last)
                    and int(b_last) - int(last) < MAX_KA_RANGE):
                found.extend(f"{head}.{n:0{len(last)}d}" for n in range(int(last), int(b_last) + 1))
            else:
                found.extend([a, b])
                reasons.append(tr("range «{part}» not expanded: only its two ends kept").format(part=part))
            continue
        if _KA_ONE.match(part):
            found.append(_ka(part))
            continue
        reasons.append(tr("«{part}» is not a Κ.Α. code (NN.NNNN.NNN or NN.NNNN.NNNN)").format(part=part))
    unique = list(dict.fromkeys(found))
    return unique, reasons


# ---------------------------------------------------------------------------------------------
# operational-programme measures

def parse_measures(text) -> tuple[list[str], list[str]]:
    """«1.1 & 1.4» → (["1.1", "1.4"], []); «-» and blank → ([], []); «5.2» → ([], [reason])."""
    raw = _clean(text).translate(_DASHES)
    if isinstance(text, float) and not isinstance(text, bool):
        raw = f"{text:.1f}"
    if raw in ("", "-"):
        return [], []
    valid = set(codes("op_measure"))
    found: list[str] = []
    reasons: list[str] = []
    for part in re.split(r"\s*(?:&|,|;|\+|/|\bκαι\b)\s*", raw):
        part = part.strip()
        if not part or part == "-":
            continue
        m = re.fullmatch(r"(?:(?:Άξονας|Αξονας|Μέτρο|Μετρο|Μ\.)\s*)?(\d+)\s*[.,]\s*(\d+)\.?", part, re.IGNORECASE)
        if m:
            code = f"{int(m.group(1))}.{int(m.group(2))}"
            if code in valid:
                found.append(code)
            else:
                reasons.append(tr("«{part}» is not a measure of the operational programme").format(part=part))
            continue
        if re.fullmatch(r"\d+\.?", part):
            reasons.append(tr("«{part}» names an axis but no measure").format(part=part))
            continue
        reasons.append(tr("«{part}» is not a measure code (axis.measure)").format(part=part))
    return list(dict.fromkeys(found)), reasons


# ---------------------------------------------------------------------------------------------
# funding sources

# verbatim variants (vocabularies.md §1.1, §1.2) beside every Greek label and code
_FUNDING_VARIANTS: dict[str, tuple[str, ...]] = {
    "own_revenue": ("Ίδια έσοδα", "Ίδιοι πόροι", "Έσοδα Δήμου", "ιδίους πόρους", "Ίδιοι πόροι Δήμου",
                    "Ίδια έσοδα Δήμου", "Ιδίων πόρων"),
    "own_revenue_impl_acts": ("Έσοδα Δήμου (από πράξεις εφαρμογής)", "Έσοδα Δήμου από πράξεις εφαρμογής"),
    "sata": ("ΣΑΤΑ",),
    "sata_schools": ("ΣΑΤΑ Σχολείων",),
    "espa": ("ΕΣΠΑ", "ΕΣΠΑ 2014-2020"),
    "op_central_macedonia": ("Ε.Π. Κεντρική Μακεδονία 2014-2020", "Ε.Π. ΠΚΜ",
                             "Επιχειρησιακό Πρόγραμμα «Κεντρική Μακεδονία 2014-2020»",
                             "Περιφερειακό Επιχειρησιακό Πρόγραμμα Κεντρικής Μακεδονίας",
                             "ΠΕΠ Κεντρικής Μακεδονίας", "ΠΕΠ ΚΜ", "Ε.Π. ΚΜ", "ΠΕΠ ΠΚΜ"),
    "svaa_serres": ("ΣΒΑΑ", "ΣΒΑΑ Σερρών", "Στρατηγική Βιώσιμης Αστικής Ανάπτυξης", "ΒΑΑ"),
    "op_ymeperaa": ("Ε.Π. ΥΜΕΠΕΡΑΑ", "ΥΜΕΠΕΡΑΑ",
                    "Επιχειρησιακό Πρόγραμμα Υποδομές Μεταφορών, Περιβάλλον και Αειφόρος Ανάπτυξη"),
    "op_competitiveness": ("ΕΠΑνΕΚ", "Ε.Π. Ανταγωνιστικότητα, Επιχειρηματικότητα και Καινοτομία 2014-2020"),
    "op_public_sector_reform": ("Ε.Π. Μεταρρύθμιση Δημόσιου Τομέα 2014-2020", "Μεταρρύθμιση Δημόσιου Τομέα"),
    "cross_border": ("Διασυνοριακά Προγράμματα", "τα διασυνοριακά προγράμματα"),
    "interreg_gr_bg": ("Πρόγραμμα INTERREG V-A GREECE-BULGARIA 2014-2020", "INTERREG V-A GREECE-BULGARIA 2014-2020",
                       "INTERREG Ελλάδα-Βουλγαρία 2014-2020"),
    "interreg_gr_mk": ("Πρόγραμμα Διασυνοριακής Συνεργασίας «Ελλάδα – Πρώην Γιουγκοσλαβική Δημοκρατία της "
                       "Μακεδονίας 2014-2020»",),
    "filodimos": ("ΦΙΛΟΔΗΜΟΣ", "Πρόγραμμα ΦΙΛΟΔΗΜΟΣ"),
    "filodimos_ii": ("Πρόγραμμα ΦΙΛΟΔΗΜΟΣ ΙΙ", "Φιλόδημος ΙΙ", "ΦΙΛΟΔΗΜΟΣ 2", "Φιλόδημος II"),
    "ypes_gga": ("ΥΠΕΣ/Γενική Γραμματεία Αθλητισμού", "Γενική Γραμματεία Αθλητισμού", "ΓΓΑ"),
    "green_fund": ("ΠΡΑΣΙΝΟ ΤΑΜΕΙΟ", "Πράσινο Ταμείο"),
    "leader": ("LEADER", "πρόγραμμα LEADER ΠΑΑ 2014-2020", "LEADER ΠΑΑ 2014-2020", "CLLD/LEADER"),
    "loan_tpd": ("10-ετούς διάρκειας δανείου από το Ταμείο Παρακαταθηκών & Δανείων",
                 "Δάνειο Ταμείου Παρακαταθηκών και Δανείων", "Ταμείο Παρακαταθηκών & Δανείων", "ΤΠ&Δ",
                 "Δάνειο ΤΠ&Δ"),
    "ppp": ("ΣΔΙΤ", "έργα ΣΔΙΤ"),
    "self_financed": ("έργα αυτοχρηματοδοτούμενα", "αυτοχρηματοδοτούμενο"),
    "kap_investment": ("Κεντρικών Αυτοτελών Πόρων που προορίζονται για επενδυτικές ανάγκες", "ΚΑΠ"),
    "pde": ("ΠΔΕ", "Πρόγραμμα Δημοσίων Επενδύσεων"),
    "rrf": ("Ταμείο Ανάκαμψης", "ΤΑΑ"),
    "tritsis": ("Αντώνης Τρίτσης", "Πρόγραμμα Αντώνης Τρίτσης"),
    "service_charges": ("Ανταποδοτικά", "Ανταποδοτικά τέλη"),
    "espa_2021_2027": ("ΕΣΠΑ 2021-2027",),
    "donation": ("Δωρεά", "Χορηγία"),
}
_FUNDING_SOUGHT = ("αναζήτηση χρηματοδότησης", "υπό αναζήτηση χρηματοδότησης", "αναζήτηση πηγής χρηματοδότησης")
# not project funding sources though seen next to them (vocabularies.md §1.1)
_NOT_SOURCES = ("ΕΚΤ", "ΤΕΒΑ", "ανταποδοτικά τέλη και δικαιώματα")


def _compact(text: str) -> str:
    """Lookup key for funding names: normalised, «και» as «&», no blanks at all."""
    key = normalise_key(text)
    key = re.sub(r"(?<=\s)ΚΑΙ(?=\s)", "&", key)
    return re.sub(r"[\s()]", "", key)


def _build_funding_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, el, _en in VOCABULARIES["funding_source"]:
        index.setdefault(_compact(el), code)
        index.setdefault(_compact(code), code)
    for code, variants in _FUNDING_VARIANTS.items():
        for variant in variants:
            index[_compact(variant)] = code
    return index


_FUNDING_INDEX = _build_funding_index()
_FUNDING_SOUGHT_KEYS = {_compact(v) for v in _FUNDING_SOUGHT}
_NOT_SOURCE_KEYS = {_compact(v) for v in _NOT_SOURCES}


@dataclass
class FundingResult:
    sources: list[str] = field(default_factory=list)  # funding_source codes, in cell order
    parts: list[str] = field(default_factory=list)  # verbatim part of the cell for each source
    funding_sought: bool = False
    reasons: list[str] = field(default_factory=list)  # unknown parts


def split_funding(text: str) -> list[str]:
    """Split a composite cell on «+» and on a hyphen followed by a blank, never inside «2014-2020»."""
    return [p.strip() for p in re.split(r"\s*\+\s*|(?<!\d)\s*-\s+|\s+-\s*(?!\d)", text) if p.strip()]


def _funding_code(part: str) -> str | None:
    key = _compact(part)
    for candidate in (key, re.sub(r"^ΠΡΟΓΡΑΜΜΑ", "", key), re.sub(r"(?<=\D)\d{4}$", "", key)):
        if candidate in _FUNDING_INDEX:
            return _FUNDING_INDEX[candidate]
    return None


def parse_funding(text) -> FundingResult:
    """Funding cell → codes of the `funding_source` vocabulary plus the funding-sought flag.

    Unknown parts are reported in `reasons`, never mapped to a guess.
    """
    result = FundingResult()
    raw = _clean(text)
    if raw in ("", "-"):
        return result
    whole = _funding_code(raw)
    parts = [raw] if whole else split_funding(raw)
    for part in parts:
        key = _compact(part)
        if key in _FUNDING_SOUGHT_KEYS:
            result.funding_sought = True
            continue
        code = _funding_code(part)
        if code is None:
            if key in _NOT_SOURCE_KEYS:
                result.reasons.append(tr("«{part}» is not a project funding source").format(part=part))
            else:
                result.reasons.append(tr("unknown funding source «{part}»").format(part=part))
            continue
        if code not in result.sources:
            result.sources.append(code)
            result.parts.append(part)
    return result


# ---------------------------------------------------------------------------------------------
# kind, Σ/Ν, service, schedule

_KINDS = {"ΕΡΓΟ": "works", "ΕΡΓΑ": "works", "ΠΡΟΜΗΘΕΙΑ": "supply", "ΠΡΟΜΗΘΕΙΕΣ": "supply",
          "ΠΑΡΟΧΗ ΥΠΗΡΕΣΙΩΝ": "services", "ΠΑΡΟΧΗ ΥΠΗΡΕΣΙΑΣ": "services", "ΥΠΗΡΕΣΙΑ": "services",
          "ΥΠΗΡΕΣΙΕΣ": "services", "ΜΕΛΕΤΗ": "study", "ΜΕΛΕΤΕΣ": "study"}


def parse_kind(text) -> tuple[str | None, str]:
    """«Παροχή Υπηρεσιών» → ("services", ""); blank → (None, ""); unknown → (None, reason)."""
    raw = _clean(text)
    if raw in ("", "-"):
        return None, ""
    key = normalise_key(raw)
    if key in _KINDS:
        return _KINDS[key], ""
    for code, el, en in VOCABULARIES["action_kind"]:
        if key in (normalise_key(el), normalise_key(code), normalise_key(en)):
            return code, ""
    return None, tr("unknown kind of action «{text}»").format(text=raw)


_CONTINUITY = {"Σ": "continuing", "ΣΥΝΕΧΙΖΟΜΕΝΗ": "continuing", "ΣΥΝΕΧΙΖΟΜΕΝΟ": "continuing",
               "Ν": "new", "ΝΕΑ": "new", "ΝΕΟ": "new"}


def parse_continuity(text) -> tuple[str, str]:
    """Σ → continuing, Ν → new (Latin N too), blank → unspecified; anything else is reported."""
    raw = _clean(text)
    if raw == "":
        return "unspecified", ""
    key = normalise_key(raw).strip(" ()")
    if key in _CONTINUITY:
        return _CONTINUITY[key], ""
    return "unspecified", tr("«{text}» is neither Σ nor Ν").format(text=raw)


# abbreviations of directorates (DOMAIN.md §9; all three inferred from context)
SERVICE_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"Δ\s*\.?\s*Τ\s*\.?\s*Υ\.?", "Δ/νση Τεχνικών Υπηρεσιών"),
    (r"Δ\s*\.?\s*Ο\s*\.?\s*Υ\.?", "Δ/νση Οικονομικών Υπηρεσιών"),
    (r"Δ\s*\.\s*Κ\s*\.\s*Π\s*\.\s*Υ\s*\.\s*Π\s*\.\s*Π\s*\.?|ΔΚΠΥΠΠ",
     "Δ/νση Κοινωνικής Προστασίας, Υγείας, Παιδείας και Πολιτισμού"),
)
_ABBR = [(re.compile(rf"(?<![\wΑ-Ωα-ωά-ώ])(?:{p})(?![Α-Ωα-ωά-ώ\w])"), full) for p, full in SERVICE_ABBREVIATIONS]
# words the source tables truncate at a column edge («Προμηθειώ», 003:2480)
_SERVICE_WORDS = ("Προμηθειών", "Υπηρεσιών", "Προστασίας", "Ανάπτυξης", "Διοικητικών", "Οικονομικών",
                  "Τεχνικών", "Καθαριότητας", "Πολιτισμού", "Παιδείας", "Προγραμματισμού", "Μηχανοργάνωσης",
                  "Πληροφορικής", "Επικοινωνιών", "Πρασίνου", "Πολεοδομίας", "Άμυνας")


_SERVICE_KEYS = tuple((word, normalise_key(word)) for word in _SERVICE_WORDS)


def expand_service(text) -> tuple[str, str]:
    """Expand directorate abbreviations; report a last word that looks cut off at a column edge."""
    raw = _clean(text)
    if not raw:
        return "", ""
    expanded = raw
    for pattern, full in _ABBR:
        expanded = pattern.sub(full, expanded)
    expanded = re.sub(r"\s+", " ", expanded).strip()
    reason = ""
    last = re.split(r"[\s\-−–/+]+", raw)[-1]
    if len(last) >= 4:
        last_key = normalise_key(last)
        for word, word_key in _SERVICE_KEYS:
            # a nominative followed by its genitive «ς» is a real word, not a cut-off one
            if (word_key != last_key and word_key != last_key + "Σ" and word_key.startswith(last_key)
                    and len(word_key) - len(last_key) <= 2):
                reason = tr("service name looks truncated: «{last}» («{word}»?)").format(last=last, word=word)
                break
    return expanded, reason


_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_PROPOSAL = re.compile(r"σε\s+περίπτωση\s+(έγκρισης|ένταξης)|εφόσον\s+εγκριθ", re.IGNORECASE)


def parse_schedule(text) -> tuple[str | None, str | None, str]:
    """Schedule cell → (start ISO date, end ISO date, reason). One date is the end date."""
    raw = _clean(text)
    if not raw:
        return None, None, ""
    dates = []
    for d, m, y in _DATE.findall(raw):
        try:
            import datetime

            dates.append(datetime.date(int(y), int(m), int(d)).isoformat())
        except ValueError:
            return None, None, tr("«{text}» is not a valid date").format(text=raw)
    if len(dates) == 1:
        return None, dates[0], ""
    if len(dates) == 2:
        return (dates[0], dates[1], "") if dates[0] <= dates[1] else (None, None, tr("schedule ends before it starts"))
    return None, None, ""


# ---------------------------------------------------------------------------------------------
# headers

# logical column → catalogue *_text field
COLUMNS = ("project_code", "source_ref", "aa", "title", "kind", "siting", "continuing", "service", "schedule",
           "budget", "funding", "ka", "measure", "status", "year")

_ENGLISH_HEADERS = {
    "project_code": "project_code", "code": "project_code",
    "source_line": "source_ref", "source_ref": "source_ref",
    "aa": "aa", "aa_text": "aa", "no": "aa",
    "title": "title", "title_text": "title", "description": "title",
    "kind": "kind", "kind_text": "kind",
    "siting": "siting", "siting_text": "siting", "location": "siting",
    "continuing_or_new": "continuing", "continuing": "continuing", "continuing_text": "continuing",
    "implementing_service": "service", "service": "service", "service_text": "service",
    "schedule": "schedule", "schedule_text": "schedule",
    "budget_text": "budget", "budget": "budget", "budget_eur": "budget",
    "funding_text": "funding", "funding": "funding", "funding_source": "funding",
    "ka_code_text": "ka", "ka_text": "ka", "ka_codes": "ka", "ka": "ka",
    "op_measure_text": "measure", "measure_text": "measure", "op_measure": "measure", "measure": "measure",
    "status": "status", "year": "year",
}
_GREEK_EXACT = {
    "ΑΑ": "aa", "Α/Α": "aa", "ΑΡΙΘΜΟΣ": "aa", "ΑΡ": "aa",
    "ΚΩΔΙΚΟΣ ΕΡΓΟΥ": "project_code", "ΚΩΔΙΚΟΣ": "project_code",
    "Σ/Ν": "continuing", "ΣΝ": "continuing", "Σ-Ν": "continuing",
    "ΚΑ": "ka", "Κ Α": "ka", "ΕΤΟΣ": "year", "ΦΑΣΗ": "status", "ΚΑΤΑΣΤΑΣΗ": "status",
}
_GREEK_PREFIXES = (  # checked in order on the normalised header
    ("ΚΩΔΙΚΟΣ ΕΡΓΟΥ", "project_code"),
    ("ΚΑ ", "ka"), ("ΚΩΔΙΚΟΣ ΑΡΙΘΜΟΣ", "ka"), ("ΚΩΔ ΑΡΙΘΜ", "ka"),
    ("ΣΥΝΕΧΙΖΟΜΕΝ", "continuing"),
    ("ΠΕΡΙΓΡΑΦΗ", "title"), ("ΤΙΤΛΟΣ", "title"), ("ΟΝΟΜΑΣΙΑ", "title"), ("ΔΡΑΣΗ", "title"),
    ("ΕΙΔΟΣ", "kind"), ("ΧΩΡΟΘΕΤΗΣΗ", "siting"), ("ΘΕΣΗ", "siting"), ("ΤΟΠΟΘΕΣΙΑ", "siting"),
    ("ΥΠΗΡΕΣΙΑ", "service"), ("ΥΠΕΥΘΥΝΗ ΥΠΗΡΕΣΙΑ", "service"), ("ΑΡΜΟΔΙΑ ΥΠΗΡΕΣΙΑ", "service"),
    ("ΧΡΟΝΟ", "schedule"), ("ΠΡΟΥΠΟΛΟΓΙΣΜ", "budget"), ("ΠΟΣΟ", "budget"),
    ("ΠΗΓΗ ΧΡΗΜ", "funding"), ("ΠΗΓΕΣ ΧΡΗΜ", "funding"), ("ΧΡΗΜΑΤΟΔΟΤΗΣΗ", "funding"),
    ("ΑΞΟΝΑΣ", "measure"), ("ΜΕΤΡΟ", "measure"),
    ("ΠΗΓΗ", "source_ref"),
)


def recognise_header(text) -> str | None:
    """Header cell → logical column name (see COLUMNS) or None."""
    raw = _clean(text)
    if not raw:
        return None
    ascii_key = re.sub(r"[^a-z0-9_]", "", raw.lower().replace(" ", "_"))
    if ascii_key in _ENGLISH_HEADERS and raw.isascii():
        return _ENGLISH_HEADERS[ascii_key]
    key = normalise_key(raw)
    if key in _GREEK_EXACT:
        return _GREEK_EXACT[key]
    spaced = key + " "
    for prefix, column in _GREEK_PREFIXES:
        if spaced.startswith(prefix) or key.startswith(prefix.strip()) and len(prefix.strip()) > 3:
            return column
    return None


def find_header(rows: list[list], max_scan: int = 20) -> tuple[int, dict[int, str]] | None:
    """Index of the header row among the first rows and its {column index: logical column}."""
    for index, row in enumerate(rows[:max_scan]):
        mapping: dict[int, str] = {}
        for col, cell in enumerate(row):
            column = recognise_header(cell)
            if column and column not in mapping.values():
                mapping[col] = column
        if "title" in mapping.values() and len(mapping) >= 2:
            return index, mapping
    return None


# ---------------------------------------------------------------------------------------------
# files


ENCODINGS = ("utf-8-sig", "utf-8", "cp1253", "iso-8859-7")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Bytes → (text without NUL/control characters, encoding): see core/text.py (BOMs, UTF-16, UTF-8,
    then cp1253 over ISO-8859-7 when € or Ά in cp1253 occur)."""
    from municipal_gis.core.text import clean_text, decode_text

    text, encoding = decode_text(data)
    return clean_text(text), encoding


def sniff_delimiter(text: str) -> str:
    """«,», «;» or tab: the one that splits the first lines into the most consistent columns."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", -1.0
    for delimiter in (",", ";", "\t"):
        counts = [len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]
        if not counts:
            continue
        width = max(set(counts), key=counts.count)
        score = (width > 1) * (counts.count(width) * 1000 + width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_table(path) -> tuple[list[list], dict]:
    """Read a CSV, XLSX or ODS file into a list of rows (first sheet); returns (rows, info)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        # not read-only: merged ranges are only known to a fully loaded sheet
        book = openpyxl.load_workbook(path, data_only=True)
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        # a cell merged over several rows (one funding cell for three projects) holds its value in its
        # first cell only: every row of the range gets it
        for merged in sheet.merged_cells.ranges:
            value = sheet.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                        rows[r - 1][c - 1] = value
        # a formula saved without its computed value (written by a program, never opened in Excel) reads as
        # empty: keep the formula text, so that the row says so instead of «no budget given»
        formulas = openpyxl.load_workbook(path, data_only=False).worksheets[0]
        missing = []
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    raw = formulas.cell(r + 1, c + 1).value
                    if isinstance(raw, str) and raw.startswith("="):
                        row[c] = tr("formula {formula} without a computed value").format(formula=raw)
                        missing.append((r + 1, c + 1))
        return rows, {"format": "xlsx", "sheet": sheet.title, "formulas_without_value": missing}
    if suffix == ".ods":
        return _read_ods(path), {"format": "ods"}
    text, encoding = decode_bytes(path.read_bytes())
    delimiter = sniff_delimiter(text)
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return rows, {"format": "csv", "encoding": encoding, "delimiter": delimiter}


def _read_ods(path: Path) -> list[list]:
    from odf import opendocument, table
    from odf import text as odftext
    from odf.namespaces import OFFICENS

    doc = opendocument.load(str(path))
    sheets = doc.spreadsheet.getElementsByType(table.Table)
    rows: list[list] = []
    if not sheets:
        return rows
    for row in sheets[0].getElementsByType(table.TableRow):
        repeat_rows = int(row.getAttribute("numberrowsrepeated") or 1)
        cells: list = []
        for cell in row.childNodes:
            if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                continue
            repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1) if cell.qname[1] == "table-cell" else 1
            value_type = cell.attributes.get((OFFICENS, "value-type"))
            if value_type in ("float", "currency", "percentage"):
                value = float(cell.attributes.get((OFFICENS, "value")))
            else:
                paragraphs = cell.getElementsByType(odftext.P)
                value = "\n".join("".join(_odf_text(n) for n in p.childNodes) for p in paragraphs)
            cells.extend([value] * min(repeat, 256))
        while cells and cells[-1] in ("", None):
            cells.pop()
        if not cells:
            rows.extend([[]] * min(repeat_rows, 1))
            continue
        rows.extend([list(cells) for _ in range(min(repeat_rows, 1000))])
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _odf_text(node) -> str:
    if node.nodeType == node.TEXT_NODE:
        return str(node.data)
    if node.qname[1] == "s":
        return " " * int(node.getAttribute("c") or 1)
    if node.qname[1] == "tab":
        return "\t"
    return "".join(_odf_text(n) for n in node.childNodes)


# ---------------------------------------------------------------------------------------------
# rows → projects, fundings, findings


def title_key(title: str) -> str:
    return re.sub(r"[^0-9Α-ΩA-Z ]", "", normalise_key(title)).strip()


def project_code_for(title: str, year: int) -> str:
    # an identifier, not a security measure
    digest = hashlib.sha1(re.sub(r"\s+", " ", title_key(title)).encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{year}-{digest}"


def _rows_from_dicts(records: list[dict]) -> list[list]:
    header: list[str] = []
    for record in records:
        for key in record:
            if key not in header:
                header.append(key)
    return [header] + [[record.get(k) for k in header] for record in records]


@dataclass
class ProgrammeRead:
    projects: list[dict]
    fundings: list[dict]
    findings: list[dict]
    rows: list[int]  # file row number of each project
    info: dict  # format, encoding, delimiter, header row
    header_found: bool = True


def read_programme_rows(path_or_rows, year: int) -> tuple[list[dict], list[dict], list[dict]]:
    """Read programme rows into (projects, fundings, findings).

    `path_or_rows` is a CSV/XLSX/ODS path, a list of rows (the first rows hold the header) or a
    list of dicts keyed by header. Projects are dicts keyed by `programme_project` field names,
    fundings by `project_funding` field names (amount only when the project has one source).
    """
    read = read_programme(path_or_rows, year)
    return read.projects, read.fundings, read.findings


def read_programme(path_or_rows, year: int) -> ProgrammeRead:
    """As `read_programme_rows`, also giving each project's file row and how the file was read."""
    info: dict = {}
    if isinstance(path_or_rows, (str, Path)):
        rows, info = read_table(path_or_rows)
    else:
        rows = list(path_or_rows)
        if rows and isinstance(rows[0], dict):
            rows = _rows_from_dicts(rows)
    findings: list[dict] = []
    header = find_header(rows)
    if header is None:
        findings.append({"row": 1, "column": "", "value": "",
                         "reason": tr("no header row with a description (Περιγραφή) column found")})
        return ProgrammeRead([], [], findings, [], info, header_found=False)
    header_index, mapping = header
    header_text = {col: _clean(rows[header_index][col]) for col in mapping}
    by_column = {column: col for col, column in mapping.items()}
    header_keys = {normalise_key(_clean(c)) for c in rows[header_index] if _clean(c)}
    title_header_key = normalise_key(header_text[by_column["title"]])

    info["header_row"] = header_index + 1
    projects: list[dict] = []
    fundings: list[dict] = []
    project_rows: list[int] = []
    seen: dict[str, int] = {}

    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        row_no = index + 1
        raw_cells = {column: (row[col] if col < len(row) else None) for column, col in by_column.items()}
        clean_cells = {column: _clean(value) for column, value in raw_cells.items()}

        def cell(column: str, raw_cells=raw_cells):
            return raw_cells.get(column)

        def text(column: str, clean_cells=clean_cells) -> str:
            return clean_cells.get(column, "")

        def flag(column: str, value, reason: str, row_no=row_no) -> None:
            findings.append({"row": row_no, "column": header_text.get(by_column.get(column), column),
                             "value": _raw(value) or "", "reason": reason})

        if not any(clean_cells.values()) and not any(_clean(c) for c in row):
            continue
        title = text("title")
        if normalise_key(title) == title_header_key:  # header repeated on a new page
            cells = {normalise_key(_clean(c)) for c in row if _clean(c)}
            if cells <= header_keys:
                continue
        if not title:
            flag("title", "", tr("row without a description skipped: {cells}").format(
                cells=" | ".join(_clean(c) for c in row if _clean(c))[:120]))
            continue

        code = text("project_code")
        if not code:
            code = project_code_for(title, year)
            seen[code] = seen.get(code, 0) + 1
            if seen[code] > 1:
                code = f"{code}-{seen[code]}"
        elif code in seen:
            flag("project_code", code, tr("project code repeated: row skipped"))
            continue
        else:
            seen[code] = 1

        row_year = year
        if text("year"):
            try:
                row_year = int(float(text("year")))
            except ValueError:
                flag("year", text("year"), tr("not a year; the programme year is used"))

        amount = parse_amount(cell("budget"))
        if not amount.certain:
            flag("budget", cell("budget"), amount.reason)
        elif amount.value is None:
            flag("budget", "", tr("no budget given"))

        kind, reason = parse_kind(cell("kind"))
        if reason:
            flag("kind", cell("kind"), reason)
        continuing, reason = parse_continuity(cell("continuing"))
        if reason:
            flag("continuing", cell("continuing"), reason)
        service, reason = expand_service(cell("service"))
        if reason:
            flag("service", cell("service"), reason)
        ka_codes, reasons = parse_ka_codes(cell("ka"))
        for reason in reasons:
            flag("ka", cell("ka"), reason)
        measures, reasons = parse_measures(cell("measure"))
        for reason in reasons:
            flag("measure", cell("measure"), reason)
        funding = parse_funding(cell("funding"))
        for reason in funding.reasons:
            flag("funding", cell("funding"), reason)
        start, end, reason = parse_schedule(cell("schedule"))
        if reason:
            flag("schedule", cell("schedule"), reason)

        status = None
        status_text = text("status")
        if status_text:
            status = _vocab_code("project_phase", status_text)
            if status is None:
                flag("status", status_text, tr("unknown phase «{text}»").format(text=status_text))
        elif _PROPOSAL.search(text("schedule") + " " + text("funding")):
            status = "proposal"

        project = {
            "project_code": code,
            "title": title,
            "kind": kind,
            "continuing": continuing,
            "implementing_service": service or None,
            "year": row_year,
            "budget_eur": amount.value if amount.certain else None,
            "ka_codes": ", ".join(ka_codes) or None,
            "op_measure": ", ".join(measures) or None,
            "status": status,
            "siting": text("siting") or None,
            "schedule": text("schedule") or None,
            "start_date": start,
            "end_date": end,
            "funding_sought": funding.funding_sought,
            "source_ref": text("source_ref") or f"row {row_no}",
            "aa_text": text("aa") or None,
            "title_text": _raw(cell("title")),
            "kind_text": _raw(cell("kind")),
            "siting_text": _raw(cell("siting")),
            "continuing_text": _raw(cell("continuing")),
            "service_text": _raw(cell("service")),
            "schedule_text": _raw(cell("schedule")),
            "budget_text": _raw(cell("budget")),
            "funding_text": _raw(cell("funding")),
            "ka_text": _raw(cell("ka")),
            "measure_text": _raw(cell("measure")),
        }
        projects.append(project)
        project_rows.append(row_no)
        single = len(funding.sources) == 1
        for source, part in zip(funding.sources, funding.parts):
            fundings.append({
                "project_code": code,
                "funding_source": source,
                "amount_eur": project["budget_eur"] if single else None,
                "year": row_year,
                "source_text": part,
            })
    return ProgrammeRead(projects, fundings, findings, project_rows, info)


def _raw(value) -> str | None:
    """The verbatim cell: strings untouched except trimmed; numbers as written by str()."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _vocab_code(vocabulary: str, text: str) -> str | None:
    key = normalise_key(text)
    for code, el, en in VOCABULARIES[vocabulary]:
        if key in (normalise_key(code), normalise_key(el), normalise_key(en)):
            return code
    return None


# ---------------------------------------------------------------------------------------------
# comparing an import with what the database holds

COMPARED_FIELDS = ("title", "kind", "continuing", "implementing_service", "year", "budget_eur", "ka_codes",
                   "op_measure", "status", "siting", "schedule", "start_date", "end_date", "funding_sought",
                   "source_ref", "aa_text", "title_text", "kind_text", "siting_text", "continuing_text",
                   "service_text", "schedule_text", "budget_text", "funding_text", "ka_text", "measure_text")


def _same(a, b) -> bool:
    if a in ("", None) and b in ("", None):
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 0.005
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b)
    return str(a) == str(b)


def diff_project(old: dict, new: dict) -> list[tuple[str, object, object]]:
    """Fields that a revised row changes: [(field, old value, new value)]."""
    return [(name, old.get(name), new.get(name)) for name in COMPARED_FIELDS
            if name in new and not _same(old.get(name), new.get(name))]
