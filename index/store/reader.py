"""The read side of the store: the article list, articles, search, speakers and their quotes.

One Whoosh searcher stays open for the life of a `CorpusIndex` (opening one costs hundreds
of milliseconds on a large index) and is refreshed when an indexer commits.
"""

from __future__ import annotations

import functools
import os
from collections import defaultdict
from datetime import date
from functools import cached_property

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import _lenfield
from whoosh.highlight import WholeFragmenter, highlight
from whoosh.query import Every, Not, Or, Query, Term
from whoosh.searching import Searcher

from ..extract import link_names, name_key
from ..models import Article, Span
from .indexer import IndexDamaged, StoreError, probe_segments, rebuild_dir, whoosh_dir
from .location import IndexLocation
from .manifest import ManifestHeader
from .query import QueryError, QueryParser, bound
from .spelling import Vocabulary, suggest_query
from .segments import length_codes
from .scoring import top_hits
from .snippets import SnippetFormatter, lead, snippet_of
from .results import ArticleRow, QuoteRef, SearchHit, SearchResults, SpeakerInfo, Snippet

COUNT_LIMIT = 1000  # matches counted exactly; beyond, a search says "1000+"


def _day(value: int | None) -> date | None:
    return date.fromordinal(value) if value and value > 0 else None


def _damaged(location: IndexLocation, exc: Exception) -> IndexDamaged:
    return IndexDamaged(f"the index in {location.path} is damaged ({type(exc).__name__}); "
                        "run `quotewire index --rebuild` on the corpus")


def _reads(method):
    """A read of the index: damage met while reading (Whoosh raises anything from EOFError
    to struct errors) is reported as IndexDamaged, with what to do about it."""

    @functools.wraps(method)
    def read(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (StoreError, QueryError):
            raise
        except Exception as exc:
            raise _damaged(self.location, exc) from exc

    return read


def _lengths_in_memory(searcher: Searcher) -> None:
    """Hold each segment's field lengths in memory. BM25 reads a document's length for every
    match it scores, through one small file read each (a tenth of a one-word search at
    100k articles); a segment's lengths are one byte per document. Whoosh reads them from
    `_readers`, where any object answering `[docnum]` with the code will do: bytes do."""
    for leaf, _ in searcher.reader().leaf_readers():
        perdoc = getattr(leaf, "_perdoc", None)
        readers = getattr(perdoc, "_readers", None)
        if readers is None or getattr(perdoc, "_segment", None) is None:
            continue
        count = perdoc.doc_count_all()
        for name, field in leaf.schema.items():
            key = _lenfield(name)
            if not field.scorable or isinstance(readers.get(key), bytes):
                continue
            codes = length_codes(perdoc._storage, perdoc._segment, name)
            if codes is not None:
                readers[key] = codes.ljust(count, b"\0")


def _folder_identity(folder) -> tuple[int, int] | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return info.st_dev, info.st_ino


class CorpusIndex:
    """An open index: cheap to query repeatedly. Use as a context manager or call close().

    With `building=True` it reads a rebuild in progress instead: what the rebuild has
    committed so far to `whoosh.new` beside the live index (`update_index` with
    `commit_every`), so that a list can fill while the rest is indexed. StoreError when
    no rebuild has committed anything yet. `building` stays True until the rebuild is
    swapped in: `whoosh.new` becomes the live `whoosh` folder, `stale()` turns True, and
    `refresh()` then reads the live index and sets `building` to False. A rebuild that is
    given up (its folder cleared by the next indexer) ends the same way, on the old index.
    Between the swap and `refresh()` reads may fail with StoreError: refresh, then read."""

    def __init__(self, location: IndexLocation, *, building: bool = False) -> None:
        folder = live = whoosh_dir(location)
        rebuilt = rebuild_dir(location)
        if building:
            folder = rebuilt
        elif not live.is_dir() and ManifestHeader.load(rebuilt) is not None:
            folder = rebuilt  # a rebuild stopped between its two renames: the next indexer completes it
        if not folder.is_dir() or not any(folder.glob("*.toc")):
            if building:
                raise StoreError(f"no rebuild of the index in {location.path} is in progress")
            raise StoreError(f"no index in {location.path}: run `quotewire index` on the corpus first")
        self.location = location
        self._building = building
        self._folder = folder if building else live
        self._identity = _folder_identity(folder) if folder == self._folder else None
        try:
            self._ix = whoosh_index.open_dir(str(folder))
            self._searcher: Searcher = self._ix.searcher()
        except Exception as exc:  # a damaged index raises anything from EOFError to pickle errors
            if building:  # a rebuild's folder is written as it is read: not damage, only too early
                raise StoreError(f"the rebuild of the index in {location.path} cannot be read yet") from exc
            raise _damaged(location, exc) from exc
        if building and self._searcher.doc_count() == 0:
            self.close()
            raise StoreError(f"the rebuild of the index in {location.path} has committed no articles yet")
        try:
            _lengths_in_memory(self._searcher)
        except Exception as exc:
            self.close()
            raise _damaged(location, exc) from exc
        self._parser = QueryParser()

    @property
    def building(self) -> bool:
        """Whether this reads a rebuild in progress (see the class docstring)."""
        return self._building

    def close(self) -> None:
        self._searcher.close()
        self._ix.close()

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @_reads
    def stale(self) -> bool:
        """Whether an indexer has committed since this index was opened or refreshed, or a
        rebuild being read was swapped in (cheap: a stat or two and a look at the index's
        table of contents)."""
        identity = _folder_identity(self._folder)
        if identity is None:  # a rebuild's folder is gone: swapped in (or given up)
            return self._building and _folder_identity(whoosh_dir(self.location)) is not None
        if identity != self._identity:
            return True
        try:
            return not self._searcher.up_to_date()
        except Exception:
            return False

    def refresh(self) -> bool:
        """Pick up what an indexer committed since; True when anything changed.

        A rebuild replaces the whole index folder: then the new index is opened (the old
        one's files are gone, so reading on from it would find nothing). A reader of a
        rebuild in progress moves to the live index once the rebuild is swapped in."""
        if self._building and _folder_identity(self._folder) is None:
            live = whoosh_dir(self.location)
            if _folder_identity(live) is None:
                return False  # between the two renames of the swap: try again later
            self._folder, self._building, self._identity = live, False, None
        identity = _folder_identity(self._folder)
        if identity is None:
            return False  # between the two renames of a rebuild: try again later
        if identity != self._identity:
            try:
                ix = whoosh_index.open_dir(str(self._folder))
                searcher = ix.searcher()
            except Exception:
                return False  # not complete yet (or damaged, which the next indexer reports)
            self.close()
            self._ix, self._searcher, self._identity = ix, searcher, identity
        else:
            fresh = self._searcher.refresh()
            if fresh is self._searcher:
                return False
            self._searcher = fresh
        _lengths_in_memory(self._searcher)
        for cached in ("_order", "_rank", "_articles", "_row_columns", "_speakers", "_vocabulary"):
            self.__dict__.pop(cached, None)
        return True

    # -- the article list ------------------------------------------------------------

    @_reads
    def count(self) -> int:
        return self._searcher.doc_count()

    @cached_property
    def _rank(self) -> dict[int, int]:
        """Document number -> row in the list (a `]` jump needs it; list.index took 2.5 ms at 100k)."""
        return {docnum: row for row, docnum in enumerate(self._order)}

    @cached_property
    def _order(self) -> list[int]:
        """Live document numbers, newest first; undated articles last, then by title."""
        reader = self._searcher.reader()
        # Whole columns at once (iterating is several times faster than indexing them), then
        # two stable sorts with plain keys, which beats one sort on tuples at 100k rows.
        days = [max(day, 0) for day in reader.column_reader("day")]
        titles = [title.casefold() for title in reader.column_reader("title")]
        order = list(reader.all_doc_ids()) if reader.has_deletions() else list(range(len(days)))
        order.sort(key=titles.__getitem__)
        order.sort(key=days.__getitem__, reverse=True)
        return order

    @cached_property
    def _row_columns(self) -> dict:
        """The columns a list row or a search hit reads, opened once: opening one reads its
        whole table of offsets (about 5 ms for each of three columns at 100k articles)."""
        reader = self._searcher.reader()
        return {name: reader.column_reader(name) for name in ("id", "title", "source", "day", "quotes")}

    @_reads
    def rows(self, offset: int, limit: int) -> list[ArticleRow]:
        """Rows `offset` to `offset + limit` of the article list (newest first)."""
        return [self._row(self._row_columns, n) for n in self._order[max(offset, 0) : max(offset, 0) + limit]]

    @staticmethod
    def _row(columns, docnum: int) -> ArticleRow:
        return ArticleRow(
            id=columns["id"][docnum],
            title=columns["title"][docnum],
            source=columns["source"][docnum] or None,
            date=_day(columns["day"][docnum]),
            quotes=max(columns["quotes"][docnum], 0),
        )

    @_reads
    def position(self, article_id: str) -> int | None:
        """Where an article stands in the list, or None when it is not indexed."""
        docnum = self._searcher.document_number(id=article_id)
        if docnum is None:
            return None
        return self._rank.get(docnum)

    @_reads
    def ids_under(self, prefix: str) -> list[str]:
        """Ids of every article whose path starts with `prefix` ("feeds/", "feeds/bbc/"), in
        list order (newest first). Reads the path words, not the documents: 0.4-0.6 s for
        100,000 articles, 5 ms for 1,000."""
        docnums: list[int] = []
        for leaf, offset in self._searcher.reader().leaf_readers():
            deleted = leaf.is_deleted if leaf.has_deletions() else None
            for word, info in leaf.iter_prefix("path", prefix):
                # A path is one article's: its only posting is in the word's own record.
                found = (info.min_id(),) if info.doc_frequency() == 1 else leaf.postings("path", word).all_ids()
                docnums.extend(offset + n for n in found if deleted is None or not deleted(n))
        rank = self._rank
        docnums.sort(key=rank.__getitem__)
        ids = self._row_columns["id"]
        return [ids[docnum] for docnum in docnums]

    # -- articles ----------------------------------------------------------------------

    @_reads
    def article(self, article_id: str) -> Article | None:
        docnum = self._searcher.document_number(id=article_id)
        return None if docnum is None else self._article_at(docnum)

    @_reads
    def article_by_path(self, path: str) -> Article | None:
        docnum = self._searcher.document_number(path=path)
        return None if docnum is None else self._article_at(docnum)

    @cached_property
    def _articles(self):
        return self._searcher.reader().column_reader("article")

    def _article_at(self, docnum: int) -> Article:
        return Article.model_validate_json(self._articles[docnum])

    # -- search --------------------------------------------------------------------------

    @_reads
    def search(self, text: str, limit: int = 20) -> SearchResults:
        """Ranked hits for a query in the query language; raises QueryError when it cannot be read."""
        query = self._parser.parse(text)
        try:
            return self._run(text, query, limit)
        except QueryError:
            raise
        except Exception as exc:
            raise self._query_failed(text, exc) from exc

    @_reads
    def matching_ids(self, text: str) -> list[str]:
        """Ids of every article matching a query, best first: no snippets and no count limit
        (for exports). Raises QueryError as `search` does."""
        query = self._parser.parse(text)
        try:
            query = bound(query, self._searcher.reader(), text)
            results = self._searcher.search(query, limit=None, terms=False)
            ids = self._row_columns["id"]
            return [ids[docnum] for docnum, _score in results.items()]
        except QueryError:
            raise
        except Exception as exc:
            raise self._query_failed(text, exc) from exc

    def _query_failed(self, text: str, exc: Exception) -> Exception:
        """Whoosh fails on some queries it parsed (`date:""`): a QueryError when the index
        itself still reads, else the damage."""
        try:
            probe_segments(self._ix)
            for hit in self._searcher.search(Every(), limit=1):
                hit.fields()
        except Exception:
            return _damaged(self.location, exc)
        return QueryError(f"cannot run query {text!r} ({exc}); if other queries fail too, the index may "
                          "be damaged: run `quotewire index --rebuild`")

    def _run(self, text: str, query: Query, limit: int) -> SearchResults:
        reader = self._searcher.reader()
        query = bound(query, reader, text)
        # One word (`title:w^2 OR body:w`) is ranked by reading few of its posting blocks
        # (scoring.py); anything else by Whoosh. Both give the same hits, order and scores.
        top = top_hits(self._searcher, query, max(limit, 1))
        if top is None:
            top = self._searcher.search(query, limit=max(limit, 1), terms=False).items()
        # Snippets come from the shown hits' bodies, analysed again (snippets.py), around
        # the body words the query looks for (wildcards expanded).
        words = frozenset(_wanted_words(query, reader, ("body",)))
        analyzer = self._searcher.schema["body"].analyzer
        columns = self._row_columns
        hits = []
        for docnum, score in top:
            fields = self._searcher.stored_fields(docnum)
            body = fields.get("body") or ""
            snippet = snippet_of(body, words, analyzer) if words else None
            if snippet is None or not snippet.text:
                snippet = Snippet(text=lead(body))
            hits.append(SearchHit(row=self._row(columns, docnum), path=fields.get("path", ""),
                                  score=float(score or 0.0), snippet=snippet))
        total, more = self._count(query, len(hits), limit)
        suggestion = self._suggest(text) if total == 0 else None
        return SearchResults(query=text, total=total, more=more, hits=tuple(hits), suggestion=suggestion)

    def _count(self, query: Query, found: int, limit: int) -> tuple[int, bool]:
        """How many articles match, counted up to COUNT_LIMIT.

        Whoosh's exact count (`len(results)`) gathers every match: at 100k articles it was
        70% of a one-word search (100 ms of 130). Fewer hits than asked for means every match
        was collected; a word found in more live articles than the limit needs no counting;
        otherwise the matches are walked without scoring, up to the limit."""
        if found < max(limit, 1):
            return found, False
        if _at_least(query, self._searcher.reader()) >= COUNT_LIMIT:
            return COUNT_LIMIT, True
        count = 0
        for leaf, _offset in self._searcher.leaf_searchers():
            reader = leaf.reader()
            deleted = reader.is_deleted if reader.has_deletions() else None
            matcher = query.matcher(leaf, leaf.boolean_context())
            while matcher.is_active():
                if deleted is None or not deleted(matcher.id()):
                    count += 1
                    if count >= COUNT_LIMIT:
                        return COUNT_LIMIT, True
                matcher.next()
        return count, False

    @cached_property
    def _vocabulary(self) -> Vocabulary:
        return Vocabulary.load(whoosh_dir(self.location))

    def _suggest(self, text: str) -> str | None:
        """A corrected query that finds something, or None."""
        corrected = suggest_query(text, self._vocabulary)
        if corrected is None:
            return None
        try:
            found = self._searcher.search(bound(self._parser.parse(corrected), self._searcher.reader(), corrected),
                                          limit=1)
        except Exception:  # a correction that cannot run is no suggestion (damage shows elsewhere)
            return None
        return corrected if len(found) else None

    @_reads
    def match_spans(self, text: str, article: Article) -> list[Span]:
        """Where the query's words occur in the article's body, for highlighting in the reader."""
        try:
            query = bound(self._parser.parse(text), self._searcher.reader(), text)
            words = _wanted_words(query, self._searcher.reader(), ("body", "title", "quote"))
        except QueryError:
            return []
        except Exception as exc:
            error = self._query_failed(text, exc)
            if isinstance(error, QueryError):
                return []
            raise error from exc
        if not words or not article.body:
            return []
        analyzer = self._searcher.schema["body"].analyzer
        snippet = highlight(article.body, words, analyzer, WholeFragmenter(charlimit=None),
                            SnippetFormatter(), top=1)
        return list(snippet.matches) if isinstance(snippet, Snippet) else []

    # -- speakers and their quotes ---------------------------------------------------------

    @cached_property
    def _speakers(self) -> dict[str, SpeakerInfo]:
        reader = self._searcher.reader()
        counts: dict[str, int] = {}
        for term in reader.lexicon("speakers"):
            name = term.decode("utf-8") if isinstance(term, bytes) else term
            counts[name] = reader.doc_frequency("speakers", name)
        canonical = link_names(counts)
        variants: dict[str, list[str]] = defaultdict(list)
        for name in counts:
            variants[canonical.get(name, name)].append(name)
        return {
            name_key(main): SpeakerInfo(name=main, variants=tuple(sorted(names)),
                                        articles=sum(counts[n] for n in names))
            for main, names in variants.items()
        }

    @_reads
    def speakers(self) -> list[SpeakerInfo]:
        """Everyone quoted in the corpus, most widely quoted first."""
        return sorted(self._speakers.values(), key=lambda s: (-s.articles, s.name.casefold()))

    @_reads
    def speaker(self, name: str) -> SpeakerInfo | None:
        """The speaker called `name` (any spelling or alias, any case), if quoted anywhere."""
        key = name_key(name)
        if not key:
            return None
        if key in self._speakers:
            return self._speakers[key]
        for info in self._speakers.values():
            if any(name_key(v) == key for v in info.variants):
                return info
        # A bare surname ("abe") or a partial name names the speaker when only one fits.
        fits = [info for info in self._speakers.values()
                if any(f" {name_key(v)} ".find(f" {key} ") >= 0 for v in info.variants)]
        return fits[0] if len(fits) == 1 else None

    @_reads
    def quotes_by(self, name: str) -> list[QuoteRef]:
        """Every quote of a speaker across the corpus, oldest article first."""
        info = self.speaker(name)
        if info is None:
            return []
        reader = self._searcher.reader()
        docnums: set[int] = set()
        for variant in info.variants:
            if reader.doc_frequency("speakers", variant):
                docnums.update(reader.postings("speakers", variant).all_ids())
        wanted = set(info.variants)
        refs = []
        for docnum in docnums:
            if reader.is_deleted(docnum):
                continue
            article = self._article_at(docnum)
            refs.extend(
                QuoteRef(article_id=article.id, title=article.title, source=article.source,
                         date=article.date, index=i, quote=q, url=article.url)
                for i, q in enumerate(article.quotes) if q.speaker in wanted
            )
        refs.sort(key=lambda r: (r.date is None, r.date or date.min, r.title.casefold(), r.article_id, r.index))
        return refs

    @_reads
    def all_quotes(self) -> list[QuoteRef]:
        """Every attributed or unattributed quote in the corpus, in list order (newest first)."""
        refs = []
        for docnum in self._order:
            article = self._article_at(docnum)
            refs.extend(
                QuoteRef(article_id=article.id, title=article.title, source=article.source,
                         date=article.date, index=i, quote=q, url=article.url)
                for i, q in enumerate(article.quotes)
            )
        return refs


def _at_least(query: Query, reader) -> int:
    """A lower bound on the live articles a query matches, from word statistics alone: a
    word's articles less every deleted one; the best branch of an OR. 0 when unknown."""
    if type(query) is Term:  # (not its subclasses, which stand for other words)
        if query.fieldname not in reader.schema:
            return 0
        deleted = reader.doc_count_all() - reader.doc_count()
        return max(0, reader.doc_frequency(query.fieldname, query.text) - deleted)
    if isinstance(query, Or):
        return max((_at_least(child, reader) for child in query.children()), default=0)
    return 0


def _wanted_words(query: Query, reader, fields: tuple[str, ...]) -> set[str]:
    """The indexed words a query looks for in `fields`, wildcards expanded, negations left out."""
    words: set[str] = set()
    stack = [query]
    while stack:
        node = stack.pop()
        if isinstance(node, Not):
            continue
        if node.is_leaf():
            for field, word in node.expanded_terms(reader):
                if field in fields:
                    words.add(word.decode("utf-8") if isinstance(word, bytes) else word)
        else:
            stack.extend(node.children())
    return words
