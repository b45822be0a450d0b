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

QUOTE_PREVIEW = 90  # characters of a quote shown in the list


class QuotesList(OptionList):
    """Speakers (selectable) each followed by their quotes in this article."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None

    def show(self, article: Article | None) -> None:
        self.article = article
        self.clear_options()
        if article is None:
            return
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
                quote = article.quotes[number]
                text = quote.text if len(quote.text) <= QUOTE_PREVIEW else quote.text[:QUOTE_PREVIEW - 1] + "…"
                options.append(Option(Content("  “") + inert_content(text) + Content("”"), id=f"quote-{number}"))
        self.add_options(options)

    def highlight_quote(self, index: int | None) -> None:
        """Move the highlight to quote `index` without selecting it (follows the reader)."""
        if index is None:
            return
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
