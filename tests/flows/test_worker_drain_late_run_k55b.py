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

import json
import subprocess
import sys

# The drain reads the children of the process it runs in (/proc): here a process of its
# own, whose only children are the two runs. In the suite's process it would also find
# (and SIGTERM) the session's Prefect server, a child of pytest (lead55: the whole of
# tests/crash + tests/flows failed here so, and every later Prefect test with it).
DRAIN = r"""
import asyncio, json, subprocess, sys

from flows import worker

RUN = (
    "import signal, sys\n"
    "signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))\n"
    "print('ready', flush=True)\n"
    "signal.pause()\n"
)


def start():
    run = subprocess.Popen([sys.executable, "-c", RUN], stdout=subprocess.PIPE, text=True)
    assert run.stdout is not None and run.stdout.readline() == "ready\n"
    return run


first = start()
late = []


async def drain():
    signals = worker._Signals()
    signals.submitting = 1  # a poll under way when the signal came (its run claimed)
    draining = asyncio.ensure_future(worker._drain(signals))
    await asyncio.sleep(0)  # the drain has read the runs and told them to stop
    late.append(start())  # the poll starts the claimed run's process now
    signals.submitting = 0
    done, _ = await asyncio.wait([draining], timeout=60)
    if not done:
        signals.again.set()  # main: the drain waits for the first alone, then 60 s
        return [-1]
    return draining.result()


try:
    left = asyncio.run(drain())
    codes = [run.wait(timeout=30) for run in [first, *late]]
finally:
    for run in [first, *late]:
        run.kill()
        run.wait()
print(json.dumps({"left": left, "codes": codes}))
"""


def test_a_run_started_after_the_drain_began_is_stopped_and_waited_for() -> None:
    done = subprocess.run([sys.executable, "-c", DRAIN], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["left"] == []
    # Both told to stop (SIGTERM: exit 0), the late one too, not left running.
    assert result["codes"] == [0, 0]
