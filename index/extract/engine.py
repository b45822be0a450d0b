"""The extraction pipeline behind the `Extractor` interface.

`Extractor` is the one seam between extraction and the rest of quotewire: the store and
the TUI only ever call `extract(article)`, so a statistical backend can replace the rule
engine later without touching them. `RuleExtractor` runs segmentation, entities, quotes
and attribution in one pass over the body and returns a filled copy of the article.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol, runtime_checkable

from index.extract.attribution import Attribution, Attributor
from index.extract.entities import EntityTagger, Mention
from index.extract.names import forget_if_large
from index.extract.quotes import find_quotes
from index.extract.segments import Sentences, paragraphs
from pydantic import TypeAdapter

from index.models import Article, Entity, EntityLabel, Quote, Speaker

_ENTITIES = TypeAdapter(tuple[Entity, ...])
_QUOTES = TypeAdapter(tuple[Quote, ...])
_PERSON = EntityLabel.PERSON  # (a global reads faster than the enum's attribute)


@runtime_checkable
class Extractor(Protocol):
    """Anything that fills an article's entities, quotes and speakers."""

    name: str

    def extract(self, article: Article) -> Article:
        """Return a copy of `article` with entities, quotes and speakers filled."""
        ...


class RuleExtractor:
    """The deterministic engine that ships with quotewire: rules, cue words and gazetteers."""

    name = "rules"

    def __init__(self) -> None:
        self._tagger = EntityTagger()

    def extract(self, article: Article) -> Article:
        forget_if_large()
        body = article.body
        paras = list(article.paragraphs) or paragraphs(body)
        mentions, people = self._tagger.tag(body, paras)
        found = find_quotes(body, paras)
        attributions = Attributor(body, paras, Sentences(body, paras), found, mentions, people).attribute() if found else []

        # One validation call for all mentions: pydantic-core builds the many small models
        # faster than `model_construct` does one by one, and still checks every span.
        entities = _ENTITIES.validate_python(
            [
                {"span": {"start": m.start, "end": m.end}, "text": body[m.start : m.end], "label": m.label,
                 "canonical": m.canonical}
                for m in mentions
            ]
        )
        # (the quotes too: a `Quote(...)` call each costs half as much again)
        quotes = _QUOTES.validate_python(
            [
                {"span": q.span, "text": body[q.span.start : q.span.end], "partial": q.partial,
                 "speaker": a.speaker, "speaker_span": a.speaker_span, "cue": a.cue}
                for q, a in zip(found, attributions, strict=True)
            ]
        )
        return article.model_copy(
            update={
                "paragraphs": tuple(paras),
                "entities": entities,
                "quotes": quotes,
                "speakers": _speakers(body, attributions, mentions),
            }
        )


def _speakers(body: str, attributions: list[Attribution], mentions: list[Mention]) -> tuple[Speaker, ...]:
    """Each quoted person once, in order of first quote, with the other names used for them.

    Read from the engine's own attributions and mentions rather than from the finished models:
    the same values, without an attribute look-up on a pydantic model per entity.
    """
    counts: dict[str, int] = {}
    aliases: dict[str, list[str]] = {}
    for attribution in attributions:
        speaker = attribution.speaker
        if speaker is None:
            continue
        counts[speaker] = counts.get(speaker, 0) + 1
        forms = aliases.setdefault(speaker, [])
        if attribution.speaker_span is not None:
            forms.append(body[attribution.speaker_span.start : attribution.speaker_span.end])
    if aliases:
        for mention in mentions:
            if mention.label is _PERSON and mention.canonical in aliases:
                aliases[mention.canonical].append(body[mention.start : mention.end])
    result = []
    for name, count in counts.items():
        others = tuple(dict.fromkeys(form for form in aliases[name] if form != name))
        result.append(Speaker(name=name, aliases=others, quote_count=count))
    return tuple(result)


@cache
def default_extractor() -> Extractor:
    """The rule-based engine, built once (its word lists load on first use)."""
    return RuleExtractor()


def extract(article: Article) -> Article:
    """Fill `article` with entities, quotes and speakers using the default engine."""
    return default_extractor().extract(article)
