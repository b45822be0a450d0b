"""The article list: one line per article (or three per search hit), drawn line by line.

An archive can hold 100k articles; a widget per row (ListView, OptionList, DataTable)
takes seconds to build at that size. This is a Line-API `ScrollView`: it draws only the
rows on screen, fetches them from the store a page at a time, and keeps a few pages and
the rendered rows in small LRU caches, so opening and scrolling cost the same at any size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content, Span
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle

from index.store import ArticleRow, SearchHit, SearchResults

from .inert import inert, inert_content

PAGE = 64
DATE_WIDTH = 10
SOURCE_WIDTH = 10
COUNT_WIDTH = 4
SNIPPET_LINES = 2
SNIPPET_LEAD = 40  # characters of context kept before a snippet's first match

RowFetcher = Callable[[int, int], list[ArticleRow]]


class _Rows:
    """The whole list, newest first, fetched from the store a page at a time."""

    item_height = 1

    def __init__(self, fetch: RowFetcher, count: int) -> None:
        self._fetch = fetch
        self._count = count
        self._pages: LRUCache[int, list[ArticleRow]] = LRUCache(32)

    def __len__(self) -> int:
        return self._count

    def row(self, index: int) -> ArticleRow | None:
        if not 0 <= index < self._count:
            return None
        page_number, within = divmod(index, PAGE)
        page = self._pages.get(page_number)
        if page is None:
            page = self._fetch(page_number * PAGE, PAGE)
            self._pages[page_number] = page
        return page[within] if within < len(page) else None

    def hit(self, index: int) -> SearchHit | None:
        return None


class _Hits:
    """Ranked search hits, all in memory (a search returns at most a few hundred)."""

    item_height = 1 + SNIPPET_LINES

    def __init__(self, results: SearchResults) -> None:
        self.results = results

    def __len__(self) -> int:
        return len(self.results.hits)

    def row(self, index: int) -> ArticleRow | None:
        hit = self.hit(index)
        return hit.row if hit else None

    def hit(self, index: int) -> SearchHit | None:
        hits = self.results.hits
        return hits[index] if 0 <= index < len(hits) else None


def _uncoloured(content: Content) -> Content:
    """The same text with its colours dropped but bold/underline kept: on the cursor's
    background the field colours can be unreadable, emphasis never is."""
    spans = [
        Span(span.start, span.end, VisualStyle(bold=span.style.bold, underline=span.style.underline))
        for span in content.spans if isinstance(span.style, VisualStyle)
    ]
    return Content(content.plain, spans)


class ArticleList(ScrollView, can_focus=True):
    """Articles (or search hits) with a cursor; Enter or a click opens one."""

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--open",
        "article-list--date",
        "article-list--source",
        "article-list--count",
        "article-list--snippet",
        "article-list--match",
        "article-list--empty",
    }

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        & > .article-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .article-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .article-list--open { text-style: bold; color: $text-accent; }
        & > .article-list--date { color: $foreground-muted; }
        & > .article-list--source { color: $text-secondary; }
        & > .article-list--count { color: $text-primary; }
        & > .article-list--snippet { color: $foreground; }
        & > .article-list--match { color: $text-warning; text-style: bold underline; }
        & > .article-list--empty { color: $foreground-muted; text-style: italic; }
    }
    """

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False, id="list.down", tooltip="Next article"),
        Binding("up,k", "move(-1)", "Up", show=False, id="list.up", tooltip="Previous article"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down",
                tooltip="One screen of articles down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up",
                tooltip="One screen of articles up"),
        Binding("home,g", "edge(0)", "First", show=False, id="list.first", tooltip="First article"),
        Binding("end,G", "edge(1)", "Last", show=False, id="list.last", tooltip="Last article"),
        Binding("enter", "open", "Open", id="list.open", tooltip="Open the article under the cursor"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)
    open_id: reactive[str | None] = reactive(None)

    @dataclass
    class Opened(Message):
        """The user opened the article under the cursor (Enter or click)."""

        article_list: ArticleList
        row: ArticleRow
        hit: SearchHit | None

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._source: _Rows | _Hits = _Rows(lambda offset, limit: [], 0)
        self._lines: LRUCache[tuple[int, int], list[Content]] = LRUCache(256)
        self.empty_message = "No articles yet."
        self._date_width = DATE_WIDTH

    # -- what the list shows ---------------------------------------------------------------

    def show_rows(self, fetch: RowFetcher, count: int, *, keep_cursor: bool = False) -> None:
        """Show the whole list; `fetch(offset, limit)` returns rows newest first."""
        self._set_source(_Rows(fetch, count), keep_cursor=keep_cursor)

    def show_hits(self, results: SearchResults) -> None:
        """Show search hits, each with its highlighted snippet."""
        self._set_source(_Hits(results), keep_cursor=False)

    @property
    def showing_hits(self) -> bool:
        return isinstance(self._source, _Hits)

    @property
    def count(self) -> int:
        return len(self._source)

    def row(self, index: int) -> ArticleRow | None:
        return self._source.row(index)

    @property
    def current_row(self) -> ArticleRow | None:
        return self._source.row(self.cursor)

    def _set_source(self, source: _Rows | _Hits, *, keep_cursor: bool) -> None:
        self._source = source
        # Undated articles sort last, so when the first row has no date none has: then the
        # date column is left out and the titles get the room.
        if isinstance(source, _Hits):
            dated = any(hit.row.date for hit in source.results.hits)
        else:
            first = source.row(0)
            dated = first is not None and first.date is not None
        self._date_width = DATE_WIDTH if dated else 0
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(source) * source.item_height)
        cursor = min(self.cursor, len(source) - 1) if keep_cursor else 0
        if not keep_cursor:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = max(cursor, 0)
        self.refresh()

    # -- cursor ------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._source) - 1)) if len(self._source) else 0

    def watch_cursor(self) -> None:
        self.refresh()
        self._scroll_cursor_into_view()

    def watch_open_id(self) -> None:
        self.refresh()

    def _scroll_cursor_into_view(self) -> None:
        height = self._source.item_height
        self.scroll_to_region(Region(0, self.cursor * height, 1, height), animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        per_page = max(self.scrollable_content_region.height // self._source.item_height, 1)
        self.cursor += direction * per_page

    def action_edge(self, end: int) -> None:
        self.cursor = len(self._source) - 1 if end else 0

    def action_open(self) -> None:
        row = self._source.row(self.cursor)
        if row is not None:
            self.post_message(self.Opened(self, row, self._source.hit(self.cursor)))

    def _on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // self._source.item_height
        if 0 <= index < len(self._source):
            self.cursor = index
            self.action_open()

    def _on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 len(self._source) * self._source.item_height)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    # -- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_offset.y) + y
        height = self._source.item_height
        index, within = divmod(line, height)
        base = self.visual_style
        if not len(self._source):
            if y != 0:
                return Strip.blank(width, base.rich_style)
            content = Content(" " + self.empty_message).stylize(self.get_visual_style("article-list--empty", partial=True))
            return self._strip(content, width)
        if index >= len(self._source):
            return Strip.blank(width, base.rich_style)
        lines = self._lines.get((index, width))
        if lines is None:
            lines = self._render_item(index, width)
            self._lines[(index, width)] = lines
        content = lines[within]
        row = self._source.row(index)
        if index == self.cursor:
            base = self._row_style("article-list--cursor")
            content = _uncoloured(content)
        elif row is not None and row.id == self.open_id:
            base = self._row_style("article-list--open")
        else:
            base = self.visual_style
        return self._strip(content, width, base)

    def _row_style(self, component: str) -> VisualStyle:
        # The full (not partial) component style: a partial one loses an opaque background.
        return VisualStyle.from_rich_style(self.get_component_rich_style(component))

    def _strip(self, content: Content, width: int, base: VisualStyle | None = None) -> Strip:
        content = content.truncate(width, pad=True)
        segments: Sequence[Segment] = content.render_segments(base or self.visual_style)
        return Strip(segments, width)

    def _render_item(self, index: int, width: int) -> list[Content]:
        row = self._source.row(index)
        if row is None:
            return [Content("")] * self._source.item_height
        lines = [self._row_line(row, width)]
        hit = self._source.hit(index)
        if hit is not None:
            lines.extend(self._snippet_lines(hit, width))
        return lines

    def _row_line(self, row: ArticleRow, width: int) -> Content:
        style = self.get_visual_style
        date = Content((row.date.isoformat() if row.date else "").ljust(self._date_width))
        source = inert_content(row.source or "").truncate(SOURCE_WIDTH, ellipsis=True, pad=True)
        count = Content((f"{row.quotes}❞" if row.quotes else "").rjust(COUNT_WIDTH))
        title_width = max(width - self._date_width - SOURCE_WIDTH - COUNT_WIDTH - 4, 8)
        title = inert_content(row.title).truncate(title_width, ellipsis=True, pad=True)
        return Content.assemble(
            " ",
            date.stylize(style("article-list--date", partial=True)), " " if self._date_width else "",
            source.stylize(style("article-list--source", partial=True)), " ",
            title, " ",
            count.stylize(style("article-list--count", partial=True)),
        )

    def _snippet_lines(self, hit: SearchHit, width: int) -> list[Content]:
        snippet = hit.snippet
        text = inert(snippet.text)
        matches = list(snippet.matches)
        start = 0
        if matches and matches[0].start > SNIPPET_LEAD:
            # Start shortly before the first match, at a word boundary, so that it is on screen.
            start = text.rfind(" ", 0, matches[0].start - SNIPPET_LEAD // 2) + 1
        content = Content(("…" if start else "") + text[start:])
        shift = 1 if start else 0
        content = content.stylize(self.get_visual_style("article-list--snippet", partial=True))
        match_style = self.get_visual_style("article-list--match", partial=True)
        for span in matches:
            if span.end > start:
                content = content.stylize(match_style, max(span.start - start, 0) + shift, span.end - start + shift)
        wrapped = content.wrap(max(width - 4, 8))[:SNIPPET_LINES]
        wrapped += [Content("")] * (SNIPPET_LINES - len(wrapped))
        return [Content("   ") + line for line in wrapped]
