"""quotewire's data side: article models, ingest, extraction and the Whoosh store.

Data flows files -> `ingest` -> `extract` -> `store`; `feeds` brings files in from RSS and
Atom feeds, `export` takes articles and quotes out. What is named here is the whole API the
TUI and the command line use (`Library` is the door to a corpus and its index, the rest are
the types it hands out and the few operations that need no index); they never import
`index.<module>` directly. Nothing here imports Textual or `tui`.
"""

from .atomic import written_whole
from .export import EXPORT_FORMATS, ExportFormat, export_articles, export_quotes, extract_record
from .extract import extract_file, extract_files
from .feeds import FEEDS_DIR, Feed, FeedCheckError, FeedError, FeedResult, FeedStatus, FetchProgress, FetchReport
from .ingest import reads_as_article
from .library import Library
from .models import Article, Entity, EntityLabel, Quote, Span, Speaker
from .store import (ArticleRow, CorpusIndex, IndexBusy, IndexReport, QueryError, QuoteRef, SearchHit, SearchResults,
                    SpeakerInfo, StoreError)

__all__ = [
    "EXPORT_FORMATS", "FEEDS_DIR", "Article", "ArticleRow", "CorpusIndex", "Entity", "EntityLabel", "ExportFormat",
    "Feed", "FeedCheckError", "FeedError", "FeedResult", "FeedStatus", "FetchProgress", "FetchReport", "IndexBusy",
    "IndexReport", "Library", "QueryError", "Quote", "QuoteRef", "SearchHit", "SearchResults", "Span", "Speaker",
    "SpeakerInfo", "StoreError", "export_articles", "export_quotes", "extract_file", "extract_files",
    "extract_record", "reads_as_article", "written_whole",
]
