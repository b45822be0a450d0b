"""The "Quotes" tab: the open article's quotes grouped by speaker, with counts.

Selecting a speaker makes `]`/`[` walk that speaker's quotes across the corpus; selecting
a quote goes to it in the reader (and chooses its speaker too).
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Spacing
from textual.visual import Padding
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

    _wanted: int | None = None  # the quote to highlight once filled for the article

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

    @staticmethod
    def _preview(text: str) -> Padding:
        """The quote's beginning, wrapped by the list with a hanging indent under its speaker."""
        text = text if len(text) <= QUOTE_PREVIEW else text[:QUOTE_PREVIEW - 1] + "…"
        return Padding(inert_content(f"“{text}”"), Spacing(0, 0, 0, INDENT))

    def show(self, article: Article | None) -> None:
        self._wanted = None
        super().show(article)

    def highlight_quote(self, index: int | None) -> None:
        """Move the highlight to quote `index` without selecting it (follows the reader).
        Not yet filled for this article: once it is (after the frame showing the article, or
        at once if a key or click comes first)."""
        if index is None:
            return
        self._wanted = index
        if self.current:
            self._highlight(index)
        elif self._shown():
            self.call_after_refresh(self.ensure_filled)

    def _refill(self) -> None:
        super()._refill()
        if self._wanted is not None:
            self._highlight(self._wanted)

    def _highlight(self, index: int) -> None:
        try:
            self.highlighted = self.get_option_index(f"quote-{index}")
        except Exception:  # OptionDoesNotExist: no such quote in this article
            pass

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.current:
            return  # the entries are still those of the article before
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
