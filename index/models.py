"""The data quotewire keeps about an article: what ingest produced and what extraction found.

Every model is a frozen pydantic model so an article can be passed around the indexer,
the store and the TUI without anyone changing it under another's feet, and so the JSON
stored in the index round-trips to an equal model.

Offsets are Python string indices (code points) into `Article.body`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """A half-open range [start, end) of characters in an article body."""

    start: int = Field(ge=0)
    end: int

    @model_validator(mode="after")
    def _non_empty(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} must be greater than start {self.start}")
        return self

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class EntityLabel(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    PLACE = "PLACE"
    GROUP = "GROUP"  # nationalities, political and religious groups: "Japanese", "Democrats"
    DATE = "DATE"


class Entity(_Frozen):
    """One mention of a named thing in the body, with the name it is known by corpus-wide."""

    span: Span
    text: str
    label: EntityLabel
    canonical: str


class Quote(_Frozen):
    """A quotation: its text without the quote marks and, when known, who said it."""

    span: Span
    text: str
    partial: bool = False
    speaker: str | None = None  # canonical name; None when the quote cannot be attributed
    speaker_span: Span | None = None  # the mention that attributes it ("Abe", "he", "the source")
    cue: str | None = None  # the attribution verb or phrase: "said", "told", "according to"


class Speaker(_Frozen):
    """A person (or described source) quoted somewhere, with every name used for them."""

    name: str
    aliases: tuple[str, ...] = ()
    quote_count: int = 0


def article_id(title: str, body: str) -> str:
    """A stable id derived from the content: the same article gets the same id on every machine."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(unicodedata.normalize("NFC", title).encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(unicodedata.normalize("NFC", body).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class Article(_Frozen):
    """A cleaned news article and what extraction found in it.

    `path` is the file the article came from (for a `.jsonl` file, `path#line`), relative
    to the corpus folder when indexed. `title_derived` says the file had no headline and
    the title was made from the first sentence.
    """

    id: str
    path: str
    title: str
    title_derived: bool = False
    source: str | None = None
    dateline: str | None = None
    date: dt.date | None = None
    url: str | None = None
    byline: str | None = None
    body: str
    paragraphs: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()

    @model_validator(mode="after")
    def _spans_inside_body(self) -> Article:
        size = len(self.body)

        def check(span: Span | None, what: str) -> None:
            if span is not None and span.end > size:
                raise ValueError(f"{what} span {span.start}-{span.end} runs past the body ({size} chars)")

        for p in self.paragraphs:
            check(p, "paragraph")
        for e in self.entities:
            check(e.span, "entity")
        for q in self.quotes:
            check(q.span, "quote")
            check(q.speaker_span, "speaker")
        return self

    def text_of(self, span: Span) -> str:
        return self.body[span.start : span.end]

    def paragraph_texts(self) -> list[str]:
        return [self.text_of(p) for p in self.paragraphs]

    def entity_counts(self) -> Counter[tuple[str, EntityLabel]]:
        """The set of canonical entities in the article, with how often each is mentioned."""
        return Counter((e.canonical, e.label) for e in self.entities)

    def speaker_names(self) -> list[str]:
        """Canonical names of everyone quoted here, in order of first quote."""
        return list(dict.fromkeys(q.speaker for q in self.quotes if q.speaker))
