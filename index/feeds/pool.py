"""Doing a feed's downloads a few at a time: a feed of summaries means one page per entry,
and waiting for each server in turn is most of a fetch's time.

Written here rather than with concurrent.futures because its worker threads are joined when
the program exits: after Ctrl-C the command would hang until a stalled download timed out.
These workers are daemon threads that only download (the caller saves, in its own thread),
so leaving one behind at exit loses nothing but a page nobody will save.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .download import Cancelled

Job = TypeVar("Job")
Result = TypeVar("Result")

PAGE_WORKERS = 4  # at once, per feed: what a browser opens to one site, and polite to a news server
_POLL_SECONDS = 0.1  # how soon the caller notices `cancelled()` while every download is waiting


def in_parallel(jobs: Iterable[Job], work: Callable[[Job, Callable[[], bool]], Result], *,
                cancelled: Callable[[], bool], workers: int = PAGE_WORKERS,
                ) -> Iterator[tuple[Job, Result | Exception]]:
    """`work(job, stopping)` for every job on up to `workers` threads, yielding (job, result or
    the exception it raised) in the order they finish.

    `stopping()` (for `work` to check) turns true when `cancelled()` does or the caller stops
    iterating; then no new job starts and Cancelled is raised here. Close the iterator (or
    let it run out) to stop the workers."""
    todo: queue.SimpleQueue = queue.SimpleQueue()
    count = 0
    for job in jobs:
        todo.put(job)
        count += 1
    if not count:
        return
    done: queue.SimpleQueue = queue.SimpleQueue()
    halted = threading.Event()

    def stopping() -> bool:
        return halted.is_set() or cancelled()

    def worker() -> None:
        while not stopping():
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            try:
                outcome = work(job, stopping)
            except Exception as exc:  # handed to the caller, who decides what it means
                outcome = exc
            done.put((job, outcome))

    for number in range(min(workers, count)):
        threading.Thread(target=worker, name=f"quotewire-download-{number + 1}", daemon=True).start()
    try:
        for _ in range(count):
            while True:
                if cancelled():
                    raise Cancelled()
                try:
                    job, outcome = done.get(timeout=_POLL_SECONDS)
                    break
                except queue.Empty:
                    continue
            if isinstance(outcome, Cancelled):
                raise Cancelled()
            yield job, outcome
    finally:
        halted.set()
