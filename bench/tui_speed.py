"""How fast the reader is on a large index: first screen, opening an article, a `]` jump.

Targets (issue 4): first screen on a 100k-article index under 1 s, opening an article
under 50 ms, a `]` jump under 100 ms. Run headless:

    python bench/tui_speed.py --short             # 100k short articles (index built in minutes)
    python bench/tui_speed.py --articles 5000     # 600-word articles from bench/corpus.py

The synthetic corpus and its index are kept in --dir and reused by later runs. 100k long
articles take hours to index (extraction dominates); --short makes the 100k case practical.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from corpus import make_corpus, speaker_names  # bench/corpus.py, beside this script
from index import Library
from tui.app import QuotewireApp
from tui.state import ReadingState


SHORT_PER_FILE = 1000
CITIES = ["Lisbon", "Warsaw", "Nairobi", "Osaka", "Lima", "Oslo", "Cairo", "Quito", "Hanoi", "Perth"]
TOPICS = ["the budget", "the new bridge", "water prices", "the school reform", "rail strikes",
          "the harbour expansion", "energy subsidies", "the housing plan", "tax rules", "the election"]
SAYINGS = ["We will not accept any delay on this", "The numbers speak for themselves",
           "This is a good day for everyone who lives here", "Nobody asked the people who pay for it",
           "We expect an agreement before the end of the month", "The plan needs more work"]


def short_record(rng: random.Random, number: int, names: list[str]) -> dict:
    """A five-paragraph made-up article with two attributed quotes."""
    city, topic = rng.choice(CITIES), rng.choice(TOPICS)
    first, second, third = rng.sample(names, 3)
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    paragraphs = [
        f"{city.upper()} -- Officials met on {day:%A} to discuss {topic}, the {number}th meeting this year.",
        f'"{rng.choice(SAYINGS)}," said {first}, the city\'s finance director.',
        f"{second} of the regional council said the debate on {topic} would continue in {city}.",
        f'"{rng.choice(SAYINGS)}," {second.split()[-1]} told reporters.',
        f"{third} was not available for comment.",
    ]
    return {"title": f"{city} debates {topic} ({number})", "source": rng.choice(["Wire One", "Daily Ledger"]),
            "date": day.isoformat(), "body": "\n\n".join(paragraphs)}


def build_corpus(folder: Path, articles: int, *, short: bool) -> Library:
    """The synthetic corpus and its index, both reused by later runs.

    Long articles come from the shared generator (bench/corpus.py, ~600 words each); short
    ones are written here as JSON Lines and index about ten times faster. The list and the
    first screen cost the same with either; opening an article costs more with long ones.
    """
    if short:
        corpus = folder / f"short-{articles}"
        corpus.mkdir(parents=True, exist_ok=True)
        rng, names = random.Random(articles), speaker_names()[:200]
        for start in range(0, articles, SHORT_PER_FILE):
            path = corpus / f"part-{start // SHORT_PER_FILE:05d}.jsonl"
            if not path.exists():
                records = [short_record(rng, n, names) for n in range(start, min(start + SHORT_PER_FILE, articles))]
                path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    else:
        corpus = make_corpus(folder / f"corpus-{articles}", articles)
    library = Library(corpus)
    started = time.perf_counter()
    report = library.update(progress=lambda done, total, rel: print(f"\rindexing {done}/{total} files", end="",
                                                                     flush=True))
    print(f"\r{report.summary()} [{time.perf_counter() - started:.1f} s]")
    return library


async def measure(library: Library, state: Path, samples: int) -> dict[str, float]:
    started = time.perf_counter()
    app = QuotewireApp(library, state=ReadingState(state))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()  # mount done, the first frame with the list drawn
        first_screen = time.perf_counter() - started
        count = app.article_list.count
        assert count > 0, "the list is empty: was the index built?"
        await app.workers.wait_for_complete()
        await pilot.pause()

        # Pilot's own cost: a pause (and a key press) with nothing to do. Reported times are
        # the measured time minus this, i.e. the app's work up to the next drawn frame.
        idle_pause, idle_press = [], []
        for _ in range(samples):
            t = time.perf_counter()
            await pilot.pause()
            idle_pause.append(time.perf_counter() - t)
            t = time.perf_counter()
            await pilot.press("f12")  # bound to nothing
            idle_press.append(time.perf_counter() - t)
        pause_cost, press_cost = statistics.median(idle_pause), statistics.median(idle_press)

        rng = random.Random(1)
        ids = [app.article_list.row(rng.randrange(app.article_list.count)).id for _ in range(samples)]
        opens = []
        for article_id in ids:
            t = time.perf_counter()
            app.open_article(article_id)
            await pilot.pause()
            opens.append(time.perf_counter() - t - pause_cost)

        speaker = max(app.ci.speakers(), key=lambda s: s.articles)
        app.choose_speaker(speaker.name)
        await app.workers.wait_for_complete()
        await pilot.pause()
        jumps = []
        for _ in range(samples):
            t = time.perf_counter()
            await pilot.press("right_square_bracket")
            jumps.append(time.perf_counter() - t - press_cost)
        scroll = []
        app.article_list.focus()
        for _ in range(samples):
            t = time.perf_counter()
            await pilot.press("pagedown")
            scroll.append(time.perf_counter() - t - press_cost)
    return {
        "articles": count,
        "first_screen_s": first_screen,
        "open_article_ms_median": 1000 * statistics.median(opens),
        "open_article_ms_max": 1000 * max(opens),
        "jump_ms_median": 1000 * statistics.median(jumps),
        "jump_ms_max": 1000 * max(jumps),
        "page_down_ms_median": 1000 * statistics.median(scroll),
        "pilot_pause_ms": 1000 * pause_cost,
        "pilot_press_ms": 1000 * press_cost,
        "speaker": speaker.name,
        "speaker_quotes": len(app.speaker_quotes),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path.home() / ".cache" / "quotewire-bench")
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--short", action="store_true",
                        help="short JSON Lines articles: a 100k index builds in minutes instead of hours")
    parser.add_argument("--measure", type=Path, metavar="CORPUS",
                        help="only measure the app on this already indexed corpus")
    args = parser.parse_args()
    if args.measure is None:
        library = build_corpus(args.dir, args.articles, short=args.short)
        # Measure in a fresh process, as a user starting the app would: the indexing run
        # leaves this one with a large heap that slows everything after it.
        command = [sys.executable, __file__, "--measure", str(library.corpus), "--samples", str(args.samples),
                   "--dir", str(args.dir)]
        raise SystemExit(subprocess.run(command, check=False).returncode)
    results = asyncio.run(measure(Library(args.measure), args.dir / "state.json", args.samples))
    for key, value in results.items():
        print(f"{key:>24}: {value:.3f}" if isinstance(value, float) else f"{key:>24}: {value}")
    targets = {"first_screen_s": 1.0, "open_article_ms_max": 50.0, "jump_ms_max": 100.0}
    for key, limit in targets.items():
        print(f"{key:>24}: {'OK' if results[key] < limit else 'SLOW'} (target < {limit:g})")


if __name__ == "__main__":
    main()
