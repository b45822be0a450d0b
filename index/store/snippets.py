"""Snippets: the passages of a hit's body around the words it was found by.

Whoosh cuts them (its fragmenters and fragment scoring); `SnippetFormatter` turns them into
a `Snippet`, text plus the spans to highlight, never markup, so an article's own characters
are never read as formatting.
"""

from __future__ import annotations

from whoosh.highlight import Formatter, PinpointFragmenter

from ..models import Span
from .results import Snippet

SNIPPET_SEPARATOR = " … "
TOP_FRAGMENTS = 2  # passages in a snippet


def pinpoint_fragmenter() -> PinpointFragmenter:
    """Passages cut around match offsets read from the postings (the body has chars=True)."""
    return PinpointFragmenter(maxchars=140, surround=50, autotrim=True)


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
