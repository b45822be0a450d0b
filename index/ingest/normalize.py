"""Character-level cleaning: what any article text goes through before it is read for structure.

Article text is data. Terminal escape sequences and control characters in a scrape are
never article text, and leaving them in would let a file drive the reader's terminal, so
they go here, once, before anything else looks at the text. Unicode is kept (NFC).
"""

from __future__ import annotations

import re
import unicodedata

# ANSI/ECMA-48 sequences: CSI (ESC [ ... final), OSC and string commands terminated by BEL or
# ST, other two-character escapes, and the one-byte C1 CSI. Possessive loops keep an
# unterminated sequence from being rescanned (no quadratic time on hostile input).
_ANSI = re.compile(
    r"\x1b\[[0-?]*+[ -/]*+[@-~]"
    r"|\x1b\][^\x07\x1b]*+(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b]*+\x1b\\"
    r"|\x1b[ -/]*+[0-~]"
    r"|\x9b[0-?]*+[ -/]*+[@-~]"
)
# Anything needing a second look: escapes, controls, odd line breaks, stray byte-order marks.
_SUSPECT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
# Line terminators (as str.splitlines knows them) become newlines; other controls go.
_TRANSLATE = {c: None for c in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]}
_TRANSLATE.update({0x0B: "\n", 0x0C: "\n", 0x0D: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n\n", 0x1C: "\n",
                   0x1D: "\n", 0x1E: "\n", 0xFEFF: None})


def clean_text(text: str) -> str:
    """NFC text with `\\n` line breaks and no escape sequences or control characters but tab."""
    if _SUSPECT.search(text):
        if "\x1b" in text or "\x9b" in text:
            text = _ANSI.sub("", text)
        text = text.replace("\r\n", "\n").translate(_TRANSLATE)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def squash(text: str) -> str:
    """Whitespace runs (newlines, tabs, no-break spaces...) to single spaces, ends trimmed."""
    return " ".join(text.split())
