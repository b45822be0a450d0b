"""Extracting many articles in a row: the garbage collector tuned for it.

Extraction allocates a few thousand small objects per article (tokens, mentions, models)
and frees nearly all of them by reference counting once the article is done. CPython's
collector still walks the young ones every 700 allocations, so it keeps walking an
article's working set while it is being built. Inside `extraction_batch()` the first
generation collects every 20,000 allocations instead, which lets most of an article's
objects go before any collection sees them; reference cycles are still collected, only
less often. bench/extract_speed.py times extraction with and without it. The standard
library does the work (`gc.set_threshold`); this only restores the thresholds afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BATCH_THRESHOLD = 20_000


@contextmanager
def extraction_batch(threshold: int = BATCH_THRESHOLD) -> Iterator[None]:
    """Run a batch of `extract` calls with the first-generation threshold raised to `threshold`
    (never lowered, and left at 0 when collection was switched off that way), restoring the
    previous thresholds on exit."""
    previous = gc.get_threshold()
    if previous[0]:
        gc.set_threshold(max(threshold, previous[0]), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
