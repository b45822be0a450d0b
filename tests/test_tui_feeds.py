"""Issue 7's keys in the reader, driven with Pilot: o (browser / editor), | (pipe), e (export),
u / U (read marks, unread only), r (fetch feeds), and the panels' layout keys."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

from conftest import HARBOUR_TITLE, HARBOUR_URL, feed_story, make_app, pilot_test, settle, write_jsonl
from index import FeedResult, FetchProgress, FetchReport, Library
from index.feeds import Feed
from tui.app import QuotewireApp, export_default, export_name, reads_as_article
from tui.screens import HelpScreen, Prompt
from tui.widgets import ArticleList
from tui.widgets.article_list import COUNT_WIDTH, DATE_WIDTH, SHORT_DATE_WIDTH, SOURCE_WIDTH
from tui.widgets.reader import plain_text


def row_titles(app: QuotewireApp) -> list[str]:
    return [app.article_list.row(i).title for i in range(app.article_list.count)]


def open_titled(app: QuotewireApp, title: str) -> None:
    rows = [app.article_list.row(i) for i in range(app.article_list.count)]
    assert app.open_article(next(r.id for r in rows if r.title == title))


# -- o: browser or editor --------------------------------------------------------------------------


@pilot_test
async def test_o_opens_the_article_url_in_the_browser_off_the_ui_thread(news: Path, tmp_path: Path, monkeypatch):
    opened: list[tuple[str, bool]] = []
    import threading

    def fake_open(url: str) -> bool:
        opened.append((url, threading.current_thread() is threading.main_thread()))
        return True

    monkeypatch.setattr("tui.app.webbrowser.open", fake_open)
    app, notes = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        open_titled(app, HARBOUR_TITLE)
        app.reader.focus()
        await pilot.press("o")
        await settle(pilot)
        assert opened == [(HARBOUR_URL, False)]
        assert any(HARBOUR_URL in note and "browser" in note for note in notes)


@pilot_test
async def test_o_without_a_url_opens_the_file_in_the_editor(news: Path, tmp_path: Path, monkeypatch):
    received = tmp_path / "editor-got.txt"
    editor = tmp_path / "fake-editor"
    editor.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{received}"\n', encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    app, notes = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        open_titled(app, "City desk story 1")
        app.reader.focus()
        await pilot.press("o")
        await settle(pilot)
        assert received.read_text(encoding="utf-8") == str(news / "feeds" / "City Desk" / "story-1.txt")
        assert "exit status 0" in app.status.message


@pilot_test
async def test_o_with_no_url_and_no_editor_says_so_in_one_line(news: Path, tmp_path: Path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app, notes = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        open_titled(app, "Bridge repairs delayed")
        app.reader.focus()
        await pilot.press("o")
        await settle(pilot)
        assert len(notes) == 1 and "$VISUAL or $EDITOR" in notes[0] and "\n" not in notes[0]
        assert "wire.jsonl" in notes[0]  # the file a JSON Lines article came from, not "wire.jsonl#2"


# -- |: pipe the article to a command ------------------------------------------------------------------


@pilot_test
async def test_pipe_sends_title_details_and_body_to_a_shell_command(news: Path, tmp_path: Path):
    out = tmp_path / "piped.txt"
    app, notes = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        open_titled(app, HARBOUR_TITLE)
        app.reader.focus()
        await pilot.press("vertical_line")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        app.screen.input.value = f"cat > '{out}'"
        await pilot.press("enter")
        await settle(pilot)
        text = out.read_text(encoding="utf-8")
        assert text == plain_text(app.article)
        lines = text.splitlines()
        assert lines[0] == HARBOUR_TITLE
        assert lines[1].startswith("Wire") and "2020-03-02" in lines[1]
        assert "The council approved the harbour plan on Monday." in text and "said Ana Costa" in text
        assert app.status.message == f"| cat > '{out}': exit status 0"
        # The next | offers the same command again; a failing one shows its status.
        await pilot.press("vertical_line")
        await pilot.pause()
        assert app.screen.input.value == f"cat > '{out}'"
        app.screen.input.value = "wc -c > /dev/null; exit 3"
        await pilot.press("enter")
        await settle(pilot)
        assert app.status.message.endswith("exit status 3")
        assert any("status 3" in note for note in notes)


@pilot_test
async def test_pipe_prompt_escape_runs_nothing(news: Path, tmp_path: Path):
    app, notes = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        open_titled(app, HARBOUR_TITLE)
        await pilot.press("vertical_line")
        await pilot.pause()
        app.screen.input.value = f"touch '{tmp_path / 'ran'}'"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, Prompt) and not (tmp_path / "ran").exists()


# -- e: export the speaker's quotes --------------------------------------------------------------------


@pilot_test
async def test_e_exports_the_chosen_speakers_quotes_to_markdown(seeds_library: Library, tmp_path: Path,
                                                                monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    app, notes = make_app(seeds_library, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("e")  # nobody chosen yet
        await pilot.pause()
        assert not isinstance(app.screen, Prompt) and "Choose a speaker" in notes[-1]
        await pilot.press("s", *"abe", "enter")
        await settle(pilot)
        assert app.speaker.name == "Shinzo Abe"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, Prompt) and app.screen.input.value == "quotes-shinzo-abe.md"
        await pilot.press("enter")
        await settle(pilot)
        exported = work / "quotes-shinzo-abe.md"
        digest = exported.read_text(encoding="utf-8")
        assert "Shinzo Abe" in digest
        for ref in app.speaker_quotes:
            first_words = " ".join(ref.quote.text.split()[:4])
            assert first_words in digest
        assert any(str(exported) in note for note in notes)


def articles_in(corpus: Path) -> list[Path]:
    """The corpus's files (its index folder aside)."""
    return sorted(p for p in corpus.rglob("*") if p.is_file() and ".quotewire" not in p.parts)


@pilot_test
async def test_e_run_inside_the_corpus_offers_a_place_outside_it_and_refuses_one_inside(
        seeds_library: Library, tmp_path: Path, monkeypatch):
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    corpus = seeds_library.corpus
    monkeypatch.chdir(corpus)  # `quotewire` started in the corpus folder
    before = articles_in(corpus)
    app, notes = make_app(seeds_library, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("s", *"abe", "enter")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        offered = app.screen.input.value
        assert offered == "~/Downloads/quotes-shinzo-abe.md"
        await pilot.press("enter")
        await settle(pilot)
        assert "Shinzo Abe" in (home / "Downloads" / "quotes-shinzo-abe.md").read_text(encoding="utf-8")
        # A name inside the corpus that the indexer would read as an article: refused, one line.
        for name in ("abe.md", "sub/../abe.txt", str(corpus / "abe.jsonl")):
            await pilot.press("e")
            await pilot.pause()
            app.screen.input.value = name
            await pilot.press("enter")
            await settle(pilot)
            assert notes[-1].startswith("Not written: ") and "inside the corpus" in notes[-1]
            assert "\n" not in notes[-1]
    assert articles_in(corpus) == before


def test_the_export_goes_home_when_there_is_no_downloads_folder(tmp_path: Path, monkeypatch):
    home, corpus = tmp_path / "home", tmp_path / "news"
    home.mkdir()
    (corpus / "2020").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(corpus / "2020")
    assert export_default("Ana Costa", corpus) == "~/quotes-ana-costa.md"
    monkeypatch.chdir(tmp_path)  # outside the corpus: the current folder, as before
    assert export_default("Ana Costa", corpus) == "quotes-ana-costa.md"
    assert reads_as_article(corpus / "2020" / "x.HTML", corpus)
    assert not reads_as_article(corpus / "x.csv", corpus) and not reads_as_article(tmp_path / "x.md", corpus)


def test_export_names_are_slugs_of_the_speaker():
    assert export_name("Shinzo Abe") == "quotes-shinzo-abe.md"
    assert export_name("Lee Nak-yon") == "quotes-lee-nak-yon.md"
    assert export_name("../../etc") == "quotes-etc.md"


# -- u / U: read marks ------------------------------------------------------------------------------------


@pilot_test
async def test_feed_articles_are_unread_until_opened_and_u_toggles_across_restarts(news: Path, tmp_path: Path):
    state = tmp_path / "state.json"
    app, _ = make_app(news, state)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        rows = {app.article_list.row(i).title: app.article_list.row(i).id for i in range(app.article_list.count)}
        unread = {title for title, article_id in rows.items() if app.is_unread(article_id)}
        assert unread == {"City desk story 0", "City desk story 1", "City desk story 2"}
        open_titled(app, "City desk story 0")
        assert not app.is_unread(rows["City desk story 0"])
        app.reader.focus()
        await pilot.press("u")  # the open article: unread again
        assert app.is_unread(rows["City desk story 0"])
        open_titled(app, "Bridge repairs delayed")
        await pilot.press("u")  # any article can be marked unread
        assert app.is_unread(rows["Bridge repairs delayed"])
        app.article_list.focus()
        app.article_list.cursor = next(i for i in range(app.article_list.count)
                                       if app.article_list.row(i).title == "City desk story 2")
        await pilot.press("u")  # in the list: the row under the cursor
        assert not app.is_unread(rows["City desk story 2"])
        await pilot.press("q")
    again, _ = make_app(news, state)
    async with again.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert {title for title, article_id in rows.items() if again.is_unread(article_id)} == {
            "City desk story 0", "City desk story 1", "Bridge repairs delayed"}


@pilot_test
async def test_unread_articles_are_drawn_with_a_dot_and_bold(news: Path, tmp_path: Path):
    app, _ = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        articles = app.article_list
        lines = {}
        for y in range(articles.count):
            strip = articles.render_line(y)
            text = "".join(segment.text for segment in strip)
            lines[articles.row(y).title] = (text, strip)
        cursor_title = articles.current_row.title
        for title, (text, strip) in lines.items():
            unread = title.startswith("City desk")
            assert text.startswith("•") == unread, text
            if title == cursor_title:
                continue  # the cursor's row is bold whatever it holds
            title_segment = next(segment for segment in strip if title in segment.text)
            assert bool(title_segment.style and title_segment.style.bold) == unread


@pilot_test
async def test_U_lists_only_unread_articles_and_U_again_lists_every_one(news: Path, tmp_path: Path):
    app, _ = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        open_titled(app, "City desk story 1")
        app.article_list.focus()
        await pilot.press("U")
        await settle(pilot)
        assert app.unread_only and app.article_list.showing_picked
        assert sorted(row_titles(app)) == ["City desk story 0", "City desk story 2"]
        assert "2 unread articles" in str(app.search_bar.feedback.content)
        await pilot.press("enter")  # opening one from the unread list reads it
        await pilot.pause()
        assert app.article.title in ("City desk story 0", "City desk story 2")
        assert not app.is_unread(app.article.id)
        app.article_list.focus()
        await pilot.press("U")
        await settle(pilot)
        assert not app.unread_only and app.article_list.count == 5


@pilot_test
async def test_U_lists_every_unread_feed_article_past_a_thousand(tmp_path: Path):
    # A feed folder with 1,005 articles (one JSON Lines file: each line is an article with
    # its own path). The store lists them all; a `path:feeds/*` query stopped at 1,000.
    corpus = tmp_path / "briefs"
    (corpus / "feeds" / "Briefs").mkdir(parents=True)
    write_jsonl(corpus / "feeds" / "Briefs" / "briefs.jsonl",
                [{"title": f"Brief {n:04d}", "body": f"Item {n} of the morning briefs."} for n in range(1005)])
    write_jsonl(corpus / "desk.jsonl", [{"title": "Desk note", "body": "A note from the desk."}])
    Library(corpus).update()
    app, _ = make_app(corpus, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert len(app.feed_ids) == 1005
        open_titled(app, "Brief 0007")
        app.article_list.focus()
        await pilot.press("U")
        await settle(pilot)
        assert app.article_list.count == 1004
        titles = row_titles(app)
        assert "Brief 0007" not in titles and "Desk note" not in titles
        assert "1004 unread articles" in str(app.search_bar.feedback.content)


# -- r: fetch the feeds --------------------------------------------------------------------------------------


class FakeFeeds(Library):
    """A library whose `fetch` saves stories into the corpus as a real fetch would, without a network."""

    def __init__(self, corpus: Path, feeds: list[Feed], new: int = 2, failing: str | None = None) -> None:
        super().__init__(corpus)
        self._feeds, self.new, self.failing = feeds, new, failing
        self.fetched = 0

    def feeds(self) -> list[Feed]:
        return self._feeds

    def fetch(self, names=None, *, progress=None, cancelled=None, timeout=20.0) -> FetchReport:
        self.fetched += 1
        results = []
        for feed in self._feeds:
            if feed.name == self.failing:
                results.append(FeedResult(name=feed.name, url=feed.url, error="timed out after 20 s"))
                continue
            folder = self.corpus / "feeds" / feed.folder
            folder.mkdir(parents=True, exist_ok=True)
            saved = []
            for number in range(self.new):
                if progress is not None:
                    progress(FetchProgress(feed=feed.name, done=number, total=self.new))
                path = feed_story(folder, 100 + number)
                saved.append(path.relative_to(self.corpus).as_posix())
            results.append(FeedResult(name=feed.name, url=feed.url, new_paths=tuple(saved)))
        return FetchReport(feeds=tuple(results))


@pilot_test
async def test_r_fetches_indexes_the_new_articles_unread_and_reports_failed_feeds(news: Path, tmp_path: Path):
    feeds = [Feed(name="City Desk", url="http://127.0.0.1:9/city.xml"),
             Feed(name="Broken", url="http://127.0.0.1:9/broken.xml")]
    library = FakeFeeds(news, feeds, new=2, failing="Broken")
    app, notes = make_app(library, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.article_list.count == 5
        await pilot.press("r")
        await settle(pilot)
        await settle(pilot)
        assert library.fetched == 1
        titles = row_titles(app)
        assert app.article_list.count == 7 and {"City desk story 100", "City desk story 101"} <= set(titles)
        new_ids = [app.article_list.row(titles.index(t)).id for t in ("City desk story 100", "City desk story 101")]
        assert all(app.is_unread(article_id) for article_id in new_ids)
        assert "Broken: timed out after 20 s" in notes
        assert any(note.startswith("2 new articles from 1 feed") for note in notes)
        assert not app.query_one("#index-status").display


@pilot_test
async def test_r_against_a_real_feed_server_saves_indexes_and_lists_the_entries_unread(tmp_path: Path):
    """End to end, no fakes: a feed served on 127.0.0.1, a real Library, the app's `r`."""
    from test_feeds import ATOM, FeedServer

    corpus = tmp_path / "news"
    corpus.mkdir()
    server = FeedServer()
    try:
        library = Library(corpus)
        library.add_feed(server.file("/valley.xml", "valley-atom.xml", ATOM, etag='"v1"'), name="Valley")
        app, notes = make_app(library, tmp_path / "state.json")
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            assert app.article_list.count == 0
            await pilot.press("r")
            for _ in range(20):  # the fetch and the indexing after it run in workers
                await settle(pilot)
                if app.article_list.count:
                    break
            titles = row_titles(app)
            assert app.article_list.count == 2, titles
            assert any("Orchard growers" in title for title in titles)
            assert all(app.is_unread(app.article_list.row(i).id) for i in range(2))
            assert any(note.startswith("2 new articles from 1 feed") for note in notes), notes
            assert sorted(p.parent.name for p in (corpus / "feeds").rglob("*.html")) == ["Valley", "Valley"]
            await pilot.press("r")  # a second fetch: not modified, nothing new, nothing doubled
            for _ in range(5):
                await settle(pilot)
            assert app.article_list.count == 2
            assert server.not_modified["/valley.xml"] == 1
    finally:
        server.stop()


@pilot_test
async def test_r_with_no_feeds_says_how_to_add_one(news: Path, tmp_path: Path):
    library = FakeFeeds(news, [])
    app, notes = make_app(library, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert library.fetched == 0
        assert any("quotewire feed add URL" in note for note in notes)


# -- help, palette, keymap -------------------------------------------------------------------------------------


NEW_IDS = {"app.open_outside", "app.pipe", "app.export", "app.toggle_read", "app.unread_only", "app.fetch",
           "app.toggle_list", "app.toggle_side", "app.narrow_list", "app.widen_list"}


@pilot_test
async def test_help_and_keymap_know_every_new_binding(news: Path, tmp_path: Path):
    assert NEW_IDS <= QuotewireApp.binding_ids()
    app, _ = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = str(app.screen.query_one("#help-table").content)
        for binding_id in NEW_IDS:
            assert binding_id in table
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        assert {"Fetch feeds", "Unread only / every article", "Export speaker's quotes",
                "Pipe article to a command", "Open in browser or editor", "Mark read / unread"} <= set(commands)
        assert "(key: U)" in commands["Unread only / every article"].help


# -- layout: panels ------------------------------------------------------------------------------------------------


def row_text(app: QuotewireApp, title: str) -> str:
    """The list's line for the article titled `title`, as drawn."""
    articles = app.article_list
    index = next(i for i in range(articles.count) if articles.row(i).title == title)
    return articles.render_line(index - int(articles.scroll_offset.y)).text


@pilot_test
async def test_at_160_columns_the_reader_has_the_largest_share_and_rows_show_the_date(news: Path, tmp_path: Path):
    app, _ = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        left, side = app.query_one("#left"), app.query_one("#side")
        assert app.panel_shown("side")
        assert app.reader.outer_size.width > left.outer_size.width > side.outer_size.width
        assert app.reader.content_size.width >= 60  # a comfortable measure
        columns = app.article_list.scrollable_content_region.width
        assert app.article_list.date_width() == DATE_WIDTH
        title_room = columns - (1 + DATE_WIDTH + 1 + SOURCE_WIDTH + 1 + 1 + COUNT_WIDTH)
        assert title_room >= 34
        harbour = row_text(app, HARBOUR_TITLE)
        assert harbour.startswith(" 2020-03-02 Wire ")
        assert HARBOUR_TITLE[:title_room - 1] in harbour
        # Undated rows (the feed's stories) leave the date column blank.
        story = row_text(app, "City desk story 0")
        assert story[1:1 + DATE_WIDTH].strip() == "" and "City desk story 0" in story


@pilot_test
async def test_at_120_columns_the_side_panel_starts_hidden_and_the_date_is_short(news: Path, tmp_path: Path):
    app, _ = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.panel_shown("side")
        assert app.reader.outer_size.width > app.query_one("#left").outer_size.width
        assert app.article_list.date_width() == SHORT_DATE_WIDTH
        assert row_text(app, HARBOUR_TITLE).startswith("  2 Mar 20 Wire ")
    app, _ = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.article_list.date_width() == 0  # no room: the reader's header has the date
        assert row_text(app, "Bridge repairs delayed").startswith(" Wire ")


def test_the_short_date_keeps_day_month_and_year():
    assert ArticleList.date_text(date(2026, 11, 20), SHORT_DATE_WIDTH) == "20 Nov 26"
    assert ArticleList.date_text(date(2019, 3, 2), SHORT_DATE_WIDTH) == " 2 Mar 19"
    assert ArticleList.date_text(date(2019, 11, 20), DATE_WIDTH) == "2019-11-20"
    assert ArticleList.date_text(None, DATE_WIDTH) == " " * DATE_WIDTH


@pilot_test
async def test_panel_keys_resize_and_hide_the_list_and_the_side_panel(news: Path, tmp_path: Path):
    app, _ = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        left = app.query_one("#left")
        width = left.outer_size.width
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert left.outer_size.width > width
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert left.outer_size.width < width
        await pilot.press("L")
        await pilot.pause()
        assert not app.panel_shown("left") and app.focused is app.reader
        await pilot.press("L", "P")
        await pilot.pause()
        assert app.panel_shown("left") and not app.panel_shown("side")


@pilot_test
async def test_a_narrow_terminal_starts_without_the_side_panel(news: Path, tmp_path: Path):
    app, _ = make_app(news, tmp_path / "state.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.query_one("#side").region.width
        assert app.reader.size.width >= 40
        await pilot.press("P")
        await pilot.pause()
        assert app.query_one("#side").region.width > 0
