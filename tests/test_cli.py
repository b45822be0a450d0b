"""The command line, through its real entry point (`main`) and once as an installed command."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import KYODO, YONHAP, write_jsonl
from tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def indexed(seeds_dir: Path, capsys) -> Path:
    code, out, _ = run(capsys, "index", str(seeds_dir))
    assert code == 0
    return seeds_dir


def test_index_prints_counts_and_reindex_is_incremental(seeds_dir: Path, capsys):
    code, out, _ = run(capsys, "index", str(seeds_dir))
    assert code == 0
    assert "2 articles indexed" in out and "2 added" in out
    code, out, _ = run(capsys, "index", str(seeds_dir))
    assert "0 added, 0 changed, 0 removed, 2 unchanged" in out
    code, out, err = run(capsys, "index", str(seeds_dir), "--rebuild")
    assert code == 0 and "2 added" in out


def test_index_skips_bad_files_with_one_line_each(seeds_dir: Path, capsys):
    (seeds_dir / "empty.txt").write_bytes(b"")
    (seeds_dir / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    code, out, err = run(capsys, "index", str(seeds_dir))
    assert code == 0
    lines = [line for line in err.splitlines() if line.startswith("quotewire: skipped")]
    assert len(lines) == 2
    assert any("empty.txt" in line for line in lines) and any("image.txt" in line for line in lines)
    assert "2 articles indexed" in out


def test_index_of_nothing_usable_exits_1(tmp_path: Path, capsys):
    (tmp_path / "empty.txt").write_text("   \n")
    code, _, err = run(capsys, "index", str(tmp_path))
    assert code == 1 and "empty.txt" in err


def test_index_missing_folder_is_a_user_error(tmp_path: Path, capsys):
    code, _, err = run(capsys, "index", str(tmp_path / "nope"))
    assert code == 1 and "not found" in err and "nope" in err


def test_search_prints_ranked_hits(indexed: Path, capsys):
    code, out, _ = run(capsys, "search", "Vladivostok", "--corpus", str(indexed))
    assert code == 0
    assert out.splitlines()[0] == "2 hits for 'Vladivostok'"
    assert "Abe reiterates hope for summit with NK leader" in out
    assert "Vladivostok" in out


def test_search_json_is_one_object_per_hit(indexed: Path, capsys):
    code, out, _ = run(capsys, "search", "source:yonhap", "--json", "--corpus", str(indexed))
    assert code == 0
    hits = [json.loads(line) for line in out.splitlines()]
    assert len(hits) == 1
    assert hits[0]["title"] == "Abe reiterates hope for summit with NK leader"
    assert hits[0]["source"] == "Yonhap" and hits[0]["path"] == YONHAP


def test_search_limit(indexed: Path, capsys):
    code, out, _ = run(capsys, "search", "summit", "--limit", "1", "--json", "--corpus", str(indexed))
    assert code == 0 and len(out.splitlines()) == 1


def test_search_with_no_results_suggests_and_exits_1(indexed: Path, capsys):
    code, out, err = run(capsys, "search", "Vladivostock", "--corpus", str(indexed))
    assert code == 1
    assert "did you mean" in err and "vladivostok" in err.lower()


def test_malformed_query_is_one_clear_line(indexed: Path, capsys):
    code, out, err = run(capsys, "search", '"unclosed', "--corpus", str(indexed))
    assert code == 1
    assert err.count("\n") == 1 and "unclosed" in err and "Traceback" not in err


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["search"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["search", "x", "--limit", "many"])
    assert exc.value.code == 2


def test_reading_commands_default_to_the_index_in_the_current_folder(indexed: Path, capsys, monkeypatch):
    monkeypatch.chdir(indexed)
    code, out, _ = run(capsys, "search", "Ulaanbaatar", "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["source"] == "Kyodo"


def test_reading_commands_fall_back_to_the_bundled_seeds(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("index.store.location._writable", lambda folder: False)  # as from a read-only install
    code, out, _ = run(capsys, "search", "Ulaanbaatar", "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["path"] == KYODO


def test_show_a_file_needs_no_index(seeds_dir: Path, capsys):
    code, out, _ = run(capsys, "show", str(seeds_dir / YONHAP))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Abe reiterates hope for summit with NK leader"
    assert lines[1].startswith("Yonhap · VLADIVOSTOK")
    assert "Back To Top" not in out
    assert not (seeds_dir / ".quotewire").exists()


def test_show_by_id_from_the_index_and_as_json(indexed: Path, capsys):
    _, out, _ = run(capsys, "search", "Ulaanbaatar", "--json", "--corpus", str(indexed))
    article_id = json.loads(out.splitlines()[0])["id"]
    code, out, _ = run(capsys, "show", article_id, "--json", "--corpus", str(indexed))
    assert code == 0
    data = json.loads(out)
    assert data["id"] == article_id and data["source"] == "Kyodo"
    assert "quality journalism" not in data["body"]


def test_show_unknown_id_is_a_user_error(indexed: Path, capsys):
    code, _, err = run(capsys, "show", "0123456789abcdef", "--corpus", str(indexed))
    assert code == 1 and "0123456789abcdef" in err


def test_extract_json_is_the_documented_shape(seeds_dir: Path, capsys):
    code, out, _ = run(capsys, "extract", str(seeds_dir / YONHAP), "--json")
    assert code == 0
    record = json.loads(out)
    assert set(record) == {"path", "title", "source", "dateline", "body", "quotes", "entities"}
    assert record["quotes"], "the Yonhap seed has quotes"
    for quote in record["quotes"]:
        assert set(quote) == {"text", "start", "end", "partial", "speaker", "cue"}
        assert record["body"][quote["start"]:quote["end"]] == quote["text"]
    for entity in record["entities"]:
        assert record["body"][entity["start"]:entity["end"]] == entity["text"]
    assert not (seeds_dir / ".quotewire").exists()


def test_quotes_by_speaker_as_csv(indexed: Path, capsys):
    code, out, _ = run(capsys, "quotes", "--speaker", "ABE", "--csv", "--corpus", str(indexed))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["speaker"] for r in rows] == ["Shinzo Abe", "Shinzo Abe"]
    assert rows[0]["quote"].startswith("I have a will")


def test_quotes_unknown_speaker_exits_1(indexed: Path, capsys):
    code, _, err = run(capsys, "quotes", "--speaker", "Nobody Atall", "--corpus", str(indexed))
    assert code == 1 and "Nobody Atall" in err


def test_control_characters_in_articles_never_reach_the_terminal(tmp_path: Path, capsys):
    corpus = tmp_path / "evil"
    corpus.mkdir()
    write_jsonl(corpus / "evil.jsonl", [{
        "title": "Evil \x1b]0;pwned\x07 title \x9b31m",
        "body": "The minister said \x1b[2J\x1b]52;c;ZXZpbA==\x07 nothing [bold]at all[/] today.",
        "source": "Evil \x1b[31mNews",
    }])
    for argv in (["index", str(corpus)], ["search", "minister", "--corpus", str(corpus)],
                 ["search", "minister", "--json", "--corpus", str(corpus)]):
        code, out, err = run(capsys, *argv)
        assert code == 0
        for stream in (out, err):
            assert "\x1b" not in stream and "\x07" not in stream and "\x9b" not in stream
    code, out, _ = run(capsys, "show", str(corpus / "evil.jsonl"))
    assert "\x1b" not in out and "[bold]at all[/]" in out


def test_installed_command_runs(seeds_dir: Path):
    exe = shutil.which("quotewire") or str(Path(sys.executable).parent / "quotewire")
    result = subprocess.run([exe, "search", "Putin", "--corpus", str(seeds_dir / ".."/ seeds_dir.name)],
                            capture_output=True, text=True)
    # Not indexed yet: a clear one-line error, not a traceback.
    assert result.returncode == 1 and "quotewire index" in result.stderr and "Traceback" not in result.stderr
    subprocess.run([exe, "index", str(seeds_dir)], check=True, capture_output=True)
    result = subprocess.run([exe, "search", "Putin", "--corpus", str(seeds_dir)], capture_output=True, text=True)
    assert result.returncode == 0 and "1 hit for 'Putin'" in result.stdout
    help_text = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert help_text.returncode == 0 and "index" in help_text.stdout


def test_reading_an_index_from_another_version_rebuilds_it_with_a_message(indexed: Path, capsys):
    from index import Library
    from index.store.indexer import whoosh_dir
    from index.store.manifest import Manifest

    folder = whoosh_dir(Library(indexed).location)
    manifest = Manifest.load(folder)
    manifest.schema_version = 0
    manifest.save(folder)
    code, out, err = run(capsys, "search", "Putin", "--corpus", str(indexed))
    assert code == 0 and "1 hit" in out
    assert "rebuilding the index" in err and "another version" in err
