"""What the store hands back: small frozen records, plain data the TUI and CLI can render.

Snippets are text plus the spans to highlight, never pre-formatted markup, so that the
article's own characters can never be read as formatting by whoever displays them.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from ..models import Quote, Span


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class ArticleRow(_Record):
    """One line of the article list."""

    id: str
    title: str
    source: str | None
    date: date | None
    quotes: int


class Snippet(_Record):
    """A passage of text and the spans in it that matched the query."""

    text: str
    matches: tuple[Span, ...] = ()


class SearchHit(_Record):
    row: ArticleRow
    path: str
    score: float
    snippet: Snippet


class SearchResults(_Record):
    query: str
    total: int  # matching articles, of which `hits` are the best (a lower bound when `more`)
    more: bool = False  # True when counting stopped at COUNT_LIMIT: "1000+ hits"
    hits: tuple[SearchHit, ...]
    suggestion: str | None = None  # "did you mean", when the query found nothing


class SpeakerInfo(_Record):
    """A person quoted somewhere in the corpus, with every spelling used for them."""

    name: str
    variants: tuple[str, ...]
    articles: int


class QuoteRef(_Record):
    """One quotation, located: which article, which of its quotes."""

    article_id: str
    title: str
    source: str | None
    date: date | None
    index: int  # position in Article.quotes
    quote: Quote
    url: str | None = None  # the article's web address, when it came from the web
