"""The file formats ingest reads: plain text, Markdown, saved web pages and JSON Lines.

`.txt`, `.md` and `.html` hold one article each; `.jsonl` holds one per line, where a broken
line is reported by number and the other lines still count.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..models import Article
from .article import Given, build_article
from .dates import parse_date
from .result import FileResult, Problem
from .webpage import parse_html

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
_BODY_KEYS = ("body", "text")


def parse_text(text: str, *, path: str, markdown: bool = False) -> Article | None:
    """One article from already-decoded text; None when there is no article text in it."""
    return build_article(text, path=path, markdown=markdown)


def parse_document(text: str, *, path: str, suffix: str) -> Article | None:
    """The article in a one-article file's decoded text, read as its suffix says."""
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES:
        return parse_html(text, path=path)
    return parse_text(text, path=path, markdown=suffix in MARKDOWN_SUFFIXES)


def parse_jsonl(text: str, path: str) -> FileResult:
    """Articles of a JSON Lines file, each with path `path#line`; broken lines become problems."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_jsonl_lines(enumerate(text.split("\n"), start=1), path):
        (problems if isinstance(item, Problem) else articles).append(item)
    return FileResult(articles, problems)


def iter_jsonl_lines(lines: Iterable[tuple[int, str | Problem]], path: str) -> Iterator[Article | Problem]:
    """An article or a problem for every non-blank numbered line (a line may already be a problem)."""
    for number, line in lines:
        if isinstance(line, Problem):
            yield line
        elif line.strip():
            yield parse_jsonl_line(line, path, number)


def parse_jsonl_line(line: str, path: str, number: int) -> Article | Problem:
    """The article on line `number` of a JSON Lines file, or why there is none."""
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = f"invalid JSON ({exc.msg})" if isinstance(exc, json.JSONDecodeError) else "invalid JSON"
        return Problem(path=path, line=number, reason=reason)
    if not isinstance(record, dict):
        return Problem(path=path, line=number, reason="not a JSON object")
    fields = {key.lower(): value for key, value in record.items()}
    body = next((fields[k] for k in _BODY_KEYS if isinstance(fields.get(k), str) and fields[k].strip()), None)
    if body is None:
        return Problem(path=path, line=number, reason='no "body" or "text"')
    given = Given(
        title=_string(fields.get("title")),
        source=_string(fields.get("source")),
        date=parse_date(fields["date"]) if isinstance(fields.get("date"), str) else None,
        url=_string(fields.get("url")),
    )
    article = build_article(body, path=f"{path}#{number}", given=given)
    if article is None:
        return Problem(path=path, line=number, reason="no article text (only boilerplate)")
    return article


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
