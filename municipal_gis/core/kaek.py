"""ΚΑΕΚ (Hellenic Cadastre parcel code) normalisation and format check.

Only the format is checked: 12 digits for a parcel (γεωτεμάχιο), optionally followed by a unit
suffix written with slashes, e.g. ``400160403048/0/2`` for a unit in a building. The meaning of
the digit groups is not enforced (DOMAIN.md §7: the segmentation is unverified).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BASE = re.compile(r"^\d{12}$")
_SUFFIX_PART = re.compile(r"^\d{1,4}$")
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")

# reasons (stable codes; the user-facing text is made by the caller)
OK, EMPTY, NOT_DIGITS, WRONG_LENGTH, BAD_SUFFIX = "ok", "empty", "not_digits", "wrong_length", "bad_suffix"


@dataclass(frozen=True)
class KaekCheck:
    raw: str
    normalised: str
    reason: str

    @property
    def valid(self) -> bool:
        return self.reason == OK

    @property
    def parcel_code(self) -> str:
        """The 12-digit parcel part (the whole code when there is no unit suffix)."""
        return self.normalised.split("/", 1)[0]


def normalise(text) -> str:
    """Strip spaces (also inside, as in «40016 0403048») and unify slash spacing."""
    if text is None:
        return ""
    value = _SPACES.sub("", str(text))
    # common typing variants of the separators
    value = value.replace("\\", "/").replace("-", "")
    return value.rstrip("/")


def check(text) -> KaekCheck:
    """Normalise and check one ΚΑΕΚ."""
    raw = "" if text is None else str(text)
    if len(raw) == 12 and raw.isascii() and raw.isdigit():  # the common case, without the regexes
        return KaekCheck(raw, raw, OK)
    value = normalise(raw)
    if not value:
        return KaekCheck(raw, value, EMPTY)
    base, *suffix = value.split("/")
    if not base.isdigit() or not base.isascii():
        return KaekCheck(raw, value, NOT_DIGITS)
    if not _BASE.match(base):
        return KaekCheck(raw, value, WRONG_LENGTH)
    if any(not _SUFFIX_PART.match(part) for part in suffix):
        return KaekCheck(raw, value, BAD_SUFFIX)
    return KaekCheck(raw, value, OK)


def is_valid(text) -> bool:
    return check(text).valid


def parse_list(text: str) -> list[str]:
    """ΚΑΕΚ codes from free text or CSV content: separated by newlines, commas, semicolons or tabs.

    A header cell such as «kaek» or «ΚΑΕΚ» is skipped; order is kept and duplicates are kept
    (the caller reports them).
    """
    items = []
    for line in str(text or "").splitlines():
        for cell in re.split(r"[,;\t|]", line):
            cell = cell.strip().strip('"').strip("'").strip()
            if not cell:
                continue
            if cell.lower() in ("kaek", "καεκ", "κ.α.ε.κ.", "code"):
                continue
            items.append(cell)
    return items


# -- which parcels a batch certifies ------------------------------------------------------------------

# what keeps a code out of the batch (stable codes; the caller writes the message)
MALFORMED, LISTED_TWICE, NOT_FOUND, ON_SEVERAL = "malformed", "listed_twice", "not_found", "on_several"


@dataclass(frozen=True)
class TargetProblem:
    code: str          # as shown: the text given when malformed, else the normalised code
    kind: str          # MALFORMED, LISTED_TWICE, NOT_FOUND or ON_SEVERAL
    listed: bool       # about a code of the requested list (else about a parcel of the layer)
    reason: str = OK   # the format reason, when MALFORMED
    rows: tuple = ()   # the parcels concerned (positions in `codes`)

    @property
    def column(self) -> str:
        """The value of the output's «problem» column (frozen): malformed, not_found or duplicated."""
        return {MALFORMED: "malformed", NOT_FOUND: "not_found"}.get(self.kind, "duplicated")


def select_targets(codes, requested=()) -> tuple[list[int], list[TargetProblem]]:
    """The parcels a batch certifies, and what keeps the other codes out.

    `codes` holds each parcel's checked ΚΑΕΚ (`check` results, or objects with the same `raw`, `normalised`,
    `valid` and `reason`); `requested` the codes asked for, as typed (empty: every parcel). A code carried by
    several parcels certifies none of them (which one would the certificate be about?); a malformed code is
    reported, never guessed; a code listed twice is certified once. Targets keep the order asked for.
    """
    by_code: dict[str, list[int]] = {}
    for i, c in enumerate(codes):
        if c.normalised:
            by_code.setdefault(c.normalised, []).append(i)
    targets, problems = [], []
    if requested:
        seen = set()
        for raw in requested:
            c = check(raw)
            if not c.valid:
                problems.append(TargetProblem(raw, MALFORMED, True, c.reason))
                continue
            if c.normalised in seen:
                problems.append(TargetProblem(c.normalised, LISTED_TWICE, True))
                continue
            seen.add(c.normalised)
            found = by_code.get(c.normalised, [])
            if not found:
                problems.append(TargetProblem(c.normalised, NOT_FOUND, True))
            elif len(found) > 1:
                problems.append(TargetProblem(c.normalised, ON_SEVERAL, True, rows=tuple(found)))
            else:
                targets.append(found[0])
        return targets, problems
    for i, c in enumerate(codes):
        if not c.valid:
            problems.append(TargetProblem(c.raw, MALFORMED, False, c.reason, (i,)))
        elif len(by_code[c.normalised]) > 1:
            problems.append(TargetProblem(c.normalised, ON_SEVERAL, False, rows=(i,)))
        else:
            targets.append(i)
    return targets, problems


def all_plain_and_unique(values) -> bool:
    """True when every value is a text of exactly 12 ASCII digits and no two are equal.

    Then `check` gives every value as it is and `select_targets(codes)` (no list) certifies every
    parcel with no problem: a batch over a clean layer needs neither, and this test runs in C
    (set, map and str methods) rather than a Python loop over the codes.
    """
    values = list(values)
    if not values:
        return True
    if set(map(type, values)) != {str} or set(map(len, values)) != {12}:
        return False
    joined = "".join(values)
    return joined.isascii() and joined.isdigit() and len(set(values)) == len(values)
