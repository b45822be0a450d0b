"""Writing one Whoosh segment: the posting buffer and the final write, made cheaper.

Measured on 5,000 articles, Whoosh's own `PostingPool` cost more than a third of the build:
it keeps every posting as a 5-tuple (about 200 bytes), so it fills its memory limit every
thousand articles, then sorts all postings, pickles them one by one to a run file, and at
the end merges the runs back posting by posting. `PostingBuffer` keeps each word's postings
together (a few dozen bytes each); a spill writes a word's list as one record, and since
documents arrive in order the runs are merged word by word, their lists simply joined.

The final write then goes a block of postings at a time rather than a posting at a time
(Whoosh also read one byte from a length column file per posting), and leaves small blocks
uncompressed. The segment files it writes are Whoosh's own (tests/test_store_segments.py
compares every posting with Whoosh's writer). whoosh-reloaded is pinned and no longer
maintained, so the writer internals used here stay put.
"""

from __future__ import annotations

import heapq
import pickle
from array import array

from whoosh.codec.whoosh3 import W3Codec, _lenfield
from whoosh.util import random_name
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

# Rough memory per posting (two array slots, a list slot and the value's bytes object) and
# per distinct word, for the buffer's memory limit.
_POSTING_BYTES = 56
_WORD_BYTES = 400
_COMPRESS_FROM = 8  # postings a word needs before its blocks are compressed
_LENGTHS = [None] + [byte_to_length(code) for code in range(1, 256)]


class PostingBuffer:
    """Stands in for Whoosh's PostingPool: postings in, postings out sorted by field, word
    and document, spilling to temporary files beyond `limitmb`."""

    def __init__(self, tempstore, segment, limitmb: int = 128, **_ignored) -> None:
        self.tempstore = tempstore
        self.segment = segment
        self.limit = limitmb * 1024 * 1024
        self.size = 0
        self.fieldnames: set[str] = set()
        # field -> word -> [document numbers, weights, encoded values]
        self.words: dict[str, dict[bytes, list]] = {}
        self.runs: list[str] = []

    def add_field(self, fieldname: str, docnum: int, items, boost: float, scorable: bool) -> int:
        """Add one document's postings for one field, `items` as Whoosh's `Field.index`
        gives them; returns the field's length in the document."""
        field = self.words.get(fieldname)
        if field is None:
            field = self.words[fieldname] = {}
            self.fieldnames.add(fieldname)
        size = length = 0
        for word, freq, weight, value in items:
            length += freq
            postings = field.get(word)
            if postings is None:
                postings = field[word] = [array("i"), array("f"), []]
                size += _WORD_BYTES + len(word)
            postings[0].append(docnum)
            postings[1].append(weight * boost)
            postings[2].append(value)
            size += _POSTING_BYTES + len(value)
        self.size += size
        if self.size > self.limit:
            self.save()
        return length if scorable else 0

    def add(self, item) -> None:
        fieldname, word, docnum, weight, value = item
        if docnum < 0:  # Whoosh's marker for a spelling word: never written, so never kept
            return
        field = self.words.get(fieldname)
        if field is None:
            field = self.words[fieldname] = {}
            self.fieldnames.add(fieldname)
        postings = field.get(word)
        if postings is None:
            postings = field[word] = [array("i"), array("f"), []]
            self.size += _WORD_BYTES + len(word)
        postings[0].append(docnum)
        postings[1].append(weight)
        postings[2].append(value)
        self.size += _POSTING_BYTES + (len(value) if value else 0)
        if self.size > self.limit:
            self.save()

    def _sorted(self):
        """The buffered postings, one record per word: (field, word, docnums, weights, values)."""
        for fieldname in sorted(self.words):
            field = self.words[fieldname]
            for word in sorted(field):
                docnums, weights, values = field[word]
                yield fieldname, word, docnums, weights, values

    def save(self) -> None:
        """Write what is buffered to a run file and start again."""
        if not self.words:
            return
        name = f"{random_name()}.postings"
        with self.tempstore.create_file(name).raw_file() as out:
            pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
            pickler.fast = True  # no memo: it would keep every record (here and when read back)
            for fieldname, word, docnums, weights, values in self._sorted():
                pickler.dump((fieldname, word, docnums.tobytes(), weights.tobytes(), values))
            pickler.dump(None)
        self.runs.append(name)
        self.words = {}
        self.size = 0

    def _read_run(self, name: str):
        with self.tempstore.open_file(name).raw_file() as source:
            unpickler = pickle.Unpickler(source)
            while (record := unpickler.load()) is not None:
                fieldname, word, docnums, weights, values = record
                ids, ws = array("i"), array("f")
                ids.frombytes(docnums)
                ws.frombytes(weights)
                yield fieldname, word, ids, ws, values

    def iter_words(self):
        """Every word's postings, in order: (field, word, docnums, weights, values)."""
        if not self.runs:
            yield from self._sorted()
            return
        # Runs were written in document order: a word's postings from an earlier run all come
        # before its postings from a later one, so equal words join by concatenation.
        sources = [self._read_run(name) for name in self.runs] + [self._sorted()]
        keyed = heapq.merge(*sources, key=lambda record: (record[0], record[1]))
        pending = None
        for record in keyed:
            if pending is not None and (record[0], record[1]) == (pending[0], pending[1]):
                pending = _join(pending, record)
                continue
            if pending is not None:
                yield pending
            pending = record
        if pending is not None:
            yield pending

    def iter_postings(self):
        """Whoosh's interface: (field, word, docnum, weight, value) in sorted order."""
        for fieldname, word, docnums, weights, values in self.iter_words():
            yield from zip([fieldname] * len(docnums), [word] * len(docnums), docnums, weights, values)

    def cleanup(self) -> None:
        for name in self.runs:
            try:
                self.tempstore.delete_file(name)
            except OSError:
                pass
        self.runs = []
        self.words = {}


def _join(first, second):
    fieldname, word, docnums, weights, values = first
    if docnums and second[2] and second[2][0] <= docnums[-1]:
        # Not in document order (cannot happen with Whoosh's writers; kept exact anyway).
        merged = sorted(zip(docnums.tolist() + second[2].tolist(), weights.tolist() + second[3].tolist(),
                            list(values) + list(second[4])), key=lambda posting: posting[0])
        return (fieldname, word, array("i", (p[0] for p in merged)), array("f", (p[1] for p in merged)),
                [p[2] for p in merged])
    return fieldname, word, docnums + second[2], weights + second[3], list(values) + list(second[4])


class _Lengths:
    """The segment's field lengths, read once from its length columns for the final write
    (Whoosh reads one byte from the column file for every posting it writes)."""

    def __init__(self, writer: SegmentWriter) -> None:
        self.storage = writer.storage
        self.segment = writer.get_segment()
        self.doccount = self.segment.doc_count_all()
        self.columns: dict[str, bytes] = {}

    def column(self, fieldname: str) -> bytes:
        """One length code per document (0 for none)."""
        column = self.columns.get(fieldname)
        if column is None:
            column = self.columns[fieldname] = length_codes(self.storage, self.segment, fieldname) or b""
            column = self.columns[fieldname] = column.ljust(self.doccount, b"\0")
        return column


def length_codes(storage, segment, fieldname: str) -> bytes | None:
    """A segment's length column for a field as bytes, one code per document (shorter when
    the last documents have none), or None when the segment has no such file."""
    name = W3Codec.column_filename(segment, _lenfield(fieldname))
    if not storage.file_exists(name):
        return None
    with storage.open_file(name) as source:
        return source.read()


def _write_words(fieldwriter, schema, lengths: _Lengths, words) -> None:
    """Write each word's postings in blocks, as Whoosh's `FieldWriter.add_postings` does
    posting by posting (same blocks, same statistics, same bytes), a block at a time."""
    lastfield = None
    column = b""
    compression = fieldwriter._codec._compression
    for fieldname, word, docnums, weights, values in words:
        if fieldname != lastfield:
            if lastfield is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lastfield = fieldname
            column = lengths.column(fieldname)
        fieldwriter.start_term(word)
        postwriter = fieldwriter._postwriter
        limit = postwriter._blocklimit
        count = len(docnums)
        # zlib costs ~12 us a call whatever the size, and barely shrinks a block of a few
        # postings (most words of a segment have only a few): those blocks stay plain.
        postwriter._compression = compression if count >= _COMPRESS_FROM else 0
        for start in range(0, count, limit):
            end = min(start + limit, count)
            ids = docnums[start:end]
            codes = [code for code in (column[docnum] for docnum in ids) if code]
            postwriter._ids = array("I", ids)
            postwriter._weights = weights[start:end]
            postwriter._values = [value for value in values[start:end] if value]
            postwriter._minlength = _LENGTHS[min(codes)] if codes else None
            postwriter._maxlength = _LENGTHS[max(codes)] if codes else 0
            postwriter._maxweight = max(0, max(postwriter._weights))
            if end < count:
                postwriter._write_block()  # the last block is written by finish_term
        fieldwriter.finish_term()
    if lastfield is not None:
        fieldwriter.finish_field()


class BulkWriting:
    """Mixin for Whoosh segment writers: the compact posting buffer and the block writer."""

    def _start(self, init, ix, limitmb: int = 128, **kwargs) -> None:
        """Run the Whoosh writer's `init`, then swap in the buffer. Whoosh takes the index
        lock before it creates the segment's files: when that fails (disk full), the lock
        is released here rather than whenever the half-made writer is garbage-collected."""
        try:
            init(self, ix, limitmb=limitmb, **kwargs)
        except BaseException:
            lock = getattr(self, "writelock", None)
            if lock is not None:
                lock.release()
            raise
        self.pool = PostingBuffer(self._tempstorage, self.newsegment, limitmb=limitmb)
        # Fields this writer's add_document does not handle (none in quotewire's schema).
        self._whoosh_adds = any(field.vector or field.separate_spelling() for _, field in self.schema.items())

    def add_document(self, **fields) -> None:
        """Whoosh's `SegmentWriter.add_document`, handing the buffer a field's postings at a
        time instead of a posting at a time."""
        if self._whoosh_adds:
            return SegmentWriter.add_document(self, **fields)
        self._check_state()
        schema = self.schema
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        docboost = self._doc_boost(fields)
        docnum = self.docnum
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields.get(name)
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    length = self.pool.add_field(name, docnum, field.index(value),
                                                 self._field_boost(fields, name, docboost), field.scorable)
                custom = fields.get(f"_stored_{name}", value)
                perdoc.add_field(name, field, custom if field.stored else None, length)
                if field.column_type and custom is not None:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(custom))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        _write_words(self.fieldwriter, self.schema, _Lengths(self), self.pool.iter_words())
        self.fieldwriter.close()


class BulkSegmentWriter(BulkWriting, SegmentWriter):
    """Whoosh's SegmentWriter with the compact posting buffer and the block writer."""

    def __init__(self, ix, **kwargs) -> None:
        self._start(SegmentWriter.__init__, ix, **kwargs)
