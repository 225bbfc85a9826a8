"""Text files as Greek municipalities send them: UTF-8 (with or without BOM), UTF-16 from Excel's
«Unicode text», Windows-1253 or ISO-8859-7. Decoded without guessing silently, and cleaned of NUL
and control characters before anything is stored."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> str | None:
    """«utf-16-le»/«utf-16-be» when every other byte of an ASCII-heavy text is NUL."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def greek_single_byte(data: bytes) -> str:
    """cp1253 or ISO-8859-7 for bytes that are not UTF-8.

    The two agree on the Greek letters and differ in a few places: 0x80 is € and 0xA2 is Ά only in
    cp1253 (0x80 is a control code in ISO-8859-7, which writes Ά as 0xB6, ¶ in cp1253). cp1253 wins
    whenever its own bytes occur, and when nothing tells them apart (Windows is the usual source).
    """
    if b"\x80" in data or b"\xa2" in data:
        return "cp1253"
    if b"\xb6" in data or b"\xa4" in data or b"\xa5" in data:
        return "iso-8859-7"
    return "cp1253"


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding used). BOMs first, UTF-16 without BOM, UTF-8, then Greek single-byte."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = greek_single_byte(data)
    return data.decode(encoding, errors="replace"), encoding


def clean_text(text: str) -> str:
    """Without NUL and other control characters (tab and line breaks kept)."""
    return _CONTROL.sub("", text)
