"""Cluster-wide coordination of runs through Prefect global concurrency limits.

On one host, ``flows.locks`` (``flock``) keeps a source from running twice and
the fetcher spaces requests per host. With workers on several hosts
(``pressroom deploy`` + ``pressroom worker``), those only see their own host,
so runs started with ``cluster=True`` also take limits held by the Prefect
server, which every worker shares:

``pressroom-source-<name>`` (limit 1, leased)
    a source runs in one place at a time. A run that finds it taken skips the
    source and says so, as with the local lock. The lease is renewed while the
    run lives and expires :data:`LEASE_SECONDS` after a worker dies (SIGKILL,
    lost host); a run whose renewal fails is stopped rather than risk a twin. A slot
    whose lease the server lost (restarted, its leases in memory) is given back by the
    next run once the holder's flow run has ended (:mod:`flows.lost_leases`, o58).
``pressroom-host-<host>`` (limit 1, leased per request)
    every request to a host, from any worker, first takes this slot and gives
    it back ``min_delay`` after the request started (:class:`HostPacer`), so
    request starts on the host are at least ``min_delay`` apart across the
    cluster (the largest ``min_delay`` of the sources on that host). Cost: two
    API calls per request (docs/BENCHMARKS.md, "Cluster politeness"). A slot
    full and not written for longer than any lease holds it
    (:data:`HOST_STUCK_SECONDS`) is one whose lease the server lost (restarted,
    its leases in memory): given back by a decrement, said in one line (h58).
``pressroom-step-<step>`` (limit 1, leased)
    cross-source steps (the search index, the story rebuild) run one at a time.

Prefect is imported only inside the functions.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager, suppress
from typing import Any

from flows.config import SourceConfig
from flows.discovery_records import source_hosts
from flows.lost_leases import free_if_lost, record_holder
from pressroom.errors import PrefectUnavailable

LEASE_SECONDS = 60.0  # a dead worker's source is free again after this
HOST_LEASE_SECONDS = 60.0  # the shortest lease Prefect grants
RETRY_FLOOR = 0.05  # seconds between looks at a taken host slot, at least
# Prefect's repossessor looks for lapsed leases this often (its default, 15 s) and
# frees them; plus a margin for a loaded server.
REPOSSESSOR_SECONDS = 15.0 + 15.0
# A full host slot not written (taken, given back) for this long holds no live lease:
# one lapses HOST_LEASE_SECONDS after its take (never renewed) and is freed.
HOST_STUCK_SECONDS = HOST_LEASE_SECONDS + REPOSSESSOR_SECONDS
STEPS = ("index", "stories")


def lease_held(name: str) -> str:
    """Why a run skips ``name`` (a source, or a cross-source step said in words) whose
    cluster lease it found taken. Whose run holds it is not known here: one running now,
    or one that ended without giving it back (a killed worker, a give-back the server did
    not answer), whose lease lapses."""
    return (f"the cluster lease of {name} is held by another run (one running now, or one "
            f"that ended without giving it back: that lease lapses within "
            f"{LEASE_SECONDS:.0f} s)")


def source_limit(name: str) -> str:
    """The global limit that one run of source ``name`` holds."""
    return f"pressroom-source-{name}"


def host_limit(host: str) -> str:
    """The rate limit every request to ``host`` takes a slot of."""
    return f"pressroom-host-{host}"


def step_limit(step: str) -> str:
    """The global limit of a cross-source step (``index``, ``stories``)."""
    return f"pressroom-step-{step}"


def host_delays(sources: Iterable[SourceConfig]) -> dict[str, float]:
    """Seconds between request starts per host: the largest ``min_delay`` on it."""
    delays: dict[str, float] = {}
    for source in sources:
        if not source.enabled or source.min_delay <= 0:
            continue
        for host in source_hosts(source):
            delays[host] = max(delays.get(host, 0.0), source.min_delay)
    return delays


def wanted_limits(sources: Sequence[SourceConfig]) -> tuple[str, ...]:
    """The limits ``sources`` need: one per source (disabled ones too), one per host
    of an enabled source with ``min_delay`` > 0, one per cross-source step."""
    plain = [source_limit(s.name) for s in sources] + [host_limit(h) for h in host_delays(sources)]
    return tuple(dict.fromkeys(plain + [step_limit(step) for step in STEPS]))


async def ensure_limits(sources: Sequence[SourceConfig]) -> tuple[str, ...]:
    """Create (or correct) every limit the sources need; return their names."""
    wanted = wanted_limits(sources)
    await _upsert(dict.fromkeys(wanted, 0.0))
    return wanted


async def _upsert(wanted: dict[str, float]) -> None:
    """Limits of one slot each, by name, with their slot decay (0: a plain limit)."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectAlreadyExists

    async with get_client() as client:
        for name, decay in wanted.items():
            # Another worker may create it between our read and our create.
            with suppress(ObjectAlreadyExists):
                await client.upsert_global_concurrency_limit_by_name(name, 1, decay)


class HostPacer:
    """Cluster-wide spacing of request starts on a host.

    Before each request on a host it takes the host's one-slot limit with a lease
    (one API call), and gives it back ``min_delay`` seconds later (a second call,
    in the background): the next request on that host, from any worker, starts
    only after the release, so at least ``min_delay`` after this one started.
    The slot is taken right before the request is sent; a rate limit (a slot that
    decays) would let the time between the grant and the send, which a loaded
    host stretches, eat into the delay. A worker that dies holding the slot
    blocks the host until its lease expires (:data:`HOST_LEASE_SECONDS`); a
    server restarted holding it (its leases in memory, lost) until a waiting
    request finds the slot full and unwritten for :data:`HOST_STUCK_SECONDS`
    and gives it back (h58; before, every request waited for good).
    """

    def __init__(self, delays: dict[str, float], client: Any) -> None:
        self.delays = delays
        self.stuck_after = HOST_STUCK_SECONDS  # a full slot unwritten this long: lost
        self._client = client
        self._releases: set[asyncio.Task[None]] = set()
        self._giving_back = asyncio.Lock()

    async def __call__(self, host: str) -> None:
        delay = self.delays.get(host)
        if delay is None:
            return  # a host no source names (a redirect target): local spacing only
        import httpx

        try:
            lease = await self._take(host_limit(host), delay)
        except httpx.HTTPError as exc:  # Prefect's client errors are httpx's
            raise PrefectUnavailable(
                f"cannot take the cluster slot of host {host}: {type(exc).__name__}: {exc}"
            ) from exc
        task = asyncio.create_task(self._release(lease, delay))
        self._releases.add(task)
        task.add_done_callback(self._releases.discard)

    async def _take(self, name: str, delay: float) -> str:
        import httpx

        refused_since: float | None = None  # this take's first refusal
        seen: tuple[float, Any] | None = None  # when the full limit's `updated` was read
        while True:
            try:
                response = await self._client.increment_concurrency_slots_with_lease(
                    names=[name], slots=1, mode="concurrency",
                    lease_duration=HOST_LEASE_SECONDS)
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code != 423:
                    raise
                now = time.monotonic()
                refused_since = now if refused_since is None else refused_since
                # Longer than a holder's turn (`delay`): watch whether anyone writes the
                # limit (a refusal does not: Prefect rolls it back). Nobody for
                # `stuck_after`: a lease the server lost holds it.
                if seen is None and now - refused_since >= delay + 1.0:
                    seen = (now, (await self._limit(name)).updated)
                elif seen is not None and now - seen[0] >= self.stuck_after:
                    seen = await self._give_back_lost(name, seen)
                    if seen is None:
                        continue
                # The holder frees it within `delay`; look again a few times meanwhile.
                await asyncio.sleep(max(delay / 4, RETRY_FLOOR))
                continue
            return str(response.json()["lease_id"])

    async def _limit(self, name: str) -> Any:
        return await self._client.read_global_concurrency_limit_by_name(name)

    async def _give_back_lost(self, name: str,
                              seen: tuple[float, Any]) -> tuple[float, Any] | None:
        """Give back ``name``'s slot when it is full and its limit not written since
        ``seen`` (when, its ``updated``), :attr:`stuck_after` ago: its lease is one the
        server lost (h58). None once given back; else what to watch from now."""
        async with self._giving_back:  # two requests of this run: one gives it back
            current = await self._limit(name)
            now = time.monotonic()
            if current.updated != seen[1] or current.active_slots < current.limit:
                return now, current.updated  # written since: a live holder, or free
            # Prefect refuses an occupancy of 0 (422); the slot's at least the watch's.
            await self._client.release_concurrency_slots(
                names=[name], slots=1, occupancy_seconds=max(now - seen[0], 1.0))
        _say(f"{name}: its slot was full and untouched for {now - seen[0]:.0f} s, longer "
             f"than any lease holds it ({HOST_LEASE_SECONDS:.0f} s, never renewed): held "
             "by a lease the Prefect server no longer knows (restarted, its leases kept "
             "in memory); given back")
        return None

    async def _release(self, lease: str, delay: float) -> None:
        from uuid import UUID

        await asyncio.sleep(delay)
        await self._client.release_concurrency_slots_with_lease(lease_id=UUID(lease))

    async def drain(self) -> None:
        """Give back the slots still held (at the end of a run)."""
        await asyncio.gather(*self._releases, return_exceptions=True)


async def _try_hold(stack: AsyncExitStack, name: str) -> bool:
    """Hold limit ``name`` for the rest of ``stack``; False when someone holds it."""
    import httpx
    from prefect.client.orchestration import get_client
    from prefect.concurrency.asyncio import ConcurrencySlotAcquisitionError, concurrency

    # Look first: Prefect logs an ERROR for every refused acquisition, and a taken
    # source is the everyday case of overlapping triggers, not an error.
    try:
        async with get_client() as client:
            current = await client.read_global_concurrency_limit_by_name(name)
            if current.active_slots >= current.limit:
                # Held, unless by a lease the server lost in a restart (o58).
                freed = await free_if_lost(client, name, current)
                if freed is None:
                    return False
                if freed:
                    _say(freed)
    except httpx.HTTPError as exc:
        raise PrefectUnavailable(f"cannot read the cluster limit {name}: {exc}") from exc
    mine: set[Any] = set()
    try:
        await stack.enter_async_context(_held(concurrency(
            name, max_retries=0, lease_duration=LEASE_SECONDS, strict=True,
            raise_on_lease_renewal_failure=True,
        ), name, mine))
    except ConcurrencySlotAcquisitionError as exc:
        cause = exc.__cause__
        if isinstance(cause, httpx.HTTPStatusError) and cause.response.status_code == 423:
            return False
        raise PrefectUnavailable(f"cannot take the cluster limit {name}: {exc}") from exc
    async with get_client() as client:  # for a later run, should the server lose it
        await record_holder(client, name, mine)
    return True


@asynccontextmanager
async def _held(lease: AbstractAsyncContextManager[None], name: str,
                mine: set[Any]) -> AsyncIterator[None]:
    """Hold ``lease`` (Prefect's ``concurrency`` of limit ``name``) for the block;
    ``mine`` is filled with its lease id once taken (in a flow run).

    A block that ended as it should is not failed because the server did not answer the
    give-back (k56b: a run through a long outage stored its articles, then ended
    Crashed, exit 1): that is said in one line, and the lease lapses by itself within
    :data:`LEASE_SECONDS`. Prefect's own retry of it at the flow run's end (its
    ``ConcurrencyContext``, minutes of retries and a traceback) is dropped too.
    """
    import httpx
    from prefect.concurrency.context import ConcurrencyContext

    context = ConcurrencyContext.get()
    before = set(context.cleanup_lease_ids) if context is not None else set()
    done = False  # `mine`: this lease's ids on that cleanup list, not another's
    try:
        async with lease:
            if context is not None:
                mine.update(set(context.cleanup_lease_ids) - before)
            yield
            done = True
    except httpx.HTTPError as exc:  # Prefect's client errors are httpx's
        if not done:
            raise
        if context is not None:
            context.cleanup_lease_ids[:] = [
                lease_id for lease_id in context.cleanup_lease_ids if lease_id not in mine]
        answer = (f"answered the give-back of this run's cluster lease with "
                  f"{exc.response.status_code}" if isinstance(exc, httpx.HTTPStatusError)
                  else f"did not answer the give-back of this run's cluster lease "
                       f"({type(exc).__name__})")
        _say(f"{name}: the Prefect server {answer}; the lease lapses within "
             f"{LEASE_SECONDS:.0f} s")


def _say(line: str) -> None:
    """One warning line: in the flow run's log when in one, else on stderr."""
    import logging

    from prefect.exceptions import MissingContextError
    from prefect.logging import get_run_logger

    try:
        logger: Any = get_run_logger()
    except MissingContextError:
        logger = logging.getLogger("pressroom.cluster")
    logger.warning("%s", line)


@asynccontextmanager
async def clustered(
    every: Sequence[SourceConfig], chosen: Sequence[SourceConfig]
) -> AsyncIterator[tuple[list[SourceConfig], list[str], HostPacer]]:
    """Hold the cluster limits of ``chosen`` (``every`` is the whole sources file, for
    the host delays) for the block.

    Yields the sources this run owns, the names of those running elsewhere, and the
    pacer the block's fetcher must await before each request (cluster-wide spacing).
    """
    await ensure_limits(every)
    async with AsyncExitStack() as stack:
        owned: list[SourceConfig] = []
        elsewhere: list[str] = []
        for source in chosen:
            if await _try_hold(stack, source_limit(source.name)):
                owned.append(source)
            else:
                elsewhere.append(source.name)
        from prefect.client.orchestration import get_client

        client = await stack.enter_async_context(get_client())
        pacer = HostPacer(host_delays(every), client)
        try:
            yield owned, elsewhere, pacer
        finally:
            await pacer.drain()


@asynccontextmanager
async def cluster_step(step: str) -> AsyncIterator[bool]:
    """Hold the limit of a cross-source step; yields False when it runs elsewhere."""
    await _upsert({step_limit(step): 0.0})
    async with AsyncExitStack() as stack:
        yield await _try_hold(stack, step_limit(step))
