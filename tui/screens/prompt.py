"""A one-line question in a small modal: the shell command for `|`, the file for `e`.

Returns what was typed (Enter) or None (Escape); an empty answer counts as None.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..widgets.inert import inert_content


class Prompt(ModalScreen[str | None]):
    """`Prompt("Pipe the article to", placeholder="less", value="")`."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="prompt.cancel", tooltip="Close without doing anything"),
    ]

    def __init__(self, question: str, *, value: str = "", placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.hint = hint

    def compose(self):
        with Vertical(id="prompt"):
            yield Label(inert_content(self.question), id="prompt-question")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(Content.styled(self.hint + ("  ·  " if self.hint else "") + "Enter: go · Esc: cancel",
                                       "$text-muted"), id="prompt-hint")

    @property
    def input(self) -> Input:
        return self.query_one("#prompt-input", Input)

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)
