"""The benchmark corpus generator (bench/corpus.py): real-looking, distinct, repeatable articles.

The speed figures only mean something if quotewire reads these files as news: a headline, a
date, quotes with speakers. These tests read them with quotewire's own ingest and extraction.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from index.extract import default_extractor
from index.ingest import read_file

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "bbc_news_2225.jsonl"


def _load_generator():
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


corpus = _load_generator()


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.txt"))


def _read(folder: Path):
    extractor = default_extractor()
    articles = []
    for path in _files(folder):
        result = read_file(path, path.relative_to(folder).as_posix())
        assert not result.problems, result.problems
        (article,) = result.articles
        articles.append(extractor.extract(article))
    return articles


@pytest.fixture
def no_shared(monkeypatch, tmp_path):
    """As on a machine without ../shared: the default source falls back to built-in prose."""
    monkeypatch.setattr(corpus, "BBC_CORPUS", tmp_path / "absent" / "bbc_news_2225.jsonl")


def test_without_shared_the_articles_read_as_distinct_dated_quoted_news(no_shared, tmp_path):
    folder = corpus.make_corpus(tmp_path / "c", 40)
    articles = _read(folder)
    assert len(articles) == 40
    assert len({a.id for a in articles}) == 40
    assert len({a.title for a in articles}) == 40
    assert [a.date for a in articles] == [corpus.article_date(i) for i in range(40)]
    assert len({a.date for a in articles}) == 40
    generated = set(corpus.speaker_names())
    quoted = [name for a in articles for name in a.speaker_names() if name in generated]
    assert len(set(quoted)) >= 20  # many different people, each article quoting two or three
    assert all(a.quotes and any(q.speaker in generated for q in a.quotes) for a in articles)
    words = [len(a.body.split()) for a in articles]
    assert 450 <= sum(words) / len(words) <= 800


def test_same_seed_same_bytes_other_seed_other_articles(no_shared, tmp_path):
    one = corpus.make_corpus(tmp_path / "one", 12, seed=3)
    two = corpus.make_corpus(tmp_path / "two", 12, seed=3)
    other = corpus.make_corpus(tmp_path / "other", 12, seed=4)
    texts = [p.read_bytes() for p in _files(one)]
    assert texts == [p.read_bytes() for p in _files(two)]
    assert not set(texts) & {p.read_bytes() for p in _files(other)}


def test_titles_stay_distinct_past_the_end_of_the_headline_list(no_shared, tmp_path):
    headlines = corpus._BuiltinProse().headlines()
    rounds = len(corpus.CITIES) + 3  # every city once, then a "part 2" round
    titles = [corpus._title(headlines, n) for n in range(len(headlines) * rounds)]
    assert len(set(titles)) == len(titles)


def test_articles_go_in_subfolders_of_a_fixed_size(no_shared, monkeypatch, tmp_path):
    monkeypatch.setattr(corpus, "PER_FOLDER", 10)
    folder = corpus.make_corpus(tmp_path / "c", 25)
    sizes = sorted(len(list(sub.glob("*.txt"))) for sub in folder.iterdir() if sub.is_dir())
    assert sizes == [5, 10, 10]


def test_touch_fraction_changes_files_and_make_corpus_puts_them_back(no_shared, tmp_path):
    folder = corpus.make_corpus(tmp_path / "c", 200)
    before = {p: p.read_bytes() for p in _files(folder)}
    touched = corpus.touch_fraction(folder, 0.05)
    assert len(touched) == 10
    changed = {p for p in before if p.read_bytes() != before[p]}
    assert changed == set(touched)
    corpus.make_corpus(folder, 200)
    assert {p: p.read_bytes() for p in _files(folder)} == before


def test_a_cached_corpus_grows_and_shrinks_to_the_size_asked(no_shared, tmp_path):
    small = {p.name: p.read_bytes() for p in _files(corpus.make_corpus(tmp_path / "c", 5))}
    grown = {p.name: p.read_bytes() for p in _files(corpus.make_corpus(tmp_path / "c", 8))}
    assert len(grown) == 8 and all(grown[name] == text for name, text in small.items())
    assert len(_files(corpus.make_corpus(tmp_path / "c", 3))) == 3


def test_refuses_to_write_into_a_folder_it_did_not_make(no_shared, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match="not made by"):
        corpus.make_corpus(tmp_path / "mine", 3)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_from_the_bbc_corpus_paragraphs_are_recombined_into_new_articles(tmp_path):
    if not SHARED_CORPUS.exists():
        pytest.skip("../shared/corpus is not here")
    articles = _read(corpus.make_corpus(tmp_path / "c", 30, source=SHARED_CORPUS))
    assert len({a.id for a in articles}) == len({a.title for a in articles}) == 30
    assert len({a.date for a in articles}) == 30
    generated = set(corpus.speaker_names())
    assert all(any(q.speaker in generated for q in a.quotes) for a in articles)
    words = [len(a.body.split()) for a in articles]
    assert 450 <= sum(words) / len(words) <= 800
