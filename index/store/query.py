"""Turn what a user typed into a Whoosh query, or into a one-line error saying what is wrong.

Whoosh's parser never fails: it quietly drops what it cannot read (`title:` becomes a
search for the word "title", `((((` matches nothing). A user who mistyped deserves to be
told, so a few checks run before Whoosh sees the text; they are hand-written because
Whoosh has no strict mode.

Whoosh also runs any wildcard however many words it stands for: `?*` on 10,000 articles
took 57 s. `bound()` makes `*` mean every article (instant) and refuses wildcards and
ranges that stand for too many words, or for words found in too many places, so a query
answers in about a second whatever the size of the archive (measured on 10,000 articles:
`co*`, 555 words in 100,000 places, 0.7 s; `?*` alone had taken 57 s).

Each entity name is indexed once, in its label's field (schema.ENTITY_FIELDS), so the parser
turns whatever is asked of `entity` (a word, a phrase, a wildcard, a range) into the same
question asked of every entity field.
"""

from __future__ import annotations

import copy
import re

from whoosh.qparser import FieldAliasPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query import Every, MultiTerm, NullQuery, Or, Query

from .schema import DEFAULT_FIELDS, ENTITY_FIELDS, QUERY_FIELDS, build_schema

MAX_QUERY_CHARS = 1000
MAX_EXPANSION = 1000  # words the wildcards and ranges of one query may stand for, together
MAX_POSTINGS = 200_000  # (article, word) pairs those words may have: about 1.5 s of search
# Fields every article fills: `title:*` or `*` is every article, no need to list their words.
_FIELDS_OF_EVERY_ARTICLE = frozenset({"title", "body"})

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
        try:
            query = self._parser.parse(text)
        except Exception as exc:  # Whoosh's parser trips over some operator runs ("NOT NOT x")
            raise QueryError(f"cannot read query {text!r} ({type(exc).__name__})") from exc
        error = _first_error(query)
        if error is not None:
            raise QueryError(f"cannot read {error!r} in query {text!r}")
        if query is NullQuery:
            raise QueryError(f"query {text!r} has no words to search for")
        return query.accept(_in_any_entity_field)

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


def _in_any_entity_field(node: Query) -> Query:
    """`entity:x` as `x` in any entity field (a phrase still within one field's names)."""
    if getattr(node, "fieldname", None) != "entity":
        return node
    copies = [copy.copy(node) for _ in ENTITY_FIELDS]
    for field, each in zip(ENTITY_FIELDS, copies):
        each.fieldname = field
        each.written = node  # what the user asked for, for bound()'s message
    return Or(copies)


def bound(query: Query, reader, text: str) -> Query:
    """The query ready to run against `reader`: `*` on the title or body becomes every
    article; raises QueryError when its wildcards and ranges stand for too many words, or
    for words in too many articles (the time a query takes grows with both)."""

    def simplify(node: Query) -> Query:
        if isinstance(node, Every) and node.fieldname in _FIELDS_OF_EVERY_ARTICLE:
            return Every()
        return node

    query = query.accept(simplify)
    words_left, postings_left = MAX_EXPANSION, MAX_POSTINGS
    stack = [query]
    while stack:
        node = stack.pop()
        stack.extend(node.children())
        if isinstance(node, MultiTerm):
            words = node._btexts(reader)
        elif isinstance(node, Every) and node.fieldname is not None and node.fieldname in reader.schema:
            words = reader.lexicon(node.fieldname)
        else:
            continue
        for word in words:
            words_left -= 1
            postings_left -= reader.doc_frequency(node.fieldname, word)
            if words_left < 0 or postings_left < 0:
                written = getattr(node, "written", node)
                raise QueryError(f"{written} in query {text!r} stands for too many words (more than "
                                 f"{MAX_EXPANSION}, or words in more than {MAX_POSTINGS:,} places); "
                                 "make the wildcard or range narrower")
    return query


def expands(query: Query) -> bool:
    """Whether the query stands for words it does not spell out (wildcards, ranges)."""
    stack = [query]
    while stack:
        node = stack.pop()
        if isinstance(node, MultiTerm) or isinstance(node, Every) and node.fieldname is not None:
            return True
        stack.extend(node.children())
    return False
