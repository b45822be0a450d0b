"""The article list: one line per article (or three per search hit), drawn line by line.

Unread articles (see `tui.state.ReadMarks`) carry a dot before the title and a bold title.

An archive can hold 100k articles; a widget per row (ListView, OptionList, DataTable)
takes seconds to build at that size. This is a Line-API `ScrollView`: it draws only the
rows on screen, fetches them from the store a page at a time, and keeps a few pages and
the rendered rows in small LRU caches, so opening and scrolling cost the same at any size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
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

from index import ArticleRow, SearchHit, SearchResults

from .inert import inert

PAGE = 32  # rows fetched at a time: a jump lands on a screenful never fetched before
DATE_WIDTH = 10  # 2026-11-20
SHORT_DATE_WIDTH = 9  # 20 Nov 26
SOURCE_WIDTH = 10
COUNT_WIDTH = 4
# The date column takes its full form while the titles keep this many cells, its short form
# down to the second figure, and is left out below (the reader's header shows the date).
TITLE_WIDTH_FOR_DATE = 30
TITLE_WIDTH_FOR_SHORT_DATE = 16
SNIPPET_LINES = 2
SNIPPET_LEAD = 40  # characters of context kept before a snippet's first match
UNREAD_MARK = "•"  # in the first column of an unread article's row

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


class _Picked:
    """A short list of rows chosen by the app (the unread articles), all in memory."""

    item_height = 1

    def __init__(self, rows: list[ArticleRow]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, index: int) -> ArticleRow | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

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
        "article-list--unread",
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
        & > .article-list--unread { color: $text-accent; text-style: bold; }
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

    # No automatic repaint: the watchers redraw only the rows that changed.
    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    open_id: reactive[str | None] = reactive(None, repaint=False)

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
        self._source: _Rows | _Hits | _Picked = _Rows(lambda offset, limit: [], 0)
        # Whether an article is unread (the app's read marks); drawn with a dot and in bold.
        self.is_unread: Callable[[str], bool] = lambda article_id: False
        self._lines: LRUCache[tuple[int, int], list[Content]] = LRUCache(256)
        # Finished lines, by (line, width, how the row is drawn): redrawing the screen after
        # a cursor move or an open draws mostly lines it has drawn before.
        self._strips: LRUCache[tuple[int, int, str, bool], Strip] = LRUCache(1024)
        self._styles: dict[str, RichStyle] = {}
        self.empty_message = "No articles yet."
        self._dated = True  # some article of the list has a date: the date column is drawn

    # -- what the list shows ---------------------------------------------------------------

    def show_rows(self, fetch: RowFetcher, count: int, *, cursor: int | None = None) -> None:
        """Show the whole list; `fetch(offset, limit)` returns rows newest first.

        With `cursor`, the cursor goes to that row and stays on the screen line it was on
        (the list grew or shrank around it); without, the list shows its top."""
        self._set_source(_Rows(fetch, count), cursor=cursor)

    def show_hits(self, results: SearchResults, *, cursor: int | None = None) -> None:
        """Show search hits, each with its highlighted snippet (`cursor` as in `show_rows`)."""
        self._set_source(_Hits(results), cursor=cursor)

    def show_picked(self, rows: list[ArticleRow], *, cursor: int | None = None) -> None:
        """Show just these rows, in this order (`cursor` as in `show_rows`)."""
        self._set_source(_Picked(rows), cursor=cursor)

    @property
    def showing_hits(self) -> bool:
        return isinstance(self._source, _Hits)

    @property
    def showing_picked(self) -> bool:
        return isinstance(self._source, _Picked)

    def index_of(self, article_id: str) -> int | None:
        """Where an article is in a search's hits or a picked list (None: not there, or the
        whole list is shown, where the store knows positions)."""
        if isinstance(self._source, _Rows):
            return None
        for index in range(len(self._source)):
            row = self._source.row(index)
            if row is not None and row.id == article_id:
                return index
        return None

    def unread_changed(self) -> None:
        """Redraw after read marks changed (only the rows on screen are drawn again)."""
        self._strips.clear()
        self.refresh()

    @property
    def count(self) -> int:
        return len(self._source)

    def row(self, index: int) -> ArticleRow | None:
        return self._source.row(index)

    @property
    def current_row(self) -> ArticleRow | None:
        return self._source.row(self.cursor)

    def _set_source(self, source: _Rows | _Hits | _Picked, *, cursor: int | None) -> None:
        screen_line = self.cursor * self._source.item_height - int(self.scroll_offset.y)
        self._source = source
        # Undated articles sort last, so when the first row has no date none has: then the
        # date column is left out and the titles get the room.
        if isinstance(source, _Hits):
            dated = any(hit.row.date for hit in source.results.hits)
        elif isinstance(source, _Picked):
            dated = any(row.date for row in source.rows)
        else:
            first = source.row(0)
            dated = first is not None and first.date is not None
        self._dated = dated
        self._forget_drawn()
        self.virtual_size = Size(self.scrollable_content_region.width, len(source) * source.item_height)
        if cursor is None:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.cursor = 0
        else:
            self.cursor = cursor  # validated: kept inside the list
            self.scroll_to(y=max(self.cursor * source.item_height - screen_line, 0), animate=False, immediate=True)
        self.refresh()

    # -- cursor ------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._source) - 1)) if len(self._source) else 0

    def watch_cursor(self, old: int, new: int) -> None:
        # Only the two rows that changed; a scroll that brings in other rows redraws them itself.
        self._refresh_item(old)
        self._refresh_item(new)
        self._scroll_cursor_into_view()

    def watch_open_id(self, old: str | None, new: str | None) -> None:
        changed = {old, new} - {None}
        height = self._source.item_height
        first = int(self.scroll_offset.y) // height
        for index in range(first, min(first + self.size.height // height + 2, len(self._source))):
            row = self._source.row(index)
            if row is not None and row.id in changed:
                self._refresh_item(index)

    def _refresh_item(self, index: int) -> None:
        height = self._source.item_height
        self.refresh_lines(index * height, height)

    def _forget_drawn(self) -> None:
        self._lines.clear()
        self._strips.clear()
        self._styles.clear()

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
        self._forget_drawn()
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 len(self._source) * self._source.item_height)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # The layout passes the size of the (absent) children as the virtual size; the list
        # sets its own. Compared with the layout's, it always differed, so every layout
        # pass of the screen (each article opened) redrew this list's scroll bar.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_drawn()

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
        row = self._source.row(index)
        if index == self.cursor:
            kind = "cursor-focus" if self.has_focus else "cursor"
        else:
            kind = "open" if row is not None and row.id == self.open_id else "plain"
        unread = row is not None and self.is_unread(row.id)
        key = (line, width, kind, unread)
        strip = self._strips.get(key)
        if strip is None and within == 0 and row is not None:
            strip = self._strips[key] = self._row_strip(row, width, kind, unread)
        elif strip is None:
            lines = self._lines.get((index, width))
            if lines is None:
                lines = self._render_item(index, width)
                self._lines[(index, width)] = lines
            content = lines[within]
            if kind.startswith("cursor"):
                base = self._row_style("article-list--cursor")
                content = _uncoloured(content)
            elif kind == "open":
                base = self._row_style("article-list--open")
            strip = self._strips[key] = self._strip(content, width, base)
        return strip

    def _row_style(self, component: str) -> VisualStyle:
        # The full (not partial) component style: a partial one loses an opaque background.
        return VisualStyle.from_rich_style(self.get_component_rich_style(component))

    def _strip(self, content: Content, width: int, base: VisualStyle | None = None) -> Strip:
        content = content.truncate(width, pad=True)
        segments: Sequence[Segment] = content.render_segments(base or self.visual_style)
        return Strip(segments, width)

    def _render_item(self, index: int, width: int) -> list[Content]:
        """The lines of an item after its first (the row): a search hit's snippet."""
        hit = self._source.hit(index)
        lines = [Content("")] + (self._snippet_lines(hit, width) if hit is not None else [])
        return lines + [Content("")] * (self._source.item_height - len(lines))

    def _rich_styles(self) -> dict[str, RichStyle]:
        """The row styles, worked out once per theme or style change (rows are drawn often)."""
        styles = self._styles
        if not styles:
            plain = self.visual_style.rich_style
            styles["plain"] = plain
            # The full (not partial) row styles: a partial one loses an opaque background.
            styles["open"] = plain + self.get_component_rich_style("article-list--open")
            styles["cursor"] = styles["cursor-focus"] = self.get_component_rich_style("article-list--cursor")
            for field in ("date", "source", "count", "unread"):
                styles[field] = self.get_component_rich_style(f"article-list--{field}", partial=True)
        return styles

    def date_width(self, width: int | None = None) -> int:
        """The date column's width (0: no column) for rows `width` cells wide (default: now):
        the full date while titles keep TITLE_WIDTH_FOR_DATE cells, else the short one."""
        if not self._dated:
            return 0
        if width is None:
            width = self.scrollable_content_region.width
        room = width - self._fixed_width()
        for date_width, title in ((DATE_WIDTH, TITLE_WIDTH_FOR_DATE), (SHORT_DATE_WIDTH, TITLE_WIDTH_FOR_SHORT_DATE)):
            if room - date_width - 1 >= title:
                return date_width
        return 0

    @staticmethod
    def _fixed_width() -> int:
        """Cells of a row besides the title and the date: unread mark, source, count, spaces."""
        return 1 + SOURCE_WIDTH + 1 + 1 + COUNT_WIDTH

    @staticmethod
    def date_text(date: dt.date | None, date_width: int) -> str:
        """An article's date as the column shows it, `date_width` cells (blank: undated):
        2026-11-20, or 20 Nov 26 where the list is narrow (day, month and year all kept:
        an archive spans years)."""
        if date is None or not date_width:
            return " " * date_width
        text = date.isoformat() if date_width >= DATE_WIDTH else f"{date.day:>2} {date:%b %y}"
        return text.ljust(date_width)[:date_width]

    def _row_strip(self, row: ArticleRow, width: int, kind: str, unread: bool = False) -> Strip:
        """One article's line: unread dot, date, source, title, quote count. Drawn straight to segments
        rather than through `Content` (the list's drawing cost per jump went from ~12 to ~6
        ms): a jump across the corpus draws a screenful of rows never drawn before."""
        styles = self._rich_styles()
        base = styles[kind]
        cursor = kind.startswith("cursor")  # on the cursor's background only bold is kept

        def field(name: str) -> RichStyle:
            return base if cursor else base + styles[name]

        date_width = self.date_width(width)
        title_width = max(width - self._fixed_width() - (date_width + 1 if date_width else 0), 8)
        title_style = base + RichStyle(bold=True) if unread else base
        segments = [Segment(UNREAD_MARK, field("unread")) if unread else Segment(" ", base)]
        if date_width:
            segments += [Segment(self.date_text(row.date, date_width), field("date")), Segment(" ", base)]
        segments += [
            Segment(_fit(inert(row.source or ""), SOURCE_WIDTH), field("source")), Segment(" ", base),
            Segment(_fit(inert(row.title), title_width), title_style), Segment(" ", base),
            Segment((f"{row.quotes}❞" if row.quotes else "").rjust(COUNT_WIDTH), field("count")),
        ]
        return Strip(segments).adjust_cell_length(width, base)

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


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
