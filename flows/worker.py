"""``pressroom worker --pool NAME``: run the pool's flow runs on this host.

A Prefect process worker: it polls the server at ``PREFECT_API_URL`` for runs
of the pool's deployments (``pressroom deploy``) and starts each in a child
process. Any number of hosts may run one; the cluster limits
(:mod:`flows.concurrency`) keep them from running one source twice or
crowding one site.

Stops cleanly on Ctrl-C and SIGTERM (g55): it takes no new run, passes the signal on to
the runs it started, waits up to ``DRAIN_SECONDS`` for them to end as an interrupted
``ingest`` ends (their rows closed as interrupted, their cluster lease given back, the
Prefect flow run ``Crashed``), then exits. Before, the worker's loop was torn down at
once and Prefect killed each run's process (SIGKILL): a crash, its flow run left
``Running``, its rows ``running`` and its source's lease held until they lapsed. A
second signal stops waiting.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from flows.deploy import api_url, read_pool
from flows.prefect_outage import bear_outages
from flows.serve_guard import serve_for_none
from pressroom.errors import ConfigError
from pressroom.interrupts import stop_on_interrupts

DRAIN_SECONDS = 60.0  # for the runs to end after the signal (systemd kills at 90 s)
# For a poll under way at the signal to start what it claimed (k55b); a poll that hangs
# (the server gone) does not hold the stop longer.
SUBMIT_SECONDS = 10.0


def worker(pool: str, *, name: str | None = None, limit: int | None = None) -> int:
    """Check the server and the pool, then work until stopped."""
    serve_for_none()  # a serve's mark left in its shell: not handed to its runs (v55)
    url = api_url()
    if asyncio.run(read_pool(pool)) is None:
        raise ConfigError(f"unknown work pool {pool!r} at {url}; "
                          f"create it with `pressroom deploy --pool {pool}`")
    stop_on_interrupts()  # until the loop takes the signals over (g55)
    bear_outages("the worker", "working")  # a restart of the Prefect server (w56)
    print(f"pressroom: worker polling pool {pool!r} at {url}", file=sys.stderr, flush=True)
    try:
        left = asyncio.run(_work(pool, name, limit))
    except KeyboardInterrupt:
        left = []
    finally:
        stop_on_interrupts()
    if left:
        print(f"pressroom: worker stopped; {len(left)} run(s) still ending after "
              f"{DRAIN_SECONDS:.0f} s (pid {', '.join(map(str, left))})", file=sys.stderr)
    else:
        print("pressroom: worker stopped", file=sys.stderr)
    return 0


async def _work(pool: str, name: str | None, limit: int | None) -> list[int]:
    """Work until a signal; then the runs' processes still alive after the drain."""
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
            return []
        left = await _drain(signals)
        polling.cancel()
        with suppress(asyncio.CancelledError):
            await polling
        return left
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        stop_on_interrupts()


class _Signals:
    """Ctrl-C and SIGTERM as they reach the worker's loop: the first stops it, a second
    stops the wait for its runs."""

    def __init__(self) -> None:
        self.stopping = asyncio.Event()
        self.again = asyncio.Event()
        self.submitting = 0  # the poll's submissions under way (their runs may start yet)

    def arrived(self) -> None:
        (self.again if self.stopping.is_set() else self.stopping).set()


async def _drain(signals: _Signals) -> list[int]:
    """SIGTERM to each run's process; wait until they end, ``DRAIN_SECONDS`` or another
    signal; return those still alive. A run whose process starts meanwhile (claimed by a
    poll under way when the signal came, k55b: it got no SIGTERM, and the poll's
    cancellation after the drain killed it) is told and waited for too."""
    told: set[int] = set()
    deadline = time.monotonic() + DRAIN_SECONDS
    submitted_by = time.monotonic() + SUBMIT_SECONDS
    scanning = True
    while True:
        if scanning:  # at the start, while a poll is under way, and once after it ended:
            # not later, when Prefect's runner starts its on_crashed hooks' process for a
            # run that ended (told SIGTERM, it failed with a traceback in the output)
            for pid in set(_children()) - told:
                told.add(pid)
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
