"""Saved web pages: trafilatura against a selectolax-based extractor, for quality and speed.

Usage: python bench/html_extract_compare.py [--repeat N] [FOLDER ...]

Issue 7 asked to compare trafilatura (the reference tool for news main-text extraction) with
a lighter option: selectolax's fast lexbor parser, around which the main-text and metadata
logic has to be written by hand (it is, below: the usual "densest block of paragraphs" rule
plus JSON-LD / Open Graph / <time> reading). Both feed the same ingest pipeline
(`build_article`: paragraphs, boilerplate, dateline), so the difference is the extractor.

Quality is measured on the hand-made pages of tests/data/pages against expected.json: story
paragraphs found (in order), page furniture left in the body, and metadata fields right
(title, date, byline, source, url). Speed is per page, wall clock and CPU time of this process
(on a busy machine the CPU figure is the one to compare), for the extractor alone and for the
whole page -> Article. A synthetic 1 MB page (one story amid 400 navigation and teaser blocks)
shows how each scales. Pages in the FOLDERs given are timed and their body sizes printed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from index.ingest.article import Given, build_article  # noqa: E402
from index.ingest.dates import parse_date  # noqa: E402
from index.ingest.decoding import decode_html  # noqa: E402
from index.ingest.normalize import squash  # noqa: E402
from index.ingest.webpage import parse_html  # noqa: E402
from index.models import Article  # noqa: E402

PAGES = REPO / "tests" / "data" / "pages"
FIELDS = ("title", "date", "byline", "source", "url")


# --- the selectolax candidate -------------------------------------------------------------

_JUNK_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
              "button", "figure", "figcaption", "template", "select", "input", "amp-social-share")
_JUNK_ATTR = re.compile(
    r"cookie|consent|gdpr|share|social|related|recirc|comment|newsletter|signup|promo|advert|(?:^|[\s_-])ad(?:$|[\s_-])"
    r"|sidebar|breadcrumb|menu|(?:^|[\s_-])nav|footer|teaser|most-?read|popular|tags|byline|(?:^|[\s_-])meta"
    r"|timestamp|caption|topbar|kicker|trust|skip|leftmenu|links",
    re.IGNORECASE,
)
_BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "pre"}
_LISTS = {"ul", "ol"}
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle"}


def selectolax_article(text: str, path: str) -> Article | None:
    story, given = selectolax_extract(text)
    if not story:
        return None
    return build_article("\n\n".join(story), path=path, given=given)


def selectolax_extract(text: str) -> tuple[list[str], Given]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    given = _metadata(tree)
    for node in tree.css(", ".join(_JUNK_TAGS)):
        node.decompose()
    for node in tree.css("[class], [id]"):
        if node.parent is not None and _JUNK_ATTR.search(f"{node.attributes.get('id') or ''} "
                                                         f"{node.attributes.get('class') or ''}"):
            node.decompose()
    body = tree.body
    if body is None:
        return [], given
    scores: dict[int, tuple[int, object]] = {}
    for node in body.traverse(include_text=True):
        if node.parent is None:
            continue
        if node.tag == "p" or (node.is_text_node and node.parent.tag not in _BLOCKS | {"a", "li"}):
            size = len((node.text(deep=True) or "").strip())
            key = node.parent.mem_id
            scores[key] = (scores.get(key, (0, None))[0] + size, node.parent)
    if not scores:
        return [], given
    _, container = max(scores.values(), key=lambda item: item[0])
    return _paragraphs(container), given


def _paragraphs(container) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    breaks = 0

    def flush() -> None:
        line = squash("".join(current))
        if line:
            out.append(line)
        current.clear()

    for child in container.iter(include_text=True):
        if child.tag in _BLOCKS:
            flush()
            line = squash(child.text(deep=True, separator=" "))
            if line:
                out.append(line)
            breaks = 0
        elif child.tag in _LISTS:
            flush()
            out.extend(squash(li.text(deep=True, separator=" ")) for li in child.css("li"))
            breaks = 0
        elif child.tag == "br":
            breaks += 1
            if breaks >= 2:
                flush()
        else:
            text = child.text(deep=True) or ""
            if text.strip():
                breaks = 0
            current.append(text)
    flush()
    return [line for line in out if line]


def _metadata(tree) -> Given:
    found: dict[str, str | None] = dict.fromkeys(("title", "date", "byline", "source", "url"))

    def keep(name: str, value) -> None:
        if isinstance(value, str) and value.strip() and not found[name]:
            found[name] = squash(value)

    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text())
        except ValueError:
            continue
        for item in _ld_items(data):
            keep("title", item.get("headline"))
            keep("date", item.get("datePublished"))
            keep("byline", _names(item.get("author")))
            publisher = item.get("publisher")
            keep("source", publisher.get("name") if isinstance(publisher, dict) else publisher)
            page = item.get("mainEntityOfPage")
            keep("url", page.get("@id") if isinstance(page, dict) else page)
    meta = {(m.attributes.get("property") or m.attributes.get("name") or "").lower(): m.attributes.get("content")
            for m in tree.css("meta[content]")}
    keep("title", meta.get("og:title"))
    keep("source", meta.get("og:site_name"))
    keep("url", meta.get("og:url"))
    for name in ("article:published_time", "date", "pubdate", "dc.date"):
        keep("date", meta.get(name))
    author = meta.get("author") or meta.get("article:author")
    keep("byline", author if author and "://" not in author else None)
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None and not found["url"]:
        keep("url", canonical.attributes.get("href"))
    time_tag = tree.css_first("time[datetime]")
    if time_tag is not None:
        keep("date", time_tag.attributes.get("datetime"))
    author_tag = tree.css_first('[rel="author"], .byline, .author')
    if author_tag is not None:
        keep("byline", re.sub(r"^\s*By\s+|,.*$", "", author_tag.text(deep=True)))
    h1 = tree.css_first("h1")
    keep("title", h1.text(deep=True) if h1 is not None else None)
    title = tree.css_first("title")
    keep("title", title.text() if title is not None else None)
    day = found["date"]
    return Given(title=found["title"], source=found["source"], url=found["url"], byline=found["byline"],
                 date=parse_date(day[:10]) if day else None)


def _ld_items(data) -> list[dict]:
    items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    return [i for i in items if isinstance(i, dict)
            and set(i.get("@type") if isinstance(i.get("@type"), list) else [i.get("@type")]) & _ARTICLE_TYPES]


def _names(author) -> str | None:
    authors = author if isinstance(author, list) else [author]
    names = [a.get("name") if isinstance(a, dict) else a for a in authors]
    names = [n for n in names if isinstance(n, str) and n.strip()]
    return " and ".join(names) if names else None


# --- the trafilatura candidates -------------------------------------------------------------

def trafilatura_raw(text: str, **options) -> str:
    import trafilatura

    document = trafilatura.bare_extraction(text, include_comments=False, include_tables=False, with_metadata=True,
                                           **options)
    return document.text if document is not None else ""


CANDIDATES: dict[str, tuple[Callable[[str, str], Article | None], Callable[[str], object]]] = {
    # name: (page -> Article, page -> the extractor's own output, for its speed alone)
    "trafilatura (ingest)": (lambda text, path: parse_html(text, path=path),
                             lambda text: trafilatura_raw(text, fast=True, favor_precision=True)),
    "trafilatura default": (None, lambda text: trafilatura_raw(text)),
    "selectolax": (selectolax_article, selectolax_extract),
}


# --- measuring ---------------------------------------------------------------------------------

def quality(article: Article | None, expected: dict) -> tuple[int, int, int, list[str]]:
    """(paragraphs found in order, furniture strings left, metadata fields right, notes)."""
    notes: list[str] = []
    body = article.body if article else ""
    found, position = 0, 0
    for paragraph in expected["paragraphs"]:
        at = body.find(paragraph, position)
        if at >= 0:
            found += 1
            position = at + len(paragraph)
        else:
            notes.append(f"lost: {paragraph[:50]}...")
    left = [s for s in expected["absent"] if s in body]
    notes.extend(f"left in: {s!r}" for s in left)
    right = 0
    for field in FIELDS:
        value = getattr(article, field, None) if article else None
        value = value.isoformat() if hasattr(value, "isoformat") else value
        if value == expected[field]:
            right += 1
        else:
            notes.append(f"{field}: {value!r} (expected {expected[field]!r})")
    return found, len(left), right, notes


def timed(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `repeat` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    walls.sort()
    cpus.sort()
    return walls[len(walls) // 2] * 1000, cpus[len(cpus) // 2] * 1000


def big_page() -> str:
    """~1 MB: one story from the test pages amid navigation, teasers and comments."""
    story = (PAGES / "cookie_banner.html").read_text(encoding="utf-8")
    furniture = "".join(
        f'<div class="teaser"><a href="/n/{i}">Teaser headline number {i} about the council</a>'
        f"<p>A short standfirst for teaser {i}, with a few words of text.</p></div>"
        f'<ul class="menu"><li><a href="/a{i}">Section {i}</a></li><li><a href="/b{i}">Topic {i}</a></li></ul>'
        for i in range(4000)
    )
    return story.replace('<div class="sidebar">', f'<div class="sidebar">{furniture}')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per page (median is printed)")
    parser.add_argument("folders", nargs="*", type=Path, help="more saved pages to time")
    args = parser.parse_args()
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))["pages"]
    pages = {name: decode_html((PAGES / name).read_bytes()) for name in expected}
    for _, raw in CANDIDATES.values():  # imports and caches warm before timing
        raw(pages["wire_jsonld.html"])
    totals: dict[str, list[float]] = {}
    print(f"{len(pages)} pages; median of {args.repeat} runs; times in ms (wall / cpu)\n")
    for name, text in pages.items():
        gold = expected[name]
        print(f"{name} ({len(text) // 1024} KB, {len(gold['paragraphs'])} paragraphs)")
        for label, (to_article, raw) in CANDIDATES.items():
            wall, cpu = timed(lambda: raw(text), args.repeat)
            row = totals.setdefault(label, [0, 0, 0, 0.0, 0.0, 0.0, 0.0])
            row[3] += wall
            row[4] += cpu
            if to_article is None:
                print(f"  {label:22} extractor {wall:6.2f} / {cpu:6.2f}")
                continue
            full_wall, full_cpu = timed(lambda: to_article(text, name), args.repeat)
            row[5] += full_wall
            row[6] += full_cpu
            found, left, right, notes = quality(to_article(text, name), gold)
            row[0] += found
            row[1] += left
            row[2] += right
            print(f"  {label:22} paragraphs {found}/{len(gold['paragraphs'])}  furniture left {left}  "
                  f"metadata {right}/{len(FIELDS)}  extractor {wall:6.2f} / {cpu:6.2f}  "
                  f"page->Article {full_wall:6.2f} / {full_cpu:6.2f}")
            for note in notes:
                print(f"      {note}")
    paragraphs = sum(len(g["paragraphs"]) for g in expected.values())
    furniture = sum(len(g["absent"]) for g in expected.values())
    print(f"\nTOTAL over {len(pages)} pages: {paragraphs} paragraphs, {furniture} furniture strings, "
          f"{len(FIELDS) * len(pages)} metadata fields")
    for label, (to_article, _) in CANDIDATES.items():
        found, left, right, wall, cpu, full_wall, full_cpu = totals[label]
        quality_text = (f"paragraphs {found}/{paragraphs}  furniture left {left}/{furniture}  "
                        f"metadata {right}/{len(FIELDS) * len(pages)}  ") if to_article else ""
        print(f"  {label:22} {quality_text}extractor {wall / len(pages):5.2f} / {cpu / len(pages):5.2f} ms/page"
              + (f"  page->Article {full_wall / len(pages):5.2f} / {full_cpu / len(pages):5.2f} ms/page"
                 if to_article else ""))
    big = big_page()
    print(f"\n1 MB page ({len(big.encode()) // 1024} KB): median of 3")
    for label, (to_article, raw) in CANDIDATES.items():
        wall, cpu = timed(lambda: raw(big), 3)
        article = to_article(big, "big.html") if to_article else None
        kept = f"  body {len(article.body)} chars" if article else ""
        print(f"  {label:22} extractor {wall:7.1f} / {cpu:7.1f} ms{kept}")
    for folder in args.folders:
        files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm"))
        print(f"\n{folder}: {len(files)} pages")
        for label, (to_article, raw) in CANDIDATES.items():
            if to_article is None:
                continue
            wall, cpu, chars, empty = 0.0, 0.0, 0, 0
            for file in files:
                text = decode_html(file.read_bytes())
                w, c = timed(lambda: to_article(text, file.name), 1)
                wall, cpu = wall + w, cpu + c
                article = to_article(text, file.name)
                chars += len(article.body) if article else 0
                empty += article is None
            count = max(len(files), 1)
            print(f"  {label:22} {wall / count:6.2f} / {cpu / count:6.2f} ms/page  body {chars // count} chars/page  "
                  f"no article {empty}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
