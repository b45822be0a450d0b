"""quotewire's widgets, one per module."""

from .article_list import ArticleList
from .entities_list import EntitiesList
from .index_status import IndexStatus
from .inert import fuzzy_highlight, inert, inert_content
from .quotes_list import QuotesList
from .reader import ArticleReader, MarkKind
from .search_bar import SearchBar
from .status_line import StatusLine

__all__ = [
    "ArticleList", "ArticleReader", "EntitiesList", "IndexStatus", "MarkKind", "QuotesList",
    "SearchBar", "StatusLine", "fuzzy_highlight", "inert", "inert_content",
]
