"""``pressroom worker --pool NAME``: run the pool's flow runs on this host.

A Prefect process worker: it polls the server at ``PREFECT_API_URL`` for runs
of the pool's deployments (``pressroom deploy``) and starts each in a child
process. Any number of hosts may run one; the cluster limits
(:mod:`flows.concurrency`) keep them from running one source twice or
crowding one site.

Stops cleanly on Ctrl-C and SIGTERM (g55): it takes no new run, passes the signal on to
the runs it started, waits up to ``--drain`` seconds (``DRAIN_SECONDS``, 60, unless
given: w58) for them to end as an interrupted ``ingest`` ends (their rows closed as
interrupted, their cluster lease given back, the Prefect flow run ``Crashed``), then
exits. Before, the worker's loop was torn down at once and Prefect killed each run's
process (SIGKILL): a crash, its flow run left ``Running``, its rows ``running`` and its
source's lease held until they lapsed. A second signal stops waiting.

A run still alive when the wait ends (deaf to SIGTERM: frozen, or stuck where the signal
is not acted on) is killed (SIGKILL, its process group with it) and named in one line,
exit 1 (w56). Before, the worker said it was 'still ending' and exited 0, while Prefect's
teardown killed it all the same, unsaid. A killed run's rows are closed as crashed (with
its pid) by the next run on the warehouse; its flow run ends ``Crashed``.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

from flows.deploy import api_url, read_pool
from flows.prefect_outage import bear_outages
from flows.serve_guard import serve_for_none
from pressroom.errors import ConfigError
from pressroom.interrupts import stop_on_interrupts

# For the runs to end after the signal (systemd kills at 90 s); `worker --drain` sets it
# to fit the service manager's stop timeout (w58: a Docker grace of 30 s killed the worker
# mid-drain). The worker may take up to REAP_SECONDS more, and its teardown a second or so.
DRAIN_SECONDS = 60.0
# For a poll under way at the signal to start what it claimed (k55b); a poll that hangs
# (the server gone) does not hold the stop longer.
SUBMIT_SECONDS = 10.0
REAP_SECONDS = 10.0  # for Prefect to report the runs that ended or were killed (w56)


def worker(pool: str, *, name: str | None = None, limit: int | None = None,
           drain: float = DRAIN_SECONDS) -> int:
    """Check the server and the pool, then work until stopped; once stopped, wait up to
    ``drain`` seconds for the runs to end."""
    serve_for_none()  # a serve's mark left in its shell: not handed to its runs (v55)
    url = api_url()
    if asyncio.run(read_pool(pool)) is None:
        raise ConfigError(f"unknown work pool {pool!r} at {url}; "
                          f"create it with `pressroom deploy --pool {pool}`")
    stop_on_interrupts()  # until the loop takes the signals over (g55)
    bear_outages("the worker", "working")  # a restart of the Prefect server (w56)
    print(f"pressroom: worker polling pool {pool!r} at {url}", file=sys.stderr, flush=True)
    try:
        killed = asyncio.run(_work(pool, name, limit, drain))
    except KeyboardInterrupt:
        killed = None
    except Exception as exc:
        if _pool_gone(exc, pool):  # the server back on another database (k56b)
            raise ConfigError(f"work pool {pool!r} is gone from the Prefect server at "
                              f"{url} (restarted on another database?); deploy again "
                              f"with `pressroom deploy --pool {pool}`") from None
        raise
    finally:
        stop_on_interrupts()
    if killed is None or not killed.runs:
        print("pressroom: worker stopped", file=sys.stderr)
        return 0
    print(f"pressroom: worker stopped; killed {len(killed.runs)} run(s) not ended "
          f"{killed.when}: {', '.join(killed.runs)}; the next run on their warehouse "
          "closes their rows as crashed", file=sys.stderr)
    return 1


async def _work(pool: str, name: str | None, limit: int | None, drain: float) -> Killed:
    """Work until a signal; then the runs killed at the drain's end."""
    from prefect.workers.process import ProcessWorker

    loop = asyncio.get_running_loop()
    signals = _Signals()
    # start() enters and leaves the worker itself, in its own task (anyio's task groups
    # must be left in the task that entered them).
    process_worker = ProcessWorker(work_pool_name=pool, name=name, limit=limit,
                                   create_pool_if_not_found=False)
    submit: Callable[[], Awaitable[Any]] = process_worker.get_and_submit_flow_runs

    async def submit_unless_stopping() -> Any:
        if signals.stopping.is_set():
            return []
        signals.submitting += 1  # k55b: a run claimed now may start after the signal
        try:
            return await submit()
        finally:
            signals.submitting -= 1

    # Read by start() for its polling loop: once stopping, no new run is taken.
    setattr(process_worker, "get_and_submit_flow_runs", submit_unless_stopping)  # noqa: B010
    polling = asyncio.ensure_future(process_worker.start())
    for signum in (signal.SIGINT, signal.SIGTERM):
        # A loop callback: nothing raised, so no garbage collection can drop it.
        loop.add_signal_handler(signum, signals.arrived)
    try:
        stopped = asyncio.ensure_future(signals.stopping.wait())
        await asyncio.wait([polling, stopped], return_when=asyncio.FIRST_COMPLETED)
        if polling.done():
            stopped.cancel()
            polling.result()
            return Killed("", [])
        left = await _drain(signals, drain)
        # Killed while the worker still watches its runs: Prefect sees each one's end
        # and reports its flow run Crashed (once cancelled, it killed them unsaid).
        killed = Killed("at a second signal" if signals.again.is_set()
                        else f"{drain:g} s after the signal",
                        _kill(left, signals.runs))
        # Also the runs that ended: the drain is over once their processes have, before
        # Prefect has reported their flow runs (g55's test, under load: left Running).
        with suppress(Exception):  # the server away: they stay Running, as before
            await asyncio.wait_for(_reported([r for r in signals.runs.values() if r]),
                                   REAP_SECONDS)
        polling.cancel()
        with suppress(asyncio.CancelledError):
            await polling
        return killed
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        stop_on_interrupts()


def _pool_gone(exc: BaseException, pool: str) -> bool:
    """Whether ``exc`` (Prefect's worker loops end in an exception group) holds the
    server's 404 for ``pool``: its heartbeat to a server that lost the pool (k56b).
    Before, the worker ended in a traceback of some 60 lines."""
    import httpx

    if isinstance(exc, BaseExceptionGroup):
        return any(_pool_gone(inner, pool) for inner in exc.exceptions)
    return (isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code == 404
            and exc.request.url.path.endswith(f"/work_pools/{pool}/workers/heartbeat"))


class _Signals:
    """Ctrl-C and SIGTERM as they reach the worker's loop: the first stops it, a second
    stops the wait for its runs."""

    def __init__(self) -> None:
        self.stopping = asyncio.Event()
        self.again = asyncio.Event()
        self.submitting = 0  # the poll's submissions under way (their runs may start yet)
        self.runs: dict[int, str | None] = {}  # each run told to stop: its flow run's id

    def arrived(self) -> None:
        (self.again if self.stopping.is_set() else self.stopping).set()


async def _drain(signals: _Signals, seconds: float = DRAIN_SECONDS) -> list[int]:
    """SIGTERM to each run's process; wait until they end, ``seconds`` or another signal;
    return those still alive. A run whose process starts meanwhile (claimed by a
    poll under way when the signal came, k55b: it got no SIGTERM, and the poll's
    cancellation after the drain killed it) is told and waited for too."""
    told: set[int] = set()
    deadline = time.monotonic() + seconds
    submitted_by = time.monotonic() + SUBMIT_SECONDS
    scanning = True
    while True:
        if scanning:  # at the start, while a poll is under way, and once after it ended:
            # not later, when Prefect's runner starts its on_crashed hooks' process for a
            # run that ended (told SIGTERM, it failed with a traceback in the output)
            for pid in set(_children()) - told:
                told.add(pid)
                signals.runs[pid] = _flow_run_of(pid)  # unreadable once it has ended
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
        polling = signals.submitting > 0 and time.monotonic() < submitted_by
        scanning = polling
        alive = sorted(pid for pid in told if _alive(pid))
        if not (alive or polling) or time.monotonic() >= deadline:
            return alive
        with suppress(TimeoutError):
            await asyncio.wait_for(signals.again.wait(), 0.2)
        if signals.again.is_set():
            return sorted(pid for pid in told if _alive(pid))


class Killed(NamedTuple):
    """The runs the worker killed at the end of its drain, and when."""

    when: str  # "60 s after the signal", "at a second signal"
    runs: list[str]  # "flow run ID (pid N)"


def _kill(pids: list[int], runs: dict[int, str | None]) -> list[str]:
    """SIGKILL to each run's process (to its process group when it leads one: Prefect
    starts runs in sessions of their own, and a run's parsers are its children), while
    the worker still watches it: Prefect reports its flow run ``Crashed``. Returns each as
    'flow run ID (pid N)' (``runs``: the flow run of each pid)."""
    for logger in ("prefect.runner.flow_run_executor", "prefect.runner.state_proposer"):
        # Prefect's lines on each take the kill for the kernel's (out of memory)
        logging.getLogger(logger).addFilter(_not_our_kills)
    named = []
    for pid in pids:
        run = runs.get(pid)
        named.append(f"flow run {run} (pid {pid})" if run else f"pid {pid}")
        with suppress(ProcessLookupError):
            if os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
    return named


async def _reported(runs: list[str]) -> None:
    """Until Prefect (the worker's watch of each run's process) has reported each of the
    flow runs ended (``Crashed``): the worker's teardown would cut that short."""
    from uuid import UUID

    from prefect.client.orchestration import get_client

    async with get_client() as client:
        for run in runs:
            while True:
                state = (await client.read_flow_run(UUID(run))).state
                if state is None or state.is_final():
                    break
                await asyncio.sleep(0.2)


def _not_our_kills(record: logging.LogRecord) -> bool:
    """Prefect's lines on a run's SIGKILL ('Process exited with status code: -9 ...
    Typically caused by the operating system terminating the process for exceeding memory
    limits', 'Check whether the flow run exceeded its memory allocation', 'Reported flow run
    ... as crashed: ' the same): not once the worker killed its runs, and says so."""
    said = record.getMessage()
    return not ("Process exited with status code: -9" in said
                or said.startswith("Check whether the flow run exceeded its memory"))


def _flow_run_of(pid: int) -> str | None:
    """The id of the flow run process ``pid`` runs (Prefect puts it in its environment)."""
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return None
    for entry in environ:
        if entry.startswith(b"PREFECT__FLOW_RUN_ID="):
            return entry.split(b"=", 1)[1].decode(errors="replace")
    return None


def _children() -> list[int]:
    """This process's child processes (the runs it started), from /proc."""
    me, found = os.getpid(), []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _parent(entry) == me:
            found.append(int(entry.name))
    return found


def _parent(entry: Path) -> int | None:
    try:
        return int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
