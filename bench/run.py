"""The speed suite of issue 5: indexing, re-indexing, queries, memory and the TUI at archive scale.

One command measures everything, for each corpus size, against SQLite FTS5 and against plain
Whoosh (the same schema and files, no extraction) in the same run:

    .venv/bin/python bench/run.py --sizes 1000,10000,100000 --out results.json

Corpora come from bench/corpus.py and are kept (with their indexes and FTS5 databases) in
--keep DIR, so a 100k corpus is generated once; every index is rebuilt for the measurement.
Indexing runs in a child process so its peak memory is its own: the largest process's
ru_maxrss (from wait4), and the sum of PSS over the child and its workers, sampled every
0.1 s. Queries run over one open CorpusIndex, with snippets, as the TUI runs them. The TUI
figures come from bench/tui_speed.py when it is there. Results print as a table and as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for folder in (str(REPO), str(BENCH)):
    if folder not in sys.path:
        sys.path.insert(0, folder)

import sqlite_baseline  # noqa: E402
from corpus import BUILTIN, GIVEN, SURNAME_HEADS, SURNAME_TAILS, make_corpus, source_key, touch_fraction  # noqa: E402

# Not tui_speed.py's own default folder (~/.cache/quotewire-bench), whose corpus-N folders hold JSON Lines.
DEFAULT_KEEP = Path(os.environ.get("QUOTEWIRE_BENCH_DIR", Path.home() / ".cache" / "quotewire-bench-suite"))
TUI_SCRIPT = BENCH / "tui_speed.py"
SAMPLE_FILES = 400  # articles read to draw query words and names from
TOUCHED = 0.01
LIMIT = 10  # hits per query, each with its snippet
KINDS = ("one_word", "two_words", "phrase", "speaker")
FTS_KINDS = ("one_word", "two_words", "phrase")
# English function words, left out of sampled queries: nobody searches an archive for "their".
STOP = frozenset(
    "about above after again against also among another because been before being below between both "
    "could does doing down during each either even every from further had has have having here hers "
    "herself himself into itself just less many might more most much must myself neither never only "
    "other ought ours ourselves over same shall should since some such than that their theirs them "
    "themselves then there these they this those through under until upon very were what when where "
    "which while whom whose will with within without would your yours yourself said says told".split()
)
_WORD = re.compile(r"[a-z]{4,}")
_PAIR = re.compile(r"(?=\b([A-Za-z]{4,}) ([A-Za-z]{4,})\b)")
_NAME = re.compile(rf"\b(?:{'|'.join(GIVEN)}) (?:{'|'.join(SURNAME_HEADS)})(?:{'|'.join(SURNAME_TAILS)})\b")


# -- indexing in a child process, with its memory watched -------------------------------------

def _index_worker(corpus: Path, rebuild: bool) -> None:
    """Child side: index `corpus` and print the report as JSON."""
    from index import Library

    report = Library(corpus).update(rebuild=rebuild)
    print(json.dumps({"articles": report.articles, "added": report.added, "changed": report.changed,
                      "removed": report.removed, "unchanged": report.unchanged,
                      "problems": len(report.problems), "seconds": report.seconds}))


def stock_schema():
    """quotewire's schema as Whoosh ships it: each field's analyzer as the plain chain of
    Whoosh filters it stands for, with Whoosh's own Positions format, instead of quotewire's
    fused analysis (index/store/analysis.py), which gives the same postings in half the
    time. The index is the same; only the speed is Whoosh's own."""
    from whoosh.analysis import CompositeAnalyzer
    from whoosh.formats import Characters, Positions

    from index.store.analysis import FusedCharacters, FusedPositions, _FusedAnalyzer
    from index.store.schema import build_schema

    schema = build_schema()
    plain_formats = {FusedPositions: Positions, FusedCharacters: Characters}
    for _, field in schema.items():
        if isinstance(getattr(field, "analyzer", None), _FusedAnalyzer):
            field.analyzer = CompositeAnalyzer(*field.analyzer.items)
        plain = plain_formats.get(type(field.format))
        if plain is not None:
            options = field.format.options
            field.format = plain(field_boost=field.format.field_boost)
            field.format.options = options
    return schema


def _whoosh_alone_worker(corpus: Path, stock: bool) -> None:
    """Child side: the yardsticks for issue 5's "within 10% of Whoosh's own speed". The same
    files, ingested as quotewire ingests them, into the same schema with Whoosh's own
    two-process writer, but no extraction (speaker, quote and entity fields stay empty) and
    none of quotewire's own writer, manifest or stored article JSON. With `stock`, the text is
    analysed as Whoosh ships (`stock_schema`): Whoosh's own speed; without, with quotewire's
    fused analysis: a stricter yardstick, since that is quotewire's work too. The index goes
    in a temporary folder, deleted afterwards. Prints the count and time as JSON."""
    from datetime import datetime

    from whoosh import index as whoosh_index

    from index.ingest import Problem, discover, iter_file
    from index.store.schema import build_schema

    articles = 0
    with tempfile.TemporaryDirectory(prefix="whoosh-alone-") as folder:
        started = time.perf_counter()
        ix = whoosh_index.create_in(folder, stock_schema() if stock else build_schema())
        writer = ix.writer(procs=2, multisegment=True)
        try:
            for path in discover(corpus):
                for article in iter_file(path, path.relative_to(corpus).as_posix()):
                    if isinstance(article, Problem):
                        continue
                    doc = {"id": article.id, "path": article.path, "title": article.title,
                           "source": article.source or "", "body": article.body,
                           "day": article.date.toordinal() if article.date else 0}
                    if article.date is not None:
                        doc["date"] = datetime(article.date.year, article.date.month, article.date.day)
                    writer.add_document(**doc)
                    articles += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        seconds = time.perf_counter() - started
        ix.close()
    print(json.dumps({"articles": articles, "seconds": seconds}))


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids[ppid].append(int(entry.name))
    return kids


def _memory_kb(pid: int) -> int:
    """Proportional set size (shared pages split between sharers), or RSS where PSS is unreadable."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path, encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


class _TreeMemory(threading.Thread):
    """Samples the summed memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            kids, tree, total = _children(), [self.pid], 0
            while tree:
                pid = tree.pop()
                total += _memory_kb(pid)
                tree.extend(kids.get(pid, ()))
            self.peak_kb = max(self.peak_kb, total)
            self.stop.wait(self.interval)


def run_indexer(corpus: Path, *, rebuild: bool) -> dict:
    """Index `corpus` in a child process; its report plus wall time and peak memory."""
    return _run_child(["--index-worker", str(corpus)] + (["--rebuild"] if rebuild else []), corpus)


def run_whoosh_alone(corpus: Path, *, stock: bool) -> dict:
    """Index `corpus` with plain Whoosh in a child process (`_whoosh_alone_worker`), measured as `run_indexer`."""
    return _run_child(["--whoosh-alone-worker", str(corpus)] + (["--stock"] if stock else []), corpus)


def _run_child(args: list[str], corpus: Path) -> dict:
    """Run this script with `args` in a child process: its last line of JSON plus wall time,
    CPU time and peak memory."""
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args], stdout=out, cwd=REPO)
        watcher = _TreeMemory(child.pid)
        watcher.start()
        _, status, usage = os.wait4(child.pid, 0)  # wait4, not wait(): the rusage of this child alone
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        watcher.stop.set()
        watcher.join()
        out.seek(0)
        text = out.read()
    if child.returncode != 0:
        raise SystemExit(f"indexing {corpus} failed (exit {child.returncode})")
    result = json.loads(text.strip().splitlines()[-1])
    # CPU of the child and of the helper processes it waited for: on a machine shared with
    # other work, wall time grows with the load, CPU time much less.
    result.update(process_seconds=wall, cpu_seconds=usage.ru_utime + usage.ru_stime,
                  max_process_rss_mb=usage.ru_maxrss / 1024, tree_peak_mb=watcher.peak_kb / 1024)
    return result


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# -- queries --------------------------------------------------------------------------------

def sample_queries(corpus: Path, count: int, seed: int) -> dict[str, list[list[str]]]:
    """`count` queries of each kind, as word lists, drawn from words and names in the corpus."""
    rng = random.Random(f"queries-{seed}")
    files = list(sqlite_baseline.article_files(corpus))
    paragraphs, names = [], set()
    for path in rng.sample(files, min(SAMPLE_FILES, len(files))):
        text = path.read_text(encoding="utf-8")
        for paragraph in text.split("\n\n"):
            if '"' in paragraph or "\u201c" in paragraph:  # quoted people, not bylines
                names.update(_NAME.findall(paragraph))
            if len(paragraph.split()) >= 12:
                paragraphs.append(paragraph)
    picks: dict[str, list[list[str]]] = {kind: [] for kind in KINDS}
    while min(len(picks[k]) for k in ("one_word", "two_words", "phrase")) < count:
        paragraph = rng.choice(paragraphs)
        words = sorted({w for w in _WORD.findall(paragraph.lower()) if w not in STOP})
        pairs = [(a.lower(), b.lower()) for a, b in _PAIR.findall(paragraph)
                 if a.lower() not in STOP and b.lower() not in STOP]
        if len(words) < 2 or not pairs:
            continue
        picks["one_word"].append([rng.choice(words)])
        picks["two_words"].append(rng.sample(words, 2))
        picks["phrase"].append(list(rng.choice(pairs)))
    people = sorted(names)
    picks["speaker"] = [[name] for name in (rng.sample(people, count) if len(people) >= count
                                            else [rng.choice(people) for _ in range(count)])]
    return {kind: queries[:count] for kind, queries in picks.items()}


def quotewire_query(kind: str, words: list[str]) -> str:
    if kind == "phrase":
        return '"' + " ".join(words) + '"'
    if kind == "speaker":
        return f'speaker:"{words[0]}"'
    return " ".join(words)


def _summary(times: list[float], hits: list[int]) -> dict:
    return {"p50_ms": 1000 * statistics.median(times),
            "p95_ms": 1000 * statistics.quantiles(times, n=20, method="inclusive")[18],
            "max_ms": 1000 * max(times), "queries": len(times), "hits_median": statistics.median(hits),
            "no_hits": sum(1 for h in hits if h == 0)}


def time_quotewire_queries(corpus: Path, queries: dict[str, list[list[str]]]) -> dict:
    from index import Library

    started = time.perf_counter()
    ci = Library(corpus).open()
    opened = time.perf_counter() - started
    results: dict = {"open_ms": 1000 * opened}
    try:
        started = time.perf_counter()
        ci.search(quotewire_query("one_word", queries["one_word"][0]), limit=LIMIT)
        results["first_query_ms"] = 1000 * (time.perf_counter() - started)
        for kind in KINDS:
            times, hits = [], []
            for words in queries[kind]:
                started = time.perf_counter()
                found = ci.search(quotewire_query(kind, words), limit=LIMIT)
                times.append(time.perf_counter() - started)
                assert all(hit.snippet.text for hit in found.hits)
                hits.append(found.total)
            results[kind] = _summary(times, hits)
    finally:
        ci.close()
    return results


def time_fts_queries(db: Path, queries: dict[str, list[list[str]]]) -> dict:
    results: dict = {}
    with sqlite_baseline.FtsSearcher(db) as searcher:
        searcher.search(sqlite_baseline.fts_query(queries["one_word"][0]), LIMIT)
        for kind in FTS_KINDS:
            times, hits = [], []
            for words in queries[kind]:
                query = sqlite_baseline.fts_query(words, phrase=kind == "phrase")
                started = time.perf_counter()
                found = searcher.search(query, LIMIT)
                times.append(time.perf_counter() - started)
                hits.append(len(found))
            results[kind] = _summary(times, hits)
    return results


# -- the TUI (bench/tui_speed.py, written by the TUI's owners) ----------------------------------

def run_tui(size: int, keep: Path) -> dict | None:
    if not TUI_SCRIPT.exists():
        return None
    done = subprocess.run([sys.executable, str(TUI_SCRIPT), "--articles", str(size), "--dir", str(keep / "tui")],
                          capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return {"error": f"exit {done.returncode}: {tail[0]}"}
    figures: dict = {}
    for line in done.stdout.replace("\r", "\n").splitlines():
        key, sep, value = line.strip().partition(": ")
        if sep and re.fullmatch(r"\w+", key) and not value.startswith(("OK", "SLOW")):
            try:
                figures[key] = float(value)
            except ValueError:
                figures[key] = value
    return figures


# -- one size, all figures ------------------------------------------------------------------------

def compare_builds(corpus: Path, rounds: int, say) -> dict:
    """The full build and two Whoosh-alone yardsticks, `rounds` times each, one right after
    the other (their order rotated every round), so all meet the same load on a shared
    machine; the fastest of each is kept. Issue 5's target: quotewire / Whoosh >= 0.9, with
    Whoosh as shipped ("whoosh_stock"); "whoosh_alone" also has quotewire's fused analysis.
    `rounds` lists every round, with the load average before it."""
    kinds = ("quotewire", "whoosh_stock", "whoosh_alone")
    runs: dict[str, list[dict]] = {kind: [] for kind in kinds}
    rows = []
    for number in range(rounds):
        row = {"load": os.getloadavg()[0]}
        for which in kinds[number % 3:] + kinds[: number % 3]:
            say(f"round {number + 1}/{rounds}: {which.replace('_', ' ')}")
            if which == "quotewire":
                run = run_indexer(corpus, rebuild=True)
            else:
                run = run_whoosh_alone(corpus, stock=which == "whoosh_stock")
            run["articles_per_s"] = run["articles"] / run["seconds"]
            runs[which].append(run)
            row[which] = {key: run[key] for key in ("seconds", "cpu_seconds")}
        for yardstick in ("whoosh_stock", "whoosh_alone"):
            row[f"ratio_{yardstick}"] = row[yardstick]["seconds"] / row["quotewire"]["seconds"]
        rows.append(row)
    best = {kind: min(runs[kind], key=lambda run: run["seconds"]) for kind in kinds}
    build = best["quotewire"]
    result = {"build": build, "whoosh_stock_build": best["whoosh_stock"], "whoosh_alone_build": best["whoosh_alone"],
              "rounds": rows}
    for yardstick in ("whoosh_stock", "whoosh_alone"):
        alone = best[yardstick]
        result[f"quotewire_over_{yardstick}"] = build["articles_per_s"] / alone["articles_per_s"]
        # The same comparison in CPU seconds over all processes: far less sensitive to load.
        result[f"quotewire_over_{yardstick}_cpu"] = alone["cpu_seconds"] / build["cpu_seconds"]
    return result


def measure(size: int, keep: Path, seed: int, source, query_count: int, tui: bool, rounds: int = 1) -> dict:
    def say(text: str) -> None:
        print(f"[{size:,}] {text}", file=sys.stderr, flush=True)

    folder = keep / (f"corpus-{size}" if source != BUILTIN else f"corpus-builtin-{size}")
    say("corpus (generated once, then reused)")
    started = time.perf_counter()
    corpus = make_corpus(folder, size, seed=seed, source=source)
    generated = time.perf_counter() - started
    shutil.rmtree(corpus / ".quotewire", ignore_errors=True)
    result: dict = {"corpus_s": generated, "corpus_mb": folder_bytes(corpus) / 2**20}
    say("full index build, and Whoosh alone (no extraction; as shipped, and with quotewire's analysis) beside it")
    result["load_before_build"] = os.getloadavg()[0]  # other work on the machine skews every figure
    result.update(compare_builds(corpus, rounds, say))
    result["index_mb"] = folder_bytes(corpus / ".quotewire") / 2**20
    say("re-index, nothing changed")
    result["reindex_unchanged"] = run_indexer(corpus, rebuild=False)
    touched = touch_fraction(corpus, TOUCHED, seed=seed + 1)
    say(f"re-index, {len(touched)} files changed")
    result["reindex_changed"] = run_indexer(corpus, rebuild=False)
    result["reindex_changed"]["touched"] = len(touched)
    make_corpus(folder, size, seed=seed, source=source)  # put the touched files back

    say("SQLite FTS5 baseline")
    db = keep / f"{folder.name}-fts5.db"
    fts = sqlite_baseline.build(corpus, db)
    result["fts5_build"] = {"articles": fts.articles, "seconds": fts.seconds, "articles_per_s": fts.per_second,
                            "mb": fts.bytes / 2**20}
    result["fts5_over_quotewire"] = fts.per_second / result["build"]["articles_per_s"]

    say("queries")
    queries = sample_queries(corpus, query_count, seed)
    result["queries"] = time_quotewire_queries(corpus, queries)
    result["fts5_queries"] = time_fts_queries(db, queries)
    result["query_examples"] = {kind: quotewire_query(kind, queries[kind][0]) for kind in KINDS}
    if tui and TUI_SCRIPT.exists():
        say("TUI (bench/tui_speed.py)")
        result["tui"] = run_tui(size, keep)
    return result


# -- output ---------------------------------------------------------------------------------------

TABLE: list[tuple[str, str, str]] = [
    # (label, path in a size's results, target from issue 5)
    ("articles indexed", "build.articles", ""),
    ("load average before build", "load_before_build", "~0 on an idle machine"),
    ("full build (s)", "build.seconds", "< 45 s at 10k"),
    ("  CPU, all processes (s)", "build.cpu_seconds", "2 cores: wall >= CPU / 2"),
    ("full build (articles/s)", "build.articles_per_s", ""),
    ("FTS5 load (articles/s)", "fts5_build.articles_per_s", ""),
    ("FTS5 / quotewire speed", "fts5_over_quotewire", ""),
    ("Whoosh as shipped (articles/s)", "whoosh_stock_build.articles_per_s", ""),
    ("  CPU, all processes (s)", "whoosh_stock_build.cpu_seconds", ""),
    ("quotewire / Whoosh as shipped", "quotewire_over_whoosh_stock", ">= 0.9"),
    ("  same in CPU seconds", "quotewire_over_whoosh_stock_cpu", ""),
    ("Whoosh + fused analysis (articles/s)", "whoosh_alone_build.articles_per_s", ""),
    ("  CPU, all processes (s)", "whoosh_alone_build.cpu_seconds", ""),
    ("quotewire / Whoosh + fused analysis", "quotewire_over_whoosh_alone", "(stricter)"),
    ("  same in CPU seconds", "quotewire_over_whoosh_alone_cpu", ""),
    ("re-index unchanged (s)", "reindex_unchanged.seconds", "< 2 s at 10k"),
    ("  same, whole process (s)", "reindex_unchanged.process_seconds", ""),
    ("re-index 1% changed (s)", "reindex_changed.seconds", ""),
    ("  files re-read", "reindex_changed.changed", ""),
    ("index size (MB)", "index_mb", ""),
    ("FTS5 size (MB)", "fts5_build.mb", ""),
    ("indexing RSS, largest process (MB)", "build.max_process_rss_mb", "< 500 MB at 100k"),
    ("indexing PSS, all processes (MB)", "build.tree_peak_mb", "< 500 MB at 100k"),
    ("open index (ms)", "queries.open_ms", ""),
    ("first query (ms)", "queries.first_query_ms", ""),
    *[(f"{kind.replace('_', '-')} p{p} (ms)", f"queries.{kind}.p{p}_ms",
       "< 30 ms at 100k" if p == 95 and kind in ("one_word", "speaker") else "")
      for kind in KINDS for p in (50, 95)],
    *[(f"FTS5 {kind.replace('_', '-')} p{p} (ms)", f"fts5_queries.{kind}.p{p}_ms", "")
      for kind in FTS_KINDS for p in (50, 95)],
    ("TUI first screen (s)", "tui.first_screen_s", "< 1 s at 100k"),
    ("TUI open article median (ms)", "tui.open_article_ms_median", ""),
    ("TUI open article max (ms)", "tui.open_article_ms_max", "< 50 ms at 100k"),
    ("TUI ] jump median (ms)", "tui.jump_ms_median", ""),
    ("TUI ] jump max (ms)", "tui.jump_ms_max", "< 100 ms"),
    ("TUI RSS (MB)", "tui.max_rss_mb", ""),
]


def _lookup(data: dict, path: str):
    for key in path.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(results: dict[str, dict]) -> str:
    sizes = list(results)
    rows = [("", *[f"{int(s):,} articles" for s in sizes], "target")]
    rows += [(label, *[_cell(_lookup(results[s], path)) for s in sizes], target) for label, path, target in TABLE
             if any(_lookup(results[s], path) is not None for s in sizes)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(cell.ljust(w) if i in (0, len(row) - 1) else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths))) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def machine() -> dict:
    model = ""
    try:
        model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("model name")), "")
        mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem = 0
    from importlib.metadata import version
    return {"cpu": model or platform.processor(), "cores": os.cpu_count(), "memory_gb": round(mem / 2**20, 1),
            "os": platform.platform(), "python": platform.python_version(),
            "whoosh": version("whoosh-reloaded"), "sqlite": sqlite3.sqlite_version}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--index-worker":
        _index_worker(Path(sys.argv[2]), rebuild="--rebuild" in sys.argv[3:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--whoosh-alone-worker":
        _whoosh_alone_worker(Path(sys.argv[2]), stock="--stock" in sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated")
    parser.add_argument("--out", type=Path, help="also write the JSON results to this file")
    parser.add_argument("--keep", type=Path, default=DEFAULT_KEEP,
                        help=f"folder for corpora, indexes and FTS5 databases, reused by later runs ({DEFAULT_KEEP})")
    parser.add_argument("--queries", type=int, default=60, help="queries of each kind (default 60)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--builtin", action="store_true", help="built-in prose even when ../shared/corpus is there")
    parser.add_argument("--source", type=Path,
                        help="JSON Lines prose to recombine (default ../shared/corpus/bbc_news_2225.jsonl beside the "
                             "repository; give it when running from a copy elsewhere, such as a git worktree)")
    parser.add_argument("--no-tui", action="store_true", help="skip bench/tui_speed.py")
    parser.add_argument("--rounds", type=int, default=1,
                        help="full builds and Whoosh-alone builds, alternated; the fastest of each counts (default 1)")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    keep = args.keep.expanduser().resolve()
    keep.mkdir(parents=True, exist_ok=True)
    source = BUILTIN if args.builtin else args.source
    prose = "built-in word lists" if source_key(source) == BUILTIN else "BBC corpus, recombined"
    results = {str(size): measure(size, keep, args.seed, source, args.queries, not args.no_tui, args.rounds)
               for size in sizes}
    report = {"command": " ".join([Path(sys.executable).name, *sys.argv]), "machine": machine(),
              "prose": prose, "sizes": results}
    info = report["machine"]
    print(f"\n{info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB; Python {info['python']}, "
          f"whoosh-reloaded {info['whoosh']}, SQLite {info['sqlite']}; prose: {prose}\n")
    print(table(results))
    print()
    print(json.dumps(report, indent=2))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
