"""`quotewire export` and `quotes --json|--csv|--md`: every format on the seeds, and article
text that can neither become markup in the digest nor drive a terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import KYODO, YONHAP
from index import Article, Quote, Span, export_articles
from index.export import QUOTE_COLUMNS, md_text
from tui.cli import main

EXTRACT_KEYS = {"path", "title", "source", "dateline", "body", "quotes", "entities"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def gold_speakers(gold: dict, name: str) -> set[str]:
    return {q["speaker"] for q in gold[name]["quotes"] if q.get("speaker")}


@pytest.fixture
def corpus(seeds_library) -> str:
    return str(seeds_library.corpus)


def test_jsonl_is_one_article_per_line_in_the_extract_shape(corpus: str, gold, capsys):
    code, out, _ = run(capsys, "export", "--format", "jsonl", "--corpus", corpus)
    assert code == 0
    records = {r["path"]: r for r in map(json.loads, out.splitlines())}
    assert set(records) == {KYODO, YONHAP}
    for name, record in records.items():
        assert set(record) == EXTRACT_KEYS | {"id", "date", "url"}
        for quote in record["quotes"]:
            assert record["body"][quote["start"]:quote["end"]] == quote["text"]
        assert gold_speakers(gold, name) <= {q["speaker"] for q in record["quotes"]}


def test_csv_is_one_row_per_quote_and_parses_back(corpus: str, gold, capsys):
    code, out, _ = run(capsys, "export", "--format", "csv", "--corpus", corpus)
    assert code == 0
    reader = csv.DictReader(io.StringIO(out))
    rows = list(reader)
    assert tuple(reader.fieldnames) == QUOTE_COLUMNS
    _, jsonl, _ = run(capsys, "export", "--format", "jsonl", "--corpus", corpus)
    articles = [json.loads(line) for line in jsonl.splitlines()]
    assert len(rows) == sum(len(a["quotes"]) for a in articles)
    assert gold_speakers(gold, KYODO) | gold_speakers(gold, YONHAP) <= {r["speaker"] for r in rows}
    abe = [r for r in rows if r["speaker"] == "Shinzo Abe"]
    assert abe and all(r["source"] == "Yonhap" and r["partial"] in ("true", "false") for r in abe)


def test_md_digest_has_a_heading_per_speaker_most_quoted_first(corpus: str, gold, capsys):
    code, out, _ = run(capsys, "export", "--format", "md", "--corpus", corpus)
    assert code == 0
    headings = re.findall(r"^## (.+) \((\d+) quotes?\)$", out, re.MULTILINE)
    speakers = [md for md, _ in headings]
    assert set(speakers) >= gold_speakers(gold, KYODO) | gold_speakers(gold, YONHAP)
    counts = [int(n) for _, n in headings]
    assert counts == sorted(counts, reverse=True)
    assert out.count("\n> — ") == sum(counts)
    assert "\n## Entities\n" in out and "**Places**" in out


def test_a_query_exports_only_its_matches(corpus: str, capsys):
    code, out, _ = run(capsys, "export", "Ulaanbaatar", "--format", "jsonl", "--corpus", corpus)
    assert code == 0 and [json.loads(line)["path"] for line in out.splitlines()] == [KYODO]


def test_a_query_that_matches_nothing_exits_1_with_a_clear_line(corpus: str, capsys, tmp_path: Path):
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, "export", "zzyzx", "--format", "csv", "-o", str(target), "--corpus", corpus)
    assert code == 1 and out == "" and err == "quotewire: no articles match 'zzyzx'\n"
    assert not target.exists()


def test_a_malformed_query_is_one_line_naming_it(corpus: str, capsys):
    code, out, err = run(capsys, "export", '"unclosed', "--format", "md", "--corpus", corpus)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "unclosed" in err and "Traceback" not in err


def test_output_to_a_file(corpus: str, capsys, tmp_path: Path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "digest.md"
    code, out, _ = run(capsys, "export", "--format", "md", "-o", str(target), "--corpus", corpus)
    assert code == 0 and out == f"exported 2 articles to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("# Who said what\n")
    assert [p.name for p in folder.iterdir()] == ["digest.md"]  # no temporary file left
    assert target.stat().st_mode & 0o044 == (0o666 & ~_umask()) & 0o044  # as any new file, not private


def test_quotes_formats_share_the_export_writers(corpus: str, capsys):
    code, out, _ = run(capsys, "quotes", "--speaker", "Abe", "--md", "--corpus", corpus)
    assert code == 0 and re.findall(r"^## .+$", out, re.MULTILINE) == ["## Shinzo Abe (2 quotes)"]
    code, out, _ = run(capsys, "quotes", "--json", "--corpus", corpus)
    first = json.loads(out.splitlines()[0])
    assert set(first) == {"speaker", "quote", "partial", "cue", "article_id", "title", "source", "date", "url"}
    code, out, _ = run(capsys, "quotes", "--csv", "--corpus", corpus)
    assert tuple(csv.DictReader(io.StringIO(out)).fieldnames) == QUOTE_COLUMNS


# -- article text stays data ----------------------------------------------------------------


HOSTILE = '*bold* [a link](http://evil.example) <script>x()</script> `code` &amp; \x1b[2J\x9b31m ~~gone~~ | a'


def hostile_article() -> Article:
    lead = "She said: \u201c"
    quotes_text = [HOSTILE, "1. not a list", "# not a heading"]
    body, quotes = "", []
    for text in quotes_text:
        start = len(body) + len(lead)
        body += lead + text + "\u201d\n\n"
        quotes.append(Quote(span=Span(start=start, end=start + len(text)), text=text, speaker="Eve [*] Doe"))
    return Article(id="e1", path="evil.txt", title="Evil <b>title</b>", source="Evil _News_", body=body,
                   quotes=tuple(quotes))


def test_markdown_digest_renders_article_text_as_text():
    out = io.StringIO()
    assert export_articles([hostile_article()], "md", out) == 1
    digest = out.getvalue()
    assert "\x1b" not in digest and "\x9b" not in digest
    html = MarkdownIt("commonmark").enable("strikethrough").enable("table").render(digest)
    for tag in ("<em>", "<strong>", "<a ", "<script>", "<code>", "<s>", "<ol>", "<b>", "<table>"):
        assert tag not in html, tag
    assert "*bold* [a link](http://evil.example) &lt;script&gt;x()&lt;/script&gt; `code` &amp;amp;" in html
    assert "1. not a list" in html and "# not a heading" in html and "<h2>Eve [*] Doe (3 quotes)</h2>" in html


def test_md_text_escapes_only_what_is_markup():
    assert md_text("U.S. officials said 3.5% - fine") == "U.S. officials said 3.5% - fine"
    assert md_text("- a list?") == "\\- a list?"
    assert md_text("2) second") == "2\\) second"


def test_csv_and_jsonl_carry_no_control_characters():
    for fmt in ("csv", "jsonl"):
        out = io.StringIO()
        export_articles([hostile_article()], fmt, out)
        assert "\x1b" not in out.getvalue() and "\x9b" not in out.getvalue(), fmt
    out = io.StringIO()
    export_articles([hostile_article()], "jsonl", out)
    assert json.loads(out.getvalue())["quotes"][0]["text"] == HOSTILE  # JSON escapes, never loses
