"""A tiny loopback HTTP site whose routes a test sets, counting every request."""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType


class Site:
    """Serves ``routes`` (path -> (status, body, content type)) on 127.0.0.1.

    ``hits`` counts requests per path (query included); unknown paths are 404.
    ``conditional`` counts those sent with If-None-Match or If-Modified-Since; a route
    served with an ``ETag`` (or ``Last-Modified``) header answers 304, no body, to a
    request naming it back, as a server that keeps validators does.
    """

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes, str]] = {}
        self.headers: dict[str, dict[str, str]] = {}
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with site._lock:
                    site.hits[self.path] += 1
                    status, body, ctype = site.routes.get(self.path, (404, b"no", "text/plain"))
                    extra = site.headers.get(self.path, {})
                    etag, since = self.headers.get("If-None-Match"), \
                        self.headers.get("If-Modified-Since")
                    if etag is not None or since is not None:
                        site.conditional[self.path] += 1
                    if status == 200 and (
                            (etag is not None and etag == extra.get("ETag"))
                            or (since is not None and since == extra.get("Last-Modified"))):
                        status, body = 304, b""
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                for name, value in extra.items():  # sent as Latin-1: any byte a server may send
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:41234``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def set(self, path: str, body: str | bytes, ctype: str = "text/html; charset=utf-8",
            status: int = 200, headers: dict[str, str] | None = None) -> None:
        """Serve ``body`` at ``path`` (``headers``: extra response headers)."""
        data = body.encode() if isinstance(body, str) else body
        with self._lock:
            self.routes[path] = (status, data, ctype)
            self.headers[path] = dict(headers or {})

    def count(self, prefix: str) -> int:
        """Requests made so far to paths starting with ``prefix``."""
        with self._lock:
            return sum(n for path, n in self.hits.items() if path.startswith(prefix))

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def article_html(title: str, words: int = 120) -> str:
    """A plain news page the generic extractor reads as an article."""
    text = " ".join(f"word{i}" for i in range(words))
    paras = "".join(f"<p>{title} said officials on Tuesday. {text}.</p>" for _ in range(4))
    return (f"<!doctype html><html><head><title>{title}</title>"
            '<meta property="og:type" content="article"></head><body><article>'
            f"<h1>{title}</h1><time datetime=\"2026-11-30T10:00:00Z\">30 Nov 2026</time>"
            f"{paras}</article></body></html>")


def loopback_sources(path: Path, name: str, feeds: list[str], *, timeout: float = 5,
                     extra: str = "") -> Path:
    """Write a one-source sources file at ``path`` for a loopback :class:`Site`: private
    network allowed, no delay, robots.txt not asked; ``extra``: more TOML keys."""
    listed = ", ".join(f'"{feed}"' for feed in feeds)
    path.write_text(f'[[source]]\nname = "{name}"\nfeeds = [{listed}]\n'
                    f"allow_private_network = true\nmin_delay = 0\ntimeout = {timeout:g}\n"
                    f"respect_robots = false\n{extra}", encoding="utf-8")
    return path
