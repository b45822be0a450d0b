"""Reading a downloaded feed: feedparser does the reading, this module says when the download
is not a feed at all, and why, in words a person can act on.

Both adding a feed (which must refuse what is not one) and fetching (which reports it) need
the same answer, so it is here once.
"""

from __future__ import annotations

import feedparser

from .download import Download
from .entries import plain
from .markup import feed_links


class NotAFeed(Exception):
    """The download is not an RSS or Atom feed. `announced` lists the feeds it names when it is
    a web page with <link rel="alternate"> feed links."""

    def __init__(self, reason: str, announced: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.announced = announced


def read_feed(got: Download) -> feedparser.FeedParserDict:
    """The parsed feed; NotAFeed when the body is a web page, unreadable XML or anything else."""
    parsed = feedparser.parse(got.body or b"", response_headers={"content-location": got.url,
                                                                 "content-type": got.content_type})
    if parsed.get("version") or parsed.get("entries"):
        return parsed
    raise _not_a_feed(got, parsed)


def feed_title(parsed: feedparser.FeedParserDict) -> str:
    """The feed's own title as plain text on one line ("" when it has none)."""
    return plain(parsed.feed.get("title_detail"), parsed.feed.get("title"))


def _not_a_feed(got: Download, parsed: feedparser.FeedParserDict) -> NotAFeed:
    media = got.content_type.split(";")[0].strip().lower()
    head = (got.body or b"")[:1024].lstrip().lower()
    if "html" in media or head.startswith((b"<!doctype html", b"<html")):
        links = tuple(feed_links((got.body or b"").decode(got.charset or "utf-8", "replace"), got.url))
        if links:
            return NotAFeed(f"not a feed but a web page; it names a feed at {links[0]} (add that address instead)",
                            links)
        return NotAFeed("not a feed but a web page (look on the site for its RSS or Atom link)")
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        getter = getattr(problem, "getMessage", None)
        where = getattr(problem, "getLineNumber", None)
        detail = f"line {where()}: {getter()}" if getter and where else str(problem)
        return NotAFeed(f"not a feed: not readable as RSS or Atom ({detail})")
    return NotAFeed(f"not a feed ({media or 'no content type'})")
