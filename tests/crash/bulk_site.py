"""A generated press site with many articles, for kill and lock tests.

Standard library only. ``served`` counts article responses; ``wait_served(n)``
blocks until n have gone out, so tests can act at a chosen point of a run
without sleeping.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

ARTICLE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Release {i} | Bulk Agency</title>
<meta property="article:published_time" content="2024-03-{day:02d}T10:00:00+00:00">
</head><body><nav><a href="/">Home</a> <a href="/about/">About</a></nav>
<article><h1>Release number {i} on regional cooperation</h1>
<p>GENEVA, {day} March (BA) - Officials met on {day} March to discuss release {i}, covering
trade, transport and the fight against human trafficking in the region.</p>
<p>The meeting agreed on a joint plan for the coming year with {i} concrete measures,
including shared training for border services and a new hotline for victims.</p>
<p>Delegations said the plan would be reviewed at the next session, and that progress
reports would be published every quarter on the agency website.</p>
</article><footer>Bulk Agency</footer></body></html>"""


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Killed clients reset connections: expected here, not worth a traceback."""


class BulkSite:
    """``n`` articles under ``/a/<i>/`` listed in ``/sitemap.xml``."""

    def __init__(self, n: int, *, delay: float = 0.0, gate_after: int | None = None,
                 host: str = "127.0.0.1", gate_wait: float = 60.0) -> None:
        self.n = n
        self.delay = delay
        self.host = host  # the multi-host tests serve on a bridge address
        self.gate_wait = gate_wait  # seconds a held response waits at most
        # Article responses past ``gate_after`` wait until ``open_gate()``.
        self.gate_after = gate_after
        self._gate = threading.Event()
        self._started = 0
        self._lock = threading.Condition()
        self._served = 0
        self._hits: dict[str, int] = {}
        self._stop = threading.Event()
        self._server: _QuietServer | None = None

    @property
    def url(self) -> str:
        """Base URL on the live port."""
        assert self._server is not None
        return f"http://{self.host}:{self._server.server_address[1]}"

    @property
    def served(self) -> int:
        """Article responses sent so far."""
        with self._lock:
            return self._served

    @property
    def started(self) -> int:
        """Article requests received so far (held ones included)."""
        with self._lock:
            return self._started

    def hits(self, path: str) -> int:
        """GETs of ``path``."""
        with self._lock:
            return self._hits.get(path, 0)

    def article_paths(self) -> list[str]:
        """Every article path."""
        return [f"/a/{i}/" for i in range(self.n)]

    def wait_served(self, count: int, timeout: float = 60.0) -> bool:
        """Block until ``count`` article responses have been sent."""
        with self._lock:
            return self._lock.wait_for(lambda: self._served >= count, timeout=timeout)

    def wait_started(self, count: int, timeout: float = 60.0) -> bool:
        """Block until ``count`` article requests have been received (held ones too)."""
        with self._lock:
            return self._lock.wait_for(lambda: self._started >= count, timeout=timeout)

    def grow(self, count: int) -> None:
        """Publish ``count`` more articles (they appear in the sitemap at once)."""
        with self._lock:
            self.n += count

    def open_gate(self) -> None:
        """Let held article responses go."""
        self._gate.set()

    def _body(self, path: str) -> tuple[int, str, bytes]:
        if path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{self.url}{p}</loc></url>" for p in self.article_paths())
            xml = ('<?xml version="1.0" encoding="UTF-8"?>'
                   f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
            return 200, "application/xml", xml.encode()
        if path.startswith("/a/") and path.endswith("/"):
            try:
                i = int(path[3:-1])
            except ValueError:
                return 404, "text/plain", b"not found"
            if 0 <= i < self.n:
                html = ARTICLE_HTML.format(i=i, day=i % 28 + 1)
                return 200, "text/html; charset=utf-8", html.encode()
        return 404, "text/plain", b"not found"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                status, ctype, body = site._body(self.path)
                is_article = self.path.startswith("/a/") and status == 200
                if is_article:
                    with site._lock:
                        site._started += 1
                        site._lock.notify_all()  # wait_started
                        gated = site.gate_after is not None and site._started > site.gate_after
                    if gated:
                        site._gate.wait(site.gate_wait)
                    if site.delay:
                        site._stop.wait(site.delay)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    return  # the client was killed mid-response
                with site._lock:
                    site._hits[self.path] = site._hits.get(self.path, 0) + 1
                    if is_article:
                        site._served += 1
                        site._lock.notify_all()

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler

    def __enter__(self) -> BulkSite:
        self._server = _QuietServer((self.host, 0), self._handler())
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._gate.set()
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    def sources_toml(self, name: str = "bulk", *, timeout: float = 5.0,
                     schedule: str | None = None) -> str:
        """A sources file for this site (``timeout``: the source's per-request limit;
        ``schedule``: its cron, else the default)."""
        return (
            f'[[source]]\nname = "{name}"\nfeeds = ["{self.url}/sitemap.xml"]\n'
            "allow_private_network = true\nmin_delay = 0.0\nconcurrency = 8\n"
            f"timeout = {timeout!r}\nmax_articles = 100000\n"
            + (f'schedule = "{schedule}"\n' if schedule else "")
        )
