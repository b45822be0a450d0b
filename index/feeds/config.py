"""The feed list: `feeds.toml` in the corpus folder, a file people can read and edit.

It lives with the articles (like the index, it travels with the corpus) and is read with the
standard library's TOML reader. The standard library has no TOML writer; the file only ever
holds a list of name/url string pairs, so the few lines that write it are below rather than
a dependency. Adding a feed appends its table and removing one cuts its table out, so what
people wrote in the file (comments, order, spacing) stays; every edit is checked by reading
the result back, and an edit that would not read back as intended rewrites the file whole.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from ..atomic import write_atomic
from .entries import slug

FEEDS_FILE = "feeds.toml"
FEEDS_DIR = "feeds"  # <corpus>/feeds/<feed folder>/ holds what a feed's entries became
MAX_NAME_CHARS = 80
_FOLDER_BYTES = 120  # well under the 255-byte file name limit of common file systems
_HEADER = (
    "# The feeds `quotewire fetch` downloads into feeds/<name>/ beside this file.\n"
    "# `quotewire feed add URL` and `quotewire feed remove NAME` edit this file; editing it by\n"
    "# hand works too: one [[feed]] table per feed.\n"
)
_FEED_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*feed[ \t]*\]\][ \t]*(?:#.*)?$")
_ANY_HEADER = re.compile(r"^[ \t]*\[")
_COMMENT_OR_BLANK = re.compile(r"^[ \t]*(?:#.*)?$")
# Characters a file name cannot hold somewhere (Windows, macOS, Linux), and controls.
_NOT_IN_FOLDER = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_HOST_PREFIXES = ("www.", "feeds.", "feed.", "rss.")
# Names Windows keeps for devices, with or without an extension ("CON", "aux.txt", "COM1"):
# a corpus copied to Windows (or synced through a drive that follows its rules) cannot hold them.
_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in "0123456789¹²³"),
                              *(f"lpt{n}" for n in "0123456789¹²³"), "conin$", "conout$"})


class FeedError(ValueError):
    """A feed the user asked for cannot be added, found or read: one line that says why."""


class Feed(BaseModel):
    """A feed the user subscribed to: the name they call it by and where it is."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    url: str

    @property
    def folder(self) -> str:
        """The folder under `<corpus>/feeds/` its articles are saved in."""
        return folder_name(self.name)


def folder_name(name: str) -> str:
    """A file-system-safe folder name for a feed name, keeping its letters in any script."""
    text = _NOT_IN_FOLDER.sub("-", unicodedata.normalize("NFC", name)).strip(" .-")
    while len(text.encode("utf-8")) > _FOLDER_BYTES:
        text = text[:-1]
    text = text.rstrip(" .-") or "feed"
    stem, dot, rest = text.partition(".")
    if stem.rstrip(" ").casefold() in _WINDOWS_DEVICES:
        text = f"{stem.rstrip(' ')}-feed{dot}{rest}"  # "CON" -> "CON-feed", "aux.txt" -> "aux-feed.txt"
    return text


def check_name(name: str) -> str:
    """The name without surrounding spaces; FeedError when it cannot name a feed."""
    name = name.strip()
    if not name:
        raise FeedError("a feed name cannot be empty")
    if len(name) > MAX_NAME_CHARS:
        raise FeedError(f"a feed name can have at most {MAX_NAME_CHARS} characters")
    if any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in name):
        raise FeedError("a feed name cannot contain control characters or line breaks")
    return name


def check_url(url: str) -> str:
    """The URL without surrounding spaces; FeedError unless it is an http(s) address."""
    url = url.strip()
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cs") for c in url):
        raise FeedError(f"not a web address (it contains spaces or control characters): {url!r}")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise FeedError(f"not a web address ({exc}): {url!r}") from exc
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise FeedError(f"not a web address (it must start with http:// or https://): {url!r}")
    return url


def default_name(url: str, taken: set[str], title: str | None = None) -> str:
    """A name from the feed's own title ("Harbour Gazette" -> "harbour-gazette"), else from its
    host ("https://www.example.org/rss" -> "example-org"), made unique with "-2", "-3"..."""
    if title and re.search(r"[^\W_]", title):
        base = slug(title, max_chars=MAX_NAME_CHARS - 4)
    else:
        host = (urlsplit(url).hostname or "feed").casefold()
        for prefix in _HOST_PREFIXES:
            if host.startswith(prefix) and host.count(".") > 1:
                host = host[len(prefix):]
                break
        base = "-".join(re.findall(r"\w+", host))[:MAX_NAME_CHARS - 4] or "feed"
    name, number = base, 1
    while name.casefold() in taken or folder_name(name).casefold() in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def subscribed_as(feeds: list[Feed], url: str) -> Feed | None:
    """The feed already subscribed at `url`, if any."""
    return next((feed for feed in feeds if feed.url == url), None)


def feeds_path(corpus: Path) -> Path:
    return Path(corpus) / FEEDS_FILE


def load_feeds(corpus: Path) -> list[Feed]:
    """The feeds of a corpus, in the order they were added; [] when it has none."""
    path = feeds_path(corpus)
    try:
        text = path.read_bytes().decode("utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise FeedError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise FeedError(f"{path} is not UTF-8 text (byte {exc.start})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FeedError(f"{path} cannot be read: {exc}") from exc
    tables = data.get("feed", [])
    if not isinstance(tables, list):
        raise FeedError(f"{path}: `feed` must be a list of [[feed]] tables")
    feeds: list[Feed] = []
    names: set[str] = set()
    for number, table in enumerate(tables, 1):
        where = f"{path}: feed {number}"
        if not isinstance(table, dict) or not isinstance(table.get("name"), str) \
                or not isinstance(table.get("url"), str):
            raise FeedError(f"{where} needs a `name` and a `url`, both strings")
        try:
            feed = Feed(name=check_name(table["name"]), url=check_url(table["url"]))
        except FeedError as exc:
            raise FeedError(f"{where}: {exc}") from exc
        if feed.name.casefold() in names or feed.folder.casefold() in names:
            raise FeedError(f"{where}: the name {feed.name!r} is used twice")
        names.update((feed.name.casefold(), feed.folder.casefold()))
        feeds.append(feed)
    return feeds


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: quotes, backslashes and control characters escaped."""
    pieces = ['"']
    for char in value:
        code = ord(char)
        if char in '"\\':
            pieces.append("\\" + char)
        elif char in "\b\t\n\f\r":
            pieces.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[char])
        elif code < 0x20 or code == 0x7F:
            pieces.append(f"\\u{code:04X}")
        else:
            pieces.append(char)
    pieces.append('"')
    return "".join(pieces)


def feeds_text(feeds: list[Feed]) -> str:
    """The content of `feeds.toml` for these feeds."""
    return _HEADER + "".join("\n" + _table(feed) for feed in feeds)


def save_feeds(corpus: Path, feeds: list[Feed]) -> None:
    """Write `feeds.toml` whole (comments in it are lost: `add_feed`/`remove_feed` edit it instead)."""
    _write(feeds_path(corpus), feeds_text(feeds))


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise FeedError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _table(feed: Feed) -> str:
    return f"[[feed]]\nname = {toml_string(feed.name)}\nurl = {toml_string(feed.url)}\n"


def _reads_as(text: str, feeds: list[Feed]) -> bool:
    """Whether `text` holds exactly `feeds`, in order (and nothing that stops it being read)."""
    try:
        tables = tomllib.loads(text).get("feed", [])
    except tomllib.TOMLDecodeError:
        return False
    return tables == [{"name": f.name, "url": f.url} for f in feeds]


def _with_feed_added(text: str, feed: Feed) -> str:
    """`text` with `feed`'s table appended after everything already there."""
    if text and not text.endswith("\n"):
        text += "\n"
    return text + "\n" + _table(feed)


def _with_feed_removed(text: str, number: int) -> str:
    """`text` without its `number`-th (from 0) [[feed]] table: from its header to the next
    table's header, less the comments and blank lines just above that header (they speak
    of the next table)."""
    lines = text.splitlines(keepends=True)
    headers = [i for i, line in enumerate(lines) if _FEED_HEADER.match(line.rstrip("\r\n"))]
    if number >= len(headers):
        return text
    start = headers[number]
    end = next((i for i in range(start + 1, len(lines)) if _ANY_HEADER.match(lines[i])), len(lines))
    if end < len(lines):
        while end > start + 1 and _COMMENT_OR_BLANK.match(lines[end - 1].rstrip("\r\n")):
            end -= 1
    return "".join(lines[:start] + lines[end:])


def _edit_feeds(corpus: Path, edited, feeds: list[Feed]) -> None:
    """Write `edited(text)` when it reads back as `feeds`, else the file whole."""
    path = feeds_path(corpus)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    if text is not None and text.strip():
        new = edited(text)
        if _reads_as(new, feeds):
            _write(path, new)
            return
    save_feeds(corpus, feeds)


def new_feed(feeds: list[Feed], url: str, name: str | None = None, *, title: str | None = None) -> Feed:
    """The feed `url` would be added as, beside `feeds`. Without `name`, it is named from
    `title` (the feed's own), else its host. FeedError for a bad URL or name, or a feed that
    is already there."""
    url = check_url(url)
    there = subscribed_as(feeds, url)
    if there is not None:
        raise FeedError(f"this feed is already there, as {there.name!r}")
    taken = {f.name.casefold() for f in feeds} | {f.folder.casefold() for f in feeds}
    if name is None:
        return Feed(name=default_name(url, taken, title), url=url)
    feed = Feed(name=check_name(name), url=url)
    clash = next((f for f in feeds if f.name.casefold() == feed.name.casefold()
                  or f.folder.casefold() == feed.folder.casefold()), None)
    if clash is not None:
        raise FeedError(f"a feed is already called {clash.name!r}: choose another name with --name")
    return feed


def add_feed(corpus: Path, url: str, name: str | None = None, *, title: str | None = None) -> Feed:
    """Write a new feed into the corpus's feeds.toml (nothing is downloaded: `subscribe` checks
    the feed first); see `new_feed` for the name and the errors."""
    if not Path(corpus).is_dir():
        raise FeedError(f"feeds are kept in a corpus folder, and {corpus} is not a folder")
    feeds = load_feeds(corpus)
    feed = new_feed(feeds, url, name, title=title)
    _edit_feeds(corpus, lambda text: _with_feed_added(text, feed), [*feeds, feed])
    return feed


def find_feed(feeds: list[Feed], name: str) -> Feed:
    """The feed called `name` (exactly, else ignoring case); FeedError listing the names."""
    wanted = name.strip()
    for match in (lambda f: f.name == wanted, lambda f: f.name.casefold() == wanted.casefold()):
        found = [f for f in feeds if match(f)]
        if len(found) == 1:
            return found[0]
    known = ", ".join(repr(f.name) for f in feeds) or "none yet"
    raise FeedError(f"no feed called {name!r} (feeds: {known})")


def remove_feed(corpus: Path, name: str) -> Feed:
    """Unsubscribe; the articles already saved stay where they are."""
    feeds = load_feeds(corpus)
    feed = find_feed(feeds, name)
    number = feeds.index(feed)
    _edit_feeds(corpus, lambda text: _with_feed_removed(text, number), [f for f in feeds if f != feed])
    return feed
