"""The yardstick for quotewire's index: the same corpus in SQLite FTS5, with no extraction.

A user comparing tools asks "how much slower than just putting the text in SQLite?". This
answers it in the same run, on the same files and machine: read every article file, insert
headline and body into an FTS5 table (Porter stemming, accents folded, like quotewire's
body field), commit, and query it with `snippet()`. Only the stdlib `sqlite3` is used.

    python bench/sqlite_baseline.py CORPUS_DIR [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".txt", ".md")
TOKENIZER = "porter unicode61 remove_diacritics 2"
SNIPPET_TOKENS = 24


@dataclass(frozen=True)
class FtsBuild:
    articles: int
    seconds: float
    bytes: int  # the database file on disk

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def article_files(corpus: Path) -> Iterator[Path]:
    """The article files under `corpus`, in name order, hidden files and folders skipped."""
    for folder, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.endswith(SUFFIXES):
                yield Path(folder) / name


def _rows(corpus: Path) -> Iterator[tuple[str, str, str]]:
    for path in article_files(corpus):
        text = path.read_text(encoding="utf-8", errors="replace")
        title, _, body = text.partition("\n")
        yield str(path.relative_to(corpus)), title.strip(), body.strip()


def build(corpus: Path, db: Path) -> FtsBuild:
    """Load every article of `corpus` into a fresh FTS5 database at `db`; timed from first read to commit."""
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    con = sqlite3.connect(db)
    try:
        con.execute(f"CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, tokenize='{TOKENIZER}')")
        with con:
            con.executemany("INSERT INTO docs(path, title, body) VALUES (?, ?, ?)", _rows(corpus))
        count = con.execute("SELECT count(*) FROM docs").fetchone()[0]
    finally:
        con.close()
    return FtsBuild(articles=count, seconds=time.perf_counter() - started, bytes=db.stat().st_size)


def fts_query(words: list[str], phrase: bool = False) -> str:
    """An FTS5 query for all of `words` (or for them as one phrase); each word quoted so none is an operator."""
    if phrase:
        return '"' + " ".join(w.replace('"', '""') for w in words) + '"'
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


class FtsSearcher:
    """One open connection, queried repeatedly like quotewire's open CorpusIndex."""

    def __init__(self, db: Path) -> None:
        self._con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    def search(self, query: str, limit: int = 10) -> list[tuple[str, str, str]]:
        """The best `limit` hits as (path, title, snippet), the snippet's matches in [brackets]."""
        return self._con.execute(
            f"SELECT path, title, snippet(docs, 2, '[', ']', '…', {SNIPPET_TOKENS}) FROM docs "
            "WHERE docs MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ).fetchall()

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> FtsSearcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--db", type=Path, help="where to write the database (default: CORPUS/../fts5.db)")
    args = parser.parse_args()
    db = args.db or args.corpus.resolve().parent / f"{args.corpus.name}-fts5.db"
    result = build(args.corpus, db)
    print(f"{result.articles} articles in {result.seconds:.2f} s ({result.per_second:.0f} articles/s), "
          f"{result.bytes / 2**20:.1f} MB: {db}")


if __name__ == "__main__":
    main()
