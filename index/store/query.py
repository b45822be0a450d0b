"""Turn what a user typed into a Whoosh query, or into a one-line error saying what is wrong.

Whoosh's parser never fails: it quietly drops what it cannot read (`title:` becomes a
search for the word "title", `((((` matches nothing). A user who mistyped deserves to be
told, so a few checks run before Whoosh sees the text; they are hand-written because
Whoosh has no strict mode.
"""

from __future__ import annotations

import re

from whoosh.qparser import FieldAliasPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query import NullQuery, Query

from .schema import DEFAULT_FIELDS, QUERY_FIELDS, build_schema

MAX_QUERY_CHARS = 1000

_FIELD_PREFIX = re.compile(r'(?<![\w"])([A-Za-z_]+):(?=(\S?))')


class QueryError(ValueError):
    """A query that cannot be run; the message names the query and the problem."""


def _aliases() -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for typed, real in QUERY_FIELDS.items():
        if typed != real:
            aliases.setdefault(real, []).append(typed)
    return aliases


class QueryParser:
    """Parses the query language shared by the command line and the TUI."""

    def __init__(self) -> None:
        schema = build_schema()
        self._parser = MultifieldParser(list(DEFAULT_FIELDS), schema, fieldboosts={"title": 2.0})
        self._parser.add_plugin(DateParserPlugin())
        self._parser.add_plugin(FieldAliasPlugin(_aliases()))

    def parse(self, text: str) -> Query:
        text = text.strip()
        if not text:
            raise QueryError("empty query")
        if len(text) > MAX_QUERY_CHARS:
            raise QueryError(f"query too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS})")
        text = self._check(text)
        query = self._parser.parse(text)
        error = _first_error(query)
        if error is not None:
            raise QueryError(f"cannot read {error!r} in query {text!r}")
        if query is NullQuery:
            raise QueryError(f"query {text!r} has no words to search for")
        return query

    @staticmethod
    def _check(text: str) -> str:
        """Raise QueryError for what Whoosh would silently misread; return the text with
        field names lower-cased (`Speaker:abe` works like `speaker:abe`)."""
        if text.count('"') % 2:
            raise QueryError(f'unclosed quote (") in query {text!r}')
        depth = 0
        in_phrase = False
        for ch in text:
            if ch == '"':
                in_phrase = not in_phrase
            elif not in_phrase and ch == "(":
                depth += 1
            elif not in_phrase and ch == ")":
                depth -= 1
                if depth < 0:
                    raise QueryError(f"unbalanced ')' in query {text!r}")
        if depth:
            raise QueryError(f"unbalanced '(' in query {text!r}")
        outside_phrases = re.sub(r'"[^"]*"', '""', text)
        for match in _FIELD_PREFIX.finditer(outside_phrases):
            name, following = match.group(1), match.group(2)
            if name.lower() not in QUERY_FIELDS:
                known = ", ".join(sorted(QUERY_FIELDS))
                raise QueryError(f"unknown field {name!r} in query {text!r} (fields: {known})")
            if not following or following in ")":
                raise QueryError(f"field {name!r} needs a value in query {text!r}")
        return _FIELD_PREFIX.sub(lambda m: m.group(1).lower() + ":", text)


def _first_error(query: Query) -> str | None:
    stack = [query]
    while stack:
        node = stack.pop()
        error = getattr(node, "error", None)
        if error:
            return str(error)
        stack.extend(node.children())
    return None
