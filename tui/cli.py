"""The `quotewire` command line: open the reader, index, search, show, extract, list and
export quotes, subscribe to feeds and fetch them.

Exit codes: 0 success; 1 no results, a user error (bad query, missing index, unreadable
file, unknown feed) or a fetch where some feed failed, with a one-line message on stderr
for each; 2 usage error (argparse's own); 130 when stopped by Ctrl-C, 143 by SIGTERM, 129 by
SIGHUP (an update then rolls back to its last commit; a fetch keeps the whole files it saved).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from index import (EXPORT_FORMATS, FEEDS_DIR, Article, FeedCheckError, FeedError, FetchProgress, FetchReport,
                   IndexReport, Library, QueryError, StoreError, export_articles, export_quotes, extract_file,
                   extract_files, extract_record, reads_as_article, written_whole)

from .seeds import seeds_path
from .textsafe import json_text, safe, safe_line

COMMANDS = ("index", "search", "show", "extract", "quotes", "speakers", "export", "feed", "fetch")


class UserError(Exception):
    """Something the user can fix; printed as one line, exit code 1."""


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so that it stops the way Ctrl-C does:
    the index writer cancelled, the lock released, the last commit kept."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Stopped` for the duration of a command."""

    def stop(signum: int, _frame) -> None:
        raise Stopped(signum)

    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    try:
        previous = {signum: signal.signal(signum, stop) for signum in wanted}
    except ValueError:  # not the main thread: leave signals to whoever owns it
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# -- output helpers ------------------------------------------------------------------------


def out(text: str = "") -> None:
    sys.stdout.write(safe(text) + "\n")


def err(text: str) -> None:
    sys.stderr.write("quotewire: " + safe(text) + "\n")


class _Parser(argparse.ArgumentParser):
    """argparse, with its messages (which quote what was typed) made inert like all output."""

    def _print_message(self, message: str, file=None) -> None:
        if message:
            (file or sys.stderr).write(safe(message))


def _date(article_date) -> str:
    return article_date.isoformat() if article_date else "undated"


def _meta_line(article: Article) -> str:
    parts = [article.source or "unknown source"]
    if article.dateline:
        parts.append(article.dateline)
    parts.append(_date(article.date))
    parts.append(article.path)
    return " · ".join(parts)


# -- choosing the corpus -------------------------------------------------------------------


def _library(corpus: str | None, index_dir: str | None) -> Library:
    """The library a reading command works on: --corpus, else the current folder when it
    holds an index, else the bundled seeds (indexed on first use)."""
    index_path = Path(index_dir) if index_dir else None
    if corpus:
        path = Path(corpus)
        if not path.exists():
            raise UserError(f"corpus not found: {corpus}")
        return Library(path, index_path)
    here = Library(Path.cwd(), index_path)
    if index_path is not None or here.has_index():
        return here
    seeds = Library(seeds_path())
    if seeds.needs_rebuild() is not None:
        seeds.update()
    return seeds


def _open(library: Library):
    """Open the library's index, first rebuilding it when an older version of quotewire wrote it."""
    reason = library.needs_rebuild()
    if reason is not None and reason != "new index":
        err(f"rebuilding the index of {library.corpus}: {reason}")
        library.update()
    try:
        return library.open()
    except StoreError as exc:
        raise UserError(str(exc)) from exc


# -- commands --------------------------------------------------------------------------------


def cmd_index(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        raise UserError(f"not found: {args.path}")
    library = Library(path, Path(args.index) if args.index else None)
    if library.location.fallback:
        err(f"{library.corpus} is not writable; the index goes to {library.location.path}")
    reason = "rebuild requested" if args.rebuild else library.needs_rebuild()
    if reason and reason not in ("new index", "rebuild requested"):
        err(f"rebuilding the index: {reason}")
    report = _run_update(library, args.rebuild, show_progress=sys.stderr.isatty() and not args.quiet)
    for problem in report.problems:
        err(f"skipped {safe_line(str(problem))}")  # one line each, whatever the file is called
    out(report.summary())
    if report.articles == 0 and report.problems:
        return 1
    return 0


def _run_update(library: Library, rebuild: bool, *, show_progress: bool) -> IndexReport:
    if not show_progress:
        return library.update(rebuild=rebuild)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True) as bar:
        task = bar.add_task("reading files", total=None)

        def progress(done: int, total: int, _rel: str) -> None:
            # Once every file is read, Whoosh still has to write the index: say so.
            phase = "writing the index" if total and done >= total else "reading files"
            bar.update(task, completed=done, total=total, description=phase)

        return library.update(rebuild=rebuild, progress=progress)


def cmd_search(args: argparse.Namespace) -> int:
    with _open(_library(args.corpus, args.index)) as index:
        try:
            results = index.search(args.query, limit=args.limit)
        except QueryError as exc:
            raise UserError(str(exc)) from exc
        if args.json:
            for hit in results.hits:
                out(json_text({
                    "id": hit.row.id, "title": hit.row.title, "source": hit.row.source,
                    "date": _date(hit.row.date) if hit.row.date else None, "path": hit.path,
                    "score": round(hit.score, 4), "snippet": hit.snippet.text,
                    "matches": [[m.start, m.end] for m in hit.snippet.matches],
                }))
        else:
            noun = "hit" if results.total == 1 and not results.more else "hits"
            out(f"{results.total}{'+' if results.more else ''} {noun} for {results.query!r}"
                + (f" (showing {len(results.hits)})" if results.total > len(results.hits) else ""))
            for rank, hit in enumerate(results.hits, 1):
                out()
                out(f"{rank}. {hit.row.title}")
                out(f"   {hit.row.source or 'unknown source'} · {_date(hit.row.date)} · {hit.row.id} · {hit.path}")
                sys.stdout.write(f"   {_marked(hit.snippet.text, hit.snippet.matches)}\n")
        if results.total == 0:
            if results.suggestion:
                err(f"no results for {args.query!r}; did you mean: {results.suggestion}")
            else:
                err(f"no results for {args.query!r}")
            return 1
    return 0


def _marked(text: str, matches) -> str:
    """The snippet made safe, with matched words in bold on a terminal (plain in a pipe)."""
    bold = sys.stdout.isatty()

    def plain(piece: str) -> str:
        return safe(" ".join(piece.split(" ")).replace("\n\n", " ").replace("\n", " "))

    pieces, last = [], 0
    for m in matches:
        word = plain(text[m.start:m.end])
        pieces += [plain(text[last:m.start]), f"\x1b[1m{word}\x1b[22m" if bold else word]
        last = m.end
    pieces.append(plain(text[last:]))
    return "".join(pieces)


def _articles_of(result) -> list[Article]:
    """The articles of an `extract_file` result; its problems said on standard error."""
    for problem in result.problems:
        err(f"skipped {safe_line(str(problem))}")
    return result.articles


def cmd_show(args: argparse.Namespace) -> int:
    target = Path(args.target)
    if target.is_file():
        articles = _articles_of(extract_file(target))
        if not articles:
            raise UserError(f"no article in {args.target}")
    else:
        with _open(_library(args.corpus, args.index)) as index:
            article = index.article(args.target) or index.article_by_path(args.target)
            if article is None:
                raise UserError(f"no article with id or path {args.target!r} (and no such file)")
            articles = [article]
    for number, article in enumerate(articles):
        if args.json:
            out(json_text(article.model_dump(mode="json")))
            continue
        if number:
            out()
            out("─" * 72)
        _print_article(article)
    return 0


def _print_article(article: Article) -> None:
    out(article.title + ("  (title from the first sentence)" if article.title_derived else ""))
    out(_meta_line(article))
    if article.url:
        out(article.url)
    out(f"id {article.id}")
    for paragraph in article.paragraph_texts() or [article.body]:
        out()
        out(paragraph)
    if article.quotes:
        out()
        out(f"Quotes ({len(article.quotes)})")
        for quote in article.quotes:
            out(f"  {quote.speaker or 'unknown speaker'}: “{quote.text}”" + (" (partial)" if quote.partial else ""))
    if article.entities:
        out()
        out("Entities")
        by_label: dict[str, list[str]] = {}
        for (canonical, label), count in sorted(article.entity_counts().items(), key=lambda kv: -kv[1]):
            by_label.setdefault(label.value, []).append(f"{canonical} ({count})" if count > 1 else canonical)
        for label, names in by_label.items():
            out(f"  {label}: " + ", ".join(names))


def cmd_extract(args: argparse.Namespace) -> int:
    found = 0
    for name in args.paths:
        path = Path(name)
        if not path.exists():
            err(f"not found: {name}")
            continue
        for result in extract_files(path):
            for article in _articles_of(result):
                found += 1
                if args.json:
                    out(json_text(extract_record(article)))
                else:
                    _print_extraction(article)
    return 0 if found else 1


def _print_extraction(article: Article) -> None:
    out(f"{article.path}: {article.title}")
    for quote in article.quotes:
        out(f"  {quote.speaker or '?'}: “{quote.text}”")
    counts = article.entity_counts()
    if counts:
        out("  entities: " + ", ".join(f"{name} [{label.value}]" for (name, label) in counts))
    out()


def cmd_quotes(args: argparse.Namespace) -> int:
    with _open(_library(args.corpus, args.index)) as index:
        if args.speaker:
            info = index.speaker(args.speaker)
            if info is None:
                raise UserError(f"nobody called {args.speaker!r} is quoted in this corpus")
            refs = index.quotes_by(info.name)
        else:
            refs = index.all_quotes()
    fmt = "jsonl" if args.json else "csv" if args.csv else "md" if args.md else None
    if fmt is not None:
        export_quotes(refs, fmt, sys.stdout)  # the writers make article text inert themselves
    else:
        for ref in refs:
            out(f"{ref.quote.speaker or 'unknown speaker'} — {ref.title} ({ref.source or 'unknown source'}, "
                f"{_date(ref.date)})")
            out(f"  “{ref.quote.text}”")
    return 0 if refs else 1


def cmd_export(args: argparse.Namespace) -> int:
    library = _library(args.corpus, args.index)
    _refuse_output_in_corpus(args.output, library.corpus)
    with _open(library) as index:
        if args.query:
            try:
                ids = index.matching_ids(args.query)  # every match, best first, without snippets
            except QueryError as exc:
                raise UserError(str(exc)) from exc
        else:
            ids = [row.id for row in index.rows(0, index.count())]
        if not ids:
            raise UserError(f"no articles match {args.query!r}" if args.query else "the index has no articles")
        articles = (article for article in map(index.article, ids) if article is not None)
        with _output(args.output) as stream:
            count = export_articles(articles, args.format, stream)
    if args.output:
        out(f"exported {count} article{'s' if count != 1 else ''} to {args.output}")
    return 0


def _refuse_output_in_corpus(path: str | None, corpus: Path) -> None:
    """An export written into the corpus as a file the ingest reads would replace an article,
    or be read back as articles at the next `quotewire index`: refused, before anything runs."""
    if path is None:
        return
    if reads_as_article(Path(path), corpus):
        raise UserError(f"refusing to write {path}: it is inside the corpus {corpus}, where quotewire reads "
                        f"{Path(path).suffix} files as articles (write the export elsewhere)")


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or a file written whole: a stopped export leaves no half file behind."""
    if path is None:
        yield sys.stdout
        return
    try:
        with written_whole(Path(path)) as stream:
            yield stream
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc


# -- feeds -------------------------------------------------------------------------------------


def _feed_library(args: argparse.Namespace) -> Library:
    """The library feed commands work on: --corpus, else the current folder (never the bundled
    seeds: feeds are saved into the corpus)."""
    path = Path(args.corpus) if args.corpus else Path.cwd()
    if not path.is_dir():
        raise UserError(f"corpus folder not found: {args.corpus}")
    return Library(path, Path(args.index) if args.index else None)


def _no_feeds(library: Library) -> UserError:
    return UserError(f"no feeds in {library.corpus}: add one with `quotewire feed add URL`")


def cmd_feed_add(args: argparse.Namespace) -> int:
    library = _feed_library(args)
    try:
        added = library.subscribe(args.url, args.name, check=not args.no_check, timeout=args.timeout)
    except FeedCheckError as exc:
        raise UserError(f"{exc} (nothing added{'; --no-check adds it anyway' if exc.temporary else ''})") from None
    feed = added.feed
    if added.found_on is not None:
        out(f"{safe_line(added.found_on)} is a web page; adding the feed it names instead")
    if added.entries is None:
        out(f"added feed {feed.name!r} without checking it: {feed.url}")
    else:
        title = f"“{safe_line(added.title)}”, " if added.title else ""
        out(f"added feed {feed.name!r} ({title}{added.entries} entr{'ies' if added.entries != 1 else 'y'}): "
            f"{feed.url}")
    if added.also_announced:
        out(f"the page also names {len(added.also_announced)} other feed{'s' * (len(added.also_announced) != 1)}: "
            + ", ".join(safe_line(url) for url in added.also_announced))
    out(f"`quotewire fetch` saves its articles in feeds/{feed.folder}/ and indexes them")
    return 0


def cmd_feed_list(args: argparse.Namespace) -> int:
    library = _feed_library(args)
    statuses = library.feed_status()
    if not statuses:
        raise _no_feeds(library)
    for status in statuses:
        last = status.last_fetch.astimezone().strftime("%Y-%m-%d %H:%M") if status.last_fetch else None
        if args.json:
            out(json_text({"name": status.name, "url": status.url, "title": status.title,
                           "folder": status.folder, "saved": status.saved,
                           "last_fetch": status.last_fetch.isoformat() if status.last_fetch else None}))
            continue
        out(f"{safe_line(status.name)}  {safe_line(status.url)}")
        title = f"{safe_line(status.title)} · " if status.title else ""
        out(f"  {title}{status.saved} article{'s' if status.saved != 1 else ''} in {safe_line(status.folder)}/ · "
            + (f"last fetched {last}" if last else "never fetched"))
    return 0


def cmd_feed_remove(args: argparse.Namespace) -> int:
    library = _feed_library(args)
    feed = library.remove_feed(args.name)
    folder = library.corpus / FEEDS_DIR / feed.folder
    saved = sum(1 for _ in folder.glob("*.html"))
    out(f"removed feed {feed.name!r}"
        + (f"; the {saved} article{'s' if saved != 1 else ''} it saved stay in {FEEDS_DIR}/{feed.folder}/ "
           "(delete that folder to drop them from the corpus)" if saved else ""))
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    library = _feed_library(args)
    if not library.feeds():
        raise _no_feeds(library)
    show_progress = sys.stderr.isatty() and not args.quiet
    report = _run_fetch(library, args.names or None, timeout=args.timeout, show_progress=show_progress)
    for result in report.feeds:
        if result.error is not None:
            saved = f" ({len(result.new_paths)} new saved before that)" if result.new_paths else ""
            err(f"{safe_line(result.name)}: {safe_line(result.error)}{saved}")
        elif result.not_modified:
            out(f"{safe_line(result.name)}: not modified")
        else:
            out(f"{safe_line(result.name)}: {len(result.new_paths)} new")
    index_report = _run_update(library, False, show_progress=show_progress)
    for problem in index_report.problems:
        err(f"skipped {safe_line(str(problem))}")
    out(index_report.summary())
    return 1 if report.errors else 0


def _run_fetch(library: Library, names: Sequence[str] | None, *, timeout: float, show_progress: bool) -> FetchReport:
    if not show_progress:
        return library.fetch(names, timeout=timeout)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(), transient=True) as bar:
        task = bar.add_task("fetching", total=None)

        def progress(step: FetchProgress) -> None:
            name = safe_line(step.feed)
            bar.update(task, description=name if len(name) <= 24 else name[:23] + "…",
                       completed=step.done, total=step.total or None)

        return library.fetch(names, progress=progress, timeout=timeout)


def cmd_speakers(args: argparse.Namespace) -> int:
    with _open(_library(args.corpus, args.index)) as index:
        speakers = index.speakers()
    for info in speakers:
        if args.json:
            out(json_text({"name": info.name, "variants": list(info.variants), "articles": info.articles}))
        else:
            also = [v for v in info.variants if v != info.name]
            out(f"{info.name} ({info.articles} article{'s' if info.articles != 1 else ''})"
                + (f" — also {', '.join(also)}" if also else ""))
    return 0 if speakers else 1


# -- argument parsing ------------------------------------------------------------------------


def _reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", metavar="PATH",
                        help="corpus folder (default: the current folder if it has an index, else the bundled seeds)")
    parser.add_argument("--index", metavar="DIR", help="index folder (default: PATH/.quotewire)")


def _feed_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", metavar="PATH", help="corpus folder (default: the current folder)")
    parser.add_argument("--index", metavar="DIR", help="index folder (default: PATH/.quotewire)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quotewire",
        description="A terminal reader for news: who said what, where. "
                    "`quotewire [PATH]` opens the reader on a folder of articles (default: the bundled seeds).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="index a folder of articles (only what changed since last time)")
    p.add_argument("path", metavar="PATH", help="folder (or single file) of .txt, .md, .html, .jsonl articles")
    p.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    p.add_argument("--index", metavar="DIR", help="index folder (default: PATH/.quotewire)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=cmd_index)

    p = sub.add_parser("search", help="search the index (Whoosh query syntax)")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="number of hits to show (default 10)")
    p.add_argument("--json", action="store_true", help="one JSON object per hit")
    _reading_options(p)
    p.set_defaults(run=cmd_search)

    p = sub.add_parser("show", help="show an article by id or index path, or a file directly")
    p.add_argument("target", metavar="ID|PATH")
    p.add_argument("--json", action="store_true", help="the article as JSON")
    _reading_options(p)
    p.set_defaults(run=cmd_show)

    p = sub.add_parser("extract", help="print the quotes and entities found in files (no index)")
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.add_argument("--json", action="store_true", help="one JSON object per article")
    p.set_defaults(run=cmd_extract)

    p = sub.add_parser("quotes", help="every quote in the index, with speaker, article and date")
    p.add_argument("--speaker", metavar="NAME", help="only this speaker (any spelling, case-insensitive)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON object per quote")
    fmt.add_argument("--csv", action="store_true", help="CSV with a header row")
    fmt.add_argument("--md", action="store_true", help="a Markdown digest: who said what, by speaker")
    _reading_options(p)
    p.set_defaults(run=cmd_quotes)

    p = sub.add_parser("export", help="articles matching a query, with their quotes and entities")
    p.add_argument("query", metavar="QUERY", nargs="?", help="Whoosh query (default: every article)")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS,
                   help="jsonl: one article per line; csv: one quote per row; md: who said what, by speaker")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    _reading_options(p)
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("feed", help="the RSS/Atom feeds of a corpus: add, list, remove")
    feed = p.add_subparsers(dest="feed_command", metavar="ACTION", required=True)
    f = feed.add_parser("add", help="subscribe to a feed after checking it (kept in the corpus's feeds.toml)")
    f.add_argument("url", metavar="URL")
    f.add_argument("--name", metavar="NAME", help="what to call it (default: from the feed's title)")
    f.add_argument("--no-check", action="store_true",
                   help="add it without downloading it first (offline; the name then comes from the address)")
    f.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                   help="give up on the server after this long (default 20)")
    _feed_options(f)
    f.set_defaults(run=cmd_feed_add)
    f = feed.add_parser("list", help="the feeds, with articles saved and last fetch")
    f.add_argument("--json", action="store_true", help="one JSON object per feed")
    _feed_options(f)
    f.set_defaults(run=cmd_feed_list)
    f = feed.add_parser("remove", help="unsubscribe (the articles already saved stay)")
    f.add_argument("name", metavar="NAME")
    _feed_options(f)
    f.set_defaults(run=cmd_feed_remove)

    p = sub.add_parser("fetch", help="download new articles from the feeds, then index them")
    p.add_argument("names", metavar="NAME", nargs="*", help="only these feeds (default: all)")
    p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                   help="give up on a server after this long (default 20)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _feed_options(p)
    p.set_defaults(run=cmd_fetch)

    p = sub.add_parser("speakers", help="everyone quoted in the index, most quoted first")
    p.add_argument("--json", action="store_true", help="one JSON object per speaker")
    _reading_options(p)
    p.set_defaults(run=cmd_speakers)
    return parser


def build_open_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quotewire",
        description="A terminal reader for news: who said what, where.",
        epilog=f"commands: {', '.join(COMMANDS)} (see `quotewire COMMAND --help`)",
    )
    parser.add_argument("path", nargs="?", metavar="PATH", help="folder of articles (default: the bundled seeds)")
    parser.add_argument("--index", metavar="DIR", help="index folder (default: PATH/.quotewire)")
    return parser


def cmd_open(args: argparse.Namespace) -> int:
    path = Path(args.path) if args.path else seeds_path()
    if not path.exists():
        raise UserError(f"not found: {args.path}")
    library = Library(path, Path(args.index) if args.index else None)
    if library.location.fallback:
        err(f"{library.corpus} is not writable; the index goes to {library.location.path}")
    from .app import run_app

    run_app(library)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = build_parser().parse_args(argv)
            with _stop_on_signals():
                return args.run(args)
        if argv and argv[0] in ("-h", "--help"):
            build_parser().print_help()
            return 0
        return cmd_open(build_open_parser().parse_args(argv))
    except UserError as exc:
        err(str(exc))
        return 1
    except (StoreError, FeedError) as exc:
        err(str(exc))
        return 1
    except Stopped as exc:
        err(f"stopped by {signal.Signals(exc.signum).name}")
        return 128 + exc.signum
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("QUOTEWIRE_DEBUG"):
            raise
        err(f"internal error: {type(exc).__name__}: {exc} (set QUOTEWIRE_DEBUG=1 for the traceback)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
