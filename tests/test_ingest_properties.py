"""Properties that hold for any input: ingest never raises and the body is always well formed."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from index.ingest import decode_bytes, parse_text
from index.models import article_id

# Text with the characters scrapes mix in: newlines, escapes, controls, quotes, dashes, bullets.
messy_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("\n\n\r\t\x1b[]()•—–-.:!?\"“”’#*_`>|") + ["\x9b", "\u2028", "\ufeff", "e\u0301"]),
        st.sampled_from(["Back To Top", "(Yonhap)", "LONDON (Reuters) - ", "By Jane Smith, Reuters", " said ",
                         "Advertisement", "Published: 2018-06-14", "# ", "---\n", "[a](http://x.y)", "• Kyodo",
                         "The bank kept its rate. ", "\n\n", "Follow us on Twitter. ", "\x1b[31m"]),
    ),
    max_size=120,
).map("".join)


def check(article) -> None:
    assert article.body.strip() == article.body and article.body
    assert "\n\n".join(article.paragraph_texts()) == article.body
    for text in article.paragraph_texts():
        assert text and text == " ".join(text.split())
    assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in article.body + article.title)
    assert unicodedata.is_normalized("NFC", article.body)
    assert article.title and "\n" not in article.title
    assert article.id == article_id(article.title, article.body)


@settings(max_examples=300, deadline=None)
@given(messy_text, st.booleans())
def test_any_text_gives_a_well_formed_article_or_none(text: str, markdown: bool):
    article = parse_text(text, path="x", markdown=markdown)
    if article is None:
        return
    check(article)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode(data: bytes):
    text = decode_bytes(data)
    assert isinstance(text, str)
    article = parse_text(text, path="x")
    if article is not None:
        check(article)


@settings(max_examples=100, deadline=None)
@given(messy_text)
def test_ingest_is_deterministic(text: str):
    first, second = parse_text(text, path="x"), parse_text(text, path="x")
    assert first == second
