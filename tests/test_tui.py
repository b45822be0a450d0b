"""The reader app driven with Pilot: keys in, app state out (article, quote, highlighted spans)."""

from __future__ import annotations

import asyncio
import re
import threading
from datetime import date
from pathlib import Path

import pytest

from conftest import YONHAP, pilot_test, settle, write_jsonl
from textual import events
from textual.app import App
from textual.geometry import Region

from index import Article, EntityLabel, Library, Quote, Span
from tui.app import QuotewireApp
from tui.screens import HelpScreen, SpeakerPicker
from tui.state import ReadingState
from tui.widgets import ArticleList, ArticleReader, inert
from tui.widgets.reader import CURRENT_QUOTE_STYLE

YONHAP_TITLE = "Abe reiterates hope for summit with NK leader"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().rstrip(",")


def current_quote_text(app: QuotewireApp) -> str:
    assert app.article is not None and app.current_quote is not None
    return norm(app.article.quotes[app.current_quote].text)


def marked_text(app: QuotewireApp) -> list[str]:
    return [app.article.body[s.start:s.end] for s in app.reader.marks]


async def choose_speaker(pilot, typed: str) -> None:
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SpeakerPicker)
    await pilot.press(*typed)
    await pilot.press("enter")
    await settle(pilot)


# -- the main screen ---------------------------------------------------------------------------


@pilot_test
async def test_list_shows_both_seeds_and_enter_opens_the_one_under_the_cursor(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.count == 2
        assert "seeds · 2 articles" in app.sub_title
        first, second = articles.row(0), articles.row(1)
        assert (first.date or date.min) >= (second.date or date.min)  # newest first
        await pilot.press("j")
        assert articles.cursor == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.article is not None and app.article.id == second.id
        assert app.focused is app.reader
        assert str(app.reader.query_one("#headline").content) == second.title
        await pilot.press("K")  # previous article, from the reader
        await pilot.pause()
        assert app.article.id == first.id and articles.cursor == 0


@pilot_test
async def test_click_opens_an_article_and_tab_moves_between_panels(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        articles = app.article_list
        await pilot.click(ArticleList, offset=(8, 1))  # second row
        await pilot.pause()
        assert articles.cursor == 1 and app.article.id == articles.row(1).id
        articles.focus()
        await pilot.press("tab")
        assert app.focused is app.reader
        await pilot.press("shift+tab")
        assert app.focused is articles


@pilot_test
async def test_reader_marks_every_quote_with_its_speaker_and_colours_entities(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.open_article(next(r.id for r in (app.article_list.row(0), app.article_list.row(1))
                                     if r.title == YONHAP_TITLE))
        await pilot.pause()
        article = app.article
        assert article.quotes, "extraction found no quotes in the Yonhap seed"
        text = "\n".join(str(p.content) for p in app.reader.shown_paragraphs)
        for quote in article.quotes:
            assert f" {quote.speaker or 'unattributed'} " in text
        quotes_tab = app.query_one("#quotes")
        prompts = [str(quote_option.prompt) for quote_option in quotes_tab.options]
        assert any(p.startswith("Shinzo Abe") for p in prompts)
        people = {e.canonical for e in article.entities if e.label == EntityLabel.PERSON}
        assert "Shinzo Abe" in people


def drawn_lines(widget) -> list[str]:
    """The lines a widget shows, as text."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))]


@pilot_test
async def test_a_speaker_label_is_never_broken_across_lines(app: QuotewireApp):
    # At 160 columns "Shinzo" ended one line of the Yonhap article and "Abe" began the next.
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.open_article(next(r.id for r in (app.article_list.row(0), app.article_list.row(1))
                                     if r.title == YONHAP_TITLE))
        labels = {f" {q.speaker or 'unattributed'} " for q in app.article.quotes}
        for size in ((160, 48), (151, 48), (143, 40), (120, 40), (97, 30), (80, 24)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            checked = 0
            for paragraph in app.reader.shown_paragraphs:
                plain = str(paragraph.content)
                lines = drawn_lines(paragraph)
                for label in labels:
                    # Every label in the paragraph's text is drawn whole on one of its lines.
                    assert sum(line.count(label.strip()) for line in lines) >= plain.count(label), (size, label)
                    checked += plain.count(label)
            assert checked >= len(app.article.quotes)


@pilot_test
async def test_quotes_tab_selection_goes_to_the_quote_and_follows_its_speaker(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        yonhap = next(app.article_list.row(i) for i in range(2) if app.article_list.row(i).title == YONHAP_TITLE)
        app.open_article(yonhap.id)
        await pilot.pause()
        quotes = app.query_one("#quotes")
        quotes.focus()
        last = len(app.article.quotes) - 1
        quotes.highlighted = quotes.get_option_index(f"quote-{last}")
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_quote == last
        assert app.speaker is not None and app.speaker.name == app.article.quotes[last].speaker
        assert app.status.message.startswith(f"{app.speaker.name}: quote ")


# -- jumping between quotes by speaker ------------------------------------------------------------


@pilot_test
async def test_abe_walks_both_yonhap_quotes_in_order_then_around_again(app: QuotewireApp, gold):
    expected = [norm(q["text"]) for q in gold[YONHAP]["quotes"] if q["speaker"] == "Shinzo Abe"]
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await choose_speaker(pilot, "abe")
        assert app.speaker.name == "Shinzo Abe"
        seen = []
        for _ in range(len(expected) + 1):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert app.article.title == YONHAP_TITLE
            seen.append(current_quote_text(app))
            # The Quotes tab follows: its highlighted entry is the current quote.
            quotes = app.query_one("#quotes")
            assert quotes.get_option_at_index(quotes.highlighted).id == f"quote-{app.current_quote}"
        assert seen == expected + expected[:1]
        assert app.status.message == f"Shinzo Abe: quote 1 of {len(expected)}"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert current_quote_text(app) == expected[-1]


@pilot_test
async def test_a_jump_puts_the_quote_in_the_middle_of_the_reader_not_at_its_top_edge(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await choose_speaker(pilot, "abe")
        reader = app.reader
        for _ in range(2):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            span = app.article.quotes[app.current_quote].span
            paragraph = next(w for w, p in zip(reader.shown_paragraphs, reader._paragraphs)
                             if p.start <= span.start < p.end)
            top = paragraph.region.y - reader.region.y  # where the quote's paragraph starts on screen
            # The quote's first line is on screen, with the lines before it (the headline of
            # this short article) above it, rather than scrolled to the reader's top edge.
            assert 0 < top < reader.size.height // 2 + 3
            assert reader.query_one("#headline").region.height > 0 or reader.scroll_y > 0


def long_story(number: int, said: str) -> dict:
    """An article whose one quote (by Ana Costa) sits far below the first screen, with as
    much text after it (so that it can be scrolled to the middle)."""
    filler = [f"Paragraph {n} of story {number}: the council went through the harbour accounts line by line, "
              "and the auditors took notes on every figure they were shown." for n in range(36)]
    quote = f'"{said}," said Ana Costa, the mayor, after the vote.'
    return {"title": f"Harbour story {number}", "source": "Wire", "date": f"2020-03-0{number + 1}",
            "body": "\n\n".join([*filler[:24], quote, *filler[24:]])}


def quote_row_on_screen(app: QuotewireApp) -> int:
    """The screen row of the current quote's first line (its paragraph starts with it)."""
    reader = app.reader
    span = app.article.quotes[app.current_quote].span
    paragraph = next(w for w, p in zip(reader.shown_paragraphs, reader._paragraphs) if p.start <= span.start < p.end)
    return paragraph.region.y


@pilot_test
async def test_a_jump_lands_on_the_quote_in_the_frame_that_shows_the_article(tmp_path: Path):
    corpus = tmp_path / "harbour"
    corpus.mkdir()
    write_jsonl(corpus / "stories.jsonl", [long_story(0, "We will build it"), long_story(1, "We built it")])
    Library(corpus).update()
    app = QuotewireApp(Library(corpus), state=ReadingState(tmp_path / "state.json"))
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        app.choose_speaker("Ana Costa")
        await settle(pilot)
        reader = app.reader
        for _ in range(3):  # to the other article each time, and around again
            before = app.article.id if app.article else None
            app.action_jump_quote(1)
            # The scroll offset is set before Textual lays the new article out: the frame that
            # draws the article already shows the quote (it used to draw the article's top
            # first and scroll to the quote one frame later).
            assert app.article.id != before and app.current_quote is not None
            scrolled = reader.scroll_y
            assert scrolled > 0
            await pilot.pause()
            assert reader.scroll_y == scrolled  # the real layout agreed: nothing moved after
            top = quote_row_on_screen(app) - reader.region.y
            middle = reader.region.height // 2
            assert abs(top - middle) <= 1, (top, middle)


@pilot_test
async def test_a_click_on_the_quotes_tab_before_it_is_refilled_acts_on_the_new_article(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        rows = [app.article_list.row(i) for i in range(2)]
        yonhap = next(r for r in rows if r.title == YONHAP_TITLE)
        other = next(r for r in rows if r.title != YONHAP_TITLE)
        app.open_article(other.id)
        await settle(pilot)
        quotes = app.query_one("#quotes")
        assert quotes.current and quotes.option_count > 1
        # The line under the first speaker's heading: that speaker's first quote.
        x, y = quotes.content_region.x + 3, quotes.content_region.y + 1
        drawn = app.screen.get_style_at(x, y)  # what the screen shows there: the old article's entry
        app.open_article(yonhap.id)
        assert not quotes.current  # filled after the frame that shows the article
        quotes.post_message(events.Click(quotes, x - quotes.region.x, y - quotes.region.y, 0, 0, 1, False, False,
                                         False, screen_x=x, screen_y=y, style=drawn))
        await settle(pilot)
        assert app.article.id == yonhap.id
        first_speaker = app.article.quotes[0].speaker
        first = next(i for i, q in enumerate(app.article.quotes) if q.speaker == first_speaker)
        assert app.current_quote == first
        assert app.speaker is not None and app.speaker.name == first_speaker


@pilot_test
async def test_enter_on_the_quotes_tab_before_it_is_refilled_acts_on_the_new_article(app: QuotewireApp, monkeypatch):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        rows = [app.article_list.row(i) for i in range(2)]
        yonhap = next(r for r in rows if r.title == YONHAP_TITLE)
        other = next(r for r in rows if r.title != YONHAP_TITLE)
        app.open_article(other.id, quote=1)
        await settle(pilot)
        quotes = app.query_one("#quotes")
        quotes.focus()
        await settle(pilot)
        assert app.speaker is None
        # The key arrives before the refresh that would fill the list for the new article
        # (a real terminal can deliver it in that frame): hold the filling back until then.
        with monkeypatch.context() as patch:
            patch.setattr(quotes, "call_after_refresh", lambda *args, **kwargs: None)
            app.open_article(yonhap.id, quote=0)
            await pilot.press("enter")
        await settle(pilot)
        # Enter chose the quote the list follows in the new article, not the old article's entry
        assert app.article.id == yonhap.id
        assert app.current_quote == 0
        assert app.speaker is not None and app.speaker.name == app.article.quotes[0].speaker


@pilot_test
async def test_lee_nak_yon_second_quote_is_the_he_said_one(app: QuotewireApp, gold):
    expected = [norm(q["text"]) for q in gold[YONHAP]["quotes"] if q["speaker"] == "Lee Nak-yon"]
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await choose_speaker(pilot, "lee nak")
        assert app.speaker.name == "Lee Nak-yon"
        seen, speaker_mentions = [], []
        for _ in expected:
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append(current_quote_text(app))
            quote = app.article.quotes[app.current_quote]
            speaker_mentions.append(app.article.text_of(quote.speaker_span).lower() if quote.speaker_span else None)
        assert seen == expected
        assert speaker_mentions[1] == "he"
        assert app.status.message == f"Lee Nak-yon: quote 2 of {len(expected)}"


@pilot_test
async def test_y_copies_the_current_quote_with_its_attribution(app: QuotewireApp, gold):
    first = norm(next(q["text"] for q in gold[YONHAP]["quotes"] if q["speaker"] == "Shinzo Abe"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await choose_speaker(pilot, "shinzo")
        await pilot.press("right_square_bracket", "y")
        await pilot.pause()
        assert norm(app.clipboard.replace("“", "").replace("”", "")) == f"{first} — Shinzo Abe, Yonhap"
        assert app.clipboard.startswith("“") and "” — Shinzo Abe, Yonhap" in app.clipboard


@pilot_test
async def test_speaker_picker_matches_fuzzily_and_escape_cancels(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SpeakerPicker)
        assert [s.name for s, _ in picker.matches("shnz")][:1] == ["Shinzo Abe"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SpeakerPicker) and app.speaker is None


# -- search ------------------------------------------------------------------------------------------


@pilot_test
async def test_search_lists_hits_highlights_terms_and_n_walks_them(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"abduction", "enter")
        await settle(pilot)
        articles = app.article_list
        assert articles.showing_hits and articles.count == 2
        feedback = str(app.search_bar.feedback.content)
        assert feedback.startswith("2 articles match")
        await pilot.press("enter")
        await pilot.pause()
        marks = marked_text(app)
        assert marks and all(m.lower().startswith("abduct") for m in marks)
        await pilot.press("n")
        assert app.reader.current_mark == 0
        if len(marks) > 1:
            await pilot.press("n")
            assert app.reader.current_mark == 1
        await pilot.press("N")
        assert app.reader.current_mark == 0
        assert app.status.message == f"Match 1 of {len(marks)} for abduction"
        await pilot.press("escape")
        await pilot.pause()
        assert not articles.showing_hits and articles.count == 2
        assert app.reader.marks == []
        assert articles.row(articles.cursor).id == app.article.id


@pytest.mark.parametrize(("query", "title"), [
    ("speaker:abe", YONHAP_TITLE),
    ('entity:"lee nak-yon"', YONHAP_TITLE),
    ("source:yonhap", YONHAP_TITLE),
])
@pilot_test
async def test_field_queries_work_as_on_the_command_line(app: QuotewireApp, query: str, title: str):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *query, "enter")
        await settle(pilot)
        assert [app.article_list.row(i).title for i in range(app.article_list.count)] == [title]


@pilot_test
async def test_malformed_query_shows_the_error_inline_and_keeps_the_list(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"(abe", "enter")
        await settle(pilot)
        feedback = app.search_bar.feedback
        assert feedback.display and feedback.has_class("-error")
        assert "unbalanced '('" in str(feedback.content)
        assert not app.article_list.showing_hits and app.article_list.count == 2


@pilot_test
async def test_empty_result_offers_did_you_mean(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"abductoin", "enter")
        await settle(pilot)
        assert app.article_list.showing_hits and app.article_list.count == 0
        assert str(app.search_bar.feedback.content) == "No matches. Did you mean: abduction ?"


# -- entities -----------------------------------------------------------------------------------------


@pilot_test
async def test_entity_selection_highlights_all_mentions_and_n_walks_them(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        yonhap = next(app.article_list.row(i) for i in range(2) if app.article_list.row(i).title == YONHAP_TITLE)
        app.open_article(yonhap.id)
        await pilot.pause()
        app.query_one("#side").active = "entities-tab"
        entities = app.query_one("#entities")
        entities.focus()
        await pilot.pause()
        option = next(i for i, o in enumerate(entities.options) if str(o.prompt).strip().startswith("Shinzo Abe"))
        entities.highlighted = option
        await pilot.press("enter")
        await pilot.pause()
        mentions = [e.span for e in app.article.entities if e.canonical == "Shinzo Abe"]
        assert app.reader.marks == sorted(mentions, key=lambda s: s.start)
        assert app.reader.current_mark == 0
        await pilot.press("n")
        assert app.reader.current_mark == (1 % len(mentions))
        assert app.status.message == f"Shinzo Abe: mention {1 % len(mentions) + 1} of {len(mentions)}"


# -- keys, help, palette, remembered place -------------------------------------------------------------


@pilot_test
async def test_help_lists_every_app_binding(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(app.screen.query_one("#help-table").content).split())
        for binding in QuotewireApp.BINDINGS + ArticleList.BINDINGS + ArticleReader.BINDINGS:
            assert binding.tooltip in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


@pilot_test
async def test_command_palette_switches_theme(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Switch theme: nord")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"


@pilot_test
async def test_command_palette_opens_an_article_and_jumps_to_a_speaker(app: QuotewireApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open: vladivostok summit")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.article is not None and app.article.title == YONHAP_TITLE
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"jump to speaker lee nak")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.speaker is not None and app.speaker.name == "Lee Nak-yon"
        assert app.article.quotes[app.current_quote].speaker == "Lee Nak-yon"
        assert app.status.message.startswith("Lee Nak-yon: quote 1 of ")


@pilot_test
async def test_last_article_and_quote_are_remembered_per_corpus(seeds_library: Library, tmp_path: Path):
    state_file = tmp_path / "state.json"
    first = QuotewireApp(seeds_library, state=ReadingState(state_file))
    async with first.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await choose_speaker(pilot, "abe")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        opened, quote = first.article.id, first.current_quote
        await pilot.press("q")
    again = QuotewireApp(Library(seeds_library.corpus), state=ReadingState(state_file))
    async with again.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert again.article is not None and again.article.id == opened
        assert again.current_quote == quote
        assert again.article_list.row(again.article_list.cursor).id == opened


# -- indexing in the background ---------------------------------------------------------------------


@pilot_test
async def test_opening_an_unindexed_corpus_does_not_wait_for_indexing(seeds_dir: Path, tmp_path: Path):
    app = QuotewireApp(Library(seeds_dir), state=ReadingState(tmp_path / "state.json"))
    async with app.run_test(size=(160, 48)) as pilot:
        # The screen is up before the index exists: the list says so instead of blocking.
        assert app.ci is None and app.article_list.count == 0
        assert "Indexing" in app.article_list.empty_message
        await settle(pilot)
        assert app.ci is not None and app.article_list.count == 2
        assert not app.query_one("#index-status").display


@pilot_test
async def test_articles_added_while_open_appear_after_an_update(app: QuotewireApp, seeds_library: Library):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.article_list.count == 2
        (seeds_library.corpus / "new.txt").write_text(
            "Parliament votes on budget\n\nLONDON -- The parliament voted on the budget on Monday, "
            "officials said.\n", encoding="utf-8")
        app.update_index()
        await settle(pilot)
        assert app.article_list.count == 3
        assert "seeds · 3 articles" in app.sub_title
        titles = {app.article_list.row(i).title for i in range(3)}
        assert "Parliament votes on budget" in titles


class HeldLibrary(Library):
    """A library whose indexing stops before file `hold_at` until released: the app mid-build."""

    def __init__(self, corpus: Path, hold_at: int) -> None:
        super().__init__(corpus)
        self.hold_at = hold_at
        self.reached, self.release = threading.Event(), threading.Event()

    def update(self, *, progress=None, **options):
        def held(done: int, total: int, path: str) -> None:
            if done == self.hold_at:
                self.reached.set()
                self.release.wait(30)
            if progress is not None:
                progress(done, total, path)
        return super().update(progress=held, **options)


def council_stories(corpus: Path, count: int = 30) -> Path:
    """`count` dated stories, one file each, each file's story newer than the last."""
    corpus.mkdir()
    for number in range(count):
        write_jsonl(corpus / f"story-{number:02d}.jsonl", [{
            "title": f"Council story number {number}", "source": "Wire", "date": f"2020-01-{number + 1:02d}",
            "body": f"The council met for the {number}th time on roads and bridges, officials said."}])
    return corpus


async def rows_of_first_checkpoint(pilot, app: QuotewireApp, library) -> None:
    """Wait until the held indexing run reached its hold point and the list shows what its
    checkpoints committed (the checkpoint's index is handed to the UI by a message)."""
    assert await asyncio.to_thread(library.reached.wait, 30)
    for _ in range(100):
        if app.article_list.count:
            break
        await pilot.pause(0.02)


@pilot_test
async def test_the_list_fills_while_a_first_index_is_built_and_the_cursor_keeps_its_article(tmp_path: Path):
    corpus = council_stories(tmp_path / "wire")
    library = HeldLibrary(corpus, hold_at=12)
    app = QuotewireApp(library, state=ReadingState(tmp_path / "state.json"), commit_every=5)
    async with app.run_test(size=(160, 48)) as pilot:
        try:
            await rows_of_first_checkpoint(pilot, app, library)
            shown = app.article_list.count
            assert 0 < shown < 30 and app.query_one("#index-status").display  # still indexing
            assert app.sub_title == f"wire · {shown} articles"
            assert app.article_list.row(0).title == f"Council story number {shown - 1}"  # newest first
            await pilot.press("j", "j")
            kept = app.article_list.current_row
        finally:
            library.release.set()
        await settle(pilot)
        articles = app.article_list
        assert articles.count == 30 and app.sub_title == "wire · 30 articles"
        assert not app.query_one("#index-status").display
        # 30 - shown newer stories arrived above it: the cursor moved down with its article.
        assert articles.current_row.id == kept.id and articles.cursor == 2 + 30 - shown


class RebuildingLibrary(HeldLibrary):
    """An indexed library that must be built again from scratch (as after a schema change):
    the rebuild is written beside the old index and swapped in at the end."""

    def needs_rebuild(self) -> str | None:
        return "the index was made by an older quotewire"

    def update(self, **options):
        return super().update(rebuild=True, **options)


@pilot_test
async def test_a_rebuild_over_an_old_index_fills_the_list_as_it_goes_then_reads_the_new_index(tmp_path: Path):
    corpus = council_stories(tmp_path / "wire")
    Library(corpus).update()  # the old index: 30 articles
    library = RebuildingLibrary(corpus, hold_at=12)
    app = QuotewireApp(library, state=ReadingState(tmp_path / "state.json"), commit_every=5)
    async with app.run_test(size=(160, 48)) as pilot:
        try:
            await rows_of_first_checkpoint(pilot, app, library)
            # What the rebuild has committed so far, not the old index's 30 articles.
            shown = app.article_list.count
            assert 0 < shown < 30 and app.query_one("#index-status").display
            assert app.ci is not None and app.ci.building
            assert app.sub_title == f"wire · {shown} articles"
            assert app.article_list.row(0).title == f"Council story number {shown - 1}"
        finally:
            library.release.set()
        await settle(pilot)
        # Swapped in: the app reads the live index, complete.
        assert app.article_list.count == 30 and not app.ci.building
        assert not app.query_one("#index-status").display
        assert app.open_article(app.article_list.row(0).id)
        assert app.article.title == "Council story number 29"


# -- article text is data --------------------------------------------------------------------------------

HOSTILE_TITLE = "Markup [bold]test[/] and [red]colour"
HOSTILE_BODY = ("LONDON -- A [b]bracketed[/b] word and [link=http://x]a link[/link] in the text.\n\n"
                "An escape \x1b[2J sequence, a bell\x07 and a backspace\x08 stay harmless, "
                "\u202eand a bidi override too, officials said.\n")
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def drawn_segments(app) -> list[str]:
    """The text of every segment the current screen's widgets draw."""
    texts = []
    for widget in app.screen.walk_children():
        if widget.display and widget.region:
            texts.extend(segment.text for strip in widget.render_lines(widget.region.reset_offset)
                         for segment in strip)
    return texts


@pilot_test
async def test_an_indexed_article_with_markup_and_control_codes_shows_as_plain_text(tmp_path: Path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}", encoding="utf-8")
    library = Library(corpus)
    library.update()
    app = QuotewireApp(library, state=ReadingState(tmp_path / "state.json"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        body = "\n".join(str(p.content) for p in app.reader.shown_paragraphs)
        assert "[b]bracketed[/b]" in body and "[link=http://x]a link[/link]" in body
        assert str(app.reader.query_one("#headline").content) == HOSTILE_TITLE
        drawn = drawn_segments(app)
        assert any("[bold]test[/]" in text for text in drawn)  # in the list row and the headline
        assert not [text for text in drawn if RAW_CONTROL.search(text)]


def test_reader_shows_control_characters_as_pictures_and_keeps_spans_aligned():
    body = "Before \x1b[31m\x07\x85 after. \u202e\"I will go,\" he said. [bold]x[/bold]"
    start = body.index("I will")
    article = Article(
        id="hostile", path="hostile.txt", title="Title \x1b]0;pwned\x07 [i]", body=body,
        paragraphs=(Span(start=0, end=len(body)),),
        quotes=(Quote(span=Span(start=start, end=start + len("I will go,")), text="I will go,",
                      speaker="Someone", cue="said"),),
    )

    class ReaderOnly(App):
        def compose(self):
            yield ArticleReader()

    async def run():
        app = ReaderOnly()
        async with app.run_test(size=(100, 20)) as pilot:
            reader = app.query_one(ArticleReader)
            reader.show(article, quote=0)
            await pilot.pause()
            paragraph = reader.query_one(".paragraph").content
            plain = str(paragraph)
            assert plain.startswith("Before ␛[31m␇\ufffd after. \ufffd\"I will go,\"")
            assert "[bold]x[/bold]" in plain and " Someone " in plain
            current = [s for s in paragraph.spans if s.style == CURRENT_QUOTE_STYLE]
            assert [plain[s.start:s.end] for s in current] == ["I will go,"]
            assert str(reader.query_one("#headline").content) == "Title ␛]0;pwned␇ [i]"
            assert not [text for text in drawn_segments(app) if RAW_CONTROL.search(text)]

    asyncio.run(run())


def test_inert_keeps_length_so_spans_still_line_up():
    text = "a\x1b[31mb\x07c\x85d\u202ee\tf\ng"
    shown = inert(text)
    assert len(shown) == len(text)
    assert shown == "a␛[31mb␇c\ufffdd\ufffde f g"
    assert inert(text, keep_newlines=True).endswith("f\ng")


@pilot_test
async def test_the_app_picks_up_articles_indexed_by_another_process(tmp_path):
    import shutil
    import subprocess
    import sys

    from conftest import SEEDS
    from index import Library
    from tui.app import QuotewireApp
    from tui.state import ReadingState

    corpus = tmp_path / "news"
    shutil.copytree(SEEDS, corpus, ignore=shutil.ignore_patterns(".quotewire"))
    Library(corpus).update()
    app = QuotewireApp(Library(corpus), state=ReadingState(tmp_path / "state.json"))
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.ci.count() == 2
        (corpus / "late.txt").write_text("Mayor resigns\n\nThe mayor resigned on Friday, officials said.\n",
                                         encoding="utf-8")
        subprocess.run([sys.executable, "-m", "tui.cli", "index", str(corpus)], check=True, capture_output=True)
        app._watch_index()  # what the app's timer does every few seconds
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.ci.count() == 3
        assert "3 articles" in app.sub_title
