"""The quotewire app: article list, reader and quotes/entities panel over one corpus index.

The app owns the open index (`CorpusIndex`) and the reading state: which article is open,
which quote is current, which speaker `]`/`[` follow, which query is active. Widgets only
display and post messages (`tui.messages`); slow work (indexing, search, loading a
speaker's quotes) runs in named thread workers and one handler deals with their outcome.
"""

from __future__ import annotations

import gc
import os
import re
import shlex
import subprocess
import threading
import time
import webbrowser
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.content import Content
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Header, TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from index import (FEEDS_DIR, Article, ArticleRow, CorpusIndex, EntityLabel, FeedError, FetchProgress, FetchReport,
                   IndexBusy, IndexReport, Library, QueryError, QuoteRef, SearchResults, SpeakerInfo, StoreError,
                   export_quotes, reads_as_article, written_whole)

from .commands import ArticleCommands, SpeakerCommands, ThemeCommands, app_commands
from .keymap import UserKeymap, default_keymap_file, load_keymap
from .messages import ChooseSpeaker, FeedProgress, GoToQuote, IndexCommitted, IndexProgress, ShowEntity
from .screens import HelpScreen, Prompt, SpeakerPicker
from .state import Place, ReadingState
from .textsafe import safe
from .widgets import (ArticleList, ArticleReader, EntitiesList, IndexStatus, MarkKind, QuotesList, SearchBar,
                      StatusLine)
from .widgets.reader import plain_text

SEARCH_LIMIT = 200  # hits listed for a query; the feedback line gives the full count
PROGRESS_INTERVAL = 0.1  # seconds between progress messages from the indexing thread
COMMIT_EVERY = 500  # files indexed between checkpoint commits: the list fills as indexing goes
# Picking up a checkpoint (opening the index, sorting the list) takes time from indexing:
# checkpoints are skipped so that it takes at most this share of the indexing time.
PICKUP_SHARE = 0.2
FIRST_PAGE = 64  # rows fetched with a fresh index, off the UI thread
GC_FULL_EVERY = 1000  # young collections between full ones (Python's default: 10)
GC_IDLE_DELAY = 1.0  # seconds without opening an article before a full collection runs
WATCH_INTERVAL = 5.0  # seconds between checks for commits made by another process
SAVE_DELAY = 2.0  # seconds after the last move before the reading place is written
NARROW_WIDTH = 140  # terminals narrower than this start with the side panel hidden (the reader keeps its room)
LIST_STEP = 6  # columns `<` / `>` take from or give to the article list
LIST_MIN_WIDTH = 24
READER_MIN_WIDTH = 40
EXPORT_FORMATS = {".jsonl": "jsonl", ".csv": "csv"}  # by the file's suffix; anything else is Markdown




class IndexingStopped(Exception):
    """Raised inside the indexing thread to stop it when the app is quitting."""


class QuotewireApp(App[None]):
    """A reader for one corpus. `QuotewireApp(Library(path)).run()`."""

    CSS_PATH = "app.tcss"
    TITLE = "quotewire"
    COMMANDS = App.COMMANDS | {ArticleCommands, SpeakerCommands, ThemeCommands}

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave quotewire (your place is remembered)"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Show every key binding"),
        Binding("slash", "search", "Search", id="app.search", tooltip="Search the corpus (Whoosh query)"),
        Binding("s", "pick_speaker", "Speaker", id="app.speaker",
                tooltip="Choose a speaker whose quotes ] and [ walk"),
        Binding("right_square_bracket", "jump_quote(1)", "Next quote", id="app.next_quote",
                tooltip="The chosen speaker's next quote, across the corpus (or this article's next quote)"),
        Binding("left_square_bracket", "jump_quote(-1)", "Prev quote", id="app.prev_quote",
                tooltip="The chosen speaker's previous quote, across the corpus (or this article's)"),
        Binding("n", "step_mark(1)", "Next hit", id="app.next_mark",
                tooltip="Next search hit (or entity mention) in the article"),
        Binding("N", "step_mark(-1)", "Prev hit", show=False, id="app.prev_mark",
                tooltip="Previous search hit (or entity mention) in the article"),
        Binding("J", "open_neighbour(1)", "Next article", show=False, id="app.next_article",
                tooltip="Open the next article in the list"),
        Binding("K", "open_neighbour(-1)", "Prev article", show=False, id="app.prev_article",
                tooltip="Open the previous article in the list"),
        Binding("y", "copy_quote", "Copy quote", id="app.copy",
                tooltip="Copy the current quote with its attribution to the clipboard"),
        Binding("o", "open_outside", "Browser", id="app.open_outside",
                tooltip="Open the article's web page in the browser (no URL: its file in $VISUAL / $EDITOR)"),
        Binding("vertical_line", "pipe", "Pipe", show=False, id="app.pipe",
                tooltip="Pipe the article's text (title, details, body) to a shell command"),
        Binding("e", "export_quotes", "Export", id="app.export",
                tooltip="Export the chosen speaker's quotes to a file (Markdown; .jsonl, .csv by name)"),
        Binding("u", "toggle_read", "Read/unread", id="app.toggle_read",
                tooltip="Mark the article read or unread (in the list: the one under the cursor)"),
        Binding("U", "toggle_unread_only", "Unread only", show=False, id="app.unread_only",
                tooltip="List only the unread articles (again: every article)"),
        Binding("r", "fetch", "Fetch", id="app.fetch",
                tooltip="Fetch every feed and index the new articles (quotewire feed add URL adds one)"),
        Binding("escape", "full_list", "Full list", show=False, id="app.full_list",
                tooltip="Leave the search and show every article"),
        Binding("L", "toggle_panel('left')", "List", show=False, id="app.toggle_list",
                tooltip="Hide or show the article list (the reader gets its room)"),
        Binding("P", "toggle_panel('side')", "Panel", show=False, id="app.toggle_side",
                tooltip="Hide or show the Quotes / Entities panel (hidden at first under 140 columns)"),
        Binding("less_than_sign", "resize_list(-1)", "Narrower list", show=False, id="app.narrow_list",
                tooltip="Make the article list narrower"),
        Binding("greater_than_sign", "resize_list(1)", "Wider list", show=False, id="app.widen_list",
                tooltip="Make the article list wider"),
        # Declared here (Textual adds its own otherwise) so that it has an id a keymap can use.
        Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "Palette", show=False, priority=True,
                id="app.palette", tooltip="Command palette: open an article, jump to a speaker, switch theme"),
    ]

    def __init__(self, library: Library, *, state: ReadingState | None = None, keymap: UserKeymap | None = None,
                 commit_every: int = COMMIT_EVERY) -> None:
        """`keymap`: the user's keys (None: the defaults); `commit_every`: files between the
        indexer's checkpoint commits, each of which shows the articles indexed so far."""
        super().__init__()
        self.library = library
        self.state = state or ReadingState()
        self.user_keymap = keymap
        self.commit_every = commit_every
        self.ci: CorpusIndex | None = None
        # One lock around the index: Whoosh readers are not meant for two threads at once.
        self._lock = threading.RLock()
        self.article: Article | None = None
        self.query_text: str = ""
        self.speaker: SpeakerInfo | None = None
        self.speaker_quotes: list[QuoteRef] = []
        self.speaker_position: int | None = None
        self._pending_jump: int | None = None
        self._mark_subject = ""  # the entity whose mentions are marked, for the status line
        self._last_progress = 0.0
        self._next_pickup = 0.0  # monotonic time before which checkpoints are not picked up
        self._clashes_told: set[str] = set()  # keymap clashes already reported
        self._save_timer: Timer | None = None  # the pending write of the reading place
        self._gc_timer: Timer | None = None  # the pending full garbage collection
        self.read_marks = self.state.marks(library.corpus)
        self.feed_ids: set[str] = set()  # the indexed articles fetched from feeds (unread until opened)
        self.unread_only = False  # the list shows only unread articles
        self._index_again = False  # files arrived while indexing ran: index once more after it
        self._last_pipe = ""  # the last command `|` ran, offered again
        self._gc_threshold = gc.get_threshold()

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield SearchBar(id="search")
                yield ArticleList(id="articles")
                yield IndexStatus(id="index-status")
            yield ArticleReader(id="reader")
            with TabbedContent(id="side"):
                with TabPane("Quotes", id="quotes-tab"):
                    yield QuotesList(id="quotes")
                with TabPane("Entities", id="entities-tab"):
                    yield EntitiesList(id="entities")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def reader(self) -> ArticleReader:
        return self.query_one("#reader", ArticleReader)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search", SearchBar)

    @property
    def current_quote(self) -> int | None:
        """Index into `self.article.quotes` of the quote marked current in the reader."""
        return self.reader.current_quote

    @classmethod
    def binding_groups(cls) -> list[tuple[str, list[Binding]]]:
        """Every binding, grouped by where it works (for the help screen and the keymap).

        Entries without an id describe keys that are not ours to remap (Tab, Enter in a list)."""
        def bindings(owner) -> list[Binding]:
            return [b for b in owner.BINDINGS if isinstance(b, Binding)]
        return [
            ("Everywhere", bindings(cls) + [Binding("tab", "", tooltip="Next panel (Shift+Tab: previous)")]),
            ("Article list", bindings(ArticleList)),
            ("Reader", bindings(ArticleReader) + [Binding("up,down,pageup,pagedown", "", tooltip="Scroll")]),
            ("Search box", bindings(SearchBar) + [Binding("enter", "", tooltip="Run the query")]),
            ("Quotes and Entities tabs", [Binding("up,down,enter", "", tooltip="Move; Enter goes to the quote "
                                                  "(and follows its speaker) or marks the entity's mentions")]),
            ("Speaker picker", bindings(SpeakerPicker) + [Binding("enter", "", tooltip="Choose the highlighted "
                                                                   "speaker")]),
            ("Help screen", bindings(HelpScreen)),
        ]

    @classmethod
    def binding_ids(cls) -> set[str]:
        """The ids a keymap file can give other keys."""
        return {b.id for _, group in cls.binding_groups() for b in group if b.id}

    def keys_of(self, binding: Binding) -> str:
        """The keys a binding answers to now: the user's keymap first, else its defaults."""
        if self.user_keymap is not None and binding.id in self.user_keymap.keys:
            return self.user_keymap.keys[binding.id]
        return binding.key

    # -- panels ---------------------------------------------------------------------------------

    def on_resize(self, event) -> None:
        self.screen.set_class(event.size.width < NARROW_WIDTH, "-narrow")

    def panel_shown(self, which: str) -> bool:
        """Whether panel `which` ("left" or "side") is shown."""
        return bool(self.query_one(f"#{which}").display)

    def action_toggle_panel(self, which: str) -> None:
        """Hide or show the article list ("left") or the side panel ("side")."""
        panel = self.query_one(f"#{which}")
        if which == "side" and self.screen.has_class("-narrow"):
            panel.remove_class("-hidden")
            panel.toggle_class("-shown")
        else:
            panel.remove_class("-shown")
            panel.toggle_class("-hidden")
        if not self.panel_shown(which) and panel.has_focus_within:
            self.reader.focus()

    def action_resize_list(self, step: int) -> None:
        left = self.query_one("#left")
        left.remove_class("-hidden")
        side = self.query_one("#side").outer_size.width if self.panel_shown("side") else 0
        widest = max(self.size.width - side - READER_MIN_WIDTH, LIST_MIN_WIDTH)
        left.styles.max_width = None
        left.styles.width = max(LIST_MIN_WIDTH, min(left.outer_size.width + step * LIST_STEP, widest))

    # -- start-up and indexing --------------------------------------------------------------------

    def on_mount(self) -> None:
        self.sub_title = self.library.name
        if self.user_keymap is not None:
            self.set_keymap(self.user_keymap.keys)
            for problem in self.user_keymap.problems:
                self.notify(problem, title="Keymap", severity="warning", timeout=10)
        # Full collections wait for a pause (see `_collect_when_idle`), not for the middle of
        # opening an article; restored when the app ends (tests run many apps in one process).
        self._gc_threshold = gc.get_threshold()
        gen0, gen1, _ = self._gc_threshold
        gc.set_threshold(gen0, gen1, GC_FULL_EVERY)
        self.article_list.is_unread = self.is_unread
        self.article_list.empty_message = ("Opening the index…" if self.library.has_index()
                                           else "Indexing: articles appear here as they are indexed.")
        self.article_list.refresh()
        # Checking and opening the index reads its manifest and sorts its list: seconds at
        # 100k articles, so a worker does it while the screen is already up.
        self.open_index()
        # Another process (`quotewire index`, a feed fetcher) may update the index meanwhile.
        self.set_interval(WATCH_INTERVAL, self._watch_index)
        self.article_list.focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="open", description="opening the index")
    def open_index(self) -> tuple[str | None, CorpusIndex | None, str | None]:
        """(why the index must be rebuilt, the index opened with its first page sorted, why it
        could not be opened)."""
        reason = self.library.needs_rebuild()
        if reason is not None:
            return reason, None, None
        try:
            ci = self.library.open()
        except StoreError as exc:
            return None, None, str(exc)
        ci.rows(0, FIRST_PAGE)
        return None, ci, None

    def _index_opened(self, reason: str | None, ci: CorpusIndex | None, error: str | None) -> None:
        if error is not None:
            self.notify(error, title="Cannot open the index", severity="error")
        if ci is not None:
            self._use_index(ci)
        else:
            self.article_list.empty_message = "Indexing: articles appear here as they are indexed."
            self.article_list.refresh()
        self.query_one(IndexStatus).start(reason)
        # After the next frame: the indexing thread would otherwise compete with it for the GIL.
        self.call_after_refresh(self.update_index)

    def _collect_when_idle(self) -> None:
        """Run the full garbage collection once the user pauses (after opening an article):
        at 100k articles one takes 20-30 ms, a third of an article's budget when it lands
        in the middle of an open (it made the slowest opens and jumps)."""
        if self._gc_timer is None:
            self._gc_timer = self.set_timer(GC_IDLE_DELAY, self._collect)
        else:
            self._gc_timer.reset()

    def _collect(self) -> None:
        self._gc_timer = None
        gc.collect()

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node) -> None:
        # Called on every key press while the clash lasts: say it once per binding.
        clashes = {b.id or b.action for b in clashed_bindings} - self._clashes_told
        if clashes:
            self._clashes_told |= clashes
            self.notify(f"The keymap gives these bindings' keys to others: {', '.join(sorted(clashes))}",
                        title="Keymap", severity="warning", timeout=10)

    def _open_index(self) -> bool:
        try:
            ci = self.library.open()
        except StoreError as exc:
            self.notify(str(exc), title="Cannot open the index", severity="error")
            return False
        self._use_index(ci)
        return True

    def _use_index(self, ci: CorpusIndex) -> None:
        """Read from `ci` from now on (closing the index it replaces) and show its list,
        keeping the cursor on the article it was on (the top stays the top)."""
        articles = self.article_list
        keep = articles.current_row if self.ci is not None and articles.cursor > 0 else None
        with self._lock:
            old, self.ci = self.ci, ci
            if old is not None:
                old.close()
        # What is alive now (widgets, the index's sorted list) lives as long as the app: out
        # of the collector's way, a full collection takes ~10 ms instead of 50-90 ms at 100k
        # articles, which would otherwise land in the middle of opening an article.
        gc.freeze()
        self.load_feed_ids()
        if old is None:
            self._show_full_list()
            self._restore_place()
            return
        if self.unread_only:
            self.load_unread(keep.id if keep is not None else None)
        elif articles.showing_hits and self.query_text:
            self._say_count()
            self.run_search(self.query_text, keep_id=articles.current_row.id if articles.current_row else None)
        else:
            with self._lock:
                position = ci.position(keep.id) if keep is not None else None
            self._show_full_list(cursor=position or 0)
        if self.speaker is not None:
            self._reload_speaker()

    def _fetch_rows(self, offset: int, limit: int):
        with self._lock:
            return self.ci.rows(offset, limit) if self.ci else []

    def _count(self) -> int:
        with self._lock:
            return self.ci.count() if self.ci else 0

    def _say_count(self) -> int:
        count = self._count()
        self.sub_title = f"{self.library.name} · {count} article{'s' * (count != 1)}"
        return count

    def _show_full_list(self, *, cursor: int | None = None) -> None:
        """Every article, the cursor on row `cursor` (kept where it was on screen), else at the top."""
        count = self._say_count()
        self.article_list.empty_message = "No articles in this corpus."
        self.article_list.show_rows(self._fetch_rows, count, cursor=cursor)

    def _watch_index(self) -> None:
        indexing = any(w.group == "index" and not w.is_finished for w in self.workers)
        if self.ci is not None and not indexing and self.ci.stale():
            self.pick_up_changes()

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch", description="reading index changes")
    def pick_up_changes(self) -> CorpusIndex | None:
        """Open the index as another process left it (its list sorted off the UI thread)."""
        return self._fresh_index()

    def _fresh_index(self, *, building: bool = False) -> CorpusIndex | None:
        """The index opened anew with its list sorted: slow on a large index, so called off
        the UI thread. `building`: what a rebuild in progress has committed so far."""
        try:
            ci = self.library.open(building=building)
        except StoreError:
            return None  # building: nothing readable committed yet (the next checkpoint will be)
        ci.rows(0, FIRST_PAGE)
        return ci

    def _rebuilds_beside(self) -> bool:
        """Whether this run writes a new index beside the live one (swapped in at the end),
        whose checkpoints are read with `building=True`: the index needs a rebuild (the app
        then reads none: an old schema may not be readable) or could not be opened. An
        update or a first build writes the live index itself."""
        return self.ci is None and self.library.has_index()

    @work(thread=True, exclusive=True, exit_on_error=False, group="index", description="updating the index")
    def update_index(self) -> tuple[IndexReport, CorpusIndex | None]:
        worker = get_current_worker()
        # A rebuild over an old index fills the list from its checkpoints as a first build
        # does; at the end `_index_updated` switches to the live index it was swapped in as.
        building = self._rebuilds_beside()

        def progress(done: int, total: int, path: str) -> None:
            # Quitting cancels the worker; stop at the next file (the indexer rolls back
            # cleanly) instead of keeping the process alive until indexing ends.
            if worker.is_cancelled:
                raise IndexingStopped
            now = time.monotonic()
            if now - self._last_progress >= PROGRESS_INTERVAL or done == total:
                self._last_progress = now
                self.post_message(IndexProgress(done, total, path))

        def committed() -> None:
            started = time.monotonic()
            if worker.is_cancelled or started < self._next_pickup:
                return
            fresh = self._fresh_index(building=building)
            if fresh is not None:
                self.post_message(IndexCommitted(fresh))
            self._next_pickup = time.monotonic() + (time.monotonic() - started) / PICKUP_SHARE

        self._index_again = False
        report = self.library.update(progress=progress, commit_every=self.commit_every, committed=committed)
        changed = report.added or report.changed or report.removed or report.rebuilt
        return report, (self._fresh_index() if changed or self.ci is None else None)

    def on_index_progress(self, message: IndexProgress) -> None:
        self.query_one(IndexStatus).progress(message.done, message.total, message.path)

    def on_index_committed(self, message: IndexCommitted) -> None:
        self._use_index(message.index)

    def _index_updated(self, report: IndexReport, fresh: CorpusIndex | None) -> None:
        self.query_one(IndexStatus).finish()
        if self._index_again:  # feeds brought files while this run was under way
            self.call_after_refresh(self.reindex)
        if fresh is not None:
            self._use_index(fresh)
        elif self.ci is None:
            self._open_index()
        if report.added or report.changed or report.removed:
            self.notify(report.summary(), title="Index updated")
        if report.problems:
            self.notify(f"{len(report.problems)} file(s) skipped; `quotewire index` lists them",
                        severity="warning")

    # -- the one place worker outcomes are handled ------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            if worker.group == "open":
                self._index_opened(*worker.result)
            elif worker.group == "index":
                self._index_updated(*worker.result)
            elif worker.group == "search":
                self._show_results(*worker.result)
            elif worker.group == "speaker":
                self._speaker_loaded(*worker.result)
            elif worker.group == "feed-ids":
                self._feed_ids_loaded(worker.result)
            elif worker.group == "unread":
                self._show_unread(*worker.result)
            elif worker.group == "fetch":
                self._fetched(worker.result)
            elif worker.group == "browser" and not worker.result:
                self.notify("No browser could be started (set $BROWSER).", title="Open", severity="warning")
            elif worker.group == "watch" and worker.result is not None:
                self._use_index(worker.result)
                self.notify(f"{self.ci.count()} articles: the index was updated by another process",
                            title="Index updated")
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, IndexingStopped):
                return  # the app is quitting
            if worker.group == "search":
                self.search_bar.show_error(str(error) if isinstance(error, QueryError)
                                           else f"Search failed: {type(error).__name__}: {error}")
            elif worker.group in ("index", "fetch"):
                self.query_one(IndexStatus).finish()
                if isinstance(error, FeedError):
                    self.notify(str(error), title="Feeds", severity="error")
                elif isinstance(error, IndexBusy):
                    self.notify(str(error), title="Index not updated", severity="warning")
                    if self.ci is None:
                        self._open_index()
                else:
                    self.notify(f"{type(error).__name__}: {error}", title="Indexing failed", severity="error")
            else:
                self.notify(f"{type(error).__name__}: {error}", title=f"{worker.description} failed",
                            severity="error")
                if worker.group == "open":  # still try to bring the index up to date
                    self.query_one(IndexStatus).start(None)
                    self.update_index()

    # -- opening articles ---------------------------------------------------------------------------

    def open_article(self, article_id: str, *, quote: int | None = None, focus_reader: bool = False,
                     mark_read: bool = True) -> bool:
        """Show an article (scrolled to `quote` when given) and mark it read (unless
        `mark_read=False`: the place restored at start-up); False when it is not in the index."""
        if self.ci is None:
            return False
        with self._lock:
            article = self.ci.article(article_id)
            marks = self.ci.match_spans(self.query_text, article) if article and self.query_text else []
        if article is None:
            self.notify("That article is no longer in the index.", severity="warning")
            return False
        changed = self.article is None or self.article.id != article.id
        self.article = article
        from_feed = article.path.startswith(f"{FEEDS_DIR}/")
        if from_feed:
            self.feed_ids.add(article.id)
        if mark_read and self.read_marks.opened(article.id, from_feed=from_feed):
            self.article_list.unread_changed()
        self.reader.show(article, quote=quote, marks=marks, kind=MarkKind.MATCH)
        self.article_list.open_id = article.id
        quotes = self.query_one("#quotes", QuotesList)
        if changed:
            quotes.show(article)
            self.query_one("#entities", EntitiesList).show(article)
        quotes.highlight_quote(quote)
        if marks and changed:
            self.status.say(f"{len(marks)} match{'es' * (len(marks) != 1)} for the search here: n / N walk them")
        elif changed and quote is None:
            self.status.say("")
        if focus_reader:
            self.reader.focus()
        self._remember()
        self._collect_when_idle()
        return True

    def _move_cursor_to(self, article_id: str) -> None:
        if self.article_list.showing_hits or self.article_list.showing_picked:
            index = self.article_list.index_of(article_id)
            if index is not None:
                self.article_list.cursor = index
            return
        with self._lock:
            position = self.ci.position(article_id) if self.ci else None
        if position is not None:
            self.article_list.cursor = position

    @on(ArticleList.Opened)
    def _list_opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.row.id, focus_reader=True)

    def action_open_neighbour(self, step: int) -> None:
        articles = self.article_list
        articles.cursor += step
        row = articles.current_row
        if row is not None:
            self.open_article(row.id)

    # -- quotes -------------------------------------------------------------------------------------

    def on_go_to_quote(self, message: GoToQuote) -> None:
        self.go_to_quote(message.index)

    def go_to_quote(self, index: int) -> None:
        self.reader.go_to_quote(index)
        self.query_one("#quotes", QuotesList).highlight_quote(index)
        self._remember()

    def on_choose_speaker(self, message: ChooseSpeaker) -> None:
        self.choose_speaker(message.name, quote_index=message.quote_index)

    def choose_speaker(self, name: str, *, quote_index: int | None = None) -> None:
        """Follow `name`'s quotes with ]/[; their list loads in a worker."""
        self.load_speaker(name, quote_index, self.article.id if self.article else None)

    def _reload_speaker(self) -> None:
        """Load the followed speaker's quotes again (the index changed), staying on the current one."""
        assert self.speaker is not None
        ref = self.speaker_quotes[self.speaker_position] if self.speaker_position is not None else None
        self.load_speaker(self.speaker.name, ref.index if ref else None, ref.article_id if ref else None,
                          quiet=True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="speaker", description="loading a speaker's quotes")
    def load_speaker(self, name: str, quote_index: int | None, article_id: str | None, quiet: bool = False):
        with self._lock:
            info = self.ci.speaker(name) if self.ci else None
            refs = self.ci.quotes_by(info.name) if info and self.ci else []
        return name, info, refs, quote_index, article_id, quiet

    def _speaker_loaded(self, name: str, info: SpeakerInfo | None, refs: list[QuoteRef],
                        quote_index: int | None, article_id: str | None, quiet: bool) -> None:
        if info is None or not refs:
            if not quiet:
                self.notify(f"No quotes by {name} in this corpus.", severity="warning")
            self._pending_jump = None
            return
        self.speaker, self.speaker_quotes, self.speaker_position = info, refs, None
        if quote_index is not None:
            for position, ref in enumerate(refs):
                if ref.article_id == article_id and ref.index == quote_index:
                    self.speaker_position = position
        if self.speaker_position is not None:
            self._say_speaker_position()
        elif not quiet:
            articles = len({r.article_id for r in refs})
            self.status.say(f"{info.name}: {len(refs)} quote{'s' * (len(refs) != 1)} in {articles} "
                            f"article{'s' * (articles != 1)} · ] next, [ previous")
        if self._pending_jump is not None:
            step, self._pending_jump = self._pending_jump, None
            self.action_jump_quote(step)

    def _say_speaker_position(self) -> None:
        assert self.speaker is not None and self.speaker_position is not None
        self.status.say(f"{self.speaker.name}: quote {self.speaker_position + 1} of {len(self.speaker_quotes)}")

    def action_jump_quote(self, step: int) -> None:
        """Next (1) / previous (-1) quote of the chosen speaker across the corpus, in date order;
        with no speaker chosen, the open article's next / previous quote."""
        if any(w.group == "speaker" and w.is_running for w in self.workers):
            self._pending_jump = step
            return
        if self.speaker_quotes:
            count = len(self.speaker_quotes)
            if self.speaker_position is None:
                self.speaker_position = 0 if step > 0 else count - 1
            else:
                self.speaker_position = (self.speaker_position + step) % count
            ref = self.speaker_quotes[self.speaker_position]
            if self.open_article(ref.article_id, quote=ref.index):
                self.query_one("#quotes", QuotesList).highlight_quote(ref.index)
                self._move_cursor_to(ref.article_id)
                self._say_speaker_position()
            return
        if self.article is None or not self.article.quotes:
            self.notify("Choose a speaker with s (or open an article with quotes) first.")
            return
        count = len(self.article.quotes)
        current = self.current_quote
        index = (0 if step > 0 else count - 1) if current is None else (current + step) % count
        self.go_to_quote(index)
        self.status.say(f"Quote {index + 1} of {count} in this article")

    def action_pick_speaker(self) -> None:
        if self.ci is None:
            self.notify("The index is not ready yet.")
            return
        with self._lock:
            speakers = self.ci.speakers()
        if not speakers:
            self.notify("Nobody is quoted in this corpus yet.")
            return

        def chosen(name: str | None) -> None:
            if name:
                self.choose_speaker(name)

        self.push_screen(SpeakerPicker(speakers, self.speaker.name if self.speaker else None), chosen)

    def quote_citation(self) -> str | None:
        """The current quote as it is copied: “text” — Speaker, Source."""
        article, index = self.article, self.current_quote
        if article is None or index is None:
            return None
        quote = article.quotes[index]
        text = quote.text.strip().rstrip(",;:").strip()
        who = ", ".join(part for part in (quote.speaker or "unattributed", article.source) if part)
        return f"“{text}” — {who}"

    def action_copy_quote(self) -> None:
        citation = self.quote_citation()
        if citation is None:
            self.notify("No current quote: go to one with ] or from the Quotes tab.")
            return
        self.copy_to_clipboard(citation)
        self.notify("Copied the quote with its attribution.", timeout=2)

    # -- entities and marks ---------------------------------------------------------------------------

    def on_show_entity(self, message: ShowEntity) -> None:
        self.show_entity(message.canonical, message.label)

    def show_entity(self, canonical: str, label: EntityLabel) -> None:
        """Mark every mention of an entity in the open article and go to the first."""
        if self.article is None:
            return
        spans = [e.span for e in self.article.entities if e.canonical == canonical and e.label == label]
        self.reader.set_marks(spans, MarkKind.ENTITY)
        self._mark_subject = canonical
        self.action_step_mark(1)

    def action_step_mark(self, step: int) -> None:
        reader = self.reader
        index = reader.step_mark(step)
        if index is None:
            self.notify("Nothing to walk: search with / or choose an entity in the Entities tab.")
            return
        if reader.mark_kind == MarkKind.ENTITY:
            self.status.say(f"{self._mark_subject}: mention {index + 1} of {len(reader.marks)}")
        else:
            self.status.say(f"Match {index + 1} of {len(reader.marks)} for {self.query_text}")

    # -- search -----------------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.search_bar.input.focus()

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        if self.ci is None:
            self.search_bar.show_error("The index is not ready yet.")
            return
        self.run_search(event.query)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search", description="searching")
    def run_search(self, query: str, keep_id: str | None = None) -> tuple[SearchResults, str | None]:
        """Ranked hits for `query`; `keep_id`: the search is run again on a grown index and
        the cursor stays on that article."""
        with self._lock:
            assert self.ci is not None
            return self.ci.search(query, limit=SEARCH_LIMIT), keep_id

    def _show_results(self, results: SearchResults, keep_id: str | None) -> None:
        self.unread_only = False
        self.query_text = results.query
        self.search_bar.show_results(results)
        self.article_list.empty_message = "Nothing found. Esc: back to the full list."
        ids = [hit.row.id for hit in results.hits]
        self.article_list.show_hits(results, cursor=ids.index(keep_id) if keep_id in ids else None)
        if results.hits and keep_id is None:
            self.article_list.focus()
        if self.article is not None:
            with self._lock:
                marks = self.ci.match_spans(self.query_text, self.article) if self.ci else []
            self.reader.set_marks(marks, MarkKind.MATCH)

    @on(SearchBar.Cleared)
    def _search_cleared(self) -> None:
        self.action_full_list()

    def action_full_list(self) -> None:
        """Leave the search: every article again, the cursor on the open one."""
        if not self.query_text and not self.article_list.showing_hits and not self.unread_only:
            self.article_list.focus()
            return
        self.unread_only = False
        self.query_text = ""
        self.search_bar.input.value = ""
        self.search_bar.say(None)
        self._show_full_list()
        if self.article is not None:
            self._move_cursor_to(self.article.id)
        if self.reader.mark_kind == MarkKind.MATCH:
            self.reader.set_marks([], MarkKind.MATCH)
        self.article_list.focus()
        self.status.say("")

    # -- read marks and feeds ------------------------------------------------------------------------

    def is_unread(self, article_id: str) -> bool:
        return self.read_marks.is_unread(article_id, from_feed=article_id in self.feed_ids)

    @work(thread=True, exclusive=True, exit_on_error=False, group="feed-ids", description="finding feed articles")
    def load_feed_ids(self) -> set[str]:
        """The ids of every indexed article under `feeds/` (however many): they are unread
        until opened."""
        if not (self.library.corpus / FEEDS_DIR).is_dir():
            return set()
        with self._lock:
            return set(self.ci.ids_under(f"{FEEDS_DIR}/")) if self.ci is not None else set()

    def _feed_ids_loaded(self, ids: set[str]) -> None:
        if ids - self.feed_ids:
            self.feed_ids |= ids
            self.article_list.unread_changed()

    def _target_id(self) -> str | None:
        """The article a key acts on: the row under the cursor while the list has the focus,
        else the open article (else the cursor's row)."""
        row = self.article_list.current_row
        if self.article_list.has_focus and row is not None:
            return row.id
        if self.article is not None:
            return self.article.id
        return row.id if row is not None else None

    def _target_article(self) -> Article | None:
        article_id = self._target_id()
        if article_id is None:
            return None
        if self.article is not None and self.article.id == article_id:
            return self.article
        with self._lock:
            return self.ci.article(article_id) if self.ci else None

    def action_toggle_read(self) -> None:
        article_id = self._target_id()
        if article_id is None:
            self.notify("No article to mark.")
            return
        unread = self.read_marks.toggle(article_id, from_feed=article_id in self.feed_ids)
        self.article_list.unread_changed()
        self._save_later()
        self.status.say("Marked unread (u: read again)" if unread else "Marked read")

    def action_toggle_unread_only(self) -> None:
        if self.unread_only:
            self.action_full_list()
            return
        if self.ci is None:
            self.notify("The index is not ready yet.")
            return
        self.unread_only = True
        row = self.article_list.current_row
        self.load_unread(row.id if row is not None else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="unread", description="listing unread articles")
    def load_unread(self, keep_id: str | None = None) -> tuple[list[ArticleRow], str | None]:
        """The unread articles' rows in list order (newest first): the feed articles not
        opened yet (every one under `feeds/`, listed by the store now rather than those the
        app has noted so far) and the ones marked unread. `keep_id`: the cursor stays on it."""
        with self._lock:
            if self.ci is None:
                return [], keep_id
            ids = self.read_marks.unread_ids(set(self.ci.ids_under(f"{FEEDS_DIR}/")))
            placed = sorted((position, article_id) for article_id in ids
                            if (position := self.ci.position(article_id)) is not None)
            rows = [row for position, _ in placed for row in self.ci.rows(position, 1)]
        return rows, keep_id

    def _show_unread(self, rows: list[ArticleRow], keep_id: str | None) -> None:
        if not self.unread_only:
            return  # the user left the unread list while it loaded
        self.query_text = ""
        self.search_bar.input.value = ""
        if self.reader.mark_kind == MarkKind.MATCH:
            self.reader.set_marks([], MarkKind.MATCH)
        self.article_list.empty_message = "No unread articles. U or Esc: every article."
        ids = [row.id for row in rows]
        self.article_list.show_picked(rows, cursor=ids.index(keep_id) if keep_id in ids else None)
        self.search_bar.say(Content(f"{len(rows)} unread article{'s' * (len(rows) != 1)} · U or Esc: every article"))
        self.article_list.focus()

    def action_fetch(self) -> None:
        if any(w.group == "fetch" and not w.is_finished for w in self.workers):
            self.notify("Already fetching the feeds.")
            return
        try:
            feeds = self.library.feeds()
        except FeedError as exc:
            self.notify(str(exc), title="Feeds", severity="error")
            return
        if not feeds:
            self.notify("This corpus follows no feeds yet: add one with  quotewire feed add URL", title="Feeds")
            return
        self.query_one(IndexStatus).fetching(feeds[0].name, 0, 0)
        self.fetch_feeds()

    @work(thread=True, exclusive=True, exit_on_error=False, group="fetch", description="fetching feeds")
    def fetch_feeds(self) -> FetchReport:
        worker = get_current_worker()

        def progress(step: FetchProgress) -> None:
            self.post_message(FeedProgress(step.feed, step.done, step.total))

        return self.library.fetch(progress=progress, cancelled=lambda: worker.is_cancelled)

    def on_feed_progress(self, message: FeedProgress) -> None:
        self.query_one(IndexStatus).fetching(message.feed, message.done, message.total)

    def _fetched(self, report: FetchReport) -> None:
        for feed in report.errors:
            self.notify(f"{feed.name}: {feed.error}", title="Feed not fetched", severity="error", timeout=10)
        new = len(report.new_paths)
        fetched = len(report.feeds) - len(report.errors)
        self.notify(f"{new} new article{'s' * (new != 1)} from {fetched} feed{'s' * (fetched != 1)}"
                    + (" · indexing them" if new else ""), title="Feeds")
        if new:
            self.reindex()
        else:
            self.query_one(IndexStatus).finish()

    def reindex(self) -> None:
        """Index what changed in the corpus, the list filling as it goes; when an update is
        running already, once more after it (it may have listed the files before they came)."""
        if any(w.group == "index" and not w.is_finished for w in self.workers):
            self._index_again = True
            return
        self.query_one(IndexStatus).start(None)
        self.update_index()

    # -- the article outside the app: browser, editor, shell ---------------------------------------

    def action_open_outside(self) -> None:
        article = self._target_article()
        if article is None:
            self.notify("Open an article first.")
            return
        if article.url:
            self.notify(f"Opening {safe(article.url)} in the browser", title="Open", timeout=4)
            self.open_in_browser(article.url)
        else:
            self.edit_file(article)

    @work(thread=True, exit_on_error=False, group="browser", description="opening the browser")
    def open_in_browser(self, url: str) -> bool:
        return webbrowser.open(url)

    def article_file(self, article: Article) -> Path:
        """The file an article came from (a JSON Lines article's path ends in `#line`)."""
        path = self.library.corpus / article.path
        name, hash_sign, line = article.path.rpartition("#")
        if hash_sign and line.isdigit() and not path.exists():
            path = self.library.corpus / name
        return path

    def edit_file(self, article: Article) -> None:
        """Open the article's file in $VISUAL / $EDITOR, the app suspended meanwhile; the
        index is updated when the file was changed."""
        path = self.article_file(article)
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify(f"No URL, and no editor to open {safe(str(path))}: set $VISUAL or $EDITOR.",
                        title="Open", severity="warning")
            return
        before = path.stat().st_mtime_ns if path.exists() else None
        try:
            status = self.run_outside([*shlex.split(editor), str(path)])
        except (OSError, ValueError) as exc:
            self.notify(f"Cannot run {safe(editor)}: {exc}", title="Open", severity="error")
            return
        self.status.say(f"{editor} {path.name}: exit status {status}")
        if path.exists() and path.stat().st_mtime_ns != before:
            self.reindex()

    def run_outside(self, command: list[str] | str, *, stdin: bytes | None = None) -> int:
        """Run a program on the terminal with the app suspended (as newsboat does) and return
        its exit status. A string is a shell command. Where the app cannot suspend (headless,
        tests), the program runs without the terminal."""
        shell = isinstance(command, str)
        try:
            with self.suspend():
                return subprocess.run(command, input=stdin, shell=shell, check=False).returncode
        except SuspendNotSupported:
            return subprocess.run(command, input=stdin, shell=shell, check=False, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL).returncode

    def action_pipe(self) -> None:
        article = self._target_article()
        if article is None:
            self.notify("Open an article first.")
            return

        def chosen(command: str | None) -> None:
            if command:
                self.pipe_article(article, command)

        self.push_screen(Prompt("Pipe the article to a shell command", value=self._last_pipe, placeholder="less",
                                hint="title, details and body on its input"), chosen)

    def pipe_article(self, article: Article, command: str) -> int:
        """Run `command` with the article's plain text on its input; its exit status."""
        self._last_pipe = command
        try:
            status = self.run_outside(command, stdin=safe(plain_text(article)).encode("utf-8"))
        except OSError as exc:
            self.notify(f"Cannot run {safe(command)}: {exc}", title="Pipe", severity="error")
            return -1
        self.status.say(f"| {command}: exit status {status}")
        if status:
            self.notify(f"{safe(command)} exited with status {status}", title="Pipe", severity="warning")
        return status

    def action_export_quotes(self) -> None:
        if self.speaker is None or not self.speaker_quotes:
            self.notify("Choose a speaker first: s, or a speaker in the Quotes tab.")
            return
        name, count = self.speaker.name, len(self.speaker_quotes)

        def chosen(path: str | None) -> None:
            if path:
                self.export_speaker(Path(path))

        self.push_screen(Prompt(f"Export {name}'s {count} quote{'s' * (count != 1)} to",
                                value=export_default(name, self.library.corpus),
                                hint="Markdown; a .jsonl or .csv name for those"), chosen)

    def export_speaker(self, path: Path) -> Path | None:
        """Write the followed speaker's quotes to `path` (relative: to the current folder).

        A file inside the corpus that the indexer reads (.txt, .md, .html, .jsonl) is refused:
        it would come back as an article at the next update, as `quotewire export -o` says."""
        assert self.speaker is not None
        path = Path.cwd() / path.expanduser()
        if reads_as_article(path, self.library.corpus):
            self.notify(f"Not written: {safe(str(path))} is inside the corpus, where {path.suffix} files are read "
                        "as articles. Choose a place outside it.", title="Export", severity="error")
            return None
        fmt = EXPORT_FORMATS.get(path.suffix.lower(), "md")
        try:
            with written_whole(path) as out:
                count = export_quotes(self.speaker_quotes, fmt, out)
        except OSError as exc:
            self.notify(f"Cannot write {safe(str(path))}: {exc.strerror or exc}", title="Export", severity="error")
            return None
        self.notify(f"{count} quote{'s' * (count != 1)} by {self.speaker.name} written to {safe(str(path))}",
                    title="Export")
        return path

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        yield from app_commands(self)

    # -- help, quitting, remembered place --------------------------------------------------------------

    def action_help(self) -> None:
        path = self.user_keymap.path if self.user_keymap is not None else default_keymap_file()
        self.push_screen(HelpScreen(self.binding_groups(), self.keys_of, str(path)))

    def _remember(self, *, save_now: bool = False) -> None:
        """Note where the reader is; the file is written a moment later (a `]` held down would
        otherwise write it on every article) or right away when quitting."""
        if self.article is None:
            return
        self.state.remember(self.library.corpus, Place(article_id=self.article.id, scroll_y=self.reader.scroll_y,
                                                       quote=self.current_quote), save=save_now)
        if save_now:
            if self._save_timer is not None:
                self._save_timer.stop()
                self._save_timer = None
        else:
            self._save_later()

    def _save_later(self) -> None:
        """Write the state file in a moment (read marks and place change in bursts)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.state.save)

    def _restore_place(self) -> None:
        place = self.state.place(self.library.corpus)
        if place is None or self.ci is None:
            return
        if self.open_article(place.article_id, quote=place.quote, mark_read=False):
            self._move_cursor_to(place.article_id)
            if place.quote is None:
                self.reader.call_after_refresh(self.reader.scroll_to, y=place.scroll_y, animate=False)

    async def action_quit(self) -> None:
        self._remember(save_now=True)
        self.state.save()
        self.exit()

    def on_unmount(self) -> None:
        gc.set_threshold(*self._gc_threshold)
        if self._save_timer is not None:  # quit some other way (Ctrl+C): still keep the place
            self.state.save()
        if self.ci is not None:
            with self._lock:
                self.ci.close()


def export_name(speaker: str) -> str:
    """The default export file for a speaker: quotes-shinzo-abe.md."""
    slug = re.sub(r"[^\w]+", "-", speaker.casefold()).strip("-") or "speaker"
    return f"quotes-{slug}.md"


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def export_folder(corpus: Path) -> Path:
    """Where `e` offers to write: the current folder, unless it is in the corpus (where the
    export would be read back as an article), then ~/Downloads, then the home folder."""
    home = Path.home()
    for folder in (Path.cwd(), home / "Downloads", home, corpus.resolve().parent):
        if folder.is_dir() and not _inside(folder, corpus):
            return folder
    return Path.cwd()  # the corpus holds every one of them: the refusal says what to do


def export_default(speaker: str, corpus: Path) -> str:
    """The path `e` offers: just the file name in the current folder, else a path outside the
    corpus written with ~ for the home folder."""
    folder = export_folder(corpus)
    if folder == Path.cwd():
        return export_name(speaker)
    path = folder / export_name(speaker)
    home = Path.home()
    return f"~{os.sep}{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


def run_app(library: Library) -> None:
    """Run the reader on `library` until the user quits (the command line's entry point)."""
    QuotewireApp(library, keymap=load_keymap(known_ids=QuotewireApp.binding_ids())).run()
