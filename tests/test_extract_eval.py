"""The scoring rules of bench/extract_eval.py: strict, and stated in its docstring."""

from __future__ import annotations

import importlib.util
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
