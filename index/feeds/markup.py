"""The two things fetching needs to know about a piece of HTML: how much text it holds (is an
entry's content the whole article, or a teaser?), and which feeds a web page points to (for
a user who added a site's home page instead of its feed).

The standard library's HTMLParser is enough for both; extracting an article's text from a
page is the ingest's job, not this module's.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_INVISIBLE = frozenset({"script", "style", "template", "noscript"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _INVISIBLE:
            self._hidden += 1

    def handle_endtag(self, tag) -> None:
        if tag in _INVISIBLE and self._hidden:
            self._hidden -= 1

    def handle_data(self, data) -> None:
        if not self._hidden:
            self.pieces.append(data)


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.pieces).split())


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag != "link":
            return
        values = {key: (value or "") for key, value in attrs}
        if "alternate" in values.get("rel", "").lower().split() \
                and values.get("type", "").lower().strip() in _FEED_TYPES and values.get("href"):
            self.links.append(values["href"].strip())


def feed_links(html: str, base: str) -> list[str]:
    """The feed addresses a page announces with <link rel="alternate" type="application/rss+xml">."""
    parser = _FeedLinks()
    parser.feed(html)
    parser.close()
    return list(dict.fromkeys(urljoin(base, href) for href in parser.links))
