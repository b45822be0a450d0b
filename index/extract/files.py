"""Extraction of files outside any index: what `quotewire extract` and `show FILE` print.

The indexer extracts inside its writer's processes; these read a file or folder the user
names on the command line, ingest it and extract each article, touching no index.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from index.extract.engine import extract
from index.ingest import FileResult, discover, read_file


def extract_file(path: Path) -> FileResult:
    """The articles of one file with their quotes and entities, and what could not be read."""
    result = read_file(path, str(path))
    return FileResult([extract(article) for article in result.articles], result.problems)


def extract_files(path: Path) -> Iterator[FileResult]:
    """`extract_file` for `path`, or for every supported file under it when it is a folder."""
    for file in discover(Path(path)):
        yield extract_file(file)
