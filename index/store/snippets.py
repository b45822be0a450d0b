"""Snippets: the passages of a hit's body around the words it was found by.

Only the hits shown get a snippet, so their bodies are analysed again to find where the
words are (the fused analyzer, spelling by spelling: about 0.3 ms for a 600-word article)
rather than keeping every word's character offsets in the index, which every posting block
a search decodes carried along (the 10k index: 191 MB with them, 169 MB without). Whoosh
cuts the passages (its pinpoint fragmenter and fragment scoring); `SnippetFormatter` turns
them into a `Snippet`, text plus the spans to highlight, never markup, so an article's own
characters are never read as formatting.
"""

from __future__ import annotations

from whoosh.analysis import Token
from whoosh.highlight import FIRST, BasicFragmentScorer, Formatter, PinpointFragmenter, top_fragments

from ..models import Span
from .results import Snippet

SNIPPET_SEPARATOR = " … "
TOP_FRAGMENTS = 2  # passages in a snippet


def pinpoint_fragmenter() -> PinpointFragmenter:
    """Passages cut around the matched words' offsets."""
    return PinpointFragmenter(maxchars=140, surround=50, autotrim=True)


def snippet_of(text: str, words: frozenset[str], analyzer) -> Snippet | None:
    """The best passages of `text` around the indexed `words` ("talk" for "talks"), found
    with `analyzer` (a fused analyzer: analysis.py); None when none occurs in it."""
    fragmenter = pinpoint_fragmenter()
    tokens = [Token(text=word, startchar=start, endchar=end, matched=True)
              for word, start, end in analyzer.spans(text, words) if end <= fragmenter.charlimit]
    if not tokens:
        return None
    fragments = top_fragments(fragmenter.fragment_matches(text, tokens), TOP_FRAGMENTS, BasicFragmentScorer(),
                              FIRST, minscore=1)
    return SnippetFormatter().format(fragments)


class SnippetFormatter(Formatter):
    """A Whoosh formatter that returns a Snippet (text + match spans) instead of markup."""

    def format(self, fragments, replace: bool = False) -> Snippet:
        pieces: list[str] = []
        spans: list[Span] = []
        size = 0
        for number, fragment in enumerate(fragments):
            opener = SNIPPET_SEPARATOR if number else ("…" if fragment.startchar > 0 else "")
            pieces.append(opener)
            size += len(opener)
            last = fragment.startchar
            for token in sorted(fragment.matches, key=lambda t: (t.startchar, -t.endchar)):
                if token.startchar is None or token.startchar < last or token.endchar <= token.startchar:
                    continue
                gap = fragment.text[last : token.startchar]
                pieces.append(gap)
                size += len(gap)
                word = fragment.text[token.startchar : token.endchar]
                spans.append(Span(start=size, end=size + len(word)))
                pieces.append(word)
                size += len(word)
                last = token.endchar
            tail = fragment.text[last : fragment.endchar]
            pieces.append(tail)
            size += len(tail)
        if fragments and fragments[-1].endchar < len(fragments[-1].text):
            pieces.append("…")
        return Snippet(text="".join(pieces), matches=tuple(spans))


def lead(body: str, size: int = 180) -> str:
    """The start of a body, cut at a word: the snippet of a hit whose match is not in it."""
    if len(body) <= size:
        return body
    cut = body.rfind(" ", 0, size)
    return body[: cut if cut > 0 else size] + "…"
