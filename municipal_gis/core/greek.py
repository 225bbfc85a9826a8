"""Search normalisation for Greek text and Greeklish.

Two keys are derived from any text:

* the *plain key* (`plain_key`): accents and diaeresis removed, case folded, final sigma made
  ordinary sigma, punctuation turned into spaces. «Οδός Ερμού» and «ΟΔΟΣ ΕΡΜΟΥ» share it.
* the *phonetic key* (`phonetic_tokens`): a Latin spelling that Greek text and the usual
  Greeklish spellings of it collapse to. «Μεραρχίας», «Merarxias», «Merarchias» and
  «Merarhias» all give ``merarxias``. It is deliberately lossy: the five i-sounds (ι, η, υ, ει,
  οι) become ``i``, ο/ω become ``o``, αι/ε become ``e``, φ/β/f/v become ``v``, double letters
  are single.

Greeklish is ambiguous in a few letters: ``h`` is χ or η, ``x`` is χ or ξ, ``b`` is β or μπ.
Indexed text is keyed one way; a Latin query is expanded into the few keys its ambiguous
letters allow (`query_token_variants`), so the index never has to store alternatives.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

__all__ = [
    "strip_accents",
    "plain_key",
    "plain_tokens",
    "compact_code",
    "phonetic_key",
    "phonetic_tokens",
    "query_token_variants",
    "is_greek",
]

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_GREEK_RE = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")

# Greek (plain key, i.e. lower case without accents) -> phonetic Latin. Digraphs first.
_GREEK_DIGRAPHS = {
    "ου": "u", "αι": "e", "ει": "i", "οι": "i", "υι": "i",
    "αυ": "av", "ευ": "ev", "ηυ": "iv",
    "μπ": "b", "ντ": "nd", "γκ": "g", "γγ": "g",
}
_GREEK_LETTERS = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "8",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "ks", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "i", "φ": "v", "χ": "x", "ψ": "ps",
    "ω": "o",
}

# Latin (Greeklish) -> phonetic Latin. A list value is ambiguous («h» is χ or η, «th» is θ or
# τη): the first entry is the spelling used when indexing Latin text, the others are tried
# for queries.
_LATIN_DIGRAPHS = {
    "th": ["8", "ti"], "ch": "x", "kh": ["x", "ki"], "ph": ["v", "pi"], "ps": "ps", "ks": "ks", "cs": "ks",
    "ou": "u", "oy": "u", "ai": "e", "ei": "i", "oi": "i", "yi": "i", "ui": "i",
    "au": "av", "eu": "ev", "mp": "b", "mb": "b", "nt": "nd", "gk": "g", "gg": "g", "ng": "g",
}
# in «nth», «nch», «mps» the second pair wins: Xanthis is Ξάνθης, not Ξάντ-ης
_STRONG_DIGRAPHS = {"th", "ch", "kh", "ph", "ps", "ks"}
_LATIN_LETTERS = {
    "a": "a", "b": ["b", "v"], "c": "k", "d": "d", "e": "e", "f": "v", "g": "g",
    "h": ["x", "i"], "i": "i", "j": "g", "k": "k", "l": "l", "m": "m", "n": "n",
    "o": "o", "p": "p", "q": "k", "r": "r", "s": "s", "t": "t", "u": "u", "v": "v",
    "w": "o", "x": ["x", "ks"], "y": "i", "z": "z", "8": "8", "9": "8", "3": "ks",
}
_MAX_VARIANTS = 16


def _accent_table() -> dict:
    """Precomposed Latin/Greek letters -> base letter, combining marks -> nothing (one translate)."""
    table = {}
    for start, end in ((0x00C0, 0x0250), (0x0370, 0x0400), (0x1F00, 0x2000)):
        for code in range(start, end):
            ch = chr(code)
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            if base != ch and base:
                table[code] = base
    for code in range(0x0300, 0x0370):
        table[code] = None
    return table


_ACCENTS = _accent_table()


def strip_accents(text: str) -> str:
    """Remove accents and diaeresis (ά→α, ϊ/ΐ→ι, ΰ→υ, é→e); case is kept."""
    return text.translate(_ACCENTS)


def plain_key(text) -> str:
    """Accent-free, case-folded text with final sigma as σ and punctuation as single spaces."""
    if text is None:
        return ""
    folded = strip_accents(str(text)).casefold().replace("ς", "σ")
    return " ".join(_TOKEN_RE.findall(folded))


def plain_tokens(text) -> list[str]:
    return plain_key(text).split()


def compact_code(text) -> str:
    """A code (ΚΑΕΚ, Ο.Τ., property code) without spaces or punctuation, for exact matching.

    Greek and Latin capitals that look alike are made the same letter, so «Ο.Τ. 209Α» typed
    with a Latin A still finds the code.
    """
    key = plain_key(text).replace(" ", "")
    return key.translate(_LOOKALIKES)


_LOOKALIKES = str.maketrans({
    "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "n",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "y", "χ": "x",
})


def is_greek(text: str) -> bool:
    return bool(_GREEK_RE.search(text or ""))


def _greek_token_to_key(token: str) -> str:
    out = []
    i = 0
    while i < len(token):
        pair = token[i:i + 2]
        if pair in _GREEK_DIGRAPHS:
            # αυ/ευ before a vowel or at the end keep the v sound; before a voiceless consonant
            # they sound f, but Greeklish writers use v, f and u alike, so one key suffices.
            out.append(_GREEK_DIGRAPHS[pair])
            i += 2
            continue
        ch = token[i]
        out.append(_GREEK_LETTERS.get(ch, _LATIN_ONE.get(ch, ch)))
        i += 1
    return "".join(out)


_LATIN_ONE = {k: (v[0] if isinstance(v, list) else v) for k, v in _LATIN_LETTERS.items() if k.isalpha()}


def _latin_token_units(token: str) -> list[list[str]]:
    """Split a Latin/Greeklish token into units, each with its possible phonetic spellings."""
    has_letters = any(c.isalpha() for c in token)
    units: list[list[str]] = []
    i = 0
    while i < len(token):
        pair = token[i:i + 2]
        if pair in _LATIN_DIGRAPHS and token[i + 1:i + 3] not in _STRONG_DIGRAPHS:
            value = _LATIN_DIGRAPHS[pair]
            units.append(value if isinstance(value, list) else [value])
            i += 2
            continue
        ch = token[i]
        if ch.isdigit():
            # digits are letters (8 = θ, 3 = ξ) only inside a word; codes and numbers stay digits
            prev_alpha = i > 0 and token[i - 1].isalpha()
            after = token[i + 1:i + 3]
            next_alpha = len(after) == 2 and after.isalpha()
            if has_letters and ch in "893" and (prev_alpha or next_alpha):
                units.append([_LATIN_LETTERS[ch]])
            else:
                units.append([ch])
        else:
            value = _LATIN_LETTERS.get(ch, ch)
            units.append(value if isinstance(value, list) else [value])
        i += 1
    return units


def _squeeze(key: str) -> str:
    """Single letters for doubled ones (λλ, ss, ii); digits are kept as they are."""
    out = []
    for ch in key:
        if out and ch == out[-1] and not ch.isdigit():
            continue
        out.append(ch)
    return "".join(out)


def phonetic_key(token: str) -> str:
    """The phonetic key of one token (Greek or Latin), unambiguous spelling for indexing."""
    token = plain_key(token).replace(" ", "")
    if is_greek(token):
        return _squeeze(_greek_token_to_key(token))
    return _squeeze("".join(u[0] for u in _latin_token_units(token)))


def phonetic_tokens(text) -> list[str]:
    """Phonetic keys of the tokens of `text`, in order."""
    return [phonetic_key(t) for t in plain_tokens(text)]


# A query is typed letter by letter: its last letter may be the first half of a digraph
# («Ερμο» on the way to «Ερμου», «Dimogeront» to «Dimogerontwn»), so the completed spellings
# are tried as well.
_TAIL_COMPLETIONS = {
    "ο": "υ", "α": "ιυ", "ε": "ιυ", "μ": "π", "γ": "κ",
    "o": "uy", "a": "iu", "e": "iu", "t": "h", "n": "g", "m": "p", "k": "hs", "c": "hs",
    "p": "hs", "g": "k",
}


def query_token_variants(token: str, prefix: bool = True) -> list[str]:
    """The phonetic keys a query token may stand for (a few for Greek, up to 16 for Greeklish).

    With `prefix` (the token may be incomplete), spellings that complete a digraph begun by
    its last letter are included.
    """
    token = plain_key(token).replace(" ", "")
    if not token:
        return []
    variants = _token_variants(token)
    if prefix and token[-1] in _TAIL_COMPLETIONS:
        for extra in _TAIL_COMPLETIONS[token[-1]]:
            for key in _token_variants(token + extra):
                if key not in variants and len(variants) < 2 * _MAX_VARIANTS:
                    variants.append(key)
    return variants


def _token_variants(token: str) -> list[str]:
    if is_greek(token):
        return [_squeeze(_greek_token_to_key(token))]
    units = _latin_token_units(token)
    ambiguous = [i for i, u in enumerate(units) if len(u) > 1][:4]  # 2**4 = _MAX_VARIANTS
    choices = [units[i] if i in ambiguous else units[i][:1] for i in range(len(units))]
    variants = []
    for combo in itertools.islice(itertools.product(*choices), _MAX_VARIANTS):
        key = _squeeze("".join(combo))
        if key not in variants:
            variants.append(key)
    return variants
