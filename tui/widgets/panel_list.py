"""The side panel's lists fill themselves only while their tab is shown.

The Quotes and Entities tabs both follow the open article, but only one is visible at a
time; building an `OptionList` of 50-100 entities cost ~8 ms of every article opened while
nobody looked at it. A hidden list notes the article and fills itself when its tab is shown;
the visible one right after the frame that shows the article (the second layout pass that
Textual makes after any size change absorbs it). A click or a key in between, on entries still
drawn for the previous article, fills the list at once and acts on the new article's entries.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
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
        self._drawn_width = 0  # the width the options were last drawn at

    def show(self, article: Article | None) -> None:
        """Follow `article`: a visible list is filled right after the next frame (so that the
        frame showing the article does not wait for it), a hidden one when its tab is shown."""
        self.article = article
        if self._shown():
            self.call_after_refresh(self.ensure_filled)

    @property
    def current(self) -> bool:
        """Whether the entries are those of `article` (not yet filled: a selection is ignored)."""
        return self._filled_for is self.article

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

    def _on_key(self, event: events.Key) -> None:
        """A key reaches the focused list before its bindings run: in the gap between the frame
        showing a new article and the list's filling, fill it now, so that Enter or an arrow
        acts on the new article's entries (they would otherwise move over, or select, an entry
        of the article before, which the selection handlers ignore as not `current`)."""
        if not self.current:
            self.ensure_filled()

    async def _on_click(self, event: events.Click) -> None:
        """A click while the entries drawn are still the previous article's (the frame that
        shows a new article comes before the list is filled for it) acts on the new
        article: the list is filled now and the click goes to the entry now at its place.
        (OptionList's own handler, which runs after this one unless prevented, would select
        the old entry drawn there, which the selection handlers ignore as not `current`.)"""
        if self.current:
            return
        event.prevent_default()
        self.ensure_filled()
        offset = event.get_content_offset(self)
        if offset is None:
            return
        # `_lines` (private; Textual is pinned exactly): for each line, (option index, line in it).
        lines = self._lines
        line = offset.y + self.scroll_offset.y
        if 0 <= line < len(lines) and not self.options[lines[line][0]].disabled:
            self.highlighted = lines[line][0]
            self.action_select()

    # OptionList drops every drawn option on any resize. The list is as tall as its entries,
    # so its height changes with nearly every article, which made it draw every option two
    # or three times per article opened; the drawings depend only on the width.
    def _on_resize(self, event: events.Resize) -> None:
        if event.size.width == self._drawn_width:
            event.prevent_default()
        self._drawn_width = event.size.width

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # As in `ArticleList`: the list sets its own virtual size, and comparing it with the
        # layout's (always different) redrew the scroll bar on every layout pass.
        return super()._size_updated(size, self.virtual_size, container_size, layout)
