"""The dateline that opens wire copy: `SEOUL, Sept. 10 (Yonhap) --`, `LONDON (Reuters) -`, `TOKYO —`.

The place is kept as written (`VLADIVOSTOK`, `Beijing, China`); the agency in brackets is
the article's source; a date with a year fills the article date. The dateline leaves the
body, which then starts with the story's first words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .agencies import AGENCY_PATTERN, canonical_agency
from .dates import DATE, MONTH, date_from_match

_WORD = r"[^\W\d_][\w.'’-]*"
_DATELINE = re.compile(
    rf"(?P<place>{_WORD}(?:[ ]{_WORD}){{0,4}}"
    rf"(?:,[ ](?!{MONTH}\s*\d)(?!\d){_WORD}(?:[ ]{_WORD}){{0,3}})?)"
    rf"(?:,?[ ](?P<date>{DATE}|{MONTH}[ ]\d{{1,2}}))?"
    r"(?:[ ]?\((?P<agency>[^()\n]{2,40})\))?"
    r"(?P<sep>[ ]*(?:--|—|–)[ ]*|[ ]+-[ ]+|:[ ]+|[ ]*$)"
    r"(?P<rest>.*)",
    re.DOTALL,
)
# `(CNN) -- ...`: an agency credit with no place.
_AGENCY_ONLY = re.compile(rf"\((?P<agency>{AGENCY_PATTERN})\)[ ]*(?:--|—|–|-)[ ]*(?P<rest>.*)", re.IGNORECASE | re.DOTALL)
# Words that open a paragraph in capitals without being a place.
_KICKERS = frozenset({
    "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL", "COMMENTARY", "WATCH",
    "VIDEO", "PHOTOS", "LIVE", "CORRECTION", "NEW", "FACTBOX", "EXPLAINER", "INTERVIEW", "REVIEW", "URGENT",
    "FLASH", "ALERT", "NOTE", "EDITOR'S NOTE", "BULLETIN", "ADVISORY", "FEATURE", "OBITUARY", "WARNING",
    "BYLINE", "IN BRIEF", "LETTERS", "SOURCE", "UPDATE", "PHOTO", "PHOTOS", "GALLERY", "PODCAST", "QUIZ",
})
_MAX_PLACE = 40
_MAX_PLACE_ALONE_WORDS = 3
_MIN_REST_AFTER_COLON = 80  # "NEW DELHI: <a story's first paragraph>", not "KICKER: <headline>"


@dataclass(frozen=True)
class Dateline:
    place: str | None
    rest: str  # the paragraph after the dateline ("" when the dateline stood alone)
    agency: str | None = None
    date: date | None = None


def split_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening this paragraph, if it has one."""
    match = _AGENCY_ONLY.match(paragraph)
    if match is not None:
        return Dateline(None, match["rest"].strip(), canonical_agency(match["agency"]))
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    place, sep, agency = match["place"], match["sep"].strip(), match["agency"]
    main = place.split(",")[0]
    if (len(place) > _MAX_PLACE or main.upper() in _KICKERS or canonical_agency(main)
            or not all(w[0].isupper() for w in place.split())):
        return None
    capitals = main.isupper()
    if sep == "":
        # Nothing but the dateline on the line: only a capitalised place or a full credit counts.
        if match["rest"] or not (agency or (capitals and len(place.split()) <= _MAX_PLACE_ALONE_WORDS
                                            and not main.endswith("."))):
            return None
    elif sep == ":" and not (capitals and len(match["rest"]) >= _MIN_REST_AFTER_COLON):
        return None  # "ANALYSIS: Why rates stay low" is a kicker and a headline, not a dateline
    elif not (capitals or "," in place or agency or match["date"]):
        return None  # "Prime Minister Abe -- ..." is a sentence, not a dateline
    source = None
    if agency is not None:
        source = canonical_agency(agency)
        if source is None:
            if not all(w[0].isupper() for w in agency.split()) or len(agency.split()) > 4:
                return None
            source = agency.strip()
    when = None
    if match["date"]:
        inner = re.match(DATE, match["date"], re.IGNORECASE)
        when = date_from_match(inner) if inner else None
    return Dateline(place, match["rest"].strip(), source, when)
