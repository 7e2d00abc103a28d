"""Per-run resources: the shared HTTP client, secrets from the environment, ids."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

import httpx

from flows.config import SourceConfig
from flows.netguard import GuardedTransport
from flows.redact import MIN_SECRET, too_short
from pressroom.errors import ConfigError


def new_run_id(now: datetime | None = None) -> str:
    """A sortable, unique run id such as ``20261127T231500Z-1a2b3c``."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{uuid.uuid4().hex[:6]}"


def make_client(private_hosts: frozenset[str], *, max_connections: int = 100) -> httpx.AsyncClient:
    """The one ``httpx.AsyncClient`` of a run (redirects are followed by the fetcher)."""
    return httpx.AsyncClient(
        transport=GuardedTransport(private_hosts, max_connections=max_connections),
        follow_redirects=False,
        timeout=httpx.Timeout(30.0),
        trust_env=False,
    )


def resolve_secrets(source: SourceConfig, *, unset_ok: bool = False,
                    ) -> tuple[tuple[str, str], ...]:
    """Header values from the environment; a missing variable is a config error (left
    out when ``unset_ok``: a worker host may hold what this one does not)."""
    values = []
    for header, var in source.headers:
        value = os.environ.get(var)
        if value is None and unset_ok:
            continue
        if value is None:
            raise ConfigError(f"source {source.name}: environment variable {var} is not set")
        if any((ord(c) < 32 and c != "\t") or ord(c) == 127 for c in value):
            # CR/LF would split the request into headers of the server's choosing.
            raise ConfigError(f"source {source.name}: environment variable {var} (header "
                              f"{header}) contains control characters such as CR or LF")
        if not value.isascii():  # sent as ASCII: anything else failed at the first request
            raise ConfigError(f"source {source.name}: environment variable {var} (header "
                              f"{header}) must be ASCII")
        if too_short(value):  # masked in all we store, it would mask ordinary text (q54)
            raise ConfigError(f"source {source.name}: environment variable {var} (header "
                              f"{header}) is too short to be masked in what Pressroom stores: "
                              f"a secret (or the token after 'Bearer ') needs {MIN_SECRET} "
                              "characters or more")
        values.append((header, value))
    return tuple(values)


def check_secrets(sources: Iterable[SourceConfig], *, unset_ok: bool = False) -> None:
    """Every enabled source's header values checked as its runs will read them, before
    ``serve`` or ``deploy`` change the server (u55: a value too short to mask, or with
    CR/LF, failed each run of the source, while ``ingest`` and ``sources check`` refused
    it at once). ``serve``'s runs read its own environment, so an unset variable is
    refused too; ``deploy``'s read the workers', so only a value set here is checked."""
    for source in sources:
        if source.enabled:
            resolve_secrets(source, unset_ok=unset_ok)
