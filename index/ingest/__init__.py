"""Ingest: messy scraped files and saved web pages in, clean `Article`s out.

Scrapes carry navigation, subscription pleas, bylines and datelines around the story;
ingest finds the story, keeps what those lines tell (title, source, dateline, date) as
metadata, and never raises over a file's content: unreadable files become `Problem`s.
Entities and quotes are left empty for `index.extract`.
"""

from .article import Given, build_article
from .decoding import decode_bytes, decode_html
from .files import (MAX_ARTICLE_BYTES, SUPPORTED_SUFFIXES, describe_os_error, discover, iter_file, read_file,
                    reads_as_article)
from .formats import parse_document, parse_text
from .result import FileResult, Problem
from .webpage import parse_html

__all__ = [
    "MAX_ARTICLE_BYTES",
    "SUPPORTED_SUFFIXES",
    "FileResult",
    "Given",
    "Problem",
    "build_article",
    "decode_bytes",
    "decode_html",
    "describe_os_error",
    "discover",
    "iter_file",
    "parse_document",
    "parse_html",
    "parse_text",
    "read_file",
    "reads_as_article",
]
