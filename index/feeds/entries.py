"""A feed entry as a file in the corpus: which entry it is, what the file is called, what the
file holds, and saving it without ever touching a file that is not ours.

An entry that carries the whole article is saved as a small HTML page built from the feed's
fields (the metadata in the <meta> tags the HTML ingest reads); an entry that carries only a
teaser is saved as the page its link points to. Either way the file starts with a comment
holding the entry's mark, a hash of its id: that is how a later fetch knows the file is ours
and already saved, even when the fetch state was lost.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import html
import os
import re
import unicodedata
from pathlib import Path

from ..ingest.decoding import web_codec
from ..atomic import create_atomic
from .markup import text_of

FULL_TEXT_CHARS = 600  # content with less text than this is a teaser: the link is followed
_MARK = "<!-- quotewire feed entry {} -->"
_MARK_AT_START = re.compile(r"\s*<!-- quotewire feed entry ([0-9a-f]{16}) -->")
# UTF-32 LE before UTF-16 LE: its byte-order mark starts like UTF-16 LE's.
_BOMS = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be",
         codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}
_DECLARES_CHARSET = re.compile(rb"<meta[^>]{0,200}charset", re.IGNORECASE)
_CHARSET_NAME = re.compile(r"[A-Za-z0-9._:-]{1,40}")
_MAX_SUFFIX = 1000


def entry_key(entry) -> str | None:
    """What identifies an entry across fetches: its id (guid), else its link, else its text."""
    for field in ("id", "link"):
        value = entry.get(field)
        if isinstance(value, str) and value.strip():
            return value.strip()
    text = " ".join(str(entry.get(field) or "") for field in ("title", "summary")).strip()
    return f"text:{hashlib.blake2b(text.encode('utf-8', 'replace'), digest_size=8).hexdigest()}" if text else None


def entry_mark(key: str) -> str:
    """The entry's mark: 16 hex digits written at the top of its file."""
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def entry_time(entry) -> dt.datetime | None:
    """When the entry was published (else updated), in UTC; feedparser normalises to UTC."""
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(field)
        if value:
            try:
                return dt.datetime(*value[:6], tzinfo=dt.UTC)
            except (TypeError, ValueError):
                continue
    return None


def plain(detail: dict | None, value: str | None) -> str:
    """A feed text field as plain text (feeds may put HTML in titles), on one line."""
    value = value or ""
    if detail and "html" in (detail.get("type") or ""):
        value = text_of(value)
    return " ".join(value.split())


def entry_title(entry) -> str:
    return plain(entry.get("title_detail"), entry.get("title"))


def entry_author(entry) -> str:
    detail = entry.get("author_detail") or {}
    return " ".join(str(detail.get("name") or entry.get("author") or "").split())


def _as_html(detail: dict | None, value: str | None) -> str:
    """A content or summary value as HTML: plain text is escaped, one paragraph per blank line."""
    value = value or ""
    if detail and "html" not in (detail.get("type") or "text/html"):
        return "".join(f"<p>{html.escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", value) if p.strip())
    return value


def full_content(entry) -> str | None:
    """The entry's whole article as (feedparser-sanitised) HTML, or None when it carries only a
    teaser: the longest of its content elements, if that holds an article's worth of text."""
    best, best_size = None, 0
    for item in entry.get("content") or []:
        value = _as_html(item, item.get("value"))
        size = len(text_of(value))
        if size > best_size:
            best, best_size = value, size
    return best if best_size >= FULL_TEXT_CHARS else None


def teaser(entry) -> str | None:
    """Whatever text the entry has short of a full article (its summary, or short content)."""
    candidates = [_as_html(item, item.get("value")) for item in entry.get("content") or []]
    candidates.append(_as_html(entry.get("summary_detail"), entry.get("summary")))
    best = max(candidates, key=lambda value: len(text_of(value)))
    return best if text_of(best) else None


def slug(text: str, max_chars: int = 60, max_bytes: int = 120) -> str:
    """Lower-case words joined by hyphens, in any script: "PM warns on tariffs" -> "pm-warns-on-tariffs"."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold())
    out = ""
    for word in words:
        longer = f"{out}-{word}" if out else word
        if len(longer) > max_chars or len(longer.encode("utf-8")) > max_bytes:
            break
        out = longer
    if not out and words:
        out = words[0][:20]
    return out or "entry"


def file_stem(entry, mark: str, fetched: dt.date) -> str:
    """The file name without suffix: date, slug of the title, start of the mark
    ("2026-11-20-pm-warns-on-tariffs-3fa9c1"); the fetch date when the entry has none."""
    when = entry_time(entry)
    day = when.date() if when else fetched
    return f"{day.isoformat()}-{slug(entry_title(entry))}-{mark[:6]}"


def wrapper_page(*, mark: str, title: str, link: str | None, site: str, published: dt.datetime | None,
                 author: str, content_html: str) -> bytes:
    """The page saved for an entry that carries its article: the feed's metadata in the <meta>
    tags news pages use, every value escaped, the content as the article."""
    def attr(value: str) -> str:
        return html.escape(value, quote=True)

    meta = ['<meta charset="utf-8">']
    if title:  # no title at all: the ingest makes one from the first sentence, as for any page
        meta += [f"<title>{attr(title)}</title>", f'<meta property="og:title" content="{attr(title)}">']
    if link:
        meta.append(f'<meta property="og:url" content="{attr(link)}">')
    if site:
        meta.append(f'<meta property="og:site_name" content="{attr(site)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{attr(published.isoformat())}">')
    if author:
        meta.append(f'<meta name="author" content="{attr(author)}">')
    heading = f"<h1>{attr(title)}</h1>\n" if title else ""
    page = (_MARK.format(mark) + "\n<html><head>" + "".join(meta) + "</head>\n<body><article>" + heading
            + content_html + "\n</article></body></html>\n")
    return page.encode("utf-8", "replace")


def marked_page(page: bytes, mark: str, charset: str | None) -> bytes:
    """A downloaded page with the entry's mark on top. When the server named the charset
    and the page does not, the page is made to say it, since the HTTP header is not saved."""
    bom = next((b for b in _BOMS if page.startswith(b)), b"")
    head = _MARK.format(mark) + "\n"
    if not bom and charset and _CHARSET_NAME.fullmatch(charset) and not _DECLARES_CHARSET.search(page[:4096]) \
            and web_codec(charset) is not None:
        head += f'<meta charset="{charset}">\n'
    return bom + head.encode(_BOMS.get(bom, "ascii")) + page[len(bom):]


def read_mark(path: Path) -> str | None:
    """The mark at the top of a file we saved; None for anyone else's file."""
    try:
        with open(path, "rb") as file:
            start = file.read(512)
    except OSError:
        return None
    bom = next((b for b in _BOMS if start.startswith(b)), b"")
    found = _MARK_AT_START.match(start[len(bom):].decode(_BOMS.get(bom, "latin-1"), "ignore"))
    return found.group(1) if found else None


def marks_in(folder: Path) -> dict[str, str]:
    """mark -> file name, for every file of ours in a feed's folder."""
    marks: dict[str, str] = {}
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".html"))
    except OSError:
        return marks
    for name in names:
        mark = read_mark(folder / name)
        if mark is not None:
            marks.setdefault(mark, name)
    return marks


def save_page(folder: Path, stem: str, mark: str, page: bytes) -> tuple[str, bool]:
    """Save `page` as `stem.html` in `folder`, or `stem-2.html`, ... when another file has the
    name. Returns the file name and True, or the name of the file of ours that already holds
    this entry and False. The file is not flushed to disk: call `atomic.flush_to_disk()`
    after a batch, before recording it as saved anywhere that survives a crash."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, _MAX_SUFFIX + 1):
        name = f"{stem}.html" if number == 1 else f"{stem}-{number}.html"
        path = folder / name
        if os.path.lexists(path):
            if read_mark(path) == mark:
                return name, False
            continue
        if create_atomic(path, page, durable=False):
            return name, True
        if read_mark(path) == mark:  # appeared meanwhile: another fetch saved this very entry
            return name, False
    raise OSError(f"no free file name for {stem}.html in {folder}")
