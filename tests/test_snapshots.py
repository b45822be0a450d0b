"""Whole-screen SVG snapshots of the reader on the seeds (pytest-textual-snapshot).

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`
and look at the report before committing the new SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import settle
from index import Library
from tui.app import QuotewireApp
from tui.state import ReadingState

SIZE = (160, 48)


async def follow_abe(pilot) -> None:
    await settle(pilot)
    await pilot.press("s", *"abe", "enter")
    await settle(pilot)
    await pilot.press("right_square_bracket")
    await settle(pilot)


class TestMainScreen:
    def test_abe_quote_current_in_the_yonhap_article(self, snap_compare, app):
        assert snap_compare(app, terminal_size=SIZE, run_before=follow_abe)

    def test_light_theme_stays_legible(self, snap_compare, app):
        async def light(pilot):
            pilot.app.theme = "textual-light"
            await follow_abe(pilot)

        assert snap_compare(app, terminal_size=SIZE, run_before=light)

    def test_entities_tab(self, snap_compare, app):
        async def entities(pilot):
            await follow_abe(pilot)
            pilot.app.query_one("#side").active = "entities-tab"
            await settle(pilot)

        assert snap_compare(app, terminal_size=SIZE, run_before=entities)


class TestSearch:
    def test_hits_with_snippets_and_the_first_match_current(self, snap_compare, app):
        async def search(pilot):
            await settle(pilot)
            await pilot.press("slash", *"abduction", "enter")
            await settle(pilot)
            await pilot.press("enter", "n")
            await settle(pilot)

        assert snap_compare(app, terminal_size=SIZE, run_before=search)

    def test_malformed_query_error_inline(self, snap_compare, app):
        async def bad(pilot):
            await settle(pilot)
            await pilot.press("slash", *'speaker:"abe', "enter")
            await settle(pilot)

        assert snap_compare(app, terminal_size=SIZE, run_before=bad)


@pytest.fixture
def news_app(news: Path, tmp_path: Path) -> QuotewireApp:
    """Wire articles and articles fetched from a feed (unread until opened)."""
    return QuotewireApp(Library(news), state=ReadingState(tmp_path / "state.json"))


class TestReadMarks:
    def test_unread_feed_articles_have_a_dot_and_unread_only_lists_them(self, snap_compare, news_app):
        async def unread_only(pilot):
            await settle(pilot)
            await pilot.press("G", "enter")  # open (and so read) the last row, a feed article
            await settle(pilot)
            pilot.app.article_list.focus()
            await pilot.press("U")
            await settle(pilot)

        assert snap_compare(news_app, terminal_size=SIZE, run_before=unread_only)

    def test_narrow_terminal_hides_the_side_panel(self, snap_compare, app):
        async def opened(pilot):
            await follow_abe(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=opened)
