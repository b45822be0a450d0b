"""Article text as Textual `Content`: every character shows as itself, none acts on the terminal.

Not a widget: the helpers every widget uses before putting article text on screen.
Textual's `Content` drops only five control codes (and so shifts every offset after them)
and passes ESC straight to the terminal, where `\x1b[2J` would clear the screen. The text
goes through `tui.textsafe.inert` first (the one table of stand-ins, shared with the
command line), which keeps its length so the spans extraction computed still line up.
"""

from __future__ import annotations

from textual.content import Content
from textual.fuzzy import Matcher

from ..textsafe import inert

__all__ = ["fuzzy_highlight", "inert", "inert_content"]


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
