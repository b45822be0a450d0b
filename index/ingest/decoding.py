"""Turning a file's bytes into text, and telling text from binary data first.

Scraped corpora mix UTF-8, UTF-16 exports from Windows tools and old Windows-1252 pages;
none of that may crash ingest, and an image saved as `.txt` must be named as such.
The standard library decodes; only the choice of codec is ours (no chardet on the data side).
A web page names its own encoding in a `<meta>` tag, which is believed unless the bytes are
valid UTF-8 (pages re-saved as UTF-8 often keep their old tag) or it names an encoding no
browser reads.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of the binary files people most often drop into a folder of articles.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\x00asm", "WebAssembly module"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

_SNIFF_BYTES = 8192
# Bytes that never occur in text: C0 controls other than tab, newlines, form feed and ESC
# (ANSI colour codes are text with escapes, removed later), plus DEL.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_RATIO = 0.10
# A few stray NULs in text are dropped with the other controls; more mean binary data.
_NUL_RATIO = 0.01

_HIGH_BYTES = bytes(range(128, 256))
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Non-ASCII characters a Western-European text in Windows-1252 plausibly contains besides letters.
_CP1252_PUNCTUATION = frozenset("‘’‚“”„–—…•€£¥¢©®™°±·§¶½¼¾×÷«»¡¿‹›†‡‰ªº¹²³µ¬¦¨¯´¸\u00a0\u00ad")
_CP1252_MIN_PLAUSIBLE = 0.9

# `<meta charset="x">`, `<meta http-equiv="Content-Type" content="text/html; charset=x">` and
# `<?xml ... encoding="x"?>`, looked for where browsers look: near the top of the page.
_DECLARED_CHARSET = re.compile(
    rb"<meta[^>]*?charset\s*=\s*[\"']?\s*(?P<meta>[\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*[\"'](?P<xml>[\w.:-]+)",
    re.IGNORECASE,
)
_CHARSET_SNIFF_BYTES = 8192
# Labels the web uses differently from Python (WHATWG Encoding Standard): browsers read
# Latin-1 and ASCII pages as Windows-1252, GB2312 as GBK (GB18030 is its superset), and a
# page that claims UTF-16 without a byte-order mark as UTF-8.
_WEB_CODECS = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
    "ascii": "cp1252", "us-ascii": "cp1252", "cp819": "cp1252", "ibm819": "cp1252",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8", "x-sjis": "shift_jis",
    "windows-874": "cp874", "x-mac-cyrillic": "mac-cyrillic", "x-mac-roman": "mac-roman",
}
# The encodings a browser knows (WHATWG Encoding Standard), as Python names them. A page that
# declares anything else (UTF-7, whose `+ADw-` spells `<`; EBCDIC; UTF-32) is not believed:
# browsers ignore such a label and guess, and so does ingest.
_WEB_ENCODINGS = frozenset({
    "utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874",
    *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    *(f"cp{n}" for n in range(1250, 1259)),
    "gbk", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp", "shift_jis", "cp932", "euc_kr", "cp949",
})


def binary_kind(data: bytes) -> str | None:
    """What kind of binary data this is ("PNG image", "NUL bytes"...), or None for text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4 or QuickTime media"
    if data.startswith(b"ID3") and len(data) > 3 and data[3] < 10:
        return "MP3 audio"
    if _BZIP2.match(data):
        return "bzip2 archive"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text is full of NUL bytes
    sample = data[:_SNIFF_BYTES]
    if sample.count(0) > len(sample) * _NUL_RATIO:
        return "NUL bytes"
    controls = len(sample.translate(None, _NOT_CONTROL))
    if controls > len(sample) * _CONTROL_RATIO:
        return "control characters"
    return None


def strip_nul_padding(data: bytes) -> bytes:
    """The bytes without the run of NULs a crash or a preallocating download leaves at the end
    (kept when a UTF-16/32 byte-order mark says the NULs belong to the text)."""
    if data.endswith(b"\x00") and not any(data.startswith(bom) for bom, codec in _BOMS if codec != "utf-8"):
        return data.rstrip(b"\x00")
    return data


def decode_bytes(data: bytes, *, declared: Callable[[bytes], str | None] | None = None) -> str:
    """Decode a file's bytes as well as can be guessed; never raises.

    UTF-8 (BOM stripped), UTF-16/32 when a BOM says so, then the charset `declared` finds in
    the bytes (a web page's `<meta charset>`), Windows-1252 when the bytes are not UTF-8 and
    read as plausible Western text, else UTF-8 with U+FFFD for the bad bytes.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = declared(data) if declared is not None else None
    if codec is not None:
        return data.decode(codec, "replace")
    cp1252 = _as_cp1252(data)
    if cp1252 is not None:
        return cp1252
    return data.decode("utf-8", "replace")


def decode_html(data: bytes) -> str:
    """Decode a web page's bytes; never raises.

    A byte-order mark wins, then valid UTF-8, then the charset the page declares, then
    the guesses of `decode_bytes`.
    """
    return decode_bytes(data, declared=declared_charset)


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the encoding a page declares in its first bytes, or None."""
    match = _DECLARED_CHARSET.search(data, 0, _CHARSET_SNIFF_BYTES)
    if match is None:
        return None
    return web_codec(match["meta"] or match["xml"])


def web_codec(label: str | bytes) -> str | None:
    """The Python codec a browser would read a page labelled `label` with; None for a label
    browsers do not know (or will not use, such as UTF-7)."""
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    label = label.strip().lower()
    label = _WEB_CODECS.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return codec if codec in _WEB_ENCODINGS else None


def replacement_ratio(text: str) -> float:
    """The share of U+FFFD in the text: how much of it could not be decoded."""
    return text.count("\ufffd") / len(text) if text else 0.0


def _as_cp1252(data: bytes) -> str | None:
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    in_sequences = 0
    sequences = 0
    for match in _UTF8_SEQUENCE.finditer(data):
        sequences += 1
        in_sequences += match.end() - match.start()
    if sequences > high - in_sequences:
        return None  # mostly valid UTF-8 with a few broken bytes: keep the UTF-8 reading
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None  # one of the five bytes Windows-1252 leaves undefined
    extra = [c for c in text if ord(c) > 127]
    plausible = sum(1 for c in extra if c.isalpha() or c in _CP1252_PUNCTUATION)
    if extra and plausible < len(extra) * _CP1252_MIN_PLAUSIBLE:
        return None
    return text
