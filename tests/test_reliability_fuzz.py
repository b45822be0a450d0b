"""Property-based fuzzing of ingest, extraction, the query path and the store round trip.

Arbitrary bytes and text never raise (a query may raise QueryError, nothing else); every
span lies inside the body and equals its slice; an article read back from the store equals
the one written. The default run is quick; a campaign sets QUOTEWIRE_FUZZ_EXAMPLES:

    QUOTEWIRE_FUZZ_EXAMPLES=20000 python -m pytest tests/test_reliability_fuzz.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from index import Library
from index.extract import extract
from index.ingest import read_file
from index.models import Article, Entity, EntityLabel, Quote, Span, Speaker, article_id
from index.store import QueryError
from index.store.indexer import to_document
from index.store.schema import build_schema

EXAMPLES = int(os.environ.get("QUOTEWIRE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Quote marks of every script, right-to-left text, combining marks, emoji, zero-width characters,
# terminal escapes and markup, next to the words extraction looks for.
_PIECES = st.sampled_from([
    '"', "“", "”", "„", "‟", "‘", "’", "'", "«", "»", "‹", "›", "「", "」", "『", "』", "〝", "〞", "＂",
    "\n", "\n\n", " ", ", ", ". ", ": ", " said ", " he said", "Abe", "Mr. ", "Kim Jong-un", "according to ",
    "مرحبا بالعالم", "שלום", "\u202e", "\u200f", "e\u0301", "\u0338", "👍🏽", "👨‍👩‍👧", "\u200b", "\u200d", "\ufeff",
    "\x1b[31m", "\x1b]52;c;ZXZpbA==\x07", "\x9b", "[bold]", "[/]", "[@click=app.quit]", "\x00", "\r\n",
])
TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=80).map("".join)


def _check_spans(article: Article) -> None:
    size = len(article.body)
    for paragraph in article.paragraphs:
        assert 0 <= paragraph.start < paragraph.end <= size
    for entity in article.entities:
        assert 0 <= entity.span.start < entity.span.end <= size
        assert article.text_of(entity.span) == entity.text
    for quote in article.quotes:
        assert 0 <= quote.span.start < quote.span.end <= size
        assert article.text_of(quote.span) == quote.text
        if quote.speaker_span is not None:
            assert 0 <= quote.speaker_span.start < quote.speaker_span.end <= size


@FUZZ
@given(st.binary(max_size=600), st.sampled_from([".txt", ".md", ".jsonl"]))
def test_any_bytes_in_any_supported_file_never_raise(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        result = read_file(path, path.name)
    for problem in result.problems:
        assert problem.path == path.name and problem.reason and "\n" not in problem.reason
    for article in result.articles:
        _check_spans(extract(article))


@FUZZ
@given(TEXT, st.sampled_from([".txt", ".md"]), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_any_text_in_any_encoding_reads_and_extracts(text: str, suffix: str, encoding: str):
    data = text.encode(encoding, "replace")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        result = read_file(path)
    for article in result.articles:
        assert "\x1b" not in article.body and "\x00" not in article.body and "\x9b" not in article.body
        _check_spans(extract(article))


@FUZZ
@given(TEXT)
def test_extraction_of_any_body_never_raises_and_spans_match(body: str):
    _check_spans(extract(Article(id="f", path="f", title="f", body=body)))


@pytest.fixture(scope="module")
def seeds_index():
    folder = Path(tempfile.mkdtemp()) / "seeds"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns(".quotewire"))
    Library(folder).update()
    with Library(folder).open() as index:
        yield index
    shutil.rmtree(folder.parent, ignore_errors=True)


_QUERY_PIECES = st.sampled_from([
    "abe", "summit", "Putin", "AND", "OR", "NOT", "ANDNOT", "(", ")", '"', "*", "?", "title:", "speaker:", "date:",
    "source:", "[", "]", "TO", "{", "}", "^", "~", "2", "2019", "-", "+", ":", "\\", " ", "'", "NOT NOT", "a*",
    "«", "\x00", "\x1b", "é", "日本",
])
QUERIES = st.lists(st.one_of(_QUERY_PIECES, st.text(max_size=6)), max_size=25).map("".join)


@FUZZ
@given(QUERIES)
def test_any_query_answers_or_raises_a_query_error(seeds_index, text: str):
    try:
        results = seeds_index.search(text, limit=5)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc).replace(text, "")
        return
    assert results.total >= len(results.hits)
    for hit in results.hits:
        for span in hit.snippet.matches:
            assert 0 <= span.start < span.end <= len(hit.snippet.text)
        article = seeds_index.article(hit.row.id)
        for span in seeds_index.match_spans(text, article):
            assert 0 <= span.start < span.end <= len(article.body)


# -- the store round trip ---------------------------------------------------------------------

@st.composite
def articles(draw) -> Article:
    body = draw(st.text(min_size=1, max_size=300).filter(str.strip))
    size = len(body)

    def span() -> Span:
        start = draw(st.integers(0, size - 1))
        return Span(start=start, end=draw(st.integers(start + 1, size)))

    entities = tuple(
        Entity(span=s, text=body[s.start:s.end], label=draw(st.sampled_from(list(EntityLabel))),
               canonical=draw(st.text(min_size=1, max_size=20)))
        for s in [span() for _ in range(draw(st.integers(0, 4)))]
    )
    speakers = draw(st.lists(st.text(min_size=1, max_size=20), max_size=3, unique=True))
    quotes = tuple(
        Quote(span=s, text=body[s.start:s.end], partial=draw(st.booleans()),
              speaker=draw(st.sampled_from([None, *speakers])), speaker_span=draw(st.sampled_from([None, span()])),
              cue=draw(st.sampled_from([None, "said", "told"])))
        for s in [span() for _ in range(draw(st.integers(0, 4)))]
    )
    title = draw(st.text(min_size=1, max_size=60))
    return Article(
        id=article_id(title, body), path=draw(st.text(min_size=1, max_size=30)), title=title,
        title_derived=draw(st.booleans()), source=draw(st.none() | st.text(max_size=20)),
        dateline=draw(st.none() | st.text(max_size=20)), date=draw(st.none() | st.dates()),
        url=draw(st.none() | st.text(max_size=30)), byline=draw(st.none() | st.text(max_size=20)),
        body=body, paragraphs=(Span(start=0, end=size),), entities=entities, quotes=quotes,
        speakers=tuple(Speaker(name=n, aliases=(n.upper(),), quote_count=1) for n in speakers),
    )


@FUZZ
@given(st.lists(articles(), min_size=1, max_size=3, unique_by=lambda a: a.id))
def test_any_article_round_trips_through_the_store(batch: list[Article]):
    from whoosh import index as whoosh_index

    with tempfile.TemporaryDirectory() as folder:  # (RamStorage shares /tmp/MAIN.tmp between processes)
        ix = whoosh_index.create_in(folder, build_schema())
        writer = ix.writer()
        for article in batch:
            writer.add_document(**to_document(article, article.path))
        writer.commit()
        with ix.searcher() as searcher:
            for article in batch:
                stored = searcher.reader().column_reader("article")[searcher.document_number(id=article.id)]
                assert Article.model_validate_json(stored) == article
        ix.close()


@settings(max_examples=max(10, EXAMPLES // 10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(TEXT.filter(lambda t: any(c.isalnum() for c in t)), min_size=1, max_size=4))
def test_files_indexed_and_read_back_equal_their_extraction(tmp_path_factory, texts: list[str]):
    folder = tmp_path_factory.mktemp("roundtrip")
    for n, text in enumerate(texts):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    Library(folder).update()
    with Library(folder).open() as index:
        for n in range(len(texts)):
            result = read_file(folder / f"{n}.txt", f"{n}.txt")
            for article in result.articles:
                stored = index.article(article.id)
                assert stored is not None
                if stored.path == article.path:  # (a duplicate of another file is kept once)
                    assert stored == extract(article)
