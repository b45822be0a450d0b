"""quotewire's data side: article models, ingest, extraction and the Whoosh store.

Data flows files -> `ingest` -> `extract` -> `store`; `Library` is the door the TUI and
the command line use. Nothing here imports Textual or `tui`.
"""

from .library import Library
from .models import Article, Entity, EntityLabel, Quote, Span, Speaker

__all__ = ["Article", "Entity", "EntityLabel", "Library", "Quote", "Span", "Speaker"]
