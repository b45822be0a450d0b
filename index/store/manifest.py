"""The manifest: what the index knows about each source file, for incremental re-indexing.

For every indexed file it records size, mtime and content hash, and the ids of the
articles that came from it. A re-index stats every file and reads only those whose size or
mtime changed; a file whose bytes are unchanged (touched, copied back) is not re-extracted.

The manifest is written after the Whoosh commit and atomically (temp file + rename), so it
can lag the index but never lead it: a stale entry only makes the next run redo a file,
which is safe because every file's articles are deleted before they are re-added.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..ingest import Problem

MANIFEST_NAME = "manifest.json"


class FileEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    size: int
    mtime_ns: int
    sha1: str
    ids: list[str] = []
    # Files whose articles were skipped because they repeat this file's, or this file's
    # because they repeat another's: when that other file goes away, redo this one.
    duplicate_of: list[str] = []
    # Why the file, or lines of it, were skipped: reported again on every run until it changes.
    problems: list[Problem] = []


class Manifest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    schema_version: int = 0
    corpus: str = ""
    files: dict[str, FileEntry] = {}

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        """The saved manifest, or None when there is none or it cannot be read."""
        try:
            return cls.model_validate_json((folder / MANIFEST_NAME).read_bytes())
        except (OSError, ValidationError, ValueError):
            return None

    def save(self, folder: Path) -> None:
        tmp = folder / f".{MANIFEST_NAME}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(self.model_dump_json())
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, folder / MANIFEST_NAME)


def file_digest(path: Path) -> str:
    """The file's SHA-1, read in chunks (a large .jsonl file is never held in memory)."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, lambda: hashlib.sha1(usedforsecurity=False)).hexdigest()


