"""A loopback site serving the WCXB dev pages replicated under distinct URLs.

Run as its own process so the server does not share the benchmark's GIL:
``python bench/devsite.py --pages 10000`` prints its base URL on stdout.
Canonical and og:url tags are removed so every replica is its own article.
``/sitemap.xml`` lists every page; with ``--sources K``, ``/sitemap/<k>.xml``
(k < K) lists the k-th of K contiguous slices, one per source of a benchmark.
Data: WCXB (Murrough Foley, 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.dev_set import dev_set

DEV = dev_set()
SELF_REFS = re.compile(
    rb"<link[^>]+rel=[\"']?canonical[^>]*>|<meta[^>]+(?:og:url|twitter:url)[^>]*>", re.I
)


def load_pages(limit: int | None = None) -> list[bytes]:
    """The dev pages, decompressed, without self-references."""
    files = sorted((DEV / "html").glob("*.html.gz"))[:limit]
    return [SELF_REFS.sub(b"", gzip.decompress(f.read_bytes())) for f in files]


def _slice(pages: int, parts: int, k: int) -> range:
    """Page numbers of source ``k`` of ``parts``: contiguous, sizes differing by at most one."""
    return range(k * pages // parts, (k + 1) * pages // parts)


def _part(path: str, parts: int) -> int | None:
    """k for ``/sitemap/<k>.xml`` with 0 <= k < parts, else None."""
    if not (path.startswith("/sitemap/") and path.endswith(".xml")):
        return None
    try:
        k = int(path[len("/sitemap/"):-len(".xml")])
    except ValueError:
        return None
    return k if 0 <= k < parts else None


def main() -> None:
    """Serve until killed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--sources", type=int, default=1)
    args = parser.parse_args()
    pages = load_pages()
    n = args.pages
    parts = max(1, args.sources)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body: bytes
            ctype = "text/html; charset=utf-8"
            part = _part(self.path, parts)
            if self.path == "/sitemap.xml" or part is not None:
                host = self.headers.get("Host", "127.0.0.1")
                span = range(n) if part is None else _slice(n, parts, part)
                urls = "".join(f"<url><loc>http://{host}/p/{i}/</loc></url>" for i in span)
                body = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                        f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode()
                ctype = "application/xml"
                etag = f'"sm-{n}-{part}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            elif self.path.startswith("/p/"):
                try:
                    i = int(self.path[3:].strip("/"))
                except ValueError:
                    i = -1
                if not 0 <= i < n:
                    self.send_error(404)
                    return
                body = pages[i % len(pages)]
                etag = None
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
