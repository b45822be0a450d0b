"""Every built-in theme, light or dark, keeps the reader legible: text against its own background.

The app takes all its colours from theme variables; this checks the outcome on screen, the
contrast of every drawn piece of text (WCAG ratio), with quotes, entities, search marks, the
list cursor and snippets all showing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from index import Library
from tui.app import QuotewireApp
from tui.state import ReadingState

# Textual's own muted text sits near 2.5:1 in some themes; below 2:1 text is hard to read.
MIN_CONTRAST = 2.0


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def worst_text(app: QuotewireApp, widgets) -> tuple[float, str]:
    worst = (99.0, "")
    for widget in widgets:
        if not widget.region:
            continue
        for strip in widget.render_lines(widget.region.reset_offset):
            for segment in strip:  # words only: borders and rules are decoration
                style = segment.style
                if not any(ch.isalnum() for ch in segment.text) or style is None or style.color is None or style.bgcolor is None:
                    continue
                fg, bg = tuple(style.color.get_truecolor()), tuple(style.bgcolor.get_truecolor())
                ratio = contrast(fg, bg)
                if ratio < worst[0]:
                    worst = (ratio, f"{segment.text.strip()[:30]!r} in {type(widget).__name__}")
    return worst


def test_every_builtin_theme_keeps_text_legible(seeds_library: Library, tmp_path: Path):
    app = QuotewireApp(seeds_library, state=ReadingState(tmp_path / "state.json"))

    async def run() -> dict[str, tuple[float, str]]:
        results = {}
        async with app.run_test(size=(160, 48)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.choose_speaker("Shinzo Abe")
            await app.workers.wait_for_complete()
            await pilot.press("right_square_bracket")
            app.run_search("abduction")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("n")
            assert app.reader.marks and app.current_quote is not None
            # ANSI themes use the terminal's own palette: their colours are not known here.
            for theme in sorted(t for t in app.available_themes if not t.startswith("ansi")):
                app.theme = theme
                await pilot.pause()
                widgets = [app.article_list, app.status, app.query_one("#quotes"), app.query_one("#entities"),
                           *app.reader.query("Static")]
                results[theme] = worst_text(app, widgets)
        return results

    results = asyncio.run(run())
    assert len(results) >= 10
    poor = {theme: found for theme, found in results.items() if found[0] < MIN_CONTRAST}
    assert not poor, f"text below {MIN_CONTRAST}:1 contrast: {poor}"
