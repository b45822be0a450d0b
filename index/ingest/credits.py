"""Who wrote or sent the article: bylines, agency lines, trailing credits and source links.

`By Jane Smith, Reuters`, `• Kyodo`, a closing `(Yonhap)` or `-- Xinhua`, `Source: ...`:
lines a reader never wants in the body, but whose names belong in `Article.byline`,
`Article.source` and `Article.url`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import AGENCY_PATTERN, canonical_agency

_BULLET = r"[•·▪●◦‣*–—-]"
_SOURCE_LINE = re.compile(
    rf"(?:{_BULLET}\s*)?(?:(?:by|from|via|source\s*:)\s+)?(?P<name>{AGENCY_PATTERN})"
    r"(?:\s+(?:staff|wire|reporters?|correspondents?))?\s*[.:]?",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"(?:(?:(?:posted|written|reported)\s+)?by|byline\s*:)\s+(?P<rest>(?-i:[A-Z]).{1,150})",
                     re.IGNORECASE)
_BYLINE_PARTS = re.compile(r"\s*[|•·]\s*|\s+[–—-]\s+")
_NAMES_AND_AGENCY = re.compile(
    rf"(?P<names>.+?)(?:\s*,\s*|\s+(?:for|of|from)\s+|\s*/\s*|\s+)(?P<agency>{AGENCY_PATTERN})",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\s*,\s*(?:[\w.'’-]+\s+){0,3}(?:reporter|writer|correspondent|editor|contributor|staff|columnist)s?\b.*",
    re.IGNORECASE,
)
_NAME_CONNECTORS = frozenset({"and", "&", "de", "da", "di", "van", "von", "der", "den", "del", "la", "le", "du",
                              "bin", "al", "el", "y", "e", "of"})
_MAX_NAME_WORDS = 12
_TRAILING_AGENCY = re.compile(
    rf"(?:^|\s*)\(\s*(?P<a>{AGENCY_PATTERN})\s*\)\s*\.?\s*$|(?:^|\s+)(?:--|—|–|-)\s*(?P<b>{AGENCY_PATTERN})\s*\.?\s*$",
    re.IGNORECASE,
)
_LINK_LINE = re.compile(
    r"(?P<label>source|sources|via|url|link|original(?:\s+(?:article|story))?|read\s+the\s+original)\s*:\s*(?P<value>.{1,300})",
    re.IGNORECASE,
)
URL = re.compile(r"https?://[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]", re.IGNORECASE)
_MAX_SOURCE_NAME = 60


@dataclass(frozen=True)
class Byline:
    author: str | None
    source: str | None = None
    rest: tuple[str, ...] = ()  # other parts of the line ("June 14, 2018") for the caller to read


@dataclass(frozen=True)
class LinkLine:
    source: str | None
    url: str | None


def read_source_line(line: str) -> str | None:
    """The agency of a line that only names one: `• Kyodo`, `BBC News`, `By Reuters Staff`."""
    match = _SOURCE_LINE.fullmatch(line)
    return canonical_agency(match["name"]) if match else None


def read_byline(line: str) -> Byline | None:
    """The author(s), and agency if named, of a line like `By JOHN DOE Associated Press`."""
    match = _BYLINE.fullmatch(line)
    if match is None:
        return None
    first, *rest = _BYLINE_PARTS.split(match["rest"])
    names, source = first.strip(), None
    agency = _NAMES_AND_AGENCY.fullmatch(names)
    if agency is not None:
        names, source = agency["names"], canonical_agency(agency["agency"])
    names = _ROLE.sub("", names).strip(" ,;.")
    if not _looks_like_names(names):
        return None
    for part in rest:
        if source is None and canonical_agency(part.strip(" .")):
            source = canonical_agency(part.strip(" ."))
    return Byline(_tidy_names(names), source, tuple(p.strip() for p in rest if p.strip()))


def split_trailing_agency(text: str) -> tuple[str, str] | None:
    """(text before, agency) when a paragraph ends with `(Yonhap)` or `-- Xinhua`."""
    match = _TRAILING_AGENCY.search(text)
    if match is None:
        return None
    return text[: match.start()].rstrip(), canonical_agency(match["a"] or match["b"])


def read_link_line(line: str) -> LinkLine | None:
    """Source and URL of a `Source: ...` / `URL: ...` line."""
    match = _LINK_LINE.fullmatch(line)
    if match is None:
        return None
    value = match["value"]
    urls = URL.findall(value)
    name = URL.sub(" ", value).strip(" -–—|,()<>[]:")
    name = " ".join(name.split())
    source = None
    if match["label"].lower() in ("source", "sources", "via") and name:
        if canonical_agency(name):
            source = canonical_agency(name)
        elif len(name) <= _MAX_SOURCE_NAME and name[0].isupper() and not name.endswith("."):
            source = name
        else:
            return None  # a sentence that happens to start with "Source:"
    if source is None and not urls:
        return None
    return LinkLine(source, urls[0] if len(urls) == 1 else None)


def _looks_like_names(names: str) -> bool:
    words = names.replace(",", " ").split()
    if not words or len(words) > _MAX_NAME_WORDS or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _NAME_CONNECTORS for w in words)


def _tidy_names(names: str) -> str:
    """AP prints bylines in capitals: `JOHN DOE and JANE ROE` reads as `John Doe and Jane Roe`."""
    words = names.split()
    if not any(len(w) > 1 and w.isupper() for w in words):
        return " ".join(words)
    return " ".join(w.title() if w.isupper() and sum(c.isalpha() for c in w) > 1 else w for w in words)
