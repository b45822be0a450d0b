"""The reader: one article, its entities coloured by type and its quotes marked with who said them.

The body is one `Static` per paragraph inside a `VerticalScroll`, so that going to a quote
or a search hit is a scroll to a known widget. Every paragraph is built with
`Content(text).stylize(...)` from the article's own spans, never from markup, so brackets,
escape sequences and control characters in an article stay plain text (see `inert`).
Styles are theme variables, so every built-in theme, light or dark, stays legible.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from index import Article, EntityLabel, Span

from .inert import inert, inert_content

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


@dataclass(frozen=True)
class _Label:
    """A speaker chip drawn after a quote: inserted at `offset` in the body."""

    offset: int
    text: str


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

    def compose(self):
        yield Static(Content("Open an article from the list (Enter), or search with /."), id="headline")
        meta = Static("", id="meta")
        meta.display = False  # until an article is shown: its rule would sit under nothing
        yield meta
        spare = [Static(classes="paragraph") for _ in range(SPARE_PARAGRAPHS)]
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
            self.call_after_refresh(self.scroll_to_span, article.quotes[quote].span)
        elif not same:
            self.scroll_home(animate=False, immediate=True)

    def go_to_quote(self, index: int | None) -> None:
        """Make quote `index` current (None: no current quote) and scroll it into view."""
        self.current_quote = index
        self._restyle()
        if self.article is not None and index is not None:
            self.call_after_refresh(self.scroll_to_span, self.article.quotes[index].span)

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
        self.call_after_refresh(self.scroll_to_span, self.marks[self.current_mark])
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
        # Paragraph widgets are reused from article to article (updating a Static is much
        # cheaper than mounting one); spare ones are hidden, missing ones mounted.
        body = self.query_one("#body", Vertical)
        existing = list(body.children)
        with self.app.batch_update():
            for widget, span in zip(existing, self._paragraphs):
                assert isinstance(widget, Static)
                widget.update(self._paragraph(span))
                widget.display = True
            for widget in existing[len(self._paragraphs):]:
                widget.display = False
            missing = self._paragraphs[len(existing):]
            if missing:
                body.mount_all(Static(self._paragraph(span), classes="paragraph") for span in missing)

    def _restyle(self) -> None:
        for widget, span in zip(self.query_one("#body").children, self._paragraphs):
            if isinstance(widget, Static):
                widget.update(self._paragraph(span))

    @staticmethod
    def _meta_line(article: Article) -> Content:
        """Two lines: where and when (source, dateline, date, byline), then what was found and
        the file. As one line it wrapped wherever it ran out of room, cutting "2 quotes from"
        from "3 speakers" or a path in two; each line now wraps only when it is itself too long."""
        where, found = meta_parts(article)
        lines = [inert_content(" · ".join(where)).stylize("bold")] if where else []
        lines.append(Content(found) + Content.styled(f" · {inert(article.path)}", "italic"))
        return Content("\n").join(lines)

    def _paragraph(self, span: Span) -> Content:
        """One paragraph with entities, quotes, the current quote and marks styled, plus speaker chips."""
        article = self.article
        assert article is not None
        start, end = span.start, span.end
        content = Content(inert(article.body[start:end], keep_newlines=True))

        def styled(content: Content, style: str, s: Span) -> Content:
            if s.end <= start or s.start >= end:
                return content
            return content.stylize(style, max(s.start, start) - start, min(s.end, end) - start)

        for entity in article.entities:
            content = styled(content, ENTITY_STYLES.get(entity.label, ""), entity.span)
        labels: list[_Label] = []
        for number, quote in enumerate(article.quotes):
            current = number == self.current_quote
            content = styled(content, CURRENT_QUOTE_STYLE if current else QUOTE_STYLE, quote.span)
            after = quote.span.end
            while after < len(article.body) and after - quote.span.end < 2 and article.body[after] in CLOSING_MARKS:
                after += 1
            if start < after <= end:
                labels.append(_Label(after - start, quote.speaker or UNKNOWN_SPEAKER))
        mark_style = MARK_STYLES[self.mark_kind]
        for number, mark in enumerate(self.marks):
            content = styled(content, mark_style, mark)
            if number == self.current_mark:
                content = styled(content, CURRENT_MARK_STYLE, mark)
        if not labels:
            return content
        pieces = content.divide([label.offset for label in labels])
        out = pieces[0]
        for label, piece in zip(labels, pieces[1:]):
            out += Content(" ") + inert_content(f" {label.text} ").stylize(SPEAKER_STYLE) + piece
        return out

    # -- scrolling -----------------------------------------------------------------------------

    def scroll_to_span(self, span: Span) -> None:
        """Scroll so that the line holding `span.start` is in the middle of the reader."""
        for widget, paragraph in zip(self.query_one("#body").children, self._paragraphs):
            if paragraph.start <= span.start < paragraph.end or span.start < paragraph.start:
                width = max(widget.content_size.width, 1)
                before = inert(self.article.body[paragraph.start : max(span.start, paragraph.start)]) if self.article else ""
                line = len(Content(before + "x").wrap(width)) - 1 if before else 0
                # virtual_region is relative to the parent: add #body's own place in the reader.
                top = (self.query_one("#body").virtual_region.y + widget.virtual_region.y
                       + widget.styles.padding.top + line)
                self.scroll_to_region(Region(0, top, self.size.width, 1), center=True, animate=False,
                                      immediate=True)
                return
