"""What a fetch tells its caller: progress while it runs, and per feed what came of it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FetchProgress(_Frozen):
    """Entries of `feed` looked at so far (`total` is 0 until the feed is downloaded)."""

    feed: str
    done: int
    total: int


class FeedResult(_Frozen):
    """One feed's fetch: the files saved (relative to the corpus, posix), or that the feed had
    not changed, or why it failed (`error`, one line; files saved before a failure are kept)."""

    name: str
    url: str
    new_paths: tuple[str, ...] = ()
    not_modified: bool = False
    error: str | None = None


class FetchReport(_Frozen):
    feeds: tuple[FeedResult, ...]

    @property
    def new_paths(self) -> tuple[str, ...]:
        """Every file saved, all feeds."""
        return tuple(path for feed in self.feeds for path in feed.new_paths)

    @property
    def errors(self) -> tuple[FeedResult, ...]:
        return tuple(feed for feed in self.feeds if feed.error is not None)
