"""The one-word ranker (index/store/scoring.py) returns Whoosh's own hits, order and scores,
while reading fewer posting blocks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.query import Or, Phrase, Term

from index.store.reader import _lengths_in_memory
from index.store.schema import build_schema
from index.store.scoring import top_hits

WORDS = [f"w{n}" for n in range(60)]


def _text(rng: random.Random, size: int) -> str:
    # Zipf-like: a few words in most documents (many posting blocks), most in few.
    return " ".join(WORDS[min(int(rng.paretovariate(0.9)) - 1, len(WORDS) - 1)] for _ in range(size))


def _add(writer, rng: random.Random, number: int) -> None:
    writer.add_document(id=f"d{number}", path=f"p{number}", file=f"f{number % 40}",
                        title=_text(rng, rng.randint(2, 8)), body=_text(rng, rng.randint(5, 120)),
                        quotes=0, day=0, article=b"{}")


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    """Two segments, the first with deletions: 700 documents, words with up to 6 blocks."""
    folder = tmp_path_factory.mktemp("scoring")
    ix = whoosh_index.create_in(str(folder), build_schema())
    rng = random.Random(5)
    writer = ix.writer()
    for number in range(500):
        _add(writer, rng, number)
    writer.commit()
    writer = ix.writer()
    for file in ("f3", "f17", "f22"):
        writer.delete_by_term("file", file)
    for number in range(500, 700):
        _add(writer, rng, number)
    writer.commit(merge=False)
    return folder


def _queries():
    for word in WORDS[:25] + ["absent"]:
        yield Term("body", word)
        yield Term("title", word)
        yield Or([Term("title", word, boost=2.0), Term("body", word)])
        yield Or([Term("body", word), Term("title", word, boost=2.0)])
        yield Or([Term("body", word), Term("body", WORDS[(WORDS.index(word) + 7) % 60] if word in WORDS else "w1")])


@pytest.mark.parametrize("lengths_held", [True, False])
def test_the_ranker_returns_exactly_whoosh_s_hits_order_and_scores(index_dir: Path, lengths_held: bool):
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        assert len(searcher.leaf_searchers()) == 2 and searcher.reader().has_deletions()
        if lengths_held:
            _lengths_in_memory(searcher)
        compared = 0
        for query in _queries():
            for limit in (1, 3, 10, 40):
                expected = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=limit)]
                assert top_hits(searcher, query, limit) == expected, (query, limit)
                compared += bool(expected)
        assert compared > 300


def test_the_ranker_declines_queries_it_does_not_rank(index_dir: Path):
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        assert top_hits(searcher, Phrase("body", ["w0", "w1"]), 10) is None
        assert top_hits(searcher, Or([Term("body", "w0"), Term("body", "w1"), Term("body", "w2")]), 10) is None
        assert top_hits(searcher, Term("id", "d5"), 10) is None  # an unscored field
        assert top_hits(searcher, Term("body", "w0", boost=0.0), 10) is None
