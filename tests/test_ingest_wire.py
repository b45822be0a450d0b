"""Wire copy from other outlets: agencies, bylines, datelines, dates, headlines and footers.

Every text here is written for these tests in the style of real wire copy; none is copied.
"""

from __future__ import annotations

from datetime import date

import pytest

from index.ingest import parse_text

BODY = (
    "The central bank kept its key rate unchanged on Thursday, citing slowing exports.\n\n"
    '"We will act if the outlook worsens," Governor Maria Lind told reporters after the meeting.\n\n'
    "Economists had expected the decision, which leaves borrowing costs at a ten-year low."
)
FIRST = "The central bank kept its key rate unchanged on Thursday, citing slowing exports."
LAST = "Economists had expected the decision, which leaves borrowing costs at a ten-year low."


def read(text: str):
    article = parse_text(text, path="wire.txt")
    assert article is not None
    return article


# --- agencies and bylines ------------------------------------------------------------------

@pytest.mark.parametrize(("opening", "source", "place"), [
    ("LONDON (Reuters) - ", "Reuters", "LONDON"),
    ("WASHINGTON (AP) — ", "AP", "WASHINGTON"),
    ("PARIS (AFP) - ", "AFP", "PARIS"),
    ("SEOUL, Sept. 10 (Yonhap) -- ", "Yonhap", "SEOUL"),
    ("NEW YORK, June 3 (Reuters) - ", "Reuters", "NEW YORK"),
    ("ST. LOUIS (AP) — ", "AP", "ST. LOUIS"),
    ("(CNN) -- ", "CNN", None),
])
def test_agency_in_the_dateline_is_the_source(opening, source, place):
    article = read("Bank holds rates steady\n\n" + opening + BODY)
    assert article.source == source
    assert article.dateline == place
    assert article.body.startswith(FIRST)
    assert article.title == "Bank holds rates steady"


@pytest.mark.parametrize(("byline", "author", "source"), [
    ("By Jane Smith, Reuters", "Jane Smith", "Reuters"),
    ("By JOHN DOE Associated Press", "John Doe", "AP"),
    ("By JOHN DOE and ANN LEE, The Associated Press", "John Doe and Ann Lee", "AP"),
    ("By Pierre Martin, Agence France-Presse", "Pierre Martin", "AFP"),
    ("By Kim Min-ji | Staff Reporter", "Kim Min-ji", None),
    ("By Jane Smith, Staff Writer", "Jane Smith", None),
])
def test_byline_gives_author_and_agency_and_leaves_the_body(byline, author, source):
    article = read(f"Bank holds rates steady\n\n{byline}\n\n{BODY}")
    assert article.byline == author
    assert article.source == source
    assert article.body.startswith(FIRST)
    assert article.title == "Bank holds rates steady"


@pytest.mark.parametrize(("line", "source"), [
    ("• Kyodo", "Kyodo"), ("• Kyodo News", "Kyodo"), ("BBC News", "BBC"), ("Reuters", "Reuters"),
    ("- Xinhua", "Xinhua"), ("By Reuters Staff", "Reuters"),
])
def test_an_agency_line_at_the_top_is_the_source(line, source):
    article = read(f"{line}\n\n{BODY}")
    assert article.source == source
    assert article.body.startswith(FIRST)
    assert article.title_derived


@pytest.mark.parametrize(("ending", "source"), [
    (" (Yonhap)", "Yonhap"), (" -- Xinhua", "Xinhua"), (" — AFP", "AFP"), ("\n\n(Yonhap)", "Yonhap"),
    ("\n\nReuters", "Reuters"), (" (YONHAP)", "Yonhap"),
])
def test_closing_agency_credit_is_the_source_and_leaves_the_body(ending, source):
    article = read(BODY + ending)
    assert article.source == source
    assert article.body.endswith(LAST)


def test_a_bracket_that_is_not_an_agency_stays_in_the_body():
    article = read(BODY + " (Laughter)")
    assert article.source is None
    assert article.body.endswith("ten-year low. (Laughter)")


# --- datelines -------------------------------------------------------------------------------

@pytest.mark.parametrize(("opening", "place"), [
    ("TOKYO — ", "TOKYO"), ("TOKYO—", "TOKYO"), ("Beijing, China - ", "Beijing, China"),
    ("VLADIVOSTOK -- ", "VLADIVOSTOK"), ("NEW DELHI: ", "NEW DELHI"), ("RIO DE JANEIRO - ", "RIO DE JANEIRO"),
])
def test_dateline_is_kept_as_written_and_removed_from_the_body(opening, place):
    article = read(opening + BODY)
    assert article.dateline == place
    assert article.body.startswith(FIRST)


@pytest.mark.parametrize("opening", [
    "Prime Minister Lind — ", "BREAKING: ", "Officials said - ", "The bank, analysts said - ",
])
def test_openings_that_are_not_datelines_stay(opening):
    article = read(opening + BODY)
    assert article.dateline is None
    assert article.body.startswith(opening.strip())


@pytest.mark.parametrize("opening", [
    "ANALYSIS: Why the bank holds rates. ", "AP: Bank chief routed funds to lobbyists. ", "IN BRIEF. ",
])
def test_kickers_and_agency_names_before_a_colon_are_not_datelines(opening):
    article = read(opening + BODY)
    assert article.dateline is None


def test_a_short_line_above_a_dateline_is_the_headline_even_with_a_stop():
    article = read(f"Bank holds rates as exports slow.\n\nDALLAS (AP) — {BODY}")
    assert article.title == "Bank holds rates as exports slow"
    assert not article.title_derived
    assert (article.dateline, article.source) == ("DALLAS", "AP")
    assert article.body.startswith(FIRST)


def test_a_dateline_on_its_own_line_is_not_a_headline():
    article = read(f"TOKYO, June 14 (Kyodo) --\n\n{BODY}")
    assert article.dateline == "TOKYO"
    assert article.source == "Kyodo"
    assert article.title_derived
    assert article.body.startswith(FIRST)


@pytest.mark.parametrize(("header", "expected"), [
    ("Published: 2018-06-14", date(2018, 6, 14)),
    ("June 14, 2018", date(2018, 6, 14)),
    ("14 June 2018 10:32 GMT", date(2018, 6, 14)),
    ("Thursday, June 14, 2018 | 10:32 a.m.", date(2018, 6, 14)),
    ("Updated: Sept. 3, 2018", date(2018, 9, 3)),
    ("2018/06/14", date(2018, 6, 14)),
    ("14/06/2018", date(2018, 6, 14)),
    ("06/07/2018", None),  # June 7 or July 6: never guess
])
def test_a_date_line_at_the_top_fills_the_date_and_leaves_the_body(header, expected):
    article = read(f"Bank holds rates steady\n\n{header}\n\n{BODY}")
    assert article.date == expected
    assert article.body.startswith(FIRST)
    assert article.title == "Bank holds rates steady"


def test_a_dated_dateline_fills_the_date_but_a_yearless_one_does_not():
    assert read("NEW YORK, June 3, 2018 (Reuters) - " + BODY).date == date(2018, 6, 3)
    assert read("SEOUL, Sept. 10 (Yonhap) -- " + BODY).date is None


def test_byline_with_a_date_fills_both():
    article = read(f"By Jane Smith | June 14, 2018\n\n{BODY}")
    assert article.byline == "Jane Smith"
    assert article.date == date(2018, 6, 14)


def test_a_date_inside_the_story_is_not_the_publication_date():
    article = read("The treaty was signed on June 14, 2018 in Geneva, officials said.\n\n" + BODY)
    assert article.date is None


# --- footers and navigation ------------------------------------------------------------------

@pytest.mark.parametrize("footer", [
    "Subscribe now to get unlimited access to our reporting.",
    "Back To Top",
    "Share this article",
    "Follow us on Twitter",
    "Related articles",
    "Advertisement",
    "Copyright © 2018 The Daily Ledger. All rights reserved.",
    "All rights reserved.",
    "Click here to read the full report.",
    "Sign up for our newsletter",
    "Read more: Bank raised rates last spring",
    "We use cookies to improve your experience. By continuing to use this site you agree.",
    "Reporting by Jane Smith; Editing by John Doe",
    "(Reporting by Jane Smith in London; Editing by John Doe)",
    "(END)",
])
def test_footer_lines_are_cut_and_the_story_kept(footer):
    article = read(f"{BODY}\n\n{footer}")
    assert article.body == read(BODY).body


def test_a_footer_block_of_related_headlines_is_cut():
    footer = "Related articles\n\nBank raises rates for first time in a decade\n\nExports slow as demand cools"
    article = read(f"{BODY}\n\n{footer}")
    assert article.body.endswith(LAST)
    assert "Exports slow" not in article.body


def test_navigation_between_paragraphs_is_removed():
    text = BODY.replace("\n\n", "\n\nAdvertisement\n\n", 1)
    assert read(text).body == read(BODY).body


@pytest.mark.parametrize(("glued", "kept"), [
    ("Officials expect growth to slow. Follow us on Twitter for updates.", "Officials expect growth to slow."),
    ("Officials expect growth to slow.Back To Top", "Officials expect growth to slow."),
    ("Officials expect growth to slow. Advertisement", "Officials expect growth to slow."),
    ("Officials expect growth to slow. Click here to subscribe. Markets rose.",
     "Officials expect growth to slow. Markets rose."),
    ("Officials expect the U.S. economy to slow. Sign up for our newsletter.",
     "Officials expect the U.S. economy to slow."),
])
def test_a_boilerplate_sentence_glued_to_a_paragraph_goes_and_the_paragraph_stays(glued, kept):
    article = read(f"{BODY}\n\n{glued}")
    assert article.paragraph_texts()[-1] == kept


@pytest.mark.parametrize("sentence", [
    "Advertisement spending rose 4 percent, the agency said.",
    "The firm sued for copyright infringement in 2017.",
    "Related talks will continue next week, the ministry said.",
    "Readers who subscribe to the print edition were not affected.",
    "Share prices fell after the announcement.",
    "Compiled by Central Statistics, the survey found 39 firms were hiring.",
    "Reporting by The Ledger revealed the scheme in 2017, and ministers responded.",
    "The ministry (which oversees trade) read more than 100 submissions.",
    'Lind said "yes." follow us on the map was the slogan.',
])
def test_story_sentences_that_mention_boilerplate_words_stay(sentence):
    article = read(f"{BODY}\n\n{sentence}")
    assert article.paragraph_texts()[-1] == sentence


# --- headlines and titles --------------------------------------------------------------------

def test_first_short_line_without_a_period_before_a_blank_line_is_the_headline():
    article = read(f"Bank holds rates steady as exports slow\n\n{BODY}")
    assert article.title == "Bank holds rates steady as exports slow"
    assert not article.title_derived
    assert article.body.startswith(FIRST)


def test_a_question_headline_is_a_headline():
    assert read(f"Will the bank cut rates?\n\n{BODY}").title == "Will the bank cut rates?"


def test_a_first_line_that_is_a_sentence_is_body():
    article = read(BODY)
    assert article.title_derived
    assert article.body.startswith(FIRST)


def test_a_short_first_sentence_is_the_whole_title_without_its_stop():
    article = read("The central bank kept its key rate unchanged. It cited slowing exports.\n\n" + BODY)
    assert article.title == "The central bank kept its key rate unchanged"


def test_a_short_line_glued_to_the_next_is_not_a_headline():
    article = read(f"Bank holds rates steady\n{BODY}")
    assert article.body.startswith("Bank holds rates steady")


def test_a_long_first_sentence_is_cut_at_a_word_with_an_ellipsis():
    first = ("Japanese and South Korean officials met on the sidelines of a regional security forum in "
             "Singapore on Friday to discuss the missile tests.")
    article = read(first + "\n\n" + BODY)
    assert article.title_derived
    assert len(article.title) <= 80
    assert article.title.endswith("…")
    stem = article.title[:-1]
    assert first.startswith(stem) and first[len(stem)] == " "


def test_abbreviations_do_not_end_the_first_sentence():
    article = read("Mr. Lind met U.S. officials. Talks continue.\n\n" + BODY)
    assert article.title == "Mr. Lind met U.S. officials"


# --- text hygiene ----------------------------------------------------------------------------

def test_control_characters_and_ansi_escapes_never_reach_the_body():
    text = "\x1b[31mBank holds rates\x1b[0m steady\x07\n\n\x1b]0;pwned\x07The bank\x00 kept\x9b2J its rate."
    article = read(text)
    assert article.title == "Bank holds rates steady"
    assert article.body == "The bank kept its rate."


def test_text_is_nfc_and_whitespace_is_squashed():
    article = read("Cafe\u0301 owners  protest\n\nThe  owners\tof the cafe\u0301\u00a0said\nthey would close.")
    assert article.title == "Caf\u00e9 owners protest"
    assert article.body == "The owners of the caf\u00e9 said they would close."


def test_windows_line_endings_and_hard_wrapped_paragraphs():
    text = ("Bank holds rates\r\n\r\nThe central bank kept its key rate unchanged on Thursday, citing\r\n"
            "slowing exports and weak demand from its largest trading partners in\r\n"
            "the region.\r\n\r\nEconomists had expected the decision.\r\n")
    article = read(text)
    assert article.paragraph_texts() == [
        "The central bank kept its key rate unchanged on Thursday, citing slowing exports and weak demand "
        "from its largest trading partners in the region.",
        "Economists had expected the decision.",
    ]


def test_one_paragraph_per_line_without_blank_lines():
    text = "Bank holds rates steady\n" + BODY.replace("\n\n", "\n")
    article = read(text)
    assert article.title == "Bank holds rates steady"
    assert len(article.paragraphs) == 3


def test_only_boilerplate_is_no_article():
    assert parse_text("Back To Top\n\nAdvertisement\n\nShare this article", path="x.txt") is None
    assert parse_text(" \n\t\n", path="x.txt") is None
    assert parse_text("", path="x.txt") is None
