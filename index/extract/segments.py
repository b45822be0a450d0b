"""Paragraphs and sentence boundaries: the units that bound every look-back.

Attribution and entity rules only ever look inside a paragraph or a couple of sentences,
which keeps extraction linear in the article length. Sentence splitting is by hand
because the only hard part is news abbreviations ("U.S.", "Sept.", "Sen."), which a
short list handles.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from pydantic import TypeAdapter

from index.models import Span

_PARAGRAPH = re.compile(r"[^\n]+")
# A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) before
# whitespace and a capital, a digit or an opening quote.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+(?:''|[\"“‘(\[])?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov
    rev hon pres supt insp det no nos vs etc inc corp ltd co bros jan feb mar apr jun jul aug sep
    sept oct nov dec u.s u.k u.n e.u d.c a.m p.m calif fla mass penn conn wis mich minn ariz colo
    ill ind tenn okla ore wash ky la md va ala ark ga kan neb nev tex vt wyo miss mo mont fig approx
    dept est univ""".split()
)
# Initials ("J.", "J.J.", "U.S.") before the final stop: a name or an abbreviation goes on,
# unless the next word is one that opens sentences ("...moved to the U.S. The move...").
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_OPENER_AFTER = re.compile(
    r"\s+[\"“‘(]?(?:The|He|She|It|They|We|I|But|And|In|This|That|These|Those|There|His|Her|Its|Their|A|An|Yet|So|Still)\b"
)


# one validation call for all of an article's paragraphs: half the cost of a `Span(...)` each
_SPANS = TypeAdapter(list[Span])


def paragraphs(body: str) -> list[Span]:
    """Non-blank lines of the body: ingest joins paragraphs with blank lines."""
    spans = []
    for match in _PARAGRAPH.finditer(body):
        text = match.group()
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            spans.append({"start": match.start() + lead, "end": match.start() + lead + len(stripped)})
    return _SPANS.validate_python(spans)


def sentence_starts(body: str, paragraph: Span) -> list[int]:
    """Offsets where sentences start inside one paragraph (the paragraph start first)."""
    return _sentence_starts(body, paragraph.start, paragraph.end)


def _sentence_starts(body: str, first: int, last: int) -> list[int]:
    starts = [first]
    for match in _SENTENCE_END.finditer(body, first, last):
        dot = match.start()
        if body[dot] == ".":
            # the word before the stop, letters, digits, "_" and stops ("U.S", "Sen", "J.J"),
            # read backwards at most 12 characters: the same word a regex search for
            # `[\w.]+$` in that window finds, without the regex trying every start in it
            # (a character is a regex word character exactly when `isalnum()` or "_")
            # (like `$`, ending before a final newline too)
            lowest = max(first, dot - 12)
            stop = dot - 1 if body[dot - 1] == "\n" else dot
            k = stop
            while k > lowest:
                char = body[k - 1]
                if char.isalnum() or char == "." or char == "_":
                    k -= 1
                else:
                    break
            if k < stop:
                word = body[k:stop]
                if _INITIALS.fullmatch(word):
                    if not _OPENER_AFTER.match(body, dot + 1, last):
                        continue
                elif word.casefold() in _ABBREVIATIONS:
                    continue
        pos = match.end()
        while pos < last and body[pos].isspace():
            pos += 1
        if pos < last:
            starts.append(pos)
    return starts


class Sentences:
    """Sentence boundaries of a body, for finding the sentence around an offset.

    Only the paragraphs attribution looks into (those with quotes, and the ones a pronoun
    points back to) ever need splitting, so each paragraph is split the first time it is asked
    about.
    """

    def __init__(self, body: str, paras: list[Span]) -> None:
        self.body = body
        self.paras = paras
        # (paragraph bounds as plain ints: a pydantic attribute read costs several times a
        # tuple's, and `at` runs a few thousand times an article batch)
        self.para_starts = [p.start for p in paras]
        self._para_ends = [p.end for p in paras]
        self._split: dict[int, tuple[list[int], list[int]]] = {}

    def of_paragraph(self, index: int) -> tuple[list[int], list[int]]:
        """(starts, ends) of the sentences of paragraph `index`; ends exclude trailing spaces."""
        found = self._split.get(index)
        if found is None:
            found = self._split[index] = self._split_paragraph(index)
        return found

    def _split_paragraph(self, index: int) -> tuple[list[int], list[int]]:
        body = self.body
        para_end = self._para_ends[index]
        starts = _sentence_starts(body, self.para_starts[index], para_end)
        ends = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else para_end
            while end > start and body[end - 1].isspace():
                end -= 1
            ends.append(end)
        return starts, ends

    def at(self, offset: int) -> tuple[int, int] | None:
        """(start, end) of the sentence holding `offset` (or the last one before it), None if none."""
        index = bisect_right(self.para_starts, offset) - 1
        if index < 0:
            return None
        found = self._split.get(index)
        if found is None:
            found = self._split[index] = self._split_paragraph(index)
        starts, ends = found
        i = bisect_right(starts, offset) - 1
        return starts[i], ends[i]
