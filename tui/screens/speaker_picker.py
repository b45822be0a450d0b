"""The speaker picker (`s`): type a few letters, choose anyone quoted anywhere in the corpus.

Fuzzy matching is Textual's own `Matcher` (the command palette's), over canonical names
and every spelling of them, so "abe", "shinzo" and "SA" all find Shinzo Abe.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from index import SpeakerInfo

from ..widgets.inert import fuzzy_highlight, inert, inert_content

SHOWN = 200  # speakers listed at once; typing narrows the rest


class SpeakerPicker(ModalScreen[str | None]):
    """Returns the chosen speaker's canonical name, or None when dismissed."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="picker.cancel", tooltip="Close without choosing"),
        Binding("down", "move(1)", "Next", show=False, id="picker.down", tooltip="Next speaker"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker.up", tooltip="Previous speaker"),
    ]

    def __init__(self, speakers: list[SpeakerInfo], current: str | None = None) -> None:
        super().__init__()
        self.speakers = speakers
        self.current = current

    def compose(self):
        with Vertical(id="picker"):
            yield Label(Content(f"Jump to a speaker ({len(self.speakers)} quoted in this corpus)"), id="picker-title")
            yield Input(placeholder="type part of a name", id="picker-input")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def matches(self, text: str) -> list[tuple[SpeakerInfo, Content]]:
        """Speakers matching `text`, best first, each with its name highlighted."""
        if not text.strip():
            return [(s, inert_content(s.name)) for s in self.speakers[:SHOWN]]
        matcher = Matcher(text)
        scored = []
        for speaker in self.speakers:
            best = max((matcher.match(inert(name)), name) for name in (speaker.name, *speaker.variants))
            if best[0] > 0:
                shown = best[1] if best[1] == speaker.name else speaker.name
                scored.append((best[0], speaker, fuzzy_highlight(matcher, shown)))
        scored.sort(key=lambda item: (-item[0], -item[1].articles, item[1].name.casefold()))
        return [(speaker, content) for _, speaker, content in scored[:SHOWN]]

    def _fill(self, text: str) -> None:
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        found = self.matches(text)
        for number, (speaker, name) in enumerate(found):
            articles = Content.styled(f"  {speaker.articles} article{'s' * (speaker.articles != 1)}", "$text-muted")
            options.add_option(Option(name + articles, id=f"s{number}"))
        self._shown = [speaker for speaker, _ in found]
        names = [speaker.name for speaker in self._shown]
        if self._shown:
            # Start on the speaker being followed, when the list shows them.
            options.highlighted = names.index(self.current) if not text and self.current in names else 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is not None and self._shown:
            self.dismiss(self._shown[options.highlighted].name)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index].name)
