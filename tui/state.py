"""Where the reader was, per corpus, so that reopening a corpus picks up at the same place.

A small JSON file in the user's state folder (platformdirs), keyed by the corpus's absolute
path. Losing it costs nothing, so a missing or damaged file is treated as empty and every
write replaces the file atomically.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ValidationError

STATE_FILENAME = "reading.json"


class Place(BaseModel):
    """The article last open in a corpus and how far down it was scrolled."""

    article_id: str
    scroll_y: float = 0.0
    quote: int | None = None


class _Saved(BaseModel):
    corpora: dict[str, Place] = {}


def default_state_file() -> Path:
    """`$QUOTEWIRE_STATE` when set (tests, portable installs), else the user state folder."""
    override = os.environ.get("QUOTEWIRE_STATE")
    if override:
        return Path(override)
    return Path(platformdirs.user_state_dir("quotewire")) / STATE_FILENAME


class ReadingState:
    """The remembered places of every corpus, read once and written on change."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_state_file()
        self._saved = self._load()

    def _load(self) -> _Saved:
        try:
            return _Saved.model_validate_json(self.path.read_bytes())
        except (OSError, ValidationError, ValueError):
            return _Saved()

    def place(self, corpus: Path) -> Place | None:
        return self._saved.corpora.get(str(corpus))

    def remember(self, corpus: Path, place: Place, *, save: bool = True) -> None:
        """Record `place` for `corpus` and (unless `save=False`) write the file."""
        self._saved.corpora[str(corpus)] = place
        if save:
            self.save()

    def save(self) -> None:
        """Write every remembered place; a failed write is not an error."""
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".reading-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(self._saved.model_dump_json(indent=1))
            os.replace(tmp, self.path)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
