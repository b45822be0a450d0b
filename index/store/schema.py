"""The Whoosh schema: which parts of an article are searchable, sortable and stored.

Bump SCHEMA_VERSION whenever the schema or what is stored in it changes: an index written
with another version is rebuilt automatically from the source files.
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.columns import CompressedBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.support.charset import accent_map

SCHEMA_VERSION = 5

# Body text: stemmed ("talks" finds "talk") and accent-folded ("Sao Paulo" finds "São Paulo").
_prose = StemmingAnalyzer() | CharsetFilter(accent_map)
# Names: every word kept (no stop words, no stemming), accent-folded, so that "Kim Jong-un",
# "Kim Jong Un" and "KIM JONG UN" index to the same three words.
_names = RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map)

# What users type before a colon in a query, and the Whoosh field each one searches.
QUERY_FIELDS: dict[str, str] = {
    "title": "title",
    "body": "body",
    "text": "body",
    "source": "source",
    "dateline": "dateline",
    "date": "date",
    "quote": "quote",
    "speaker": "speaker",
    "entity": "entity",
    "person": "person",
    "org": "org",
    "place": "place",
    "path": "path",
    "id": "id",
}
DEFAULT_FIELDS = ("title", "body")


def build_schema() -> Schema:
    return Schema(
        id=ID(unique=True, stored=True, sortable=True),
        # The article's own path ("a/b.jsonl#3"), and the file it came from ("a/b.jsonl"):
        # re-indexing a changed file deletes every article that came from it.
        path=ID(stored=True),
        file=ID,
        # Columns (sortable=True) feed the article list without unpickling whole documents.
        title=TEXT(analyzer=_prose, stored=True, field_boost=2.0, spelling=True, sortable=True),
        source=TEXT(analyzer=_names, stored=True, sortable=True),
        dateline=TEXT(analyzer=_names, stored=True),
        date=DATETIME(stored=True),
        # The date as a day number (0 when unknown) for sorting: Whoosh's DATETIME column
        # cannot hold "no date".
        day=NUMERIC(sortable=True, default=0),
        # No separate spelling field for the body: it doubled the build time. "Did you mean"
        # draws on the body's own (stemmed) words and the title's unstemmed ones.
        # chars=True keeps each word's character offsets in the postings, so snippets are cut
        # without re-analysing every hit's body: 4x faster search with snippets, +8% index.
        body=TEXT(analyzer=_prose, stored=True, chars=True),
        quote=TEXT(analyzer=_prose),
        speaker=TEXT(analyzer=_names, stored=True),
        # Each canonical speaker name as one exact term: the corpus-wide speaker list is this
        # field's lexicon, and a speaker's articles are its postings.
        speakers=KEYWORD(commas=True, lowercase=False, scorable=False),
        entity=TEXT(analyzer=_names),
        person=TEXT(analyzer=_names),
        org=TEXT(analyzer=_names),
        place=TEXT(analyzer=_names),
        quotes=NUMERIC(stored=True, sortable=True),
        # The whole Article as compressed JSON, so the reader renders it without re-extracting.
        # A column, not a stored field: Whoosh unpickles all of a document's stored fields
        # whenever one is read (every search hit), and this is the largest by far.
        article=COLUMN(CompressedBytesColumn()),
    )
