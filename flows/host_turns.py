"""How fast a run asks one host: whose turn it is.

At most the source's ``concurrency`` requests to a host at a time, their starts spaced by
``min_delay`` seconds (robots.txt's Crawl-delay may raise it: :mod:`flows.robots`), and in
a cluster run the host's cluster-wide slot after that (a :data:`Pacer`,
:mod:`flows.concurrency`). One :class:`HostTurns` serves every source of a run, so sources
sharing a host share its turns.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from flows.http_records import FetchPolicy

# A cluster run's pacer (flows.concurrency.HostPacer): awaited with the host before
# each request, after the local spacing, to take the host's cluster-wide slot.
Pacer = Callable[[str], Awaitable[None]]


@dataclass
class _HostSlot:
    """Politeness state of one host within one run."""

    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0


class HostTurns:
    """The turns of every host a run asks (see the module's docstring)."""

    def __init__(self, pacer: Pacer | None = None) -> None:
        self._pacer = pacer
        self._hosts: dict[str, _HostSlot] = {}

    @asynccontextmanager
    async def turn(self, host: str, policy: FetchPolicy) -> AsyncIterator[None]:
        """Held while one request to ``host`` is made: entered when the host's turn comes."""
        slot = self._slot(host, policy)
        async with slot.semaphore:
            await _polite_start(slot, policy)
            if self._pacer is not None:
                await self._pacer(host)
            yield

    def _slot(self, host: str, policy: FetchPolicy) -> _HostSlot:
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = _HostSlot(asyncio.Semaphore(policy.concurrency))
        return slot


async def _polite_start(slot: _HostSlot, policy: FetchPolicy) -> None:
    """Space request starts on one host by at least ``min_delay`` seconds."""
    if policy.min_delay <= 0:
        return
    async with slot.lock:
        now = time.monotonic()
        wait = slot.next_start - now
        slot.next_start = max(now, slot.next_start) + policy.min_delay
    if wait > 0:
        await asyncio.sleep(wait)
