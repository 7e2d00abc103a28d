"""i56 (g55's and f55's left): a deployment run ended by one Ctrl-C gives its source's
cluster lease back on its way out, and its process exits promptly.

Before, the lease stayed held until it lapsed (``LEASE_SECONDS``, 60 s): a run of the source
triggered within that minute skipped it ("another worker is running it"), as after a
SIGKILL. Real parts: the session's Prefect server, ``pressroom deploy --pool``, the flow run's
own process as a worker starts it (``python -m prefect.engine`` with
``PREFECT__FLOW_RUN_ID``), a loopback press site holding article responses past the 40th
(the run is mid-run when Ctrl-C comes), one real SIGINT, a DuckDB file, then a real flow
run of the source.
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

POOL = "i56-lease"
EXIT_LIMIT = 60.0  # seconds the run's process may take to end after one Ctrl-C


@pytest.mark.slow
def test_a_run_ended_by_ctrl_c_gives_its_source_back_at_once(prefect_api: str,
                                                             tmp_path: Path) -> None:
    source = "bulk_i56"
    env = {**base_env(tmp_path / "home", prefect_api),
           "PRESSROOM_STATE_DIR": os.environ["PRESSROOM_STATE_DIR"]}
    db = tmp_path / "w.duckdb"
    with BulkSite(200, gate_after=40, gate_wait=120.0) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(source, schedule="0 0 1 1 *"), encoding="utf-8")
        deployed = subprocess.run(
            [sys.executable, "-m", "pressroom", "deploy", "--pool", POOL, "--sources",
             str(sources), "--db", str(db)], env=env, capture_output=True, text=True,
            timeout=300, check=False)
        assert deployed.returncode == 0, deployed.stderr
        run_id = trigger(prefect_api, f"ingest/{source}")
        log = tmp_path / "run.log"
        with log.open("wb") as out:
            run = subprocess.Popen([sys.executable, "-m", "prefect.engine"],
                                   env={**env, "PREFECT__FLOW_RUN_ID": run_id},
                                   stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            assert site.wait_started(41, timeout=300), log.read_text()  # mid-run
            run.send_signal(signal.SIGINT)  # once: a terminal's Ctrl-C
            try:
                code: int | None = run.wait(timeout=EXIT_LIMIT)
            except subprocess.TimeoutExpired:
                code = None
        finally:
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
                run.wait()
        said = log.read_text(errors="replace")
        assert code is not None, f"the run's process still ran {EXIT_LIMIT:.0f} s after " \
                                 f"one Ctrl-C:\n{said[-4000:]}"
        limit = httpx.get(f"{prefect_api}/v2/concurrency_limits/{source_limit(source)}",
                          timeout=30).json()
        site.open_gate()
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
