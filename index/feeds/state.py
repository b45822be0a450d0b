"""What fetching remembers between runs: each feed's validators for a conditional GET and
which entry was saved as which file.

It is the program's memory, not the user's data, so it lives beside the index
(`.quotewire/feeds-state.json` when the index is in the corpus). Losing it costs one full
download, never a duplicate or an overwritten file: every saved page carries its entry's
mark (see `entries.py`), and the folder is searched for marks when the memory is gone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..atomic import write_atomic
from .config import FEEDS_DIR, Feed

STATE_FILE = "feeds-state.json"
MAX_REMEMBERED_ENTRIES = 5000  # per feed; older entries are recognised by their mark on disk
# An entry whose page fails for good (HTTP 404, not a web page, no text at all) is retried at
# this many fetches, in case the site was late to publish it, then left alone: reporting the
# same dead link at every fetch for ever would bury the failures that are news.
GIVE_UP_AFTER = 3


class FeedState(BaseModel):
    """One feed's memory."""

    model_config = ConfigDict(extra="ignore")

    url: str = ""
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None  # the feed's own title, learnt at the last fetch
    last_fetch: dt.datetime | None = None
    entries: dict[str, str] = {}  # entry key -> file name in the feed's folder, oldest first
    failed: dict[str, int] = {}  # entry key -> fetches at which it failed for good, in a row

    def remember(self, key: str, file_name: str) -> None:
        self.entries[key] = file_name
        self.failed.pop(key, None)
        while len(self.entries) > MAX_REMEMBERED_ENTRIES:
            del self.entries[next(iter(self.entries))]

    def failed_for_good(self, key: str) -> bool:
        """Count one more fetch at which `key` failed for good; True once it is given up."""
        self.failed[key] = self.failed.get(key, 0) + 1
        while len(self.failed) > MAX_REMEMBERED_ENTRIES:
            del self.failed[next(iter(self.failed))]
        return self.given_up(key)

    def given_up(self, key: str) -> bool:
        return self.failed.get(key, 0) >= GIVE_UP_AFTER


class FetchState(BaseModel):
    """Every feed's memory, by feed name."""

    model_config = ConfigDict(extra="ignore")

    version: int = 1
    feeds: dict[str, FeedState] = {}

    @classmethod
    def load(cls, path: Path) -> FetchState:
        """The saved state; an empty one when there is none or it cannot be read."""
        try:
            return cls.model_validate_json(path.read_bytes())
        except (OSError, ValidationError, ValueError):
            return cls()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, self.model_dump_json(indent=1).encode("utf-8"))

    def of(self, feed: Feed) -> FeedState:
        """The memory of `feed`; what was learnt about another URL under the same name is
        forgotten, except which entries were saved."""
        state = self.feeds.setdefault(feed.name, FeedState(url=feed.url))
        if state.url != feed.url:
            state.url, state.etag, state.last_modified = feed.url, None, None
        return state


class FeedStatus(BaseModel):
    """A feed as `quotewire feed list` shows it."""

    model_config = ConfigDict(frozen=True)

    name: str
    url: str
    folder: str  # relative to the corpus, posix
    title: str | None = None
    saved: int = 0  # .html files in its folder
    last_fetch: dt.datetime | None = None


def feed_statuses(corpus: Path, state: FetchState, feeds: list[Feed]) -> list[FeedStatus]:
    statuses = []
    for feed in feeds:
        remembered = state.feeds.get(feed.name)
        folder = Path(corpus) / FEEDS_DIR / feed.folder
        try:
            saved = sum(1 for p in folder.iterdir() if p.suffix == ".html" and not p.name.startswith("."))
        except OSError:
            saved = 0
        statuses.append(FeedStatus(
            name=feed.name, url=feed.url, folder=f"{FEEDS_DIR}/{feed.folder}", saved=saved,
            title=remembered.title if remembered else None,
            last_fetch=remembered.last_fetch if remembered else None,
        ))
    return statuses
