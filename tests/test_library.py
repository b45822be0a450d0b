"""What the TUI and the exports ask of an open index beyond search: reading a rebuild while it
runs, the articles under a folder, every match of a query, quotes with their web address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_jsonl
from index import Library
from index.store import QueryError, StoreError
from index.store.indexer import rebuild_dir, whoosh_dir
from index.store.manifest import MANIFEST_NAME


def _story(n: int, day: int, *, folder: str = "") -> dict:
    return {
        "title": f"Council story {n}",
        "body": f"The council met on day {day}. \"We will decide on the harbour soon,\" Mayor Lina Kell said.",
        "date": f"2024-03-{day:02d}",
        "url": f"https://example.org/{folder}{n}",
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "feeds" / "harbour").mkdir(parents=True)
    (folder / "notes").mkdir()
    write_jsonl(folder / "feeds" / "harbour" / "a.jsonl", [_story(1, 3, folder="feeds/"), _story(2, 9, folder="feeds/")])
    write_jsonl(folder / "feeds" / "b.jsonl", [_story(3, 5, folder="feeds/")])
    write_jsonl(folder / "notes" / "c.jsonl", [_story(4, 7), _story(5, 1)])
    Library(folder).update()
    return folder


def _titles(index, ids: list[str]) -> list[str]:
    return [index.article(article_id).title for article_id in ids]


def test_ids_under_a_folder_are_its_articles_newest_first(corpus: Path):
    with Library(corpus).open() as index:
        assert _titles(index, index.ids_under("feeds/")) == ["Council story 2", "Council story 3", "Council story 1"]
        assert _titles(index, index.ids_under("feeds/harbour/")) == ["Council story 2", "Council story 1"]
        assert _titles(index, index.ids_under("notes/")) == ["Council story 4", "Council story 5"]
        assert index.ids_under("") == [row.id for row in index.rows(0, 10)]
        assert index.ids_under("elsewhere/") == []


def test_ids_under_leave_out_removed_and_replaced_articles(corpus: Path):
    write_jsonl(corpus / "feeds" / "b.jsonl", [_story(6, 2, folder="feeds/")])
    (corpus / "feeds" / "harbour" / "a.jsonl").unlink()
    Library(corpus).update()
    with Library(corpus).open() as index:
        assert _titles(index, index.ids_under("feeds/")) == ["Council story 6"]


def test_ids_under_are_not_capped_at_the_search_count_limit(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("index.store.reader.COUNT_LIMIT", 3)
    folder = tmp_path / "many"
    (folder / "feeds").mkdir(parents=True)
    write_jsonl(folder / "feeds" / "all.jsonl", [_story(n, n % 28 + 1) for n in range(8)])
    Library(folder).update()
    with Library(folder).open() as index:
        assert index.search("path:feeds*", limit=2).total == 3  # what a search counts
        assert len(index.ids_under("feeds/")) == 8


def test_matching_ids_are_every_match_best_first_without_a_count_limit(corpus: Path, monkeypatch):
    monkeypatch.setattr("index.store.reader.COUNT_LIMIT", 2)
    write_jsonl(corpus / "notes" / "d.jsonl", [
        {"title": "Harbour harbour harbour", "body": "The harbour plan, the harbour vote and the harbour fee.",
         "date": "2024-03-02"},
    ])
    Library(corpus).update()
    with Library(corpus).open() as index:
        ids = index.matching_ids("harbour")
        assert len(ids) == 6 == len(set(ids))
        assert _titles(index, ids[:1]) == ["Harbour harbour harbour"]
        assert ids == [hit.row.id for hit in index.search("harbour", limit=10).hits]
        assert _titles(index, index.matching_ids("date:20240305")) == ["Council story 3"]
        assert index.matching_ids("nowhere") == []
        with pytest.raises(QueryError, match="unbalanced"):
            index.matching_ids("(harbour")


def test_quotes_carry_their_article_s_web_address(corpus: Path):
    with Library(corpus).open() as index:
        refs = index.quotes_by("Lina Kell")
        assert {ref.url for ref in refs} == {f"https://example.org/feeds/{n}" for n in (1, 2, 3)} | {
            "https://example.org/4", "https://example.org/5"}
        assert {ref.url for ref in index.all_quotes()} == {ref.url for ref in refs}


def test_a_rebuild_can_be_read_while_it_runs_and_its_reader_moves_to_it_when_swapped_in(corpus: Path):
    lib = Library(corpus)
    with pytest.raises(StoreError, match="no rebuild"):
        lib.open(building=True)
    for n in range(6, 13):
        write_jsonl(corpus / "notes" / f"extra{n}.jsonl", [_story(n, 10 + n)])
    seen: list[tuple[int, int, bool, bool]] = []
    readers = []

    def committed() -> None:
        building = lib.open(building=True)
        readers.append(building)
        with lib.open() as live:  # the old index stays whole while the rebuild runs
            seen.append((building.count(), live.count(), building.building, building.stale()))

    report = lib.update(rebuild=True, commit_every=4, committed=committed)
    assert report.articles == 12
    # Checkpoints every 4 files (a file holds one or two articles); the live index keeps its 5.
    assert [(live, building, stale) for _, live, building, stale in seen] == [(5, True, False)] * 2
    assert 0 < seen[0][0] < seen[1][0] < 12
    assert not rebuild_dir(lib.location).exists()
    first = readers[0]
    assert first.stale()  # the swap
    assert first.refresh()
    assert not first.building
    assert first.count() == 12 and not first.stale()
    assert _titles(first, first.ids_under("notes/extra12"))[0] == "Council story 12"
    for reader in readers:
        reader.close()


def test_a_rebuild_that_has_committed_nothing_yet_cannot_be_opened(corpus: Path):
    lib = Library(corpus)
    errors: list[str] = []

    def progress(done: int, total: int, path: str) -> None:
        if done == 1:
            with pytest.raises(StoreError) as caught:
                lib.open(building=True)
            errors.append(str(caught.value))

    lib.update(rebuild=True, progress=progress)
    assert errors and "committed no articles" in errors[0]


def test_the_rebuild_check_reads_the_schema_and_the_indexer_still_rebuilds_a_damaged_manifest(corpus: Path):
    lib = Library(corpus)
    manifest = whoosh_dir(lib.location) / MANIFEST_NAME
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert lib.needs_rebuild() is None
    manifest.write_text(json.dumps(data)[:-40], encoding="utf-8")  # cut short: not a manifest
    assert "no manifest" in lib.needs_rebuild()
    manifest.write_text(json.dumps(data | {"schema_version": 1}), encoding="utf-8")
    assert "schema 1," in lib.needs_rebuild()
    # Entries the quick check does not read, but the indexer does: it rebuilds, saying why.
    broken = {rel: entry | {"size": "large"} for rel, entry in data["files"].items()}
    manifest.write_text(json.dumps(data | {"files": broken}), encoding="utf-8")
    assert lib.needs_rebuild() is None
    report = lib.update()
    assert report.rebuilt and "no manifest" in report.rebuilt
    assert report.articles == 5
