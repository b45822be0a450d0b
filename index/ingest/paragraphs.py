"""Splitting cleaned text into paragraphs, and laying paragraphs out as the article body.

Scrapes separate paragraphs with blank lines, or put one paragraph per line, or hard-wrap
at 70-odd columns; the body a reader sees is always paragraphs joined by one blank line,
with whitespace runs squashed, so `Article.paragraphs` spans can cover it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Span
from .normalize import squash

_WRAP_MAX = 120  # hard-wrapped text never has longer lines
_WRAP_MIN_SHARE = 0.5  # ...and its lines (but the last) are at least half the longest
_SENTENCE_END = tuple('.!?"”’:')


@dataclass(frozen=True)
class Paragraph:
    """One paragraph's text; `alone` says it stood by itself between blank lines."""

    text: str
    alone: bool = True


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of squashed text, in order, none empty."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    # A text without blank lines puts one paragraph on each line: every line stands alone.
    lines_alone = len(blocks) == 1 and not _hard_wrapped(blocks[0])
    paragraphs: list[Paragraph] = []
    for block in blocks:
        groups = [block] if _hard_wrapped(block) else _line_groups(block)
        alone = lines_alone or len(groups) == 1
        paragraphs.extend(Paragraph(squash(" ".join(group)), alone) for group in groups)
    return [p for p in paragraphs if p.text]


def layout(paragraphs: list[str]) -> tuple[str, tuple[Span, ...]]:
    """The body (paragraphs joined by a blank line) and the span of each paragraph in it."""
    spans: list[Span] = []
    offset = 0
    for text in paragraphs:
        spans.append(Span(start=offset, end=offset + len(text)))
        offset += len(text) + 2
    return "\n\n".join(paragraphs), tuple(spans)


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    head = lines[:-1]
    width = max(map(len, head))
    if width > _WRAP_MAX or len(lines[-1]) > width + 15:
        return False
    if any(len(line) < width * _WRAP_MIN_SHARE for line in head):
        return False
    # Wrapped lines mostly break mid-sentence; one-paragraph-per-line text ends each with a stop.
    stops = sum(1 for line in head if line.endswith(_SENTENCE_END))
    return stops <= len(head) // 2


def _line_groups(lines: list[str]) -> list[list[str]]:
    """Each line its own paragraph, except that a line starting in lower case continues the last."""
    groups: list[list[str]] = []
    for line in lines:
        if groups and line[0].islower():
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups
