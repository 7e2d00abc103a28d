"""A fault-injecting HTTP server on 127.0.0.1 (standard library, raw sockets).

``http.server`` always speaks well-formed HTTP; the faults here need to lie about
lengths, break chunked encoding, reset connections and drip bytes, so each route
writes raw bytes to the socket. Every wait goes through the server's stop event,
so ``stop()`` ends slow or hanging responses at once and no test can hang.

Usage::

    with FaultServer() as srv:
        srv.route("/a", status(503), ok(b"<html>...</html>"))   # 503 once, then 200
        url = srv.url_for("/a")

Each route holds a queue of behaviours: a request consumes the first one, and
the last one repeats. Unknown paths answer 404.
"""

from __future__ import annotations

import contextlib
import gzip
import select
import socket
import socketserver
import struct
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType

import brotli

PIECE = 64 * 1024


@dataclass(frozen=True, slots=True)
class Request:
    """One request as received: method, path with query, lower-cased headers."""

    method: str
    path: str
    headers: dict[str, str]


@dataclass(slots=True)
class Conn:
    """What a behaviour gets: the socket, the request and the server's stop event."""

    sock: socket.socket
    request: Request
    stop: threading.Event
    base_url: str

    def send(self, data: bytes) -> bool:
        """Send all of ``data``; False once the peer has gone."""
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            return False

    def wait(self, seconds: float) -> bool:
        """Wait up to ``seconds``; True when the server stops or the peer hangs up first."""
        step = 0.05
        waited = 0.0
        while waited < seconds:
            if self.stop.wait(min(step, seconds - waited)):
                return True
            waited += step
            if self.peer_closed():
                return True
        return False

    def peer_closed(self) -> bool:
        """True when the client closed its end (readable with no data)."""
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
            if not readable:
                return False
            return self.sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True


Behaviour = Callable[[Conn], None]


def _head(status: int, headers: Iterable[tuple[str, str]], reason: str = "X") -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += [f"{k}: {v}" for k, v in headers]
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


# -- behaviours ----------------------------------------------------------------------


def ok(body: bytes, content_type: str = "text/html; charset=utf-8",
       headers: Iterable[tuple[str, str]] = ()) -> Behaviour:
    """200 with ``body`` and a correct Content-Length."""
    return status(200, headers=[("Content-Type", content_type), *headers], body=body)


def status(code: int, *, headers: Iterable[tuple[str, str]] = (), body: bytes = b"") -> Behaviour:
    """Any status with the given headers and body."""
    fixed = list(headers)

    def run(conn: Conn) -> None:
        conn.send(_head(code, [*fixed, ("Content-Length", str(len(body)))]) + body)

    return run


def redirect(location: str, code: int = 302) -> Behaviour:
    """A redirect; ``{base}`` in ``location`` becomes the server's base URL."""

    def run(conn: Conn) -> None:
        target = location.replace("{base}", conn.base_url)
        conn.send(_head(code, [("Location", target), ("Content-Length", "0")]))

    return run


def hang(*, after_headers: bool = False) -> Behaviour:
    """Send nothing (or only headers) until the client gives up or the server stops."""

    def run(conn: Conn) -> None:
        if after_headers:
            conn.send(_head(200, [("Content-Type", "text/html"), ("Content-Length", "100")]))
        conn.wait(3600)

    return run


def drip(body: bytes, interval: float = 1.0) -> Behaviour:
    """Headers at once, then one byte every ``interval`` seconds."""

    def run(conn: Conn) -> None:
        head = _head(200, [("Content-Type", "text/html"), ("Content-Length", str(len(body)))])
        if not conn.send(head):
            return
        for i in range(len(body)):
            if not conn.send(body[i:i + 1]) or conn.wait(interval):
                return

    return run


def reset_mid_body(body: bytes) -> Behaviour:
    """Promise ``body``, send half, then reset the connection (RST, not FIN)."""

    def run(conn: Conn) -> None:
        head = _head(200, [("Content-Type", "text/html"), ("Content-Length", str(len(body)))])
        conn.send(head + body[: len(body) // 2])
        # SO_LINGER with a zero timeout turns close() into a TCP reset.
        conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    return run


def wrong_length(body: bytes, declared: int) -> Behaviour:
    """Send ``body`` under a Content-Length of ``declared`` (longer: truncated body)."""

    def run(conn: Conn) -> None:
        head = _head(200, [("Content-Type", "text/html; charset=utf-8"),
                           ("Content-Length", str(declared))])
        conn.send(head + body)

    return run


def broken_chunked(chunks: Iterable[bytes]) -> Behaviour:
    """Chunked transfer that closes after ``chunks`` without the final 0-chunk."""
    parts = list(chunks)

    def run(conn: Conn) -> None:
        conn.send(_head(200, [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")]))
        for part in parts:
            conn.send(f"{len(part):x}\r\n".encode() + part + b"\r\n")

    return run


def stream(pieces: Callable[[], Iterator[bytes]], *, content_type: str = "text/html",
           length: int | None = None, encoding: str | None = None) -> Behaviour:
    """Send a generated body without holding it in memory (stops when the peer leaves)."""

    def run(conn: Conn) -> None:
        headers = [("Content-Type", content_type)]
        if encoding:
            headers.append(("Content-Encoding", encoding))
        headers.append(("Content-Length", str(length)) if length is not None
                       else ("Transfer-Encoding", "chunked"))
        if not conn.send(_head(200, headers)):
            return
        for piece in pieces():
            if conn.stop.is_set():
                return
            data = piece if length is not None else f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
            if not conn.send(data):
                return
        if length is None:
            conn.send(b"0\r\n\r\n")

    return run


def encoded(body: bytes, encoding: str, content_type: str = "text/html") -> Behaviour:
    """200 with an already-compressed body and its Content-Encoding."""
    return status(200, headers=[("Content-Type", content_type), ("Content-Encoding", encoding)],
                  body=body)


# -- generated payloads ----------------------------------------------------------------


def repeated(unit: bytes, total: int) -> Callable[[], Iterator[bytes]]:
    """A generator factory yielding ``total`` bytes of ``unit`` repeated, piece by piece."""
    block = (unit * (PIECE // len(unit) + 1))[:PIECE]

    def gen() -> Iterator[bytes]:
        left = total
        while left > 0:
            yield block[: min(left, PIECE)]
            left -= PIECE

    return gen


def gzip_bomb(inflated: int) -> bytes:
    """A gzip body of zeros that inflates to ``inflated`` bytes (built in pieces)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(PIECE)
    out = [comp.compress(zeros) for _ in range(inflated // PIECE)]
    out.append(comp.flush())
    return b"".join(out)


def brotli_bomb(inflated: int) -> bytes:
    """A brotli body of zeros that inflates to ``inflated`` bytes (a few hundred bytes)."""
    comp = brotli.Compressor(quality=5)
    zeros = bytes(1 << 20)
    out = [comp.process(zeros) for _ in range(inflated // len(zeros))]
    out.append(comp.finish())
    return b"".join(out)


def gzipped(body: bytes) -> bytes:
    """``body`` gzip-compressed (for well-behaved compressed pages)."""
    return gzip.compress(body, mtime=0)


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (connection refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# -- server --------------------------------------------------------------------------


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False
    # The default backlog of 5 drops SYNs under a burst of connections, and the
    # client's 1 s SYN retry then looks like a server timeout.
    request_queue_size = 128
    owner: FaultServer


class _Handler(socketserver.BaseRequestHandler):
    server: _TCPServer

    def handle(self) -> None:
        owner = self.server.owner
        sock: socket.socket = self.request
        sock.settimeout(5)
        request = _read_request(sock)
        if request is None:
            return
        behaviour = owner._take(request)
        sock.settimeout(None)
        conn = Conn(sock, request, owner._stop, owner.url)
        with contextlib.suppress(OSError):  # the client left; that is its right
            behaviour(conn)


def _read_request(sock: socket.socket) -> Request | None:
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            piece = sock.recv(4096)
        except OSError:
            return None
        if not piece or len(data) > 65536:
            return None
        data += piece
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    first, *lines = head.split("\r\n")
    parts = first.split(" ")
    if len(parts) < 2:
        return None
    headers = {}
    for line in lines:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    return Request(parts[0], parts[1], headers)


@dataclass
class FaultServer:
    """The fault server; use as a context manager. All state lives on the instance."""

    host: str = "127.0.0.1"
    _routes: dict[str, list[Behaviour]] = field(default_factory=dict)
    _requests: list[Request] = field(default_factory=list)
    _cond: threading.Condition = field(default_factory=threading.Condition)
    _stop: threading.Event = field(default_factory=threading.Event)
    _server: _TCPServer | None = None
    _thread: threading.Thread | None = None

    def start(self) -> FaultServer:
        """Bind a random port and serve in a daemon thread."""
        server = _TCPServer((self.host, 0), _Handler)
        server.owner = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and wake every waiting behaviour."""
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port."""
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Base URL without a trailing slash."""
        return f"http://{self.host}:{self.port}"

    def url_for(self, path: str) -> str:
        """Absolute URL of ``path``."""
        return self.url + path

    def route(self, path: str, *behaviours: Behaviour) -> None:
        """Replace what ``path`` answers: behaviours in turn, the last one repeating."""
        with self._cond:
            self._routes[path] = list(behaviours)

    def _take(self, request: Request) -> Behaviour:
        with self._cond:
            self._requests.append(request)
            self._cond.notify_all()
            queue = self._routes.get(request.path.split("?", 1)[0])
            if not queue:
                return status(404, body=b"not found")
            return queue.pop(0) if len(queue) > 1 else queue[0]

    @property
    def requests(self) -> list[Request]:
        """Snapshot of requests in arrival order."""
        with self._cond:
            return list(self._requests)

    def hits(self, path: str) -> int:
        """How many requests asked for ``path`` (query ignored)."""
        with self._cond:
            return sum(1 for r in self._requests if r.path.split("?", 1)[0] == path)

    def wait_for_hits(self, path: str, count: int, timeout: float = 5.0) -> bool:
        """Block until ``path`` has been requested ``count`` times (False on timeout)."""
        with self._cond:
            return self._cond.wait_for(
                lambda: sum(1 for r in self._requests if r.path.split("?", 1)[0] == path)
                >= count, timeout)
