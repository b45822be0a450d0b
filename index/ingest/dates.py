"""Reading publication dates the way wire copy and scrapes write them, and never guessing.

A date is only filled when the text says it unambiguously: `06/07/2018` could be June or
July, and a dateline's `Sept. 10` has no year, so both give no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"

# The ways a date is written, each with named parts: y(ear), m(onth number), mon(th name), d(ay),
# and a/b for the two leading numbers of 14/06/2018 or 06/14/2018.
DATE = (
    rf"(?:(?P<y1>\d{{4}})[-/.](?P<m1>\d{{1,2}})[-/.](?P<d1>\d{{1,2}})"
    rf"|(?P<mon2>{MONTH})\s+(?P<d2>\d{{1,2}}){_ORDINAL},?\s+(?P<y2>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}}){_ORDINAL}\s+(?P<mon3>{MONTH}),?\s+(?P<y3>\d{{4}})"
    rf"|(?P<a4>\d{{1,2}})[/.-](?P<b4>\d{{1,2}})[/.-](?P<y4>\d{{4}}))"
)
# What may follow a date on a date line: a time, a zone, "| Updated ...".
_TIME = (r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
         r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?)?"
         r"(?:\s*\(?(?:(?-i:[A-Z]{2,5})|UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?\)?)?")
_LABEL = r"(?:(?:Published|Updated|Last\s+updated|First\s+published|Posted|Modified|Date)(?:\s+on)?\s*:?\s*)?"
_DATE_LINE = re.compile(
    rf"{_LABEL}{_WEEKDAY}(?P<date>{DATE}){_TIME}(?P<tail>\s*[|·•]\s*.{{0,80}})?",
    re.IGNORECASE,
)
_DATE = re.compile(DATE, re.IGNORECASE)
_FULL_DATE = re.compile(rf"\s*{_WEEKDAY}(?:{DATE}){_TIME}\s*", re.IGNORECASE)
_MAX_DATE_LINE = 120


@dataclass(frozen=True)
class DateLine:
    """A line that only states when the article was published; `date` is None if ambiguous."""

    date: date | None


def date_from_match(match: re.Match[str]) -> date | None:
    """The date a `DATE` match names, or None when it is ambiguous or impossible."""
    g = match.groupdict()
    try:
        if g.get("y1"):
            return date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
        if g.get("y2"):
            return date(int(g["y2"]), _month(g["mon2"]), int(g["d2"]))
        if g.get("y3"):
            return date(int(g["y3"]), _month(g["mon3"]), int(g["d3"]))
        if g.get("y4"):
            a, b, year = int(g["a4"]), int(g["b4"]), int(g["y4"])
            if a > 12 >= b:
                return date(year, b, a)
            if b > 12 >= a:
                return date(year, a, b)
            if a == b:
                return date(year, a, a)
    except ValueError:
        return None
    return None


def parse_date(text: str) -> date | None:
    """A date given as a metadata value: ISO 8601, RFC 2822, "June 14, 2018", "14 June 2018"..."""
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    if _FULL_DATE.fullmatch(text):
        return date_from_match(_DATE.search(text))
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def read_date_line(line: str) -> DateLine | None:
    """The date of a line like `Published: 2018-06-14` or `14 June 2018 10:32 GMT`, if it is one."""
    if len(line) > _MAX_DATE_LINE:
        return None
    match = _DATE_LINE.fullmatch(line)
    if match is None:
        return None
    return DateLine(date_from_match(_DATE.match(match["date"])))


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]
