"""The Whoosh store: where an index lives, how it is brought up to date, how it is read."""

from .indexer import IndexBusy, IndexDamaged, IndexReport, StoreError, update_index
from .location import IndexLocation, locate_index
from .query import QueryError
from .reader import CorpusIndex
from .results import ArticleRow, QuoteRef, SearchHit, SearchResults, Snippet, SpeakerInfo

__all__ = [
    "ArticleRow", "CorpusIndex", "IndexBusy", "IndexDamaged", "IndexLocation", "IndexReport", "QueryError",
    "QuoteRef", "SearchHit", "SearchResults", "Snippet", "SpeakerInfo", "StoreError",
    "locate_index", "update_index",
]
