"""Make article text inert before it reaches a terminal.

Scraped articles can carry ANSI escape sequences, OSC 52 clipboard writes, title changes
and other control characters. Printed raw, they would drive the user's terminal. Every
string the command line prints goes through `safe()`; JSON goes through `json_text()`.
Rich's own sanitising only removes a handful of codes (not ESC), hence this module.
"""

from __future__ import annotations

import json
import re

# C0 controls except tab and newline, DEL, and the C1 controls (U+0080-U+009F, which some
# terminals treat like ESC sequences).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}"


def safe(text: str) -> str:
    """The text with every control character replaced by a visible, harmless stand-in."""
    return _CONTROL.sub(_picture, text)


def safe_line(text: str) -> str:
    """`safe()`, with line breaks and tabs shown too: for a file name or a value that must stay
    on one line of output (a file may be called "a\\nb.txt")."""
    return safe(text).replace("\n", "\u2424").replace("\t", "\u2409")


def json_text(value: object) -> str:
    """Compact JSON on one line; non-ASCII kept readable, C1 controls escaped as \\u00XX."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
