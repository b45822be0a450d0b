"""The remembered reading place: per corpus, survives a restart, shrugs off a damaged file."""

from __future__ import annotations

from pathlib import Path

from tui.state import Place, ReadingState


def test_places_are_kept_per_corpus_and_survive_a_restart(tmp_path: Path):
    state_file = tmp_path / "state" / "reading.json"
    state = ReadingState(state_file)
    state.remember(Path("/news/a"), Place(article_id="a1", scroll_y=12.0, quote=2))
    state.remember(Path("/news/b"), Place(article_id="b7"))
    again = ReadingState(state_file)
    assert again.place(Path("/news/a")) == Place(article_id="a1", scroll_y=12.0, quote=2)
    assert again.place(Path("/news/b")).article_id == "b7"
    assert again.place(Path("/news/c")) is None


def test_a_damaged_file_counts_as_no_state_and_is_replaced(tmp_path: Path):
    state_file = tmp_path / "reading.json"
    state_file.write_text('{"corpora": {"/x": {"article_id": 5', encoding="utf-8")
    state = ReadingState(state_file)
    assert state.place(Path("/x")) is None
    state.remember(Path("/x"), Place(article_id="x1"))
    assert ReadingState(state_file).place(Path("/x")).article_id == "x1"
    assert [p.name for p in tmp_path.iterdir()] == ["reading.json"]  # no temporary file left


def test_an_unwritable_state_folder_is_not_an_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    state = ReadingState(blocker / "reading.json")
    state.remember(Path("/x"), Place(article_id="x1"))  # must not raise
    assert state.place(Path("/x")).article_id == "x1"  # still known for this session


def test_state_file_location_can_be_overridden(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("QUOTEWIRE_STATE", str(tmp_path / "elsewhere.json"))
    assert ReadingState().path == tmp_path / "elsewhere.json"


def test_read_marks_survive_a_restart_per_corpus(tmp_path: Path):
    state_file = tmp_path / "reading.json"
    state = ReadingState(state_file)
    marks = state.marks(Path("/news/a"))
    assert marks.is_unread("f1", from_feed=True) and not marks.is_unread("w1", from_feed=False)
    marks.opened("f1", from_feed=True)
    marks.toggle("w1", from_feed=False)  # a wire article marked unread
    state.save()
    again = ReadingState(state_file)
    assert not again.marks(Path("/news/a")).is_unread("f1", from_feed=True)
    assert again.marks(Path("/news/a")).is_unread("w1", from_feed=False)
    assert again.marks(Path("/news/b")).is_unread("f1", from_feed=True)  # another corpus: untouched
    assert again.marks(Path("/news/a")).unread_ids({"f1", "f2"}) == {"f2", "w1"}


def test_read_marks_forget_the_oldest_past_the_cap(tmp_path: Path, monkeypatch):
    import tui.state

    monkeypatch.setattr(tui.state, "MAX_MARKS", 3)
    state = ReadingState(tmp_path / "reading.json")
    marks = state.marks(Path("/news"))
    for number in range(5):
        marks.opened(f"f{number}", from_feed=True)
    assert marks.read == ["f2", "f3", "f4"]
    assert marks.is_unread("f0", from_feed=True) and not marks.is_unread("f4", from_feed=True)
