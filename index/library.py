"""The one door between the TUI/command line and the data side.

A `Library` is a corpus folder plus its index: it knows where the index lives, brings it up
to date, and opens it for reading. Everything it returns is a pydantic model or a plain
record from `index.store.results`, so callers never touch Whoosh.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .store import CorpusIndex, IndexLocation, IndexReport, locate_index, update_index
from .store.indexer import Progress, rebuild_reason, whoosh_dir


class Library:
    def __init__(self, corpus: Path, index_dir: Path | None = None) -> None:
        self.corpus = Path(corpus).expanduser().resolve()
        self.location: IndexLocation = locate_index(self.corpus, index_dir)

    @property
    def name(self) -> str:
        return self.corpus.name or str(self.corpus)

    def has_index(self) -> bool:
        """Whether an index was ever built for this corpus (it may still need updating)."""
        return whoosh_dir(self.location).is_dir()

    def needs_rebuild(self) -> str | None:
        """Why opening this library will first build its index from scratch, if it will."""
        return rebuild_reason(self.corpus, self.location)

    def update(self, *, rebuild: bool = False, progress: Progress | None = None,
               commit_every: int | None = None, committed: Callable[[], None] | None = None) -> IndexReport:
        """Index added and changed files, forget removed ones (everything, with rebuild=True).

        See `index.store.update_index` for progress, commit_every and committed."""
        return update_index(self.corpus, self.location, rebuild=rebuild, progress=progress,
                            commit_every=commit_every, committed=committed)

    def open(self) -> CorpusIndex:
        """The index for reading; raises StoreError when there is none or it is damaged."""
        return CorpusIndex(self.location)
