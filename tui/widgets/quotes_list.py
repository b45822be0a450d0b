"""The "Quotes" tab: the open article's quotes grouped by speaker, with counts.

Selecting a speaker makes `]`/`[` walk that speaker's quotes across the corpus; selecting
a quote goes to it in the reader (and chooses its speaker too).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index import Article

from ..messages import ChooseSpeaker, GoToQuote
from .inert import inert_content
from .panel_list import PanelList

QUOTE_PREVIEW = 90  # characters of a quote shown in the list
INDENT = 2  # a quote's lines are indented under its speaker


class QuotesList(PanelList):
    """Speakers (selectable) each followed by their quotes in this article."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._wrapped_width = 0

    def fill(self, article: Article) -> None:
        if not article.quotes:
            self.add_option(Option(Content("No quotations found in this article."), disabled=True))
            return
        groups: dict[str | None, list[int]] = {}
        for number, quote in enumerate(article.quotes):
            groups.setdefault(quote.speaker, []).append(number)
        # Attributed speakers in order of first quote, unattributed quotes last.
        order = [name for name in groups if name is not None] + ([None] if None in groups else [])
        options: list[Option | None] = []
        for name in order:
            numbers = groups[name]
            heading = inert_content(name or "Unattributed").stylize("bold $text-primary")
            heading += Content.styled(f"  {len(numbers)}", "$text-muted")
            options.append(Option(heading, id=f"speaker-{numbers[0]}", disabled=name is None))
            for number in numbers:
                options.append(Option(self._preview(article.quotes[number].text), id=f"quote-{number}"))
        self.add_options(options)

    def _preview(self, text: str) -> Content:
        """The quote's beginning, wrapped with a hanging indent under its speaker."""
        text = text if len(text) <= QUOTE_PREVIEW else text[:QUOTE_PREVIEW - 1] + "…"
        self._wrapped_width = self.scrollable_content_region.width
        width = max(self._wrapped_width - INDENT, 12)
        lines = inert_content(f"“{text}”").wrap(width)
        return Content("\n").join(Content(" " * INDENT) + line for line in lines)

    def on_resize(self) -> None:
        # The previews are wrapped to the panel's width: wrap them again when it changed
        # (not when only the height did, which happens with every article).
        width = self.scrollable_content_region.width
        if width != self._wrapped_width and self.article is not None and self._shown():
            highlighted = self.highlighted
            self._refill()
            self.highlighted = highlighted

    def highlight_quote(self, index: int | None) -> None:
        """Move the highlight to quote `index` without selecting it (follows the reader)."""
        if index is None:
            return
        self.ensure_filled()
        try:
            self.highlighted = self.get_option_index(f"quote-{index}")
        except Exception:  # OptionDoesNotExist: the list was rebuilt for another article
            pass

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if self.article is None:
            return
        kind, _, number = option_id.partition("-")
        quote = self.article.quotes[int(number)]
        if kind == "quote":
            if quote.speaker:
                self.post_message(ChooseSpeaker(quote.speaker, quote_index=int(number)))
            self.post_message(GoToQuote(int(number)))
        elif kind == "speaker" and quote.speaker:
            self.post_message(ChooseSpeaker(quote.speaker))
