"""The one door between the TUI/command line and the data side.

A `Library` is a corpus folder plus its index: it knows where the index lives, brings it up
to date, and opens it for reading. It also keeps the feeds the corpus subscribes to and
fetches them into it. Everything it returns is a pydantic model or a plain record from
`index.store.results`, so callers never touch Whoosh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from . import feeds as _feeds
from .feeds import Feed, FeedStatus, FetchProgress, FetchReport, Subscription
from .store import CorpusIndex, IndexLocation, IndexReport, locate_index, update_index
from .store.indexer import Progress, rebuild_reason, whoosh_dir


class Library:
    def __init__(self, corpus: Path, index_dir: Path | None = None) -> None:
        self.corpus = Path(corpus).expanduser().resolve()
        self.location: IndexLocation = locate_index(self.corpus, index_dir)

    @property
    def name(self) -> str:
        return self.corpus.name or str(self.corpus)

    def has_index(self) -> bool:
        """Whether an index was ever built for this corpus (it may still need updating)."""
        return whoosh_dir(self.location).is_dir()

    def needs_rebuild(self) -> str | None:
        """Why opening this library will first build its index from scratch, if it will."""
        return rebuild_reason(self.corpus, self.location)

    def update(self, *, rebuild: bool = False, progress: Progress | None = None,
               commit_every: int | None = None, committed: Callable[[], None] | None = None) -> IndexReport:
        """Index added and changed files, forget removed ones (everything, with rebuild=True).

        See `index.store.update_index` for progress, commit_every and committed."""
        return update_index(self.corpus, self.location, rebuild=rebuild, progress=progress,
                            commit_every=commit_every, committed=committed)

    def open(self, *, building: bool = False) -> CorpusIndex:
        """The index for reading; raises StoreError when there is none or it is damaged.

        With `building=True`, what a rebuild in progress has committed so far (while the
        live index still holds the old articles), so a list can fill while it runs: call
        `update(rebuild=True, commit_every=N, committed=...)` and open after the first
        `committed()`. StoreError until a first commit. The index's `building` turns False
        once the rebuild is swapped in and `refresh()` has moved to it (see CorpusIndex)."""
        return CorpusIndex(self.location, building=building)

    # -- feeds -------------------------------------------------------------------------------

    @property
    def _feed_state(self) -> Path:
        return self.location.path / _feeds.STATE_FILE

    def feeds(self) -> list[Feed]:
        """The feeds this corpus subscribes to (its `feeds.toml`); FeedError when that file is broken."""
        return _feeds.load_feeds(self.corpus)

    def feed_status(self) -> list[FeedStatus]:
        """Each feed with its folder, articles saved there and when it was last fetched."""
        return _feeds.feed_statuses(self.corpus, _feeds.FetchState.load(self._feed_state), self.feeds())

    def add_feed(self, url: str, name: str | None = None, *, check: bool = True, timeout: float = 20.0,
                 cancelled: Callable[[], bool] | None = None) -> Feed:
        """Subscribe to a feed; see `subscribe`, which also says what checking the feed learnt."""
        return self.subscribe(url, name, check=check, timeout=timeout, cancelled=cancelled).feed

    def subscribe(self, url: str, name: str | None = None, *, check: bool = True, timeout: float = 20.0,
                  cancelled: Callable[[], bool] | None = None) -> Subscription:
        """Subscribe to the feed at `url` after downloading it once (with the fetch's timeout
        and limits; a web page that announces a feed subscribes to that feed). The name
        defaults to one made from the feed's title. FeedCheckError when it is not a feed or
        cannot be downloaded (`check=False` adds it without downloading); FeedError (a
        ValueError) for a bad URL or name, or a duplicate. Nothing is written on error. This
        blocks for up to a few timeouts: call it from a worker in the TUI."""
        return _feeds.subscribe(self.corpus, self._feed_state, url, name, check=check, timeout=timeout,
                                cancelled=cancelled)

    def remove_feed(self, name: str) -> Feed:
        """Unsubscribe; the articles already saved stay in the corpus."""
        feed = _feeds.remove_feed(self.corpus, name)
        state = _feeds.FetchState.load(self._feed_state)
        if state.feeds.pop(feed.name, None) is not None:
            try:
                state.save(self._feed_state)
            except OSError:
                pass  # only memory: the files' marks keep a re-added feed from saving twice
        return feed

    def fetch(self, names: Sequence[str] | None = None, *, progress: Callable[[FetchProgress], None] | None = None,
              cancelled: Callable[[], bool] | None = None, timeout: float = 20.0) -> FetchReport:
        """Download the new entries of the named feeds (all when None) into `feeds/<name>/`.
        Does not index them: call `update()` next. FeedError for a name that is no feed."""
        feeds = self.feeds()
        chosen = feeds if names is None else list(dict.fromkeys(_feeds.find_feed(feeds, n) for n in names))
        return _feeds.fetch_feeds(self.corpus, self._feed_state, chosen, progress=progress,
                                  cancelled=cancelled, timeout=timeout)
