"""Numbers and bilingual texts as printed documents show them (certificate, topographic diagram).

Printed documents choose their language per run (Greek or English), independently of the QGIS
interface, so their texts are (English, Greek) pairs rather than `tr` strings.
"""

from __future__ import annotations

import math


def pick(pair: tuple[str, str], language: str) -> str:
    """The English text of an (English, Greek) pair for language «en», the Greek one otherwise."""
    en, el = pair
    return en if language == "en" else el


def fmt_number(value, decimals: int = 2, language: str = "el") -> str:
    """A number with the document's separators: 1.234,56 in Greek, 1,234.56 in English; «–» for
    a missing number (None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    s = f"{value:,.{decimals}f}"
    if language != "en":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s
