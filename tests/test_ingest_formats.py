"""Markdown and JSON Lines articles: metadata they state, syntax reduced, broken lines reported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from index.ingest import parse_text, read_file

STORY = (
    "LONDON (Reuters) - The central bank kept its key rate unchanged on Thursday.\n\n"
    '"We will act if needed," Governor Maria Lind said.'
)


# --- Markdown --------------------------------------------------------------------------------

def md(text: str):
    article = parse_text(text, path="story.md", markdown=True)
    assert article is not None
    return article


def test_markdown_heading_is_the_title_and_syntax_becomes_text():
    article = md(
        "# Bank holds *rates* steady\n\n"
        "The **central bank** kept its [key rate](https://example.org/rate \"rate\") unchanged, "
        "said `Lind`.\n\n"
        "![chart](https://example.org/chart.png)\n\n"
        "> \"We will act,\" she said.\n\n"
        "- Exports fell\n- Imports rose\n"
    )
    assert article.title == "Bank holds rates steady"
    assert not article.title_derived
    assert article.paragraph_texts() == [
        "The central bank kept its key rate unchanged, said Lind.",
        '"We will act," she said.',
        "Exports fell",
        "Imports rose",
    ]


def test_markdown_front_matter_is_read_and_removed():
    article = md(
        "---\ntitle: \"Bank holds: rates steady\"\ndate: 2018-06-14\nsource: Associated Press\n"
        "url: https://example.org/bank\nauthor: Jane Smith\ntags: [economy]\n---\n\n"
        "# Bank holds: rates steady\n\nThe central bank kept its key rate unchanged.\n"
    )
    assert article.title == "Bank holds: rates steady"
    assert article.date == date(2018, 6, 14)
    assert article.source == "AP"
    assert article.url == "https://example.org/bank"
    assert article.byline == "Jane Smith"
    assert article.body == "The central bank kept its key rate unchanged."


def test_toml_front_matter_is_read():
    article = md('+++\ntitle = "Bank holds rates"\ndate = 2018-06-14\n+++\nThe bank kept its rate.\n')
    assert (article.title, article.date, article.body) == ("Bank holds rates", date(2018, 6, 14),
                                                          "The bank kept its rate.")


def test_the_only_link_on_a_source_line_is_the_url():
    article = md(f"# Bank holds rates\n\n{STORY}\n\nSource: [Reuters](https://example.org/reuters/bank)\n")
    assert article.url == "https://example.org/reuters/bank"
    assert article.source == "Reuters"
    assert article.body.endswith("Governor Maria Lind said.")


def test_a_bold_source_label_works_and_a_sentence_about_sources_is_no_source_line():
    article = md("# Bank\n\nSources say the [plan](https://example.org/plan) is off.\n\n"
                 "**Source:** [Example News](https://example.org/story)\n")
    assert article.url == "https://example.org/story"
    assert article.source == "Example News"
    assert article.body == "Sources say the plan is off."


def test_a_source_line_with_two_links_gives_no_url():
    article = md("# Bank\n\nThe bank kept its rate.\n\nSource: [A](https://a.example) and [B](https://b.example)\n")
    assert article.url is None


def test_markdown_escapes_and_underscores_inside_words_survive():
    article = md("# Rates\n\nThe file\\_name was snake_case_name and cost 5 \\* 3 \\[sic\\] dollars.\n")
    assert article.body == "The file_name was snake_case_name and cost 5 * 3 [sic] dollars."


def test_setext_heading_is_the_title():
    article = md("Bank holds rates\n================\n\nThe bank kept its rate.\n")
    assert article.title == "Bank holds rates"
    assert article.body == "The bank kept its rate."


def test_markdown_without_heading_falls_back_to_the_headline_rule():
    article = md("Bank holds rates\n\nThe bank kept its *key* rate.\n")
    assert article.title == "Bank holds rates"
    assert article.body == "The bank kept its key rate."


def test_a_txt_file_keeps_markdown_like_characters():
    article = parse_text("The index rose *sharply* to [1,200] points.", path="a.txt")
    assert article.body == "The index rose *sharply* to [1,200] points."


# --- JSON Lines ------------------------------------------------------------------------------

def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_reads_one_article_per_line_with_given_metadata(tmp_path: Path):
    records = [
        {"title": "Bank holds rates", "body": STORY, "source": "Associated Press", "date": "2018-06-14",
         "url": "https://example.org/1", "category": "business"},
        {"Title": "Exports slow", "TEXT": "Exports slowed in May, data showed.", "Date": "June 3, 2018"},
    ]
    result = read_file(write_lines(tmp_path / "feed.jsonl", [json.dumps(r) for r in records]), "feed.jsonl")
    assert result.problems == []
    first, second = result.articles
    assert (first.path, second.path) == ("feed.jsonl#1", "feed.jsonl#2")
    assert first.title == "Bank holds rates" and not first.title_derived
    assert first.source == "AP"  # the JSON wins over "(Reuters)" in the text
    assert first.dateline == "LONDON"
    assert first.date == date(2018, 6, 14)
    assert first.url == "https://example.org/1"
    assert first.body.startswith("The central bank kept")
    assert second.title == "Exports slow"
    assert second.date == date(2018, 6, 3)


def test_jsonl_body_is_cleaned_like_text(tmp_path: Path):
    body = "Bank holds rates\n\n" + STORY + "\n\nFollow us on Twitter\n\nCopyright © 2018 Example News."
    result = read_file(write_lines(tmp_path / "a.jsonl", [json.dumps({"title": "Bank holds rates", "body": body})]))
    (article,) = result.articles
    assert article.body.startswith("The central bank kept")  # repeated headline and dateline gone
    assert article.body.endswith("Governor Maria Lind said.")
    assert article.source == "Reuters"  # from the text when the JSON gives none


def test_jsonl_without_title_finds_headline_or_derives_one(tmp_path: Path):
    lines = [json.dumps({"text": "Bank holds rates\n\nThe bank kept its rate."}),
             json.dumps({"text": "The bank kept its rate. Markets rose."})]
    first, second = read_file(write_lines(tmp_path / "a.jsonl", lines)).articles
    assert first.title == "Bank holds rates" and not first.title_derived
    assert second.title == "The bank kept its rate" and second.title_derived


def test_broken_jsonl_lines_are_problems_and_the_rest_still_read(tmp_path: Path):
    lines = [
        json.dumps({"title": "One", "body": "The first story."}),
        '{"title": "broken", "body": ',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "No body"}),
        "",
        json.dumps({"title": "Empty body", "body": "   ", "text": "The fifth story."}),
        json.dumps({"body": "Back To Top"}),
        json.dumps({"body": 42}),
    ]
    result = read_file(write_lines(tmp_path / "mixed.jsonl", lines), "mixed.jsonl")
    assert [a.path for a in result.articles] == ["mixed.jsonl#1", "mixed.jsonl#6"]
    assert result.articles[1].body == "The fifth story."
    assert [(p.line, p.path) for p in result.problems] == [(2, "mixed.jsonl"), (3, "mixed.jsonl"),
                                                          (4, "mixed.jsonl"), (7, "mixed.jsonl"),
                                                          (8, "mixed.jsonl")]
    assert str(result.problems[0]).startswith("mixed.jsonl:2: invalid JSON")
    assert "object" in result.problems[1].reason
    assert "body" in result.problems[2].reason


def test_jsonl_dates_in_common_formats_and_unreadable_ones(tmp_path: Path):
    dates = ["2018-06-14T10:32:00Z", "14 June 2018", "Thu, 14 Jun 2018 10:32:00 GMT", "06/07/2018", "soon"]
    lines = [json.dumps({"title": f"T{i}", "body": "The story.", "date": d}) for i, d in enumerate(dates)]
    articles = read_file(write_lines(tmp_path / "d.jsonl", lines)).articles
    assert [a.date for a in articles] == [date(2018, 6, 14)] * 3 + [None, None]


def test_jsonl_text_is_data(tmp_path: Path):
    line = json.dumps({"title": "Bank\x1b[2J holds", "body": "The bank\u0007 kept [bold]its[/bold] rate."})
    (article,) = read_file(write_lines(tmp_path / "x.jsonl", [line])).articles
    assert article.title == "Bank holds"
    assert article.body == "The bank kept [bold]its[/bold] rate."
