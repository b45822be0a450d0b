"""Saved web pages: the story's paragraphs and the page's own metadata, found by trafilatura.

A news page wraps a few paragraphs in navigation, cookie banners, share buttons, related
stories and comments, and states its headline, author, date, site and canonical URL in
JSON-LD, Open Graph, `<meta>` or `<time>` tags. trafilatura, the reference tool for news
main-text extraction, finds both (bench/html_extract_compare.py measures it against a
selectolax-based extractor). This module only turns what it found into the text and `Given`
metadata the rest of ingest already reads, so a page's body then goes through the same
paragraph, boilerplate and dateline passes as a `.txt` article.

Article text is data: the page is parsed, never rendered; entities decode to characters
(`&lt;b&gt;` is the text `<b>`), and scripts and styles never reach the body.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..models import Article
from .article import Given, build_article
from .dates import parse_date
from .normalize import clean_text

if TYPE_CHECKING:
    from lxml.etree import _Element

# trafilatura and the libraries it calls log errors about odd pages and a flood of debug lines;
# once an application sets up a root handler they would print under the TUI's screen.
_QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")
# Blocks of trafilatura's output tree: each is a paragraph (or one per `<lb/>`-separated line).
_BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "cell", "row", "list", "table", "code", "div"})
# An XML declaration naming an encoding makes lxml refuse an already-decoded string.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# libxml2 stops reading at `</html>`, so a stray one in the middle of a page (templates glued
# together) would lose the rest of the story; browsers ignore these end tags, and so do we.
_DOCUMENT_END_TAGS = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
# A DOCTYPE with an internal subset (`<!DOCTYPE x [<!ENTITY ...>]>`, the shape of an entity
# expansion bomb) is not HTML: the parser ends it at the first `>` and pushes the head into the
# body. It becomes a plain DOCTYPE; its entities are never expanded (`&lol9;` stays text).
_DOCTYPE = re.compile(r"<!doctype", re.IGNORECASE)
_DOCTYPE_SUBSET = re.compile(r"<!doctype[^>\[]*+\[[^\]]*+\]\s*>", re.IGNORECASE)
_HEAD_CHARS = 64 * 1024  # where a DOCTYPE can be
# The address `o` opens in the TUI: a web page, nothing a browser would run or read from disk.
_WEB_SCHEMES = ("http", "https")
# Character references to control codes: `&#27;[31m` is a terminal escape sequence spelt in
# HTML, and `&#146;` is how old Windows pages write an apostrophe (browsers read 128-159 as
# Windows-1252, as the HTML standard says; the parser would give a C1 control instead).
_LOW_REFERENCE = re.compile(r"&#(?:[xX]0*(?P<hex>[0-9a-fA-F]{1,2})|0*(?P<dec>[0-9]{1,3}));?")
_KEPT_CONTROLS = frozenset((9, 10, 12, 13))
# Consent dialogs trafilatura's own lists miss (a banner that is the only text on a page is
# kept as its "main text"); pruned before extraction. Matched on id and class, lower-cased;
# a bare "cookie" is not enough (recipe pages put it on their content).
_CONSENT_TOKENS = ("cookie-banner", "cookie-consent", "cookie-notice", "cookie-bar", "cookie-popup", "cookie-law",
                   "cookiebanner", "cookieconsent", "cookienotice", "cookiebot", "onetrust", "didomi", "qc-cmp",
                   "gdpr", "consent-banner", "consent-dialog", "cc-window")
_LOWER = "translate(concat(@id, ' ', @class), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_PRUNE_XPATH = "//*[" + " or ".join(f"contains({_LOWER}, '{token}')" for token in _CONSENT_TOKENS) + "]"
# A short block that is mostly link text ("Back to home page", "Next: Winter market returns")
# is navigation the extractor let through.
_LINK_BLOCK_MAX = 120
_LINK_SHARE = 0.5
# A story has sentences; navigation labels and buttons run to a few words.
_SENTENCE_WORDS = 8
# htmldate's "extensive search" guesses a date from any date written in the text (a deadline,
# an anniversary); ingest fills a date only when the page states it, as for text files.
_DATE_OPTIONS = {"extensive_search": False, "original_date": True}

_quieted = False


def parse_html(text: str, *, path: str) -> Article | None:
    """The article in a decoded web page, or None when the page has no main text."""
    text = _without_doctype_subset(_XML_DECLARATION.sub("", text, count=1))
    text = clean_text(_LOW_REFERENCE.sub(_low_character, _DOCUMENT_END_TAGS.sub("", text)))
    document = _extract(text, precision=True)
    blocks = _story_blocks(document)
    if not blocks:
        # Pages without the usual markup (text in table cells or between <br>s, a feed's
        # plain-text entry) give nothing in precision mode; the balanced mode then returns the
        # page's text, which the boilerplate passes clean as they clean a scraped .txt file.
        document = _extract(text, precision=False)
        blocks = _story_blocks(document)
        if not any(len(line.split()) >= _SENTENCE_WORDS for block in blocks for line in block.split("\n")):
            return None  # menus, buttons and labels: no sentence, no story
        blocks = _without_glued_headline(blocks, document.title)
    given = Given(
        title=document.title,
        source=document.sitename,
        date=parse_date(document.date) if document.date else None,
        url=_web_url(document.url),
        byline=_byline(document.author),
    )
    return build_article("\n\n".join(blocks), path=path, given=given)


def _extract(text: str, *, precision: bool):
    """trafilatura's reading of the page: metadata fields and a tree of the main text's blocks."""
    _quiet()
    import trafilatura  # here: it takes 0.1 s to import and only pages need it

    return trafilatura.bare_extraction(
        text,
        fast=True,  # no readability/jusText comparison: 1.4x faster (2.9x on 1 MB), same bodies (bench)
        favor_precision=precision,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_formatting=False,
        include_links=True,  # only to measure link density: links become their text
        with_metadata=True,
        date_extraction_params=_DATE_OPTIONS,
        prune_xpath=_PRUNE_XPATH,
    )


def _without_glued_headline(blocks: list[str], title: str | None) -> list[str]:
    """The balanced mode joins a headline to the bare text after it: "Storm closes road Police said..."."""
    if title and blocks and blocks[0].startswith(title) and blocks[0][len(title):len(title) + 1].isspace():
        return [blocks[0][len(title):].strip(), *blocks[1:]]
    return blocks


def _without_doctype_subset(text: str) -> str:
    """The page with a DOCTYPE's internal subset dropped (looked for once, near the top)."""
    start = _DOCTYPE.search(text, 0, _HEAD_CHARS)
    if start is None:
        return text
    subset = _DOCTYPE_SUBSET.match(text, start.start(), start.start() + _HEAD_CHARS)
    if subset is None:
        return text
    return text[:subset.start()] + "<!DOCTYPE html>" + text[subset.end():]


def _web_url(url: str | None) -> str | None:
    """The page's address when it is an http(s) URL with a host and no spaces; else None
    (a `javascript:`, `data:` or `file:` canonical URL must never be what `o` opens)."""
    if not url or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    return url if parts.scheme.lower() in _WEB_SCHEMES and host else None


def _low_character(match: re.Match[str]) -> str:
    """The character a reference below 160 stands for, as a raw character `clean_text` then
    removes when it is a control; references to printable characters are left to the parser."""
    code = int(match["hex"], 16) if match["hex"] else int(match["dec"])
    if code >= 160 or code in _KEPT_CONTROLS or 32 <= code < 127:
        return match.group()
    if code >= 128:
        return bytes([code]).decode("cp1252", "ignore")  # five of these bytes are undefined: nothing
    return chr(code)


def _story_blocks(document) -> list[str]:
    if document is None or document.body is None:
        return []
    return [text for text, links in _blocks(document.body) if text and not _is_link_block(text, links)]


def _blocks(body: _Element) -> Iterator[tuple[str, int]]:
    """(text, characters of link text) of each block of trafilatura's tree, in order.

    A block holding other blocks (a list, a quote of paragraphs) gives one per inner block;
    `<lb/>` becomes a line break, which the paragraph splitter reads as it does in text files.
    """
    for child in body:
        if any(descendant.tag in _BLOCK_TAGS for descendant in child.iterdescendants()):
            if child.text and child.text.strip():
                yield child.text.strip(), 0
            yield from _blocks(child)
        else:
            parts: list[str] = []
            links = _collect(child, parts)
            yield "".join(parts).strip(), links
        if child.tail and child.tail.strip():
            yield child.tail.strip(), 0


def _collect(element: _Element, parts: list[str], in_link: bool = False) -> int:
    """Append the element's text to `parts`; return how many characters of it were link text."""
    in_link = in_link or element.tag == "ref"
    links = len(element.text or "") if in_link else 0
    parts.append(element.text or "")
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        else:
            links += _collect(child, parts, in_link)
        parts.append(child.tail or "")
        links += len(child.tail or "") if in_link else 0
    return links


def _is_link_block(text: str, links: int) -> bool:
    return len(text) <= _LINK_BLOCK_MAX and links >= len(text) * _LINK_SHARE


def _byline(author: str | None) -> str | None:
    """trafilatura joins several authors with "; ": a byline says "A, B and C"."""
    if not author:
        return None
    names = [name.strip() for name in author.split(";") if name.strip()]
    if len(names) < 2:
        return names[0] if names else None
    return ", ".join(names[:-1]) + " and " + names[-1]


def _quiet() -> None:
    global _quieted
    if _quieted:
        return
    for name in _QUIET_LOGGERS:
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
    _quieted = True
