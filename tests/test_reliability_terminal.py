"""Terminal safety: article text with escape sequences (colour, cursor moves, OSC 52 clipboard
writes, title changes), C0/C1 controls and Rich/Textual markup is inert in every command's
output and in the TUI: it can never run an action, change the terminal or break rendering."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from conftest import write_jsonl
from index import Library
from tui.app import QuotewireApp
from tui.cli import main
from tui.state import ReadingState

ESCAPES = "\x1b[2J\x1b[H\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b]8;;http://evil\x1b\\\x9b31m\x90q\x9c\x07\x08\x7f"
MARKUP = "[bold]loud[/] [link=http://evil]link[/link] [@click=app.quit]quit[/] [/]"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what must never reach a terminal (tab and newline may)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    write_jsonl(corpus / "feed.jsonl", [{
        "title": f"Evil {ESCAPES} headline {MARKUP}",
        "source": f"Evil {ESCAPES} News",
        "body": f'The minister said "we will {ESCAPES} win {MARKUP} today," officials said. '
                f"Kim Jong-un {ESCAPES} met Moon Jae-in in Seoul. {MARKUP}",
    }])
    (corpus / f"name {ESCAPES[:9]}.txt").write_text(f"Odd file\n\nThe mayor said \"{MARKUP}\" again.\n")
    return corpus


def test_no_command_lets_a_control_character_through(hostile: Path, capsys):
    corpus = str(hostile)
    assert main(["index", corpus, "--quiet"]) == 0
    from index import Library as Lib
    with Lib(hostile).open() as index:
        article_id = index.search("minister").hits[0].row.id
    runs = [
        ["index", corpus, "--quiet"],
        ["search", "minister", "--corpus", corpus], ["search", "minister", "--json", "--corpus", corpus],
        ["search", "[bold]x\x1b[2J", "--corpus", corpus],
        ["show", article_id, "--corpus", corpus], ["show", article_id, "--json", "--corpus", corpus],
        ["show", str(hostile / "feed.jsonl")], ["extract", corpus], ["extract", corpus, "--json"],
        ["quotes", "--corpus", corpus], ["quotes", "--json", "--corpus", corpus],
        ["quotes", "--csv", "--corpus", corpus], ["speakers", "--corpus", corpus],
        ["speakers", "--json", "--corpus", corpus], ["show", "\x1b]0;pwned\x07", "--corpus", corpus],
        ["search", "x", "--limit", "\x1b[2J"], ["nonsense\x1b[2J"],
    ]
    for argv in runs:
        try:
            main(argv)
        except SystemExit as exc:  # argparse's usage error
            assert exc.code == 2
        captured = capsys.readouterr()
        for stream in (captured.out, captured.err):
            assert not RAW.search(stream), (argv, RAW.findall(stream))
    main(["show", article_id, "--corpus", corpus])
    shown = capsys.readouterr().out
    assert MARKUP in shown  # markup is printed as the text it is
    assert "officials said" in shown


def test_the_tui_shows_markup_as_text_and_a_click_on_it_runs_nothing(hostile: Path, tmp_path: Path):
    Library(hostile).update()
    app = QuotewireApp(Library(hostile), state=ReadingState(tmp_path / "state.json"))

    async def run():
        async with app.run_test(size=(160, 48)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert app.article is not None
            shown = "\n".join(str(p.content) for p in app.reader.shown_paragraphs)
            assert "[@click=app.quit]quit[/]" in shown
            for paragraph in app.reader.shown_paragraphs:  # click over every line of the text
                for y in range(paragraph.region.height):
                    for x in range(0, paragraph.region.width, 4):
                        await pilot.click(paragraph, offset=(x, y))
            await pilot.pause()
            assert app.is_running and app.return_code is None
            await pilot.press("slash", *"[@click=app.quit]", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.is_running
            drawn = [segment.text for widget in app.screen.walk_children() if widget.display and widget.region
                     for strip in widget.render_lines(widget.region.reset_offset) for segment in strip]
            assert not [text for text in drawn if RAW.search(text)]

    asyncio.run(run())
