"""A loopback site answering each path with one exact response (headers, codings,
chunks, ETag) and the feed snippets the open-web tests serve from it."""

from __future__ import annotations

import gzip
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

TIMEOUT = 300
EN = ("The ministry said on Saturday that the new rules would take effect next month, after "
      "a public consultation that drew more than four thousand responses from citizens.",
      "Officials expect the change to cut waiting times at border crossings by a third, and "
      "said they would publish the first figures in the spring, once the system has run.")
KO = ("서울시는 1일 시청에서 기자회견을 열고 내년 한 해 동안 시내버스와 지하철 요금을 올리지 "
      "않기로 했다고 밝혔다. 시는 물가 상승으로 시민들의 부담이 커진 점을 고려했다고 설명했다.",
      "시 관계자는 운송 적자는 예산으로 보전하고, 노선 효율화를 통해 비용을 줄일 계획이라며 "
      "시민들이 체감할 수 있는 교통 복지를 계속 늘려 나가겠다고 말했다.")


@dataclass(frozen=True)
class Response:
    body: bytes
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None
    encoding: str | None = None  # Content-Encoding: gzip or br
    chunked: bool = False
    etag: str | None = None  # sent, and a matching If-None-Match gets a 304


class Site:
    """A loopback server answering each path with one exact response."""

    def __init__(self) -> None:
        self.routes: dict[str, Response] = {}
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.hits.append(self.path)
                r = site.routes.get(self.path, Response(b"", status=404))
                body = r.body
                if r.etag and self.headers.get("If-None-Match") == r.etag:
                    self.send_response(304)
                    self.send_header("ETag", r.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if r.encoding == "gzip":
                    body = gzip.compress(body)
                elif r.encoding == "br":
                    body = brotli.compress(body)
                self.send_response(r.status)
                for key, value in (("Content-Type", r.content_type), ("Location", r.location),
                                   ("Content-Encoding", r.encoding), ("ETag", r.etag)):
                    if value:
                        self.send_header(key, value)
                if r.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for i in range(0, len(body), 50):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(body[i:i + 50]), body[i:i + 50]))
                    self.wfile.write(b"0\r\n\r\n")
                else:
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + urllib.parse.quote(path)

    def add(self, path: str, response: Response) -> str:
        self.routes[urllib.parse.quote(path)] = response
        return self.url(path)

    def story(self, path: str, title: str, paras: tuple[str, ...] = EN, head: str = "",
              charset: str = "utf-8", codec: str = "utf-8",
              content_type: str = "text/html; charset=utf-8") -> str:
        html = (f"<!doctype html><html><head><meta charset='{charset}'><title>{title}</title>"
                f"{head}</head><body><article><h1>{title}</h1>"
                + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>")
        return self.add(path, Response(html.encode(codec), content_type))


def rss(items: str, declared: str | None = None) -> str:
    decl = f"<?xml version='1.0' encoding='{declared}'?>" if declared else "<?xml version='1.0'?>"
    return f"{decl}<rss version='2.0'><channel><title>t</title>{items}</channel></rss>"


def item(link: str, title: str = "t") -> str:
    return f"<item><title>{title}</title><link>{link}</link></item>"
