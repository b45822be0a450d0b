"""Subscribing to a feed: download it once before it goes into feeds.toml, so that a typo, a
dead address or a web page is refused when the user types it, not discovered at the next
fetch; and name it after the feed's own title.

A web page that announces its feed (<link rel="alternate" type="application/rss+xml">) is
taken as a request for that feed, the way browsers and feed readers treat a site's address.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .config import Feed, FeedError, add_feed, check_url, load_feeds, new_feed, subscribed_as
from .download import FEED_ACCEPT, MAX_FEED_BYTES, Cancelled, DownloadError, download
from .parse import NotAFeed, feed_title, read_feed
from .state import FetchState


class FeedCheckError(FeedError):
    """The address given is not a feed that can be read now. `temporary` when trying again
    later may work (a timeout, a server error, no network), as opposed to a 404 or a page
    that is no feed."""

    def __init__(self, reason: str, *, temporary: bool = False) -> None:
        super().__init__(reason)
        self.temporary = temporary


class Subscription(BaseModel):
    """A feed just added, with what checking it learnt (None when it was added unchecked)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    feed: Feed
    title: str | None = None  # the feed's own title
    entries: int | None = None  # entries in the feed when it was checked
    found_on: str | None = None  # the web page the user gave, when the feed is the one it announces
    also_announced: tuple[str, ...] = ()  # the page's other feeds, not subscribed


def subscribe(corpus: Path, state_path: Path, url: str, name: str | None = None, *, check: bool = True,
              timeout: float = 20.0, cancelled: Callable[[], bool] | None = None) -> Subscription:
    """Add the feed at `url` to the corpus's feeds.toml, after downloading it once (unless
    `check` is False). FeedCheckError, with nothing written, when it is not a feed or cannot
    be downloaded; FeedError for a bad address or name, or a feed already there."""
    if not Path(corpus).is_dir():
        raise FeedError(f"feeds are kept in a corpus folder, and {corpus} is not a folder")
    url = check_url(url)
    feeds = load_feeds(corpus)
    new_feed(feeds, url, name)  # a duplicate or a bad name is refused before any download
    if not check:
        return Subscription(feed=add_feed(corpus, url, name))
    found_on: str | None = None
    announced: tuple[str, ...] = ()
    try:
        parsed = read_feed(_get(url, timeout, cancelled))
    except NotAFeed as exc:
        if not exc.announced:
            raise FeedCheckError(f"cannot add {url}: {exc}") from None
        found_on, url, announced = url, exc.announced[0], exc.announced[1:]
        there = subscribed_as(feeds, url)
        if there is not None:
            raise FeedError(f"{found_on} is a web page; the feed it names, {url}, is already there, "
                            f"as {there.name!r}") from None
        try:
            parsed = read_feed(_get(url, timeout, cancelled, page=found_on))
        except NotAFeed as again:
            raise FeedCheckError(f"cannot add {found_on}: it is a web page, and the feed it names at {url} "
                                 f"is {again}") from None
    title = feed_title(parsed) or None
    feed = add_feed(corpus, url, name, title=title)
    _remember_title(state_path, feed, title)
    return Subscription(feed=feed, title=title, entries=len(parsed.get("entries") or []), found_on=found_on,
                        also_announced=announced)


def _get(url: str, timeout: float, cancelled: Callable[[], bool] | None, *, page: str | None = None):
    """The feed downloaded as a fetch would (same timeout, size limit and rules)."""
    try:
        return download(url, timeout=timeout, accept=FEED_ACCEPT, limit=MAX_FEED_BYTES, cancelled=cancelled)
    except DownloadError as exc:
        where = f"{page}: the feed it names at {url} failed" if page else url
        raise FeedCheckError(f"cannot add {where}: {exc}", temporary=not exc.permanent) from None
    except Cancelled:
        raise FeedCheckError(f"cannot add {page or url}: stopped before the feed was checked",
                             temporary=True) from None


def _remember_title(state_path: Path, feed: Feed, title: str | None) -> None:
    """Keep the title for `feed list` until the first fetch (only memory: losing it is harmless)."""
    if not title:
        return
    state = FetchState.load(state_path)
    state.of(feed).title = title
    try:
        state.save(state_path)
    except OSError:
        pass
