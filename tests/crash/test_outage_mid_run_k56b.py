"""k56b: the Prefect server goes away while a worker's run is mid-run, for longer than
Prefect's client retries (default ``PREFECT_CLIENT_MAX_RETRIES``), then comes back.

The run's cluster calls (the release of its source's lease) and its state reports fail.
What holds: its ``runs`` row is closed ``ok``, nothing stored is lost or stored twice once
the next run has run, the worker works on when the server is back and reports the flow
run ``Crashed`` (its process ended 1: the lease's release failed). What was broken: the
worker's own report of the run's end, tried while the server was away, printed Prefect's
ERROR and traceback; now one line. And the run's own process printed Prefect's ERRORs and
nine tracebacks into the worker's output (o57); now one line as the server stops
answering and one as the run ends while it is away (flows/flow_run_outage.py).

Real ``prefect server start`` (the test's own: stopped mid-run, started again on its
port and database), real ``deploy``, ``worker`` and ``ingest`` subprocesses, a loopback
site holding article responses past the 40th, a DuckDB file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.serve import _free_port
from tests.crash.bulk_site import BulkSite
from tests.crash.test_worker_stop_g55 import _children
from tests.hosts.cluster import Process, base_env, flow_states, poll, trigger
from tests.own_prefect_server import start_prefect_server, stop_prefect_server
from tests.test_worker_prefect_outage_w56 import _line_of

POOL = "k56b-midrun"
SOURCE = "bulk_midrun"


@pytest.mark.slow
def test_an_outage_under_a_run_in_flight(tmp_path: Path) -> None:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**base_env(tmp_path / "prefect"), "PREFECT_API_URL": api,
           "PRESSROOM_STATE_DIR": os.environ["PRESSROOM_STATE_DIR"]}
    db = tmp_path / "w.duckdb"
    server = start_prefect_server(port, env)
    worker: Process | None = None
    with BulkSite(200, gate_after=40, gate_wait=300.0) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(SOURCE, schedule="0 0 1 1 *"), encoding="utf-8")
        try:
            deployed = subprocess.run(
                [sys.executable, "-m", "pressroom", "deploy", "--pool", POOL, "--sources",
                 str(sources), "--db", str(db)], env=env, capture_output=True, text=True,
                timeout=300, check=False)
            assert deployed.returncode == 0, deployed.stderr
            worker = Process([sys.executable, "-m", "pressroom", "worker", "--pool", POOL],
                             env, tmp_path / "worker.log")
            assert _line_of(worker, ("started!",), 0, 240.0), worker.output()
            run_id = trigger(api, f"ingest/{SOURCE}")
            assert site.wait_started(41, timeout=300), worker.output()  # mid-run
            runs = _children(worker.proc.pid)
            assert len(runs) == 1, (runs, worker.output())
            stop_prefect_server(server)
            site.open_gate()
            poll(lambda: not _children(worker.proc.pid) if worker else True,
                 "the run to end in the outage", 400.0)
            server = start_prefect_server(port, env)
            assert _line_of(worker, ("answers again",), 0, 240.0), worker.output()
            # The worker tells Prefect once the server answers (its report retried)
            poll(lambda: flow_states(api, [run_id]) != ["RUNNING"],
                 "the worker to report the run's end", 180.0)
            state = flow_states(api, [run_id])
            # The next run of the source, as the schedule's (o58): the server restarted
            # keeps its leases in memory, so it lost the first run's (never given back:
            # the outage) and still counted its slot; that run skipped the source for good.
            nxt = trigger(api, f"ingest/{SOURCE}")
            poll(lambda: flow_states(api, [nxt]) not in (["SCHEDULED"], ["PENDING"],
                                                          ["RUNNING"]),
                 "the next run to end", 300.0)
            nxt_state = flow_states(api, [nxt])
        finally:
            if worker is not None:
                worker.stop()
            stop_prefect_server(server)
    said = worker.output()
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
        stored = con.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
    assert nxt_state == ["COMPLETED"], said
    # On main: [('ok',), ('skipped',)], 'held by another run ... lapses within 60 s'.
    assert rows == [("ok",), ("ok",)], (rows, said)  # the run's row closed, its work kept
    assert said.count(f"pressroom-source-{SOURCE}: its slot was held by a lease the Prefect "
                      "server no longer knows (restarted while a run held it, its leases "
                      "kept in memory); given back") == 1, said
    assert stored == (200, 200), stored  # nothing lost, nothing stored twice
    assert state == ["CRASHED"], said  # reported by the worker once the server is back
    # The worker's own report of the run's end, the server away: one line, not Prefect's
    # ERROR and traceback ('Failed to update state of flow run ...'). The run's own
    # process (Prefect's engine) still prints Prefect's tracebacks (BENCHMARKS k56b).
    assert "Failed to update state of flow run" not in said, said
    assert f"pressroom: flow run {run_id} ended while the Prefect server at {api} did not " \
        "answer (ConnectError); its state there is not updated yet" in said, said
    # The run's own process (Prefect's engine, its output the worker's) bears the outage
    # as the worker does, and the worker its observers' (o57): at most one line as the
    # server stops answering, and one as the run ends before it answers again. On main:
    # 9 tracebacks, 'Failed the last 3 attempts', '--- Error logging to API ---', the
    # observers' and the engine's ERRORs.
    assert "Traceback" not in said, said
    assert "--- Error logging to API ---" not in said, said
    assert "Failed the last" not in said, said
    assert said.count(f"does not answer (ConnectError); flow run {run_id} goes on "
                      "trying") <= 1, said
    assert said.count("does not answer (ConnectError); the worker goes on trying") == 1, said
    assert said.count(f"pressroom: flow run {run_id} ended while the Prefect server at "
                      f"{api} did not answer (ConnectError); it could not report its end "
                      "there") == 1, said
    # Left: the worker's one ERROR on the process's exit status (as for any failed run)
    # and the run's one WARNING on its source's lease (w56b: it lapses within 60 s).
    loud = [line for line in said.splitlines()
            if ("| ERROR" in line and "Process exited with status code: 1" not in line)
            or ("| WARNING" in line and "give-back of this run's cluster lease" not in line
                and "no longer knows" not in line)]
    assert loud == [], said
