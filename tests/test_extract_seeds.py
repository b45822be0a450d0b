"""The two seed articles read exactly as the reference reading (../shared/gold/seeds.json) says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.extract import extract, link_names, name_key
from index.models import Article, EntityLabel

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _article_by_hand(name: str) -> Article:
    """The body ingest produces for each seed, built here so these tests do not depend on ingest."""
    lines = [line.strip() for line in (SEEDS / name).read_text(encoding="utf-8").splitlines()]
    if name.startswith("000_"):  # Kyodo: the paragraphs between "• Kyodo" and the subscription footer
        start = next(i for i, line in enumerate(lines) if line.endswith("Kyodo")) + 1
        end = next(i for i, line in enumerate(lines) if line.startswith("In a time of both misinformation"))
        paragraphs = [line for line in lines[start:end] if line]
        title = paragraphs[0]
    else:  # Yonhap: headline, dateline "VLADIVOSTOK -- " and the trailing " (Yonhap)" removed
        kept = [line for line in lines if line and line != "Back To Top"]
        title, paragraphs = kept[0], kept[1:]
        paragraphs[0] = paragraphs[0].removeprefix("VLADIVOSTOK -- ")
        paragraphs[-1] = paragraphs[-1].removesuffix(" (Yonhap)")
    return Article(id=name, path=name, title=title, body="\n\n".join(paragraphs))


def _seed(name: str) -> Article:
    try:
        from index.ingest import read_file
    except ImportError:
        return _article_by_hand(name)
    result = read_file(SEEDS / name)
    article = result if isinstance(result, Article) else getattr(result, "article", None)
    return article if isinstance(article, Article) else _article_by_hand(name)


@pytest.fixture(scope="module")
def extracted() -> dict[str, Article]:
    return {name: extract(_seed(name)) for name in ("000_f77bdb1930f0fe90.txt", "004_473beb57cb2547df.txt")}


@pytest.mark.parametrize("name", ["000_f77bdb1930f0fe90.txt", "004_473beb57cb2547df.txt"])
def test_every_gold_quote_with_its_speaker(extracted, gold, name):
    article = extracted[name]
    expected = gold[name]["quotes"]
    got = [(q.text, q.speaker, q.partial) for q in article.quotes]
    assert got == [(q["text"], q["speaker"], q["partial"]) for q in expected]
    for quote in article.quotes:
        assert article.text_of(quote.span) == quote.text


@pytest.mark.parametrize("name", ["000_f77bdb1930f0fe90.txt", "004_473beb57cb2547df.txt"])
def test_speakers_listed_once_with_the_gold_aliases(extracted, gold, name):
    article = extracted[name]
    speakers = {s.name: s for s in article.speakers}
    expected_counts: dict[str, int] = {}
    for quote in gold[name]["quotes"]:
        expected_counts[quote["speaker"]] = expected_counts.get(quote["speaker"], 0) + 1
        assert set(quote["aliases"]) <= set(speakers[quote["speaker"]].aliases)
    assert {n: s.quote_count for n, s in speakers.items()} == expected_counts


@pytest.mark.parametrize("name", ["000_f77bdb1930f0fe90.txt", "004_473beb57cb2547df.txt"])
def test_people_places_and_organisations_in_the_body_are_found(extracted, gold, name):
    article = extracted[name]
    # the gold lists names as the body writes them; a place known by several names ("U.S.")
    # carries one canonical ("United States"), so a mention counts by its text or canonical
    by_label = {
        label: {name for e in article.entities if e.label is label for name in (e.text, e.canonical)}
        for label in EntityLabel
    }
    for key, label in (("people", EntityLabel.PERSON), ("places", EntityLabel.PLACE), ("organisations", EntityLabel.ORG)):
        present = [n for n in gold[name][key] if n in article.body]
        missing = [n for n in present if n not in by_label[label]]
        assert not missing, f"{key} not found: {missing}"


@pytest.mark.parametrize("name", ["000_f77bdb1930f0fe90.txt", "004_473beb57cb2547df.txt"])
def test_same_entity_groups_share_one_canonical_name(extracted, gold, name):
    article = extracted[name]
    for group in gold[name]["same_entity"]:
        canonical = group[0]
        for form in group:
            for match in re.finditer(rf"\b{re.escape(form)}\b", article.body):
                covering = [
                    e for e in article.entities
                    if e.label is EntityLabel.PERSON and e.span.start < match.end() and match.start() < e.span.end
                ]
                assert covering, f"no person mention at {form!r}"
                assert {e.canonical for e in covering} == {canonical}, form


def test_no_junk_entities_from_sentence_starts(extracted):
    texts = {e.text for article in extracted.values() for e in article.entities}
    for junk in ("Following", "During", "If", "The", "Stressing", "Referring", "Abe and Kim", "Back To Top"):
        assert junk not in texts


def test_speakers_merge_across_the_two_seeds(extracted, gold):
    speakers = [q.speaker for article in extracted.values() for q in article.quotes if q.speaker]
    people = [e.canonical for article in extracted.values() for e in article.entities if e.label is EntityLabel.PERSON]
    linked = link_names(speakers + people)
    for group in gold["_across"]["same_speaker"]:
        assert len({linked[name] for name in group}) == 1, group
        assert len({name_key(name) for name in group}) == 1
