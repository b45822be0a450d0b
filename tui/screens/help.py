"""The help screen (`?`): every key binding of the app and its panels, with what it does.

Built from the bindings themselves (app, then each panel), so it can never fall out of
date with the keys that actually work.
"""

from __future__ import annotations

import textwrap

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_WIDTH = 18
TEXT_WIDTH = 56  # the help box is 84 cells wide: border, padding and the key column take the rest

BindingGroups = list[tuple[str, list[Binding]]]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close", tooltip="Close the help screen"),
    ]

    def __init__(self, groups: BindingGroups) -> None:
        super().__init__()
        self.groups = groups

    def compose(self):
        with VerticalScroll(id="help"):
            yield Static(self.table(), id="help-table")

    def keys(self, binding: Binding) -> str:
        return " ".join(self.app.get_key_display(Binding(key, "")) for key in binding.key.split(","))

    def table(self) -> Content:
        lines: list[Content] = [Content.styled("quotewire keys", "bold $text-accent"), Content("")]
        for title, bindings in self.groups:
            lines.append(Content.styled(title, "bold $text-primary"))
            seen = set()
            for binding in bindings:
                if binding.id in seen:
                    continue
                seen.add(binding.id)
                what = textwrap.wrap(binding.tooltip or binding.description, TEXT_WIDTH) or [""]
                lines.append(Content.assemble((f"  {self.keys(binding):<{KEY_WIDTH}}", "bold"), what[0]))
                lines.extend(Content(" " * (KEY_WIDTH + 2) + more) for more in what[1:])
            lines.append(Content(""))
        lines.append(Content.styled("Mouse: click an article, a quote or an entity; wheel scrolls every panel.",
                                    "$text-muted"))
        lines.append(Content.styled("Esc / q / ? closes this screen.", "$text-muted"))
        return Content("\n").join(lines)
