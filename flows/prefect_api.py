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
(one line naming the setting), never a traceback; so do a configured
``PREFECT_API_URL`` that does not answer (a stopped ``serve``) and a Prefect
setting Prefect cannot read (``..._TIMEOUT_SECONDS=0.5``). Prefect is imported only
inside :func:`prefect_api`, after the environment is settled.

The temporary server is a child process that Prefect stops when the run ends
normally; a run killed outright (SIGKILL, OOM) cannot, so
:func:`tie_temporary_server` starts it before the flow, with a small watcher
process (Linux pidfds) that stops it when this process dies.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from pressroom.errors import PrefectUnavailable

STARTUP_VAR = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
EPHEMERAL_STARTUP_TIMEOUT = 180
LOCAL_SERVER_VAR = "PRESSROOM_PREFECT_SERVER"
DEFAULT_LOCAL_SERVER = "http://127.0.0.1:4200/api"
PROBE_TIMEOUT = 10.0  # refused at once when nothing listens; a loaded server is slow
# Run by the watcher: wait for the ingest (argv 1) to end, then stop the server (argv 2).
_WATCHER = """
import os, select, signal, sys
try:
    parent, child = os.pidfd_open(int(sys.argv[1])), os.pidfd_open(int(sys.argv[2]))
except OSError:
    sys.exit(0)
select.select([parent], [], [])
try:
    signal.pidfd_send_signal(child, signal.SIGTERM)
    if not select.select([child], [], [], 10)[0]:
        signal.pidfd_send_signal(child, signal.SIGKILL)
except ProcessLookupError:
    pass
"""


def _stop_with_us(pid: int) -> None:
    """Start a watcher that stops process ``pid`` once this process has ended (Linux)."""
    if not hasattr(os, "pidfd_open"):
        return
    subprocess.Popen(  # our own interpreter and code, no shell
        [sys.executable, "-c", _WATCHER, str(os.getpid()), str(pid)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # a Ctrl-C meant for the run does not stop the watcher first
    )


def tie_temporary_server() -> None:
    """Inside :func:`prefect_api`, before a flow: when the run will use Prefect's
    temporary server, start it now, as Prefect's client would, tied to this process."""
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():
        return  # a configured or long-lived server: not ours to stop
    server = SubprocessASGIServer()  # one per process: the flow's client reuses it
    launch = server._run_uvicorn_command

    def launch_without_ctrl_c() -> subprocess.Popen[Any]:
        # A terminal's Ctrl-C reaches the whole process group: the server must live
        # on to record the interrupted run (it died first, and the run hung a minute
        # or more reporting to it, then ended in tracebacks and exit 1). The child
        # keeps the blocked mask; Prefect and our watcher stop it with SIGTERM.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            return launch()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    server._run_uvicorn_command = launch_without_ctrl_c  # type: ignore[method-assign]
    server.start()
    if server.server_process is not None:
        _stop_with_us(server.server_process.pid)


def check_api(url: str) -> str:
    """``url`` (an API URL) when its server answers its health check, else one line."""
    import httpx

    url = url.rstrip("/")
    try:
        status = httpx.get(f"{url}/health", timeout=PROBE_TIMEOUT, trust_env=False).status_code
    except httpx.HTTPError as exc:
        raise PrefectUnavailable(
            f"no Prefect server answers at {url} ({type(exc).__name__}); start it, or unset "
            "PREFECT_API_URL (environment or `prefect config unset PREFECT_API_URL`)") from exc
    if status == 200:
        return url
    # The common slip: the server's address (what the UI shows) without /api.
    if not url.endswith("/api") and _answers(f"{url}/api/health"):
        raise PrefectUnavailable(f"PREFECT_API_URL {url} is a Prefect server's address, not "
                                 f"its API: set it to {url}/api")
    raise PrefectUnavailable(f"PREFECT_API_URL {url} is no Prefect API (HTTP {status} from "
                             f"{url}/health)")


def _answers(health_url: str) -> bool:
    import httpx

    try:
        return httpx.get(health_url, timeout=PROBE_TIMEOUT, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def configured_api_url() -> str:
    """``PREFECT_API_URL`` from the environment or profile ('' when unset), with a
    setting Prefect cannot read as one line instead of pydantic's traceback."""
    from pydantic import ValidationError

    try:
        from prefect.settings import PREFECT_API_URL

        return str(PREFECT_API_URL.value() or "")
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PrefectUnavailable(
            f"a Prefect setting is invalid ({exc.title} {where} = {first.get('input')!r}: "
            f"{first['msg']}); check the PREFECT_* environment variables and "
            "`prefect config view`") from exc


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


def sent_by_prefect(exc: BaseException) -> bool:
    """``exc`` came from a request of Prefect's own client (to its API), not ours."""
    client = os.sep + os.path.join("prefect", "client") + os.sep
    return any(client in frame.filename for frame in traceback.extract_tb(exc.__traceback__))


@contextmanager
def prefect_api() -> Iterator[None]:
    """Settle which API the flows in this block use; translate start-up failures."""
    os.environ.setdefault(STARTUP_VAR, str(EPHEMERAL_STARTUP_TIMEOUT))
    # Off unless the user turns it on, as `serve` does: with no network the
    # temporary server's telemetry printed an ERROR line on every run.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    configured = configured_api_url()
    if configured:
        check_api(configured)
    from prefect.settings import PREFECT_API_URL, temporary_settings

    local = None if configured else local_server_url()
    try:
        if local:
            print(f"pressroom: using the Prefect server at {local}", file=sys.stderr)
            with temporary_settings(updates={PREFECT_API_URL: local}):
                yield
        else:
            yield
    except httpx.TransportError as exc:  # it went away mid-run (review k37)
        if not sent_by_prefect(exc):
            raise
        raise PrefectUnavailable(
            f"the Prefect API stopped answering during the run ({type(exc).__name__}: {exc}); "
            "what it stored is kept: pressroom status shows it"
        ) from exc
    except RuntimeError as exc:
        if "Failed to reach API" in str(exc):  # it answered the probe, then went away
            raise PrefectUnavailable(f"the Prefect API stopped answering: {exc}") from exc
        if "ephemeral Prefect API server" not in str(exc):
            raise
        from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

        # The limit Prefect applied: its settings are read when it is first imported,
        # so the environment may say otherwise if that happened before this block.
        limit = PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
        raise PrefectUnavailable(
            f"Prefect's temporary API server did not start within {limit} s; raise "
            f"{STARTUP_VAR}, start a long-lived server (`prefect server start`), "
            "or run with --no-prefect"
        ) from exc
