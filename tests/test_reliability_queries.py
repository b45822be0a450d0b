"""Hostile queries: a clear QueryError (one line for the user) or a bounded result, never a
traceback or a hang. The bound on wildcards is measured in bench terms in RELIABILITY.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import Library
from index.store import QueryError
from index.store import query as query_module
from tui.cli import main


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("queries") / "corpus"
    folder.mkdir()
    words = ["alpha", "almond", "alder", "alley", "allot", "alpine", "altar", "alumni"]
    for n, word in enumerate(words):
        (folder / f"{n}.txt").write_text(f"Story about {word}\n\nThe {word} council met, the mayor said.\n",
                                         encoding="utf-8")
    Library(folder).update()
    return folder


@pytest.mark.parametrize("text, message", [
    ("AND", "no words"), ("OR OR", "no words"), ("NOT", "no words"),
    ('"unclosed', "unclosed quote"), ("((((", "unbalanced"), ("))", "unbalanced"),
    ("title:", "needs a value"), ("title:)", "unbalanced"), ("nosuchfield:x", "unknown field"),
    ("date:tomorrowish", "cannot read"), ("x" * 10_000, "too long"), ("a " * 600, "too long"),
    ("   ", "empty"), ("\x1b\x00\x07", "no words"),
])
def test_malformed_queries_give_one_clear_message(corpus, text, message):
    with Library(corpus).open() as index:
        with pytest.raises(QueryError, match=message):
            index.search(text)


@pytest.mark.parametrize("text", ["(" * 400 + "council" + ")" * 400, "NOT NOT council", "council AND AND mayor",
                                  "council^99999999999999999999", "title:[a TO]", "date:[2020 TO 2019]",
                                  "council~", "*council*", "[[[", "]]]", "{", ":", "\\", "'''", "\x1b[31m council"])
def test_odd_but_readable_queries_answer_or_explain(corpus, text):
    with Library(corpus).open() as index:
        try:
            results = index.search(text)
        except QueryError as exc:
            assert "\n" not in str(exc)
        else:
            assert results.total >= 0


def test_star_alone_is_every_article(corpus):
    with Library(corpus).open() as index:
        assert index.search("*").total == 8
        assert index.search("title:*").total == 8
        assert index.search("NOT *").total == 0


def test_wildcards_that_stand_for_too_many_words_are_refused_clearly(corpus, monkeypatch):
    with Library(corpus).open() as index:
        assert index.search("al*").total == 8  # eight words: within the bound
        monkeypatch.setattr(query_module, "MAX_EXPANSION", 5)
        for text in ("al*", "?*", "*l*", "title:[a TO z]"):
            with pytest.raises(QueryError, match="too many words"):
                index.search(text)
        assert index.search("alp*").total == 2
        assert index.match_spans("?*", index.article_by_path("0.txt")) == []  # refused: no marks, no error


def test_wildcards_in_too_many_places_are_refused(corpus, monkeypatch):
    monkeypatch.setattr(query_module, "MAX_POSTINGS", 5)  # al*: 16 (article, word) pairs; alp*: 4
    with Library(corpus).open() as index:
        with pytest.raises(QueryError, match="too many words"):
            index.search("al*")
        assert index.search("alp*").total == 2


def test_the_command_line_prints_the_message_not_a_traceback(corpus, capsys):
    for text in ('"unclosed', "((((", "x" * 10_000, "title:"):
        assert main(["search", text, "--corpus", str(corpus)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("quotewire: ") and err.count("\n") == 1 and "Traceback" not in err
