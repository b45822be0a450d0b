"""Articles and quotes leaving quotewire for the user's other tools: JSON Lines, CSV, Markdown.

One writer per format, shared by the command line (`export`, `extract --json`, `quotes`) and
the TUI. Article text is data whatever the format: JSON escapes control characters, CSV and
Markdown have them removed (as ingest removes them), and Markdown escapes whatever would
otherwise turn into markup, so a quote can neither format the digest nor drive a terminal
that prints it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TextIO, get_args

from .extract import link_names
from .ingest.normalize import clean_text
from .models import Article, EntityLabel, Quote
from .store.results import QuoteRef

ExportFormat = Literal["jsonl", "csv", "md"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)
QUOTE_COLUMNS = ("article_id", "title", "source", "date", "url", "speaker", "quote", "partial", "cue")
UNATTRIBUTED = "Unattributed"
ENTITIES_PER_LABEL = 10
_ENTITY_HEADINGS = {EntityLabel.PERSON: "People", EntityLabel.ORG: "Organisations", EntityLabel.PLACE: "Places",
                    EntityLabel.GROUP: "Groups"}
# JSON leaves these raw with ensure_ascii=False; a terminal reads the C1 controls as escapes.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029]")
# Characters with a meaning in Markdown anywhere in a line (CommonMark lets any be escaped).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~#])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
# Starts of a line that make a list item or a heading of it.
_MD_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")
# A CSV cell starting with one of these is run as a formula by Excel, LibreOffice and Google
# Sheets (`=HYPERLINK(...)`, `@SUM(...)`, `-2+3`). CSV is for spreadsheets, so such a cell gets
# a leading apostrophe, which they read as "this cell is text" (OWASP's advice); jsonl keeps
# the exact text for programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class _QuoteRow:
    """A quote with the article it is in: what every quote format writes."""

    article_id: str
    title: str
    source: str | None
    date: dt.date | None
    url: str | None
    quote: Quote

    @classmethod
    def of_ref(cls, ref: QuoteRef) -> _QuoteRow:
        return cls(ref.article_id, ref.title, ref.source, ref.date, None, ref.quote)

    @classmethod
    def of_article(cls, article: Article) -> list[_QuoteRow]:
        return [cls(article.id, article.title, article.source, article.date, article.url, q) for q in article.quotes]

    def record(self) -> dict:
        return {"speaker": self.quote.speaker, "quote": self.quote.text, "partial": self.quote.partial,
                "cue": self.quote.cue, "article_id": self.article_id, "title": self.title, "source": self.source,
                "date": self.date.isoformat() if self.date else None, "url": self.url}


def extract_record(article: Article) -> dict:
    """The public, stable JSON shape of `quotewire extract --json` (documented in the README)."""
    return {
        "path": article.path, "title": article.title, "source": article.source, "dateline": article.dateline,
        "body": article.body,
        "quotes": [{"text": q.text, "start": q.span.start, "end": q.span.end, "partial": q.partial,
                    "speaker": q.speaker, "cue": q.cue} for q in article.quotes],
        "entities": [{"text": e.text, "start": e.span.start, "end": e.span.end, "label": e.label.value,
                      "canonical": e.canonical} for e in article.entities],
    }


def article_record(article: Article) -> dict:
    """An exported article: the `extract --json` shape, plus its id, date and URL."""
    return {"id": article.id, **extract_record(article),
            "date": article.date.isoformat() if article.date else None, "url": article.url}


def json_line(value: object) -> str:
    """Compact JSON on one line, non-ASCII readable, every control character escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def export_articles(articles: Iterable[Article], fmt: ExportFormat, out: TextIO) -> int:
    """Write articles with their quotes and entities; returns how many articles were written.

    jsonl: one `article_record` per line. csv: one row per quote (QUOTE_COLUMNS).
    md: a digest of who said what, by speaker, then the entities most often named."""
    count = 0
    if fmt == "jsonl":
        for article in articles:
            out.write(json_line(article_record(article)) + "\n")
            count += 1
    elif fmt == "csv":
        writer = _csv_writer(out)
        for article in articles:
            _write_csv_rows(writer, _QuoteRow.of_article(article))
            count += 1
    elif fmt == "md":
        rows: list[_QuoteRow] = []
        named: Counter[tuple[str, EntityLabel]] = Counter()
        for article in articles:
            rows += _QuoteRow.of_article(article)
            named.update(set(article.entity_counts()))
            count += 1
        _write_digest(out, rows, named, articles=count)
    else:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")
    return count


def export_quotes(quotes: Iterable[QuoteRef], fmt: ExportFormat, out: TextIO) -> int:
    """Write quotes (as `CorpusIndex.quotes_by`/`all_quotes` list them); returns how many.

    jsonl: one object per quote (speaker, quote, partial, cue, article_id, title, source,
    date, url). csv: QUOTE_COLUMNS with a header row. md: the digest, without entities."""
    rows = (_QuoteRow.of_ref(ref) for ref in quotes)
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json_line(row.record()) + "\n")
            count += 1
    elif fmt == "csv":
        count = _write_csv_rows(_csv_writer(out), rows)
    elif fmt == "md":
        kept = list(rows)
        _write_digest(out, kept, Counter(), articles=len({row.article_id for row in kept}))
        count = len(kept)
    else:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")
    return count


# -- CSV ---------------------------------------------------------------------------------------


def _csv_writer(out: TextIO):
    writer = csv.DictWriter(out, fieldnames=QUOTE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    return writer


def _write_csv_rows(writer, rows: Iterable[_QuoteRow]) -> int:
    count = 0
    for row in rows:
        record = row.record()
        record["partial"] = "true" if row.quote.partial else "false"
        writer.writerow({key: csv_cell(value) if isinstance(value, str) else value
                         for key, value in record.items()})
        count += 1
    return count


def csv_cell(text: str) -> str:
    """Text for one CSV cell: control characters removed, and never read as a formula."""
    text = clean_text(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


# -- Markdown ----------------------------------------------------------------------------------


def md_text(text: str) -> str:
    """Text for one line of Markdown: control characters removed, whitespace collapsed, and
    every character that would become markup escaped."""
    text = " ".join(clean_text(text).split())
    text = _MD_ENTITY.sub(r"\\&", _MD_INLINE.sub(r"\\\1", text))
    return _MD_LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def _write_digest(out: TextIO, rows: list[_QuoteRow], named: Counter[tuple[str, EntityLabel]],
                  *, articles: int) -> None:
    # One heading per person, whatever spelling each article used ("Kim Jong-un", "Kim Jong Un").
    canonical = link_names(row.quote.speaker for row in rows if row.quote.speaker)
    by_speaker: dict[str | None, list[_QuoteRow]] = defaultdict(list)
    for row in rows:
        speaker = row.quote.speaker
        by_speaker[canonical.get(speaker, speaker) if speaker else None].append(row)
    speakers: list[str | None] = sorted((s for s in by_speaker if s),
                                        key=lambda s: (-len(by_speaker[s]), s.casefold()))
    out.write("# Who said what\n\n")
    out.write(f"{_plural(len(rows), 'quote')} from {_plural(articles, 'article')}, "
              f"{_plural(len(speakers), 'speaker')}.\n")
    if None in by_speaker:
        speakers.append(None)  # the unattributed quotes come last
    for speaker in speakers:
        quoted = by_speaker[speaker]
        out.write(f"\n## {md_text(speaker or UNATTRIBUTED)} ({_plural(len(quoted), 'quote')})\n")
        for row in quoted:
            credit = ", ".join(md_text(part) for part in (
                speaker or "unknown speaker", row.source or "unknown source",
                row.date.isoformat() if row.date else "undated", row.title))
            partial = " (partial)" if row.quote.partial else ""
            out.write(f"\n> {md_text(row.quote.text)}{partial}\n>\n> — {credit}\n")
    if named:
        out.write("\n## Entities\n\nThe most named, with how many articles name them.\n\n")
        for label, heading in _ENTITY_HEADINGS.items():
            top = sorted(((name, n) for (name, lab), n in named.items() if lab == label),
                         key=lambda item: (-item[1], item[0].casefold()))[:ENTITIES_PER_LABEL]
            if top:
                names = ", ".join(f"{md_text(name)} ({n})" if n > 1 else md_text(name) for name, n in top)
                out.write(f"- **{heading}**: {names}\n")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
