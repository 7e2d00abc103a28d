"""A stopped worker's drain reaches a run whose process starts after the stop (k55b).

g55's worker, stopped, sends SIGTERM to its runs' processes and waits for them
(flows/worker.py ``_drain``). The runs were the worker's children when the drain began: a
run the worker had claimed just before the signal (its submission still under way in the
polling task, which is cancelled only after the drain) started its process afterwards,
got no SIGTERM, and the drain did not wait for it: the polling task's cancellation then
killed it as before g55 (a crash, its flow run left Running, its row 'running').
Here the drain runs over real child processes of this test; one starts after the drain
began, while a poll is under way, and must be told to stop and waited for as the first.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys

from flows import worker

RUN = (
    "import signal, sys\n"
    "signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))\n"
    "print('ready', flush=True)\n"
    "signal.pause()\n"
)


def _start() -> subprocess.Popen[str]:
    run = subprocess.Popen([sys.executable, "-c", RUN], stdout=subprocess.PIPE, text=True)
    assert run.stdout is not None and run.stdout.readline() == "ready\n"
    return run


def test_a_run_started_after_the_drain_began_is_stopped_and_waited_for() -> None:
    first = _start()
    late: list[subprocess.Popen[str]] = []

    async def drain() -> list[int]:
        signals = worker._Signals()
        signals.submitting = 1  # a poll under way when the signal came (its run claimed)
        draining = asyncio.ensure_future(worker._drain(signals))
        await asyncio.sleep(0)  # the drain has read the runs and told them to stop
        late.append(_start())  # the poll starts the claimed run's process now
        signals.submitting = 0
        done, _ = await asyncio.wait([draining], timeout=30)
        if not done:
            signals.again.set()  # main: the drain waits for the first alone, then 60 s
            return [-1]
        return draining.result()

    try:
        left = asyncio.run(drain())
        assert left == []
        assert first.wait(timeout=10) == 0
        assert late[0].wait(timeout=10) == 0  # told to stop (SIGTERM), not left running
    finally:
        for run in [first, *late]:
            run.kill()
            run.wait()
