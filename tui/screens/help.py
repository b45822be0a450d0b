"""The help screen (`?`): every key binding of the app and its panels, with what it does.

Built from the bindings themselves (app, then each panel) and the user's keymap, so it can
never fall out of date with the keys that actually work. Each entry ends with the binding's
id, the name a keymap file uses to give it other keys.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.inert import inert_content

KEY_WIDTH = 18
TEXT_WIDTH = 50
ID_WIDTH = 18  # the help box is 96 cells wide: border, padding and the three columns

BindingGroups = list[tuple[str, list[Binding]]]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close", tooltip="Close the help screen"),
    ]

    def __init__(self, groups: BindingGroups, keys_of: Callable[[Binding], str] | None = None,
                 keymap_file: str = "") -> None:
        """`keys_of(binding)`: the keys it answers to now (after the user's keymap)."""
        super().__init__()
        self.groups = groups
        self.keys_of = keys_of or (lambda binding: binding.key)
        self.keymap_file = keymap_file

    def compose(self):
        with VerticalScroll(id="help"):
            yield Static(self.table(), id="help-table")

    def keys(self, binding: Binding) -> str:
        return " ".join(self.app.get_key_display(Binding(key.strip(), ""))
                        for key in self.keys_of(binding).split(","))

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
                keys = [f"  {self.keys(binding):<{KEY_WIDTH}}"] + [" " * (KEY_WIDTH + 2)] * (len(what) - 1)
                for number, (key, text) in enumerate(zip(keys, what)):
                    last = number == len(what) - 1
                    lines.append(Content.assemble((key, "bold"), text.ljust(TEXT_WIDTH + 1) if last else text,
                                                  (binding.id or "", "$text-muted") if last else ""))
            lines.append(Content(""))
        muted = "$text-muted"
        lines.append(Content.styled("Mouse: click an article, a quote or an entity; wheel scrolls every panel.", muted))
        lines.append(Content.styled("Your own keys: a keymap file of  binding id = \"keys\"  lines, e.g.", muted))
        lines.append(Content.styled('  "app.next_quote" = "ctrl+n"      "list.down" = ["down", "j"]', muted))
        if self.keymap_file:
            lines.append(Content.styled("  read at start-up from ", muted) + inert_content(self.keymap_file))
        lines.append(Content.styled("Esc / q / ? closes this screen.", muted))
        return Content("\n").join(lines)
