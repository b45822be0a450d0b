"""One small case per extraction rule, written in the patterns of real news prose."""

from __future__ import annotations

import pytest

from index.extract import Extractor, default_extractor, extract
from index.models import Article, EntityLabel


def _run(body: str) -> Article:
    return extract(Article(id="t", path="t.txt", title="t", body=body))


def _quotes(body: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in _run(body).quotes]


def test_default_extractor_is_cached_and_fits_the_interface():
    engine = default_extractor()
    assert engine is default_extractor()
    assert isinstance(engine, Extractor)
    assert engine.name


def test_extract_returns_a_filled_copy_and_leaves_the_input_alone():
    article = Article(id="t", path="t", title="t", body='"We will win," Smith said.')
    result = extract(article)
    assert article.quotes == () and result.quotes
    assert result.body == article.body


@pytest.mark.parametrize(
    "body, expected",
    [
        ('"We will not back down," Senator Mary Jones said on Monday.', "Mary Jones"),
        ('"We will not back down," said Mary Jones, a senator from Ohio.', "Mary Jones"),
        ('Mary Jones said: "We will not back down."', "Mary Jones"),
        ('Mary Jones told reporters, "We will not back down."', "Mary Jones"),
        ('Mary Jones said that the plan was a "dangerous gamble" for the state.', "Mary Jones"),
        ('Mary Jones was quoted as saying that the plan was "a gamble."', "Mary Jones"),
        ('According to Mary Jones, "the plan is dead."', "Mary Jones"),
        ('“We will not back down,” Mary Jones said. “Not now, not ever.”', "Mary Jones"),
    ],
)
def test_speaker_patterns(body, expected):
    assert {speaker for _, speaker in _quotes(body)} == {expected}


def test_straight_and_curly_marks_and_single_quotes_stay_inside():
    quotes = _quotes("“He said ‘never’ to me,” Tom Hill said. \"Ask 'them',\" Ann Lee said.")
    assert quotes == [("He said ‘never’ to me,", "Tom Hill"), ("Ask 'them',", "Ann Lee")]


def test_apostrophes_are_not_quote_marks():
    article = _run("The countries’ leaders met. It’s the Smiths’ house, he said.")
    assert article.quotes == ()


def test_partial_quotes_are_marked():
    article = _run('The minister called the deal "unfair" and said talks were "going nowhere."')
    assert [(q.text, q.partial) for q in article.quotes] == [("unfair", True), ("going nowhere.", True)]
    article = _run('"The deal is unfair," the minister said.')
    assert [(q.text, q.partial) for q in article.quotes] == [("The deal is unfair,", False)]


def test_multi_paragraph_quote_is_one_quote():
    body = (
        'Ann Lee, the mayor, said: "We have a plan for the river.\n\n'
        '"It will take ten years, and it will cost money."\n\n'
        "The council meets Friday."
    )
    article = _run(body)
    assert len(article.quotes) == 1
    quote = article.quotes[0]
    assert quote.text.startswith("We have a plan") and quote.text.endswith("cost money.")
    assert quote.speaker == "Ann Lee"
    assert article.text_of(quote.span) == quote.text


def test_unbalanced_mark_never_swallows_the_rest_of_the_article():
    body = 'Bob Day said "this is wrong.\n\nThe next paragraph is reporting.\n\n"A real quote," Ann Lee said.'
    article = _run(body)
    assert all("next paragraph" not in q.text for q in article.quotes)
    assert ("A real quote,", "Ann Lee") in [(q.text, q.speaker) for q in article.quotes]


def test_pronoun_resolves_to_the_subject_of_the_sentence_before():
    body = (
        "Governor Ann Lee met Tom Hill on Tuesday.\n\n"
        "Lee said the budget would pass.\n\n"
        '"We have the votes," she said.'
    )
    assert _quotes(body) == [("We have the votes,", "Ann Lee")]


def test_the_source_resolves_to_the_earlier_description():
    body = (
        "The talks could resume in May, a senior European diplomat said.\n\n"
        '"Nobody wants another crisis," the diplomat said.'
    )
    assert _quotes(body) == [("Nobody wants another crisis,", "a senior European diplomat")]


def test_unattributable_quote_has_no_speaker():
    article = _run('The film, titled "Night Train," opens in June.')
    assert [(q.text, q.speaker) for q in article.quotes] == [("Night Train,", None)]


def test_titles_are_not_part_of_the_canonical_name():
    article = _run("Prime Minister Shinzo Abe met President Moon Jae-in. Abe later flew home.")
    people = {e.text: e.canonical for e in article.entities if e.label is EntityLabel.PERSON}
    assert people == {"Shinzo Abe": "Shinzo Abe", "Moon Jae-in": "Moon Jae-in", "Abe": "Shinzo Abe"}


def test_entity_labels():
    body = (
        "North Korean officials met Japanese diplomats in Ulaanbaatar on Sept. 11-13, said the "
        "Foreign Ministry. The United Nations and the Bank of Japan were not there."
    )
    labels = {(e.text, e.label) for e in _run(body).entities}
    assert {
        ("North Korean", EntityLabel.GROUP),
        ("Japanese", EntityLabel.GROUP),
        ("Ulaanbaatar", EntityLabel.PLACE),
        ("Sept. 11-13", EntityLabel.DATE),
        ("Foreign Ministry", EntityLabel.ORG),
        ("United Nations", EntityLabel.ORG),
        ("Bank of Japan", EntityLabel.ORG),
    } <= labels


def test_headlines_and_sentence_starts_do_not_make_junk_entities():
    body = (
        "Stealth Over Health: Clinton Was Headed to ER\n\n"
        "During the visit, Hillary Clinton spoke. Following the speech, Clinton left."
    )
    texts = {e.text for e in _run(body).entities}
    assert "Stealth" not in texts and "Stealth Over Health" not in texts
    assert "During" not in texts and "Following" not in texts
    assert "Clinton" in texts  # the headline mention, confirmed by the body
