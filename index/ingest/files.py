"""Finding article files in a corpus folder and reading each one without ever raising.

A corpus is whatever a user points at: symlinks (even looping ones), unreadable folders,
images and archives beside the articles, the `.quotewire/` index folder itself. Discovery
walks it in a stable order; reading turns every failure into a `Problem`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .decoding import binary_kind, decode_bytes, replacement_ratio
from .formats import MARKDOWN_SUFFIXES, parse_jsonl, parse_text
from .result import FileResult, Problem

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".markdown", ".jsonl"})
MAX_ARTICLE_BYTES = 32 * 1024 * 1024  # one .txt/.md article; .jsonl files hold many and have no cap
_UNDECODABLE_RATIO = 0.05


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def discover(root: Path) -> Iterator[Path]:
    """Every supported file under `root`, depth first in name order (= sorted by relative path).

    Hidden files and folders are skipped; symlinks are followed, each real folder visited once.
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
    for entry in entries:
        if entry.name.startswith("."):
            continue
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


def read_file(path: Path, rel: str | None = None) -> FileResult:
    """The articles in one file; anything wrong with the file is a problem, never an exception."""
    path = Path(path)
    rel = str(path) if rel is None else rel

    def skipped(reason: str) -> FileResult:
        return FileResult([], [Problem(path=rel, reason=reason)])

    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return skipped(f"unsupported file type {suffix or '(no suffix)'}")
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return skipped("is a directory")
        if not stat.S_ISREG(info.st_mode):
            return skipped("not a regular file")
        if suffix != ".jsonl" and info.st_size > MAX_ARTICLE_BYTES:
            return skipped(f"too large for one article ({info.st_size // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as exc:
        return skipped(_os_reason(exc))
    if not data:
        return skipped("empty file")
    kind = binary_kind(data)
    if kind is not None:
        return skipped(f"binary file ({kind})")
    text = decode_bytes(data)
    if not text.strip():
        return skipped("empty file (whitespace only)")
    if replacement_ratio(text) > _UNDECODABLE_RATIO:
        return skipped("undecodable text (neither UTF-8 nor Windows-1252)")
    if suffix == ".jsonl":
        return parse_jsonl(text, rel)
    article = parse_text(text, path=rel, markdown=suffix in MARKDOWN_SUFFIXES)
    if article is None:
        return skipped("no article text (only boilerplate)")
    return FileResult([article], [])


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"
