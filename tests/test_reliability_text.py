"""Hostile text inside an article: odd quote marks, scripts, combining and invisible characters.

Each case is read, extracted and indexed without error; the characters that are text stay in
the body (normalised to NFC), and every quote and entity points at exactly its own text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from index import Library
from index.extract import extract
from index.ingest import parse_text

CASES = {
    "unbalanced quotes": 'The minister said "we will win. Then he left. "Another one" he said "and',
    "thousands of quote marks": 'Officials said ' + '"' * 3001 + ' and “„«' * 700 + ' nothing more.',
    "nested quotes": 'He said: "She told me \'they said “never” to “the plan”\' twice," the source added.',
    "quote marks of every script": ('„Wir schaffen das“, sagte Merkel. « Nous gagnerons », a dit Macron. '
                                    '「私たちは勝つ」と安倍氏は述べた。‹Oui›, dit-il. “Yes,” Biden said. ‚Ja‘, sagte er.'),
    "right-to-left text": 'قال الوزير "سنفوز" يوم الاثنين. אמר השר "ננצח" ביום שני. \u202eReversed\u202c text.',
    "combining characters": "Cafe\u0301 owner Jose\u0301 said \"Z\u0303\u0301\u0327alg\u0337o\u0336\" is fine.",
    "emoji": 'The fans said "👍🏽 great 👨‍👩‍👧 day 🇯🇵" after the match 🎉.',
    "zero-width characters": 'Kim\u200bJong\u200d-un said "\u200bpeace\u200c\u2060" on\u00ad Monday.\ufeff',
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_text_is_read_extracted_and_kept(case: str):
    text = f"Headline for {case}\n\n{CASES[case]}\n"
    article = parse_text(text, path="x.txt")
    assert article is not None
    article = extract(article)
    assert unicodedata.is_normalized("NFC", article.body)
    assert article.body.replace("\n\n", " ") in unicodedata.normalize("NFC", CASES[case]).replace("\ufeff", "")
    for quote in article.quotes:
        assert article.body[quote.span.start:quote.span.end] == quote.text
    for entity in article.entities:
        assert article.body[entity.span.start:entity.span.end] == entity.text


def test_quotes_in_other_scripts_are_found():
    article = extract(parse_text(f"Quotes\n\n{CASES['quote marks of every script']}\n", path="x.txt"))
    found = {q.text for q in article.quotes}
    assert {"Wir schaffen das", "Nous gagnerons", "Yes,"} <= found


def test_every_case_indexes_and_is_found_by_its_words(tmp_path: Path):
    for n, (case, body) in enumerate(CASES.items()):
        (tmp_path / f"{n}.txt").write_text(f"Headline {n}\n\n{body}\n", encoding="utf-8")
    report = Library(tmp_path).update()
    assert report.articles == len(CASES) and not report.problems
    with Library(tmp_path).open() as index:
        assert index.search("Merkel").total == 1
        assert index.search("Jose").total == 1  # accent-folded after NFC
        assert index.search("الوزير").total == 1
        assert index.search("peace").total == 1
