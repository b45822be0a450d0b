"""quotewire's data side: article models, ingest, extraction and the Whoosh store.

Data flows files -> `ingest` -> `extract` -> `store`; `feeds` brings files in from RSS and
Atom feeds, `export` takes articles and quotes out. `Library` is the door the TUI and the
command line use. Nothing here imports Textual or `tui`.
"""

from .export import ExportFormat, export_articles, export_quotes
from .feeds import Feed, FeedError, FeedResult, FeedStatus, FetchProgress, FetchReport
from .library import Library
from .models import Article, Entity, EntityLabel, Quote, Span, Speaker

__all__ = [
    "Article", "Entity", "EntityLabel", "ExportFormat", "Feed", "FeedError", "FeedResult", "FeedStatus",
    "FetchProgress", "FetchReport", "Library", "Quote", "Span", "Speaker", "export_articles", "export_quotes",
]
