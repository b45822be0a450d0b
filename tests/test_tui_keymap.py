"""The user's keymap file: read, checked, applied to the app and shown on the help screen."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.binding import Binding
from textual.command import CommandPalette

from index import Library
from tui.app import QuotewireApp
from tui.keymap import default_keymap_file, load_keymap
from tui.screens import HelpScreen
from tui.state import ReadingState

KNOWN = QuotewireApp.binding_ids()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_quoted_and_dotted_ids_and_key_lists_are_read(tmp_path: Path):
    keymap = load_keymap(write(tmp_path, '"app.next_quote" = "ctrl+n"\n'
                                         'list.down = ["down", "j", "ctrl+j"]\n'
                                         '[reader]\ntop = " home , g "\n'), KNOWN)
    assert keymap.keys == {"app.next_quote": "ctrl+n", "list.down": "down,j,ctrl+j", "reader.top": "home,g"}
    assert keymap.problems == []


def test_unknown_ids_and_values_that_are_not_keys_are_reported_and_left_out(tmp_path: Path):
    keymap = load_keymap(write(tmp_path, '"app.nxt_quote" = "ctrl+n"\n"app.quit" = 3\n"app.help" = "f1"\n'), KNOWN)
    assert keymap.keys == {"app.help": "f1"}
    assert [problem.split(":")[0] for problem in keymap.problems] == ["app.nxt_quote", "app.quit"]


def test_a_damaged_file_is_reported_and_a_missing_one_is_no_keymap(tmp_path: Path):
    damaged = load_keymap(write(tmp_path, '"app.quit" = "ctrl+q\n'), KNOWN)
    assert damaged.keys == {} and len(damaged.problems) == 1 and "default keys" in damaged.problems[0]
    missing = load_keymap(tmp_path / "nowhere.toml", KNOWN)
    assert missing.keys == {} and missing.problems == []


def test_the_keymap_file_location_can_be_overridden(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("QUOTEWIRE_KEYMAP", str(tmp_path / "keys.toml"))
    assert default_keymap_file() == tmp_path / "keys.toml"


def test_every_binding_has_an_id_and_a_tooltip():
    for _, bindings in QuotewireApp.binding_groups():
        for binding in bindings:
            assert binding.tooltip, binding
    assert {"app.next_quote", "app.palette", "list.down", "reader.top", "search.clear", "picker.cancel",
            "help.close"} <= KNOWN


def test_remapped_keys_work_the_old_ones_do_not_and_help_shows_them(seeds_library: Library, tmp_path: Path):
    keymap = load_keymap(write(tmp_path, '"app.next_quote" = "ctrl+n"\n"app.palette" = "ctrl+k"\n'), KNOWN)
    app = QuotewireApp(seeds_library, state=ReadingState(tmp_path / "state.json"), keymap=keymap)

    async def run() -> None:
        async with app.run_test(size=(160, 48)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.choose_speaker("Shinzo Abe")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("right_square_bracket")  # no longer bound
            assert app.article is None or app.current_quote is None
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.article.quotes[app.current_quote].speaker == "Shinzo Abe"
            assert app.status.message == "Shinzo Abe: quote 1 of 2"

            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = str(app.screen.query_one("#help-table").content)
            entry = [line.split() for line in text.splitlines() if "chosen speaker's next quote" in line]
            assert [words[0] for words in entry] == [app.get_key_display(Binding("ctrl+n", ""))]
            assert "app.next_quote" in text and str(keymap.path) in text
            await pilot.press("escape")
            await pilot.pause()

            await pilot.press("ctrl+k")
            await pilot.pause()
            assert CommandPalette.is_open(app)

    asyncio.run(run())
