"""Shared by the fault and security tests: a fault-server fixture and a fetch helper."""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from flows.fetch import Fetcher
from flows.http_records import Attempt, Fetched, FetchPolicy
from flows.runtime import make_client
from tests.reliability.fault_server import FaultServer

LOOPBACK = frozenset({"127.0.0.1"})
# Small limits keep the whole reliability suite well under a minute. The timeout is
# roomy: a request's timeout covers all of it, so under load a cut body took over 0.5 s
# to end and was a FetchTimeout, not the fault under test (w58, as test_ingest_faults's
# TIMEOUT); it is waited out only where a server never answers, and those tests take
# HANG. An idle machine waits out neither.
FAST = FetchPolicy(timeout=10.0, min_delay=0.0, max_bytes=1_000_000, respect_robots=False,
                   max_attempts=3, backoff_base=0.02, backoff_cap=0.05)
# For a server that never answers (or drips): the timeout is what the test waits for.
HANG = FetchPolicy(timeout=0.5, min_delay=0.0, max_bytes=1_000_000, respect_robots=False,
                   max_attempts=3, backoff_base=0.02, backoff_cap=0.05)


@dataclass
class Outcome:
    """What one ``Fetcher.get`` produced: a response or an error, and the attempts."""

    result: Fetched | Exception
    attempts: list[Attempt] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def classes(self) -> list[str | None]:
        """Error class of each attempt (None for a success)."""
        return [a.error_class for a in self.attempts]

    @property
    def statuses(self) -> list[int | None]:
        """HTTP status of each attempt."""
        return [a.status for a in self.attempts]


def fetch(url: str, policy: FetchPolicy = FAST,
          private: frozenset[str] = LOOPBACK) -> Outcome:
    """GET ``url`` through the real fetcher and guarded client; never raises."""
    attempts: list[Attempt] = []

    async def go() -> Fetched:
        async with make_client(private) as client:
            return await Fetcher(client, attempts.append).get(url, policy)

    t0 = time.monotonic()
    try:
        result: Fetched | Exception = asyncio.run(go())
    except Exception as exc:  # the test inspects the class
        result = exc
    return Outcome(result, attempts, time.monotonic() - t0)


def fetch_traced(url: str, policy: FetchPolicy = FAST) -> tuple[Outcome, int]:
    """:func:`fetch`, with the peak of Python memory traced while it ran (bombs)."""
    tracemalloc.start()
    try:
        out = fetch(url, policy)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return out, peak


@pytest.fixture
def srv() -> Iterator[FaultServer]:
    """A started fault server (fresh routes per test)."""
    with FaultServer() as server:
        yield server
