"""The benchmark suite's yardstick (bench/run.py): Whoosh as shipped builds the same index.

"quotewire / Whoosh as shipped" only compares speeds if both write the same postings: the
stock schema must differ from quotewire's in how fast it analyses, never in what it indexes.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import CompositeAnalyzer
from whoosh.writing import SegmentWriter

from index.extract import default_extractor
from index.ingest import Problem, iter_file
from index.store.analysis import FusedCharacters, FusedPositions, _FusedAnalyzer
from index.store.indexer import to_document
from index.store.schema import build_schema

REPO = Path(__file__).resolve().parents[1]


def _load_run():
    sys.path.insert(0, str(REPO / "bench"))
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


run = _load_run()


def _seed_documents() -> list[dict]:
    extractor = default_extractor()
    docs = []
    for path in sorted(p for p in (REPO / "seeds").rglob("*") if p.is_file() and ".quotewire" not in p.parts):
        for article in iter_file(path, path.name):
            if not isinstance(article, Problem):
                docs.append(to_document(extractor.extract(article), path.name))
    return docs


def _postings(folder: Path, schema, docs: list[dict]) -> list[tuple]:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), schema)
    writer = SegmentWriter(ix)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    found = []
    with ix.reader() as reader:
        for fieldname, word in reader.all_terms():
            matcher = reader.postings(fieldname, word)
            while matcher.is_active():
                found.append((fieldname, word, matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
    return found


def test_whoosh_as_shipped_analyses_with_plain_whoosh_chains():
    for name, field in run.stock_schema().items():
        assert not isinstance(getattr(field, "analyzer", None), _FusedAnalyzer), name
        assert type(field.format) not in (FusedPositions, FusedCharacters), name
    body = run.stock_schema()["body"]
    assert type(body.analyzer) is CompositeAnalyzer and body.format.supports("positions")


def test_whoosh_as_shipped_writes_the_postings_quotewire_writes(tmp_path):
    docs = _seed_documents()
    assert docs
    stock = _postings(tmp_path / "stock", run.stock_schema(), docs)
    fused = _postings(tmp_path / "fused", build_schema(), docs)
    assert len(stock) > 300  # two articles, every field
    assert stock == fused
