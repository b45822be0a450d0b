"""Indexing and feed-fetching progress under the article list: a label and a bar, hidden when idle.

Opening the app never waits for the index, nor fetching for the network: this shows how
far the background work has got.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, ProgressBar

from .inert import inert


class IndexStatus(Vertical):
    def compose(self):
        yield Label("", id="index-label")
        yield ProgressBar(show_eta=False, id="index-bar")

    def progress(self, done: int, total: int, path: str) -> None:
        self.display = True
        self.query_one("#index-label", Label).update(
            Content(f"Indexing {done}/{total}" + (f" · {inert(path)}" if path else "")))
        self.query_one("#index-bar", ProgressBar).update(total=max(total, 1), progress=done)

    def fetching(self, feed: str, done: int, total: int) -> None:
        self.display = True
        self.query_one("#index-label", Label).update(
            Content("Fetching ") + Content(inert(feed)) + Content(f" {done}/{total}" if total else " …"))
        self.query_one("#index-bar", ProgressBar).update(total=total or None, progress=done)

    def start(self, reason: str | None) -> None:
        self.display = True
        self.query_one("#index-label", Label).update(
            Content(f"Indexing ({reason})…" if reason else "Checking for new articles…"))
        self.query_one("#index-bar", ProgressBar).update(total=None, progress=0)

    def finish(self) -> None:
        self.display = False
