"""Shared fixtures: a private copy of the seed corpus, the reference reading, corpus builders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
KYODO = "000_f77bdb1930f0fe90.txt"
YONHAP = "004_473beb57cb2547df.txt"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Keep every test's fallback indexes out of the user's real cache folder."""
    monkeypatch.setenv("QUOTEWIRE_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled seeds (tests never write into the repository)."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target, ignore=shutil.ignore_patterns(".quotewire"))
    return target


@pytest.fixture(scope="session")
def gold() -> dict:
    path = SHARED / "gold" / "seeds.json"
    if not path.exists():
        pytest.skip("../shared/gold/seeds.json is not beside the repository")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {article["file"]: article for article in data["articles"]} | {"_across": data["across_articles"]}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def indexed_seeds(tmp_path_factory) -> Path:
    """The seeds indexed once per session. Shared: never write to it, take `seeds_library`."""
    from index import Library  # here, so that collecting the ingest tests does not need the store

    corpus = tmp_path_factory.mktemp("indexed") / "seeds"
    shutil.copytree(SEEDS, corpus, ignore=shutil.ignore_patterns(".quotewire"))
    Library(corpus).update()
    return corpus


@pytest.fixture
def seeds_library(indexed_seeds: Path, tmp_path: Path):
    """A private copy of the indexed seeds, in a folder named "seeds" (the app's header shows it)."""
    from index import Library

    corpus = tmp_path / "seeds"
    shutil.copytree(indexed_seeds, corpus)
    return Library(corpus)


# -- the reader app (Pilot tests and snapshots) ---------------------------------------------------

HARBOUR_TITLE = "Harbour plan approved after a long night of talks"
HARBOUR_URL = "https://example.org/news/harbour"


def pilot_test(test):
    """Run an async Pilot test with asyncio.run (no async plugin for pytest is installed)."""
    import asyncio
    import functools

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))
    return run


async def workers_done(app) -> None:
    """Wait for every worker of `app`. An exclusive worker that a newer one of its group
    replaced meanwhile (the feed ids, reloaded with each checkpoint of an indexing run) ends
    cancelled, which `wait_for_complete` raises: then wait for the ones left."""
    from textual.worker import WorkerCancelled

    for _ in range(100):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue
    raise AssertionError("workers kept being cancelled and replaced")


async def settle(pilot) -> None:
    """Let every worker finish and the screen catch up."""
    await workers_done(pilot.app)
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()


def make_app(corpus, state: Path):
    """The app on `corpus` (a folder or a Library) with its reading state in `state`, and the
    list its notifications are recorded in (run_test turns them off)."""
    from index import Library
    from tui.app import QuotewireApp
    from tui.state import ReadingState

    library = corpus if isinstance(corpus, Library) else Library(corpus)
    app = QuotewireApp(library, state=ReadingState(state))
    notes: list[str] = []
    app.notify = lambda message, **options: notes.append(str(message))  # type: ignore[method-assign]
    return app, notes


@pytest.fixture
def app(seeds_library, tmp_path: Path):
    """The app on a private copy of the indexed seeds, its reading state in tmp_path."""
    from tui.app import QuotewireApp
    from tui.state import ReadingState

    return QuotewireApp(seeds_library, state=ReadingState(tmp_path / "state.json"))


def feed_story(folder: Path, number: int) -> Path:
    path = folder / f"story-{number}.txt"
    path.write_text(f"City desk story {number}\n\nOSLO -- The city desk filed story number {number} on Tuesday, "
                    "officials said.\n", encoding="utf-8")
    return path


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """Two dated wire articles (one with a URL) and three undated articles fetched from a
    feed (unread until opened), indexed."""
    from index import Library

    corpus = tmp_path / "news"
    corpus.mkdir()
    write_jsonl(corpus / "wire.jsonl", [
        {"title": HARBOUR_TITLE, "source": "Wire", "date": "2020-03-02", "url": HARBOUR_URL,
         "body": 'LISBON -- The council approved the harbour plan on Monday.\n\n"We will build it," said '
                 "Ana Costa, the mayor."},
        {"title": "Bridge repairs delayed", "source": "Wire", "date": "2020-03-01",
         "body": "PORTO -- Repairs on the old bridge were delayed again, officials said."},
    ])
    feed = corpus / "feeds" / "City Desk"
    feed.mkdir(parents=True)
    for number in range(3):
        feed_story(feed, number)
    Library(corpus).update()
    return corpus
