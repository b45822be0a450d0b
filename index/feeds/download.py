"""One HTTP GET for a feed or a page: a timeout, a size limit, conditional headers, and a
reason a person can read when it fails.

The standard library's urllib does the HTTP (the data side takes no HTTP dependency); what
it lacks is added here: a limit on the body and on the whole download's time (a server that
sends one byte a second never trips a socket timeout), only web addresses after a redirect,
gzip bodies, and failures turned into a few words.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..ingest.files import MAX_ARTICLE_BYTES

USER_AGENT = "quotewire/0.1 (terminal news reader; feed fetcher)"
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, " \
              "text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_FEED_BYTES = 16 * 1024 * 1024
# A page bigger than the ingest reads as one article would be saved only to be skipped by every
# index run: it is refused here (room kept for the mark `entries` writes on top).
MAX_PAGE_BYTES = MAX_ARTICLE_BYTES - 1024
_CHUNK = 64 * 1024
_DEADLINE_TIMEOUTS = 3  # a whole download may take three timeouts, however steadily it trickles


class DownloadError(Exception):
    """Why a download failed, in a few words. `permanent` when asking again will not help
    (HTTP 404, not a web page), as opposed to a timeout or a server error."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent


class Cancelled(Exception):
    """The caller asked to stop."""


@dataclass(frozen=True)
class Download:
    url: str  # after redirects
    body: bytes | None  # None: not modified since the validators given
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def charset(self) -> str | None:
        """The charset the server declared for the body, if any."""
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip().strip('"'):
                return value.strip().strip('"')
        return None


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to web addresses only (never to a file:// or ftp:// address)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise DownloadError(f"redirected to a non-web address ({urlsplit(newurl).scheme}:)", permanent=True)
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def http_error_302(self, req, fp, code, msg, headers):
        try:
            return super().http_error_302(req, fp, code, msg, headers)
        except urllib.error.HTTPError as exc:
            if isinstance(exc.reason, str) and exc.reason.startswith(self.inf_msg):  # urllib's three-line message
                exc.close()
                raise DownloadError(f"too many redirects (more than {self.max_redirections}, or a loop)") from None
            raise

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


_opener = urllib.request.build_opener(_WebRedirects)


def download(url: str, *, timeout: float, accept: str, limit: int, etag: str | None = None,
             last_modified: str | None = None, cancelled: Callable[[], bool] | None = None) -> Download:
    """GET `url`; raises DownloadError (why) or Cancelled. With `etag`/`last_modified`, a
    server that has nothing new answers 304 and the Download has no body."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise DownloadError("not a web address", permanent=True)
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        request = urllib.request.Request(url, headers=headers)
        with _opener.open(request, timeout=timeout) as response:
            body = _read(response, limit, timeout, cancelled)
            info = response.headers
            body = _decoded(body, (info.get("Content-Encoding") or "").strip().lower(), limit)
            return Download(url=response.geturl(), body=body, content_type=info.get("Content-Type") or "",
                            etag=info.get("ETag"), last_modified=info.get("Last-Modified"))
    except urllib.error.HTTPError as exc:
        with exc:
            if exc.code == 304:
                return Download(url=url, body=None, etag=exc.headers.get("ETag") or etag,
                                last_modified=exc.headers.get("Last-Modified") or last_modified)
            reason = f" {' '.join(exc.reason.split())}" if isinstance(exc.reason, str) and exc.reason else ""
            raise DownloadError(f"HTTP {exc.code}{reason}",
                                permanent=400 <= exc.code < 500 and exc.code not in (408, 429)) from None
    except urllib.error.URLError as exc:
        raise DownloadError(_why(exc.reason, timeout)) from None
    except (DownloadError, Cancelled):
        raise
    except http.client.HTTPException as exc:
        raise DownloadError(f"the connection broke ({type(exc).__name__})") from None
    except ValueError as exc:  # urllib's "unknown url type" and similar
        raise DownloadError(f"not a usable web address ({exc})", permanent=True) from None
    except OSError as exc:
        raise DownloadError(_why(exc, timeout)) from None


def _read(response, limit: int, timeout: float, cancelled: Callable[[], bool] | None) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > limit:
        raise DownloadError(f"too large ({_size(int(declared))}; the limit is {_size(limit)})", permanent=True)
    deadline = time.monotonic() + timeout * _DEADLINE_TIMEOUTS
    chunks: list[bytes] = []
    size = 0
    while True:
        if cancelled is not None and cancelled():
            raise Cancelled()
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise DownloadError(f"too large (over {_size(limit)})", permanent=True)
        if time.monotonic() > deadline:
            raise DownloadError(f"too slow (not complete after {timeout * _DEADLINE_TIMEOUTS:g} s)")
        chunks.append(chunk)


def _decoded(body: bytes, encoding: str, limit: int) -> bytes:
    """The body without its Content-Encoding, never more than `limit` bytes (a small gzip
    body can unpack to gigabytes)."""
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise DownloadError(f"unknown Content-Encoding {encoding!r}")
    # deflate is meant to be zlib-wrapped, but some servers send it raw.
    attempts = [16 + zlib.MAX_WBITS] if encoding != "deflate" else [zlib.MAX_WBITS, -zlib.MAX_WBITS]
    for wbits in attempts:
        unpacker = zlib.decompressobj(wbits)
        try:
            data = unpacker.decompress(body, limit + 1)
        except zlib.error:
            continue
        if len(data) > limit or unpacker.unconsumed_tail:
            raise DownloadError(f"too large once unpacked (over {_size(limit)})", permanent=True)
        return data
    raise DownloadError(f"a damaged {encoding} body")


def _why(reason: object, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the server's certificate is not valid ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed ({reason.reason or reason})"
    if isinstance(reason, OSError):
        return reason.strerror or str(reason) or type(reason).__name__
    return str(reason)


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"
