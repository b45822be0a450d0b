"""Writing one Whoosh segment: the posting buffer and the final write, made cheaper.

Measured on 5,000 articles, Whoosh's own `PostingPool` cost more than a third of the build:
it keeps every posting as a 5-tuple (about 200 bytes), so it fills its memory limit every
thousand articles, then sorts all postings, pickles them one by one to a run file, and at
the end merges the runs back posting by posting. `PostingBuffer` keeps each word's postings
together (a few dozen bytes each); a spill writes a word's list as one record, and since
documents arrive in order the runs are merged word by word, their lists simply joined.

Writers hand over documents in batches (`add_documents`), indexed a field at a time: each
analyzer then runs over many documents in a row, on a warm processor cache.

The final write (`_TermsWriter`) then writes each word's records itself, into buffers,
rather than through Whoosh's per-posting writer objects (Whoosh also read one byte from a
length column file per posting), pickles blocks with a newer protocol and leaves small
blocks uncompressed. The segment files it writes are in Whoosh's own format and read back
the same (tests/test_store_segments.py compares every posting with Whoosh's writer).
whoosh-reloaded is pinned and no longer maintained, so the writer internals used here stay put.
"""

from __future__ import annotations

import heapq
import pickle
import struct
from array import array
from collections import defaultdict, deque
from hashlib import md5
from itertools import chain, repeat
from operator import sub
from pickle import dumps
from zlib import compress

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC as _BLOCK_MAGIC
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo, _lenfield
from whoosh.filedb.filetables import _lengths as _KEY_VALUE_LENGTHS
from whoosh.system import pack_int, pack_ushort
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from .analysis import encode_positions, fused_analyzer

# Memory per posting besides its value's bytes (three list slots and their share of the
# list's spare room; documents, weights and single positions are shared objects) and per
# distinct word, for the buffer's memory limit: measured, 140 MB for 5,000 articles'
# 2.75 million postings and 121,000 words, which these estimate as 150 MB.
_POSTING_BYTES = 32
_WORD_BYTES = 300
_COMPRESS_FROM = 8  # postings a word needs before its blocks are compressed
# Words are pickled together in a run file (a spill), up to 256 words or 1,000 posting
# entries a chunk: fewer pickle calls, while merging N runs holds only N small chunks (a
# count of words alone let chunks of common words reach megabytes: 690 MB at 100k articles;
# 3,000 entries still took 440 MB).
_RUN_CHUNK = 256
_RUN_CHUNK_ENTRIES = 1000
_TERMINFO = W3TermInfo._struct  # flags, weight, doc count, min and max length codes, max weight, first and last id
_EXTENT = struct.Struct("!qi")  # where a word's postings are in the postings file: offset, length
# Blocks are pickled with protocol 3, Whoosh's writer uses 2: protocol 2 has no bytes type, so
# it writes each posting's value as a latin-1 string rebuilt through `codecs.encode` when
# read. Readers unpickle either into the same tuple; protocol 3 pickles five times faster
# (the final write takes a third less time), and the postings file is a third smaller and
# quicker to read.
_BLOCK_PROTOCOL = 3


class _Float32(dict):
    """Weight -> the same weight as a 32-bit float, as Whoosh stores it (few distinct weights)."""

    def __missing__(self, weight: float) -> float:
        rounded = self[weight] = array("f", (weight,))[0]
        return rounded


_FLOAT32 = _Float32()


class _Weights(dict):
    """Frequency -> weight for one field boost: one shared float per frequency, so that a
    posting's weight costs a list slot rather than a new float object."""

    def __init__(self, boost: float) -> None:
        super().__init__()
        self.boost = boost

    def __missing__(self, freq: int) -> float:
        weight = self[freq] = freq * self.boost
        return weight


class PostingBuffer:
    """Stands in for Whoosh's PostingPool: postings in, postings out sorted by field, word
    and document, spilling to temporary files beyond `limitmb`.

    Each word's postings are one flat list, (document, weight, value) after another, filled
    a document's words at a time by C loops (`map`, `list.extend`) rather than a Python
    statement per posting."""

    def __init__(self, tempstore, segment, limitmb: int = 128, **_ignored) -> None:
        self.tempstore = tempstore
        self.segment = segment
        self.limit = limitmb * 1024 * 1024
        self.size = 0
        self.fieldnames: set[str] = set()
        # field -> word -> [docnum, weight, value, docnum, weight, value, ...]
        self.words: dict[str, defaultdict[bytes, list]] = {}
        self.runs: list[str] = []
        self._weights: dict[float, _Weights] = {}

    def _field(self, fieldname: str) -> defaultdict[bytes, list]:
        field = self.words.get(fieldname)
        if field is None:
            field = self.words[fieldname] = defaultdict(list)
            self.fieldnames.add(fieldname)
        return field

    def add_positions(self, fieldname: str, docnum: int, found: dict[bytes, list[int]], boost: float,
                      scorable: bool) -> int:
        """Add one document's postings for a Positions field, `found` as a fused analyzer's
        `positions` gives them and `boost` the field's; returns the field's length in the
        document. The postings are those `Field.index` would give (same weights, same values)."""
        field = self._field(fieldname)
        known = len(field)
        words = list(found)
        freqs = list(map(len, found.values()))
        weights = self._weights.get(boost)
        if weights is None:
            weights = self._weights[boost] = _Weights(boost)
        values = list(map(encode_positions, found.values()))
        deque(map(list.extend, map(field.__getitem__, words), zip(repeat(docnum), map(weights.__getitem__, freqs),
                                                                   values)), maxlen=0)
        self.size += (len(field) - known) * _WORD_BYTES + len(words) * _POSTING_BYTES + sum(map(len, values))
        if self.size > self.limit:
            self.save()
        return sum(freqs) if scorable else 0

    def add_field(self, fieldname: str, docnum: int, items, boost: float, scorable: bool) -> int:
        """Add one document's postings for one field, `items` as Whoosh's `Field.index`
        gives them; returns the field's length in the document."""
        field = self._field(fieldname)
        size = length = 0
        for word, freq, weight, value in items:
            length += freq
            postings = field.get(word)
            if postings is None:
                postings = field[word] = []
                size += _WORD_BYTES + len(word)
            postings.extend((docnum, weight * boost, value))
            size += _POSTING_BYTES + len(value)
        self.size += size
        if self.size > self.limit:
            self.save()
        return length if scorable else 0

    def add(self, item) -> None:
        fieldname, word, docnum, weight, value = item
        if docnum < 0:  # Whoosh's marker for a spelling word: never written, so never kept
            return
        field = self._field(fieldname)
        postings = field.get(word)
        if postings is None:
            postings = field[word] = []
            self.size += _WORD_BYTES + len(word)
        postings.extend((docnum, weight, value))
        self.size += _POSTING_BYTES + (len(value) if value else 0)
        if self.size > self.limit:
            self.save()

    def _sorted(self):
        """The buffered postings, one record per word: (field, word, flat postings)."""
        for fieldname in sorted(self.words):
            field = self.words[fieldname]
            for word in sorted(field):
                yield fieldname, word, field[word]

    def save(self) -> None:
        """Write what is buffered to a run file and start again."""
        if not self.words:
            return
        name = f"{random_name()}.postings"
        with self.tempstore.create_file(name).raw_file() as out:
            pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
            pickler.fast = True  # no memo: it would keep every record (here and when read back)
            chunk: list = []
            entries = 0
            for record in self._sorted():
                chunk.append(record)
                entries += len(record[2])
                if entries >= _RUN_CHUNK_ENTRIES or len(chunk) >= _RUN_CHUNK:
                    pickler.dump(chunk)
                    chunk, entries = [], 0
            if chunk:
                pickler.dump(chunk)
            pickler.dump(None)
        self.runs.append(name)
        self.words = {}
        self.size = 0

    def _read_run(self, name: str):
        with self.tempstore.open_file(name).raw_file() as source:
            unpickler = pickle.Unpickler(source)
            while (chunk := unpickler.load()) is not None:
                yield from chunk

    def flat_words(self):
        """Every word's postings, in order, as (field, word, flat postings)."""
        if not self.runs:
            yield from self._sorted()
            return
        # Records compare as tuples: by field, by word, then (the same word from two runs) by
        # their first document. Runs were written in document order, so a word's postings
        # from an earlier run come first and equal words join by concatenation. Comparing the
        # records themselves, with no key function, keeps the merge's comparisons in C.
        sources = [self._read_run(name) for name in self.runs] + [self._sorted()]
        merged = heapq.merge(*sources)
        pending = next(merged, None)
        if pending is None:
            return
        field, word, flat = pending
        for record in merged:
            if record[1] == word and record[0] == field:
                flat = _join(flat, record[2])
                continue
            yield field, word, flat
            field, word, flat = record
        yield field, word, flat

    def iter_words(self):
        """Every word's postings, in order: (field, word, docnums, weights, values), the
        weights as 32-bit floats as Whoosh keeps them."""
        for fieldname, word, flat in self.flat_words():
            yield fieldname, word, flat[0::3], array("f", flat[1::3]), flat[2::3]

    def iter_postings(self):
        """Whoosh's interface: (field, word, docnum, weight, value) in sorted order."""
        for fieldname, word, docnums, weights, values in self.iter_words():
            yield from zip(repeat(fieldname), repeat(word), docnums, weights, values)

    def cleanup(self) -> None:
        for name in self.runs:
            try:
                self.tempstore.delete_file(name)
            except OSError:
                pass
        self.runs = []
        self.words = {}


def _join(first: list, second: list) -> list:
    """Two flat posting lists of one word as one, in document order."""
    if first and second and second[0] <= first[-3]:
        # Not in document order (cannot happen with Whoosh's writers; kept exact anyway).
        postings = sorted(zip(first[0::3] + second[0::3], first[1::3] + second[1::3], first[2::3] + second[2::3]),
                          key=lambda posting: posting[0])
        return [item for posting in postings for item in posting]
    return first + second


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


class _TermsWriter:
    """Writes a segment's terms and postings files in Whoosh's W3 format, a word at a time.

    Whoosh's own path (`FieldWriter.add_postings` through `W3PostingsWriter` and
    `OrderedHashWriter`) makes a dozen Python calls and two small file writes per posting or
    per word; most words of a segment have one or two postings, so that machinery cost more
    than the postings themselves (a third of a helper's time). This writes the same records
    (block header, pickled block info and data, term info, hash-table entry) into two
    buffers flushed in large pieces, and hands the hash table's bookkeeping back to Whoosh's
    writer, which closes the files as usual. Blocks of fewer than `_COMPRESS_FROM` postings
    are left uncompressed (zlib costs ~12 us a call whatever the size and barely shrinks them).
    """

    _FLUSH = 1 << 20

    def __init__(self, fieldwriter, schema, lengths: _Lengths) -> None:
        self.fieldwriter = fieldwriter
        self.schema = schema
        self.lengths = lengths
        self.tindex = fieldwriter._tindex
        self.postfile = fieldwriter._postfile
        self.fieldmap = fieldwriter._fieldmap
        codec = fieldwriter._codec
        # Whoosh inlines a word's postings in its term info below this many (default 1:
        # never, since every word has a posting); those records are not written here.
        assert codec._inlinelimit <= 1, "inlined postings are not supported"
        self.blocklimit = codec._blocklimit
        self.compression = codec._compression
        self.posts: list[bytes] = []
        self.posts_at = self.postfile.tell()  # file offset of the end of what is buffered
        self.terms: list[bytes] = []
        self.terms_at = self.tindex.dbfile.tell()

    def write(self, records) -> None:
        """`records`: (field, word, flat postings) sorted by field then word, as the posting
        buffer gives them. A word with one posting (four in ten) skips the slicing and the
        block loop: its records are built straight from its three values."""
        lastfield = None
        column = b""
        fieldkey = b""
        values_of = None
        posts, terms = self.posts, self.terms
        buckets = self.tindex.buckets
        positions = self.tindex.index
        single32 = _FLOAT32
        terminfo_of = _TERMINFO.pack
        extent_of = _EXTENT.pack
        lengths_of = _KEY_VALUE_LENGTHS.pack
        from_bytes = int.from_bytes
        posts_at, terms_at = self.posts_at, self.terms_at
        flush_posts, flush_terms = posts_at + self._FLUSH, terms_at + self._FLUSH
        key = b""
        for fieldname, word, flat in records:
            if fieldname != lastfield:
                lastfield = fieldname
                fieldid = self.fieldmap.setdefault(fieldname, len(self.fieldmap))
                fieldkey = pack_ushort(fieldid)
                column = self.lengths.column(fieldname)
                values_of = _values_maker(self.schema[fieldname].format.fixed_value_size())
            if len(flat) == 3:
                docnum, weight, value = flat
                weight = single32[weight]
                code = column[docnum]
                top = weight if weight > 0 else 0
                data = dumps(((docnum,), None if weight == 1.0 else weight, values_of((value,))), _BLOCK_PROTOCOL)
                info = dumps((1, docnum, top, 0, code, code), 2)
                block = b"".join((_BLOCK_MAGIC, pack_int(-len(info) - len(data)), info, data))
                terminfo = terminfo_of(0, weight, 1, code, code, top, docnum, docnum) + extent_of(posts_at, len(block))
            else:
                block, terminfo = self._postings(flat, column, values_of, posts_at)
            posts.append(block)
            posts_at += len(block)
            key = fieldkey + word
            entry = lengths_of(len(key), len(terminfo)) + key + terminfo
            positions.append(terms_at)
            hashed = from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")  # Whoosh's md5_hash
            buckets[hashed & 255].append((hashed, terms_at))
            terms.append(entry)
            terms_at += len(entry)
            if posts_at > flush_posts or terms_at > flush_terms:
                self._flush()
                flush_posts, flush_terms = posts_at + self._FLUSH, terms_at + self._FLUSH
        self.posts_at, self.terms_at = posts_at, terms_at
        if key:
            self.tindex.lastkey = key
        self._flush()

    def _postings(self, flat: list, column: bytes, values_of, start: int) -> tuple[bytes, bytes]:
        """A word's posting list (its blocks) and its term info, for a word with several postings."""
        docnums = flat[0::3]
        weights = array("f", flat[1::3])  # Whoosh keeps weights as 32-bit floats
        values = flat[2::3]
        count = len(docnums)
        comp = self.compression if count >= _COMPRESS_FROM else 0
        blocklimit = self.blocklimit
        codes = [code for code in map(column.__getitem__, docnums) if code]
        chunk = [_BLOCK_MAGIC]
        total_weight = 0
        max_weight = 0
        for first in range(0, count, blocklimit):
            last = min(first + blocklimit, count)
            if first == 0 and last == count:  # one block: most words
                ids, ws, vs = docnums, weights, values
                block_codes = codes
            else:
                ids, ws, vs = docnums[first:last], weights[first:last], values[first:last]
                block_codes = [code for code in map(column.__getitem__, ids) if code]
            block_max = max(0, max(ws))
            total_weight += sum(ws)
            if block_max > max_weight:
                max_weight = block_max
            data = dumps((tuple(map(sub, ids, chain((0,), ids))), _mini_weights(ws), values_of(vs)), _BLOCK_PROTOCOL)
            if comp:
                data = compress(data, comp)
            info = dumps((len(ids), ids[-1], block_max, comp,
                          min(block_codes) if block_codes else 0, max(block_codes) if block_codes else 0), 2)
            size = len(info) + len(data)
            chunk.append(pack_int(-size if last == count else size))
            chunk.append(info)
            chunk.append(data)
        block = b"".join(chunk)
        terminfo = _TERMINFO.pack(0, total_weight, count, min(codes) if codes else 0, max(codes) if codes else 0,
                                  max_weight, docnums[0], docnums[-1]) + _EXTENT.pack(start, len(block))
        return block, terminfo

    def _flush(self) -> None:
        if self.posts:
            self.postfile.write(b"".join(self.posts))
            self.posts.clear()
        if self.terms:
            self.tindex.dbfile.write(b"".join(self.terms))
            self.terms.clear()


def _mini_weights(weights):
    """A block's weights as Whoosh stores them: None when all are 1, one number when all are
    equal, else all of them."""
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else first
    return tuple(weights)


def _values_maker(fixed_size):
    """How Whoosh stores a block's posting values for a format with this fixed value size."""
    if fixed_size is None or fixed_size < 0:
        return lambda values: tuple(filter(None, values))  # the non-empty ones
    if fixed_size == 0:
        return lambda values: None
    return lambda values: b"".join(filter(None, values))


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
        self.add_documents([fields])

    def add_documents(self, docs: list[dict]) -> None:
        """Whoosh's `SegmentWriter.add_document` for each of `docs`, handing the buffer a
        field's postings at a time instead of a posting at a time, and field by field: each
        field's analysis runs over all the documents in a row, then each document's stored
        fields and columns are written."""
        if self._whoosh_adds:
            for fields in docs:
                SegmentWriter.add_document(self, **fields)
            return
        self._check_state()
        schema = self.schema
        pool = self.pool
        first = self.docnum
        plans = []
        for fields in docs:
            names = sorted(name for name in fields if not name.startswith("_"))
            self._check_fields(schema, names)
            plans.append((names, self._doc_boost(fields)))
        lengths: list[dict[str, int]] = [{} for _ in docs]
        for name in sorted({name for names, _ in plans for name in names}):
            field = schema[name]
            if not field.indexed:
                continue
            analyzer = fused_analyzer(field)
            for number, fields in enumerate(docs):
                value = fields.get(name)
                if value is None:
                    continue
                boost = self._field_boost(fields, name, plans[number][1])
                if analyzer is not None and isinstance(value, str) and boost == 1.0:
                    length = pool.add_positions(name, first + number, analyzer.positions(value),
                                                field.format.field_boost, field.scorable)
                else:
                    length = pool.add_field(name, first + number, field.index(value), boost, field.scorable)
                lengths[number][name] = length
        perdoc = self.perdocwriter
        for number, fields in enumerate(docs):
            perdoc.start_doc(first + number)
            try:
                for name in plans[number][0]:
                    value = fields.get(name)
                    if value is None:
                        continue
                    field = schema[name]
                    custom = fields.get(f"_stored_{name}", value)
                    perdoc.add_field(name, field, custom if field.stored else None, lengths[number].get(name, 0))
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
        _TermsWriter(self.fieldwriter, self.schema, _Lengths(self)).write(self.pool.flat_words())
        self.fieldwriter.close()


class BulkSegmentWriter(BulkWriting, SegmentWriter):
    """Whoosh's SegmentWriter with the compact posting buffer and the block writer."""

    def __init__(self, ix, **kwargs) -> None:
        self._start(SegmentWriter.__init__, ix, **kwargs)
