"""A real HTTP press site on 127.0.0.1 for the test suite (standard library only).

``PressSite`` serves the pages in ``pages/`` and feeds, sitemaps and listings generated
from ``manifest`` (``documents``; links carry the live port), with conditional GET, gzip
(``responses``), robots.txt and per-route faults. All state lives on the instance; ``reset()``
restores it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from tests.site import manifest as m
from tests.site.documents import SITE_EPOCH, Documents
from tests.site.responses import XML_TYPES, Response, finish

PAGES_DIR = Path(__file__).parent / "pages"

RequestRecord = tuple[str, str, dict[str, str]]


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

    def _handle(self, method: str, raw_path: str, headers: dict[str, str]) -> Response:
        with self._lock:
            self._requests.append((method, raw_path, headers))
            parts = urlsplit(raw_path)
            path = parts.path or "/"
            queue = self._faults.get(path)
            if queue:
                fault = queue.pop(0) if method == "GET" else queue[0]
                response = Response(fault.status, fault.body, "text/html; charset=utf-8")
                response.headers.extend(fault.headers)
            else:
                response = self._route(path, parts.query)
                if path in self._slow and method == "GET":
                    response.delay = self.slow_delay
        return finish(response, headers)

    def _route(self, path: str, query: str) -> Response:
        base = self.url
        documents = Documents(base, self._lastmod_of)
        if path == "/robots.txt":
            return Response(
                200, documents.robots().encode(), "text/plain; charset=utf-8", lastmod=SITE_EPOCH
            )
        for spec in m.FEEDS:
            if spec.path == path:
                body, lastmod = documents.feed(spec)
                return Response(200, body, XML_TYPES[spec.kind], lastmod=lastmod)
        if path == m.LISTING.path:
            pages = parse_qs(query).get("page", ["1"])
            number = int(pages[0]) if pages[0].isdigit() else 0
            if 1 <= number <= m.LISTING.pages:
                body, lastmod = documents.listing(number)
                return Response(200, body, "text/html; charset=utf-8", lastmod=lastmod)
        page = self._pages.get(path)
        if page is not None:
            return Response(200, self._fill(page.body), page.content_type, lastmod=page.lastmod)
        if not path.endswith("/") and path + "/" in self._pages:
            response = Response(301, b"", "text/html; charset=utf-8")
            response.headers.append(("Location", base + path + "/"))
            return response
        return Response(
            404, b"<html><body><h1>Not Found</h1></body></html>", "text/html; charset=utf-8"
        )

    # -- generated documents (rendered by tests/site/documents.py) ----------------------

    def _lastmod_of(self, spec: m.ArticleSpec) -> datetime:
        page = self._pages.get(spec.path)
        return page.lastmod if page is not None else spec.published_at.astimezone(UTC)
