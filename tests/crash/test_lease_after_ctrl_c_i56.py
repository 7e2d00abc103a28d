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
a step of a fetch worker's task prints ``held`` and waits there until SIGUSR2 (120 s at most);
Ctrl-C is sent while it waits, SIGUSR2 after.
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
import asyncio, runpy, signal, sys, time

class Released(Exception):
    pass

holding = []

def release(signum, frame):
    if holding:
        raise Released

def hold(frame, event, arg):
    task = asyncio.current_task() if asyncio._get_running_loop() is not None else None
    name = getattr(task.get_coro(), "__qualname__", "") if task is not None else ""
    if event != "call" or not name.endswith("worker"):
        return None
    sys.settrace(None)
    holding.append(True)
    print({HELD!r}, file=sys.stderr, flush=True)
    try:
        time.sleep(120)  # ended by SIGUSR2's handler (on main, by Ctrl-C's)
    except Released:
        pass
    finally:
        holding.clear()
    return None

signal.signal(signal.SIGUSR2, release)
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
            run.send_signal(signal.SIGUSR2)
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
