"""Which Prefect API a manual run talks to, and one line when it cannot.

Order of choice, for ``ingest``, ``backfill`` and ``reparse``:

1. ``PREFECT_API_URL`` (environment or Prefect profile): used as it is.
2. A long-lived server on this machine, by default ``http://127.0.0.1:4200/api``
   (what ``prefect server start`` listens on): used when it answers its health
   check within a few seconds. This is the fast path, with no
   server start-up per run. ``PRESSROOM_PREFECT_SERVER`` names another
   address, or ``off`` skips the probe.
3. Prefect's temporary (ephemeral) server, started for this run. Its start-up
   limit, ``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS``, is raised from
   Prefect's 20 s to :data:`EPHEMERAL_STARTUP_TIMEOUT` unless the user set it,
   because a loaded two-core machine needs more than 20 s.

A server that does not start or answer becomes :class:`PrefectUnavailable`
(one line naming the setting), never a traceback. Prefect is imported only
inside :func:`prefect_api`, after the environment is settled.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from pressroom.errors import PrefectUnavailable

STARTUP_VAR = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
EPHEMERAL_STARTUP_TIMEOUT = 180
LOCAL_SERVER_VAR = "PRESSROOM_PREFECT_SERVER"
DEFAULT_LOCAL_SERVER = "http://127.0.0.1:4200/api"
PROBE_TIMEOUT = 10.0  # refused at once when nothing listens; a loaded server is slow


def local_server_url() -> str | None:
    """The long-lived local server's API URL when one answers, else None."""
    url = os.environ.get(LOCAL_SERVER_VAR, DEFAULT_LOCAL_SERVER).strip().rstrip("/")
    if not url or url.lower() == "off":
        return None
    import httpx

    try:
        health = httpx.get(f"{url}/health", timeout=PROBE_TIMEOUT, trust_env=False)
        version = httpx.get(f"{url}/admin/version", timeout=PROBE_TIMEOUT, trust_env=False)
    except httpx.HTTPError:
        return None
    if health.status_code != 200 or version.status_code != 200:
        return None
    from prefect import __version__ as client_version

    # A server of another major version would fail later with a worse message.
    if str(version.json()).split(".")[0] != client_version.split(".")[0]:
        return None
    return url


@contextmanager
def prefect_api() -> Iterator[None]:
    """Settle which API the flows in this block use; translate start-up failures."""
    os.environ.setdefault(STARTUP_VAR, str(EPHEMERAL_STARTUP_TIMEOUT))
    from prefect.settings import PREFECT_API_URL, temporary_settings

    configured = PREFECT_API_URL.value()
    local = None if configured else local_server_url()
    try:
        if local:
            print(f"pressroom: using the Prefect server at {local}", file=sys.stderr)
            with temporary_settings(updates={PREFECT_API_URL: local}):
                yield
        else:
            yield
    except RuntimeError as exc:
        if "ephemeral Prefect API server" not in str(exc):
            raise
        limit = os.environ.get(STARTUP_VAR, "?")
        raise PrefectUnavailable(
            f"Prefect's temporary API server did not start within {limit} s; raise "
            f"{STARTUP_VAR}, start a long-lived server (`prefect server start`), "
            "or run with --no-prefect"
        ) from exc
