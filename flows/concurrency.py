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
    lost host); a run whose renewal fails is stopped rather than risk a twin.
``pressroom-host-<host>`` (limit 1, slot decay ``1 / min_delay``)
    every request to a host, from any worker, first takes a slot of this rate
    limit, so request starts on the host are at least ``min_delay`` apart across
    the cluster (the largest ``min_delay`` of the sources on that host). Cost:
    one API call per request (docs/BENCHMARKS.md, "Cluster politeness").
``pressroom-step-<step>`` (limit 1, leased)
    cross-source steps (the search index, the story rebuild) run one at a time.

Prefect is imported only inside the functions.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import AsyncExitStack, asynccontextmanager, suppress
from dataclasses import dataclass

from flows.config import SourceConfig
from flows.discover import source_hosts
from flows.fetch import HOST_PACER
from pressroom.errors import PrefectUnavailable

LEASE_SECONDS = 60.0  # a dead worker's source is free again after this
STEPS = ("index", "stories")


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


async def ensure_limits(sources: Sequence[SourceConfig]) -> int:
    """Create (or correct) every limit the sources need; return how many there are."""
    wanted: dict[str, float | None] = {source_limit(s.name): None for s in sources}
    wanted.update({host_limit(h): 1.0 / d for h, d in host_delays(sources).items()})
    wanted.update({step_limit(step): None for step in STEPS})
    await _upsert(wanted)
    return len(wanted)


async def _upsert(wanted: dict[str, float | None]) -> None:
    """Limits of one slot each, by name, with their slot decay (None: a plain limit)."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectAlreadyExists

    async with get_client() as client:
        for name, decay in wanted.items():
            # Another worker may create it between our read and our create.
            with suppress(ObjectAlreadyExists):
                await client.upsert_global_concurrency_limit_by_name(name, 1, decay)


@dataclass(frozen=True, slots=True)
class HostPacer:
    """Takes a slot of the host's cluster rate limit before each request on it."""

    delays: dict[str, float]

    async def __call__(self, host: str) -> None:
        if host not in self.delays:
            return  # a host no source names (a redirect target): local spacing only
        from prefect.concurrency.asyncio import rate_limit

        await rate_limit(host_limit(host), strict=True)


async def _try_hold(stack: AsyncExitStack, name: str) -> bool:
    """Hold limit ``name`` for the rest of ``stack``; False when someone holds it."""
    import httpx
    from prefect.concurrency.asyncio import ConcurrencySlotAcquisitionError, concurrency

    try:
        await stack.enter_async_context(concurrency(
            name, max_retries=0, lease_duration=LEASE_SECONDS, strict=True,
            raise_on_lease_renewal_failure=True,
        ))
    except ConcurrencySlotAcquisitionError as exc:
        cause = exc.__cause__
        if isinstance(cause, httpx.HTTPStatusError) and cause.response.status_code == 423:
            return False
        raise PrefectUnavailable(f"cannot take the cluster limit {name}: {exc}") from exc
    return True


@asynccontextmanager
async def clustered(
    every: Sequence[SourceConfig], chosen: Sequence[SourceConfig]
) -> AsyncIterator[tuple[list[SourceConfig], list[str]]]:
    """Hold the cluster limits of ``chosen`` (``every`` is the whole sources file, for
    the host delays) and pace requests cluster-wide inside the block.

    Yields the sources this run owns and the names of those running elsewhere.
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
        token = HOST_PACER.set(HostPacer(host_delays(every)))
        try:
            yield owned, elsewhere
        finally:
            HOST_PACER.reset(token)


@asynccontextmanager
async def cluster_step(step: str) -> AsyncIterator[bool]:
    """Hold the limit of a cross-source step; yields False when it runs elsewhere."""
    await _upsert({step_limit(step): None})
    async with AsyncExitStack() as stack:
        yield await _try_hold(stack, step_limit(step))
