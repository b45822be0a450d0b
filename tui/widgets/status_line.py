"""One line under the panels that says where the reader is: "Shinzo Abe: quote 2 of 5".

Kept apart from notifications, which vanish: this line always answers "where am I in the
walk I started" (a speaker's quotes, search hits, an entity's mentions).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from .inert import inert


class StatusLine(Static):
    """Shows the last status message; `say("")` clears it."""

    def say(self, message: str) -> None:
        self.update(Content(inert(message)))

    @property
    def message(self) -> str:
        return str(self.content)
