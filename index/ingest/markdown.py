"""Reading a Markdown article: front matter, the `# Heading` title, and syntax reduced to text.

Only the Markdown a saved article uses (headings, emphasis, links, images, lists, quotes,
code spans) is handled; no Markdown library is available on the data side and none reduces
to plain text with spans we control. The front matter reader takes flat `key: value` YAML
(no YAML library on the data side) and TOML `+++` blocks through the stdlib `tomllib`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from .credits import URL

_YAML_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML_FRONT = re.compile(r"\A\+\+\+[ \t]*\n(?P<body>.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_YAML_PAIR = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*)")
_FRONT_KEYS = {
    "title": "title", "headline": "title",
    "date": "date", "published": "date", "pubdate": "date", "publish_date": "date",
    "source": "source", "publisher": "source", "outlet": "source",
    "url": "url", "link": "url", "canonical_url": "url",
    "author": "byline", "byline": "byline", "authors": "byline",
}

_SETEXT = re.compile(r"^(?P<text>[^\n]*\S[^\n]*)\n(?P<rule>=+|-{2,})[ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"[ ]{0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*")
_RULE = re.compile(r"[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_FENCE = re.compile(r"[ ]{0,3}(?:`{3,}|~{3,}).*")
_REFERENCE = re.compile(r"[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S+.*")
_QUOTE_MARKS = re.compile(r"[ ]{0,3}(?:>[ \t]?)+")
_LIST_MARK = re.compile(r"[ \t]*[-*+][ \t]+")
_SOURCE_LINE = re.compile(r"source\s*:\s*(?P<rest>.*)", re.IGNORECASE)  # matched with ** and __ taken out
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\(\s*(?P<url><[^>\n]*>|[^)\s]*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_REF_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)(?P<text>[^`\n]+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(?P<text>.+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(?P<text>.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(?P<text>.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\(?P<char>[\\`*_{}\[\]()#+\-.!>|~])")
# Escaped characters are parked on private-use code points while emphasis is reduced.
_PARK_BASE = 0xF0000


@dataclass(frozen=True)
class MarkdownArticle:
    text: str  # the article as plain text, paragraphs separated by blank lines
    meta: dict[str, str] = field(default_factory=dict)  # title/date/source/url/byline from front matter
    heading: str | None = None  # the `# Heading` taken as title
    url: str | None = None  # the only link of a "Source:" line


def read_markdown(text: str) -> MarkdownArticle:
    meta, text = _front_matter(text)
    text = _COMMENT.sub("", text)
    text = _SETEXT.sub(lambda m: ("# " if m["rule"][0] == "=" else "## ") + m["text"], text)
    heading: str | None = None
    url: str | None = None
    out: list[str] = []
    seen_text = False
    for line in text.split("\n"):
        if _FENCE.fullmatch(line) or _REFERENCE.fullmatch(line):
            continue
        if _RULE.fullmatch(line):
            out.append("")
            continue
        match = _HEADING.fullmatch(line)
        if match is not None:
            words = inline_text(match["text"] or "")
            if heading is None and "title" not in meta and (len(match["marks"]) == 1 or not seen_text):
                heading = words
            elif words:
                out.extend(("", words, ""))  # a subheading is a paragraph of its own
                seen_text = True
            continue
        marks = _QUOTE_MARKS.match(line)
        if marks is not None:
            line = line[marks.end():]
        marks = _LIST_MARK.match(line)
        if marks is not None:
            line = line[marks.end():]
            out.append("")  # each list item is a paragraph of its own
        source = _SOURCE_LINE.fullmatch(line.strip().replace("**", "").replace("__", ""))
        if source is not None and url is None:
            links = [m["url"].strip("<>") for m in _LINK.finditer(source["rest"])] + URL.findall(
                _LINK.sub("", source["rest"]))
            if len(links) == 1:
                url = links[0]
        reduced = inline_text(line)
        seen_text = seen_text or bool(reduced.strip())
        out.append(reduced)
    return MarkdownArticle("\n".join(out), meta, heading or None, url)


def inline_text(text: str) -> str:
    """Markdown inline syntax reduced to its text: `[text](url)` -> text, `**bold**` -> bold."""
    if not any(c in text for c in "\\`*_[]<~!"):
        return text
    park = not any(ord(c) >= _PARK_BASE for c in text)
    if park:
        text = _ESCAPE.sub(lambda m: chr(_PARK_BASE + ord(m["char"])), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m["text"], text)
    text = _REF_LINK.sub(lambda m: m["text"], text)
    text = _AUTOLINK.sub(lambda m: m["url"], text)
    text = _CODE.sub(lambda m: m["text"].strip(), text)
    for pattern in (_STRONG, _EM_STAR, _EM_UNDERSCORE, _STRIKE):
        text = pattern.sub(lambda m: m["text"], text)
    if park:
        return "".join(chr(ord(c) - _PARK_BASE) if _PARK_BASE <= ord(c) < _PARK_BASE + 128 else c for c in text)
    return _ESCAPE.sub(lambda m: m["char"], text)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _YAML_FRONT.match(text)
    if match is not None:
        pairs: dict[str, str] = {}
        for line in match["body"].split("\n"):
            pair = _YAML_PAIR.fullmatch(line.rstrip())
            if pair is not None:
                pairs[pair["key"]] = _yaml_scalar(pair["value"])
        return _known_keys(pairs), text[match.end():]
    match = _TOML_FRONT.match(text)
    if match is not None:
        try:
            data = tomllib.loads(match["body"])
        except tomllib.TOMLDecodeError:
            data = {}
        pairs = {k: str(v) for k, v in data.items() if isinstance(v, (str, int, float)) or hasattr(v, "isoformat")}
        return _known_keys(pairs), text[match.end():]
    return {}, text


def _yaml_scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace("''", "'") if value[0] == "'" else inner.replace('\\"', '"')
    return re.sub(r"\s+#.*$", "", value)  # a trailing comment


def _known_keys(pairs: dict[str, str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for key, value in pairs.items():
        name = _FRONT_KEYS.get(key.lower())
        if name is not None and value and name not in meta:
            meta[name] = value
    return meta
