"""Canonical person names: one spelling-insensitive key, titles dropped, and merging.

Written by hand because the rules are news conventions (titles before names, surnames
standing for the full name, Korean family-name-first order), not something a general
string library knows. `name_key` is the one definition of "the same spelling" used by the
engine, the store and the evaluation, so they can never disagree.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

from index.extract import lexicon

_NOT_ALNUM = re.compile(r"[^\w]+|_+")
_POSSESSIVE = re.compile(r"['’]s?$")
# Lower-case particles that belong to a family name: "Bill de Blasio" is "de Blasio" for
# short, "Chris Van Hollen" is "Van Hollen", "Jose Eduardo dos Santos" is "dos Santos".
# where someone comes from, before the name: "Korean-born Monte Haines", "Ohio-based"
ORIGIN_SUFFIXES = ("-born", "-based", "-raised", "-bred")
NAME_PARTICLES = frozenset("de da di du del della der den des dos das van von le bin ibn".split())
# Letters British news writes after a name ("Paul Boateng MP", "Michael Mansfield QC"): an
# office or a rank, not part of the name
POST_NOMINALS = frozenset("MP MEP MSP AM MLA QC KC OBE MBE CBE".split())


@cache
def name_key(name: str) -> str:
    """Spelling-insensitive key: "Kim Jong-un", "KIM Jong Un" and "Kim  Jong un" -> "kim jong un".

    Case-folds, strips diacritics, turns every run of punctuation (hyphens, dots, apostrophes)
    into one space and collapses spaces.
    """
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = name.casefold()
    # most names are already a key once folded ("tony blair"): letters and digits between
    # single spaces, which three string tests tell for a fraction of the substitution's cost
    if folded.replace(" ", "").isalnum() and "  " not in folded and folded[0] != " " and folded[-1] != " ":
        return folded
    return _NOT_ALNUM.sub(" ", folded).strip()


def strip_possessive(word: str) -> str:
    """"Abe's" -> "Abe"; "Jones'" -> "Jones".

    What `_POSSESSIVE` removes, told by the last characters (a regex call costs more than the
    rest of `person_name`); the pattern itself handles a word ending in a newline, where `$`
    also matches.
    """
    if len(word) <= 2:
        return word
    last = word[-1]
    if last == "s":
        return word[:-2] if word[-2] in "'’" else word
    if last in "'’":
        return word[:-1]
    return _POSSESSIVE.sub("", word) if last == "\n" else word


def strip_titles(words: list[str]) -> list[str]:
    """Drop leading titles, honorifics, nationalities and places: the name that is left.

    ["U.S.", "President", "Donald", "Trump"] -> ["Donald", "Trump"]. Never returns an empty
    list when given a non-empty one: a bare title ("the President") stays as it is.
    """
    titles = lexicon.title_words()
    places = lexicon.gazetteer()
    given_places = lexicon.given_names_also_places()
    i = 0
    while i < len(words) - 1:
        folded = words[i].casefold()
        if (
            folded in titles or folded == "of" or (not words[i][:1].isupper() and folded not in NAME_PARTICLES)
            or folded.endswith(ORIGIN_SUFFIXES)
        ):
            i += 1
            continue
        if i == len(words) - 2 and words[i] in given_places:
            break  # "German Ortega": a given name that is also a nationality, before the surname
        # a two-word nationality or place before a title ("North Korean leader", "South Korean Prime")
        pair = f"{folded} {words[i + 1].casefold()}"
        if pair in places and i + 2 < len(words):
            i += 2
            continue
        if folded in places:
            i += 1
            continue
        break
    return words[i:]


@cache
def person_name(mention: str) -> str:
    """The canonical form of one person mention: titles and possessive dropped, spaces collapsed."""
    words = [strip_possessive(w) for w in mention.split()]
    words = [w for w in words if w]
    if not words:
        return mention.strip()
    if len(words) > 2 and words[-1] in POST_NOMINALS and words[-3] in lexicon.first_names():
        words.pop()  # "Paul Boateng MP" is Paul Boateng; "the Ealing North MP" stays a description
    return " ".join(strip_titles(words))


# `name_key` and `person_name` remember their answers in plain dictionaries of strings (which
# the garbage collector leaves alone); `forget_if_large` empties them past this many entries.
_MEMO_SIZE = 200_000


def forget_if_large() -> None:
    """Empty the name memos once they hold more than _MEMO_SIZE names (called once per article)."""
    for memoised in (name_key, person_name):
        if memoised.cache_info().currsize > _MEMO_SIZE:
            memoised.cache_clear()


def forget_names() -> None:
    """Empty the name memos (benchmarks start from a fresh engine with it)."""
    name_key.cache_clear()
    person_name.cache_clear()


def family_names(key: str) -> tuple[str, ...]:
    """The keys a full name is also known by alone: its last word, and its family name with
    particles when it has them ("bill de blasio" -> "blasio", "de blasio"). Empty for a name
    that is itself a family name alone: one word, or particles and a word ("de blasio")."""
    parts = key.split()
    if len(parts) < 2 or parts[0] in NAME_PARTICLES:
        return ()
    for i in range(1, len(parts) - 1):
        if parts[i] in NAME_PARTICLES:
            return parts[-1], " ".join(parts[i:])
    return (parts[-1],)


def _display_form(forms: dict[str, int]) -> str:
    """The most frequent spelling; on a tie the longest, then the first seen."""
    order = {form: i for i, form in enumerate(forms)}
    return max(forms, key=lambda f: (forms[f], len(f), -order[f]))


def link_names(names: Iterable[str]) -> dict[str, str]:
    """Corpus-wide merge of canonical person names.

    Maps every name to the corpus canonical it belongs to: spelling variants (same
    `name_key`) become one display form (the most frequent, then the longest), and a bare
    one-word name ("Abe") becomes the full name ("Shinzo Abe") only when exactly one
    multi-word name in the corpus ends with that word.
    """
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for name in names:
        key = name_key(name)
        if key:
            by_key[key][name] += 1
    display = {key: _display_form(forms) for key, forms in by_key.items()}

    full_by_last: dict[str, set[str]] = defaultdict(set)
    for key in display:
        for family in family_names(key):
            full_by_last[family].add(key)

    result: dict[str, str] = {}
    for key, forms in by_key.items():
        target = key
        # a bare surname, or one with its particles ("de Blasio"), names the one full name it ends
        if (" " not in key or key.split(" ", 1)[0] in NAME_PARTICLES) and len(full_by_last.get(key, ())) == 1:
            target = next(iter(full_by_last[key]))
        for form in forms:
            result[form] = display[target]
    return result


class PersonIndex:
    """The people named in one article and how their partial mentions resolve.

    "Prime Minister Shinzo Abe", "Shinzo Abe" and "Abe" are one person: a one-word mention
    resolves to the single full name whose last word it is, or failing that whose first
    word it is when that word is short (Korean and Chinese names put the family name first:
    "Kim" -> "Kim Jong Un").
    """

    def __init__(self) -> None:
        # plain dictionaries: a Counter or defaultdict per name costs more than the counting
        self._forms: dict[str, dict[str, int]] = {}
        self._by_last: dict[str, set[str]] = {}
        self._by_first: dict[str, set[str]] = {}
        self._display: dict[str, str] = {}  # key -> display form, forgotten when a name is added
        self._bare_families: dict[str, set[str]] = {}  # "blasio" -> {"de blasio"}: names that are a family name alone

    def add(self, name: str) -> None:
        key = name_key(name)
        if not key:
            return
        forms = self._forms.get(key)
        if forms is None:
            self._forms[key] = {name: 1}
            families = family_names(key)
            if families:
                for family in families:
                    self._by_last.setdefault(family, set()).add(key)
                self._by_first.setdefault(key.split(" ", 1)[0], set()).add(key)
            elif " " in key:
                self._bare_families.setdefault(key.rsplit(" ", 1)[1], set()).add(key)
        else:
            forms[name] = forms.get(name, 0) + 1
            self._display.pop(key, None)

    def knows(self, word: str) -> bool:
        key = name_key(word)
        return key in self._forms or key in self._by_last or key in self._by_first or key in self._bare_families

    def resolve_key(self, name: str) -> str:
        key = name_key(name)
        if " " not in key:
            full = self._by_last.get(key)
            if full and len(full) == 1:
                return next(iter(full))
            # family name first: East Asian family names are short ("Kim", "Moon", "Xi"), which
            # keeps "Trump" from turning into "Trump Tower"
            full = self._by_first.get(key)
            if full and len(full) == 1 and len(key) <= 4 and not self._by_last.get(key):
                return next(iter(full))
            if not full and self._bare_families and key not in self._by_last:
                # only the family name with its particle is known: "Blasio" -> "de Blasio"
                bare = self._bare_families.get(key)
                if bare and len(bare) == 1:
                    return self.resolve_key(next(iter(bare)))
        elif key.split(" ", 1)[0] in NAME_PARTICLES:
            # a family name with its particles: "de Blasio" -> "Bill de Blasio"
            full = self._by_last.get(key)
            if full and len(full) == 1:
                return next(iter(full))
        return key

    def canonical(self, name: str) -> str:
        key = self.resolve_key(name)
        display = self._display.get(key)
        if display is None:
            forms = self._forms.get(key)
            if not forms:
                return name
            display = self._display[key] = _display_form(forms)
        return display
