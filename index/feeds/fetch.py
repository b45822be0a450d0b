"""Fetching feeds: download each feed (conditionally), and save its new entries as files in
`<corpus>/feeds/<feed>/`. Indexing them is the caller's next step, not this module's.

Feeds are fetched one after another; the pages a feed's entries link to download a few at a
time (`pool`), and are saved one by one as they arrive. A failing feed or page is recorded
and the rest goes on; stopping (`cancelled()`, Ctrl-C) leaves only whole files and the state
saved so far.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

from ..atomic import flush_to_disk
from .config import FEEDS_DIR, Feed
from .download import FEED_ACCEPT, MAX_FEED_BYTES, MAX_PAGE_BYTES, PAGE_ACCEPT, Cancelled, DownloadError, download
from .entries import entry_author, entry_key, entry_mark, entry_time, entry_title, file_stem, full_content, \
    marked_page, marks_in, save_page, teaser, wrapper_page
from .parse import NotAFeed, feed_title, read_feed
from .pool import in_parallel
from .report import FeedResult, FetchProgress, FetchReport
from .state import GIVE_UP_AFTER, FeedState, FetchState

_XML_MEDIA = ("text/xml", "application/xml")


def fetch_feeds(corpus: Path, state_path: Path, feeds: Sequence[Feed], *,
                progress: Callable[[FetchProgress], None] | None = None,
                cancelled: Callable[[], bool] | None = None, timeout: float = 20.0) -> FetchReport:
    """Fetch `feeds` into `corpus`, remembering validators and saved entries in `state_path`."""
    corpus = Path(corpus)
    stop = cancelled or (lambda: False)
    state = FetchState.load(state_path)
    results: list[FeedResult] = []
    saved_by_feed: list[list[str]] = []  # also what a feed stopped by Ctrl-C had saved
    try:
        for feed in feeds:
            if stop():
                break
            saved: list[str] = []
            saved_by_feed.append(saved)
            try:
                results.append(_fetch_feed(corpus, feed, state.of(feed), saved, progress, stop, timeout))
            except Cancelled:
                results.append(FeedResult(name=feed.name, url=feed.url, new_paths=tuple(saved),
                                          error="stopped before the end"))
                break
    finally:
        if any(saved_by_feed):
            flush_to_disk()  # the pages first: the state must never remember a file the disk lost
        try:
            state.save(state_path)
        except OSError:
            pass  # the next fetch downloads more, but the marks in the files keep it from saving twice
    return FetchReport(feeds=tuple(results))


def _fetch_feed(corpus: Path, feed: Feed, memory: FeedState, saved: list[str],
                progress: Callable[[FetchProgress], None] | None, stop: Callable[[], bool],
                timeout: float) -> FeedResult:
    def tell(done: int, total: int) -> None:
        if progress is not None:
            progress(FetchProgress(feed=feed.name, done=done, total=total))

    def result(error: str | None = None, *, not_modified: bool = False) -> FeedResult:
        return FeedResult(name=feed.name, url=feed.url, new_paths=tuple(saved), not_modified=not_modified,
                          error=error)

    tell(0, 0)
    try:
        got = download(feed.url, timeout=timeout, accept=FEED_ACCEPT, limit=MAX_FEED_BYTES, etag=memory.etag,
                       last_modified=memory.last_modified, cancelled=stop)
    except DownloadError as exc:
        return result(str(exc))
    memory.last_fetch = dt.datetime.now(dt.UTC)
    if got.body is None:
        return result(not_modified=True)
    try:
        parsed = read_feed(got)
    except NotAFeed as exc:
        return result(str(exc))
    entries = parsed.get("entries") or []
    title = feed_title(parsed)
    memory.title = title or memory.title
    folder = corpus / FEEDS_DIR / feed.folder
    today = memory.last_fetch.date()
    todo: list[tuple[str, str, dict]] = []  # key, mark, entry: what must be downloaded or written
    seen: set[str] = set()
    # Entries not in memory (new ones; or the state was lost, or the feed is longer than what
    # is remembered) may already be saved: files in the feed's folder are recognised by their
    # marks, read once, only when such an entry is there.
    on_disk: dict[str, str] | None = None
    for entry in entries:
        key = entry_key(entry)
        if key is None or key in memory.entries or key in seen or memory.given_up(key):
            continue
        seen.add(key)
        mark = entry_mark(key)
        if on_disk is None:
            on_disk = marks_in(folder)
        if mark in on_disk:
            memory.remember(key, on_disk[mark])
        else:
            todo.append((key, mark, entry))
    done = len(entries) - len(todo)
    tell(done, len(entries))

    def page_of(job: tuple[str, str, dict], stopping: Callable[[], bool]) -> bytes:
        _key, mark, entry = job
        return _page(entry, mark, title or feed.name, timeout, stopping)

    failures: list[str] = []
    retry = False  # whether an entry that failed is to be tried again at the next fetch
    # Pages download a few at a time; each is saved here, in this thread, as it arrives.
    with closing(in_parallel(todo, page_of, cancelled=stop)) as pages:
        for (key, mark, entry), page in pages:
            if isinstance(page, DownloadError):
                gave_up = page.permanent and memory.failed_for_good(key)
                retry = retry or not gave_up
                failures.append(f"{entry.get('link') or key}: {page}"
                                + (f" (given up after {GIVE_UP_AFTER} fetches)" if gave_up else ""))
            elif isinstance(page, Exception):
                raise page
            else:
                try:
                    name, created = save_page(folder, file_stem(entry, mark, today), mark, page)
                except OSError as exc:
                    return result(f"cannot save in {FEEDS_DIR}/{feed.folder}: {exc.strerror or exc}")
                memory.remember(key, name)
                if created:
                    saved.append(f"{FEEDS_DIR}/{feed.folder}/{name}")
            done += 1
            tell(done, len(entries))
    # Validators are kept only when no entry is left to retry: else the next fetch downloads
    # the feed again and retries the entries that failed.
    if not retry:
        memory.etag, memory.last_modified = got.etag, got.last_modified
    if failures:
        plural = "entry" if len(failures) == 1 else "entries"
        return result(f"{len(failures)} {plural} not saved (first: {failures[0]})")
    return result()


def _page(entry, mark: str, site: str, timeout: float, stop: Callable[[], bool]) -> bytes:
    """The file to save for an entry: its own content when it carries the article, else the
    page its link points to (else, when that page is gone for good, the teaser it has)."""
    link = entry.get("link") if isinstance(entry.get("link"), str) else None
    web_link = link if link and _is_web_address(link) else None

    def wrapped(content_html: str) -> bytes:
        page = wrapper_page(mark=mark, title=entry_title(entry), link=web_link, site=site,
                            published=entry_time(entry), author=entry_author(entry), content_html=content_html)
        if len(page) > MAX_PAGE_BYTES:  # the ingest would skip it: not saved, reported
            raise DownloadError(f"the entry's text is too large for one article ({len(page) // 1024} KB; "
                                f"the limit is {MAX_PAGE_BYTES // 1024} KB)", permanent=True)
        return page

    content = full_content(entry)
    if content is not None:
        return wrapped(content)
    short = teaser(entry)
    if web_link is None:
        if short is None:
            raise DownloadError("the entry has neither text nor a web link", permanent=True)
        return wrapped(short)
    try:
        got = download(web_link, timeout=timeout, accept=PAGE_ACCEPT, limit=MAX_PAGE_BYTES, cancelled=stop)
        media = got.content_type.split(";")[0].strip().lower()
        if media and "html" not in media and media not in _XML_MEDIA:
            raise DownloadError(f"not a web page ({media})", permanent=True)
        return marked_page(got.body or b"", mark, got.charset)
    except DownloadError as exc:
        if exc.permanent and short is not None:
            return wrapped(short)
        raise


def _is_web_address(link: str) -> bool:
    """An http(s) address with a host (`http://[::1` and the like are not, and do not raise)."""
    try:
        parts = urlsplit(link)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False
