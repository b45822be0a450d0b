"""What the reader remembers per corpus: where it was, and which articles were read.

A small JSON file in the user's state folder (platformdirs), keyed by the corpus's absolute
path. Losing it costs nothing, so a missing or damaged file is treated as empty and every
write replaces the file atomically.

Read marks follow newsboat: an article fetched from a feed (under `feeds/`) is unread until
it is opened; `u` marks any article read or unread. Only the exceptions are kept (feed
articles opened, articles marked unread), each list capped at `MAX_MARKS` ids, oldest
forgotten first, so the file stays small however long the corpus is followed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ValidationError

STATE_FILENAME = "reading.json"


class Place(BaseModel):
    """The article last open in a corpus and how far down it was scrolled."""

    article_id: str
    scroll_y: float = 0.0
    quote: int | None = None


MAX_MARKS = 20_000  # ids kept per list and corpus; a forgotten feed article shows unread again


class ReadMarks(BaseModel):
    """One corpus's read marks: feed articles opened, and articles the user marked unread
    (kept in the order they were marked, so the oldest go first when a list is full)."""

    read: list[str] = []
    unread: list[str] = []

    def model_post_init(self, context: object) -> None:
        # Sets beside the lists: the article list asks about every row it draws.
        self._read, self._unread = set(self.read), set(self.unread)

    def is_unread(self, article_id: str, *, from_feed: bool) -> bool:
        return article_id in self._unread or (from_feed and article_id not in self._read)

    def opened(self, article_id: str, *, from_feed: bool) -> bool:
        """The article was opened: it is read now. True when that changed anything."""
        return self.set_unread(article_id, False, from_feed=from_feed)

    def set_unread(self, article_id: str, unread: bool, *, from_feed: bool) -> bool:
        """Mark an article unread (or read); True when its state changed."""
        if self.is_unread(article_id, from_feed=from_feed) == unread:
            return False
        self._drop(article_id)
        if unread and not from_feed:  # a feed article not in `read` is unread already
            self._add(self.unread, self._unread, article_id)
        elif not unread and from_feed:
            self._add(self.read, self._read, article_id)
        return True

    def toggle(self, article_id: str, *, from_feed: bool) -> bool:
        """Flip read/unread; returns whether the article is unread now."""
        unread = not self.is_unread(article_id, from_feed=from_feed)
        self.set_unread(article_id, unread, from_feed=from_feed)
        return unread

    def _drop(self, article_id: str) -> None:
        for ids, known in ((self.read, self._read), (self.unread, self._unread)):
            if article_id in known:
                known.discard(article_id)
                ids.remove(article_id)

    @staticmethod
    def _add(ids: list[str], known: set[str], article_id: str) -> None:
        ids.append(article_id)
        known.add(article_id)
        if len(ids) > MAX_MARKS:
            for forgotten in ids[: len(ids) - MAX_MARKS]:
                known.discard(forgotten)
            del ids[: len(ids) - MAX_MARKS]

    def unread_ids(self, feed_ids: set[str]) -> set[str]:
        """Every unread article among `feed_ids` (the feed articles) and the marked ones."""
        return (feed_ids - self._read) | self._unread


class _Saved(BaseModel):
    corpora: dict[str, Place] = {}
    marks: dict[str, ReadMarks] = {}


def default_state_file() -> Path:
    """`$QUOTEWIRE_STATE` when set (tests, portable installs), else the user state folder."""
    override = os.environ.get("QUOTEWIRE_STATE")
    if override:
        return Path(override)
    return Path(platformdirs.user_state_dir("quotewire")) / STATE_FILENAME


class ReadingState:
    """The remembered places of every corpus, read once and written on change."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_state_file()
        self._saved = self._load()

    def _load(self) -> _Saved:
        try:
            return _Saved.model_validate_json(self.path.read_bytes())
        except (OSError, ValidationError, ValueError):
            return _Saved()

    def place(self, corpus: Path) -> Place | None:
        return self._saved.corpora.get(str(corpus))

    def marks(self, corpus: Path) -> ReadMarks:
        """The corpus's read marks, changed in place; `save()` writes them."""
        return self._saved.marks.setdefault(str(corpus), ReadMarks())

    def remember(self, corpus: Path, place: Place, *, save: bool = True) -> None:
        """Record `place` for `corpus` and (unless `save=False`) write the file."""
        self._saved.corpora[str(corpus)] = place
        if save:
            self.save()

    def save(self) -> None:
        """Write every remembered place and read mark; a failed write is not an error."""
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".reading-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(self._saved.model_dump_json(indent=1))
            os.replace(tmp, self.path)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
