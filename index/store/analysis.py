"""How the index splits text into words: Whoosh's own analyzers, run as one loop when indexing.

A third of the build went into analysis, because a Whoosh analyzer runs one Python generator
per filter for every word of every article, and the field's format then collects the
tokens word by word. The analyzers below are those same chains (they are
`CompositeAnalyzer`s, so queries, highlighting and the schema stored in the index see
ordinary Whoosh analyzers) plus `occurrences`, one loop that finds what the chain's tokens
would. The formats below are Whoosh's; when their field has such an analyzer, indexing
takes each word's positions from that loop, without token objects: same postings, same
bytes, half the time. Everything else (queries, highlights) goes through the chain.
tests/test_store_analysis.py checks that both ways give the same postings.
"""

from __future__ import annotations

from whoosh.analysis import (
    STOP_WORDS, CharsetFilter, CompositeAnalyzer, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter,
)
from whoosh.analysis.tokenizers import default_pattern
from whoosh.formats import Characters, Positions
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

# Analysed forms kept per analyzer (raw lower-cased word -> indexed word); emptied when full,
# like the stemming cache it stands in for, so a long run cannot grow it without bound.
_CACHE_SIZE = 100_000


class _FusedAnalyzer(CompositeAnalyzer):
    """A Whoosh chain plus the same analysis as one loop; subclasses define both."""

    _renumber = False  # whether dropped words leave no gap in positions (StopFilter's renumber)

    def __init__(self, *items) -> None:
        super().__init__(*items)
        self._setup()

    def _setup(self) -> None:
        self._finditer = self.items[0].expression.finditer
        self._cache: dict[str, str | None] = {}

    def __getstate__(self) -> dict:
        # The schema is pickled into the index: the cache and the bound method stay out.
        return {key: value for key, value in self.__dict__.items() if key not in ("_cache", "_finditer")}

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


    def spans(self, value: str, words: frozenset[str]) -> list[tuple[str, int, int]]:
        """(indexed word, start, end) of every token of `value` indexed as one of `words`
        (for snippets). Each distinct spelling is analysed once, then the tokens are
        matched against the spellings wanted: four times faster than `occurrences`."""
        if len(self._cache) > _CACHE_SIZE:
            self._cache = {}
        cache = self._cache
        word_of = self._word
        wanted: dict[str, str] = {}
        for spelling in {match.group() for match in self._finditer(value)}:
            lowered = spelling.lower()
            try:
                word = cache[lowered]
            except KeyError:
                word = cache[lowered] = word_of(lowered)
            if word in words:
                wanted[spelling] = word
        if not wanted:
            return []
        return [(wanted[match.group()], match.start(), match.end()) for match in self._finditer(value)
                if match.group() in wanted]


class ProseAnalyzer(_FusedAnalyzer):
    """Running text: words, lower-cased, stop words dropped, Porter-stemmed ("talks" finds
    "talk"), accents folded ("Sao Paulo" finds "São Paulo"). Whoosh's StemmingAnalyzer
    followed by a CharsetFilter."""

    _renumber = True

    def __init__(self) -> None:
        self._stop = StopFilter(stoplist=STOP_WORDS, minsize=2)
        super().__init__(RegexTokenizer(default_pattern), LowercaseFilter(), self._stop,
                         StemFilter(stemfn=stem, cachesize=50000), CharsetFilter(accent_map))

    def _word(self, lowered: str) -> str | None:
        stop = self._stop
        if len(lowered) < stop.min or lowered in stop.stops:
            return None
        return stem(lowered).translate(accent_map)


class NamesAnalyzer(_FusedAnalyzer):
    """Names: every word kept (no stop words, no stemming), lower-cased and accent-folded,
    so that "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" index to the same three words."""

    def __init__(self) -> None:
        super().__init__(RegexTokenizer(r"\w+"), LowercaseFilter(), CharsetFilter(accent_map))

    def _word(self, lowered: str) -> str | None:
        return lowered.translate(accent_map)


def _plain_indexing(analyzer, kwargs: dict) -> bool:
    return isinstance(analyzer, _FusedAnalyzer) and kwargs == {"mode": "index"}


class FusedPositions(Positions):
    """Whoosh's Positions format, fed by a fused analyzer's loop when indexing."""

    def word_values(self, value, analyzer, **kwargs):
        if not _plain_indexing(analyzer, kwargs):
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((word, len(places), len(places) * boost, self.encode(places))
                for word, places in analyzer.occurrences(value, chars=False).items())


class FusedCharacters(Characters):
    """Whoosh's Characters format, fed by a fused analyzer's loop when indexing."""

    def word_values(self, value, analyzer, **kwargs):
        if not _plain_indexing(analyzer, kwargs):
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((word, len(places), len(places) * boost, self.encode(places))
                for word, places in analyzer.occurrences(value, chars=True).items())


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
