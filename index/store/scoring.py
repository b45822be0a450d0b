"""The best hits of a one-word search, found by reading few of the word's posting blocks.

A one-word search is `title:w^2 OR body:w`. Whoosh scores it document by document, and its
block skipping barely helps an OR: a block of the body's postings is skipped only when the
title's current block cannot score either. A common word is in half the bodies of the
archive (50,000 postings at 100k articles), and scoring them one by one in Python took
40-150 ms.

This scores the same query with the same BM25F arithmetic, so it returns the same hits in
the same order with the same scores (tests/test_store_scoring.py compares it with
Whoosh), but it decodes only the blocks that can hold a top hit: the smaller posting list
(the title's) is scored whole; every block of the larger one gets an upper bound from its
header (its largest term frequency with its shortest field, as Whoosh bounds a block, and
for each document of the smaller list in the block's range, that document's own score plus
the block's best with the document's own length), and blocks are read best bound first
until no remaining bound can reach the current tenth score. The title's scores alone are a
lower bound for a document's final score (BM25 never takes away), so the tenth best of them
rules out most of the body's blocks before any is read.

Anything else (phrases, AND, NOT, wildcards, several words) goes to Whoosh.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from whoosh.codec.whoosh3 import W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import Or, Query, Term
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

# A document's field length from its length code, as Whoosh's scorer reads it (code 0: 1).
_LENGTHS = [1] + [byte_to_length(code) for code in range(1, 256)]


def _terms(query: Query) -> list[Term] | None:
    """The words of a query this module can rank: one word, or an OR of two, each in one
    field with a boost; None for anything else."""
    if type(query) is Term:
        return [query]
    if (type(query) is Or and query.boost == 1.0 and not query.scale and not query.minmatch
            and len(query.subqueries) == 2 and all(type(sub) is Term for sub in query.subqueries)):
        return list(query.subqueries)
    return None


@dataclass
class _List:
    """One word's postings in one segment, with how they score."""

    matcher: object  # Whoosh's raw block matcher, or any matcher for a short inlined list
    scorer: BM25FScorer
    boost: float
    lengths: bytes | None  # the field's length codes, one per document
    postings: int
    _norms: list[float] | None = None  # BM25's length part by length code (`scores`)

    def length(self, docnum: int) -> int:
        if self.lengths is not None:
            return _LENGTHS[self.lengths[docnum]]
        return self.scorer.dfl(docnum)

    def score(self, weight: float, docnum: int) -> float:
        # Whoosh's BM25F, then the boost as its wrapping matcher applies it.
        score = self.scorer._score(weight, self.length(docnum))
        return score * self.boost if self.boost != 1.0 else score

    def scores(self, ids, weights) -> list[float]:
        """`score` for a block of postings at once. The per-posting calls (score, Whoosh's
        _score and bm25, length) were most of a common word's search; with the field's
        length codes in memory, the length part of BM25's denominator is worked out once per
        code, and the rest is Whoosh's `bm25` expression written out, operation for
        operation, so every score is the same float."""
        scorer = self.scorer
        if self.lengths is None or type(scorer) is not BM25FScorer:
            return [self.score(weight, docnum) for docnum, weight in zip(ids, weights)]  # a new list
        idf, k1 = scorer.idf, scorer.K1
        norms = self._norms
        if norms is None:
            avgfl, b = scorer.avgfl, scorer.B
            norms = self._norms = [k1 * ((1 - b) + b * fl / avgfl) for fl in _LENGTHS]
        codes = self.lengths
        scores = [idf * ((tf * (k1 + 1)) / (tf + norms[codes[docnum]])) for docnum, tf in zip(ids, weights)]
        boost = self.boost
        return [score * boost for score in scores] if boost != 1.0 else scores

    def bound(self, maxweight: float, length: int) -> float:
        score = self.scorer._score(maxweight, length)
        return score * self.boost if self.boost != 1.0 else score

    def all(self) -> tuple[list[int], list[float]]:
        """Every posting: document numbers and scores."""
        matcher = self.matcher
        ids, scores = [], []
        while matcher.is_active():
            docnum = matcher.id()
            ids.append(docnum)
            scores.append(self.score(matcher.weight(), docnum))
            matcher.next()
        return ids, scores


def _lengths(leaf_reader, fieldname: str) -> bytes | None:
    perdoc = getattr(leaf_reader, "_perdoc", None)
    codes = getattr(perdoc, "_readers", {}).get(_lenfield(fieldname))
    return codes if isinstance(codes, bytes) else None  # held in memory by the reader (reader.py)


def _open(leaf_searcher, term: Term) -> _List | None:
    reader = leaf_searcher.reader()
    if term.fieldname not in reader.schema:
        return None
    field = reader.schema[term.fieldname]
    try:
        text = field.to_bytes(term.text)
    except ValueError:
        return None
    if (term.fieldname, text) not in reader:
        return None
    matcher = reader.postings(term.fieldname, text)
    if isinstance(matcher, FilterMatcher):  # deletions are left out by the caller
        matcher = matcher.child
    scorer = leaf_searcher.weighting.scorer(leaf_searcher, term.fieldname, text)
    return _List(matcher, scorer, term.boost, _lengths(reader, term.fieldname),
                 reader.doc_frequency(term.fieldname, text))


def _blocks(matcher: W3LeafMatcher):
    """Each block's (position, last document, largest weight, shortest length), read from
    the block headers only, as Whoosh's matcher reads them when it moves to a block."""
    postfile = matcher._postfile
    position = matcher._baseoffset
    while True:
        postfile.seek(position)
        length = postfile.read_int()
        _count, maxid, maxweight, _compression, minlength, _maxlength = postfile.read_pickle()
        yield position, maxid, maxweight, byte_to_length(minlength)
        if length < 0:
            return
        position += _INT_SIZE + length


def _decode(matcher: W3LeafMatcher, position: int) -> tuple[tuple[int, ...], object]:
    matcher._goto(position)
    matcher._read_ids()
    matcher._read_weights()
    return matcher._ids, matcher._weights


class _Top:
    """The best `limit` (score, -docnum) pairs seen: Whoosh's order (higher score first, then
    the lower document number)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.heap: list[tuple[float, int]] = []

    def add(self, score: float, docnum: int) -> None:
        item = (score, -docnum)
        if len(self.heap) < self.limit:
            heapq.heappush(self.heap, item)
        elif item > self.heap[0]:
            heapq.heapreplace(self.heap, item)

    def floor(self) -> float | None:
        """The score a document must beat to get in (None while there is room)."""
        return self.heap[0][0] if len(self.heap) >= self.limit else None

    def ranked(self) -> list[tuple[int, float]]:
        return [(-negative, score) for score, negative in sorted(self.heap, reverse=True)]


def top_hits(searcher, query: Query, limit: int) -> list[tuple[int, float]] | None:
    """The best `limit` (document number, score) pairs for `query` exactly as Whoosh's
    `searcher.search(query, limit=limit)` ranks them, or None when the query is not one
    this module ranks (then ask Whoosh)."""
    terms = _terms(query)
    if terms is None or type(searcher.weighting) is not BM25F or limit < 1:
        return None
    schema = searcher.schema
    if any(term.fieldname in schema and not schema[term.fieldname].scorable or not term.boost > 0
           for term in terms):
        return None  # unscored fields are weighed otherwise; the bounds need positive scores
    top = _Top(limit)
    for leaf, offset in searcher.leaf_searchers():
        lists = [_open(leaf, term) for term in terms]
        reader = leaf.reader()
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        _rank_segment(lists, top, offset, deleted)
    return top.ranked()


def _rank_segment(lists: list[_List | None], top: _Top, offset: int, deleted) -> None:
    present = [(order, lst) for order, lst in enumerate(lists) if lst is not None]
    if not present:
        return
    # The list scored whole is the shorter one; the longer one is read by its block bounds.
    present.sort(key=lambda item: item[1].postings)
    (small_order, small), (large_order, large) = present if len(present) == 2 else ((None, None), present[0])
    if not isinstance(large.matcher, W3LeafMatcher):  # short lists (Whoosh inlines them): score all
        _rank_all(lists, top, offset, deleted)
        return
    small_first = small is not None and small_order < large_order

    def combine(small_score: float, large_score: float) -> float:
        # Whoosh's union adds the first subquery's score to the second's.
        return small_score + large_score if small_first else large_score + small_score

    alone = dict(zip(*small.all())) if small is not None else {}  # small-list scores on their own
    # A lower bound for the last score that gets in: the small list's scores alone (BM25 only adds).
    lower = sorted((score for docnum, score in alone.items() if docnum not in deleted), reverse=True)
    floor = lower[top.limit - 1] if len(lower) >= top.limit else None
    small_ids = sorted(alone)
    blocks = []  # (bound, position, first document it may hold, last document)
    previous = -1
    for position, maxid, maxweight, minlength in _blocks(large.matcher):
        bound = large.bound(maxweight, minlength)
        for docnum in small_ids[bisect_right(small_ids, previous):bisect_right(small_ids, maxid)]:
            bound = max(bound, combine(alone[docnum], large.bound(maxweight, large.length(docnum))))
        blocks.append((bound, position, previous + 1, maxid))
        previous = maxid
    # Small-list documents past the large list's last block are in the small list only.
    for docnum in small_ids[bisect_right(small_ids, previous):]:
        if docnum not in deleted:
            top.add(alone[docnum], offset + docnum)
    blocks.sort(key=lambda block: -block[0])
    for bound, position, first, maxid in blocks:
        current = top.floor()
        # Strictly below: a document scoring exactly the floor may still win on its number.
        if floor is not None and bound < floor or current is not None and bound < current:
            break
        block_ids, weights = _decode(large.matcher, position)
        scores = large.scores(block_ids, weights)
        # The few small-list documents in this block's range: combined with their posting
        # here, or on their own when the block does not hold them.
        for docnum in small_ids[bisect_left(small_ids, first):bisect_right(small_ids, maxid)]:
            at = bisect_left(block_ids, docnum)
            if at < len(block_ids) and block_ids[at] == docnum:
                scores[at] = combine(alone[docnum], scores[at])
            elif docnum not in deleted:
                top.add(alone[docnum], offset + docnum)
        # Only a score at or above the current floor can get in (a tie may, on its lower
        # number): the others are passed over without a call.
        least = top.floor()
        for docnum, score in zip(block_ids, scores):
            if (least is None or score >= least) and docnum not in deleted:
                top.add(score, offset + docnum)
                least = top.floor()


def _rank_all(lists: list[_List | None], top: _Top, offset: int, deleted) -> None:
    """Every posting scored, summed in the query's order (for short lists)."""
    totals: dict[int, float] = {}
    for lst in lists:
        if lst is None:
            continue
        for docnum, score in zip(*lst.all()):
            totals[docnum] = totals[docnum] + score if docnum in totals else score
    for docnum, score in totals.items():
        if docnum not in deleted:
            top.add(score, offset + docnum)
