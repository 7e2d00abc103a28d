"""Pooled connections through the guarded transport: a keep-alive connection the
server closed while it sat idle is dropped, not reused (flows.netguard answers
httpcore's "is_readable" from the socket it keeps)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

import pytest

from flows.runtime import make_client

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"


class OneShotServer:
    """Answers one request per connection with a keep-alive response, then closes
    the connection (no ``Connection: close``: the client believes it reusable)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.closed = threading.Semaphore(0)  # released once per connection closed
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:  # the listening socket was closed: the test is over
                return
            self.connections += 1
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                conn.sendall(RESPONSE)
            self.closed.release()


@pytest.fixture
def one_shot() -> Iterator[OneShotServer]:
    server = OneShotServer()
    yield server
    server.sock.close()


def test_a_connection_the_server_closed_while_idle_is_not_reused(
        one_shot: OneShotServer) -> None:
    url = f"http://127.0.0.1:{one_shot.port}/"

    async def go() -> list[tuple[int, bytes]]:
        got = []
        async with make_client(frozenset({"127.0.0.1"})) as client:
            for _ in range(3):
                response = await client.get(url)
                got.append((response.status_code, response.content))
                # The server has closed this connection (its FIN is on the way back)
                # before the next request looks for an idle connection to reuse.
                assert await asyncio.to_thread(one_shot.closed.acquire, True, 10)
        return got

    assert asyncio.run(go()) == [(200, b"ok")] * 3
    assert one_shot.connections == 3  # each request on a fresh connection
