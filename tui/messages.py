"""Messages the widgets send up to the app: what the user asked for, never how to do it.

The widgets only say "go to this quote", "follow this speaker", "mark this entity"; the app
owns the open index and the reading state, so it is the one place that acts on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from index import CorpusIndex, EntityLabel


@dataclass
class GoToQuote(Message):
    """Scroll the reader to one quote of the open article and make it current."""

    index: int


@dataclass
class ChooseSpeaker(Message):
    """Make `name` the speaker whose quotes `]` and `[` walk across the corpus."""

    name: str
    quote_index: int | None = None  # the quote of the open article the user picked, if any


@dataclass
class ShowEntity(Message):
    """Highlight every mention of an entity in the open article."""

    canonical: str
    label: EntityLabel


@dataclass
class IndexProgress(Message):
    """How far indexing has got; floods of these are merged (only the latest matters)."""

    done: int
    total: int
    path: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexCommitted(Message):
    """The indexer committed part of its work: `index` is opened on it, its list already sorted.

    Never merged with the next one: each carries an open index the app must use or close."""

    index: CorpusIndex


@dataclass
class FeedProgress(Message):
    """How far fetching the feeds has got (`total` is 0 until the feed is downloaded); merged
    like `IndexProgress`."""

    feed: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FeedProgress)
