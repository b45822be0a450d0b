"""The Whoosh store: indexing, incremental updates, search, speakers, recovery."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import KYODO, YONHAP, write_jsonl
from index import Library
from index.store import IndexBusy, QueryError, StoreError
from index.store import query as query_module
from index.store.indexer import _exclusive, whoosh_dir
from index.store.manifest import Manifest


@pytest.fixture
def library(seeds_dir: Path) -> Library:
    lib = Library(seeds_dir)
    lib.update()
    return lib


def _titles(results) -> list[str]:
    return [hit.row.title for hit in results.hits]


def test_index_lives_in_the_corpus_and_holds_both_seeds(library: Library, seeds_dir: Path):
    assert library.location.path == seeds_dir / ".quotewire"
    assert not library.location.fallback
    with library.open() as index:
        assert index.count() == 2
        rows = index.rows(0, 10)
        assert {r.title for r in rows} >= {"Abe reiterates hope for summit with NK leader"}
        assert {r.source for r in rows} == {"Kyodo", "Yonhap"}


def test_first_build_reports_added_files_then_nothing_to_do(seeds_dir: Path):
    lib = Library(seeds_dir)
    first = lib.update()
    assert (first.added, first.changed, first.removed, first.unchanged) == (2, 0, 0, 0)
    assert first.rebuilt == "new index"
    assert first.articles == 2
    again = lib.update()
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 2)
    assert again.rebuilt is None


def test_incremental_add_modify_delete(library: Library, seeds_dir: Path):
    new = seeds_dir / "sub" / "extra.txt"
    new.parent.mkdir()
    new.write_text("Parliament votes on budget\n\nLONDON -- The parliament voted on the budget on Monday, "
                   "officials said.\n", encoding="utf-8")
    report = library.update()
    assert (report.added, report.changed, report.removed) == (1, 0, 0)
    with library.open() as index:
        assert _titles(index.search("parliament")) == ["Parliament votes on budget"]

    new.write_text("Senate rejects budget\n\nLONDON -- The senate rejected the budget on Monday.\n", encoding="utf-8")
    report = library.update()
    assert (report.added, report.changed, report.removed) == (0, 1, 0)
    with library.open() as index:
        assert index.search("parliament").total == 0
        assert _titles(index.search("senate")) == ["Senate rejects budget"]
        assert index.count() == 3

    (seeds_dir / KYODO).unlink()
    report = library.update()
    assert (report.added, report.changed, report.removed) == (0, 0, 1)
    with library.open() as index:
        assert index.count() == 2
        assert index.search("Ulaanbaatar").total == 0


def test_touched_but_identical_file_is_not_reindexed(library: Library, seeds_dir: Path):
    path = seeds_dir / YONHAP
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    report = library.update()
    assert (report.added, report.changed, report.unchanged) == (0, 0, 2)


def test_rebuild_flag_rebuilds_everything(library: Library):
    report = library.update(rebuild=True)
    assert report.rebuilt == "rebuild requested"
    assert report.added == 2
    with library.open() as index:
        assert index.count() == 2


def test_schema_version_mismatch_rebuilds_with_a_reason(library: Library):
    folder = whoosh_dir(library.location)
    manifest = Manifest.load(folder)
    manifest.schema_version = 0
    manifest.save(folder)
    assert "another version" in library.needs_rebuild()
    report = library.update()
    assert report.rebuilt and "another version" in report.rebuilt
    with library.open() as index:
        assert index.count() == 2


def test_damaged_index_is_detected_and_rebuilt(library: Library):
    folder = whoosh_dir(library.location)
    for toc in folder.glob("*.toc"):
        toc.write_bytes(b"garbage")
    assert library.needs_rebuild() is not None
    with pytest.raises(StoreError, match="rebuild|damaged|no index"):
        library.open()
    report = library.update()
    assert report.rebuilt
    with library.open() as index:
        assert index.count() == 2


def test_unwritable_corpus_falls_back_to_the_cache(seeds_dir: Path, monkeypatch):
    monkeypatch.setattr("index.store.location._writable", lambda folder: False)
    lib = Library(seeds_dir)
    assert lib.location.fallback
    assert Path(os.environ["QUOTEWIRE_CACHE"]) in lib.location.path.parents
    lib.update()
    assert not (seeds_dir / ".quotewire").exists()
    with lib.open() as index:
        assert index.count() == 2


def test_second_indexer_is_told_the_index_is_busy(library: Library):
    with _exclusive(library.location):
        with pytest.raises(IndexBusy, match="busy"):
            library.update()
    assert library.update().unchanged == 2


def test_duplicate_article_is_skipped_then_picked_up_when_the_original_goes(library: Library, seeds_dir: Path):
    shutil.copy(seeds_dir / YONHAP, seeds_dir / "zz_copy.txt")
    report = library.update()
    assert report.added == 1
    assert any("same article as" in p.reason for p in report.problems)
    with library.open() as index:
        assert index.count() == 2
    (seeds_dir / YONHAP).unlink()
    report = library.update()
    assert report.removed == 1
    with library.open() as index:
        assert index.count() == 2
        hits = index.search("Vladivostok").hits
        assert any(hit.path == "zz_copy.txt" for hit in hits)


def test_search_ranks_with_snippets_and_highlights(library: Library):
    with library.open() as index:
        results = index.search("abduction")
        assert results.total == 2
        for hit in results.hits:
            assert hit.snippet.matches, "every hit shows where it matched"
            for span in hit.snippet.matches:
                assert hit.snippet.text[span.start:span.end].lower().startswith("abduct")
        only_yonhap = index.search('"inter-korean relations"')
        assert _titles(only_yonhap) == ["Abe reiterates hope for summit with NK leader"]


def test_field_queries(library: Library):
    with library.open() as index:
        assert [h.row.source for h in index.search("source:yonhap").hits] == ["Yonhap"]
        assert [h.row.source for h in index.search("source:Kyodo AND Putin").hits] == ["Kyodo"]
        assert index.search("title:reiterates").total == 1
        assert index.search("NOT Ulaanbaatar AND summit").total == 1
        assert index.search("Vladi*").total == 2


def test_speaker_and_entity_fields_hold_canonical_names(library: Library):
    with library.open() as index:
        assert [h.row.source for h in index.search('speaker:"shinzo abe"').hits] == ["Yonhap"]
        assert index.search("speaker:abe").total == 1
        assert index.search('entity:"kim jong un"').total == 2


# `entity:` finds any entity's name, whichever field holds it: a word, a phrase, a wildcard, a range.
ENTITY_QUERIES = [
    ("entity:shimizu", ["Kyodo"]), ('entity:"fumio shimizu"', ["Kyodo"]), ('entity:"suh hoon"', ["Yonhap"]),
    ("entity:oceanian", ["Kyodo"]), ('entity:"asian and oceanian affairs bureau"', ["Kyodo"]),
    ("entity:ulaanbaatar", ["Kyodo"]), ('entity:"northeast asia"', ["Yonhap"]),
    ("entity:russian", ["Kyodo"]), ('entity:"south korean"', ["Yonhap"]),
    ("entity:shimiz*", ["Kyodo"]), ("entity:oceani*", ["Kyodo"]), ("entity:ulaan*", ["Kyodo"]),
    ("entity:russian*", ["Kyodo"]), ("entity:s?h", ["Yonhap"]), ("entity:[ulaa TO ulab]", ["Kyodo"]),
    ('entity:(shimizu OR "suh hoon")', ["Kyodo", "Yonhap"]), ("entity:*", ["Kyodo", "Yonhap"]),
    ("entity:seoul AND NOT entity:shimizu", ["Yonhap"]), ('entity:"Fumio Shimizu"^2', ["Kyodo"]),
]


def test_entity_queries_find_people_organisations_places_and_groups(library: Library):
    with library.open() as index:
        for query, sources in ENTITY_QUERIES:
            assert sorted(h.row.source for h in index.search(query).hits) == sources, query


def test_an_entity_phrase_does_not_run_from_one_kind_of_name_into_another(library: Library):
    with library.open() as index:
        # Kyodo names Vladimir Putin (a person) and the Japanese Foreign Ministry (an organisation).
        assert index.search("entity:putin AND entity:japanese").total == 1
        assert index.search('entity:"putin japanese"').total == 0


def test_a_name_phrase_does_not_run_from_one_name_into_the_next(library: Library):
    with library.open() as index:
        # Both seeds name Donald Trump and Kim Jong Un, one after the other in the person field.
        assert index.search("person:trump AND person:kim").total == 2
        assert index.search('person:"donald trump"').total == 2
        assert index.search('person:"kim jong un"').total == 2
        assert index.search('person:"trump kim"').total == 0
        assert index.search('speaker:"trump kim"').total == 0


def test_a_too_wide_entity_wildcard_is_refused_in_the_words_the_user_typed(library: Library, monkeypatch):
    monkeypatch.setattr(query_module, "MAX_EXPANSION", 1)
    with library.open() as index:
        with pytest.raises(QueryError, match=r"^entity:s\* in query 'entity:s\*' stands for too many words"):
            index.search("entity:s*")


def test_date_field_queries_and_list_order(tmp_path: Path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    write_jsonl(corpus / "feed.jsonl", [
        {"title": "Old story", "body": "The council met to discuss roads.", "source": "AP", "date": "2017-03-01"},
        {"title": "New story", "body": "The council met again to discuss bridges.", "source": "AP", "date": "2019-05-02"},
        {"title": "Undated story", "body": "The council met about tunnels.", "source": "AP"},
    ])
    lib = Library(corpus)
    lib.update()
    with lib.open() as index:
        assert [r.title for r in index.rows(0, 10)] == ["New story", "Old story", "Undated story"]
        assert [r.date for r in index.rows(0, 2)] == [date(2019, 5, 2), date(2017, 3, 1)]
        assert _titles(index.search("date:2017")) == ["Old story"]
        assert _titles(index.search("council date:[2018 to 2020]")) == ["New story"]
        assert index.position(index.rows(2, 1)[0].id) == 2


def test_did_you_mean_when_nothing_matches(library: Library):
    with library.open() as index:
        results = index.search("Vladivostock")
        assert results.total == 0
        assert results.suggestion is not None and "vladivostok" in results.suggestion.lower()


@pytest.mark.parametrize("query, message", [
    ('"unclosed', "unclosed quote"),
    ("((((", "unbalanced"),
    ("abe))", "unbalanced"),
    ("title:", "needs a value"),
    ("colour:red", "unknown field"),
    ("AND", "no words"),
    ("date:someday", "cannot read"),
    ("x" * 10_000, "too long"),
    ("", "empty"),
])
def test_malformed_queries_give_a_clear_message(library: Library, query: str, message: str):
    with library.open() as index:
        with pytest.raises(QueryError, match=message):
            index.search(query)


def test_article_from_the_index_equals_the_extracted_article(library: Library, seeds_dir: Path):
    from index.extract import extract
    from index.ingest import read_file

    fresh = extract(read_file(seeds_dir / YONHAP, YONHAP).articles[0])
    with library.open() as index:
        assert index.article(fresh.id) == fresh
        assert index.article_by_path(YONHAP) == fresh


def test_speakers_merge_spellings_and_quotes_follow_date_order(library: Library):
    with library.open() as index:
        names = [s.name for s in index.speakers()]
        assert "Shinzo Abe" in names and "Lee Nak-yon" in names
        abe = index.quotes_by("shinzo abe")
        assert [r.quote.text[:20] for r in abe] == ["I have a will to imp", "unfortunate past,"]
        assert index.speaker("ABE") is not None


def test_reader_picks_up_a_concurrent_update(library: Library, seeds_dir: Path):
    with library.open() as index:
        assert index.count() == 2
        (seeds_dir / "late.txt").write_text("Late news\n\nThe mayor resigned on Friday.\n", encoding="utf-8")
        library.update()
        assert index.refresh() is True
        assert index.count() == 3
        assert index.refresh() is False


def test_match_spans_point_at_query_words_in_the_body(library: Library):
    with library.open() as index:
        article = index.article_by_path(YONHAP)
        spans = index.match_spans("denuclearization", article)
        assert len(spans) == article.body.lower().count("denuclearization")
        assert all(article.body[s.start:s.end].lower() == "denuclearization" for s in spans)


def test_did_you_mean_prefers_the_closest_word_and_keeps_the_query_shape(library: Library):
    with library.open() as index:
        results = index.search("denuclearizaton AND Tokio")
        assert results.total == 0
        assert results.suggestion == "denuclearization AND tokyo"
        assert index.search(results.suggestion).total == 1


def test_an_update_with_nothing_new_writes_nothing(library: Library, seeds_dir: Path):
    with library.open() as index:
        library.update()
        assert index.refresh() is False, "a no-op update must not commit (a commit may merge segments)"
        path = seeds_dir / KYODO
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert library.update().unchanged == 2
        assert index.refresh() is False
    assert library.update().unchanged == 2  # and the new mtime was remembered


def test_segments_are_not_compound_files(library: Library):
    # Whoosh copies a compound segment's stored fields into memory when a searcher opens it.
    folder = whoosh_dir(library.location)
    assert not list(folder.glob("*.seg"))
    assert list(folder.glob("*.col"))


def test_commit_every_lets_a_reader_see_articles_while_indexing(tmp_path: Path):
    corpus = tmp_path / "many"
    corpus.mkdir()
    for n in range(7):
        (corpus / f"{n}.txt").write_text(f"Story number {n}\n\nThe council met for the {n}th time, officials said.\n",
                                         encoding="utf-8")
    lib = Library(corpus)
    seen: list[int] = []

    def committed() -> None:
        with lib.open() as index:
            seen.append(index.count())

    report = lib.update(commit_every=3, committed=committed)
    assert seen == [3, 6]
    assert report.added == 7
    with lib.open() as index:
        assert index.count() == 7


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "helper processes"])
def test_every_article_of_a_build_larger_than_a_batch_is_indexed(tmp_path: Path, monkeypatch, parallel: bool):
    # Writers extract a batch of articles before indexing them; the last, partial batch
    # must reach the commit too, in one process and in helpers.
    from index.store import indexer, writers

    count = 2 * writers.BATCH + 7
    monkeypatch.setattr(indexer, "PARALLEL_BATCH", 2 if parallel else 10 * count)
    corpus = tmp_path / "many"
    corpus.mkdir()
    for n in range(count):
        (corpus / f"{n}.txt").write_text(f"Story number {n}\n\nThe mayor of Town{n} spoke, aides said.\n",
                                         encoding="utf-8")
    report = Library(corpus).update()
    assert report.added == count
    with Library(corpus).open() as index:
        assert index.count() == count
        for n in (0, writers.BATCH - 1, writers.BATCH, count - 1):
            assert _titles(index.search(f"town{n}")) == [f"Story number {n}"]


def test_an_interrupted_first_build_resumes_where_it_stopped(tmp_path: Path):
    corpus = tmp_path / "many"
    corpus.mkdir()
    for n in range(6):
        (corpus / f"{n}.txt").write_text(f"Story number {n}\n\nThe mayor spoke for the {n}th time.\n", encoding="utf-8")
    lib = Library(corpus)

    class Stop(Exception):
        pass

    def progress(done: int, total: int, rel: str) -> None:
        if done == 4:
            raise Stop

    with pytest.raises(Stop):
        lib.update(progress=progress, commit_every=2)
    with lib.open() as index:
        assert index.count() == 4  # the two checkpoints survived; the rest was rolled back
    report = lib.update()
    assert report.rebuilt is None
    assert (report.added, report.unchanged) == (2, 4)
    with lib.open() as index:
        assert index.count() == 6


def test_hit_counts_are_exact_up_to_the_count_limit(library: Library, monkeypatch):
    with library.open() as index:
        results = index.search("abduction", limit=1)
        assert (results.total, results.more, len(results.hits)) == (2, False, 1)
        monkeypatch.setattr("index.store.reader.COUNT_LIMIT", 1)
        results = index.search("abduction", limit=1)
        assert (results.total, results.more) == (1, True)


def test_hit_count_leaves_out_deleted_articles(library: Library, seeds_dir: Path):
    (seeds_dir / KYODO).unlink()
    library.update()
    with library.open() as index:
        assert index.search("abduction", limit=1).total == 1
