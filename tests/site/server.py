"""A real HTTP press site on 127.0.0.1 for the test suite (standard library only).

``PressSite`` serves the pages in ``pages/`` and feeds, sitemaps and listings generated
from ``manifest`` (``documents``; links carry the live port), with conditional GET, gzip, robots.txt
and per-route faults. All state lives on the instance; ``reset()`` restores it.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from tests.site import manifest as m
from tests.site.documents import SITE_EPOCH, Documents

PAGES_DIR = Path(__file__).parent / "pages"

RequestRecord = tuple[str, str, dict[str, str]]

_XML_TYPES = {
    "rss2": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "rdf": "application/rdf+xml; charset=utf-8",
    "sitemap-index": "application/xml; charset=utf-8",
    "sitemap-news": "application/xml; charset=utf-8",
    "sitemap": "application/xml; charset=utf-8",
}


@dataclass(slots=True)
class _Page:
    body: bytes
    content_type: str
    lastmod: datetime


@dataclass(frozen=True, slots=True)
class Fault:
    """A canned error answer a route gives instead of its content (consumed by GET)."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""


@dataclass(slots=True)
class _Response:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    lastmod: datetime | None = None
    delay: float = 0.0


def _http_date(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC).replace(microsecond=0), usegmt=True)


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _accepts_gzip(header: str) -> bool:
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() not in ("gzip", "*"):
            continue
        quality = params.strip().lower()
        if quality.startswith("q="):
            try:
                return float(quality[2:]) > 0
            except ValueError:
                return False
        return True
    return False


def _compressible(content_type: str | None) -> bool:
    if not content_type:
        return False
    return content_type.startswith("text/") or "xml" in content_type


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64
    site: PressSite


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "PressSite/1.0"
    timeout = 15
    wbufsize = 1 << 16  # headers and body leave in one write (no Nagle/delayed-ACK stall)
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        """Serve a GET."""
        self._serve("GET")

    def do_HEAD(self) -> None:
        """Serve a HEAD (headers of the GET answer, no body)."""
        self._serve("HEAD")

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet; the site keeps its own request log."""

    def _serve(self, method: str) -> None:
        site = self.server.site
        headers = {key.lower(): value for key, value in self.headers.items()}
        response = site._handle(method, self.path, headers)
        try:
            self.send_response(response.status)
            for key, value in response.headers:
                self.send_header(key, value)
            if response.status != 304:
                self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if response.delay:
                self.wfile.flush()
                site._stopping.wait(response.delay)
            if method != "HEAD" and response.status != 304:
                self.wfile.write(response.body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True


class PressSite:
    """The fixture press site. Use as a context manager or call ``start()``/``stop()``."""

    def __init__(self, *, slow_delay: float = 3.0, host: str = "127.0.0.1") -> None:
        self.host = host
        self.slow_delay = slow_delay
        """Seconds ``/slow/`` waits after its headers before sending the body."""
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._requests: list[RequestRecord] = []
        self._pages: dict[str, _Page] = {}
        self._faults: dict[str, list[Fault]] = {}
        self._slow: set[str] = set()
        self.reset()

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> PressSite:
        """Bind ``host:0`` and serve in a daemon thread."""
        if self._server is not None:
            raise RuntimeError("PressSite already started")
        self._stopping.clear()
        server = _Server((self.host, 0), _Handler)
        server.site = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name=f"PressSite:{server.server_address[1]}",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; wakes any request waiting in ``/slow/``."""
        self._stopping.set()
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> PressSite:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port."""
        if self._server is None:
            raise RuntimeError("PressSite is not running")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:40123`` (no trailing slash)."""
        return f"http://{self.host}:{self.port}"

    def url_for(self, path: str) -> str:
        """Absolute URL of a site path."""
        return self.url + path

    def reset(self) -> None:
        """Restore pages, lastmods and faults from the manifest; clear the request log."""
        with self._lock:
            self._requests = []
            self._pages = {
                spec.path: _Page(
                    (PAGES_DIR / spec.file).read_bytes(),
                    spec.content_type,
                    spec.published_at.astimezone(UTC),
                )
                for spec in m.ARTICLES
            }
            self._faults = {
                m.SPECIAL.flaky: [Fault(500, body=b"<h1>Internal Server Error</h1>")],
                m.SPECIAL.busy: [
                    Fault(429, (("Retry-After", "1"),), b"<h1>Too Many Requests</h1>")
                ],
            }
            self._slow = {m.SPECIAL.slow}

    # -- request log -----------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        """Snapshot of ``(method, path-with-query, lower-cased headers)`` in arrival order."""
        with self._lock:
            return list(self._requests)

    def hits(self, path: str, method: str = "GET") -> int:
        """Requests for ``path``; a path without ``?`` also counts it with any query."""
        with self._lock:
            return sum(
                1
                for verb, raw, _ in self._requests
                if verb == method
                and (raw == path or ("?" not in path and raw.split("?")[0] == path))
            )

    def clear_requests(self) -> None:
        """Empty the request log."""
        with self._lock:
            self._requests.clear()

    # -- content and faults -------------------------------------------------------------

    def set_page(self, path: str, html_bytes: bytes, content_type: str = m.UTF8_HTML) -> datetime:
        """Create or replace the page at ``path``; bumps its lastmod (sitemaps, Atom, HTTP).

        Returns the new lastmod: now (with microseconds, as sitemaps and Atom print it),
        strictly later than the previous one. ``Last-Modified`` has whole seconds.
        """
        with self._lock:
            now = datetime.now(UTC)
            old = self._pages.get(path)
            lastmod = max(now, old.lastmod + timedelta(microseconds=1)) if old else now
            self._pages[path] = _Page(bytes(html_bytes), content_type, lastmod)
            return lastmod

    def get_page(self, path: str) -> bytes:
        """Bytes the site currently serves at ``path`` (base URL filled in)."""
        with self._lock:
            body = self._pages[path].body
        return self._fill(body)

    def remove_page(self, path: str) -> None:
        """Make ``path`` answer 404 from now on (feeds keep listing it)."""
        with self._lock:
            self._pages.pop(path, None)

    def lastmod(self, path: str) -> datetime:
        """Current lastmod of the page at ``path``."""
        with self._lock:
            return self._pages[path].lastmod

    def fail(
        self,
        path: str,
        status: int,
        *,
        times: int = 1,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
    ) -> None:
        """Answer the next ``times`` GETs of ``path`` with ``status`` (queued after others)."""
        fault = Fault(status, tuple((headers or {}).items()), body)
        with self._lock:
            self._faults.setdefault(path, []).extend([fault] * times)

    def clear_faults(self, path: str | None = None) -> None:
        """Drop pending faults (of ``path``, or all) and the slow behaviour with them."""
        with self._lock:
            if path is None:
                self._faults.clear()
                self._slow.clear()
            else:
                self._faults.pop(path, None)
                self._slow.discard(path)

    def set_slow(self, path: str, slow: bool = True) -> None:
        """Make ``path`` wait ``slow_delay`` seconds before its body (or stop doing so)."""
        with self._lock:
            if slow:
                self._slow.add(path)
            else:
                self._slow.discard(path)

    # -- request handling --------------------------------------------------------------

    def _fill(self, body: bytes) -> bytes:
        if self._server is None:
            return body
        return body.replace(m.BASE_PLACEHOLDER.encode("ascii"), self.url.encode("ascii"))

    def _handle(self, method: str, raw_path: str, headers: dict[str, str]) -> _Response:
        with self._lock:
            self._requests.append((method, raw_path, headers))
            parts = urlsplit(raw_path)
            path = parts.path or "/"
            queue = self._faults.get(path)
            if queue:
                fault = queue.pop(0) if method == "GET" else queue[0]
                response = _Response(fault.status, fault.body, "text/html; charset=utf-8")
                response.headers.extend(fault.headers)
            else:
                response = self._route(path, parts.query)
                if path in self._slow and method == "GET":
                    response.delay = self.slow_delay
        return self._finish(response, headers)

    def _route(self, path: str, query: str) -> _Response:
        base = self.url
        documents = Documents(base, self._lastmod_of)
        if path == "/robots.txt":
            return _Response(
                200, documents.robots().encode(), "text/plain; charset=utf-8", lastmod=SITE_EPOCH
            )
        for spec in m.FEEDS:
            if spec.path == path:
                body, lastmod = documents.feed(spec)
                return _Response(200, body, _XML_TYPES[spec.kind], lastmod=lastmod)
        if path == m.LISTING.path:
            pages = parse_qs(query).get("page", ["1"])
            number = int(pages[0]) if pages[0].isdigit() else 0
            if 1 <= number <= m.LISTING.pages:
                body, lastmod = documents.listing(number)
                return _Response(200, body, "text/html; charset=utf-8", lastmod=lastmod)
        page = self._pages.get(path)
        if page is not None:
            return _Response(200, self._fill(page.body), page.content_type, lastmod=page.lastmod)
        if not path.endswith("/") and path + "/" in self._pages:
            response = _Response(301, b"", "text/html; charset=utf-8")
            response.headers.append(("Location", base + path + "/"))
            return response
        return _Response(
            404, b"<html><body><h1>Not Found</h1></body></html>", "text/html; charset=utf-8"
        )

    def _finish(self, response: _Response, headers: dict[str, str]) -> _Response:
        if response.content_type:
            response.headers.append(("Content-Type", response.content_type))
        if response.status != 200:
            return response
        etag = _etag(response.body)
        gzip_etag = etag[:-1] + '-gzip"'
        compress = _compressible(response.content_type)
        use_gzip = compress and _accepts_gzip(headers.get("accept-encoding", ""))
        validators = [("ETag", gzip_etag if use_gzip else etag)]
        if response.lastmod is not None:
            validators.append(("Last-Modified", _http_date(response.lastmod)))
        if compress:
            validators.append(("Vary", "Accept-Encoding"))
        if self._not_modified(headers, {etag, gzip_etag}, response.lastmod):
            return _Response(304, headers=validators)
        response.headers.extend(validators)
        if use_gzip:
            response.body = gzip.compress(response.body, mtime=0)
            response.headers.append(("Content-Encoding", "gzip"))
        return response

    @staticmethod
    def _not_modified(headers: dict[str, str], etags: set[str], lastmod: datetime | None) -> bool:
        if_none_match = headers.get("if-none-match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or bool(tags & etags)
        since = headers.get("if-modified-since")
        if since and lastmod is not None:
            try:
                when = parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return lastmod.replace(microsecond=0) <= when
        return False

    # -- generated documents (rendered by tests/site/documents.py) ----------------------

    def _lastmod_of(self, spec: m.ArticleSpec) -> datetime:
        page = self._pages.get(spec.path)
        return page.lastmod if page is not None else spec.published_at.astimezone(UTC)
