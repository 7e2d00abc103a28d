"""What a source asks of the fetcher: its limits and manners, and which hosts a run's
client may reach on private addresses."""

from __future__ import annotations

from collections.abc import Iterable

from flows.config import SourceConfig
from flows.discovery_records import source_hosts
from flows.http_records import FetchPolicy


def fetch_policy(source: SourceConfig, secrets: tuple[tuple[str, str], ...] = ()) -> FetchPolicy:
    """The fetch limits and manners a source asks for."""
    return FetchPolicy(
        timeout=source.timeout,
        max_bytes=source.max_bytes,
        min_delay=source.min_delay,
        concurrency=source.concurrency,
        user_agent=source.user_agent,
        allowed_hosts=source_hosts(source),  # redirects may not leave the source's hosts
        respect_robots=source.respect_robots,
        headers=secrets,
        # Per source, not per run: another source opting in for the same host
        # gives this one nothing (see flows/netguard.py).
        private_hosts=source_hosts(source) if source.allow_private_network else frozenset(),
    )


def private_hosts(sources: Iterable[SourceConfig]) -> frozenset[str]:
    """Hosts whose sources allow private addresses (e.g. test sites on loopback).

    The ceiling of the run's client; each request is further limited to its own
    source's hosts, and to none when its source did not opt in (see
    :func:`fetch_policy`).
    """
    return frozenset().union(*(source_hosts(s) for s in sources if s.allow_private_network))
