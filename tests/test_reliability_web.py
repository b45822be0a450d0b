"""Hostile input for saved web pages, feeds and export: escapes and markup stay inert text,
bombs and giants are bounded, file names stay inside their folder, nothing is overwritten.

Feeds are served by a real HTTP server on 127.0.0.1 inside the test (never the internet),
with routes that misbehave on purpose: streams without end, stalls after the headers,
redirect loops, gzip bombs.
"""

from __future__ import annotations

import csv
import fcntl
import gzip
import io
import os
import re
import threading
import time
from collections.abc import Callable
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import write_jsonl
from index import Article, Library, Quote, Span, export_articles
from index.feeds import FEEDS_DIR, FEEDS_FILE, STATE_FILE
from index.feeds.download import MAX_FEED_BYTES, MAX_PAGE_BYTES
from index.ingest import MAX_ARTICLE_BYTES, parse_html, read_file
from tui.cli import main

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what must never reach a terminal (tab and newline may)
ESCAPES = "\x1b[2J\x1b[H\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b]8;;http://evil\x1b\\\x9b31m\x90q\x9c\x07\x08\x7f\x00"
REFERENCES = "&#27;[31m&#x1b;]0;pwned&#7;&#x1B;[2J&#x9b;2J&#155;&#0;&#x00000008;&#127;&#1;"
MARKUP = "[bold red]loud[/] [link=http://evil]x[/link] [@click=app.quit]quit[/] [/]"
SENTENCE = "The minister said the harbour would reopen next week after the repairs were finished."
STORY = f"<p>{SENTENCE} Crews worked overnight.</p><p>{SENTENCE} Ferries will run again.</p>"
# A full article's worth of text for a feed entry (so fetching never follows its link).
ENTRY_TEXT = " ".join([SENTENCE] * 9)


def page(story: str = STORY, head: str = "<title>Harbour reopens</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{story}</article></body></html>"


def parsed(html: str) -> Article:
    article = parse_html(html, path="page.html")
    assert article is not None
    return article


def text_fields(article: Article) -> list[str]:
    return [value for value in (article.title, article.source, article.byline, article.url, article.dateline,
                                article.body) if value]


# -- web pages ---------------------------------------------------------------------------------


def test_escapes_and_controls_raw_or_as_references_never_reach_the_article():
    head = (f"<title>Harbour {ESCAPES}{REFERENCES} reopens</title>"
            f'<meta property="og:title" content="Harbour {escape(ESCAPES)}{REFERENCES} reopens">'
            f'<meta name="author" content="Jane {REFERENCES}Doe{escape(ESCAPES)}">'
            f'<meta property="og:site_name" content="Gazette{REFERENCES}">')
    article = parsed(page(f"<p>{SENTENCE} {ESCAPES} {REFERENCES}</p><p>{SENTENCE} {ESCAPES}</p>", head))
    for value in text_fields(article):
        assert not RAW.search(value), repr(value)
        assert "[31m" not in value and "]0;pwned" not in value and "52;c;" not in value
    assert article.title.startswith("Harbour")
    assert article.body.count("harbour would reopen") == 2


def test_rich_markup_in_a_page_is_kept_as_the_text_it_is(tmp_path: Path, capsys):
    path = tmp_path / "markup.html"
    path.write_text(page(f"<p>{SENTENCE} {escape(MARKUP)}</p><p>{SENTENCE}</p>",
                         f"<title>Harbour {escape(MARKUP)}</title>"), encoding="utf-8")
    [article] = read_file(path).articles
    assert MARKUP in article.title and MARKUP in article.body
    assert main(["show", str(path)]) == 0
    shown = capsys.readouterr().out
    assert MARKUP in shown and not RAW.search(shown)


def test_a_page_over_the_size_limit_is_skipped_unread(tmp_path: Path):
    path = tmp_path / "huge.html"
    filler = f"<p>{SENTENCE}</p>\n".encode()
    path.write_bytes(b"<html><body>" + filler * (MAX_ARTICLE_BYTES // len(filler) + 1) + b"</body></html>")
    assert path.stat().st_size > MAX_ARTICLE_BYTES
    result = read_file(path)
    assert not result.articles
    assert [p.reason.split(" (")[0] for p in result.problems] == ["too large for one article"]


def test_a_page_that_is_one_giant_line_keeps_every_paragraph():
    html = page("".join(f"<p>{SENTENCE} Number {n}.</p>" for n in range(3000)))
    assert "\n" not in html and len(html) > 250_000
    article = parsed(html)
    assert len(article.paragraphs) == 3000
    assert article.paragraph_texts()[-1].endswith("Number 2999.")


def test_deeply_nested_tags_neither_crash_nor_hang(tmp_path: Path):
    blocks = tmp_path / "blocks.html"
    blocks.write_text(page("<div>" * 10_000 + STORY + "</div>" * 10_000))
    result = read_file(blocks)  # the parser keeps 256 levels: the story below them is not read
    assert [p.reason for p in result.problems] == ["no article text (only boilerplate)"]
    inline = parsed(page(f"<p>{SENTENCE}</p><p>" + "<b><i>" * 5_000 + SENTENCE + "</p>"))
    assert inline.body.count("harbour would reopen") == 1  # the text above the 256th level is kept
    deep = parsed(page("<div>" * 100 + STORY + "</div>" * 100))  # deep, as some page builders go
    assert deep.body.count("harbour would reopen") == 2


@pytest.mark.parametrize("html", [
    f"<html><head><title>Harbour reopens</title></head><body><article><p>{SENTENCE} One.</html></body>"
    f"<p>{SENTENCE} Two.</p></article></body></html>",
    f"<html><head><title>Harbour reopens</title><body><article><p>{SENTENCE} One.</HTML><p>{SENTENCE} Two."
    f"<div><span><b>{SENTENCE} Three.",
    f"</body></html><html><title>Harbour reopens</title><body><p>{SENTENCE} One.<p>{SENTENCE} Two.",
], ids=["stray-end-tags", "unclosed-tags", "end-tags-first"])
def test_malformed_html_keeps_the_whole_story(html: str):
    article = parsed(html)
    assert article.title == "Harbour reopens"
    texts = article.paragraph_texts()
    assert any(t.endswith("One.") for t in texts) and any(t.endswith("Two.") for t in texts)


def test_a_page_of_only_scripts_and_styles_is_skipped_and_its_code_never_indexed(tmp_path: Path):
    path = tmp_path / "app.html"
    path.write_text(f"<html><head><style>p {{ color: red }}</style><script>var s = '{SENTENCE}';</script></head>"
                    f"<body><script>document.write('{SENTENCE}')</script><noscript></noscript></body></html>")
    result = read_file(path)
    assert not result.articles
    assert [p.reason for p in result.problems] == ["no article text (only boilerplate)"]


BOMB = ('<!DOCTYPE html [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{n} "{("&lol%d;" % (n - 1) if n > 1 else "&lol;") * 10}">' for n in range(1, 10))
        + '<!ENTITY secret SYSTEM "file:///etc/passwd">]>')


@pytest.mark.parametrize("prolog", ["", '<?xml version="1.0" encoding="utf-8"?>\n'], ids=["html", "xml-declared"])
def test_an_entity_bomb_page_is_read_without_expanding_anything(tmp_path: Path, prolog: str):
    path = tmp_path / "bomb.html"
    path.write_text(prolog + BOMB + "<html><head><title>Harbour reopens</title></head><body><article>"
                    f"<p>&lol9; {SENTENCE}</p><p>&secret; {SENTENCE}</p></article></body></html>")
    started = time.process_time()
    [article] = read_file(path).articles
    assert time.process_time() - started < 5  # a bomb takes minutes and gigabytes; this takes milliseconds
    assert article.title == "Harbour reopens"
    assert "lollol" not in article.body and "root:" not in article.body
    assert article.body.count("harbour would reopen") == 2


def test_nul_bytes_in_a_page_are_dropped(tmp_path: Path):
    path = tmp_path / "nul.html"
    path.write_bytes(page(f"<p>{SENTENCE}\x00 Crews\x00 worked.</p><p>{SENTENCE}</p>").encode() + b"\x00" * 64)
    [article] = read_file(path).articles
    assert "\x00" not in article.body and "Crews worked." in article.body


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_a_utf16_or_utf32_page_with_a_byte_order_mark_is_decoded(tmp_path: Path, codec: str):
    path = tmp_path / "wide.html"
    text = page(f"<p>{SENTENCE} Café.</p><p>{SENTENCE}</p>", '<meta charset="utf-16"><title>Café reopens</title>')
    bom = {"utf-16-be": b"\xfe\xff"}.get(codec, b"")
    path.write_bytes(bom + text.encode(codec))
    [article] = read_file(path).articles
    assert article.title == "Café reopens" and "Café." in article.body


@pytest.mark.parametrize("label", ["x-no-such-encoding", "utf-7", "cp037", "utf-32", "rot13", "zlib", "base64"])
def test_a_bogus_or_unsafe_declared_charset_is_ignored(tmp_path: Path, label: str):
    path = tmp_path / "bogus.html"
    text = page(f"<p>{SENTENCE} Caf\xe9 +ADw-script+AD4-.</p><p>{SENTENCE}</p>",
                f'<meta charset="{label}"><title>Caf\xe9 reopens</title>')
    path.write_bytes(text.encode("cp1252"))  # not UTF-8: the declared label would be used
    [article] = read_file(path).articles
    assert article.title == "Café reopens"
    assert "Café +ADw-script+AD4-." in article.body  # UTF-7 would have turned it into "<script>"


@pytest.mark.parametrize("json_ld", [
    '{"@type": "NewsArticle", "headline": "Broken, "author": [',
    '{"@type": "NewsArticle", "author": [' + ",".join('{"name": "Writer %d"}' % n for n in range(20_000)) + "]}",
    '{"a": [' * 5_000 + "]}" * 5_000,
    "[" * 50_000,
], ids=["broken", "enormous", "deep", "unclosed-deep"])
def test_broken_or_enormous_json_ld_still_gives_the_story(json_ld: str):
    article = parsed(page(head=f'<title>Harbour reopens</title><script type="application/ld+json">{json_ld}'
                               "</script>"))
    assert article.body.count("harbour would reopen") == 2
    assert article.byline is None or len(article.byline) < 1000


@pytest.mark.parametrize("value", ["0000-01-01", "0001-01-01", "99999-01-01", "-0044-03-15", "2024-13-45"])
@pytest.mark.parametrize("where", ["meta", "json-ld", "time"])
def test_an_impossible_or_absurd_date_is_no_date(value: str, where: str):
    heads = {
        "meta": f'<meta property="article:published_time" content="{value}">',
        "json-ld": '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "%s"}</script>'
                   % value,
        "time": "",
    }
    story = STORY + (f'<time datetime="{value}">{value}</time>' if where == "time" else "")
    article = parsed(page(story, "<title>Harbour reopens</title>" + heads[where]))
    assert article.date is None


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(document.cookie)", " javascript:x",
                                 "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "vbscript:x",
                                 "ftp://example.org/a", "http:no-host", "https://[::1", "/relative/story"])
@pytest.mark.parametrize("tag", ['<link rel="canonical" href="{}">', '<meta property="og:url" content="{}">'])
def test_only_an_http_address_becomes_the_articles_url(url: str, tag: str):
    article = parsed(page(head="<title>Harbour reopens</title>" + tag.format(escape(url))))
    assert article.url is None
    kept = parsed(page(head="<title>Harbour reopens</title>" + tag.format("https://news.example/harbour")))
    assert kept.url == "https://news.example/harbour"


PIECES = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "</html>", "</body>", "<title>", "</title>", "<br>",
                          '<meta property="og:url" content="', '<link rel="canonical" href="', '">', "<!DOCTYPE x [",
                          "]>", "<script>", "</script>", "&#27;", "&#x9b;", "&#0;", "&lt;", "\x1b[2J", "\x00",
                          "javascript:", "https://e.example/", "[bold]", SENTENCE])


@settings(max_examples=int(os.environ.get("QUOTEWIRE_FUZZ_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=40))
def test_any_page_reads_without_raising_and_without_controls_or_unsafe_urls(pieces: list[str]):
    article = parse_html("".join(pieces), path="fuzz.html")
    if article is not None:
        for value in text_fields(article):
            assert not RAW.search(value)
        assert article.url is None or article.url.startswith(("http://", "https://"))


# -- a misbehaving feed server -----------------------------------------------------------------


Answer = Callable[[BaseHTTPRequestHandler], None]


class HostileServer:
    """Routes by path to functions that answer however they like; `release` ends every stall."""

    def __init__(self) -> None:
        self.routes: dict[str, Answer] = {}
        self.hits: dict[str, int] = {}
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                answer = server.routes.get(self.path)
                try:
                    if answer is None:
                        self.send_error(404)
                    else:
                        answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def send(body: bytes, content_type: str = "application/rss+xml", status: int = 200, **headers: str) -> Answer:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return answer


def stream(chunk: bytes, total: int, content_type: str = "application/rss+xml") -> Answer:
    """`total` bytes with no Content-Length, written until the client hangs up."""
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Connection", "close")
        handler.end_headers()
        for _ in range(total // len(chunk)):
            handler.wfile.write(chunk)
    return answer


def rss(items: list[str], title: str = "Harbour Gazette", prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.org/</link>{''.join(items)}</channel></rss>").encode()


def item(title: str, *, guid: str | None = None, link: str | None = None, text: str = ENTRY_TEXT,
         summary: str | None = None) -> str:
    parts = [f"<title>{escape(title)}</title>"]
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
    if link is not None:
        parts.append(f"<link>{escape(link)}</link>")
    if text:
        parts.append(f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>")
    if summary is not None:
        parts.append(f"<description>{escape(summary)}</description>")
    return f"<item>{''.join(parts)}</item>"


def with_content_namespace(feed: bytes) -> bytes:
    return feed.replace(b'<rss version="2.0">',
                        b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">')


@pytest.fixture
def server():
    running = HostileServer()
    yield running
    running.stop()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    return folder


def fetch_one(corpus: Path, url: str, name: str = "gazette", timeout: float = 5.0):
    library = Library(corpus)
    library.add_feed(url, name=name, check=False)
    [result] = library.fetch(timeout=timeout).feeds
    return result


def saved_files(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / FEEDS_DIR).rglob("*") if p.is_file()) if (corpus / FEEDS_DIR).exists() else []


# -- feeds: names --------------------------------------------------------------------------------

PORTABLE_FILE = re.compile(r"\d{4}-\d{2}-\d{2}-[^\W_]+(?:-[^\W_]+)*-[0-9a-f]{6}(?:-\d+)?\.html")
WINDOWS_DEVICES = re.compile(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?")


def test_hostile_entry_titles_make_portable_bounded_files_inside_the_feeds_folder(server: HostileServer,
                                                                                   corpus: Path):
    titles = ["../../etc/passwd", "/", "\\", "..\\..\\boot.ini", "a\x00b", "x" * 300, "é" * 300, "😀🔥🎉",
              "CON", "aux", "nul.txt", "\u202egpj.exe", "a/b\\c:d*e?f\"g<h>i|j", ".hidden", "   ", ""]
    items = [item(t.replace("\x00", ""), guid=f"id-{n}") for n, t in enumerate(titles)]
    server.routes["/feed.xml"] = send(with_content_namespace(rss(items)))
    result = fetch_one(corpus, server.url("/feed.xml"))
    assert result.error is None and len(result.new_paths) == len(titles)
    folder = (corpus / FEEDS_DIR / "gazette").resolve()
    files = saved_files(corpus)
    assert len(files) == len(titles)
    for path in files:
        assert path.resolve().parent == folder
        assert PORTABLE_FILE.fullmatch(path.name), path.name
        assert len(path.name.encode()) <= 200 and not WINDOWS_DEVICES.fullmatch(path.name.split("-")[0])
    assert not (corpus.parent / "etc").exists()


@pytest.mark.parametrize(("name", "folder"), [("../x", "x"), (".quotewire", "quotewire"), ("..", "feed"),
                                              ("a/../../b", "a-..-..-b"), ("CON", "CON-feed"),
                                              ("aux.txt", "aux-feed.txt"), ("C:\\feeds", "C-feeds")])
def test_a_hostile_feed_name_gets_a_visible_folder_inside_feeds(server: HostileServer, corpus: Path, capsys,
                                                                  name: str, folder: str):
    server.routes["/feed.xml"] = send(with_content_namespace(rss([item("Harbour reopens", guid="1")])))
    assert main(["feed", "add", server.url("/feed.xml"), "--name", name, "--corpus", str(corpus)]) == 0
    assert main(["fetch", "--corpus", str(corpus), "--quiet"]) == 0
    [path] = saved_files(corpus)
    assert path.parent == corpus / FEEDS_DIR / folder
    assert not any(part.startswith(".") for part in path.relative_to(corpus).parts)
    capsys.readouterr()


# -- feeds: size, time and redirect limits ---------------------------------------------------------


def test_a_feed_declaring_100_mb_is_refused_before_reading(server: HostileServer, corpus: Path):
    server.routes["/big.xml"] = send(b"<rss>", Content_Length=str(100 * 1024 * 1024))
    result = fetch_one(corpus, server.url("/big.xml"))
    assert result.error == "too large (100 MB; the limit is 16 MB)"
    assert not saved_files(corpus)


def test_a_feed_streaming_100_mb_is_cut_at_the_limit(server: HostileServer, corpus: Path):
    server.routes["/endless.xml"] = stream(b"<rss>" + b" " * (64 * 1024 - 5), 100 * 1024 * 1024)
    result = fetch_one(corpus, server.url("/endless.xml"))
    assert result.error == f"too large (over {MAX_FEED_BYTES // (1024 * 1024)} MB)"
    assert not saved_files(corpus)


def test_a_gzip_bomb_is_refused_without_unpacking_it(server: HostileServer, corpus: Path):
    bomb = gzip.compress(b"\0" * (MAX_FEED_BYTES * 4), compresslevel=9, mtime=0)
    assert len(bomb) < MAX_FEED_BYTES // 100
    server.routes["/bomb.xml"] = send(bomb, Content_Encoding="gzip")
    result = fetch_one(corpus, server.url("/bomb.xml"))
    assert result.error == "too large once unpacked (over 16 MB)"


def test_a_redirect_loop_is_one_line(server: HostileServer, corpus: Path):
    server.routes["/a.xml"] = send(b"", status=302, Location=server.url("/b.xml"))
    server.routes["/b.xml"] = send(b"", status=302, Location=server.url("/a.xml"))
    result = fetch_one(corpus, server.url("/a.xml"))
    assert result.error == "too many redirects (more than 10, or a loop)"
    assert server.hits["/a.xml"] <= 5


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/etc/passwd", "data:text/plain,root:x"])
def test_a_redirect_off_the_web_is_never_followed(server: HostileServer, corpus: Path, target: str):
    server.routes["/feed.xml"] = send(b"", status=302, Location=target)
    result = fetch_one(corpus, server.url("/feed.xml"))
    assert result.error is not None and "\n" not in result.error
    assert "not allowed" in result.error or "non-web address" in result.error
    assert not saved_files(corpus)


def test_a_billion_laughs_feed_neither_hangs_nor_expands(server: HostileServer, corpus: Path):
    laughs = ('<!DOCTYPE rss [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{n} "{("&lol%d;" % (n - 1) if n > 1 else "&lol;") * 10}">'
                        for n in range(1, 10)) + "]>")
    feed = rss([item("&lol9;", guid="1", text=f"&lol9; {ENTRY_TEXT}")], title="&lol9;", prolog=laughs)
    server.routes["/laughs.xml"] = send(with_content_namespace(feed.replace(b"&amp;lol9;", b"&lol9;")))
    started = time.process_time()
    result = fetch_one(corpus, server.url("/laughs.xml"))
    assert time.process_time() - started < 10
    for path in saved_files(corpus):
        assert b"lollollol" not in path.read_bytes()
    assert result.error is None or "\n" not in result.error


def test_a_page_declaring_10_gb_is_not_downloaded_and_the_teaser_is_kept(server: HostileServer, corpus: Path):
    server.routes["/news/giant.html"] = send(b"<html>", "text/html", Content_Length=str(10 * 1024 ** 3))
    server.routes["/news/endless.html"] = stream(b"<p>" + b"x" * 4093, 10 * 1024 ** 3, "text/html")
    items = [item("Giant page", guid="1", link=server.url("/news/giant.html"), text="", summary=f"Giant: {SENTENCE}"),
             item("Endless page", guid="2", link=server.url("/news/endless.html"), text="",
                  summary=f"Endless: {SENTENCE}")]
    server.routes["/feed.xml"] = send(with_content_namespace(rss(items)))
    result = fetch_one(corpus, server.url("/feed.xml"))
    assert result.error is None and len(result.new_paths) == 2
    for path in saved_files(corpus):
        assert path.stat().st_size < 10_000 and b"harbour would reopen" in path.read_bytes()
    assert MAX_PAGE_BYTES < MAX_ARTICLE_BYTES  # what is saved, the ingest reads


def test_a_server_that_stalls_after_the_headers_times_out_and_the_next_feed_still_fetches(
        server: HostileServer, corpus: Path):
    def stall(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        handler.wfile.write(b"<rss>")
        handler.wfile.flush()
        server.release.wait(30)

    server.routes["/stall.xml"] = stall
    server.routes["/fine.xml"] = send(with_content_namespace(rss([item("Harbour reopens", guid="1")])))
    library = Library(corpus)
    library.add_feed(server.url("/stall.xml"), name="stall", check=False)
    library.add_feed(server.url("/fine.xml"), name="fine", check=False)
    started = time.monotonic()
    stalled, fine = library.fetch(timeout=0.5).feeds
    assert time.monotonic() - started < 10
    assert stalled.error == "timed out after 0.5 s"
    assert fine.error is None and len(fine.new_paths) == 1


def test_entries_without_ids_or_links_are_saved_once(server: HostileServer, corpus: Path):
    items = [item(f"Story {n}", text="", summary=f"{SENTENCE} Story {n}.") for n in range(3)]
    server.routes["/feed.xml"] = send(rss(items))
    result = fetch_one(corpus, server.url("/feed.xml"))
    assert result.error is None and len(result.new_paths) == 3
    [again] = Library(corpus).fetch().feeds  # no ETag: the whole feed is read again
    assert again.error is None and again.new_paths == ()
    assert len(saved_files(corpus)) == 3


def test_ten_thousand_entries_are_saved_once_and_a_later_fetch_does_not_rewrite_them(server: HostileServer,
                                                                                    corpus: Path):
    items = [item(f"Story {n}", guid=f"s{n}", text="", summary=f"Story {n}: {SENTENCE}") for n in range(10_000)]
    server.routes["/feed.xml"] = send(rss(items))
    result = fetch_one(corpus, server.url("/feed.xml"), timeout=30)
    assert result.error is None and len(result.new_paths) == 10_000
    server.routes["/feed.xml"] = send(rss([item("Story new", guid="new", text="", summary=SENTENCE), *items]))
    before = {path: path.stat().st_mtime_ns for path in saved_files(corpus)}
    steps = []
    [again] = Library(corpus).fetch(timeout=30, progress=steps.append).feeds
    assert again.error is None and len(again.new_paths) == 1
    # Known at once, though the state remembers 5,000 per feed: the others by their marks on disk,
    # so no page is built or downloaded again.
    assert [(s.done, s.total) for s in steps if s.total][0] == (10_000, 10_001)
    assert all(path.stat().st_mtime_ns == mtime for path, mtime in before.items())
    assert len(saved_files(corpus)) == 10_001


# -- feeds: the files quotewire keeps --------------------------------------------------------------


def test_a_feeds_file_broken_by_hand_is_one_line_naming_it_and_is_never_overwritten(server: HostileServer,
                                                                                      corpus: Path, capsys):
    broken = b'[[feed]]\nname = "gazette"\nurl = "http://example.org/rss\n\n[[feed]\nname = 3\n'
    (corpus / FEEDS_FILE).write_bytes(broken)
    server.routes["/feed.xml"] = send(rss([]))
    runs = [["feed", "add", server.url("/feed.xml")], ["feed", "add", server.url("/feed.xml"), "--no-check"],
            ["feed", "remove", "gazette"], ["feed", "list"], ["fetch"]]
    for argv in runs:
        assert main([*argv, "--corpus", str(corpus)]) == 1
        captured = capsys.readouterr()
        [line] = captured.err.splitlines()
        assert str(corpus / FEEDS_FILE) in line and "line 3" in line, line
        assert (corpus / FEEDS_FILE).read_bytes() == broken
    assert server.hits == {}


@pytest.mark.parametrize("garbage", [b"\xff\xfe\x00garbage", b"[" * 100_000, b'{"feeds": {"gazette": 5}}',
                                     b'{"feeds": {"gazette": {"entries": {"x": 5}}}}', b"null", b""])
def test_a_garbage_fetch_state_costs_one_download_never_a_duplicate(server: HostileServer, corpus: Path,
                                                                    garbage: bytes):
    server.routes["/feed.xml"] = send(with_content_namespace(rss([item(f"Story {n}", guid=str(n)) for n in range(3)])))
    library = Library(corpus)
    library.add_feed(server.url("/feed.xml"), name="gazette", check=False)
    assert len(library.fetch().feeds[0].new_paths) == 3
    state = library.location.path / STATE_FILE
    assert state.exists()
    state.write_bytes(garbage)
    [again] = library.fetch().feeds
    assert again.error is None and again.new_paths == ()
    assert len(saved_files(corpus)) == 3
    assert b"gazette" in state.read_bytes()  # rewritten whole


def test_fetch_while_another_quotewire_indexes_keeps_the_files_and_the_next_index_takes_them(
        server: HostileServer, corpus: Path, capsys):
    server.routes["/feed.xml"] = send(with_content_namespace(rss([item(f"Story {n}", guid=str(n)) for n in range(2)])))
    library = Library(corpus)
    library.add_feed(server.url("/feed.xml"), name="gazette", check=False)
    library.update()
    lock = os.open(library.location.path / "lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a running `quotewire index` holds it
        assert main(["fetch", "--corpus", str(corpus), "--quiet"]) == 1
        captured = capsys.readouterr()
        assert "gazette: 2 new" in captured.out
        [line] = captured.err.splitlines()
        assert "busy" in line
    finally:
        os.close(lock)
    assert len(saved_files(corpus)) == 2
    assert main(["index", str(corpus), "--quiet"]) == 0
    with Library(corpus).open() as index:
        assert index.count() == 2
    assert main(["fetch", "--corpus", str(corpus), "--quiet"]) == 0
    assert "gazette: 0 new" in capsys.readouterr().out
    assert len(saved_files(corpus)) == 2


# -- export ------------------------------------------------------------------------------------------

NASTY_QUOTES = ["line one\nline two", "a | b | c", "*not bold* **nor this**", "# not a heading",
                "<script>alert(1)</script>", "`rm -rf /` and ```fences```", "[link](javascript:alert(1))",
                "- not a list", "1. not a list either", f"{ESCAPES}{MARKUP}"]


def nasty_article() -> Article:
    body = " ".join(f"“{q}”" for q in NASTY_QUOTES) + " the minister said."
    quotes, at = [], 0
    for text in NASTY_QUOTES:
        start = body.index(text, at)
        quotes.append(Quote(span=Span(start=start, end=start + len(text)), text=text, speaker="Jane | *Doe*"))
        at = start + len(text)
    return Article(id="0123456789abcdef", path="nasty.txt", title="# Nasty | `title`", body=body, quotes=tuple(quotes))


def test_markdown_export_escapes_every_quote_onto_its_own_inert_line():
    out = io.StringIO()
    export_articles([nasty_article()], "md", out)
    digest = out.getvalue()
    assert not RAW.search(digest)
    quote_lines = [line for line in digest.splitlines() if line.startswith("> ") and not line.startswith("> —")]
    assert len(quote_lines) == len(NASTY_QUOTES)
    assert quote_lines[0] == "> line one line two"
    for raw in ("|", "*", "`", "<", "[", "#"):
        assert all(raw not in line.replace("\\" + raw, "") for line in quote_lines[1:9]), raw
    assert "## Jane \\| \\*Doe\\* (10 quotes)" in digest
    assert "\\- not a list" in digest and "1\\. not a list either" in digest


FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_made_text():
    body = " ".join(f"“{f}”" for f in FORMULAS) + " he said."
    quotes = []
    for text in FORMULAS:
        start = body.index(text.strip())
        quotes.append(Quote(span=Span(start=start, end=start + len(text.strip())), text=text, speaker="=HYPERLINK(1)"))
    article = Article(id="0123456789abcdef", path="f.txt", title="@title", body=body, quotes=tuple(quotes))
    out = io.StringIO()
    export_articles([article], "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert [row["quote"].lstrip("'") for row in rows][0] == FORMULAS[0]


@pytest.fixture
def indexed(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    said = f'"We will reopen the harbour next week," the minister said. {SENTENCE}'
    write_jsonl(folder / "feed.jsonl", [{"title": "Harbour reopens", "body": said}])
    (folder / "story.txt").write_text(f"Ferries return\n\n{SENTENCE}\n", encoding="utf-8")
    assert main(["index", str(folder), "--quiet"]) == 0
    return folder


def test_export_onto_a_folder_or_an_impossible_path_is_one_line_and_writes_nothing(indexed: Path, tmp_path: Path,
                                                                                   capsys):
    capsys.readouterr()
    (tmp_path / "plain-file").write_text("keep")
    for target in (tmp_path, tmp_path / "plain-file" / "out.csv", tmp_path / "missing" / "out.csv"):
        assert main(["export", "--format", "csv", "-o", str(target), "--corpus", str(indexed)]) == 1
        [line] = capsys.readouterr().err.splitlines()
        assert line.startswith(f"quotewire: cannot write {target}: ")
    assert (tmp_path / "plain-file").read_text() == "keep"
    assert not list(tmp_path.glob(".quotewire-*.tmp"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_export_into_a_read_only_folder_is_one_line(indexed: Path, tmp_path: Path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert main(["export", "--format", "md", "-o", str(locked / "out.md"), "--corpus", str(indexed)]) == 1
    assert "Permission denied" in capsys.readouterr().err


def test_export_never_overwrites_an_article_of_the_corpus(indexed: Path, capsys):
    story = indexed / "story.txt"
    before = story.read_bytes()
    code = main(["export", "--format", "md", "-o", str(story), "--corpus", str(indexed)])
    assert story.read_bytes() == before
    assert code == 1 and "corpus" in capsys.readouterr().err
