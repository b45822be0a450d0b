"""Feeds: the RSS and Atom feeds a corpus subscribes to, fetched into files the ingest reads.

`config` is the feed list (`feeds.toml`), `subscribe` adding a feed after checking it,
`download` one HTTP GET, `parse` reading what came, `entries` an entry as a file, `pool` a
feed's pages a few at a time, `state` what fetching remembers, `fetch` the whole run,
`report` what it tells.
"""

from .config import FEEDS_DIR, FEEDS_FILE, Feed, FeedError, add_feed, find_feed, load_feeds, remove_feed
from .fetch import fetch_feeds
from .report import FeedResult, FetchProgress, FetchReport
from .state import STATE_FILE, FeedStatus, FetchState, feed_statuses
from .subscribe import FeedCheckError, Subscription, subscribe

__all__ = [
    "FEEDS_DIR", "FEEDS_FILE", "STATE_FILE", "Feed", "FeedCheckError", "FeedError", "FeedResult", "FeedStatus",
    "FetchProgress", "FetchReport", "FetchState", "Subscription", "add_feed", "feed_statuses", "fetch_feeds",
    "find_feed", "load_feeds", "remove_feed", "subscribe",
]
