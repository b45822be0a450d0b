"""What reading one file gives back: the articles it held and the problems that skipped parts of it.

Ingest never raises over a file's content; everything that stops a file (or one line of a
`.jsonl` file) from becoming an article is a `Problem` the indexer and the CLI can print.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from ..models import Article


class Problem(BaseModel):
    """Why a file, or one line of it, was skipped."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class FileResult:
    """The articles read from one file, in file order, and what could not be read."""

    articles: list[Article]
    problems: list[Problem]
