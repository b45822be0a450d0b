"""Extraction: people, organisations, places, groups and dates, quotations and who said them.

The rest of quotewire uses only what is re-exported here: the `Extractor` interface, the
default rule engine, the name helpers the store uses to merge people across articles,
`extraction_batch`, the collector setting for extracting many articles in a row, and
`extract_file(s)`, ingest and extraction of files outside any index.
"""

from index.extract.batch import extraction_batch
from index.extract.engine import Extractor, RuleExtractor, default_extractor, extract
from index.extract.files import extract_file, extract_files
from index.extract.names import link_names, name_key

__all__ = ["Extractor", "RuleExtractor", "default_extractor", "extract", "extract_file", "extract_files",
           "extraction_batch", "link_names", "name_key"]
