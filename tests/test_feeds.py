"""Feeds: subscribing, and fetching from a real HTTP server on 127.0.0.1 (never the internet).

The server serves the feeds and pages in tests/data/feeds/ (written for these tests) and
counts every request, so conditional GET is proven by what was not downloaded.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import FeedError, Library
from index.feeds import FEEDS_FILE, STATE_FILE, FeedCheckError, load_feeds
from index.feeds.config import Feed, add_feed, feeds_text, folder_name, remove_feed, save_feeds
from index.feeds.pool import PAGE_WORKERS
from index.feeds.state import GIVE_UP_AFTER

DATA = Path(__file__).parent / "data" / "feeds"
RSS = "application/rss+xml"
ATOM = "application/atom+xml"
HTML = "text/html; charset=utf-8"


@dataclass
class Route:
    body: bytes
    content_type: str
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    gzip: bool = False
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FeedServer:
    """Routes by path; counts requests and the 304s it answered."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: Counter = field(default_factory=Counter)
    not_modified: Counter = field(default_factory=Counter)
    in_flight: int = 0  # requests being answered now
    most_in_flight: int = 0  # the most answered at once

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def file(self, path: str, name: str, content_type: str, **options) -> str:
        """Serve tests/data/feeds/<name> at `path` ({{BASE}} in it becomes this server's address)."""
        body = (DATA / name).read_bytes().replace(b"{{BASE}}", self.base.encode())
        self.routes[path] = Route(body, content_type, **options)
        return self.url(path)

    def pages(self) -> int:
        return sum(n for path, n in self.requests.items() if path.startswith("/news/"))


def _handler(server: FeedServer):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with server.lock:
                server.requests[self.path] += 1
                server.in_flight += 1
                server.most_in_flight = max(server.most_in_flight, server.in_flight)
            try:
                self._answer()
            finally:
                with server.lock:
                    server.in_flight -= 1

        def _answer(self) -> None:
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            if route.delay:
                time.sleep(route.delay)
            if (route.etag and self.headers.get("If-None-Match") == route.etag) or \
                    (route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
                server.not_modified[self.path] += 1
                self.send_response(304)
                self.end_headers()
                return
            body = route.body
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.gzip and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                    body = gzip.compress(body)
                    self.send_header("Content-Encoding", "gzip")
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout test)

        def log_message(self, *args) -> None:
            pass

    return Handler


@pytest.fixture
def server():
    running = FeedServer()
    yield running
    running.stop()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    return folder


def harbour(server: FeedServer, **options) -> str:
    server.file("/news/breakwater.html", "news/breakwater.html", HTML)
    server.file("/news/ferry.html", "news/ferry.html", HTML)
    return server.file("/feeds/harbour.xml", "harbour-rss2.xml", RSS, **options)


def saved_files(corpus: Path) -> list[str]:
    return sorted(p.relative_to(corpus).as_posix() for p in (corpus / "feeds").rglob("*") if p.is_file())


def page_without_mark(path: Path) -> bytes:
    first, _, rest = path.read_bytes().partition(b"\n")
    assert first.startswith(b"<!-- quotewire feed entry ")
    return rest


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if tag == "meta" and "content" in values:
            self.meta[values.get("property") or values.get("name")] = values["content"]

    def handle_data(self, data) -> None:
        self.text.append(data)


def meta_of(path: Path) -> _Meta:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# -- the feed list --------------------------------------------------------------------------


def test_add_list_remove_keeps_the_feeds_in_a_readable_file(corpus: Path):
    library = Library(corpus)
    first = library.add_feed("https://www.harbour-gazette.example/rss.xml", check=False)
    second = library.add_feed("https://valley.example/atom", name="Valley Courier", check=False)
    assert first.name == "harbour-gazette-example"
    assert [f.name for f in library.feeds()] == ["harbour-gazette-example", "Valley Courier"]
    text = (corpus / FEEDS_FILE).read_text(encoding="utf-8")
    assert 'name = "Valley Courier"' in text and 'url = "https://valley.example/atom"' in text
    assert library.remove_feed("valley courier") == second  # any case
    assert library.feeds() == [first]


def test_adding_and_removing_keep_what_people_wrote_in_the_file(corpus: Path):
    written = (
        "# my feeds, checked every morning\n"
        "\n"
        "[[feed]]   # the harbour town\n"
        'name = "harbour"\n'
        'url = "https://harbour.example/rss"  # moved here in 2025\n'
        "\n"
        "# the valley paper, weekly\n"
        "[[feed]]\n"
        'url = "https://valley.example/atom"\n'
        'name = "valley"\n'
    )
    (corpus / FEEDS_FILE).write_text(written, encoding="utf-8")
    add_feed(corpus, "https://moor.example/rdf", name="moor")
    text = (corpus / FEEDS_FILE).read_text(encoding="utf-8")
    assert text.startswith(written)
    assert [(f.name, f.url) for f in load_feeds(corpus)][-1] == ("moor", "https://moor.example/rdf")
    remove_feed(corpus, "harbour")
    text = (corpus / FEEDS_FILE).read_text(encoding="utf-8")
    assert "harbour" not in text
    assert text.startswith("# my feeds, checked every morning\n")
    assert "# the valley paper, weekly\n[[feed]]\n" in text
    assert [f.name for f in load_feeds(corpus)] == ["valley", "moor"]
    remove_feed(corpus, "moor")
    remove_feed(corpus, "valley")
    assert load_feeds(corpus) == []
    assert (corpus / FEEDS_FILE).read_text(encoding="utf-8").startswith("# my feeds, checked every morning\n")


def test_an_edit_that_would_not_read_back_rewrites_the_file_whole(corpus: Path):
    # a [[feed]] line inside a multi-line string is not a table: cutting there would break the
    # file, so the feeds are written whole instead
    (corpus / FEEDS_FILE).write_text(
        'note = """\n[[feed]]\n"""\n\n[[feed]]\nname = "a"\nurl = "https://a.example/"\n', encoding="utf-8")
    remove_feed(corpus, "a")
    assert load_feeds(corpus) == []
    add_feed(corpus, "https://b.example/", name="b")
    assert [f.name for f in load_feeds(corpus)] == ["b"]


def test_a_second_feed_from_the_same_host_gets_its_own_name(corpus: Path):
    library = Library(corpus)
    assert library.add_feed("https://news.example/world.xml", check=False).name == "news-example"
    assert library.add_feed("https://news.example/sport.xml", check=False).name == "news-example-2"


@pytest.mark.parametrize("url, name, message", [
    ("ftp://files.example/feed.xml", None, "http"),
    ("not a url", None, "web address"),
    ("https://", None, "web address"),
    ("https://ok.example/feed", "two\nlines", "line breaks"),
    ("https://ok.example/feed", "   ", "empty"),
])
def test_bad_urls_and_names_are_one_line_errors(corpus: Path, url, name, message):
    with pytest.raises(FeedError) as exc:
        Library(corpus).add_feed(url, name)
    assert message in str(exc.value) and "\n" not in str(exc.value)
    assert not (corpus / FEEDS_FILE).exists()


def test_duplicates_are_refused(corpus: Path):
    library = Library(corpus)
    library.add_feed("https://a.example/feed", name="Alpha", check=False)
    with pytest.raises(FeedError, match="already there, as 'Alpha'"):
        library.add_feed("https://a.example/feed", name="Other")
    with pytest.raises(FeedError, match="already called 'Alpha'"):
        library.add_feed("https://b.example/feed", name="ALPHA")
    with pytest.raises(FeedError, match="no feed called 'Gamma'"):
        library.remove_feed("Gamma")
    assert len(library.feeds()) == 1


def test_a_broken_feeds_file_is_named_in_the_error(corpus: Path):
    (corpus / FEEDS_FILE).write_text('[[feed]]\nname = "x"\nurl = \n', encoding="utf-8")
    with pytest.raises(FeedError, match=FEEDS_FILE):
        Library(corpus).feeds()


_odd_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(names=st.lists(_odd_text.filter(lambda s: s.strip() == s and s), min_size=1, max_size=4,
                      unique_by=lambda s: folder_name(s).casefold()),
       path=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")), max_size=30))
def test_the_feeds_file_round_trips_any_names_and_urls(tmp_path_factory, names, path):
    corpus = tmp_path_factory.mktemp("roundtrip")
    feeds = [Feed(name=name, url=f"https://h{i}.example/{path}\"\\'#=[]") for i, name in enumerate(names)]
    save_feeds(corpus, feeds)
    assert load_feeds(corpus) == feeds


def test_the_feeds_file_escapes_quotes_backslashes_and_controls():
    feed = Feed(name='Le "Monde" \\ ünïcode # = [x]', url="https://x.example/a?b=\"c\"&d=\\e")
    text = feeds_text([feed])
    assert 'name = "Le \\"Monde\\" \\\\ ünïcode # = [x]"' in text


def test_feed_folders_are_safe_file_names():
    assert folder_name("News/Politics: \"UK\"") == "News-Politics- -UK"
    assert folder_name("../../etc") == "etc"
    assert folder_name("...") == "feed"
    assert len(folder_name("日本" * 100).encode()) <= 120


# -- adding a feed checks it ---------------------------------------------------------------------


def test_adding_downloads_the_feed_once_and_names_it_from_its_title(server: FeedServer, corpus: Path):
    library = Library(corpus)
    added = library.subscribe(harbour(server))
    assert (added.feed.name, added.title, added.entries, added.found_on) == (
        "harbour-gazette", "Harbour Gazette", 2, None)
    assert server.requests["/feeds/harbour.xml"] == 1 and server.pages() == 0  # the articles wait for fetch
    valley = library.add_feed(server.file("/valley.xml", "valley-atom.xml", ATOM))
    assert valley.name == "valley-courier"
    # Another feed with the same title gets a name of its own.
    server.routes["/other.xml"] = server.routes["/feeds/harbour.xml"]
    assert library.add_feed(server.url("/other.xml")).name == "harbour-gazette-2"
    assert [f.name for f in load_feeds(corpus)] == ["harbour-gazette", "valley-courier", "harbour-gazette-2"]
    # `feed list` knows the title before the first fetch.
    assert [s.title for s in library.feed_status()] == ["Harbour Gazette", "Valley Courier", "Harbour Gazette"]


def test_a_name_given_is_kept_and_the_feed_still_checked(server: FeedServer, corpus: Path):
    added = Library(corpus).subscribe(harbour(server), "My harbour")
    assert added.feed.name == "My harbour" and added.entries == 2
    assert server.requests["/feeds/harbour.xml"] == 1


def _serve_junk(server: FeedServer) -> str:
    server.routes["/junk.xml"] = Route(b"<<<not xml at all", "application/xml")
    return server.url("/junk.xml")


def _serve_page_without_feed(server: FeedServer) -> str:
    server.routes["/plain.html"] = Route(b"<!DOCTYPE html><html><body><p>No feed here.</p></body></html>", HTML)
    return server.url("/plain.html")


def _serve_error(server: FeedServer) -> str:
    server.routes["/down.xml"] = Route(b"", "text/plain", status=503)
    return server.url("/down.xml")


def _serve_slow(server: FeedServer) -> str:
    server.routes["/slow.xml"] = Route((DATA / "harbour-rss2.xml").read_bytes(), RSS, delay=1.5)
    return server.url("/slow.xml")


@pytest.mark.parametrize("serve, reason, temporary", [
    (lambda server: server.url("/missing.xml"), "HTTP 404 Not Found", False),
    (_serve_error, "HTTP 503 Service Unavailable", True),
    (_serve_junk, "not a feed: not readable as RSS or Atom", False),
    (_serve_page_without_feed, "not a feed but a web page (look on the site for its RSS or Atom link)", False),
    (_serve_slow, "timed out after 0.5 s", True),
    (lambda server: "http://127.0.0.1:9/feed.xml", "connection refused", True),
])
def test_adding_what_is_not_a_readable_feed_is_refused_and_writes_nothing(server: FeedServer, corpus: Path,
                                                                           serve, reason, temporary):
    url = serve(server)
    library = Library(corpus)
    with pytest.raises(FeedCheckError) as exc:
        library.add_feed(url, timeout=0.5)
    assert str(exc.value).startswith(f"cannot add {url}: {reason}") and "\n" not in str(exc.value)
    assert exc.value.temporary is temporary
    assert not (corpus / FEEDS_FILE).exists() and not (library.location.path / STATE_FILE).exists()


def test_adding_a_web_page_subscribes_to_the_feed_it_announces(server: FeedServer, corpus: Path):
    library = Library(corpus)
    feed_url = harbour(server)
    page = server.file("/", "home.html", HTML)
    added = library.subscribe(page)
    assert (added.found_on, added.feed.url, added.feed.name, added.entries) == (page, feed_url, "harbour-gazette", 2)
    assert load_feeds(corpus) == [added.feed]
    with pytest.raises(FeedError, match="already there, as 'harbour-gazette'"):
        library.add_feed(page)
    assert len(library.fetch().new_paths) == 2


def test_a_page_naming_several_feeds_subscribes_to_the_first_and_lists_the_others(server: FeedServer,
                                                                                   corpus: Path):
    feed_url = harbour(server)
    links = "".join(f'<link rel="alternate" type="{kind}" href="{href}">' for kind, href in [
        (RSS, "/feeds/harbour.xml"), (ATOM, "/valley.xml"), (RSS, "/feeds/harbour.xml")])
    server.routes["/site.html"] = Route(f"<html><head>{links}</head><body>Hi</body></html>".encode(), HTML)
    added = Library(corpus).subscribe(server.url("/site.html"))
    assert added.feed.url == feed_url and added.also_announced == (server.url("/valley.xml"),)


def test_a_page_whose_announced_feed_is_broken_is_refused(server: FeedServer, corpus: Path):
    page = server.file("/", "home.html", HTML)  # names /feeds/harbour.xml, which is not served
    with pytest.raises(FeedCheckError) as exc:
        Library(corpus).add_feed(page)
    assert str(exc.value) == f"cannot add {page}: the feed it names at {server.url('/feeds/harbour.xml')} " \
                             "failed: HTTP 404 Not Found"
    assert not (corpus / FEEDS_FILE).exists()


def test_no_check_adds_without_downloading_and_names_from_the_host(server: FeedServer, corpus: Path):
    added = Library(corpus).subscribe(server.url("/not-yet.xml"), check=False)
    assert (added.feed.name, added.title, added.entries) == ("127-0-0-1", None, None)
    assert server.requests == {} and load_feeds(corpus) == [added.feed]


def test_a_duplicate_is_refused_before_anything_is_downloaded(server: FeedServer, corpus: Path):
    library = Library(corpus)
    url = harbour(server)
    library.add_feed(url)
    for attempt in ({"name": None}, {"name": "Other"}):
        with pytest.raises(FeedError, match="already there, as 'harbour-gazette'"):
            library.add_feed(url, **attempt)
    with pytest.raises(FeedError, match="already called 'harbour-gazette'"):
        library.add_feed(server.url("/elsewhere.xml"), name="Harbour-Gazette")
    assert server.requests["/feeds/harbour.xml"] == 1 and sum(server.requests.values()) == 1


# -- fetching ---------------------------------------------------------------------------------


def test_rss_with_summaries_only_saves_each_linked_page(server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(harbour(server), name="Harbour")
    progress = []
    report = library.fetch(progress=progress.append)
    assert report.errors == ()
    assert sorted(report.new_paths) == saved_files(corpus)
    assert [p.split("/")[-1][:-12] for p in saved_files(corpus)] == [
        "2026-11-19-ferry-timetable-cut-for-the-winter", "2026-11-20-breakwater-to-open-in-march-harbour-master-says"]
    by_name = {p.split("/")[-1][:10]: corpus / p for p in report.new_paths}
    assert page_without_mark(by_name["2026-11-20"]) == (DATA / "news/breakwater.html").read_bytes()
    assert server.requests["/news/breakwater.html"] == server.requests["/news/ferry.html"] == 1
    assert progress[-1].feed == "Harbour" and progress[-1].done == progress[-1].total == 2


def test_second_fetch_is_conditional_and_downloads_nothing(server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(harbour(server, etag='"v1"'), name="Harbour")
    assert len(library.fetch().new_paths) == 2
    second = library.fetch()
    assert second.feeds[0].not_modified and second.new_paths == ()
    # once when added (checked), once per fetch, the second answered 304
    assert server.requests["/feeds/harbour.xml"] == 3 and server.not_modified["/feeds/harbour.xml"] == 1
    assert server.pages() == 2  # no page downloaded twice
    assert len(saved_files(corpus)) == 2


def test_last_modified_alone_makes_the_fetch_conditional(server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(harbour(server, last_modified="Fri, 20 Nov 2026 09:00:00 GMT"), name="Harbour")
    library.fetch()
    assert library.fetch().feeds[0].not_modified
    assert server.not_modified["/feeds/harbour.xml"] == 1


def test_atom_with_full_content_is_saved_without_following_links(server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(server.file("/valley.xml", "valley-atom.xml", ATOM), name="Valley")
    report = library.fetch()
    assert report.errors == () and len(report.new_paths) == 2
    assert not any(path.startswith("/valley/") for path in server.requests)
    orchard = next(corpus / p for p in report.new_paths if "orchard" in p)
    assert orchard.name.startswith("2026-11-21-orchard-growers-the-cold-snap-")
    page = meta_of(orchard)
    assert page.meta["og:title"] == 'Orchard growers & the "cold snap"'  # the HTML title made text
    assert page.meta["og:site_name"] == "Valley Courier"
    assert page.meta["og:url"] == server.url("/valley/orchard.html")
    assert page.meta["article:published_time"] == "2026-11-21T07:15:00+00:00"
    assert page.meta["author"] == 'Pia "PJ" Jensen'
    text = "".join(page.text)
    assert "Henrik Dahl" in text and "minus six degrees" in text
    assert "alert" not in orchard.read_text(encoding="utf-8")  # feedparser's sanitiser dropped the script
    bridge = next(corpus / p for p in report.new_paths if "bridge" in p)
    assert "Astrid Berg" in "".join(meta_of(bridge).text)


def test_rss_1_0_is_read_and_its_link_followed(server: FeedServer, corpus: Path):
    library = Library(corpus)
    server.file("/news/moor.html", "news/moor.html", HTML)
    library.add_feed(server.file("/moor.rdf", "moor-rss1.rdf", "application/rdf+xml"), name="Moor")
    report = library.fetch()
    assert report.errors == ()
    [path] = report.new_paths
    assert path.startswith("feeds/Moor/2026-11-18-sheep-return-to-the-high-moor-")
    assert page_without_mark(corpus / path) == (DATA / "news/moor.html").read_bytes()


def test_a_gzip_response_is_unpacked(server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(harbour(server, gzip=True), name="Harbour")
    assert len(library.fetch().new_paths) == 2


def test_a_failing_feed_is_one_line_and_the_others_still_fetch(server: FeedServer, corpus: Path):
    library = Library(corpus)
    server.routes["/broken.xml"] = Route(b"oops", "text/plain", status=500)
    library.add_feed(server.url("/broken.xml"), name="Broken", check=False)
    library.add_feed(server.url("/missing.xml"), name="Missing", check=False)
    library.add_feed(harbour(server), name="Harbour")
    report = library.fetch()
    errors = {r.name: r.error for r in report.errors}
    assert errors == {"Broken": "HTTP 500 Internal Server Error", "Missing": "HTTP 404 Not Found"}
    assert len(report.new_paths) == 2 and all(p.startswith("feeds/Harbour/") for p in report.new_paths)


def test_a_server_slower_than_the_timeout_fails_that_feed_only(server: FeedServer, corpus: Path):
    library = Library(corpus)
    server.routes["/slow.xml"] = Route((DATA / "harbour-rss2.xml").read_bytes(), RSS, delay=3.0)
    library.add_feed(server.url("/slow.xml"), name="Slow", check=False)
    library.add_feed(server.file("/valley.xml", "valley-atom.xml", ATOM), name="Valley")
    started = time.monotonic()
    report = library.fetch(timeout=0.5)
    assert time.monotonic() - started < 2.5
    assert [(r.name, r.error) for r in report.errors] == [("Slow", "timed out after 0.5 s")]
    assert len(report.new_paths) == 2


def test_an_unreachable_host_is_a_clear_error(corpus: Path):
    library = Library(corpus)
    library.add_feed("http://127.0.0.1:9/feed.xml", name="Nobody", check=False)  # the discard port: nothing listens
    [result] = library.fetch(timeout=2).feeds
    assert result.error == "connection refused"


def test_a_web_page_is_not_a_feed_and_the_error_names_its_feed(server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(server.file("/", "home.html", HTML), name="Home", check=False)
    [result] = library.fetch().feeds
    assert result.error.startswith("not a feed but a web page")
    assert server.url("/feeds/harbour.xml") in result.error
    assert not (corpus / "feeds").exists()


def test_redirects_are_followed_to_web_addresses_only(server: FeedServer, corpus: Path):
    library = Library(corpus)
    url = harbour(server)
    server.routes["/moved.xml"] = Route(b"", "text/plain", status=301, headers={"Location": url})
    server.routes["/file.xml"] = Route(b"", "text/plain", status=302, headers={"Location": "file:///etc/passwd"})
    server.routes["/ftp.xml"] = Route(b"", "text/plain", status=302, headers={"Location": "ftp://127.0.0.1/x"})
    for name in ("moved", "file", "ftp"):
        library.add_feed(server.url(f"/{name}.xml"), name=name, check=False)
    moved, to_file, to_ftp = library.fetch().feeds
    assert moved.error is None and len(moved.new_paths) == 2
    assert to_file.error.endswith("Redirection to url 'file:///etc/passwd' is not allowed")  # urllib's own check
    assert to_ftp.error == "redirected to a non-web address (ftp:)"


def test_unreadable_xml_is_not_a_feed(server: FeedServer, corpus: Path):
    library = Library(corpus)
    server.routes["/junk.xml"] = Route(b"<<<not xml at all", "application/xml")
    library.add_feed(server.url("/junk.xml"), name="Junk", check=False)
    [result] = library.fetch().feeds
    assert result.error.startswith("not a feed: not readable as RSS or Atom")


def test_a_changed_feed_saves_only_the_entries_not_seen_before(server: FeedServer, corpus: Path):
    library = Library(corpus)
    url = harbour(server, etag='"v1"')
    library.add_feed(url, name="Harbour")
    library.fetch()
    # The feed changes: one new entry on top of the two already saved (and one listed twice).
    extra = (b"<item><title>Lighthouse keeper retires</title><link>" + server.url("/news/moor.html").encode()
             + b"</link><guid>harbour-gazette-0003</guid><pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate>"
             b"<description>After forty years.</description></item>")
    body = server.routes["/feeds/harbour.xml"].body.replace(b"<item>", extra + b"<item>", 1)
    body = body.replace(b"</channel>", extra + b"</channel>")
    server.routes["/feeds/harbour.xml"] = Route(body, RSS, etag='"v2"')
    server.file("/news/moor.html", "news/moor.html", HTML)
    report = library.fetch()
    assert len(report.new_paths) == 1 and "lighthouse-keeper-retires" in report.new_paths[0]
    assert server.requests["/news/breakwater.html"] == 1 and server.requests["/news/moor.html"] == 1
    assert len(saved_files(corpus)) == 3


def test_a_users_file_with_the_same_name_is_never_overwritten(server: FeedServer, corpus: Path, tmp_path: Path):
    url = harbour(server)
    probe = tmp_path / "probe"
    probe.mkdir()
    Library(probe).add_feed(url, name="Harbour")
    names = [Path(p).name for p in Library(probe).fetch().new_paths]
    folder = corpus / "feeds" / "Harbour"
    folder.mkdir(parents=True)
    (folder / names[0]).write_text("<p>my own notes</p>", encoding="utf-8")
    library = Library(corpus)
    library.add_feed(url, name="Harbour")
    report = library.fetch()
    assert (folder / names[0]).read_text(encoding="utf-8") == "<p>my own notes</p>"
    assert sorted(Path(p).name for p in report.new_paths) == sorted([names[0][:-5] + "-2.html", names[1]])


def test_losing_the_fetch_state_neither_duplicates_nor_overwrites(server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(harbour(server, etag='"v1"'), name="Harbour")
    library.fetch()
    before = {p: (corpus / p).read_bytes() for p in saved_files(corpus)}
    (library.location.path / STATE_FILE).unlink()
    report = library.fetch()
    assert report.errors == () and report.new_paths == ()
    assert {p: (corpus / p).read_bytes() for p in saved_files(corpus)} == before
    assert server.pages() == 2  # recognised by their marks before anything was downloaded
    assert library.fetch().feeds[0].not_modified  # and the memory is back


def test_a_teaser_whose_page_is_gone_is_saved_from_the_feed(server: FeedServer, corpus: Path):
    library = Library(corpus)
    server.file("/news/ferry.html", "news/ferry.html", HTML)  # breakwater.html is not served: 404
    library.add_feed(server.file("/feeds/harbour.xml", "harbour-rss2.xml", RSS), name="Harbour")
    report = library.fetch()
    assert report.errors == () and len(report.new_paths) == 2
    breakwater = next(corpus / p for p in report.new_paths if "breakwater" in p)
    page = meta_of(breakwater)
    assert page.meta["og:site_name"] == "Harbour Gazette"
    assert "The new breakwater will open to shipping in March." in "".join(page.text)


def test_a_page_that_times_out_is_retried_on_the_next_fetch(server: FeedServer, corpus: Path):
    library = Library(corpus)
    url = harbour(server, etag='"v1"')
    server.routes["/news/ferry.html"].delay = 3.0
    library.add_feed(url, name="Harbour")
    [result] = library.fetch(timeout=0.5).feeds
    assert result.error == f"1 entry not saved (first: {server.url('/news/ferry.html')}: timed out after 0.5 s)"
    assert len(result.new_paths) == 1
    server.routes["/news/ferry.html"].delay = 0
    [again] = library.fetch().feeds
    assert again.error is None and len(again.new_paths) == 1 and "ferry" in again.new_paths[0]
    assert server.requests["/news/breakwater.html"] == 1


def test_an_entry_whose_page_is_gone_for_good_is_retried_then_given_up(server: FeedServer, corpus: Path):
    # The breakwater entry without its teaser, and its page not served (404): nothing to save.
    feed = (DATA / "harbour-rss2.xml").read_bytes().replace(b"{{BASE}}", server.base.encode())
    feed = feed.replace(b"<description>&lt;p&gt;The new breakwater will open to shipping in March.&lt;/p&gt;"
                        b"</description>", b"")
    server.file("/news/ferry.html", "news/ferry.html", HTML)
    server.routes["/feeds/harbour.xml"] = Route(feed, RSS, etag='"v1"')
    library = Library(corpus)
    library.add_feed(server.url("/feeds/harbour.xml"), name="Harbour")
    gone = server.url("/news/breakwater.html")
    errors = [library.fetch().feeds[0].error for _ in range(4)]
    assert errors == [f"1 entry not saved (first: {gone}: HTTP 404 Not Found)"] * 2 + [
        f"1 entry not saved (first: {gone}: HTTP 404 Not Found (given up after 3 fetches))", None]
    assert server.requests["/news/breakwater.html"] == 3  # not asked a fourth time
    assert server.requests["/news/ferry.html"] == 1
    # nothing is left to retry: the feed itself is asked conditionally again
    assert library.fetch().feeds[0].not_modified
    assert [p.split("/")[-1][11:16] for p in saved_files(corpus)] == ["ferry"]


def test_a_page_failing_for_a_while_is_never_given_up(server: FeedServer, corpus: Path):
    library = Library(corpus)
    url = harbour(server)
    server.routes["/news/ferry.html"].status = 503
    library.add_feed(url, name="Harbour")
    for _ in range(GIVE_UP_AFTER + 1):
        assert library.fetch().feeds[0].error.endswith("HTTP 503 Service Unavailable)")
    server.routes["/news/ferry.html"].status = 200
    [again] = library.fetch().feeds
    assert again.error is None and "ferry" in again.new_paths[0]


def test_cancelling_stops_between_entries_with_only_whole_files(server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(harbour(server), name="Harbour")
    library.add_feed(server.file("/valley.xml", "valley-atom.xml", ATOM), name="Valley")
    seen = []
    report = library.fetch(progress=seen.append, cancelled=lambda: any(p.done == 1 for p in seen))
    assert [(r.name, r.error) for r in report.feeds] == [("Harbour", "stopped before the end")]
    assert len(report.new_paths) == 1 and saved_files(corpus) == sorted(report.new_paths)
    assert not list(corpus.rglob("*.tmp"))
    # The next fetch finishes the job.
    report = library.fetch()
    assert len(report.new_paths) == 3 and len(saved_files(corpus)) == 4


def test_fetching_an_unknown_feed_name_is_an_error(corpus: Path):
    library = Library(corpus)
    library.add_feed("https://a.example/feed", name="Alpha", check=False)
    with pytest.raises(FeedError, match="no feed called 'Beta'"):
        library.fetch(["Beta"])


def test_removing_a_feed_keeps_its_files_and_status_counts_them(server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(harbour(server), name="Harbour")
    library.fetch()
    [status] = library.feed_status()
    assert (status.name, status.saved, status.title, status.folder) == ("Harbour", 2, "Harbour Gazette",
                                                                        "feeds/Harbour")
    assert status.last_fetch is not None
    library.remove_feed("Harbour")
    assert library.feeds() == [] and len(saved_files(corpus)) == 2
    state = json.loads((library.location.path / STATE_FILE).read_text(encoding="utf-8"))
    assert "Harbour" not in state["feeds"]


# -- a feed's pages download a few at a time -----------------------------------------------------


def many_stories(server: FeedServer, count: int, delay: float) -> str:
    """A feed of `count` summary-only entries, each linking to its own page served after `delay` s."""
    page = (DATA / "news/ferry.html").read_bytes()
    items = []
    for number in range(1, count + 1):
        server.routes[f"/news/story-{number}.html"] = Route(page, HTML, delay=delay)
        items.append(f"<item><title>Story number {number}</title><link>{server.url(f'/news/story-{number}.html')}"
                     f"</link><guid>story-{number}</guid><pubDate>Sat, 21 Nov 2026 {number:02d}:00:00 GMT</pubDate>"
                     f"<description>Teaser {number}.</description></item>")
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{"".join(items)}</channel></rss>'
    server.routes["/wire.xml"] = Route(body.encode(), RSS, etag='"w1"')
    return server.url("/wire.xml")


def test_the_pages_of_a_feed_download_a_few_at_a_time(server: FeedServer, corpus: Path, tmp_path: Path):
    library = Library(corpus)
    library.add_feed(many_stories(server, 8, delay=0.3), name="Wire")
    progress = []
    report = library.fetch(progress=progress.append)
    assert report.errors == () and len(report.new_paths) == 8 and saved_files(corpus) == sorted(report.new_paths)
    assert all(server.requests[f"/news/story-{n}.html"] == 1 for n in range(1, 9))
    assert 2 <= server.most_in_flight <= PAGE_WORKERS  # overlapping, and never more than the pool
    assert [(p.done, p.total) for p in progress] == [(0, 0), *((done, 8) for done in range(9))]
    # The names do not depend on which page came first: a second corpus gets the same ones.
    other = tmp_path / "other"
    other.mkdir()
    Library(other).add_feed(server.url("/wire.xml"), name="Wire", check=False)
    assert sorted(Library(other).fetch().new_paths) == sorted(report.new_paths)
    # Every page saved, so the validators were kept: the next fetch is a 304.
    assert library.fetch().feeds[0].not_modified


def test_cancelling_while_pages_download_saves_only_whole_files_and_the_next_fetch_finishes(
        server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(many_stories(server, 8, delay=0.3), name="Wire")
    seen = []
    report = library.fetch(progress=seen.append, cancelled=lambda: any(p.done == 1 for p in seen))
    assert [(r.name, r.error) for r in report.feeds] == [("Wire", "stopped before the end")]
    assert len(report.new_paths) == 1 and saved_files(corpus) == list(report.new_paths)
    time.sleep(0.5)  # the pages still downloading when it stopped end, and are not saved
    assert saved_files(corpus) == list(report.new_paths) and not list(corpus.rglob("*.tmp"))
    again = library.fetch()
    assert again.errors == () and len(again.new_paths) == 7 and len(saved_files(corpus)) == 8


# -- fetched articles in the index --------------------------------------------------------------


def test_fetched_articles_are_indexed_and_found_by_body_and_source(server: FeedServer, corpus: Path):
    library = Library(corpus)
    library.add_feed(harbour(server), name="Harbour")
    library.add_feed(server.file("/valley.xml", "valley-atom.xml", ATOM), name="Valley")
    report = library.fetch()
    assert report.errors == ()
    index_report = library.update()
    assert list(index_report.problems) == [] and index_report.articles == 4
    with library.open() as index:
        hits = index.search("breakwater").hits
        assert [h.path for h in hits][:1] == [p for p in report.new_paths if "breakwater" in p]
        assert hits[0].row.source == "Harbour Gazette"
        assert {h.path for h in index.search('source:"Valley Courier"').hits} == \
            {p for p in report.new_paths if p.startswith("feeds/Valley/")}
        orchard = index.article_by_path(next(p for p in report.new_paths if "orchard" in p))
        assert orchard.title == 'Orchard growers & the "cold snap"'
        assert "Henrik Dahl" in orchard.speaker_names()
        assert "alert" not in orchard.body
