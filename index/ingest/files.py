"""Finding article files in a corpus folder and reading each one without ever raising.

A corpus is whatever a user points at: symlinks (even looping ones), unreadable folders,
images and archives beside the articles, the `.quotewire/` index folder itself. Discovery
walks it in a stable order; reading turns every failure into a `Problem`.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..models import Article
from .decoding import binary_kind, decode_bytes, decode_html, replacement_ratio, strip_nul_padding
from .formats import HTML_SUFFIXES, iter_jsonl_lines, parse_document
from .result import FileResult, Problem

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".markdown", ".jsonl", ".html", ".htm"})
# One article: a .txt/.md/.html file or one .jsonl line. Extraction needs about 120 MB of memory and
# 20 s per MB of text (bench: a 2 MB article, 270 MB; 8 MB, 950 MB and 2.5 minutes), and no news
# article comes near 4 MB, so a bigger one is a dump to split, not an article to read. A saved page
# counts its markup too, which trafilatura reads at about 0.5 s per MB (bench/html_extract_compare.py).
MAX_ARTICLE_BYTES = 4 * 1024 * 1024
_UNDECODABLE_RATIO = 0.05
_SNIFF_BYTES = 8192
# Where a browser saving "Web Page, complete" as `story.html` puts the page's resources.
_PAGE_RESOURCES = "_files"
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)  # UTF-32 LE's starts like UTF-16 LE's


class _Rejected(str):
    """Why a file's bytes are not article text."""


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def reads_as_article(path: Path, corpus: Path) -> bool:
    """Whether indexing `corpus` would read `path` as an article (a supported file inside it):
    an export written there would replace an article or come back as one."""
    return is_supported(path) and Path(path).resolve().is_relative_to(Path(corpus).resolve())


def discover(root: Path) -> Iterator[Path]:
    """Every supported file under `root`, depth first in name order (= sorted by relative path).

    Hidden files and folders are skipped, and so is the `story_files/` folder a browser saves
    beside `story.html`; symlinks are followed, each real folder visited once.
    """
    root = Path(root)
    try:
        if root.is_file():
            if is_supported(root):
                yield root
            return
    except OSError:
        return
    seen: set[str] = set()
    stack = [_entries(root, seen)]
    while stack:
        try:
            path, is_dir = next(stack[-1])
        except StopIteration:
            stack.pop()
            continue
        if is_dir:
            stack.append(_entries(path, seen))
        else:
            yield path


def _entries(folder: Path, seen: set[str]) -> Iterator[tuple[Path, bool]]:
    """(path, is_dir) for the visible, supported entries of a folder not seen before."""
    try:
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return  # unreadable or vanished: skip it
    pages = {name.rsplit(".", 1)[0] for name in (entry.name for entry in entries)
             if os.path.splitext(name)[1].lower() in HTML_SUFFIXES}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.name.endswith(_PAGE_RESOURCES) and entry.name[: -len(_PAGE_RESOURCES)] in pages:
            continue  # a browser's "Web Page, complete" resources: scripts, images, ad frames
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:
            continue
        path = folder / entry.name
        if is_dir:
            yield path, True
        elif is_file and is_supported(path):
            yield path, False


def iter_file(path: Path, rel: str | None = None) -> Iterator[Article | Problem]:
    """The articles of one file as they are read, and a `Problem` for every part that could
    not be; never raises. A `.jsonl` file is read line by line, so its size costs no memory."""
    path = Path(path)
    rel = str(path) if rel is None else rel
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield Problem(path=rel, reason=f"unsupported file type {suffix or '(no suffix)'}")
        return
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            yield Problem(path=rel, reason="is a directory")
            return
        if not stat.S_ISREG(info.st_mode):
            yield Problem(path=rel, reason="not a regular file")
            return
        if suffix == ".jsonl":
            yield from _iter_jsonl(path, rel)
            return
        if info.st_size > MAX_ARTICLE_BYTES:
            yield Problem(path=rel, reason=f"too large for one article ({_size(info.st_size)}; the limit is "
                                           f"{_size(MAX_ARTICLE_BYTES)}: split it, or make it a .jsonl file "
                                           "with one article per line)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(path=rel, reason=describe_os_error(exc))
        return
    text = _text_of(data, html=suffix in HTML_SUFFIXES)
    if isinstance(text, _Rejected):
        yield Problem(path=rel, reason=str(text))
        return
    article = parse_document(text, path=rel, suffix=suffix)
    if article is None:
        yield Problem(path=rel, reason="no article text (only boilerplate)")
    else:
        yield article


def read_file(path: Path, rel: str | None = None) -> FileResult:
    """The articles in one file; anything wrong with the file is a problem, never an exception."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_file(path, rel):
        (problems if isinstance(item, Problem) else articles).append(item)
    return FileResult(articles, problems)


def _text_of(data: bytes, *, html: bool = False) -> str | _Rejected:
    """A whole file's bytes as article text (or page source), or why they are not text."""
    data = strip_nul_padding(data)
    if not data:
        return _Rejected("empty file")
    kind = binary_kind(data)
    if kind is not None:
        return _Rejected(f"binary file ({kind})")
    text = decode_html(data) if html else decode_bytes(data)
    if not text.strip():
        return _Rejected("empty file (whitespace only)")
    if replacement_ratio(text) > _UNDECODABLE_RATIO:
        return _Rejected("undecodable text (neither UTF-8 nor Windows-1252)")
    return text


def _iter_jsonl(path: Path, rel: str) -> Iterator[Article | Problem]:
    with open(path, "rb") as file:
        head = file.read(_SNIFF_BYTES)
        if any(head.startswith(bom) for bom in _WIDE_BOMS):
            # UTF-16/32 JSON Lines (rare): no line-by-line reading in a wide encoding.
            if file.seek(0, os.SEEK_END) > MAX_ARTICLE_BYTES:
                yield Problem(path=rel, reason="too large for a UTF-16 or UTF-32 .jsonl file "
                                               f"(the limit is {_size(MAX_ARTICLE_BYTES)}; save it as UTF-8)")
                return
            file.seek(0)
            text = _text_of(file.read())
            if isinstance(text, _Rejected):
                yield Problem(path=rel, reason=str(text))
                return
            yield from iter_jsonl_lines(enumerate(text.split("\n"), start=1), rel)
            return
        if not strip_nul_padding(head) and not file.read(1):
            yield Problem(path=rel, reason="empty file")
            return
        kind = binary_kind(head)
        if kind is not None:
            yield Problem(path=rel, reason=f"binary file ({kind})")
            return
        file.seek(0)
        anything = False
        for item in iter_jsonl_lines(_decoded_lines(file, rel), rel):
            anything = True
            yield item
        if not anything:
            yield Problem(path=rel, reason="empty file (whitespace only)")


def _decoded_lines(file, rel: str) -> Iterator[tuple[int, str | Problem]]:
    """(line number, text) for each line of a UTF-8 (or Windows-1252) file, read in bounded
    pieces: a line longer than one article is skipped unread, as a problem."""
    number = 0
    while True:
        raw = file.readline(MAX_ARTICLE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
            while (rest := file.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the long line
            yield number, Problem(path=rel, line=number,
                                  reason=f"line too long for one article (over {_size(MAX_ARTICLE_BYTES)})")
            continue
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        raw = strip_nul_padding(raw.rstrip(b"\r\n"))
        if not raw.strip():
            yield number, ""
            continue
        text = decode_bytes(raw)
        if replacement_ratio(text) > _UNDECODABLE_RATIO:
            yield number, Problem(path=rel, line=number, reason="undecodable text (neither UTF-8 nor Windows-1252)")
        else:
            yield number, text


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def describe_os_error(exc: OSError) -> str:
    """Why a file could not be read, in a few words."""
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"
