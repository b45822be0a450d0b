"""Command palette (Ctrl+P) entries: open an article, jump to a speaker, switch theme, and
the app's own actions (fetch feeds, unread only, export, pipe...).

Articles are found with the index's own search (titles and text, ranked), since a fuzzy
scan of 100k titles would be slow; speakers and themes are few, so they are fuzzy-matched.
"""

from __future__ import annotations

import asyncio
import re
from functools import partial
from typing import TYPE_CHECKING

from collections.abc import Iterator

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from index import QueryError

from .widgets.inert import fuzzy_highlight, inert_content

if TYPE_CHECKING:
    from .app import QuotewireApp

SHOWN = 15

# (palette title, binding id): each runs the binding's action, and says its key and tooltip.
ACTION_COMMANDS = [
    ("Fetch feeds", "app.fetch"),
    ("Unread only / every article", "app.unread_only"),
    ("Mark read / unread", "app.toggle_read"),
    ("Open in browser or editor", "app.open_outside"),
    ("Pipe article to a command", "app.pipe"),
    ("Export speaker's quotes", "app.export"),
    ("Hide / show the article list", "app.toggle_list"),
    ("Hide / show the side panel", "app.toggle_side"),
    ("Wider article list", "app.widen_list"),
    ("Narrower article list", "app.narrow_list"),
]


def app_commands(app: QuotewireApp) -> Iterator[SystemCommand]:
    """The palette entries for the app's own actions, with each one's current key."""
    bindings = {binding.id: binding for binding in app.BINDINGS if getattr(binding, "id", None)}
    for title, binding_id in ACTION_COMMANDS:
        binding = bindings[binding_id]
        keys = app.keys_of(binding)
        key = app.get_key_display(type(binding)(keys.split(",")[0], ""))
        yield SystemCommand(title, f"{binding.tooltip} (key: {key})",
                            partial(app.run_action, binding.action))


class ArticleCommands(Provider):
    """"Open: <title>" for the articles that best match what is typed."""

    @property
    def _app(self) -> QuotewireApp:
        return self.app  # type: ignore[return-value]

    def _find(self, text: str):
        """Best matches for what was typed: as a query when it reads as one, else its words."""
        app = self._app
        text = re.sub(r"^\s*open\b:?", "", text, flags=re.IGNORECASE).strip()
        words = " ".join(re.findall(r"\w+", text))
        with app._lock:
            if app.ci is None:
                return []
            for query in dict.fromkeys((text, words)):
                try:
                    return [hit.row for hit in app.ci.search(query, limit=SHOWN).hits] if query else []
                except QueryError:
                    continue
            return []

    def _recent(self):
        return self._app._fetch_rows(0, SHOWN)

    def _open(self, article_id: str) -> None:
        app = self._app
        if app.open_article(article_id, focus_reader=True):
            app._move_cursor_to(article_id)

    async def discover(self) -> Hits:
        for row in await asyncio.to_thread(self._recent):
            yield DiscoveryHit(Content("Open: ") + inert_content(row.title), partial(self._open, row.id),
                               help=f"{row.source or ''} {row.date or ''}".strip())

    async def search(self, query: str) -> Hits:
        if len(query.strip()) < 2:
            return
        rows = await asyncio.to_thread(self._find, query)
        for rank, row in enumerate(rows):
            yield Hit(1.0 - rank / (2 * SHOWN), Content("Open: ") + inert_content(row.title),
                      partial(self._open, row.id), help=f"{row.source or ''} {row.date or ''}".strip())


class SpeakerCommands(Provider):
    """"Jump to speaker: <name>" for everyone quoted in the corpus."""

    async def startup(self) -> None:
        app: QuotewireApp = self.app  # type: ignore[assignment]

        def load():
            with app._lock:
                return app.ci.speakers() if app.ci else []
        self._speakers = await asyncio.to_thread(load)

    def _jump(self, name: str) -> None:
        app: QuotewireApp = self.app  # type: ignore[assignment]
        app.choose_speaker(name)
        app.action_jump_quote(1)

    async def discover(self) -> Hits:
        for speaker in self._speakers[:SHOWN]:
            yield DiscoveryHit(Content("Jump to speaker: ") + inert_content(speaker.name),
                               partial(self._jump, speaker.name), help=f"quoted in {speaker.articles} article(s)")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for speaker in self._speakers:
            label = f"Jump to speaker: {speaker.name}"
            score = max(matcher.match(label), *(matcher.match(v) for v in speaker.variants))
            if score > 0:
                yield Hit(score, fuzzy_highlight(matcher, label), partial(self._jump, speaker.name),
                          help=f"quoted in {speaker.articles} article(s)")


class ThemeCommands(Provider):
    """"Switch theme: <name>" for every registered theme."""

    def _themes(self) -> list[str]:
        return sorted(self.app.available_themes)

    def _switch(self, name: str) -> None:
        self.app.theme = name

    async def discover(self) -> Hits:
        for name in self._themes():
            yield DiscoveryHit(f"Switch theme: {name}", partial(self._switch, name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name in self._themes():
            label = f"Switch theme: {name}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, fuzzy_highlight(matcher, label), partial(self._switch, name))
