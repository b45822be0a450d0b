"""The reader: one article, its entities coloured by type and its quotes marked with who said them.

The body is one `Static` per paragraph inside a `VerticalScroll`, so that going to a quote
or a search hit is a scroll to a known widget. Every paragraph is built with
`Content(text).stylize(...)` from the article's own spans, never from markup, so brackets,
escape sequences and control characters in an article stay plain text (see `inert`).
Styles are theme variables, so every built-in theme, light or dark, stays legible.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.content import Span as Styled
from textual.geometry import Region, Size
from textual.widget import Widget
from textual.selection import Selection
from textual.widgets import Static

from index import Article, EntityLabel, Span

from .inert import inert, inert_content
from .unbroken import Run, Unbroken, line_of

ENTITY_STYLES: dict[EntityLabel, str] = {
    EntityLabel.PERSON: "$text-primary",
    EntityLabel.ORG: "$text-secondary",
    EntityLabel.PLACE: "$text-success",
    EntityLabel.GROUP: "$text-accent",
    EntityLabel.DATE: "$text-warning",
}
QUOTE_STYLE = "italic on $primary 10%"
CURRENT_QUOTE_STYLE = "bold on $accent 35%"
SPEAKER_STYLE = "bold $text-accent on $accent 12%"
UNKNOWN_SPEAKER = "unattributed"
CLOSING_MARKS = "\"”’'»›"
# Paragraph widgets made up front: mounting more while an article opens costs a second
# layout pass (~10 ms); only an article longer than this mounts any.
SPARE_PARAGRAPHS = 40


class MarkKind(StrEnum):
    """What the reader's marks are: search hits, or the mentions of one entity."""

    MATCH = "match"
    ENTITY = "entity"


MARK_STYLES = {MarkKind.MATCH: "bold underline $text-warning on $warning 15%",
               MarkKind.ENTITY: "bold underline on $secondary 15%"}
CURRENT_MARK_STYLE = "bold reverse"


def paragraph_spans(article: Article) -> list[Span]:
    """The article's paragraphs, or its blank-line-separated blocks when ingest gave none."""
    if article.paragraphs:
        return list(article.paragraphs)
    spans, start = [], 0
    body = article.body
    while start < len(body):
        end = body.find("\n\n", start)
        end = len(body) if end < 0 else end
        if body[start:end].strip():
            spans.append(Span(start=start, end=end))
        start = end + 2
    return spans


def meta_parts(article: Article) -> tuple[list[str], str]:
    """What the reader's metadata lines say: (source, dateline, date, byline), and "N quotes
    from M speakers"."""
    where = [part for part in (article.source, article.dateline, article.date.isoformat() if article.date else None,
                               article.byline) if part]
    quotes = len(article.quotes)
    speakers = len(article.speaker_names())
    return where, f"{quotes} quote{'s' * (quotes != 1)} from {speakers} speaker{'s' * (speakers != 1)}"


def plain_text(article: Article) -> str:
    """The article as the reader shows it, as plain text: headline, metadata, paragraphs
    (what `|` pipes to a command)."""
    where, found = meta_parts(article)
    head = [article.title, " · ".join(where), f"{found} · {article.path}"]
    paragraphs = [article.text_of(span).strip() for span in paragraph_spans(article)]
    return "\n".join(line for line in head if line) + "\n\n" + "\n\n".join(p for p in paragraphs if p) + "\n"


@dataclass
class _Shown:
    """One paragraph as drawn: its text with the speaker labels inserted, where they were
    inserted (offset in the paragraph, length), and the labels' runs (never broken)."""

    visual: Content | Unbroken
    inserted: list[tuple[int, int]] = field(default_factory=list)
    kept: list[Run] = field(default_factory=list)

    def offset_of(self, offset: int) -> int:
        """Where character `offset` of the paragraph is in the drawn text."""
        return offset + sum(length for at, length in self.inserted if at <= offset)


class Paragraph(Static):
    """A paragraph of the reader; copying a selection works with unbroken labels too."""

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        visual = self._render()
        if isinstance(visual, Unbroken):
            return visual.selected_text(selection), "\n"
        return super().get_selection(selection)


def _by_paragraph(paragraphs: list[Span], spans: list[Span]) -> list[list[int]]:
    """For each paragraph, the indices of `spans` that overlap it (in their order)."""
    starts = [p.start for p in paragraphs]
    found: list[list[int]] = [[] for _ in paragraphs]
    for index, span in enumerate(spans):
        first = max(bisect_right(starts, span.start) - 1, 0)
        for number in range(first, len(paragraphs)):
            paragraph = paragraphs[number]
            if paragraph.start >= span.end:
                break
            if span.start < paragraph.end:
                found[number].append(index)
    return found


class ArticleReader(VerticalScroll, can_focus=True):
    """Shows one article; knows its current quote and its marks (hits or entity mentions)."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="reader.down", tooltip="Scroll down a line"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up", tooltip="Scroll up a line"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top", tooltip="Go to the headline"),
        Binding("G", "scroll_end", "End", show=False, id="reader.end", tooltip="Go to the end of the article"),
        Binding("space", "page_down", "Page down", show=False, id="reader.page",
                tooltip="Scroll down one screen"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.current_quote: int | None = None
        self.marks: list[Span] = []
        self.mark_kind = MarkKind.MATCH
        self.current_mark: int | None = None
        self._paragraphs: list[Span] = []
        self._shown: list[_Shown] = []
        # The entities and quotes of each paragraph (indices into the article's tuples):
        # building a paragraph looks only at its own, not at every span of the article.
        self._entities_of: list[list[int]] = []
        self._quotes_of: list[list[int]] = []

    def compose(self):
        yield Static(Content("Open an article from the list (Enter), or search with /."), id="headline")
        meta = Static("", id="meta")
        meta.display = False  # until an article is shown: its rule would sit under nothing
        yield meta
        spare = [Paragraph(classes="paragraph") for _ in range(SPARE_PARAGRAPHS)]
        for widget in spare:
            widget.display = False
        yield Vertical(*spare, id="body")

    # -- what is shown -----------------------------------------------------------------------

    def show(self, article: Article, *, quote: int | None = None, marks: list[Span] | None = None,
             kind: MarkKind = MarkKind.MATCH) -> None:
        """Show `article` from its top, or scrolled to `quote` (an index into article.quotes)."""
        same = self.article is not None and self.article.id == article.id
        self.article = article
        self.current_quote = quote
        self.marks = sorted(marks or [], key=lambda s: s.start)
        self.mark_kind = kind
        self.current_mark = None
        if same:
            self._restyle()
        else:
            self._rebuild()
        if quote is not None:
            self.scroll_now(article.quotes[quote].span)
        elif not same:
            self.scroll_home(animate=False, immediate=True)

    def go_to_quote(self, index: int | None) -> None:
        """Make quote `index` current (None: no current quote) and scroll it into view."""
        self.current_quote = index
        self._restyle()
        if self.article is not None and index is not None:
            self.scroll_now(self.article.quotes[index].span)

    def set_marks(self, marks: list[Span], kind: MarkKind) -> None:
        """Highlight `marks` (search hits or entity mentions); none is current yet."""
        self.marks = sorted(marks, key=lambda s: s.start)
        self.mark_kind = kind
        self.current_mark = None
        self._restyle()

    def step_mark(self, step: int) -> int | None:
        """Make the next (step 1) or previous (-1) mark current, wrapping; returns its index."""
        if not self.marks:
            return None
        if self.current_mark is None:
            self.current_mark = 0 if step > 0 else len(self.marks) - 1
        else:
            self.current_mark = (self.current_mark + step) % len(self.marks)
        self._restyle()
        self.scroll_now(self.marks[self.current_mark])
        return self.current_mark

    @property
    def shown_paragraphs(self) -> list[Static]:
        """The paragraph widgets of the open article (spare ones are hidden, not removed)."""
        return [w for w in self.query_one("#body").children if isinstance(w, Static) and w.display]

    @property
    def current_mark_span(self) -> Span | None:
        return self.marks[self.current_mark] if self.current_mark is not None else None

    # -- building the widgets ----------------------------------------------------------------

    def _rebuild(self) -> None:
        article = self.article
        assert article is not None
        headline = self.query_one("#headline", Static)
        headline.update(inert_content(article.title))
        headline.set_class(article.title_derived, "-derived")
        headline.tooltip = "No headline in the file: made from the first sentence" if article.title_derived else None
        meta = self.query_one("#meta", Static)
        meta.update(self._meta_line(article))
        meta.display = True
        self._paragraphs = paragraph_spans(article)
        self._entities_of = _by_paragraph(self._paragraphs, [e.span for e in article.entities])
        self._quotes_of = _by_paragraph(self._paragraphs, [self._labelled_span(q.span) for q in article.quotes])
        self._shown = [self._paragraph(number) for number in range(len(self._paragraphs))]
        # Paragraph widgets are reused from article to article (updating a Static is much
        # cheaper than mounting one); spare ones are hidden, missing ones mounted.
        body = self.query_one("#body", Vertical)
        existing = list(body.children)
        with self.app.batch_update():
            for widget, shown in zip(existing, self._shown):
                assert isinstance(widget, Static)
                widget.update(shown.visual)
                widget.display = True
            for widget in existing[len(self._shown):]:
                widget.display = False
            missing = self._shown[len(existing):]
            if missing:
                body.mount_all(Paragraph(shown.visual, classes="paragraph") for shown in missing)

    def _restyle(self) -> None:
        self._shown = [self._paragraph(number) for number in range(len(self._paragraphs))]
        for widget, shown in zip(self.query_one("#body").children, self._shown):
            if isinstance(widget, Static):
                widget.update(shown.visual)

    @staticmethod
    def _meta_line(article: Article) -> Content:
        """Two lines: where and when (source, dateline, date, byline), then what was found and
        the file. As one line it wrapped wherever it ran out of room, cutting "2 quotes from"
        from "3 speakers" or a path in two; each line now wraps only when it is itself too long."""
        where, found = meta_parts(article)
        lines = [inert_content(" · ".join(where)).stylize("bold")] if where else []
        lines.append(Content(found) + Content.styled(f" · {inert(article.path)}", "italic"))
        return Content("\n").join(lines)

    def _labelled_span(self, span: Span) -> Span:
        """A quote's span with its closing marks, after which its speaker label goes."""
        assert self.article is not None
        body, after = self.article.body, span.end
        while after < len(body) and after - span.end < 2 and body[after] in CLOSING_MARKS:
            after += 1
        return Span(start=span.start, end=after)

    def _paragraph(self, number: int) -> _Shown:
        """Paragraph `number` with entities, quotes, the current quote and marks styled, plus
        a speaker label after each quote that ends in it (kept on one line: see `unbroken`).

        The styles are collected as one list of spans and the Content made once (each
        `stylize` copies the Content: that was most of the cost of opening an article)."""
        article = self.article
        assert article is not None
        span = self._paragraphs[number]
        start, end = span.start, span.end
        styles: list[Styled] = []

        def styled(style: str, s: Span) -> None:
            if s.end > start and s.start < end:
                styles.append(Styled(max(s.start, start) - start, min(s.end, end) - start, style))

        entities = article.entities
        for index in self._entities_of[number]:
            entity = entities[index]
            styled(ENTITY_STYLES.get(entity.label, ""), entity.span)
        labels: list[tuple[int, str]] = []
        for index in self._quotes_of[number]:
            quote = article.quotes[index]
            styled(CURRENT_QUOTE_STYLE if index == self.current_quote else QUOTE_STYLE, quote.span)
            after = self._labelled_span(quote.span).end
            if start < after <= end:
                labels.append((after - start, quote.speaker or UNKNOWN_SPEAKER))
        mark_style = MARK_STYLES[self.mark_kind]
        for index, mark in enumerate(self.marks):
            if mark.start >= end:
                break  # the marks are sorted
            styled(mark_style, mark)
            if index == self.current_mark:
                styled(CURRENT_MARK_STYLE, mark)
        content = Content(inert(article.body[start:end], keep_newlines=True), styles)
        if not labels:
            return _Shown(content)
        labels.sort()
        pieces = content.divide([offset for offset, _ in labels])
        out = pieces[0]
        shown = _Shown(out)
        for (offset, name), piece in zip(labels, pieces[1:]):
            chip = inert_content(f" {name} ").stylize(SPEAKER_STYLE)
            shown.kept.append((len(out) + 1, len(out) + 1 + len(chip)))
            shown.inserted.append((offset, len(chip) + 1))
            out = out + Content(" ") + chip + piece
        shown.visual = Unbroken(out, shown.kept)
        return shown

    # -- scrolling -----------------------------------------------------------------------------

    def scroll_now(self, span: Span) -> None:
        """Scroll to `span` in the very frame that draws the article (or the new marks).

        Textual places the paragraphs only when it draws the next frame, and scrolling after
        that frame drew the article at its top first and the quote one frame later. So the
        places are worked out here from the paragraphs' new text, as the layout will find
        them (`predicted_layout`); once drawn, `scroll_to_span` checks against the real
        layout, which moves nothing when the prediction held."""
        predicted = self.predicted_layout()
        if predicted is not None:
            tops, width, height = predicted
            # The scrollable height is the new article's, so that scrolling is not clamped to
            # the old one's; `_scroll_update` (private, Textual is pinned exactly) is what the
            # layout calls with it: scroll bar size and range. When the layout finds the same
            # height it does not call it again.
            self.virtual_size = Size(self.virtual_size.width, height)
            self._scroll_update(self.virtual_size)
            self._scroll_to_line(self._line_of(span, [(top, width) for top in tops]))
        self.call_after_refresh(self.scroll_to_span, span)

    def scroll_to_span(self, span: Span) -> None:
        """Scroll so that the line holding `span.start` is in the middle of the reader (from
        the paragraphs' places in the last layout)."""
        body = self.query_one("#body")
        # virtual_region is relative to the parent: add #body's own place in the reader.
        placed = [(body.virtual_region.y + widget.virtual_region.y + widget.styles.gutter.top,
                   max(widget.content_size.width, 1)) for widget in body.children if widget.display]
        self._scroll_to_line(self._line_of(span, placed))

    def _line_of(self, span: Span, placed: list[tuple[int, int]]) -> int | None:
        """The line of the reader's scrollable area that holds `span.start`, given each
        paragraph's (top, width) there."""
        for (top, width), paragraph, shown in zip(placed, self._paragraphs, self._shown):
            if paragraph.start <= span.start < paragraph.end or span.start < paragraph.start:
                offset = shown.offset_of(max(span.start - paragraph.start, 0))
                return top + line_of(str(shown.visual), offset, width, shown.kept)
        return None

    def _scroll_to_line(self, line: int | None) -> None:
        if line is None:
            return
        # origin_visible=False: with it, Textual found the region's origin outside the
        # (padded) window and scrolled the quote to the top edge instead of the middle,
        # hiding the lines that lead into it.
        self.scroll_to_region(Region(0, line, self.size.width, 1), center=True, animate=False,
                              immediate=True, origin_visible=False)

    def predicted_layout(self) -> tuple[list[int], int, int] | None:
        """Where the next layout will put the shown paragraphs, worked out from their current
        text: (each one's top in the scrollable area, their text width, the area's height).
        None when it cannot be known yet: the reader not laid out, paragraphs still being
        mounted, or a style other than `height: auto` (then the quote is scrolled to one
        frame later, after the layout).

        The reader's width is the same from article to article (its scroll bar column is
        kept: `scrollbar-gutter: stable`), so each paragraph's height is its text's height
        at that width, the same call the layout makes (and caches for it)."""
        width = self.scrollable_content_region.width
        body = self.query_one("#body")
        paragraphs = [widget for widget in body.children if widget.display]
        if (width <= 0 or self.styles.scrollbar_gutter != "stable" or len(paragraphs) != len(self._shown)
                or not all(widget.is_mounted for widget in paragraphs)):  # just mounted: not styled yet
            return None
        inner = _stacked(paragraphs, width, self.app.viewport_size)
        if inner is None:
            return None
        tops, body_height = inner
        outer = _stacked([self.query_one("#headline"), self.query_one("#meta"), body], width,
                         self.app.viewport_size, {body: body_height})
        if outer is None:
            return None
        (_, _, body_top), height = outer
        # The scrollable area is never shorter than the window (as Textual's compositor has it).
        return [body_top + top for top in tops], width, max(height, self.scrollable_content_region.height)


def _stacked(widgets: list[Widget], width: int, viewport: Size,
             heights: dict[Widget, int] | None = None) -> tuple[list[int], int] | None:
    """Where Textual's vertical layout puts `widgets` in a column `width` cells wide: each
    one's top (where its text starts) and the column's height; None when one is not
    `height: auto`. As in `textual.layouts.vertical`, two margins that meet collapse into
    the larger; the column's height is that of every widget grown by its margins (as
    `textual.layout` measures an arrangement), so it ends below the last one's margin.
    `heights`: the outer heights of widgets already worked out (a container)."""
    heights = heights or {}
    tops: list[int] = []
    y, bottom_margin = 0, None
    for widget in widgets:
        if not widget.display:  # takes no room (nor margin) in the layout
            tops.append(y)
            continue
        styles = widget.styles
        margin, gutter = styles.margin, styles.gutter
        if widget in heights:
            outer = heights[widget]
        elif styles.is_auto_height and styles.min_height is None and styles.max_height is None:
            inner_width = width - margin.width - gutter.width
            outer = widget.get_content_height(Size(width, 0), viewport, inner_width) + gutter.height
        else:
            return None
        y += margin.top if bottom_margin is None else max(bottom_margin, margin.top)
        tops.append(y + gutter.top)
        y += outer
        bottom_margin = margin.bottom
    return tops, y + (bottom_margin or 0)
