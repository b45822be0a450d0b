""""Did you mean": the corpus vocabulary and a corrector over it.

Whoosh's own way (a `spelling=True` field) indexed every body word a second time and
doubled the build; its ReaderCorrector also ranks candidates by frequency alone, so
"Blare" became "share" rather than "Blair". Instead the indexer counts each unstemmed word
once per article into a sorted word list kept beside the index, and corrections use
Whoosh's Levenshtein automaton over that list (`ListCorrector`), ranked by edit distance
first and then by how many articles use the word.

Counts only grow between rebuilds (a removed article's words stay); the reader checks that
a suggestion finds something before offering it.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from pathlib import Path

from whoosh.spelling import ListCorrector
from whoosh.support.charset import accent_map

VOCABULARY_NAME = "vocabulary.txt"

_WORD = re.compile(r"[^\W\d_]{3,30}")
# A query word worth correcting: plain letters, not an operator, a field or a wildcard.
_QUERY_WORD = re.compile(r"(?<![\w:*?])([^\W\d_]{3,30})(?![\w:*?])")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


def fold(word: str) -> str:
    return word.lower().translate(accent_map)


class Vocabulary:
    """Unstemmed words of the corpus with the number of articles using each."""

    def __init__(self, counts: Counter[str] | None = None) -> None:
        self.counts: Counter[str] = counts or Counter()
        self._sorted: list[str] | None = None

    def add_text(self, text: str) -> None:
        self.counts.update({fold(w) for w in _WORD.findall(text)})
        self._sorted = None

    def __contains__(self, word: str) -> bool:
        return fold(word) in self.counts

    @classmethod
    def load(cls, folder: Path) -> Vocabulary:
        counts: Counter[str] = Counter()
        try:
            with open(folder / VOCABULARY_NAME, encoding="utf-8") as lines:
                for line in lines:
                    word, _, count = line.rstrip("\n").partition("\t")
                    if word and count.isdigit():
                        counts[word] = int(count)
        except OSError:
            pass
        return cls(counts)

    def save(self, folder: Path) -> None:
        tmp = folder / f".{VOCABULARY_NAME}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            out.writelines(f"{word}\t{count}\n" for word, count in sorted(self.counts.items()))
        os.replace(tmp, folder / VOCABULARY_NAME)

    def best(self, word: str, maxdist: int = 2) -> str | None:
        """The likeliest intended word for a misspelt one, or None."""
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        if not self._sorted:
            return None
        corrector = _RankedCorrector(self._sorted, self.counts)
        found = corrector.suggest(fold(word), limit=1, maxdist=maxdist, prefix=1)
        return found[0] if found else None


class _RankedCorrector(ListCorrector):
    """ListCorrector yields candidates by edit distance; add article counts as a tiebreak."""

    def __init__(self, wordlist: list[str], counts: Counter[str]) -> None:
        super().__init__(wordlist)
        self.counts = counts
        self.scale = math.log1p(max(counts.values(), default=1))

    def _suggestions(self, text, maxdist, prefix):
        for score, word in super()._suggestions(text, maxdist, prefix):
            yield score + 0.9 * math.log1p(self.counts[word]) / self.scale, word


def suggest_query(text: str, vocabulary: Vocabulary) -> str | None:
    """The query with each unknown word replaced by its likeliest correction, if any changed."""
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(1)
        if word in _OPERATORS or word in vocabulary:
            return word
        better = vocabulary.best(word)
        if better is None:
            return word
        changed = True
        return better

    corrected = _QUERY_WORD.sub(fix, text)
    return corrected if changed else None
