"""Article text made safe to draw: every character shows as itself, none acts on the terminal.

Not a widget: the one helper every widget uses before putting article text on screen.
Textual's `Content` drops only five control codes (and so shifts every offset after them)
and passes ESC straight to the terminal, where `\x1b[2J` would clear the screen. Here each
control character is replaced by one visible stand-in (its Unicode "control picture"), so
the text keeps its length and the spans extraction computed still line up. Hand-written
because no library maps control codes one-for-one; `rich.control.strip_control_codes`
deletes them instead.
"""

from __future__ import annotations

from textual.content import Content
from textual.fuzzy import Matcher

# C0 controls -> U+2400..U+241F ("␛" for ESC), DEL -> "␡", C1 controls -> "�".
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
# Bidirectional overrides and isolates reorder what follows them on some terminals.
_PICTURES.update({code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_PICTURES[0x09] = " "  # a tab would expand and break the one-cell-per-character count

_ONE_LINE = str.maketrans({**_PICTURES, 0x0A: " "})
_MULTI_LINE = str.maketrans({k: v for k, v in _PICTURES.items() if k != 0x0A})


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control character replaced by one printable character."""
    return text.translate(_MULTI_LINE if keep_newlines else _ONE_LINE)


def inert_content(text: str, *, keep_newlines: bool = False) -> Content:
    """Plain (never markup) Content for article text, same length as `text`."""
    return Content(inert(text, keep_newlines=keep_newlines))


def fuzzy_highlight(matcher: Matcher, text: str) -> Content:
    """`text` with the letters `matcher` matched in bold, as plain text.

    `Matcher.highlight` parses its argument as markup, so a name with brackets in it
    would be read as styles: this does the same highlighting on inert text.
    """
    shown = inert(text)
    content = Content(shown)
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if score:
        for offset in offsets:
            if not shown[offset].isspace():
                content = content.stylize("bold underline", offset, offset + 1)
    return content
