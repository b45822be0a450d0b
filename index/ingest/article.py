"""From one article's decoded text to a clean `Article`: the order in which ingest reads a story.

Characters are cleaned, paragraphs split, page furniture removed; then the header (headline,
byline, agency, date lines) is read off the top, the dateline off the first paragraph and a
closing agency credit off the last; a title is derived when there was no headline.
Metadata a file states outright (JSON keys, front matter) wins over what the text suggests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..models import Article, article_id
from .agencies import canonical_agency
from .boilerplate import strip_boilerplate
from .credits import read_byline, read_link_line, read_source_line, split_trailing_agency
from .datelines import split_dateline
from .dates import parse_date, read_date_line
from .markdown import read_markdown
from .normalize import clean_text, squash
from .paragraphs import Paragraph, layout, split_paragraphs
from .titles import derive_title, looks_like_headline

_HEADER_MAX = 8  # header lines a page puts above the story
_FOOTER_LINKS = 3  # closing paragraphs searched for a "Source:" line


@dataclass(frozen=True)
class Given:
    """Metadata the file states outright; each field set here wins over what the text suggests."""

    title: str | None = None
    source: str | None = None
    date: date | None = None
    url: str | None = None
    byline: str | None = None


@dataclass
class _Found:
    title: str | None = None
    byline: str | None = None
    source: str | None = None
    date: date | None = None
    dateline: str | None = None
    url: str | None = None

    def keep(self, **values: object) -> None:
        """Record each value unless one was already found (the first mention wins)."""
        for name, value in values.items():
            if value is not None and getattr(self, name) is None:
                setattr(self, name, value)


def build_article(text: str, *, path: str, markdown: bool = False, given: Given = Given()) -> Article | None:
    """The article in `text`, or None when nothing but furniture is left."""
    text = clean_text(text)
    found = _Found()
    if markdown:
        doc = read_markdown(text)
        text = doc.text
        meta = doc.meta
        found.keep(title=_plain(doc.heading), url=doc.url)
        given = Given(
            title=given.title or _plain(meta.get("title")),
            source=given.source or _plain(meta.get("source")),
            date=given.date or parse_date(meta.get("date", "")),
            url=given.url or _plain(meta.get("url")),
            byline=given.byline or _plain(meta.get("byline")),
        )
    paragraphs = strip_boilerplate(split_paragraphs(text))
    title_given = _plain(given.title)
    paragraphs = _read_header(paragraphs, found, title_given or found.title)
    paragraphs = _read_dateline(paragraphs, found, title_known=bool(title_given or found.title))
    paragraphs = _read_footer(paragraphs, found)
    texts = [p.text for p in paragraphs]
    if not texts:
        return None
    body, spans = layout(texts)
    title = title_given or found.title
    derived = title is None
    if title is None:
        title = derive_title(texts[0])
    source = _plain(given.source)
    return Article(
        id=article_id(title, body),
        path=path,
        title=title,
        title_derived=derived,
        source=(canonical_agency(source) or source) if source else found.source,
        dateline=found.dateline,
        date=given.date or found.date,
        url=_plain(given.url) or found.url,
        byline=_plain(given.byline) or found.byline,
        body=body,
        paragraphs=spans,
    )


def _read_header(paragraphs: list[Paragraph], found: _Found, title: str | None) -> list[Paragraph]:
    """Take headline, byline, agency, date and link lines off the top; return the rest."""
    taken = 0
    for index, paragraph in enumerate(paragraphs[:_HEADER_MAX]):
        text = paragraph.text
        if title is not None and text.casefold() == title.casefold():
            pass  # the headline repeated at the top of the body
        elif (link := read_link_line(text)) is not None:
            found.keep(source=link.source, url=link.url)
        elif (agency := read_source_line(text)) is not None:
            found.keep(source=agency)
        elif (byline := read_byline(text)) is not None:
            found.keep(byline=byline.author, source=byline.source)
            for part in byline.rest:
                stated = read_date_line(part)
                found.keep(date=stated.date if stated else None)
        elif (stated := read_date_line(text)) is not None:
            found.keep(date=stated.date)
        elif found.dateline is None and (dateline := split_dateline(text)) is not None and not dateline.rest:
            found.keep(dateline=dateline.place, source=dateline.agency, date=dateline.date)
        elif (title is None and found.title is None and paragraph.alone and index + 1 < len(paragraphs)
              and looks_like_headline(text)):
            found.title = text
        else:
            break
        taken = index + 1
    return paragraphs[taken:]


def _read_dateline(paragraphs: list[Paragraph], found: _Found, title_known: bool) -> list[Paragraph]:
    """Take the dateline off the first paragraph.

    A dateline marks where the story starts, so a short line standing alone above a
    dateline paragraph is the headline even when it ends with a stop.
    """
    if not paragraphs or found.dateline is not None:
        return paragraphs
    dateline = split_dateline(paragraphs[0].text)
    if dateline is None and not title_known and len(paragraphs) > 1 and paragraphs[0].alone:
        headline = paragraphs[0].text
        if looks_like_headline(headline.removesuffix(".")):
            dateline = split_dateline(paragraphs[1].text)
            if dateline is not None and dateline.rest:
                found.title = headline.removesuffix(".")
                paragraphs = paragraphs[1:]
            else:
                dateline = None
    if dateline is None:
        return paragraphs
    found.keep(dateline=dateline.place, source=dateline.agency, date=dateline.date)
    rest = [replace(paragraphs[0], text=dateline.rest)] if dateline.rest else []
    return rest + paragraphs[1:]


def _read_footer(paragraphs: list[Paragraph], found: _Found) -> list[Paragraph]:
    """Take `Source:` lines and a closing agency credit off the end."""
    kept = list(paragraphs)
    for index in range(len(kept) - 1, max(len(kept) - 1 - _FOOTER_LINKS, -1), -1):
        link = read_link_line(kept[index].text)
        if link is not None:
            found.keep(source=link.source, url=link.url)
            del kept[index]
    if kept:
        last = kept[-1].text
        agency = read_source_line(last)
        trailing = ("", agency) if agency is not None else split_trailing_agency(last)
        if trailing is not None:
            rest, name = trailing
            found.keep(source=name)
            kept[-1:] = [replace(kept[-1], text=rest)] if any(c.isalnum() for c in rest) else []
    return kept


def _plain(value: str | None) -> str | None:
    """A metadata value as one clean line, or None when blank."""
    if value is None:
        return None
    value = squash(clean_text(value))
    return value or None
