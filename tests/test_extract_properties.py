"""Arbitrary text never breaks extraction, and every span it returns matches the body."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.extract import extract
from index.models import Article

# Text biased towards what matters: quote marks, apostrophes, capitals, cue words, newlines.
_pieces = st.sampled_from(
    ['"', "“", "”", "‘", "’", "'", "\n", "\n\n", " ", ", ", ". ", ": ", "said", " he said", "Abe", "Mr.",
     "U.S.", "Kim Jong-un", "according to", "the source", "Sept. 11", "1910", "THE", "—", "Ministry"]
)
_text = st.lists(st.one_of(_pieces, st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_text)
def test_extraction_never_raises_and_spans_match_the_body(body):
    article = extract(Article(id="p", path="p", title="p", body=body))
    for entity in article.entities:
        assert 0 <= entity.span.start < entity.span.end <= len(body)
        assert body[entity.span.start : entity.span.end] == entity.text
    for quote in article.quotes:
        assert body[quote.span.start : quote.span.end] == quote.text
        if quote.speaker_span is not None:
            assert quote.speaker_span.end <= len(body)
    quoted = {q.speaker for q in article.quotes if q.speaker}
    assert {s.name for s in article.speakers} == quoted
