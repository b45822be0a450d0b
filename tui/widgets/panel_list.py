"""The side panel's lists fill themselves only while their tab is shown.

The Quotes and Entities tabs both follow the open article, but only one is visible at a
time; building an `OptionList` of 50-100 entities cost ~8 ms of every article opened while
nobody looked at it. A hidden list notes the article and fills itself when its tab is shown.
"""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList

from index import Article


class PanelList(OptionList):
    """An OptionList showing something about one article; subclasses implement `fill`."""

    DEFAULT_CSS = """
    PanelList {
        /* The scroll bar's column is kept whether or not it shows: the entries are wrapped
           to the width, and a width that changes when the bar appears would wrap them anew. */
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self._filled_for: Article | None | bool = False  # False: never filled

    def show(self, article: Article | None) -> None:
        """Follow `article`: the list is filled now when visible, else when its tab is shown."""
        self.article = article
        if self._shown():
            self._refill()

    def _shown(self) -> bool:
        # An inactive tab's pane is display: none; the list itself stays displayed.
        return all(node.display for node in self.ancestors_with_self if hasattr(node, "display"))

    def _refill(self) -> None:
        self._filled_for = self.article
        self.clear_options()
        if self.article is not None:
            self.fill(self.article)

    def ensure_filled(self) -> None:
        """Fill the list for the current article now if it has not been (a test or a key may
        need the entries before the tab is drawn)."""
        if self._filled_for is not self.article:
            self._refill()

    def fill(self, article: Article) -> None:
        raise NotImplementedError

    def _on_show(self, event: events.Show) -> None:
        self.ensure_filled()
