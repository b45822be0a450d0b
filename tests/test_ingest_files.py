"""Finding files in a corpus folder and reading bad files: problems, never exceptions."""

from __future__ import annotations

import gzip
import os
import zlib
import struct
from pathlib import Path

import pytest

from index.ingest import SUPPORTED_SUFFIXES, Problem, decode_bytes, discover, read_file

STORY = "Bank holds rates\n\nThe central bank kept its key rate unchanged on Thursday.\n"


def touch(path: Path, text: str = STORY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rels(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in discover(root)]


# --- discover --------------------------------------------------------------------------------

def test_discover_finds_supported_files_sorted_and_skips_hidden(tmp_path: Path):
    for name in ["b.txt", "a.md", "c.markdown", "z/feed.jsonl", "z/a.TXT", "m/n/deep.txt", "notes.pdf",
                 "image.png", ".hidden.txt", ".quotewire/cache.txt", "m/.git/x.txt", "README"]:
        touch(tmp_path / name)
    assert rels(tmp_path) == ["a.md", "b.txt", "c.markdown", "m/n/deep.txt", "z/a.TXT", "z/feed.jsonl"]


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == frozenset({".txt", ".md", ".markdown", ".jsonl", ".html", ".htm"})


def test_discover_of_a_file_yields_just_it(tmp_path: Path):
    story = touch(tmp_path / "one.txt")
    assert list(discover(story)) == [story]
    assert list(discover(touch(tmp_path / "one.pdf"))) == []
    assert list(discover(tmp_path / "missing")) == []


def test_discover_follows_symlinks_and_survives_a_loop(tmp_path: Path):
    touch(tmp_path / "corpus/a/story.txt")
    touch(tmp_path / "elsewhere/linked.txt")
    os.symlink(tmp_path / "corpus", tmp_path / "corpus/a/loop")  # corpus/a/loop -> corpus
    os.symlink(tmp_path / "elsewhere", tmp_path / "corpus/b")
    os.symlink(tmp_path / "elsewhere/linked.txt", tmp_path / "corpus/c.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "corpus/broken.txt")
    assert rels(tmp_path / "corpus") == ["a/story.txt", "b/linked.txt", "c.txt"]


def test_discover_skips_an_unreadable_folder(tmp_path: Path, monkeypatch):
    touch(tmp_path / "ok/a.txt")
    touch(tmp_path / "locked/secret.txt")
    real_scandir = os.scandir

    def scandir(path):  # chmod 0 does not stop root, so refuse the way the OS would
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert rels(tmp_path) == ["ok/a.txt"]


# --- read_file: good and bad files -----------------------------------------------------------

def only_problem(path: Path, rel: str | None = None) -> Problem:
    result = read_file(path, rel)
    assert result.articles == []
    (problem,) = result.problems
    return problem


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) \
        + chunk(b"IEND", b"")


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"  \n\t\r\n  ", "empty file (whitespace only)"),
    (png_bytes(), "binary file (PNG image)"),
    (gzip.compress(STORY.encode()), "binary file (gzip archive)"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document)"),
    (b"text\x00with\x00nuls" * 10, "binary file (NUL bytes)"),
    (bytes(range(1, 9)) * 40 + b"some words", "binary file (control characters)"),
    (b"Back To Top\n\nAdvertisement\n", "no article text (only boilerplate)"),
    ("日本語の記事です。".encode("shift_jis") * 20, "undecodable text (neither UTF-8 nor Windows-1252)"),
])
def test_bad_files_become_one_line_problems(tmp_path: Path, data: bytes, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    problem = only_problem(path, "bad.txt")
    assert problem.reason == reason
    assert str(problem) == f"bad.txt: {reason}"
    assert "\n" not in str(problem)


def test_missing_directory_and_unsupported_paths_are_problems(tmp_path: Path):
    assert only_problem(tmp_path / "gone.txt").reason == "file not found"
    (tmp_path / "folder.txt").mkdir()
    assert only_problem(tmp_path / "folder.txt").reason == "is a directory"
    assert only_problem(touch(tmp_path / "x.pdf")).reason.startswith("unsupported file type")
    assert only_problem(tmp_path / "gone.txt").path == str(tmp_path / "gone.txt")


def test_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch):
    path = touch(tmp_path / "locked.txt")

    def refuse(self):  # chmod 0 does not stop root, so refuse the way the OS would
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert only_problem(path).reason == "permission denied"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_not_read(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert only_problem(fifo).reason == "not a regular file"


def test_read_file_records_rel_as_the_article_path(tmp_path: Path):
    (article,) = read_file(touch(tmp_path / "sub/a.txt"), "sub/a.txt").articles
    assert article.path == "sub/a.txt"
    assert article.title == "Bank holds rates"
    (article,) = read_file(tmp_path / "sub/a.txt").articles
    assert article.path == str(tmp_path / "sub/a.txt")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32", "utf-16-be"])
def test_unicode_files_with_a_bom(tmp_path: Path, encoding: str):
    text = "Café owners protest\n\nThe owners of the café in Zürich said “no” to the plan.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    (article,) = read_file(path).articles
    assert article.title == "Café owners protest"
    assert article.body == "The owners of the café in Zürich said “no” to the plan."


def test_windows_1252_text_is_decoded_sensibly(tmp_path: Path):
    path = tmp_path / "old.txt"
    path.write_bytes("The café’s owner said\u00a0“no” – twice.".encode("cp1252"))
    (article,) = read_file(path).articles
    assert article.body == "The café’s owner said “no” – twice."


def test_invalid_utf8_is_replaced_not_fatal(tmp_path: Path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Seoul’s mayor said the café would close. ".encode() * 5 + b"\xff\xfe\x80 end.")
    (article,) = read_file(path).articles
    assert "Seoul’s mayor" in article.body  # the valid UTF-8 is kept, not read as Windows-1252
    assert "\ufffd" in article.body


def test_decode_bytes():
    assert decode_bytes(b"\xef\xbb\xbfplain") == "plain"
    assert decode_bytes("naïve".encode("latin-1")) == "naïve"
    assert decode_bytes(b"\x81\x8d\x8f\x90") == "\ufffd" * 4  # not Windows-1252 either


def test_a_two_megabyte_single_line_file_is_read(tmp_path: Path):
    sentence = "The committee met again on Tuesday and reviewed the budget proposal in detail. "
    path = tmp_path / "huge.txt"
    path.write_text(sentence * (2_000_000 // len(sentence)), encoding="utf-8")
    (article,) = read_file(path).articles
    assert len(article.body) > 1_900_000
    assert len(article.paragraphs) == 1
    assert article.title == sentence.strip()[:-1]


def test_a_two_megabyte_line_without_any_space(tmp_path: Path):
    path = tmp_path / "blob.txt"
    path.write_text("x" * 2_000_000, encoding="utf-8")
    (article,) = read_file(path).articles
    assert len(article.title) <= 80 and article.title.endswith("…")
