"""The article model: validation of spans and a lossless JSON round trip."""

from datetime import date

import pytest
from pydantic import ValidationError

from index.models import Article, Entity, EntityLabel, Quote, Span, Speaker, article_id

BODY = '"We will meet," Abe said in Tokyo on Tuesday.'


def sample() -> Article:
    return Article(
        id=article_id("Abe to meet", BODY),
        path="a/b.txt",
        title="Abe to meet",
        source="Kyodo",
        dateline="TOKYO",
        date=date(2018, 6, 14),
        url="https://example.com/a",
        body=BODY,
        paragraphs=(Span(start=0, end=len(BODY)),),
        entities=(
            Entity(span=Span(start=15, end=18), text="Abe", label=EntityLabel.PERSON, canonical="Shinzo Abe"),
            Entity(span=Span(start=27, end=32), text="Tokyo", label=EntityLabel.PLACE, canonical="Tokyo"),
        ),
        quotes=(Quote(span=Span(start=1, end=13), text="We will meet", speaker="Shinzo Abe",
                      speaker_span=Span(start=15, end=18), cue="said"),),
        speakers=(Speaker(name="Shinzo Abe", aliases=("Abe",), quote_count=1),),
    )


def test_json_round_trip_is_lossless():
    article = sample()
    again = Article.model_validate_json(article.model_dump_json())
    assert again == article
    assert again.quotes[0].speaker_span == Span(start=15, end=18)
    assert again.date == date(2018, 6, 14)


def test_span_must_not_be_empty_or_negative():
    with pytest.raises(ValidationError):
        Span(start=5, end=5)
    with pytest.raises(ValidationError):
        Span(start=-1, end=3)


def test_spans_must_lie_inside_the_body():
    with pytest.raises(ValidationError, match="runs past the body"):
        Article(id="x", path="p", title="t", body="short",
                quotes=(Quote(span=Span(start=0, end=50), text="x"),))


def test_models_are_frozen():
    article = sample()
    with pytest.raises(ValidationError):
        article.title = "changed"


def test_id_is_stable_and_content_derived():
    assert article_id("T", "body") == article_id("T", "body")
    assert article_id("T", "body") != article_id("T", "body!")
    assert len(article_id("T", "body")) == 16


def test_entity_counts_and_speaker_names():
    article = sample()
    assert article.entity_counts()[("Shinzo Abe", EntityLabel.PERSON)] == 1
    assert article.speaker_names() == ["Shinzo Abe"]
    assert article.text_of(article.quotes[0].span) == "We will meet"
