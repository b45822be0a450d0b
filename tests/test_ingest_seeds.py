"""The two seed articles read as the reference reading in ../shared/gold/seeds.json says."""

from __future__ import annotations

import pytest

from conftest import KYODO, SEEDS, YONHAP
from index.ingest import read_file
from index.models import Article


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    read = {}
    for name in (KYODO, YONHAP):
        result = read_file(SEEDS / name, name)
        assert result.problems == []
        (read[name],) = result.articles
    return read


@pytest.mark.parametrize("name", [KYODO, YONHAP])
def test_title_source_and_dateline_are_the_gold_ones(seeds, gold, name):
    article, expected = seeds[name], gold[name]
    assert article.source == expected["source"]
    assert article.dateline == expected["dateline"]
    if expected["title"] is None:
        assert article.title_derived
    else:
        assert article.title == expected["title"]
        assert not article.title_derived


@pytest.mark.parametrize("name", [KYODO, YONHAP])
def test_body_has_no_boilerplate_and_every_quote_verbatim(seeds, gold, name):
    article, expected = seeds[name], gold[name]
    for boilerplate in expected["boilerplate"]:
        assert boilerplate not in article.body
    for quote in expected["quotes"]:
        assert quote["text"] in article.body


def test_kyodo_title_is_cut_from_the_first_sentence(seeds):
    article = seeds[KYODO]
    assert article.title == "Japanese and North Korean officials made informal contact while attending an…"
    assert len(article.title) <= 80


def test_kyodo_body_runs_from_first_paragraph_to_last_real_sentence(seeds):
    article = seeds[KYODO]
    assert article.body.startswith("Japanese and North Korean officials made informal contact")
    assert article.body.endswith("the Japanese occupation of Korean Peninsula between 1910 and 1945.")
    assert "Kyodo" not in article.body
    assert "subscrib" not in article.body
    assert len(article.paragraphs) == 9


def test_yonhap_body_starts_after_the_dateline_and_ends_before_the_credit(seeds):
    article = seeds[YONHAP]
    assert article.body.startswith("Japanese Prime Minister Shinzo Abe said Tuesday he wants")
    assert article.body.endswith("to boost relations between the two countries.")
    assert "(Yonhap)" not in article.body
    assert "VLADIVOSTOK" not in article.body
    assert article.title not in article.body
    assert len(article.paragraphs) == 17


@pytest.mark.parametrize("name", [KYODO, YONHAP])
def test_paragraph_spans_tile_the_body(seeds, name):
    article = seeds[name]
    assert "\n\n".join(article.paragraph_texts()) == article.body
    assert all(text == " ".join(text.split()) for text in article.paragraph_texts())


def test_articles_record_the_given_path_and_leave_extraction_empty(seeds):
    article = seeds[YONHAP]
    assert article.path == YONHAP
    assert article.entities == () and article.quotes == () and article.speakers == ()
