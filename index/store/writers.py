"""Whoosh writers that fail safely: stopped, failed or orphaned, they never leave a partial commit.

Whoosh's parallel writer (`MpWriter`) farms documents out to helper processes. As shipped it
cannot be stopped: its `cancel()` flips a flag on the parent's copy of each helper, so the
helpers keep running (and keep the index locked) after the parent was cancelled or killed;
a helper that dies (disk full) is silently left out of the commit, losing its documents; and
when every helper is dead the parent blocks forever on the full job queue. The subclasses
below fix those three things.

They also let the helpers do more than Whoosh's share: the parent hands them items (an
ingested article) and each helper turns its items into documents with `prepare` (extraction)
before indexing them, so extraction runs on every core instead of in the parent alone.
Every writer here writes its segment with `BulkSegmentWriter`'s posting buffer (segments.py).
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import LockError, SegmentWriter

from ..extract.batch import extraction_batch
from .segments import BulkSegmentWriter, BulkWriting

# Turns what the indexer hands a writer into the fields of one Whoosh document.
Prepare = Callable[[object], dict]

_PARENT_POLL = 0.5  # seconds between a helper's checks that its parent is still alive
_QUEUE_POLL = 0.5  # seconds between the parent's checks that its helpers are still alive

# File descriptors a forked helper must not keep open: the indexer's lock file, so that a
# helper outliving its parent for a moment never makes the index look busy.
_CLOSE_IN_CHILD: set[int] = set()


def _close_inherited() -> None:
    for fd in list(_CLOSE_IN_CHILD):
        try:
            os.close(fd)
        except OSError:
            pass
    _CLOSE_IN_CHILD.clear()


os.register_at_fork(after_in_child=_close_inherited)


def close_in_children(fd: int, close: bool = True) -> None:
    """Register (or, with close=False, forget) a descriptor forked helpers must close."""
    if close:
        _CLOSE_IN_CHILD.add(fd)
    else:
        _CLOSE_IN_CHILD.discard(fd)


class WriterFailed(OSError):
    """A helper process writing part of the index died; nothing of this batch was committed."""


class _HelperTask(SubWriterTask):
    """A Whoosh helper process that prepares its own documents, writes its segment with
    `BulkSegmentWriter`, leaves interrupts to its parent and exits when orphaned."""

    def __init__(self, *args, prepare: Prepare | None = None) -> None:
        super().__init__(*args)
        self.prepare = prepare  # reaches the helper by fork, never pickled

    def run(self) -> None:
        # Ctrl-C reaches the whole process group: the parent decides, and stops its helpers.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
        parent = os.getppid()

        def watch() -> None:
            while True:
                time.sleep(_PARENT_POLL)
                if os.getppid() != parent:  # the parent was killed: its batch is lost anyway
                    os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
        # This process is the indexer's alone, so is its garbage collection: what it inherited
        # from its parent (a whole TUI, maybe) is never garbage here, and walking it would
        # also copy its pages (fork shares them until written); then extraction's many
        # short-lived objects are collected in larger batches (index/extract/batch.py).
        gc.freeze()
        try:
            with extraction_batch():
                self._write_segment()
        except OSError as exc:  # disk full...: the parent names the error from the exit code
            os._exit(exc.errno if exc.errno and 1 < exc.errno < 126 else 1)
        except BaseException:
            traceback.print_exc(file=sys.stderr)  # a bug in extraction: say where before leaving
            sys.stderr.flush()
            os._exit(1)
        # Leave without Python's exit machinery: forked from a thread of a thread pool (a
        # Textual worker), it would try to join that pool's threads, its own included, and
        # fail ("cannot join current thread"). First make sure the result reached the parent.
        self.resultqueue.close()
        self.resultqueue.join_thread()
        os._exit(0)

    def _write_segment(self) -> None:
        """Whoosh's SubWriterTask.run (multisegment), with the bulk writer."""
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        while (job := self.jobqueue.get()) is not None:
            self._process_file(*job)
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        self.resultqueue.put((None, fieldnames, segment), timeout=5)

    def _process_file(self, filename, doc_count) -> None:
        writer = self.writer
        tempstorage = writer.temp_storage()
        prepare = self.prepare
        with tempstorage.open_file(filename).raw_file() as source:
            unpickler = pickle.Unpickler(source)
            jobs = [unpickler.load() for _ in range(doc_count)]
        # The whole job is prepared before any of it is indexed (see _prepared).
        writer.add_documents(_prepared(jobs, prepare))
        tempstorage.delete_file(filename)


_ITEM = 1  # a queued item to prepare; Whoosh's own code 0 is a document's fields
# Items prepared in a row before their documents are indexed (and those field by field,
# `add_documents`): one job of a helper process, or a batch of the single writer. Extraction and each field's analysis run faster on a warm processor
# cache: alternating them article by article cost 15% more CPU over a whole build (measured
# on 1,000 articles: 6% for preparing in batches, 8% more for indexing field by field).
BATCH = 100


def _prepared(jobs: list[tuple[int, object]], prepare: Prepare | None) -> list[dict]:
    return [prepare(item) if code == _ITEM else item for code, item in jobs]


class SafeMpWriter(BulkWriting, MpWriter):
    """`MpWriter` whose cancel stops its helpers, whose commit refuses a partial batch, and
    whose helpers can prepare documents from items (`add_item`)."""

    def __init__(self, ix, *, prepare: Prepare | None = None, **kwargs) -> None:
        self._start(MpWriter.__init__, ix, **kwargs)
        self.prepare = prepare

    def add_item(self, item) -> None:
        """Queue an item for a helper to prepare and index."""
        self.docbuffer.append((_ITEM, item))
        if len(self.docbuffer) >= self.batchsize:
            self._enqueue()
        self._added_sub = True

    def _new_task(self):
        task = _HelperTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                           self.multisegment, prepare=self.prepare)
        self.tasks.append(task)
        task.start()
        return task

    def _check_helpers(self) -> None:
        dead = [task.exitcode for task in self.tasks if task.exitcode not in (None, 0)]
        if dead:
            code = dead[0]
            if code > 1:
                raise WriterFailed(code, f"a process writing the index failed: {os.strerror(code)}")
            raise WriterFailed(f"a process writing the index stopped (exit code {code})")

    def _enqueue(self) -> None:
        # Whoosh's _enqueue, except that a full queue is waited on in steps, checking that
        # the helpers that should empty it are still alive.
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as f:
            pickler = pickle.Pickler(f, pickle.HIGHEST_PROTOCOL)
            pickler.fast = True  # no memo: the helper's unpickler would keep every document
            for item in self.docbuffer:
                pickler.dump(item)
        if len(self.tasks) < self.procs:
            self._new_task()
        job = (filename, len(self.docbuffer))
        while True:
            try:
                self.jobqueue.put(job, timeout=_QUEUE_POLL)
                break
            except queue.Full:
                self._check_helpers()
        self.docbuffer = []

    def commit(self, mergetype=None, optimize=None, merge=None):
        self._check_helpers()
        super().commit(mergetype=mergetype, optimize=optimize, merge=merge)

    def _commit_toc(self, segments):
        # Called by Whoosh's parallel commit after every helper was joined: a helper that
        # failed would be missing from `segments`, so nothing is committed.
        self._check_helpers()
        super()._commit_toc(segments)

    def cancel(self):
        for task in self.tasks:
            if task.is_alive():
                task.kill()
        for task in self.tasks:
            task.join(timeout=5)
        SegmentWriter.cancel(self)


class SingleWriter(BulkSegmentWriter):
    """One process: prepares the items itself, `BATCH` at a time."""

    def __init__(self, ix, *, prepare: Prepare | None = None, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self.prepare = prepare
        self._items: list = []

    def add_item(self, item) -> None:
        self._items.append((_ITEM, item))
        if len(self._items) >= BATCH:
            self._index_items()

    def _index_items(self) -> None:
        items, self._items = self._items, []
        self.add_documents(_prepared(items, self.prepare))

    def commit(self, *args, **kwargs):
        self._index_items()
        super().commit(*args, **kwargs)

    def cancel(self):
        self._items = []
        super().cancel()


def open_writer(ix, *, timeout: float, procs: int = 1, prepare: Prepare | None = None, **options):
    """A writer on `ix`: one process, or `SafeMpWriter` for several. Both index documents
    (`add_document(**fields)`) and items turned into documents by `prepare` (`add_item`).

    Raises whoosh's LockError when another writer holds the index."""
    if procs > 1:
        return SafeMpWriter(ix, procs=procs, timeout=timeout, prepare=prepare, **{"batchsize": BATCH, **options})
    return SingleWriter(ix, timeout=timeout, prepare=prepare, **options)


def abandon(writer) -> None:
    """Cancel a writer after a failure without raising, and make sure its lock is released.

    Cancelling after a failed write (disk full) can fail again while closing files; the
    error that matters is the first one, and the lock must not outlive the writer."""
    try:
        writer.cancel()
    except Exception:
        lock = getattr(writer, "writelock", None)
        if lock is not None:
            try:
                lock.release()
            except Exception:
                pass
        writer.is_closed = True


__all__ = ["LockError", "Prepare", "SafeMpWriter", "SingleWriter", "WriterFailed", "abandon", "close_in_children",
           "open_writer"]
