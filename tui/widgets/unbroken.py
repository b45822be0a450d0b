"""Text wrapped like any `Content`, except that some runs (speaker labels) never break.

Textual wraps at whitespace, and a no-break space (U+00A0) counts as whitespace there (its
word splitter is the regex `\\s`), so "Shinzo Abe" after a quote could end one line with
"Shinzo" and start the next with "Abe" whatever space was used. `Unbroken` chooses the line
breaks itself with the same line divider Textual uses, on a copy of the text where the
labels' spaces are letters, then lets `Content` draw the lines it chose.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from rich._wrap import divide_line  # what `Content` wraps with (private; Textual is pinned exactly)
from textual.content import Content
from textual.css.styles import RulesMap
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

Run = tuple[int, int]  # [start, end) in the content's text


def break_offsets(text: str, width: int, kept: Sequence[Run] = ()) -> list[int]:
    """Where the lines of `text` drawn `width` cells wide start (after the first): at its
    own line breaks and where Textual would wrap it, but never inside a run of `kept`
    unless the run alone is wider than a line."""
    if kept:
        chars = list(text)
        for start, end in kept:
            for offset in range(start, end):
                if chars[offset] == " ":
                    chars[offset] = "_"  # one cell, like the space, but part of a word
        text = "".join(chars)
    breaks: list[int] = []
    start = 0
    for line in text.split("\n"):
        if start:
            breaks.append(start)
        breaks.extend(start + offset for offset in divide_line(line, max(width, 1), fold=True))
        start += len(line) + 1
    return breaks


def line_of(text: str, offset: int, width: int, kept: Sequence[Run] = ()) -> int:
    """The line (from 0) that character `offset` of `text` is drawn on at `width`."""
    return bisect_right(break_offsets(text, width, kept), offset)


class Unbroken(Visual):
    """`content` wrapped to the width it is drawn at, never breaking inside `kept`."""

    def __init__(self, content: Content, kept: Sequence[Run]) -> None:
        self.content = content
        self.kept = tuple(kept)
        self._lines: tuple[int, Content] | None = None  # (width, the content with its line breaks)

    def __str__(self) -> str:
        return self.content.plain

    @property
    def plain(self) -> str:
        return self.content.plain

    @property
    def spans(self):
        return self.content.spans

    def lines(self, width: int) -> Content:
        """The content with a line break wherever a line ends at `width` (one entry cache:
        the layout asks for the height and the drawing for the lines at the same width)."""
        if self._lines is not None and self._lines[0] == width:
            return self._lines[1]
        pieces = self.content.divide(break_offsets(self.content.plain, width, self.kept))
        # Like Textual's own wrapping: the spaces a line ends on are not drawn.
        lines = Content("\n").join([piece.rstrip() for piece in pieces[:-1]] + pieces[-1:])
        self._lines = (width, lines)
        return lines

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.lines(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.lines(width).get_height(rules, width)

    def selected_text(self, selection: Selection) -> str:
        """The text a mouse selection covers (its offsets are in the lines drawn last); the
        line breaks the wrapping made are spaces again."""
        if self._lines is None:
            return ""
        return selection.extract(self._lines[1].plain).replace("\n", " ")
