"""`quotewire feed add|list|remove` and `quotewire fetch`, against the local test server."""

from __future__ import annotations

import json
from pathlib import Path

from test_feeds import ATOM, FeedServer, Route, corpus, harbour, server  # noqa: F401 (fixtures)
from tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_add_list_and_remove_a_feed(server: FeedServer, corpus: Path, capsys):
    url = harbour(server)
    code, out, _ = run(capsys, "feed", "add", url, "--name", "Harbour", "--corpus", str(corpus))
    assert code == 0 and "added feed 'Harbour'" in out and "feeds/Harbour/" in out
    code, out, _ = run(capsys, "feed", "list", "--corpus", str(corpus))
    assert code == 0 and out.splitlines() == [f"Harbour  {url}",
                                              "  Harbour Gazette · 0 articles in feeds/Harbour/ · never fetched"]
    assert run(capsys, "fetch", "--corpus", str(corpus))[0] == 0
    code, out, _ = run(capsys, "feed", "list", "--json", "--corpus", str(corpus))
    listed = json.loads(out)
    assert (listed["name"], listed["title"], listed["saved"]) == ("Harbour", "Harbour Gazette", 2)
    assert listed["last_fetch"] is not None
    code, out, _ = run(capsys, "feed", "remove", "Harbour", "--corpus", str(corpus))
    assert code == 0 and "removed feed 'Harbour'" in out and "2 articles it saved stay in feeds/Harbour/" in out
    assert len(list((corpus / "feeds" / "Harbour").glob("*.html"))) == 2
    code, _, err = run(capsys, "feed", "list", "--corpus", str(corpus))
    assert code == 1 and "no feeds" in err and "quotewire feed add URL" in err


def test_feed_commands_work_on_the_current_folder(server: FeedServer, corpus: Path, capsys, monkeypatch):
    monkeypatch.chdir(corpus)
    assert run(capsys, "feed", "add", harbour(server))[0] == 0
    assert (corpus / "feeds.toml").is_file()
    code, out, _ = run(capsys, "feed", "list")
    assert code == 0 and out.startswith(f"harbour-gazette  {server.url('/feeds/harbour.xml')}\n  Harbour Gazette · ")


def test_adding_a_feed_twice_or_a_bad_url_is_one_line(corpus: Path, capsys):
    assert run(capsys, "feed", "add", "https://a.example/feed", "--no-check", "--corpus", str(corpus))[0] == 0
    for argv in (["https://a.example/feed"], ["file:///etc/passwd"]):
        code, _, err = run(capsys, "feed", "add", *argv, "--corpus", str(corpus))
        assert code == 1 and err.count("\n") == 1 and err.startswith("quotewire: ")
    code, _, err = run(capsys, "feed", "remove", "nope", "--corpus", str(corpus))
    assert code == 1 and "no feed called 'nope'" in err


def test_fetch_saves_indexes_and_reports_each_feed(server: FeedServer, corpus: Path, capsys):
    run(capsys, "feed", "add", harbour(server, etag='"v1"'), "--name", "Harbour", "--corpus", str(corpus))
    run(capsys, "feed", "add", server.file("/valley.xml", "valley-atom.xml", ATOM), "--name", "Valley",
        "--corpus", str(corpus))
    code, out, err = run(capsys, "fetch", "--corpus", str(corpus))
    assert code == 0 and err == ""
    assert out.splitlines()[:2] == ["Harbour: 2 new", "Valley: 2 new"]
    assert "4 articles indexed" in out
    code, out, _ = run(capsys, "search", "breakwater", "--json", "--corpus", str(corpus))
    assert code == 0 and json.loads(out.splitlines()[0])["path"].startswith("feeds/Harbour/")
    code, out, _ = run(capsys, "fetch", "Harbour", "--corpus", str(corpus))
    assert code == 0 and out.splitlines()[0] == "Harbour: not modified"
    assert server.pages() == 2


def test_a_failed_feed_is_named_with_its_reason_and_exits_1(server: FeedServer, corpus: Path, capsys):
    server.routes["/down.xml"] = Route(b"", "text/plain", status=503)
    run(capsys, "feed", "add", server.url("/down.xml"), "--name", "Down", "--no-check", "--corpus", str(corpus))
    run(capsys, "feed", "add", harbour(server), "--name", "Harbour", "--corpus", str(corpus))
    code, out, err = run(capsys, "fetch", "--corpus", str(corpus))
    assert code == 1
    assert err == "quotewire: Down: HTTP 503 Service Unavailable\n"
    assert "Harbour: 2 new" in out and "2 articles indexed" in out


def test_fetch_without_feeds_says_how_to_add_one(corpus: Path, capsys):
    code, _, err = run(capsys, "fetch", "--corpus", str(corpus))
    assert code == 1 and "quotewire feed add URL" in err


def test_fetch_of_an_unknown_name_is_a_user_error(server: FeedServer, corpus: Path, capsys):
    run(capsys, "feed", "add", harbour(server), "--name", "Harbour", "--corpus", str(corpus))
    code, _, err = run(capsys, "fetch", "Nope", "--corpus", str(corpus))
    assert code == 1 and "no feed called 'Nope' (feeds: 'Harbour')" in err
    assert server.requests == {"/feeds/harbour.xml": 1}  # checked when added; nothing fetched


def test_add_says_what_the_feed_is_called_and_how_many_entries_it_has(server: FeedServer, corpus: Path, capsys):
    url = harbour(server)
    code, out, err = run(capsys, "feed", "add", url, "--corpus", str(corpus))
    assert code == 0 and err == ""
    assert out.splitlines() == [f"added feed 'harbour-gazette' (“Harbour Gazette”, 2 entries): {url}",
                                "`quotewire fetch` saves its articles in feeds/harbour-gazette/ and indexes them"]


def test_add_of_a_web_page_says_it_adds_the_feed_the_page_names(server: FeedServer, corpus: Path, capsys):
    url = harbour(server)
    page = server.file("/", "home.html", "text/html")
    code, out, _ = run(capsys, "feed", "add", page, "--corpus", str(corpus))
    assert code == 0
    assert out.splitlines()[:2] == [f"{page} is a web page; adding the feed it names instead",
                                    f"added feed 'harbour-gazette' (“Harbour Gazette”, 2 entries): {url}"]


def test_add_refuses_a_missing_feed_in_one_line_and_writes_nothing(server: FeedServer, corpus: Path, capsys):
    code, out, err = run(capsys, "feed", "add", server.url("/gone.xml"), "--corpus", str(corpus))
    assert (code, out) == (1, "")
    assert err == f"quotewire: cannot add {server.url('/gone.xml')}: HTTP 404 Not Found (nothing added)\n"
    assert not (corpus / "feeds.toml").exists()


def test_a_feed_that_is_down_can_still_be_added_with_no_check(server: FeedServer, corpus: Path, capsys):
    server.routes["/down.xml"] = Route(b"", "text/plain", status=503)
    url = server.url("/down.xml")
    code, _, err = run(capsys, "feed", "add", url, "--corpus", str(corpus))
    assert code == 1 and err.endswith("HTTP 503 Service Unavailable (nothing added; --no-check adds it anyway)\n")
    code, out, _ = run(capsys, "feed", "add", url, "--no-check", "--name", "Down", "--corpus", str(corpus))
    assert code == 0 and out.splitlines()[0] == f"added feed 'Down' without checking it: {url}"
    assert server.requests["/down.xml"] == 1
