"""`extraction_batch()`: the collector setting the indexer wraps around many `extract` calls.

It must never change what extraction finds, and must leave the process as it found it, so
that an indexing run inside the TUI does not leave the app's collector tuned for batches.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from index.extract import RuleExtractor, extraction_batch
from index.extract.batch import BATCH_THRESHOLD
from index.models import Article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def _seed_articles() -> list[Article]:
    return [
        Article(id=path.stem, path=path.name, title=path.stem, body=path.read_text(encoding="utf-8"))
        for path in sorted(SEEDS.glob("*.txt"))
    ]


def test_the_batch_finds_what_single_calls_find():
    articles = _seed_articles()
    assert articles
    alone = [RuleExtractor().extract(article) for article in articles]
    engine = RuleExtractor()
    with extraction_batch():
        batched = [engine.extract(article) for article in articles]
    assert batched == alone
    assert any(result.quotes for result in batched) and any(result.entities for result in batched)


def test_the_collector_runs_less_often_inside_and_as_before_after(thresholds):
    gc.set_threshold(700, 10, 10)
    with extraction_batch():
        assert gc.get_threshold() == (BATCH_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_thresholds_come_back_when_extraction_fails(thresholds):
    gc.set_threshold(900, 5, 5)
    with pytest.raises(RuntimeError):
        with extraction_batch():
            raise RuntimeError("an article the engine chokes on")
    assert gc.get_threshold() == (900, 5, 5)


def test_a_higher_threshold_or_a_switched_off_collector_is_left_alone(thresholds):
    gc.set_threshold(BATCH_THRESHOLD * 2, 10, 10)
    with extraction_batch():
        assert gc.get_threshold()[0] == BATCH_THRESHOLD * 2
    gc.set_threshold(0)
    with extraction_batch():
        assert gc.get_threshold()[0] == 0
