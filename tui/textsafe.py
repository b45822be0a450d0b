"""Make article text inert before it reaches a terminal: the one table of stand-ins.

Scraped articles can carry ANSI escape sequences, OSC 52 clipboard writes, title changes,
bidirectional overrides and other control characters. Printed raw, they would drive the
user's terminal. Every control character is replaced by one visible, harmless character,
so the text keeps its length (the spans extraction computed still line up in the reader).
The command line prints through `safe()` / `safe_line()` and JSON through `json_text()`;
the TUI's widgets through `inert()` (and `tui.widgets.inert` for Textual `Content`).
Hand-written because no library maps control codes one-for-one (Rich's sanitising only
removes a handful and passes ESC; `rich.control.strip_control_codes` deletes them).
"""

from __future__ import annotations

import json
import re

# C0 controls -> their Unicode "control pictures" U+2400..U+241F ("␛" for ESC), DEL -> "␡",
# C1 controls (U+0080-U+009F, which some terminals treat like ESC sequences) -> "�".
CONTROL_PICTURES: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
CONTROL_PICTURES[0x7F] = "\u2421"
CONTROL_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
# Bidirectional overrides and isolates reorder what follows them on some terminals.
CONTROL_PICTURES.update({code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})

# Tab and newline: kept as they are by `safe()` (a terminal prints them harmlessly); on one
# line they are shown as pictures; in the TUI a tab is one space (one cell per character).
_KEEP_LINES = str.maketrans({k: v for k, v in CONTROL_PICTURES.items() if k not in (0x09, 0x0A)})
_ONE_LINE = str.maketrans({**CONTROL_PICTURES, 0x09: "\u2409", 0x0A: "\u2424"})
_TUI_LINES = str.maketrans({**{k: v for k, v in CONTROL_PICTURES.items() if k != 0x0A}, 0x09: " "})
_TUI_ONE_LINE = str.maketrans({**CONTROL_PICTURES, 0x09: " ", 0x0A: " "})
_C1 = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def safe(text: str) -> str:
    """The text with every control character but tab and newline replaced by a visible,
    harmless stand-in (for printing to a terminal)."""
    return text.translate(_KEEP_LINES)


def safe_line(text: str) -> str:
    """`safe()`, with line breaks and tabs shown too: for a file name or a value that must stay
    on one line of output (a file may be called "a\\nb.txt")."""
    return text.translate(_ONE_LINE)


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """For the TUI: every control character replaced by one printable character (a tab by a
    space, a newline by a space unless `keep_newlines`), so the length is unchanged."""
    return text.translate(_TUI_LINES if keep_newlines else _TUI_ONE_LINE)


def json_text(value: object) -> str:
    """Compact JSON on one line; non-ASCII kept readable, C1 controls escaped as \\u00XX."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
