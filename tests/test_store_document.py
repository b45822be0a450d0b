"""The Whoosh document of an article: each name once per field, in order of first mention,
and the article column that reads back as the same article."""

from __future__ import annotations

from index.models import Article, Entity, EntityLabel, Quote, Span
from index.store.indexer import to_document

BODY = "Abe met Kishida in Tokyo. Abe said: “Tokyo waits.” Toyota agreed, Kishida said “yes”."


def _entity(text: str, label: EntityLabel, canonical: str) -> Entity:
    start = BODY.index(text)
    return Entity(span=Span(start=start, end=start + len(text)), text=text, label=label, canonical=canonical)


def _quote(text: str, speaker: str) -> Quote:
    start = BODY.index(text)
    return Quote(span=Span(start=start, end=start + len(text)), text=text, speaker=speaker)


def test_fields_name_each_entity_and_speaker_once_in_order_of_first_mention():
    article = Article(
        id="x", path="a.txt", title="Abe and Kishida", body=BODY,
        entities=(
            _entity("Abe", EntityLabel.PERSON, "Shinzo Abe"),
            _entity("Kishida", EntityLabel.PERSON, "Fumio Kishida"),
            _entity("Tokyo", EntityLabel.PLACE, "Tokyo"),
            _entity("Abe", EntityLabel.PERSON, "Shinzo Abe"),
            _entity("Toyota", EntityLabel.ORG, "Toyota"),
            _entity("Tokyo", EntityLabel.ORG, "Tokyo"),  # the same name under another label
        ),
        quotes=(_quote("Tokyo waits.", "Shinzo Abe"), _quote("yes", "Kishida, Fumio"),
                _quote("Abe", "Shinzo Abe")),
    )
    doc = to_document(article, "a.txt")
    assert doc["person"] == "Shinzo Abe\nFumio Kishida"
    assert doc["place"] == "Tokyo"
    assert doc["org"] == "Toyota\nTokyo"
    assert doc["speaker"] == "Shinzo Abe\nKishida, Fumio"
    assert doc["speakers"] == "Shinzo Abe,Kishida  Fumio"
    assert doc["article"] == article.model_dump_json().encode("utf-8")
    assert Article.model_validate_json(doc["article"]) == article
