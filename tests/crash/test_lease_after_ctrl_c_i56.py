"""i56 (g55's and f55's left): a deployment run ended by one Ctrl-C gives its source's
cluster lease back on its way out, and its process exits promptly.

Before, the lease stayed held until it lapsed (``LEASE_SECONDS``, 60 s): a run of the source
triggered within that minute skipped it ("another worker is running it"), as after a
SIGKILL. Real parts: the session's Prefect server, ``pressroom deploy --pool``, the flow run's
own process as a worker starts it (Prefect's engine with ``PREFECT__FLOW_RUN_ID``), a
loopback press site (the run is mid-run when Ctrl-C comes), one real SIGINT, a DuckDB file,
then a real flow run of the source.

Where the Ctrl-C lands decides it: in the event loop's wait the flow unwound and the lease
was given back; inside a step of one of the run's tasks (the run busy: parsing, writing, an
HTTP write), not (g55: 2 of 4 worker stops; here 2 of 3 runs on main before the hold). The
child lands it there every time: once told (SIGUSR1), the next call the main thread makes in
a step of a fetch worker's task prints ``held`` and waits there until the Ctrl-C's handler has
run there (120 s at most), then lets the step go on.

i57: it waited in ``time.sleep`` until SIGUSR2, sent right after the SIGINT, and once in a
suite run it was still held 60 s later. The kernel gives a process's signal to its main thread
only when that thread has none pending: the SIGINT had not been taken yet, so the SIGUSR2 went
to another of the process's threads (Prefect's), whose handler set Python's flag but did not
wake the main thread's sleep, which went on (PEP 475) after the SIGINT's handler returned, for
the rest of its 120 s (a scratch child with four waiting threads: 14 of 22 such pairs left
the sleep running; 0 of 726 with no other thread). Now no second signal: the hold wakes on
Python's wakeup fd, which a signal's C handler writes in whichever thread the kernel picked,
and ends once the Ctrl-C's own handler has run in it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from flows.concurrency import source_limit
from flows.ingest import ingest_flow
from tests.crash.bulk_site import BulkSite
from tests.hosts.cluster import base_env, flow_states, trigger
from tests.output_lines import OutputLines

POOL = "i56-lease"
HELD = "i56: held in a fetch worker's step"
# Prefect's engine, as a worker starts it, held as the docstring says.
ENGINE_HELD_IN_A_STEP = f"""
import asyncio, os, runpy, select, signal, sys, time

def hold(frame, event, arg):
    task = asyncio.current_task() if asyncio._get_running_loop() is not None else None
    name = getattr(task.get_coro(), "__qualname__", "") if task is not None else ""
    if event != "call" or not name.endswith("worker"):
        return None
    sys.settrace(None)
    handler = signal.getsignal(signal.SIGINT)  # the flow run's own (pressroom's)
    taken = []

    def ctrl_c(signum, frame):
        taken.append(signum)
        handler(signum, frame)  # on main before i56, it raises here: out of the step

    signal.signal(signal.SIGINT, ctrl_c)
    woken, wake = os.pipe()
    os.set_blocking(wake, False)
    before = signal.set_wakeup_fd(wake, warn_on_full_buffer=False)
    print({HELD!r}, file=sys.stderr, flush=True)
    try:
        deadline = time.monotonic() + 120
        while not taken and (left := deadline - time.monotonic()) > 0:
            if select.select([woken], [], [], left)[0]:
                os.read(woken, 512)  # a signal came, in any thread: its handler runs here
    finally:
        signal.set_wakeup_fd(before)
        signal.signal(signal.SIGINT, handler)
        os.close(woken)
        os.close(wake)
    return None

signal.signal(signal.SIGUSR1, lambda signum, frame: sys.settrace(hold))
sys.argv = ["prefect.engine"]
runpy.run_module("prefect.engine", run_name="__main__", alter_sys=True)
"""
EXIT_LIMIT = 60.0  # seconds the run's process may take to end after one Ctrl-C


@pytest.mark.slow
def test_a_run_ended_by_ctrl_c_gives_its_source_back_at_once(prefect_api: str,
                                                             tmp_path: Path) -> None:
    source = "bulk_i56"
    env = {**base_env(tmp_path / "home", prefect_api),
           "PRESSROOM_STATE_DIR": os.environ["PRESSROOM_STATE_DIR"]}
    db = tmp_path / "w.duckdb"
    with BulkSite(400, delay=0.1) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(source, schedule="0 0 1 1 *"), encoding="utf-8")
        deployed = subprocess.run(
            [sys.executable, "-m", "pressroom", "deploy", "--pool", POOL, "--sources",
             str(sources), "--db", str(db)], env=env, capture_output=True, text=True,
            timeout=300, check=False)
        assert deployed.returncode == 0, deployed.stderr
        run_id = trigger(prefect_api, f"ingest/{source}")
        run = subprocess.Popen([sys.executable, "-c", ENGINE_HELD_IN_A_STEP],
                               env={**env, "PREFECT__FLOW_RUN_ID": run_id},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               stdin=subprocess.DEVNULL, start_new_session=True)
        lines = OutputLines(run.stderr)
        said = ""
        try:
            assert site.wait_started(41, timeout=300), "".join(lines.rest(timeout=0))
            run.send_signal(signal.SIGUSR1)  # mid-run: hold the next step of a fetch worker
            while HELD not in said:
                said += lines.get(timeout=120)
            run.send_signal(signal.SIGINT)  # once: a terminal's Ctrl-C
            try:
                code: int | None = run.wait(timeout=EXIT_LIMIT)
            except subprocess.TimeoutExpired:
                code = None
        finally:
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
                run.wait()
        said += "".join(lines.rest())
        assert code is not None, f"the run's process still ran {EXIT_LIMIT:.0f} s after " \
                                 f"one Ctrl-C:\n{said[-4000:]}"
        limit = httpx.get(f"{prefect_api}/v2/concurrency_limits/{source_limit(source)}",
                          timeout=30).json()
        # The next run of the source, right after: it runs the source (before: skipped).
        rows = asyncio.run(ingest_flow(sources_file=str(sources), db_path=str(db),
                                       source_names=[source], cluster=True))
    # Before: 1 (until the lease lapsed), and the next run skipped the source ("skipped:
    # another worker is running bulk_i56").
    assert limit["active_slots"] == 0, (limit, said[-4000:])
    assert isinstance(rows, list), rows
    assert [r["source"] for r in rows] == [source], rows
    assert rows[0]["status"] != "skipped", rows
    # It ended on the interrupt: its rows closed as interrupted, its flow run Crashed.
    assert "pressroom: interrupted; " in said, said
    assert flow_states(prefect_api, [run_id]) == ["CRASHED"], said
