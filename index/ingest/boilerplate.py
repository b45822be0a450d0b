"""Removing what a page wraps around an article: navigation, pleas, widgets and footers.

Three passes over the paragraphs, from `patterns`: paragraphs that are only navigation go;
boilerplate sentences and glued navigation go from inside paragraphs without touching the
sentences around them; a footer block (a short "Related articles"-like paragraph followed
only by short lines) is cut off the end.
"""

from __future__ import annotations

import re

from .normalize import squash
from .paragraphs import Paragraph
from .patterns import FOOTER_START, NAV_GLUED, NAV_LINES, SENTENCE_LEADS

_NAV_LINE = re.compile(r"[\s•·>|*#-]*(?:" + "|".join(NAV_LINES) + r")[\s.:!»›>|→…-]*", re.IGNORECASE)

# Where a sentence may start: the paragraph start, or right after a stop or closing quote/bracket
# (with or without the space a scrape may have lost). Patterns are tried only there: trying
# them at every character costs several times more on a typical article.
_BOUNDARY = re.compile(r"[.!?…\"”’)\]]+")
_GLUED = re.compile(
    r"\s*(?:" + "|".join(NAV_GLUED) + r")(?=\s*$|\s*[.!?]|\s+[\"“‘(]|\s*(?-i:[A-Z]))[.!?]?",
    re.IGNORECASE,
)
# A stop ends the sentence when followed by space, the end, a closing quote or (glued) a capital;
# a period after a capital letter (U.S., J.) does not.
_NOT_END = r"(?:(?-i:(?<=[A-Z]))\.|[.!?…]+(?![\s\"”’)\]]|$|(?-i:[A-Z])))"
_SENTENCE = re.compile(
    r"\s*(?:" + "|".join(SENTENCE_LEADS) + r")"
    + r"[^.!?…\n]*+(?:" + _NOT_END + r"[^.!?…\n]*+)*+"
    + r"(?:[.!?…]+[\"”’)\]]*|$)",
    re.IGNORECASE,
)
_FOOTER_START = re.compile(r"[\s•·>|*#-]*(?:" + "|".join(FOOTER_START) + r")", re.IGNORECASE)
_FOOTER_LINE_MAX = 150  # footers list headlines and links, not prose
_FOOTER_HEADING_MAX = 60


def is_navigation(text: str) -> bool:
    """The paragraph is only navigation or a widget label ("Back To Top", "Advertisement")."""
    return len(text) <= 300 and _NAV_LINE.fullmatch(text) is not None


def remove_boilerplate_sentences(text: str) -> str:
    """The paragraph without boilerplate sentences and glued navigation, squashed."""
    pieces: list[str] = []
    kept_from = 0
    starts = [0, *(m.end() for m in _BOUNDARY.finditer(text))]
    for start in starts:
        if start < kept_from:
            continue
        match = _SENTENCE.match(text, start) or _GLUED.match(text, start)
        # A sentence starts with a capital: "(which oversees trade) read more than..." is no plea.
        if match is not None and match.end() > start and not match.group().lstrip()[:1].islower():
            pieces.append(text[kept_from:start])
            kept_from = match.end()
    if not pieces:
        return text
    pieces.append(text[kept_from:])
    return squash(" ".join(pieces))


def strip_boilerplate(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The article's own paragraphs: page furniture removed, footer block cut."""
    cleaned: list[Paragraph | None] = []
    for paragraph in paragraphs:
        if is_navigation(paragraph.text):
            cleaned.append(None)
            continue
        text = remove_boilerplate_sentences(paragraph.text)
        cleaned.append(Paragraph(text, paragraph.alone) if _has_words(text) else None)
    cut = _footer_start(paragraphs, cleaned)
    return [p for p in cleaned[:cut] if p is not None]


def _footer_start(paragraphs: list[Paragraph], cleaned: list[Paragraph | None]) -> int:
    """Index where the footer block begins, or len(paragraphs) when there is none."""
    n = len(paragraphs)
    # tail_short[i]: every paragraph from i on is short or already removed as boilerplate.
    tail_short = [True] * (n + 1)
    for i in range(n - 1, -1, -1):
        short = cleaned[i] is None or len(paragraphs[i].text) <= _FOOTER_LINE_MAX
        tail_short[i] = short and tail_short[i + 1]
    for i in range(1, n):
        if not tail_short[i + 1]:
            continue
        text = paragraphs[i].text
        if not _FOOTER_START.match(text):
            continue
        heading = len(text) <= _FOOTER_HEADING_MAX and not text.endswith((".", "!", "?", '"', "”"))
        if heading or cleaned[i] is None:
            return i
    return n


_ALNUM = re.compile(r"[^\W_]")


def _has_words(text: str) -> bool:
    return _ALNUM.search(text) is not None
