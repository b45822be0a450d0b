"""The Whoosh schema: which parts of an article are searchable, sortable and stored.

Bump SCHEMA_VERSION whenever the schema or what is stored in it changes: an index written
with another version is rebuilt automatically from the source files.
"""

from __future__ import annotations

from whoosh.columns import CompressedBytesColumn, NumericColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, TEXT, Schema

from .analysis import NamesAnalyzer, ProseAnalyzer, fused

SCHEMA_VERSION = 9

# Body text: stemmed ("talks" finds "talk") and accent-folded ("Sao Paulo" finds "São Paulo").
_prose = ProseAnalyzer()
# Names: every word kept (no stop words, no stemming), accent-folded, so that "Kim Jong-un",
# "Kim Jong Un" and "KIM JONG UN" index to the same three words.
_names = NamesAnalyzer()

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
# What `entity:` searches (query.py): each name is indexed once, in its label's field.
ENTITY_FIELDS = ("entity", "person", "org", "place")


def build_schema() -> Schema:
    # Stored fields are only what a search hit reads (Whoosh unpickles all of a document's
    # stored fields for each hit); the article list reads columns. Text fields are `fused`:
    # indexed through their analyzer's one-loop path (analysis.py).
    return Schema(
        id=ID(unique=True, stored=True, sortable=True),
        # The article's own path ("a/b.jsonl#3"), and the file it came from ("a/b.jsonl"):
        # re-indexing a changed file deletes every article that came from it.
        path=ID(stored=True),
        file=ID,
        # Columns (sortable=True) feed the article list without unpickling whole documents.
        # No Whoosh spelling on the title: "did you mean" has its own word list (spelling.py).
        title=fused(TEXT(analyzer=_prose, field_boost=2.0, sortable=True)),
        source=fused(TEXT(analyzer=_names, sortable=True)),
        dateline=fused(TEXT(analyzer=_names)),
        date=DATETIME(),
        # The date as a day number (0 when unknown) for sorting: Whoosh's DATETIME column
        # cannot hold "no date". A plain column: nobody searches it, so it needs no terms.
        day=COLUMN(NumericColumn("i", default=0)),
        # Positions only (for phrases): snippets re-analyse the shown hits' bodies, which is
        # cheaper than decoding character offsets with every posting a search reads.
        body=fused(TEXT(analyzer=_prose, stored=True)),
        quote=fused(TEXT(analyzer=_prose)),
        speaker=fused(TEXT(analyzer=_names)),
        # Each canonical speaker name as one exact term: the corpus-wide speaker list is this
        # field's lexicon, and a speaker's articles are its postings.
        speakers=KEYWORD(commas=True, lowercase=False, scorable=False),
        # Names of groups ("Japanese", "Democrats"); a person's, an organisation's or a
        # place's name is in its own field only (see ENTITY_FIELDS).
        entity=fused(TEXT(analyzer=_names)),
        person=fused(TEXT(analyzer=_names)),
        org=fused(TEXT(analyzer=_names)),
        place=fused(TEXT(analyzer=_names)),
        quotes=COLUMN(NumericColumn("i", default=0)),
        # The whole Article as compressed JSON, so the reader renders it without re-extracting.
        # A column, not a stored field: Whoosh unpickles all of a document's stored fields
        # whenever one is read (every search hit), and this is the largest by far.
        article=COLUMN(CompressedBytesColumn()),
    )
