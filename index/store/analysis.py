"""How the index splits text into words: Whoosh's own analyzers, run as one loop when indexing.

A third of the build went into analysis, because a Whoosh analyzer runs one Python generator
per filter for every word of every article, and the field's format then collects the
tokens word by word. The analyzers below are those same chains (they are
`CompositeAnalyzer`s, so queries, highlighting and the schema stored in the index see
ordinary Whoosh analyzers) plus `occurrences`, one loop that finds what the chain's tokens
would. The formats below are Whoosh's; when their field has such an analyzer, indexing
takes each word's positions from that loop, without token objects: same postings, same
bytes, half the time. Everything else (queries, highlights) goes through the chain.
tests/test_store_segments.py checks that both ways give the same postings.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from itertools import chain, compress, count
from operator import sub
from pickle import dumps

from whoosh.analysis import (
    STOP_WORDS, CharsetFilter, CompositeAnalyzer, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter,
)
from whoosh.formats import Characters, Positions
from whoosh.system import pack_uint
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

# Analysed forms kept per analyzer (raw lower-cased word -> indexed word); emptied when full,
# like the stemming cache it stands in for, so a long run cannot grow it without bound.
_CACHE_SIZE = 100_000
# Whoosh's default token pattern (\w+(\.?\w+)*) without its capturing group, so that
# `findall` returns whole tokens: the same tokens.
_PROSE_TOKENS = r"\w+(?:\.?\w+)*"


class _IndexedWords(dict):
    """Token as written -> its indexed word as UTF-8 (what Whoosh's Field.index encodes), or
    None when the chain drops it; each spelling is analysed once, when first met."""

    def __init__(self, word_of) -> None:
        super().__init__()
        self.word_of = word_of

    def __missing__(self, token: str) -> bytes | None:
        word = self.word_of(token.lower())
        indexed = self[token] = None if word is None else word.encode("utf-8")
        return indexed


class _FusedAnalyzer(CompositeAnalyzer):
    """A Whoosh chain plus the same analysis as one loop; subclasses define both."""

    _renumber = False  # whether dropped words leave no gap in positions (StopFilter's renumber)

    def __init__(self, *items) -> None:
        super().__init__(*items)
        self._setup()

    def _setup(self) -> None:
        expression = self.items[0].expression
        self._finditer = expression.finditer
        if expression.groups:  # findall would return the groups (an index written before _PROSE_TOKENS)
            self._findall = lambda text: [match.group() for match in expression.finditer(text)]
        else:
            self._findall = expression.findall
        self._cache: dict[str, str | None] = {}
        self._indexed = _IndexedWords(self._word)

    def __getstate__(self) -> dict:
        # The schema is pickled into the index: the caches and the bound methods stay out.
        return {key: value for key, value in self.__dict__.items() if key not in _RUNTIME}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._setup()

    def _word(self, lowered: str) -> str | None:
        """The indexed form of a lower-cased word, or None when the chain drops it."""
        raise NotImplementedError

    def occurrences(self, value: str, chars: bool) -> dict[str, list]:
        """Each indexed word of `value` with where it occurs, in order of first occurrence:
        positions, or (position, start, end) with `chars`. The tokens of an indexing call,
        gathered as Whoosh's Positions and Characters formats gather them."""
        if len(self._cache) > _CACHE_SIZE:
            self._cache = {}
        cache = self._cache
        word_of = self._word
        renumber = self._renumber
        found: dict[str, list] = {}
        pos = None
        for number, match in enumerate(self._finditer(value)):
            lowered = match.group().lower()
            try:
                word = cache[lowered]
            except KeyError:
                word = cache[lowered] = word_of(lowered)
            if word is None:
                continue
            pos = number if pos is None or not renumber else pos + 1
            place = (pos, match.start(), match.end()) if chars else pos
            try:
                found[word].append(place)
            except KeyError:
                found[word] = [place]
        return found


    def positions(self, value: str) -> dict[bytes, list[int]]:
        """Each indexed word of `value`, UTF-8 encoded, with its positions: what Whoosh's
        Positions format gathers from the chain's tokens when indexing. Same result as
        `occurrences(value, chars=False)`, a third of the time: the loop over tokens runs
        in C (findall, a cache lookup per token, grouping by `map`), Python only meets new
        spellings and the words dropped."""
        indexed = self._indexed
        if len(indexed) > _CACHE_SIZE:
            indexed.clear()
        words = list(map(indexed.__getitem__, self._findall(value)))
        found: defaultdict[bytes, list[int]] = defaultdict(list)
        if None in words:
            if self._renumber:  # positions count kept words only, from the first kept token's place
                first = next(number for number, word in enumerate(words + [b""]) if word is not None)
                words = [word for word in words if word is not None]
                places = count(first)
            else:
                places = (number for number, word in enumerate(words) if word is not None)
                words = [word for word in words if word is not None]
        else:
            places = count()
        deque(map(list.append, map(found.__getitem__, words), places), maxlen=0)
        return found

    def spans(self, value: str, words: frozenset[str]) -> list[tuple[str, int, int]]:
        """(indexed word, start, end) of every token of `value` indexed as one of `words`
        (for snippets). Each distinct spelling is analysed once, then the tokens are
        matched against the spellings wanted: four times faster than `occurrences`."""
        if len(self._cache) > _CACHE_SIZE:
            self._cache = {}
        cache = self._cache
        word_of = self._word
        # The loops over every token run in C (list, map, compress); Python only meets each
        # distinct spelling once and the few tokens wanted.
        matches = list(self._finditer(value))
        spellings = list(map(re.Match.group, matches))
        wanted: dict[str, str] = {}
        for spelling in set(spellings):
            lowered = spelling.lower()
            try:
                word = cache[lowered]
            except KeyError:
                word = cache[lowered] = word_of(lowered)
            if word in words:
                wanted[spelling] = word
        if not wanted:
            return []
        return [(wanted[match.group()], match.start(), match.end())
                for match in compress(matches, map(wanted.__contains__, spellings))]


class ProseAnalyzer(_FusedAnalyzer):
    """Running text: words, lower-cased, stop words dropped, Porter-stemmed ("talks" finds
    "talk"), accents folded ("Sao Paulo" finds "São Paulo"). Whoosh's StemmingAnalyzer
    followed by a CharsetFilter."""

    _renumber = True

    def __init__(self) -> None:
        self._stop = StopFilter(stoplist=STOP_WORDS, minsize=2)
        super().__init__(RegexTokenizer(_PROSE_TOKENS), LowercaseFilter(), self._stop,
                         StemFilter(stemfn=stem, cachesize=50000), CharsetFilter(accent_map))

    def _word(self, lowered: str) -> str | None:
        stop = self._stop
        if len(lowered) < stop.min or lowered in stop.stops:
            return None
        return stem(lowered).translate(accent_map)


class NamesAnalyzer(_FusedAnalyzer):
    """Names: every word kept (no stop words, no stemming), lower-cased and accent-folded,
    so that "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" index to the same three words.

    A field holds its names one per line, and a line break takes up a position that holds
    no word, so a phrase cannot run from the end of one name into the next ("Trump" then
    "Kim Jong Un" does not match "trump kim")."""

    def __init__(self) -> None:
        super().__init__(RegexTokenizer(r"\w+|\n"), LowercaseFilter(),
                         StopFilter(stoplist=["\n"], minsize=1, renumber=False), CharsetFilter(accent_map))

    def _word(self, lowered: str) -> str | None:
        return None if lowered == "\n" else lowered.translate(accent_map)


def encode_positions(places: list[int]) -> bytes:
    """Whoosh's `Positions.encode` (the count, then the pickled gaps between positions),
    with the encoding of a single position, most words' in an article, made once."""
    if len(places) == 1:
        try:
            return _SINGLE_POSITIONS[places[0]]
        except IndexError:
            pass
    return pack_uint(len(places)) + dumps(list(map(sub, places, chain((0,), places))), 2)


_SINGLE_POSITIONS = [pack_uint(1) + dumps([place], 2) for place in range(4096)]

_RUNTIME = frozenset({"_cache", "_finditer", "_findall", "_indexed"})


def _plain_indexing(analyzer, kwargs: dict) -> bool:
    return isinstance(analyzer, _FusedAnalyzer) and kwargs == {"mode": "index"}


class FusedPositions(Positions):
    """Whoosh's Positions format, fed by a fused analyzer's loop when indexing."""

    def word_values(self, value, analyzer, **kwargs):
        if not _plain_indexing(analyzer, kwargs):
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((word, len(places), len(places) * boost, encode_positions(places))
                for word, places in analyzer.occurrences(value, chars=False).items())


class FusedCharacters(Characters):
    """Whoosh's Characters format, fed by a fused analyzer's loop when indexing."""

    def word_values(self, value, analyzer, **kwargs):
        if not _plain_indexing(analyzer, kwargs):
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((word, len(places), len(places) * boost, self.encode(places))
                for word, places in analyzer.occurrences(value, chars=True).items())


def fused_analyzer(field) -> _FusedAnalyzer | None:
    """The fused analyzer whose `positions` index `field` (a fused Positions field), else None."""
    if type(field.format) is FusedPositions and isinstance(field.analyzer, _FusedAnalyzer):
        return field.analyzer
    return None


def fused(field):
    """`field` (a Whoosh TEXT field) with its Positions or Characters format fed by its fused
    analyzer when indexing."""
    formats = {Characters: FusedCharacters, Positions: FusedPositions}
    kind = formats.get(type(field.format))
    if kind is not None and isinstance(field.analyzer, _FusedAnalyzer):
        replacement = kind(field_boost=field.format.field_boost)
        replacement.options = field.format.options
        field.format = replacement
    return field
