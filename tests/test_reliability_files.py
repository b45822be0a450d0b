"""Bad files met by `quotewire index`: each is skipped once with its path and reason, the good
files are indexed, the run ends with a summary, and the exit code says whether anything could be
indexed. (Tests run as root, where chmod cannot make a file unreadable: refusals are simulated.)"""

from __future__ import annotations

import builtins
import codecs
import gzip
import json
import os
from pathlib import Path

import pytest

from conftest import write_jsonl
from index import Library
from index.ingest import MAX_ARTICLE_BYTES, read_file
from tui.cli import main

STORY = "Port strike ends\n\nDock workers in Rotterdam returned to work on Monday, the union said.\n"
CAFE = "Café owners protest\n\nThe owners of the café in Zürich said “no” to the plan – twice.\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def skipped_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("quotewire: skipped ")]


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\t\r\n ", "empty file (whitespace only)"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (PNG image)"),
    "archive.md": (gzip.compress(STORY.encode()), "binary file (gzip archive)"),
    "nul.txt": (b"word\x00" * 50, "binary file (NUL bytes)"),
    "sjis.txt": ("日本語の記事です。".encode("shift_jis") * 20, "undecodable text (neither UTF-8 nor Windows-1252)"),
    "only-nuls.txt": (b"\x00" * 4096, "empty file"),
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    return folder


def test_every_bad_file_is_reported_once_with_its_reason_and_the_good_one_is_indexed(corpus, capsys):
    for name, (data, _) in BAD_FILES.items():
        (corpus / name).write_bytes(data)
    code, out, err = run(capsys, "index", str(corpus), "--quiet")
    assert code == 0  # something was indexed
    lines = skipped_lines(err)
    assert sorted(lines) == sorted(f"quotewire: skipped {name}: {reason}" for name, (_, reason) in BAD_FILES.items())
    assert f"1 articles indexed" in out and f"{len(BAD_FILES)} skipped" in out
    # The next run says the same (the files are still not indexed) and exits the same way.
    code, out, err = run(capsys, "index", str(corpus), "--quiet")
    assert code == 0 and len(skipped_lines(err)) == len(BAD_FILES) and "0 added" in out


def test_nothing_indexable_exits_1_on_every_run(tmp_path: Path, capsys):
    for name, (data, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    for _ in range(2):
        code, out, err = run(capsys, "index", str(tmp_path), "--quiet")
        assert code == 1 and len(skipped_lines(err)) == len(BAD_FILES) and "0 articles indexed" in out


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_with_a_byte_order_mark_is_indexed_and_searchable(corpus, encoding, capsys):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    (corpus / "wide.txt").write_bytes(bom + CAFE.encode(encoding))
    write_jsonl(corpus / "feed.jsonl", [{"title": "Zürich", "body": "The café in Zürich said “no” again."}])
    (corpus / "feed.jsonl").write_bytes(bom + (corpus / "feed.jsonl").read_text().encode(encoding))
    code, _, err = run(capsys, "index", str(corpus), "--quiet")
    assert code == 0 and skipped_lines(err) == []
    with Library(corpus).open() as index:
        hit = index.search("zurich").hits
        assert {h.path for h in hit} == {"wide.txt", "feed.jsonl#1"}
        assert index.article_by_path("wide.txt").body == CAFE.split("\n\n")[1].strip()


def test_windows_1252_and_latin_1_are_decoded_not_garbled(corpus):
    (corpus / "old.txt").write_bytes(CAFE.encode("cp1252"))
    (corpus / "older.txt").write_bytes("Zürich\n\nDer Bürgermeister sagte nein.\n".encode("latin-1"))
    Library(corpus).update()
    with Library(corpus).open() as index:
        assert "“no” to the plan – twice" in index.article_by_path("old.txt").body
        assert index.article_by_path("older.txt").body == "Der Bürgermeister sagte nein."


def test_invalid_utf8_keeps_the_good_text(corpus):
    (corpus / "broken.txt").write_bytes(CAFE.encode() + b"\xff\xfe\xc3 end.")
    Library(corpus).update()
    with Library(corpus).open() as index:
        body = index.article_by_path("broken.txt").body
        assert body.startswith("The owners of the café in Zürich said “no”") and "\ufffd" in body


def test_nul_padding_and_stray_nuls_are_dropped(corpus):
    (corpus / "padded.txt").write_bytes(STORY.replace("Port", "Padded").encode() + b"\x00" * 100_000)
    stray = STORY.replace("Port", "Stray") + "\n".join(["The port reopened after a week, officials said."] * 5)
    (corpus / "stray.txt").write_bytes(stray.replace("Monday", "Mon\x00day").encode())  # 1 NUL in 400 bytes
    Library(corpus).update()
    with Library(corpus).open() as index:
        assert index.article_by_path("padded.txt").title == "Padded strike ends"
        assert "Monday" in index.article_by_path("stray.txt").body


def test_a_50_megabyte_text_file_is_skipped_unread_with_the_limit(corpus, capsys, monkeypatch):
    big = corpus / "dump.txt"
    with open(big, "wb") as out:
        line = b"The committee met again on Tuesday and reviewed the budget in detail.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    real_read = Path.read_bytes

    def read_bytes(self):
        assert self.name != "dump.txt", "a file over the limit must not be read into memory"
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, out, err = run(capsys, "index", str(corpus), "--quiet")
    assert code == 0
    (line,) = skipped_lines(err)
    assert line.startswith("quotewire: skipped dump.txt: too large for one article (50 MB; the limit is 4 MB")
    assert ".jsonl" in line


def test_a_big_jsonl_file_is_read_line_by_line_and_an_oversized_line_is_reported(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    with open(feed, "w", encoding="utf-8") as out:
        for n in range(300):
            out.write(json.dumps({"title": f"Item {n}", "body": f"Story {n} of the day, the mayor said."}) + "\n")
            if n == 150:
                out.write(json.dumps({"title": "huge", "body": "word " * (MAX_ARTICLE_BYTES // 5 + 10)}) + "\n")
    result = read_file(feed, "feed.jsonl")
    assert len(result.articles) == 300
    (problem,) = result.problems
    assert (problem.line, problem.reason) == (152, "line too long for one article (over 4 MB)")
    assert result.articles[151].path == "feed.jsonl#153"  # numbering continues past the long line


def test_a_two_megabyte_single_line_file_is_read_as_one_article(tmp_path: Path):
    path = tmp_path / "line.txt"
    path.write_text("The talks went on. " * (2_000_000 // 19), encoding="utf-8")
    (article,) = read_file(path).articles
    assert len(article.body) > 1_900_000 and len(article.paragraphs) == 1


def test_a_symlink_loop_is_indexed_once_without_hanging(corpus, capsys):
    (corpus / "sub").mkdir()
    (corpus / "sub" / "inner.txt").write_text(STORY.replace("Port", "Inner"), encoding="utf-8")
    os.symlink(corpus, corpus / "sub" / "loop")
    os.symlink(corpus / "sub", corpus / "sub" / "self")
    os.symlink(corpus / "missing.txt", corpus / "dangling.txt")
    code, out, err = run(capsys, "index", str(corpus), "--quiet")
    assert code == 0 and "2 articles indexed" in out and skipped_lines(err) == []


def test_an_unreadable_file_is_reported_and_the_rest_indexed(corpus, capsys, monkeypatch):
    (corpus / "locked.txt").write_text(STORY.replace("Port", "Locked"), encoding="utf-8")
    real_open = builtins.open

    def refuse(file, *args, **kwargs):  # chmod 0 does not stop root: refuse the way the OS would
        if str(file).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    code, out, err = run(capsys, "index", str(corpus), "--quiet")
    assert code == 0 and skipped_lines(err) == ["quotewire: skipped locked.txt: permission denied"]
    monkeypatch.undo()
    code, out, err = run(capsys, "index", str(corpus), "--quiet")  # readable again: picked up
    assert "1 added" in out and skipped_lines(err) == []


def test_a_file_deleted_between_listing_and_reading(corpus, capsys, monkeypatch):
    from index.store import indexer

    (corpus / "vanishing.txt").write_text(STORY.replace("Port", "Gone"), encoding="utf-8")
    real_digest = indexer.file_digest

    def digest_after_deletion(path):
        if path.name == "vanishing.txt":
            path.unlink()
        return real_digest(path)

    monkeypatch.setattr(indexer, "file_digest", digest_after_deletion)
    code, out, err = run(capsys, "index", str(corpus), "--quiet")
    assert code == 0 and skipped_lines(err) == ["quotewire: skipped vanishing.txt: file not found"]
    assert "1 articles indexed" in out


def test_a_broken_jsonl_line_is_reported_with_its_number_and_the_others_index(corpus, capsys):
    lines = [json.dumps({"title": "First", "body": "The first story, the minister said."}),
             '{"title": "Broken", "body": "unterminated',
             json.dumps({"title": "Third", "body": "The third story, the mayor said."})]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "index", str(corpus), "--quiet")
    assert code == 0
    (line,) = skipped_lines(err)
    assert line.startswith("quotewire: skipped feed.jsonl:2: invalid JSON")
    with Library(corpus).open() as index:
        assert {h.path for h in index.search("story").hits} == {"feed.jsonl#1", "feed.jsonl#3"}


def test_a_file_name_with_control_characters_stays_on_one_inert_line(corpus, capsys):
    (corpus / "evil\x1b[2J\nname.txt").write_bytes(b"")
    code, _, err = run(capsys, "index", str(corpus), "--quiet")
    (line,) = skipped_lines(err)
    assert "\x1b" not in err and line.endswith(": empty file") and "␛[2J␤name.txt" in line
