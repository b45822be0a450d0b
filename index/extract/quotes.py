"""Finding quotations: balanced double quote marks, paragraph by paragraph.

Hand-written because no library knows news typography: straight and curly double marks
that are sometimes mistyped, apostrophes that look like closing single quotes
("countries’"), and the convention that a quote running over several paragraphs reopens
each one with a mark and closes only at its end. Single quotes are never quote marks here:
inside a double-quoted quotation they simply stay part of its text, except in a headline, where
news writes single marks for quotations (`Smith: 'We will win'`). A mark right after "="
opens a markup attribute value (`<tweet id="7479">` pasted into a story), never a quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from index.models import Span

# Two straight apostrophes ('') stand for a double mark in some wire and newspaper text
# (the New York Times archive writes ''Like this,'' he said); a lone apostrophe is never a mark.
_SINGLE_MARKS = ('"', "“", "”", "„", "«", "»")
_PAIRED_MARK = "''"
# what may open the paragraph that carries on a quote: any mark but a closing one
_REOPENERS = frozenset('"“„«')
_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_SPACE_BEFORE_OPEN = frozenset(" \t\n([{—–-/")
# What may stand right before a full (not partial) quotation, spaces aside: nothing, a sentence
# end (an ellipsis too), a colon or comma after a cue, a dash, or the end of the previous quote.
_FULL_QUOTE_LEAD_ENDS = frozenset('.!?:,;—–-("”“')
# Headlines mark quotations with single marks. Only the headline form that says whose words they
# are is taken: a name, a colon, then a quotation running to the headline's end
# (`Reid: 'Never underestimate him.'`). Single-marked phrases inside a headline ("Obama to frame
# election as 'commander-in-chief' test") are left alone: news annotators mostly treat them as
# labels, and the apostrophes inside ("I’m", "Clinton's") stay text because the quotation runs
# from the mark after the colon to the last mark.
_HEADLINE_QUOTE = re.compile(r":\s+['‘](?=\w)(.+)(?<=\S)['’][\s.;!?]*$")
_HEADLINE_MAX = 200  # a first paragraph longer than this is prose, not a headline


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A quotation as found: the text span (without marks) and the marks around it."""

    span: Span
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when bounded by its paragraph
    partial: bool
    close_end: int | None = None  # offset just after the closing mark (marks may be two characters)
    headline: bool = False  # single-marked quote in a headline (titles are capitalised: not a work's name)

    @property
    def after(self) -> int:
        """Where the reporter's words after the quote begin."""
        return self.close_end if self.close_end is not None else self.span.end


def _is_opening(body: str, pos: int, mark: str, inside: bool) -> bool:
    after = pos + len(mark)
    if mark in _OPENERS:
        # a “ followed by a space or ending a word is a mistyped closer
        nxt = body[after : after + 1]
        return not (inside and (nxt == "" or nxt.isspace() or nxt in ",.;:!?"))
    if mark in _CLOSERS:
        # a ” preceded by a space and followed by a letter is a mistyped opener
        prev = body[pos - 1 : pos]
        nxt = body[after : after + 1]
        return not inside and (prev == "" or prev in _SPACE_BEFORE_OPEN) and nxt.isalnum()
    # straight mark: inside a quote it closes; outside it opens, unless it sits after a
    # word and before a space, like a stray closer
    if inside:
        return False
    prev = body[pos - 1 : pos]
    nxt = body[after : after + 1]
    return not (prev and not prev.isspace() and prev not in _SPACE_BEFORE_OPEN and (nxt == "" or nxt.isspace()))


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _is_partial(body: str, para_start: int, open_mark: int, text_start: int, text_end: int) -> bool:
    """A partial quote is a phrase inside the reporter's sentence rather than a full utterance."""
    first = body[text_start]
    if not (first.isupper() or first.isdigit() or first in "…'‘\"“(["):
        return True
    lead = body[max(para_start, open_mark - 40) : open_mark]
    if open_mark - para_start <= 40:
        lead = body[para_start:open_mark]
    # (the last character told directly: a regex search for these ends tried every position)
    lead = lead.rstrip()
    return bool(lead) and lead[-1] not in _FULL_QUOTE_LEAD_ENDS


def _marks_in(body: str) -> list[int]:
    """Offsets of the one-character quote marks in the whole body, in order.

    Found with `str.find`, one mark kind at a time: the regex engine tried every character of
    the body and cost half of quote finding; a body without curly marks (most) answers those
    look-ups at once.
    """
    found = []
    for mark in _SINGLE_MARKS:
        at = body.find(mark)
        while at >= 0:
            found.append(at)
            at = body.find(mark, at + 1)
    found.sort()
    return found


def _paragraph_marks(body: str, para: Span, singles: list[int], paired: bool) -> list[tuple[int, str]]:
    """The quote marks of one paragraph in order: (offset, mark). Pairs of apostrophes are
    looked for within the paragraph only, as a regex bounded by it would pair them."""
    start, end = para.start, para.end
    marks = [(at, body[at]) for at in singles[bisect_left(singles, start) : bisect_left(singles, end)]]
    if paired:
        at = body.find(_PAIRED_MARK, start, end)
        if at >= 0:
            while at >= 0:
                marks.append((at, _PAIRED_MARK))
                at = body.find(_PAIRED_MARK, at + 2, end)
            marks.sort()
    return marks


def _headline_quotes(body: str, para: Span) -> list[FoundQuote]:
    """The quotation in single marks that ends a headline after a colon (a short first paragraph
    without double marks), or none."""
    text = body[para.start : para.end]
    if len(text) > _HEADLINE_MAX or "\n" in text or any(mark in text for mark in _SINGLE_MARKS) \
            or (_PAIRED_MARK in text) or ("'" not in text and "‘" not in text):
        return []
    match = _HEADLINE_QUOTE.search(text)
    if match is None:
        return []
    start, end = para.start + match.start(1), para.start + match.end(1)
    open_mark = start - 1
    partial = _is_partial(body, para.start, open_mark, start, end)
    return [FoundQuote(Span(start=start, end=end), open_mark, end, partial, end + 1, headline=True)]


def find_quotes(body: str, paragraphs: list[Span]) -> list[FoundQuote]:
    """Every quotation in the body, in order.

    Within a paragraph, marks pair up left to right. A paragraph that opens a quote and does
    not close it continues into the next paragraph when that one opens with a quote mark (the
    result is one quote spanning both); otherwise the quote ends with its paragraph, so an
    unbalanced mark never swallows the rest of the article.
    """
    found: list[FoundQuote] = _headline_quotes(body, paragraphs[0]) if paragraphs else []
    singles = _marks_in(body)
    paired = _PAIRED_MARK in body
    open_at: int | None = None  # offset of the current opening mark
    attribute = False  # the open mark starts a markup attribute value (`id="7479"`): no quote
    open_len = 1
    open_para_start = 0
    for index, para in enumerate(paragraphs):
        continuing = open_at is not None
        for pos, mark in _paragraph_marks(body, para, singles, paired):
            if continuing:
                continuing = False
                if pos == para.start:
                    continue  # the mark that reopens a continued quote
            if open_at is None:
                if _is_opening(body, pos, mark, inside=False):
                    open_at = pos
                    open_len = len(mark)
                    open_para_start = para.start
                    attribute = body[pos - 1 : pos] == "="
                continue
            if _is_opening(body, pos, mark, inside=True):
                # a second opener before any closer: the first mark was stray
                open_at = pos
                open_len = len(mark)
                open_para_start = para.start
                attribute = body[pos - 1 : pos] == "="
                continue
            start, end = _trimmed(body, open_at + open_len, pos)
            if end > start and not attribute:
                partial = _is_partial(body, open_para_start, open_at, start, end)
                found.append(FoundQuote(Span(start=start, end=end), open_at, pos, partial, pos + len(mark)))
            open_at = None
        if open_at is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if nxt is not None and (body[nxt.start] in _REOPENERS or body.startswith(_PAIRED_MARK, nxt.start)):
                continue  # multi-paragraph quote: carried into the next paragraph
            start, end = _trimmed(body, open_at + open_len, para.end)
            if end > start and not attribute:
                partial = _is_partial(body, open_para_start, open_at, start, end)
                found.append(FoundQuote(Span(start=start, end=end), open_at, None, partial))
            open_at = None
    return found
