"""The store's faster indexing path writes exactly what Whoosh's own would.

The fused analyzers (analysis.py) and the bulk segment writer (segments.py) exist only for
speed: every posting they produce, every field length, stored field and column must be the
ones Whoosh's analyzer chains and SegmentWriter produce from the same documents.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.analysis import CompositeAnalyzer, RegexTokenizer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import TEXT
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from index import Library
from index.extract import default_extractor
from index.ingest import Problem, iter_file
from index.store.analysis import NamesAnalyzer, ProseAnalyzer, encode_positions, fused
from index.store.indexer import to_document
from index.store.schema import build_schema
from index.store.segments import BulkSegmentWriter, PostingBuffer

# Words that exercise the chains: stop words, one-letter words, accents, digits, dotted
# numbers, underscores, apostrophes, hyphens, capitals and words that stem alike.
WORDS = ["the", "a", "I", "talks", "talking", "talked", "São", "Paulo", "ÉLYSÉE", "naïve", "3.141", "2024",
         "under_score", "don't", "Kim", "Jong-un", "O'Neill", "e.g.", "Blair's", "running", "runs", "Zürich",
         "straße", "ﬁnance", "x", "to", "be", "or", "not", "minister", "ministers", "ministry", "ΑΘΗΝΑ", "Москва"]
texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=40).map(
    lambda words: " ".join(words))


def _chain(analyzer) -> CompositeAnalyzer:
    """The plain Whoosh chain a fused analyzer stands for."""
    return CompositeAnalyzer(*analyzer.items)


def _plain_field(field: TEXT) -> TEXT:
    """The same field as Whoosh builds it, with the plain chain and Whoosh's own format."""
    return TEXT(analyzer=_chain(field.analyzer), chars=field.format.supports("characters"),
                field_boost=field.format.field_boost)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_fused_analysis_indexes_the_same_postings_as_the_whoosh_chain(text):
    for analyzer in (ProseAnalyzer(), NamesAnalyzer()):
        for chars in (False, True):
            field = fused(TEXT(analyzer=analyzer, chars=chars))
            assert list(field.index(text)) == list(_plain_field(field).index(text))


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_the_bulk_path_finds_the_positions_the_whoosh_chain_indexes(text):
    legacy = ProseAnalyzer()  # as unpickled from an index written with Whoosh's capturing pattern
    legacy.items[0] = RegexTokenizer(default_pattern)
    legacy._setup()
    for analyzer in (ProseAnalyzer(), NamesAnalyzer(), legacy):
        plain = {word: (freq, value) for word, freq, _, value in _plain_field(fused(TEXT(analyzer=analyzer))).index(text)}
        found = analyzer.positions(text)
        assert {word: (len(places), encode_positions(places)) for word, places in found.items()} == plain


def test_queries_and_highlighting_still_use_the_chain():
    analyzer = ProseAnalyzer()
    for kwargs in ({"mode": "query"}, {"mode": "index", "chars": True, "removestops": False}):
        fast = [(t.text, t.stopped) for t in analyzer("The talks in São Paulo", **kwargs)]
        plain = [(t.text, t.stopped) for t in _chain(analyzer)("The talks in São Paulo", **kwargs)]
        assert fast == plain
    assert [t.text for t in analyzer("Talks in São Paulo", mode="query")] == ["talk", "sao", "paulo"]


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[dict]:
    """The seeds' documents, repeated under other ids so the writers spill to disk."""
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    extractor = default_extractor()
    docs = []
    for path in sorted(p for p in seeds.rglob("*") if p.is_file() and ".quotewire" not in p.parts):
        for article in iter_file(path, path.name):
            if not isinstance(article, Problem):
                docs.append(to_document(extractor.extract(article), path.name))
    assert docs, "the seeds give documents"
    return [{**doc, "id": f"{doc['id']}-{n}", "path": f"{doc['path']}#{n}"} for n in range(100) for doc in docs]


def _write(folder: Path, writer_class, docs: list[dict], limitmb: int, batch: int = 0):
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = writer_class(ix, limitmb=limitmb, compound=False)
    if batch:
        for start in range(0, len(docs), batch):
            writer.add_documents(docs[start : start + batch])
    else:
        for doc in docs:
            writer.add_document(**doc)
    runs = len(writer.pool.runs)
    writer.commit()
    return whoosh_index.open_dir(str(folder)), runs


def _everything(ix) -> dict:
    with ix.reader() as reader:
        postings = []
        for fieldname, word in reader.all_terms():
            matcher = reader.postings(fieldname, word)
            while matcher.is_active():
                postings.append((fieldname, word, matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
        docs = range(reader.doc_count_all())
        lengths = {name: [reader.doc_field_length(n, name) for n in docs]
                   for name, field in reader.schema.items() if field.scorable}
        columns = {name: list(reader.column_reader(name)) for name in ("id", "title", "day", "quotes", "article")}
        stored = [reader.stored_fields(n) for n in docs]
    return {"postings": postings, "lengths": lengths, "columns": columns, "stored": stored}


def test_the_bulk_writer_writes_what_whoosh_writes_even_after_spilling(documents, tmp_path):
    whoosh_ix, _ = _write(tmp_path / "whoosh", SegmentWriter, documents, limitmb=1)
    bulk_ix, runs = _write(tmp_path / "bulk", BulkSegmentWriter, documents, limitmb=1)
    assert runs >= 2, "the buffer spilled to disk and merged its runs back"
    assert _everything(bulk_ix) == _everything(whoosh_ix)
    with whoosh_ix.searcher() as plain, bulk_ix.searcher() as bulk:
        from index.store.query import QueryParser

        for text in ("summit", "abduction OR Putin", '"prime minister"', "speaker:abe"):
            query = QueryParser().parse(text)
            assert ([(h.docnum, h.score) for h in bulk.search(query, limit=20)]
                    == [(h.docnum, h.score) for h in plain.search(query, limit=20)])


def test_documents_indexed_field_by_field_in_batches_give_the_same_index(documents, tmp_path):
    # A batch of 37 is not a divisor of the document count, and the buffer spills in the
    # middle of batches, between one field's documents.
    one_by_one, _ = _write(tmp_path / "single", BulkSegmentWriter, documents, limitmb=1)
    batched, runs = _write(tmp_path / "batched", BulkSegmentWriter, documents, limitmb=1, batch=37)
    assert runs >= 2
    assert _everything(batched) == _everything(one_by_one)


def test_the_buffer_keeps_document_order_when_postings_arrive_out_of_order(tmp_path):
    """Whoosh's writers add a word's postings in document order; the buffer stays exact if not."""
    storage = FileStorage(str(tmp_path)).create()
    buffer = PostingBuffer(storage, segment=None, limitmb=1)
    buffer.add(("body", b"word", 5, 1.0, b"e"))
    buffer.save()
    buffer.add(("body", b"word", 2, 2.0, b"b"))
    buffer.add(("body", b"other", 1, 1.0, b"o"))
    buffer.save()
    buffer.add(("body", b"word", 9, 1.0, b"i"))
    assert list(buffer.iter_postings()) == [("body", b"other", 1, 1.0, b"o"), ("body", b"word", 2, 2.0, b"b"),
                                            ("body", b"word", 5, 1.0, b"e"), ("body", b"word", 9, 1.0, b"i")]
    buffer.cleanup()
    assert not list(tmp_path.glob("*.postings"))


def test_a_distinctive_word_ranks_the_article_about_it_first(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    filler = "The council met on Monday to discuss the budget and the new school. " * 6
    for n in range(8):
        (corpus / f"{n}.txt").write_text(f"Council meeting {n}\n\n{filler}\n", encoding="utf-8")
    (corpus / "a.txt").write_text(f"Budget talks\n\n{filler} A zeppelin was mentioned once.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Zeppelin returns to the sky\n\nThe zeppelin flew over the city. Zeppelin "
                                  "makers said the zeppelin would fly again.\n", encoding="utf-8")
    library = Library(corpus)
    library.update()
    with library.open() as index:
        results = index.search("zeppelin")
        assert [hit.row.title for hit in results.hits] == ["Zeppelin returns to the sky", "Budget talks"]
        assert results.hits[0].score > results.hits[1].score


def test_a_spilled_run_is_read_back_a_small_piece_at_a_time(tmp_path):
    """Merging N spilled runs holds one piece of each in memory: pieces stay small even when
    common words have long posting lists (chunks of 1,024 words took 690 MB at 100k articles)."""
    storage = FileStorage(str(tmp_path)).create()
    buffer = PostingBuffer(storage, segment=None, limitmb=64)
    common = [f"common{n}".encode() for n in range(40)]
    rare = [f"rare{n:05}".encode() for n in range(3000)]
    for docnum in range(1500):
        for word in common:
            buffer.add(("body", word, docnum, 1.0, b"pos"))
        buffer.add(("body", rare[docnum], docnum, 1.0, b"pos"))
        buffer.add(("body", rare[docnum + 1500], docnum, 1.0, b"pos"))
    buffer.save()
    [run] = buffer.runs
    pieces = []
    with storage.open_file(run).raw_file() as source:
        unpickler = pickle.Unpickler(source)
        while (piece := unpickler.load()) is not None:
            pieces.append(piece)
    assert sum(len(piece) for piece in pieces) == len(common) + len(rare)
    for piece in pieces:
        assert len(piece) <= 256
        # a piece closes once it holds 1,000 posting entries: only its last word can pass that
        assert sum(len(flat) for _, _, flat in piece[:-1]) < 1000
    assert max(len(piece) for piece in pieces) > 100, "rare words still travel many to a piece"
    assert [word for _, word, _ in buffer.flat_words()] == sorted(common + rare)
    buffer.cleanup()
