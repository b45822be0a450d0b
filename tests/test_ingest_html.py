"""Saved web pages: the story and its metadata come out, the page around it does not.

The pages in tests/data/pages were written for these tests on the patterns of real news sites
(their prose is ours); expected.json says what a reader should get from each one.
"""

from __future__ import annotations

import json
import logging
import shutil
import socket
from datetime import date
from pathlib import Path

import pytest

from index import Library
from index.ingest import MAX_ARTICLE_BYTES, decode_html, discover, parse_html, read_file
from tui.cli import main

PAGES = Path(__file__).resolve().parent / "data" / "pages"
EXPECTED: dict[str, dict] = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))["pages"]
CLEAN_PAGES = sorted(name for name, page in EXPECTED.items() if "limit" not in page)


def page(name: str):
    result = read_file(PAGES / name, name)
    assert result.problems == []
    (article,) = result.articles
    return article


# --- every page: metadata and a clean body ---------------------------------------------------

@pytest.mark.parametrize("name", CLEAN_PAGES)
def test_page_metadata(name: str):
    article, expected = page(name), EXPECTED[name]
    assert article.title == expected["title"]
    assert not article.title_derived
    assert article.date == (date.fromisoformat(expected["date"]) if expected["date"] else None)
    assert article.byline == expected["byline"]
    assert article.source == expected["source"]
    assert article.url == expected["url"]
    assert article.dateline == expected["dateline"]


@pytest.mark.parametrize("name", CLEAN_PAGES)
def test_page_body_is_the_story_paragraphs_in_order_and_nothing_else(name: str):
    article, expected = page(name), EXPECTED[name]
    assert article.paragraph_texts() == expected["paragraphs"]
    assert article.body == "\n\n".join(expected["paragraphs"])  # laid out as for .txt files
    for furniture in expected["absent"]:
        assert furniture not in article.body


def test_a_table_layout_page_loses_no_story_paragraph():
    """Known limit (see expected.json): the page's other text stays, but the story is all there."""
    article = page("br_paragraphs.html")
    body = article.body
    position = 0
    for paragraph in EXPECTED["br_paragraphs.html"]["paragraphs"]:
        position = body.index(paragraph, position) + len(paragraph)


def test_htm_pages_are_discovered_beside_text_files_but_not_a_saved_pages_resources(tmp_path: Path):
    shutil.copy(PAGES / "wire_jsonld.html", tmp_path / "story.html")
    shutil.copy(PAGES / "charset_windows1250.htm", tmp_path / "old.HTM")
    (tmp_path / "notes.txt").write_text("Port strike ends\n\nThe strike ended, the union said.\n")
    resources = tmp_path / "story_files"  # what "Save Page As... Web Page, complete" writes
    resources.mkdir()
    (resources / "ad-frame.html").write_text("<html><body><p>Buy now</p></body></html>")
    other = tmp_path / "climate_files"  # no climate.html beside it: an ordinary folder
    other.mkdir()
    (other / "report.html").write_bytes((PAGES / "no_metadata.html").read_bytes())
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == [
        "climate_files/report.html", "notes.txt", "old.HTM", "story.html"]


# --- text is data ---------------------------------------------------------------------------

STORY = ("<p>The mayor opened the new bridge on Friday morning, and said it would carry "
         "twelve thousand cars a day.</p>")


def wrap(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>Bridge opens</title>{head}</head><body><article>{body}</article></body></html>"


def test_entities_become_characters_and_scripts_and_styles_never_reach_the_body():
    article = parse_html(wrap(
        STORY
        + "<p>Engineers typed &lt;script&gt;alert(1)&lt;/script&gt; and &amp;amp; into the form, the city's IT "
          "office said, and the page showed them as typed.</p>"
        + "<script>var stolen = document.cookie;</script><style>p { color: red }</style>"
        + "<p>The old crossing closes next week &#8212; for good, officials said on Friday.</p>",
    ), path="bridge.html")
    assert article is not None
    assert "<script>alert(1)</script> and &amp; into the form" in article.body
    assert "document.cookie" not in article.body and "color: red" not in article.body
    assert "closes next week — for good" in article.body


def test_control_characters_in_a_page_are_not_passed_to_the_terminal():
    article = parse_html(wrap(STORY + "<p>The council said the toll &#27;[31mwould be free&#x1b;[0m for a year, "
                                      "and cyclists would never pay at all.</p>"), path="bridge.html")
    assert article is not None
    assert "The council said the toll would be free for a year," in article.body


def test_old_windows_character_references_read_as_browsers_read_them():
    article = parse_html(wrap(STORY + "<p>The toll won&#146;t rise this year &#150; or next, the council&#146;s "
                                      "treasurer said on Friday.</p>"), path="bridge.html")
    assert article is not None
    assert "The toll won’t rise this year – or next, the council’s treasurer said" in article.body


def test_a_page_with_no_story_is_one_clear_problem_naming_the_file():
    result = read_file(PAGES / "only_boilerplate.html", "saved/only_boilerplate.html")
    assert result.articles == []
    (problem,) = result.problems
    assert str(problem) == "saved/only_boilerplate.html: no article text (only boilerplate)"


def test_a_page_over_the_size_limit_is_skipped_with_the_limit(tmp_path: Path):
    big = tmp_path / "huge.html"
    big.write_bytes(b"<html><body>" + b"<p>The committee met again on Tuesday.</p>" * (MAX_ARTICLE_BYTES // 40) + b"</body></html>")
    (problem,) = read_file(big, "huge.html").problems
    assert problem.reason.startswith("too large for one article (4 MB; the limit is 4 MB")


def test_extraction_logs_and_prints_nothing_and_opens_no_connection(monkeypatch, caplog, capfd):
    def refuse(*args, **kwargs):
        raise AssertionError("page extraction tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    caplog.set_level(logging.DEBUG)  # a handler on the root logger, as an app's logging setup adds
    # Not HTML at all, and a page with an empty body: trafilatura logs errors about both.
    assert parse_html("just a few words, no markup", path="a.html") is None
    assert parse_html("<html><body></body></html>", path="b.html") is None
    assert page("wire_jsonld.html").url.startswith("https://")
    assert [r for r in caplog.records if r.name.split(".")[0] in ("trafilatura", "htmldate", "courlan")] == []
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


# --- encodings --------------------------------------------------------------------------------

def test_the_charset_a_page_declares_is_used_when_its_bytes_are_not_utf8():
    data = (PAGES / "charset_windows1250.htm").read_bytes()
    assert "Tomasz Żółkiewski" in decode_html(data)
    article = page("charset_windows1250.htm")
    assert "Tomasz Żółkiewski" in article.body and "Łódź" in article.body


def test_valid_utf8_wins_over_a_stale_latin1_declaration():
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Zürich – “no”</p></body></html>'
    assert "Zürich – “no”" in decode_html(html.encode("utf-8"))


@pytest.mark.parametrize("declaration", [
    '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',  # read as Windows-1252, as browsers do
    '<meta charset="windows-1252">',
])
def test_latin1_declarations_read_windows_1252_quotes(declaration: str):
    html = f"<html><head>{declaration}</head><body><p>“Café”</p></body></html>"
    assert "“Café”" in decode_html(html.encode("cp1252"))


def test_an_xhtml_page_with_an_xml_encoding_declaration(tmp_path: Path):
    xhtml = ('<?xml version="1.0" encoding="windows-1250"?>\n'
             '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Port of Gdańsk</title></head><body><div>'
             "<p>The port of Gdańsk handled a record 68 million tonnes of cargo last year, its board said.</p>"
             "<p>“We are the busiest port on the Baltic,” said its chairman, Łukasz Grąbczewski.</p>"
             "</div></body></html>")
    (tmp_path / "port.xhtml.html").write_bytes(xhtml.encode("windows-1250"))
    (article,) = read_file(tmp_path / "port.xhtml.html").articles
    assert article.title == "Port of Gdańsk"
    assert "Łukasz Grąbczewski" in article.body


# --- pages saved by the feed fetcher ------------------------------------------------------------
# index/feeds saves an entry that carries its article as: a mark comment, then <html><head> with
# <meta charset>, <title>, og:title, og:url, og:site_name, article:published_time and author,
# then <body><article><h1>title</h1> and the feed's content HTML (feed_wrapper.html has that shape).

def test_a_feed_entry_saved_as_plain_text_in_the_wrapper_page_ingests():
    """Feeds often carry an entry's content as text without <p> tags."""
    html = ("<!-- quotewire feed entry 0123456789abcdef -->\n<html><head><meta charset=\"utf-8\">"
            "<title>Storm closes the causeway</title>"
            '<meta property="og:title" content="Storm closes the causeway">'
            '<meta property="og:url" content="https://coastalnews.example/2024/02/storm-causeway">'
            '<meta property="og:site_name" content="Coastal News">'
            '<meta property="article:published_time" content="2024-02-11T18:00:00+00:00">'
            '<meta name="author" content="Rhona MacLeod"></head>\n'
            "<body><article><h1>Storm closes the causeway</h1>\nPolice closed the causeway to the island at noon "
            "because of high winds, and said it would stay shut overnight.\n</article></body></html>\n")
    article = parse_html(html, path="feeds/coastal/2024-02-11-storm-closes-the-causeway-012345.html")
    assert article is not None
    assert (article.title, article.source, article.date, article.byline, article.url) == (
        "Storm closes the causeway", "Coastal News", date(2024, 2, 11), "Rhona MacLeod",
        "https://coastalnews.example/2024/02/storm-causeway")
    assert article.body == ("Police closed the causeway to the island at noon because of high winds, "
                            "and said it would stay shut overnight.")


# --- end to end: index, search, quotes, command line ---------------------------------------------

def test_a_saved_page_is_indexed_searchable_by_word_and_source_and_its_quotes_extracted(tmp_path: Path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    shutil.copy(PAGES / "wire_jsonld.html", corpus / "rotterdam.html")
    (corpus / "other.txt").write_text("Bank holds rates\n\nThe central bank kept its key rate unchanged.\n")
    report = Library(corpus).update()
    assert (report.articles, report.problems) == (2, [])
    with Library(corpus).open() as index:
        (hit,) = index.search("container").hits
        assert hit.path == "rotterdam.html" and hit.row.title == EXPECTED["wire_jsonld.html"]["title"]
        assert [h.path for h in index.search('source:"Northgate Wire"').hits] == ["rotterdam.html"]
        article = index.article_by_path("rotterdam.html")
    speakers = {q.speaker for q in article.quotes}
    assert {"Pieter Blom", "Ilse Maas"} <= speakers
    blom = next(q for q in article.quotes if q.speaker == "Pieter Blom")
    assert blom.text.startswith("This is not everything we asked for")


def test_quotewire_extract_json_reads_a_page(capsys):
    code = main(["extract", str(PAGES / "opengraph_only.html"), "--json"])
    out = capsys.readouterr().out
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["title"] == "Wheat prices jump as drought hits the southern plains"
    assert record["source"] == "Prairie Ledger"
    assert record["body"].startswith("Wheat futures rose more than 5% on Tuesday")
    quoted = {q["speaker"]: q["text"] for q in record["quotes"]}
    assert quoted["Karen Whitfield"].startswith("The crop in the ground is in worse shape")
    assert quoted["Dale Hoffman"].startswith("Most of my neighbours contracted")
