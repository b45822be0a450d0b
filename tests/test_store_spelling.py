"""The "did you mean" vocabulary counts the same words whichever way a text is split.

`Vocabulary.add_text` splits most news text with str methods and falls back to a regular
expression when a letter outside ASCII needs it; both must give the words the rule defines:
runs of 3 to 30 letters (a longer run cut into pieces of 30), folded, once per text.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from index.store.spelling import Vocabulary, fold

_RULE = re.compile(r"[^\W\d_]{3,30}")


def expected(text: str) -> Counter[str]:
    return Counter({fold(word) for word in _RULE.findall(text)})


# News-like characters: ASCII letters, digits and punctuation, curly quotes and dashes, and
# the letters and near-letters that only the regular expression handles (accents, ß, sigma,
# a dotted capital I that lower-cases to two characters, superscript digits, a fraction).
_ALPHABET = list("abcdeXYZ 019_.,;:'\"?!-\n\t()&#") + list("’“”—–…•é É ß İ Σσ ²½ 日本")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=120).map("".join) | st.text(max_size=80))
@example("The minister’s “plan” — passed 52–48 — was “historic”.")
@example("Naïve café owners in São Paulo said ΟΔΟΣ was closed.")
@example("x" * 31 + " " + "y" * 61 + "—" + "Z" * 30 + " " + "w" * 32 + "7" + "v" * 2)
@example("é" * 31 + " " + "x" * 31)
@example("under_score digits123abc U.S.A. e.g. don’t it’s ²²² ½½½abc")
@example("AT&T’s &#233;t&#0233; &#8220;plan&#8221; &#99999999; &#x41;bc “quoted”")  # references typed in the text
@example("&#233;t&#233; is ascii")
def test_add_text_counts_the_words_the_rule_defines(text: str):
    vocabulary = Vocabulary()
    vocabulary.add_text(text)
    assert vocabulary.counts == expected(text)


def test_a_word_counts_once_per_text_and_once_more_per_other_text():
    vocabulary = Vocabulary()
    vocabulary.add_text("Budget talks: the budget passed, “Budget” said the BUDGET office.")
    vocabulary.add_text("The budget café.")
    assert vocabulary.counts["budget"] == 2
    assert vocabulary.counts["cafe"] == 1
    assert "the" in vocabulary and "office" in vocabulary and "passed" in vocabulary
