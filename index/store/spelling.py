""""Did you mean": the corpus vocabulary and a corrector over it.

Whoosh's own way (a `spelling=True` field) indexed every body word a second time and
doubled the build; its ReaderCorrector also ranks candidates by frequency alone, so
"Blare" became "share" rather than "Blair", and its ListCorrector missed transposed
letters. So this is hand-written and small: the indexer counts each unstemmed word once
per article into a word list kept beside the index, and a correction is the nearest word
within two edits (a swap of neighbouring letters counts as one), the one used by the most
articles among equals.

Counts only grow between rebuilds (a removed article's words stay); the reader checks that
a suggestion finds something before offering it.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from string import ascii_lowercase

from whoosh.support.charset import accent_map

from ..atomic import written_whole

VOCABULARY_NAME = "vocabulary.txt"

_WORD = re.compile(r"[^\W\d_]{3,30}")
# A query word worth correcting: plain letters, not an operator, a field or a wildcard.
_QUERY_WORD = re.compile(r"(?<![\w:*?])([^\W\d_]{3,30})(?![\w:*?])")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


def fold(word: str) -> str:
    return word.lower().translate(accent_map)


# Splitting a text into words with str methods, which run in C at a few nanoseconds a
# character (`_WORD` costs twenty): every ASCII character but a letter becomes a space, and
# the words are what `split` leaves (3 to 30 letters; `_WORD` cuts a longer run into pieces of
# 30). Runs of one or two letters are taken off as a set (cheaper than measuring every run),
# and a run of 31 letters is looked for as a substring. It applies when no character outside
# ASCII is a letter to `_WORD` (news text: curly quotes and dashes): encoding writes each as a
# character reference ("&#8220;", all gaps), so the references name them; one the text itself
# holds is a false alarm, costing only the regular expression. Folding ASCII lower-cases it.
_ASCII_GAPS = {code: " " for code in range(128) if not chr(code).isalpha()}
_ASCII_LETTERS_AS_A = {code: "a" if chr(code).isalpha() else " " for code in range(128)}
_LONG_RUN = "a" * 31
_SHORT_RUNS = frozenset([*ascii_lowercase, *(a + b for a in ascii_lowercase for b in ascii_lowercase)])
_CHAR_REF = re.compile(rb"&#([1-9][0-9]*);")


class _Gaps(dict):
    """Character code (decimal digits) -> whether `_WORD` never takes the character into a word."""

    def __missing__(self, code: bytes) -> bool:
        number = int(code)
        if number > sys.maxunicode:  # typed in the text: no character, and not worth keeping
            return True
        gap = self[code] = _WORD.fullmatch(chr(number) * 3) is None
        return gap


_GAPS = _Gaps()


def _words_by_split(text: str) -> set[str] | None:
    """The folded words of `text` (`_WORD`), or None when a letter outside ASCII needs the
    regular expression."""
    if not text.isascii():
        encoded = text.encode("ascii", "xmlcharrefreplace")
        if not all(map(_GAPS.__getitem__, set(_CHAR_REF.findall(encoded)))):
            return None
        text = encoded.decode("ascii")
    runs = set(text.translate(_ASCII_GAPS).lower().split())
    words = runs - _SHORT_RUNS
    if _LONG_RUN in text.translate(_ASCII_LETTERS_AS_A):
        for run in runs:
            if len(run) > 30:
                words.remove(run)
                words.update(_WORD.findall(run))
    return words


class Vocabulary:
    """Unstemmed words of the corpus with the number of articles using each."""

    def __init__(self, counts: Counter[str] | None = None) -> None:
        self.counts: Counter[str] = counts or Counter()
        self._by_initial: dict[str, list[str]] | None = None

    def add_text(self, text: str) -> None:
        """Count each word of `text` once; indexing calls this per article. The words are
        split with str methods when the text allows it (`_words_by_split`), else found by
        `_WORD` and their distinct spellings folded in one call (joined by line breaks, which
        neither lower() nor the accent map touch): the same words as folding each."""
        words = _words_by_split(text)
        if words is None:
            spellings = set(_WORD.findall(text))
            words = set(fold("\n".join(spellings)).split("\n")) if spellings else set()
        if words:
            self.counts.update(words)
        self._by_initial = None

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
        with written_whole(folder / VOCABULARY_NAME) as out:
            out.writelines(f"{word}\t{count}\n" for word, count in sorted(self.counts.items()))

    def best(self, word: str, maxdist: int = 2) -> str | None:
        """The likeliest intended word for a misspelt one, or None.

        Candidates share the first letter (few misspellings change it) and have a length
        within `maxdist`; the nearest wins, then the one more articles use."""
        word = fold(word)
        if self._by_initial is None:
            self._by_initial = defaultdict(list)
            for known in self.counts:
                self._by_initial[known[0]].append(known)
        best: tuple[int, int, str] | None = None
        for known in self._by_initial.get(word[:1], ()):
            if abs(len(known) - len(word)) > maxdist or known == word:
                continue
            distance = edit_distance(word, known, maxdist)
            if distance <= maxdist:
                rank = (distance, -self.counts[known], known)
                if best is None or rank < best:
                    best = rank
        return best[2] if best else None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours is one edit), or limit + 1
    as soon as it must exceed `limit`."""
    before_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, before_previous[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before_previous, previous = previous, current
    return previous[-1]


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
