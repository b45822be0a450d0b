"""The `quotewire` command line: open the reader, index, search, show, extract, list quotes.

Exit codes: 0 success; 1 no results or a user error (bad query, missing index, unreadable
file), with a one-line message on stderr; 2 usage error (argparse's own); 130 when stopped
by Ctrl-C, 143 by SIGTERM, 129 by SIGHUP (an update then rolls back to its last commit).
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from index import Article, Library
from index.extract import extract
from index.ingest import discover, read_file
from index.store import IndexReport, QueryError, StoreError

from .seeds import seeds_path
from .textsafe import json_text, safe, safe_line

COMMANDS = ("index", "search", "show", "extract", "quotes", "speakers")


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


def _articles_from_path(path: Path) -> list[Article]:
    result = read_file(path, str(path))
    for problem in result.problems:
        err(f"skipped {safe_line(str(problem))}")
    return [extract(a) for a in result.articles]


def cmd_show(args: argparse.Namespace) -> int:
    target = Path(args.target)
    if target.is_file():
        articles = _articles_from_path(target)
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
        for file in discover(path):
            for article in _articles_from_path(file):
                found += 1
                if args.json:
                    out(json_text(extract_record(article)))
                else:
                    _print_extraction(article)
    return 0 if found else 1


def extract_record(article: Article) -> dict:
    """The public, stable JSON shape of `quotewire extract --json` (documented in the README)."""
    return {
        "path": article.path, "title": article.title, "source": article.source, "dateline": article.dateline,
        "body": article.body,
        "quotes": [{"text": q.text, "start": q.span.start, "end": q.span.end, "partial": q.partial,
                    "speaker": q.speaker, "cue": q.cue} for q in article.quotes],
        "entities": [{"text": e.text, "start": e.span.start, "end": e.span.end, "label": e.label.value,
                      "canonical": e.canonical} for e in article.entities],
    }


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
    rows = [{"speaker": r.quote.speaker, "quote": r.quote.text, "partial": r.quote.partial, "cue": r.quote.cue,
             "article_id": r.article_id, "title": r.title, "source": r.source,
             "date": r.date.isoformat() if r.date else None} for r in refs]
    if args.json:
        for row in rows:
            out(json_text(row))
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["speaker", "quote"],
                                lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: safe(str(v)) if isinstance(v, str) else v for k, v in row.items()})
    else:
        for ref in refs:
            out(f"{ref.quote.speaker or 'unknown speaker'} — {ref.title} ({ref.source or 'unknown source'}, "
                f"{_date(ref.date)})")
            out(f"  “{ref.quote.text}”")
    return 0 if refs else 1


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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quotewire",
        description="A terminal reader for news: who said what, where. "
                    "`quotewire [PATH]` opens the reader on a folder of articles (default: the bundled seeds).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="index a folder of articles (only what changed since last time)")
    p.add_argument("path", metavar="PATH", help="folder (or single file) of .txt, .md, .jsonl articles")
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
    _reading_options(p)
    p.set_defaults(run=cmd_quotes)

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
    except StoreError as exc:
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
