"""The scoring rules of bench/extract_eval.py: strict, and stated in its docstring."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("bench_extract_eval", REPO / "bench" / "extract_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "predicted, gold",
    [
        ("Bernie Sanders", ["Mr. Sanders", None]),  # titles are not part of a name
        ("Pat Caddell", ["longtime pollster Pat Caddell", None]),
        ("a Japanese government source", ["the source", None]),
        ("Robert Antonacci", ["Robert Antonacci of the New York delegation", None]),
        ("Lance Beebe", ["he", "Lance Beebe , a Navy veteran"]),  # the silver representative
        # a silver mention run on past its head, through "as" and a tokeniser's quote mark
        ("Hillary Clinton", ["she", "Democratic nominee Hillary Clinton as a `` disgrace ''"]),
        # a role with the name in apposition after its comma
        ("Jon Halvorsen", ["the mayor's chief of staff, Jon Halvorsen", None]),
    ],
)
def test_same_speaker(scorer, predicted, gold):
    assert scorer.speaker_matches(predicted, gold)


@pytest.mark.parametrize(
    "predicted, gold",
    [
        ("he", ["he", "Lance Beebe"]),  # a pronoun must be resolved to count
        ("Hillary Clinton", ["Bill Clinton", None]),
        ("Sanders", ["Mr. Trump", "Donald Trump"]),
        ("Mr.", ["Mr. Sanders", None]),  # a bare title is not a name
        ("Olive Meehan", ["I", "My"]),  # a possessive pronoun names nobody: nothing to match
        ("David Plouffe", ["said", None]),  # a Source span on the cue word names nobody
        ("Obama", ["who", None]),
        # what follows the comma is no name: an age, a clause
        ("Woodrow Benford", ["a neighbour , 58 , who lives nearby", None]),
        ("Lives Nearby", ["a neighbour , who lives nearby", None]),
    ],
)
def test_different_speaker(scorer, predicted, gold):
    assert not scorer.speaker_matches(predicted, gold)


@pytest.mark.parametrize(
    "gold, kind",
    [
        ("Sen. Chuck Grassley (R-Iowa)", "name"),
        ("she", "pronoun"),
        ("the Clinton campaign", "noun phrase"),
        ("a spokesman for Clinton", "noun phrase"),
        ("Trump's spokeswoman Hope Hicks", "name"),
    ],
)
def test_speaker_type(scorer, gold, kind):
    assert scorer.speaker_type(gold) == kind


@pytest.mark.parametrize("gold", [["I", "My"], ["said", None], ["who", None], ["they", "them"]])
def test_gold_that_names_nobody_is_unverifiable(scorer, gold):
    # such regions are counted apart, not scored either way
    assert all(scorer._names_nobody(scorer._words(g)) for g in gold)


def test_hand_referents_replace_the_silver_one(scorer, tmp_path):
    text = 'Mayor Ann Lee spoke.\n"We will rebuild," she said. "Soon," said the aide.'
    she = text.index("she")
    aide = text.index("the aide")
    first = text.index("We")
    second = text.index("Soon")
    doc = {"id": "d1", "text": text, "quotes": [
        {"type": "direct", "speaker": "she", "speaker_coref_silver": "the aide",
         "speaker_start": she, "speaker_end": she + 3, "fragments": [[first - 1, first + 17]]},
        {"type": "direct", "speaker": "said", "speaker_coref_silver": None,
         "speaker_start": aide - 5, "speaker_end": aide - 1, "fragments": [[second - 1, second + 6]]},
    ]}
    documents = tmp_path / "docs.jsonl"
    documents.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    referents = tmp_path / "referents.jsonl"
    referents.write_text(
        json.dumps({"id": "d1", "speaker_start": she, "speaker_end": she + 3,
                    "referent_span": [text.index("Ann"), text.index("Ann") + 7]}) + "\n"
        + json.dumps({"id": "d1", "speaker_start": aide - 5, "speaker_end": aide - 1, "referent": None}) + "\n",
        encoding="utf-8")
    hand = scorer.load_referents(referents, documents)
    assert hand[("d1", she, she + 3)] == "Ann Lee"
    plain = scorer.gold_regions(doc)
    resolved = scorer.gold_regions(doc, hand)
    assert [(s, e) for s, e, _ in plain] == [(s, e) for s, e, _ in resolved]
    assert plain[0][2] == ["she", "the aide"]
    assert resolved[0][2] == ["she", "Ann Lee"]
    assert scorer.speaker_matches("Ann Lee", resolved[0][2])
    assert not scorer.speaker_matches("Ann Lee", plain[0][2])
    assert resolved[1][2] == [None, None]  # names nobody: counted apart


def test_second_reading_agreement_and_silver(scorer, tmp_path):
    text = 'Mayor Ann Lee met Tom Reyes.\n"We will rebuild," she said. "Soon," he said. "Never," said the aide.'
    spans = [(text.index("she"), text.index("she") + 3), (text.index("he said"), text.index("he said") + 2),
             (text.index("the aide"), text.index("the aide") + 8)]
    silver = ["Tom Reyes", "Tom Reyes", None]
    doc = {"id": "d1", "text": text, "quotes": [
        {"type": "direct", "speaker": text[s:e], "speaker_coref_silver": chain, "speaker_start": s, "speaker_end": e,
         "fragments": [[s - 20, s - 2]]} for (s, e), chain in zip(spans, silver)]}
    documents = tmp_path / "docs.jsonl"
    documents.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    first = {("d1", *spans[0]): "Ann Lee", ("d1", *spans[1]): "Tom Reyes", ("d1", *spans[2]): "Tom Reyes"}
    # the same person in fewer words, another person, and one who names nobody
    second = {("d1", *spans[0]): "Lee", ("d1", *spans[1]): "Ann Lee", ("d1", *spans[2]): None}
    agreement = scorer.reading_agreement(first, second, documents)
    assert agreement == {"mentions": 3, "readings_agree": 1, "silver_named": 2, "silver_agrees": 1}
    assert scorer.reading_agreement(first, first, documents)["readings_agree"] == 3
