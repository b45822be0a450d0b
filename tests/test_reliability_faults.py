"""Faults: `quotewire index` stopped at any point, two indexers, readers during updates,
a damaged index, a full disk. The index always opens with the previous or the new state,
the next run completes the work, and the source files are never touched.

Interruptions run the real command line in a child process, paused at a chosen point by a
small driver (below) that wraps one internal function; the test then sends the signal.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from index import Library
from index.store import IndexBusy, StoreError
from index.store.indexer import whoosh_dir
from tui.cli import main

REPO = Path(__file__).resolve().parents[1]

# The child: pause at POINT (printing PAUSED) so the parent can signal it there.
DRIVER = textwrap.dedent('''
    import os, signal, sys, time
    sys.path.insert(0, sys.argv[1])
    # As in a terminal, where Ctrl-C reaches the indexer: a test run started in the background
    # (`cmd &` in a script) has SIGINT ignored, and this child would inherit that.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    point, corpus, extra = sys.argv[2], sys.argv[3], sys.argv[4:]
    import whoosh.index
    from index.store import indexer, manifest

    def pause():
        print("PAUSED", flush=True)
        time.sleep(60)

    if os.environ.get("PARALLEL"):
        indexer.PARALLEL_BATCH = 2
        options = indexer._writer_options
        indexer._writer_options = lambda batch: {**options(batch), "batchsize": 2}
    if point == "read":
        real_iter = indexer.iter_file
        seen = []
        def iter_file(path, rel=None):
            seen.append(rel)
            if len(seen) == 4:
                pause()
            return real_iter(path, rel)
        indexer.iter_file = iter_file
    elif point == "commit":  # segments written, table of contents not yet
        real_write = whoosh.index.TOC.write
        def write(self, storage, name):
            if self.generation > 0 and not str(storage.folder).endswith(".new"):
                pause()
            return real_write(self, storage, name)
        whoosh.index.TOC.write = write
    elif point == "manifest":  # committed, manifest not yet saved
        real_save = manifest.Manifest.save
        def save(self, folder):
            if self.files:
                pause()
            return real_save(self, folder)
        manifest.Manifest.save = save
    elif point == "swap":  # a rebuild between its two renames
        def swap_in(self, target):
            live = indexer.whoosh_dir(self.location)
            os.replace(live, live.with_name("whoosh.old"))
            pause()
        indexer._Run._swap_in = swap_in
    from tui.cli import main
    sys.exit(main(["index", corpus, "--quiet", *extra]))
''')


def story(n: int) -> str:
    return (f"Council vote number {n}\n\nThe council of town {n} voted on the budget on Monday, "
            f"officials said. \"We did it {n} times,\" said mayor Anna Kelford{n}.\n")


def make_corpus(folder: Path, numbers: range) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"{n:03d}.txt").write_text(story(n), encoding="utf-8")
    return folder


def fingerprint(corpus: Path) -> dict[str, tuple[str, int]]:
    """Every source file (not the index) with its content hash and mtime."""
    return {p.relative_to(corpus).as_posix(): (hashlib.sha1(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(corpus.rglob("*")) if p.is_file() and ".quotewire" not in p.parts}


def count(corpus: Path) -> int:
    with Library(corpus).open() as index:
        return index.count()


def start(point: str, corpus: Path, *extra: str, parallel: bool = False) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if parallel:
        env["PARALLEL"] = "1"
        env["QUOTEWIRE_WRITER_PROCS"] = "2"
    child = subprocess.Popen([sys.executable, "-c", DRIVER, str(REPO), point, str(corpus), *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = child.stdout.readline()
    if line.strip() != "PAUSED":
        child.kill()
        raise AssertionError(f"the child never reached {point}: {line!r} {child.stderr.read()}")
    return child


def stop(child: subprocess.Popen, signum: int) -> tuple[int, str]:
    child.send_signal(signum)
    try:
        _, stderr = child.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        raise AssertionError("the indexer did not stop")
    return child.returncode, stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Six files indexed, then six more added: the run under test has work to do."""
    folder = make_corpus(tmp_path / "corpus", range(6))
    Library(folder).update()
    make_corpus(folder, range(6, 12))
    return folder


@pytest.fixture(autouse=True)
def sources_untouched(request):
    """Whatever happens to the indexer, the source files are never modified, moved or deleted."""
    if "corpus" not in request.fixturenames:
        yield
        return
    folder = request.getfixturevalue("corpus")
    before = fingerprint(folder)
    yield
    after = fingerprint(folder)  # (a test may add files of its own)
    assert {rel: after.get(rel) for rel in before} == before


@pytest.mark.parametrize("point", ["read", "commit", "manifest"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_an_interrupted_update_leaves_the_old_or_new_index_and_the_next_run_completes(corpus, point, signum):
    child = start(point, corpus)
    code, stderr = stop(child, signum)
    if signum == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:
        assert code == 128 + signum and "Traceback" not in stderr
        assert ("interrupted" if signum == signal.SIGINT else "stopped by SIGTERM") in stderr
    # The manifest point is after the commit: the new state; before it, the old one.
    assert count(corpus) == (12 if point == "manifest" else 6)
    report = Library(corpus).update()
    assert count(corpus) == 12 == report.articles  # nothing lost, nothing indexed twice
    with Library(corpus).open() as index:
        assert index.search("Kelford11").total == 1


@pytest.mark.parametrize("point", ["read", "commit"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_the_parallel_writer_stops_its_helpers_and_keeps_no_lock(corpus, point, signum):
    child = start(point, corpus, parallel=True)
    helpers = [int(pid) for pid in subprocess.run(["pgrep", "-P", str(child.pid)], capture_output=True,
                                                    text=True).stdout.split()]
    stop(child, signum)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in helpers), "a helper process outlived the indexer"
    assert count(corpus) == 6
    Library(corpus).update()  # not "busy": no orphan holds the lock
    assert count(corpus) == 12


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped by init) is not alive
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_a_rebuild_killed_between_its_renames_still_opens_and_the_next_run_finishes_it(corpus):
    child = start("swap", corpus, "--rebuild")
    stop(child, signal.SIGKILL)
    assert not whoosh_dir(Library(corpus).location).exists()
    assert count(corpus) == 12  # the reader opens the complete new index
    Library(corpus).update()
    assert whoosh_dir(Library(corpus).location).exists()
    assert count(corpus) == 12
    assert not (corpus / ".quotewire" / "whoosh.new").exists()


def test_a_rebuild_killed_while_reading_keeps_the_old_index_and_its_leftovers_go(corpus):
    child = start("read", corpus, "--rebuild")
    stop(child, signal.SIGKILL)
    assert (corpus / ".quotewire" / "whoosh.new").exists()
    assert count(corpus) == 6
    Library(corpus).update()
    assert count(corpus) == 12
    assert not (corpus / ".quotewire" / "whoosh.new").exists()


def test_a_second_indexer_in_another_process_is_told_the_index_is_busy(corpus, capsys):
    child = start("read", corpus)
    try:
        assert main(["index", str(corpus), "--quiet"]) == 1
        assert "busy" in capsys.readouterr().err
        with pytest.raises(IndexBusy):
            Library(corpus).update()
        assert count(corpus) == 6  # readers are never blocked
    finally:
        stop(child, signal.SIGTERM)
    assert main(["index", str(corpus), "--quiet"]) == 0


def test_a_reader_keeps_working_while_another_process_updates_and_rebuilds(corpus):
    with Library(corpus).open() as index:
        assert index.count() == 6
        subprocess.run([sys.executable, "-m", "tui.cli", "index", str(corpus), "--quiet"], cwd=REPO, check=True,
                       capture_output=True)
        assert index.search("Kelford3").total == 1  # the old view still reads
        assert index.refresh() and index.count() == 12
        make_corpus(corpus, range(12, 14))
        subprocess.run([sys.executable, "-m", "tui.cli", "index", str(corpus), "--rebuild", "--quiet"], cwd=REPO,
                       check=True, capture_output=True)
        assert index.refresh() and index.count() == 14  # a rebuild replaced the folder: reopened
        titles = {row.title for row in index.rows(0, 20)}
        assert "Council vote number 13" in titles
        assert index.article(index.rows(0, 1)[0].id) is not None


DAMAGES = {
    "table of contents deleted": lambda w: [p.unlink() for p in w.glob("*.toc")],
    "postings deleted": lambda w: [p.unlink() for p in w.glob("*.pst")],
    "postings zeroed": lambda w: [p.write_bytes(bytes(p.stat().st_size)) for p in w.glob("*.pst")],
    "terms truncated": lambda w: [os.truncate(p, p.stat().st_size // 2) for p in w.glob("*.trm")],
    "stored articles deleted": lambda w: [p.unlink() for p in w.glob("*._stored.col")],
    "stored articles zeroed": lambda w: [p.write_bytes(bytes(p.stat().st_size)) for p in w.glob("*._stored.col")],
    "title column deleted": lambda w: [p.unlink() for p in w.glob("*.title.col")],
    "title column truncated": lambda w: [os.truncate(p, 10) for p in w.glob("*.title.col")],
    "manifest garbled": lambda w: (w / "manifest.json").write_text("{not json"),
    "index folder deleted": lambda w: shutil.rmtree(w),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_index_gives_a_clear_message_and_rebuild_recovers(corpus, damage, capsys):
    Library(corpus).update()
    DAMAGES[damage](whoosh_dir(Library(corpus).location))
    for argv in (["search", "council", "--corpus", str(corpus)], ["speakers", "--corpus", str(corpus)],
                 ["quotes", "--corpus", str(corpus)]):
        code = main(argv)
        err = capsys.readouterr().err
        assert "Traceback" not in err and "internal error" not in err
        if code != 0:
            assert "rebuild" in err or "quotewire index" in err, err
    assert main(["index", str(corpus), "--rebuild", "--quiet"]) == 0
    assert main(["search", "Kelford11", "--corpus", str(corpus)]) == 0
    assert "1 hit" in capsys.readouterr().out


@pytest.mark.parametrize("damage", [d for d in DAMAGES if d != "manifest garbled"])
def test_a_plain_index_run_detects_damage_and_rebuilds_by_itself(corpus, damage):
    Library(corpus).update()
    DAMAGES[damage](whoosh_dir(Library(corpus).location))
    report = Library(corpus).update()
    assert report.rebuilt is not None
    assert count(corpus) == 12


def test_an_index_from_an_older_schema_is_rebuilt_automatically(corpus, capsys):
    from index.store.manifest import Manifest

    Library(corpus).update()
    folder = whoosh_dir(Library(corpus).location)
    manifest = Manifest.load(folder)
    manifest.schema_version = 1
    manifest.save(folder)
    assert main(["index", str(corpus), "--quiet"]) == 0
    assert "another version" in capsys.readouterr().err
    assert Manifest.load(folder).schema_version != 1


def _disk_full_after(limit: int):
    """A write that fails with ENOSPC once `limit` more bytes were written to the index."""
    import whoosh.filedb.structfile as structfile

    real_write = structfile.StructFile.write
    written = [0]

    def write(self, data):
        written[0] += len(data)
        if written[0] > limit:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(self, data)

    return structfile.StructFile, write


@pytest.mark.parametrize("limit", [0, 2_000, 20_000])
def test_a_full_disk_is_a_clear_error_and_the_previous_index_stays(corpus, monkeypatch, capsys, limit):
    owner, write = _disk_full_after(limit)
    monkeypatch.setattr(owner, "write", write)
    assert main(["index", str(corpus), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err and "internal error" not in err
    monkeypatch.undo()
    assert count(corpus) == 6
    Library(corpus).update()
    assert count(corpus) == 12


def test_a_full_disk_during_a_rebuild_keeps_the_old_index(corpus, monkeypatch):
    owner, write = _disk_full_after(5_000)
    monkeypatch.setattr(owner, "write", write)
    with pytest.raises(StoreError, match="No space left"):
        Library(corpus).update(rebuild=True)
    monkeypatch.undo()
    assert count(corpus) == 6


def test_a_failed_helper_process_commits_nothing(corpus, monkeypatch):
    """A helper of the parallel writer that dies (disk full in its segment) fails the run."""
    from index.store import indexer
    from index.store.writers import _HelperTask

    def fail(self, filename, doc_count):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(indexer, "PARALLEL_BATCH", 2)
    monkeypatch.setenv("QUOTEWIRE_WRITER_PROCS", "2")
    monkeypatch.setattr(_HelperTask, "_process_file", fail)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    with pytest.raises(StoreError, match="No space left on device"):
        Library(corpus).update()
    monkeypatch.undo()
    assert count(corpus) == 6
    Library(corpus).update()
    assert count(corpus) == 12
