"""The search box over the article list, with one line of feedback under it.

The feedback line says how many articles matched, why a query could not be read, or
"did you mean" when nothing matched: the user never has to guess why the list changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from index import SearchResults

from .inert import inert_content

PLACEHOLDER = '/ search: words, "phrase", speaker:abe'


class SearchBar(Vertical):
    """An Input that posts Submitted(query) on Enter and Cleared on Escape."""

    BINDINGS = [
        Binding("escape", "clear", "Full list", id="search.clear",
                tooltip="Leave the search and show every article again"),
    ]

    @dataclass
    class Submitted(Message):
        query: str

    class Cleared(Message):
        """The user left the search (Escape)."""

    def compose(self):
        yield Input(placeholder=PLACEHOLDER, id="query")
        yield Static("", id="feedback")

    @property
    def input(self) -> Input:
        return self.query_one("#query", Input)

    @property
    def feedback(self) -> Static:
        return self.query_one("#feedback", Static)

    def _on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.Submitted(event.value))
        else:
            self.action_clear()

    def action_clear(self) -> None:
        self.input.value = ""
        self.say(None)
        self.post_message(self.Cleared())

    def say(self, content: Content | None, *, error: bool = False) -> None:
        """Show one line of feedback (None hides it)."""
        self.feedback.update(content or "")
        self.feedback.display = content is not None
        self.feedback.set_class(error, "-error")

    def show_results(self, results: SearchResults) -> None:
        if results.total:
            shown = len(results.hits)
            more = f" (best {shown} shown)" if shown < results.total else ""
            count = f"{results.total}+ articles" if results.more else f"{results.total} article{'s' * (results.total != 1)}"
            self.say(Content(f"{count} match{more} · Esc: full list"))
        elif results.suggestion:
            self.say(Content("No matches. Did you mean: ") + inert_content(results.suggestion).stylize("bold") +
                     Content(" ?"))
        else:
            self.say(Content("No matches."))

    def show_error(self, message: str) -> None:
        self.say(inert_content(message), error=True)
