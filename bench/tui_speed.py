"""How fast the reader is on a large index: first screen, opening an article, a `]` jump.

Targets (issue 4): first screen on a 100k-article index under 1 s, opening an article
under 50 ms, a `]` jump under 100 ms. Run headless:

    python bench/tui_speed.py                 # 100k articles (the corpus is built once, ~minutes)
    python bench/tui_speed.py --articles 5000 # a quicker look

The synthetic corpus (JSON Lines, made-up names and sentences, no publisher text) and its
index are kept in --dir and reused by later runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from index import Library
from tui.app import QuotewireApp
from tui.state import ReadingState

PER_FILE = 1000
FIRST = ["Anna", "Marek", "Sofia", "Tomas", "Elena", "Jonas", "Maria", "Pavel", "Ines", "Karl",
         "Lena", "Oskar", "Rosa", "Viktor", "Nora", "Felix", "Clara", "Emil", "Vera", "Hugo"]
LAST = ["Kovacs", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quintero", "Rahman", "Schulz",
        "Tanaka", "Urbina", "Varga", "Weber", "Yilmaz", "Zielinski", "Horvat", "Baker", "Costa", "Dahl", "Eriksen"]
CITIES = ["Lisbon", "Warsaw", "Nairobi", "Osaka", "Lima", "Oslo", "Cairo", "Quito", "Hanoi", "Perth"]
SOURCES = ["Wire One", "Daily Ledger", "Morning Post", "City Desk", "Harbour News"]
TOPICS = ["the budget", "the new bridge", "water prices", "the school reform", "rail strikes",
          "the harbour expansion", "energy subsidies", "the housing plan", "tax rules", "the election"]
SAYINGS = ["We will not accept any delay on this", "The numbers speak for themselves",
           "This is a good day for everyone who lives here", "Nobody asked the people who pay for it",
           "We expect an agreement before the end of the month", "The plan needs more work"]


def make_record(rng: random.Random, number: int) -> dict:
    city, topic = rng.choice(CITIES), rng.choice(TOPICS)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    paragraphs = [
        f"{city.upper()} -- Officials met on {day:%A} to discuss {topic}, the {number}th meeting this year.",
        f'"{rng.choice(SAYINGS)}," said {people[0]}, the city\'s finance director.',
        f"{people[1]} of the regional council said the debate on {topic} would continue in {city}.",
        f'"{rng.choice(SAYINGS)}," {people[1].split()[1]} told reporters.',
        f"{people[2]} was not available for comment.",
    ]
    return {"title": f"{city} debates {topic} ({number})", "source": rng.choice(SOURCES),
            "date": day.isoformat(), "body": "\n\n".join(paragraphs)}


def build_corpus(folder: Path, articles: int) -> Library:
    corpus = folder / f"corpus-{articles}"
    corpus.mkdir(parents=True, exist_ok=True)
    rng = random.Random(articles)
    for start in range(0, articles, PER_FILE):
        path = corpus / f"part-{start // PER_FILE:05d}.jsonl"
        if not path.exists():
            lines = (json.dumps(make_record(rng, n)) for n in range(start, min(start + PER_FILE, articles)))
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    library = Library(corpus)
    started = time.perf_counter()
    report = library.update(progress=lambda done, total, rel: print(f"\rindexing {done}/{total} files", end="", flush=True))
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
    args = parser.parse_args()
    library = build_corpus(args.dir, args.articles)
    results = asyncio.run(measure(library, args.dir / "state.json", args.samples))
    for key, value in results.items():
        print(f"{key:>24}: {value:.3f}" if isinstance(value, float) else f"{key:>24}: {value}")
    targets = {"first_screen_s": 1.0, "open_article_ms_max": 50.0, "jump_ms_max": 100.0}
    for key, limit in targets.items():
        print(f"{key:>24}: {'OK' if results[key] < limit else 'SLOW'} (target < {limit:g})")


if __name__ == "__main__":
    main()
