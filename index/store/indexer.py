"""Build and incrementally update a corpus's Whoosh index.

Flow: discover files -> compare with the manifest (size+mtime, then content hash) -> ingest
only added or changed files -> delete the articles of changed and removed files, hand the
new ones to the writer, which extracts and indexes them (in helper processes for a big
batch, so extraction runs on every core) -> commit -> save the manifest.

A full (re)build is written into a fresh folder and swapped in when complete, so an
interrupted or failed rebuild leaves the previous index in place. Whatever stops a run
(Ctrl-C, kill -9, a full disk), the index holds the last commit: the next run finishes the
work, deleting any article of a file before adding it again, so nothing is indexed twice.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from whoosh import index as whoosh_index

from ..extract import Extractor, default_extractor
from ..ingest import Problem, describe_os_error, discover, iter_file
from ..models import Article, EntityLabel
from .location import IndexLocation
from .manifest import FileEntry, Manifest, ManifestHeader, file_digest
from .schema import SCHEMA_VERSION, build_schema
from .spelling import Vocabulary
from .writers import LockError, abandon, close_in_children, open_writer

WHOOSH_DIRNAME = "whoosh"

Progress = Callable[[int, int, str], None]

# Below this many files a single writer is faster than starting helper processes.
PARALLEL_BATCH = 1000


class StoreError(Exception):
    """A problem with the index the user must hear about, in one line."""


class IndexBusy(StoreError):
    pass


class IndexDamaged(StoreError):
    """The index cannot be read; `quotewire index --rebuild` recovers it from the source files."""


@dataclass
class IndexReport:
    location: IndexLocation
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    articles: int = 0  # articles in the index after the run
    problems: list[Problem] = field(default_factory=list)
    rebuilt: str | None = None  # why the index was built from scratch, when it was
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [
            f"{self.articles} articles indexed",
            f"{self.added} added, {self.changed} changed, {self.removed} removed, {self.unchanged} unchanged files",
        ]
        if self.problems:
            parts.append(f"{len(self.problems)} skipped")
        return "; ".join(parts) + f" ({self.seconds:.1f} s)"


_LABELS = tuple(EntityLabel)
# `model_dump_json` without its decode to str, which the column would encode back: the same bytes.
_ARTICLE_JSON = Article.__pydantic_serializer__.to_json


def to_document(article: Article, file: str) -> dict:
    """The Whoosh document for an article: searchable fields plus the whole article as JSON."""
    first_mentions: dict[EntityLabel, dict[str, None]] = {label: {} for label in _LABELS}
    for entity in article.entities:  # each name once, in order of first mention
        first_mentions[entity.label][entity.canonical] = None
    by_label = {label: list(canonicals) for label, canonicals in first_mentions.items()}
    # `entity` holds the names no other field holds; `entity:` also searches person, org and place.
    names = by_label[EntityLabel.GROUP]
    speakers = article.speaker_names()
    # Names are joined with a line break: a phrase query cannot match across two names (analysis.py).
    doc = {
        "id": article.id,
        "path": article.path,
        "file": file,
        "title": article.title,
        "source": article.source or "",
        "dateline": article.dateline or "",
        "body": article.body,
        "quote": "\n".join(q.text for q in article.quotes),
        "speaker": "\n".join(speakers),
        "speakers": ",".join(name.replace(",", " ") for name in speakers),
        "entity": "\n".join(names),
        "person": "\n".join(by_label[EntityLabel.PERSON]),
        "org": "\n".join(by_label[EntityLabel.ORG]),
        "place": "\n".join(by_label[EntityLabel.PLACE]),
        "quotes": len(article.quotes),
        # Every document fills every column: Whoosh drops a column from a segment where no
        # document has it, and a multi-segment reader then cannot read it at all.
        "day": article.date.toordinal() if article.date else 0,
        "article": _ARTICLE_JSON(article),
    }
    if article.date is not None:
        doc["date"] = datetime(article.date.year, article.date.month, article.date.day)
    return doc


def whoosh_dir(location: IndexLocation) -> Path:
    return location.path / WHOOSH_DIRNAME


def rebuild_dir(location: IndexLocation) -> Path:
    """Where a rebuild writes beside the live index until it is swapped in."""
    return location.path / f"{WHOOSH_DIRNAME}.new"


def finish_interrupted_swap(location: IndexLocation) -> None:
    """Complete a rebuild that was stopped between its two renames."""
    live, new = whoosh_dir(location), rebuild_dir(location)
    if not live.exists() and new.exists() and ManifestHeader.load(new) is not None:
        os.replace(new, live)


def clear_leftovers(location: IndexLocation) -> None:
    """Remove what an interrupted run left behind: a half-built rebuild, the previous index of
    a finished swap, temporary files. Called with the index lock held, so no run owns them."""
    for name in (f"{WHOOSH_DIRNAME}.new", f"{WHOOSH_DIRNAME}.old"):
        shutil.rmtree(location.path / name, ignore_errors=True)
    live = whoosh_dir(location)
    if not live.is_dir():
        return
    for path in live.iterdir():
        temporary = (path.name.startswith(".") and path.name.endswith(".tmp")  # manifest, vocabulary
                     or path.suffix == ".tmp" and path.is_dir()  # Whoosh's writer scratch folder
                     or ".toc." in path.name)  # a table of contents being written
        if temporary:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _files(corpus: Path) -> Iterator[tuple[str, Path]]:
    for path in discover(corpus):
        rel = path.name if corpus.is_file() else path.relative_to(corpus).as_posix()
        yield rel, path


def _writer_options(batch: int) -> dict:
    """Writer settings. Segments stay as separate files (compound=False): Whoosh copies a
    compound segment's stored fields into memory when a searcher opens it (300 MB at 100k).

    The multi-process writer for big batches: the main process reads files and skips
    duplicates while helper processes extract, analyse and write (measured in bench/).
    Each helper writes its own segment (multisegment) so the commit does not merge. A
    helper's posting buffer spills to disk beyond 32 MB (segments.py; spills are cheap), so
    that indexing stays under 500 MB in all whatever the size of the archive."""
    procs = min(os.cpu_count() or 1, int(os.environ.get("QUOTEWIRE_WRITER_PROCS", "2")))
    if procs > 1 and batch >= PARALLEL_BATCH:
        return {"procs": procs, "multisegment": True, "limitmb": 32, "compound": False}
    return {"procs": 1, "limitmb": 128, "compound": False}


class _Run:
    """One indexing run: decides what to redo, then does it with one writer."""

    def __init__(self, corpus: Path, location: IndexLocation, extractor: Extractor, report: IndexReport, *,
                 progress: Progress | None = None, commit_every: int | None = None,
                 committed: Callable[[], None] | None = None) -> None:
        self.corpus = corpus
        self.location = location
        self.extractor = extractor
        self.report = report
        self.progress = progress
        self.commit_every = commit_every
        self.committed = committed
        self.single_file = corpus.is_file()

    def open_target(self, rebuild_reason: str | None) -> tuple[Path, Manifest]:
        live = whoosh_dir(self.location)
        if rebuild_reason is None:
            manifest = Manifest.load(live)
            if manifest is not None:
                return live, manifest
            # rebuild_reason read only the schema version; the entries themselves are unreadable.
            rebuild_reason = "the index was incomplete or damaged (no manifest)"
        self.report.rebuilt = rebuild_reason
        # A first build goes straight into place (there is nothing to protect), so that
        # checkpoint commits show articles to readers while the rest is indexed; a rebuild
        # goes beside the old index and is swapped in when complete.
        first = not live.exists()
        target = live if first else rebuild_dir(self.location)
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        whoosh_index.create_in(str(target), build_schema())
        manifest = Manifest(schema_version=SCHEMA_VERSION, corpus=str(self.corpus))
        if first:
            manifest.save(target)  # an interrupted first build then resumes instead of restarting
        return target, manifest

    def plan(self, manifest: Manifest) -> tuple[list[tuple[str, int, int]], list[str]]:
        """Which files to (re)read, as (path in the corpus, size, mtime_ns), and which to
        forget, by comparing the folder with the manifest. Only sizes and times are kept
        per file: a Path and a stat result for each of 100,000 files held 110 MB."""
        seen: dict[str, tuple[int, int]] = {}
        for rel, path in _files(self.corpus):
            try:
                st = path.stat()
            except OSError as exc:  # deleted or made unreadable since it was listed
                self.report.problems.append(Problem(path=rel, reason=f"cannot read: {exc.strerror or exc}"))
                continue
            seen[rel] = (st.st_size, st.st_mtime_ns)
        removed = [rel for rel in manifest.files if rel not in seen]
        todo = {rel: stamp for rel, stamp in seen.items()
                if (old := manifest.files.get(rel)) is None or (old.size, old.mtime_ns) != stamp}
        # A file skipped as a duplicate of a file that is going away or changing must be redone.
        going = set(removed) | set(todo)
        for rel, entry in manifest.files.items():
            if rel in seen and rel not in todo and going.intersection(entry.duplicate_of):
                todo[rel] = seen[rel]
        self.report.unchanged = len(seen) - len(todo)
        for rel in seen.keys() - todo.keys():  # what was wrong with an unchanged file still is
            self.report.problems.extend(manifest.files[rel].problems)
        return [(rel, size, mtime_ns) for rel, (size, mtime_ns) in todo.items()], removed

    def _path(self, rel: str) -> Path:
        return self.corpus if self.single_file else self.corpus / rel

    def run(self, rebuild_reason: str | None) -> None:
        target, manifest = self.open_target(rebuild_reason)
        todo, removed = self.plan(manifest)
        rebuilding = target != whoosh_dir(self.location)
        if todo or removed:
            self.vocabulary = Vocabulary() if rebuilding else Vocabulary.load(target)
            if self._write(target, manifest, todo, removed):
                self.vocabulary.save(target)
        if todo or removed or rebuilding:
            manifest.save(target)  # also when only mtimes changed (touched, identical files)
        if rebuilding:
            self._swap_in(target)
        self.report.articles = manifest.article_count()

    def _write(self, target: Path, manifest: Manifest, todo, removed: list[str]) -> bool:
        """Apply the plan with a Whoosh writer; True when the index changed.

        Nothing is committed when nothing changed: a commit, even an empty one, may merge
        segments, which takes minutes on a large index."""
        ix = whoosh_index.open_dir(str(target))
        try:
            # Articles the index holds but the manifest does not list were committed by a run
            # stopped before it saved the manifest: a file not in the manifest may have some.
            self.unlisted = ix.doc_count() != manifest.article_count()
            self.writer = self._open_writer(ix, len(todo))
            try:
                changed = self._apply(ix, target, manifest, todo, removed)
                if changed:
                    self.writer.commit()
            except BaseException:
                abandon(self.writer)  # a failed commit too: the lock must not outlive the run
                raise
            if not changed:
                abandon(self.writer)  # nothing to keep; closing may fail, the lock must go
            return changed
        finally:
            ix.close()

    def _prepare(self, item: tuple[Article, str]) -> dict:
        """The Whoosh document for an ingested article: extraction happens here, in whichever
        process writes it (a helper of the parallel writer, so on every core)."""
        article, rel = item
        return to_document(self.extractor.extract(article), rel)

    def _open_writer(self, ix, batch: int):
        try:
            return open_writer(ix, timeout=2.0, prepare=self._prepare, **_writer_options(batch))
        except LockError as exc:
            raise IndexBusy(f"index {self.location.path} is busy: another quotewire is updating it") from exc

    def _checkpoint(self, ix, target: Path, manifest: Manifest, remaining: int) -> None:
        """Commit what is done so far, so readers see it while the rest is indexed."""
        self.writer.commit()
        self.vocabulary.save(target)
        manifest.save(target)
        if self.committed:
            self.committed()
        self.writer = self._open_writer(ix, remaining)

    def _apply(self, ix, target: Path, manifest: Manifest, todo, removed: list[str]) -> bool:
        writer = self.writer
        changed = bool(removed)
        for rel in removed:
            writer.delete_by_term("file", rel)
            del manifest.files[rel]
            self.report.removed += 1
        owner = {aid: rel for rel, entry in manifest.files.items() for aid in entry.ids}
        since_commit = 0
        for done, (rel, size, mtime_ns) in enumerate(todo):
            if self.commit_every and since_commit >= self.commit_every and changed:
                self._checkpoint(ix, target, manifest, len(todo) - done)
                writer, since_commit = self.writer, 0
            if self.progress:
                self.progress(done, len(todo), rel)
            since_commit += 1
            old = manifest.files.get(rel)
            try:
                path = self._path(rel)
                digest = file_digest(path)
            except OSError as exc:  # deleted or made unreadable since it was listed
                self.report.problems.append(Problem(path=rel, reason=describe_os_error(exc)))
                continue
            if old is not None and old.sha1 == digest and not old.duplicate_of:
                manifest.files[rel] = replace(old, size=size, mtime_ns=mtime_ns)
                self.report.unchanged += 1
                self.report.problems.extend(old.problems)
                continue
            if old is not None:
                writer.delete_by_term("file", rel)
                changed = True
                for aid in old.ids:
                    owner.pop(aid, None)
            elif self.unlisted and writer.searcher().document_number(file=rel) is not None:
                writer.delete_by_term("file", rel)
                changed = True
            ids: list[str] = []
            duplicate_of: list[str] = []
            problems: list[Problem] = []
            for article in iter_file(path, rel):
                if isinstance(article, Problem):
                    problems.append(article)
                    continue
                holder = owner.get(article.id)
                if holder is not None and holder != rel:
                    problems.append(Problem(path=article.path, reason=f"same article as {holder}, skipped"))
                    duplicate_of.append(holder)
                    continue
                if holder == rel:
                    continue  # the same article twice in one file
                writer.add_item((article, rel))  # extracted and indexed by the writer (_prepare)
                changed = True
                self.vocabulary.add_text(article.title)
                self.vocabulary.add_text(article.body)
                owner[article.id] = rel
                ids.append(article.id)
            self.report.problems.extend(problems)
            manifest.files[rel] = FileEntry(size=size, mtime_ns=mtime_ns, sha1=digest, ids=tuple(ids),
                                            duplicate_of=tuple(duplicate_of), problems=tuple(problems))
            if old is None:
                self.report.added += 1
            else:
                self.report.changed += 1
        if self.progress:
            self.progress(len(todo), len(todo), "")
        return changed

    def _swap_in(self, target: Path) -> None:
        live = whoosh_dir(self.location)
        old = self.location.path / f"{WHOOSH_DIRNAME}.old"
        shutil.rmtree(old, ignore_errors=True)
        if live.exists():
            os.replace(live, old)
        os.replace(target, live)
        shutil.rmtree(old, ignore_errors=True)


def rebuild_reason(corpus: Path, location: IndexLocation, *, thorough: bool = False) -> str | None:
    """Why the index must be built from scratch, or None when it can be updated in place.

    `thorough` also reads a little of every segment (what an indexer does before writing;
    too slow for every reading command, whose reads report damage as they meet it)."""
    live = whoosh_dir(location)
    if not live.exists():
        return "new index"
    manifest = ManifestHeader.load(live)
    if manifest is None:
        return "the index was incomplete or damaged (no manifest)"
    if manifest.schema_version != SCHEMA_VERSION:
        return f"the index was written by another version (schema {manifest.schema_version}, now {SCHEMA_VERSION})"
    try:
        ix = whoosh_index.open_dir(str(live))
        try:
            if thorough:
                probe_segments(ix)
        finally:
            ix.close()
    except Exception as exc:  # Whoosh raises many kinds of errors on a damaged index
        return f"the index was damaged ({type(exc).__name__})"
    return None


def probe_segments(ix) -> None:
    """Read the first and last document, columns and a posting list of every segment; raises
    when a file is missing, truncated or overwritten. Whoosh keeps no checksums, so damage
    in the middle of a file shows only when that part is read."""
    with ix.reader() as top:
        for reader, _ in top.leaf_readers():
            last = reader.doc_count_all() - 1
            if last < 0:
                continue
            for docnum in {0, last}:
                if reader.stored_fields(docnum).get("id") is None:
                    raise IndexDamaged("a document lost its stored fields")
                for column in ("id", "title", "day", "quotes", "article"):
                    if not reader.has_column(column):
                        raise IndexDamaged(f"the {column} column is missing")
                    reader.column_reader(column)[docnum]
                if reader.doc_field_length(docnum, "body") is None:
                    raise IndexDamaged("the body lengths are unreadable")
            for field in ("body", "file"):
                for term in _first_terms(reader, field):
                    list(reader.postings(field, term).all_ids())


def _first_terms(reader, field: str, count: int = 3) -> list:
    terms = []
    for term in reader.lexicon(field):
        terms.append(term)
        if len(terms) == count:
            break
    return terms


class _exclusive:
    """Hold the index folder's lock file for a whole run: one indexer at a time per index."""

    def __init__(self, location: IndexLocation) -> None:
        self.path = location.path / "lock"
        self.fd: int | None = None

    def __enter__(self) -> None:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            raise IndexBusy(f"index {self.path.parent} is busy: another quotewire is updating it") from None
        close_in_children(self.fd)  # a forked writer process must not keep the index locked

    def __exit__(self, *exc) -> None:
        assert self.fd is not None
        close_in_children(self.fd, close=False)
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def update_index(
    corpus: Path,
    location: IndexLocation,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    extractor: Extractor | None = None,
    commit_every: int | None = None,
    committed: Callable[[], None] | None = None,
) -> IndexReport:
    """Bring the index at `location` up to date with the files under `corpus`.

    `progress(done, total, path)` is called before each file (raise from it to stop: the
    uncommitted part is rolled back). With `commit_every=N`, what is done is committed every
    N files and `committed()` is called, so a reader can show articles as they arrive."""
    started = time.perf_counter()
    corpus = corpus.resolve()
    report = IndexReport(location=location)
    try:
        location.path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create index folder {location.path}: {exc.strerror or exc}") from exc
    with _exclusive(location):
        try:
            finish_interrupted_swap(location)
            clear_leftovers(location)
            reason = "rebuild requested" if rebuild else rebuild_reason(corpus, location, thorough=True)
            _Run(corpus, location, extractor or default_extractor(), report, progress=progress,
                 commit_every=commit_every, committed=committed).run(reason)
        except OSError as exc:  # disk full, index folder made read-only...: the last commit stands
            raise StoreError(f"cannot write the index in {location.path}: {exc.strerror or exc}; "
                             "it keeps what was saved before the error") from exc
    report.seconds = time.perf_counter() - started
    return report
