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
