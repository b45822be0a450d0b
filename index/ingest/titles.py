"""Headlines: telling a headline line from body text, and making a title when there is none.

A headline is a short line standing alone that does not end like a sentence. When a file
has none, the title is the body's first sentence, cut at a word boundary to fit a list row.
"""

from __future__ import annotations

import re

TITLE_MAX = 80
_HEADLINE_MAX_CHARS = 160
_HEADLINE_MAX_WORDS = 25
_CLOSERS = "\"”’')]»"
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "sen", "rep", "gov",
    "pres", "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "approx", "dept", "est", "fig", "rev",
})
_STOP = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9]|\s*$)")
_FIRST_SENTENCE_WINDOW = 400  # a title never needs more; keeps a 2 MB one-line file cheap


def looks_like_headline(text: str) -> bool:
    """Short, not ending like a sentence or a fragment, and with letters in it."""
    if len(text) > _HEADLINE_MAX_CHARS or len(text.split()) > _HEADLINE_MAX_WORDS:
        return False
    if not any(c.isalpha() for c in text):
        return False
    end = text.rstrip(_CLOSERS).rstrip()
    return bool(end) and end[-1] not in ".,;:…-–—"


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (all of it when no sentence end is found in reach)."""
    window = text[:_FIRST_SENTENCE_WINDOW]
    for match in _STOP.finditer(window):
        before = window[: match.start()]
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        bare = word.lstrip("\"“‘'(").lower()
        if match.group().startswith(".") and (bare in _ABBREVIATIONS or (len(bare) == 1 and bare.isalpha())
                                              or "." in bare):
            continue  # "Mr.", "J.", "U.S." do not end a sentence
        return window[: match.end()]
    return window


def derive_title(paragraph: str) -> str:
    """A title from the first sentence: at most `TITLE_MAX` chars, cut at a word with an ellipsis."""
    sentence = first_sentence(paragraph).strip()
    if not any(c.isalnum() for c in sentence):
        sentence = paragraph[:_FIRST_SENTENCE_WINDOW].strip()  # a stray stop is no sentence
    if len(sentence) <= TITLE_MAX:
        if sentence.endswith(".") and not sentence.endswith("..") and len(sentence) > 1:
            return sentence[:-1]
        return sentence
    cut = sentence[: TITLE_MAX - 1]
    space = cut.rfind(" ")
    if space > TITLE_MAX // 2:
        cut = cut[:space]
    return (cut.rstrip(" ,;:-–—(\"“‘'") or cut) + "…"
