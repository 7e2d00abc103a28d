"""h58: a host's cluster slot (``pressroom-host-<host>``) counted by a Prefect server
that lost its lease (restarted, its leases in memory) is given back by the next request
that finds the slot full and its limit unwritten for longer than any lease holds it,
said in one line; the run goes on (flows/concurrency.py, ``HostPacer``). Before h58
``HostPacer._take`` looked again every ``min_delay / 4`` for good: every later request
to the host waited forever.

Real ``HostPacer``s and a real ``PrefectClient`` against a loopback server answering the
five concurrency calls as Prefect 3.9.1's server does: the limit (its ``updated``
moved by a take or a give-back, not by a refusal, which Prefect rolls back), a take
refused with 423 while the slot is counted, a give-back through a lease it does not
know a no-op (204), a decrement floored at 0 and refused with occupancy 0 (422). The
pacers' watch is set to a second or less (the real one: 90 s, ``HOST_STUCK_SECONDS``).
"""

from __future__ import annotations

import asyncio
import http.server
import json
import logging
import re
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import ClassVar

import pytest
from prefect.client.orchestration import PrefectClient

from flows.concurrency import HOST_STUCK_SECONDS, HostPacer, host_limit

HOST = "example.org"
LIMIT = host_limit(HOST)
V2 = "/api/v2/concurrency_limits"


class _Prefect(http.server.BaseHTTPRequestHandler):
    """The slot's count (``active``), the leases it knows, the calls it was asked."""

    active: ClassVar[int] = 0
    writes: ClassVar[int] = 0  # the limit's `updated`: one second a write
    others: ClassVar[int] = 0  # refusals left while other workers take turns
    leases: ClassVar[set[str]] = set()
    asked: ClassVar[list[str]] = []
    lock = threading.Lock()

    def _answer(self, status: int, body: object = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if status == 423:
            self.send_header("Retry-After", "0.1")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        type(self).asked.append(f"GET {self.path}")
        if self.path != f"{V2}/{LIMIT}":  # the client's CSRF token: an older server's 404
            self._answer(404, {"detail": "Not Found"})
            return
        updated = (datetime(2026, 12, 8, 2, tzinfo=UTC)
                   + timedelta(seconds=type(self).writes)).isoformat()
        self._answer(200, {"id": "0d8f6a2e-5b1c-4e3d-9a7f-1c2b3d4e5f60", "name": LIMIT,
                           "limit": 1, "active": True, "active_slots": type(self).active,
                           "denied_slots": 0, "slot_decay_per_second": 0.0,
                           "created": "2026-12-08T02:00:00Z", "updated": updated})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        cls = type(self)
        with cls.lock:
            cls.asked.append(f"POST {self.path}")
            if self.path == f"{V2}/increment-with-lease":
                if cls.others > 0:  # another worker's turn ended, the next one's began
                    cls.others, cls.writes = cls.others - 1, cls.writes + 2
                    cls.active = int(cls.others > 0)
                if cls.active >= 1:
                    self._answer(423, {"detail": "Locked"})
                    return
                cls.active, cls.writes = cls.active + 1, cls.writes + 1
                lease = str(uuid.uuid4())
                cls.leases.add(lease)
                self._answer(200, {"lease_id": lease, "limits": []})
            elif self.path == f"{V2}/decrement-with-lease":
                if body["lease_id"] in cls.leases:  # an unknown lease: a no-op
                    cls.leases.discard(body["lease_id"])
                    cls.active, cls.writes = max(0, cls.active - 1), cls.writes + 1
                self._answer(204)
            elif self.path == f"{V2}/decrement":
                occupancy = body.get("occupancy_seconds")
                if occupancy is not None and occupancy <= 0:  # Body(None, gt=0.0)
                    self._answer(422, {"detail": "occupancy_seconds must be > 0"})
                    return
                cls.active, cls.writes = max(0, cls.active - body["slots"]), cls.writes + 1
                self._answer(200, [])
            else:
                self._answer(404, {"detail": "Not Found"})

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def prefect() -> Iterator[str]:
    """The loopback server's API address; its state fresh."""
    _Prefect.active, _Prefect.writes, _Prefect.others = 0, 0, 0
    _Prefect.leases, _Prefect.asked = set(), []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Prefect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/api"
    finally:
        server.shutdown()
        server.server_close()


async def _requests(api: str, count: int, delay: float, stuck_after: float) -> None:
    """``count`` requests' turns on the host through one pacer, as one run makes them."""
    async with PrefectClient(api) as client:
        pacer = HostPacer({HOST: delay}, client)
        pacer.stuck_after = stuck_after
        # Bounded: before h58 a lost slot kept the turn waiting for good.
        await asyncio.wait_for(asyncio.gather(*(pacer(HOST) for _ in range(count))), 20.0)
        await pacer.drain()


def _given_back() -> list[str]:
    return [a for a in _Prefect.asked if a == f"POST {V2}/decrement"]


LINE = (f"{LIMIT}: its slot was full and untouched for N s, longer than any lease holds "
        "it (60 s, never renewed): held by a lease the Prefect server no longer knows "
        "(restarted, its leases kept in memory); given back")


def test_a_slot_whose_lease_the_server_lost_is_given_back_once(
        prefect: str, caplog: pytest.LogCaptureFixture) -> None:
    _Prefect.active = 1  # counted, by a lease the restarted server does not know
    with caplog.at_level(logging.WARNING, logger="pressroom.cluster"):
        # Two requests of the run waiting on it: one gives it back, the other then
        # waits for the first one's release, as usual.
        asyncio.run(_requests(prefect, 2, delay=0.1, stuck_after=0.6))
    assert _given_back() == [f"POST {V2}/decrement"]
    said = [r.getMessage() for r in caplog.records if r.name == "pressroom.cluster"]
    assert [re.sub(r"for \d+ s", "for N s", line) for line in said] == [LINE]
    assert _Prefect.active == 0 and not _Prefect.leases  # both turns given back


def test_a_slot_held_by_live_leases_is_waited_for(prefect: str) -> None:
    # Other workers' turns on the host: the slot full for 40 of this run's looks (2 s),
    # taken and given back (written) between each two, then free.
    _Prefect.active, _Prefect.others = 1, 40
    asyncio.run(_requests(prefect, 1, delay=0.05, stuck_after=0.3))
    assert _given_back() == []
    assert f"GET {V2}/{LIMIT}" in _Prefect.asked  # the watch looked, and saw writes
    assert _Prefect.active == 0


def test_the_watch_outlasts_a_lease_and_the_repossessor() -> None:
    # A live lease lapses within 60 s; the repossessor frees it within its 15 s loop.
    assert HOST_STUCK_SECONDS == 90.0
