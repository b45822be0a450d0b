"""Where a corpus's index lives.

By default inside the corpus, in `.quotewire/`, so the index travels with the articles.
When the corpus folder cannot be written (a read-only install of the bundled seeds, a
shared archive) the index goes to the user's cache folder instead, under a name derived
from the corpus path so that two corpora never share an index.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

INDEX_DIRNAME = ".quotewire"


@dataclass(frozen=True)
class IndexLocation:
    path: Path
    fallback: bool = False  # True when the corpus was not writable and the cache folder is used


def cache_root() -> Path:
    override = os.environ.get("QUOTEWIRE_CACHE")
    return Path(override) if override else Path(platformdirs.user_cache_dir("quotewire"))


def _writable(folder: Path) -> bool:
    if folder.exists():
        return os.access(folder, os.W_OK | os.X_OK)
    return _writable(folder.parent) if folder.parent != folder else False


def locate_index(corpus: Path, index_dir: Path | None = None) -> IndexLocation:
    """The index folder for `corpus` (a folder, or a single file indexed on its own)."""
    if index_dir is not None:
        return IndexLocation(Path(index_dir))
    corpus = corpus.resolve()
    # A single file gets its own index in the cache: putting it in the parent folder's
    # `.quotewire/` would make the folder's index forget every other file.
    if corpus.is_dir():
        local = corpus / INDEX_DIRNAME
        if _writable(local):
            return IndexLocation(local)
    digest = hashlib.blake2b(str(corpus).encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    return IndexLocation(cache_root() / f"{corpus.name or 'root'}-{digest}", fallback=corpus.is_dir())
