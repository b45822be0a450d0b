"""The "Entities" tab: the open article's entities grouped by type, with mention counts.

Selecting one highlights all its mentions in the reader; `n`/`N` then walk them.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index import Article, EntityLabel

from ..messages import ShowEntity
from .inert import inert_content
from .panel_list import PanelList
from .reader import ENTITY_STYLES

GROUP_TITLES = {
    EntityLabel.PERSON: "People",
    EntityLabel.ORG: "Organisations",
    EntityLabel.PLACE: "Places",
    EntityLabel.GROUP: "Groups",
    EntityLabel.DATE: "Dates",
}


class EntitiesList(PanelList):
    """Type headings, then each entity of that type with how often it is mentioned."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entities: list[tuple[str, EntityLabel]] = []

    def fill(self, article: Article) -> None:
        self._entities = []
        counts = article.entity_counts()
        if not counts:
            self.add_option(Option(Content("No entities found in this article."), disabled=True))
            return
        options: list[Option] = []
        for label in EntityLabel:
            found = sorted(((name, n) for (name, lab), n in counts.items() if lab == label),
                           key=lambda item: (-item[1], item[0].casefold()))
            if not found:
                continue
            options.append(Option(Content.styled(f"{GROUP_TITLES[label]}  {len(found)}", "bold"), disabled=True))
            for name, mentions in found:
                prompt = Content("  ") + inert_content(name).stylize(ENTITY_STYLES[label])
                prompt += Content.styled(f"  ×{mentions}", "$text-muted")
                options.append(Option(prompt, id=f"entity-{len(self._entities)}"))
                self._entities.append((name, label))
        self.add_options(options)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.current:
            return  # the entries are still those of the article before
        number = int((event.option.id or "entity-0").rpartition("-")[2])
        name, label = self._entities[number]
        self.post_message(ShowEntity(name, label))
