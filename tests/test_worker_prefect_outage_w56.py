"""w56: ``pressroom worker`` lives through its Prefect server's restart.

A worker polls the server at ``PREFECT_API_URL`` (README: a user's own ``prefect server
start``), which is restarted now and then (an upgrade, a reboot of its host). Prefect's
worker polls in ``critical_service_loop``: after three failed polls in a row it printed
'Failed the last 3 attempts', every error's traceback, and polled less often; after four
such rounds it raised ``RuntimeError('Service exceeded error threshold.')`` and the worker
ended in tracebacks (v55 found the same in ``serve``'s runner). With Prefect's default
client retries (5, backing off 2 to 32 s) a poll outlasts an outage of about a minute in
silence, a longer one so; here two retries (a failed poll fails in seconds) bring the same
loop to its end in seconds. Now the worker says once that the server does not answer,
polls on, says when it answers again, and works on: a run triggered after the restart is
done. Real ``prefect server start`` (stopped, then started again on its port and
database), real ``pressroom deploy`` and ``pressroom worker`` subprocesses, a real run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flows.serve import _free_port
from tests.hosts.cluster import Process, base_env, flow_states, poll, trigger
from tests.own_prefect_server import start_prefect_server, stop_prefect_server
from tests.site import PressSite
from tests.site.sources import write_sources_toml

POOL = "w56-outage"
DOWN = "does not answer"


def _line_of(worker: Process, needles: tuple[str, ...], after: int, timeout: float) -> str:
    """The first line of the worker's output past line ``after`` holding one of
    ``needles``; '' when the worker ends first."""
    found: list[str] = []

    def seen() -> bool:
        lines = worker.output().splitlines()[after:]
        found[:] = [line for line in lines if any(n in line for n in needles)][:1]
        return bool(found) or worker.proc.poll() is not None

    poll(seen, f"one of {needles} in the worker's output:\n{worker.output()[-3000:]}",
         timeout)
    return found[0] if found else ""


def _lines(worker: Process) -> int:
    return len(worker.output().splitlines())


@pytest.mark.slow
def test_a_worker_lives_through_its_prefect_servers_restart(tmp_path: Path) -> None:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = base_env(tmp_path / "prefect")
    # A failed poll fails within seconds (two retries; Prefect's five take a minute each)
    client_env = {**env, "PREFECT_API_URL": api, "PREFECT_CLIENT_MAX_RETRIES": "2"}
    db = tmp_path / "w.duckdb"
    server = start_prefect_server(port, env)
    worker: Process | None = None
    try:
        with PressSite() as site:
            sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                         schedule="0 0 1 1 *")
            deployed = subprocess.run(
                [sys.executable, "-m", "pressroom", "deploy", "--pool", POOL, "--sources",
                 str(sources), "--db", str(db)], env=client_env, capture_output=True,
                text=True, timeout=300, check=False)
            assert deployed.returncode == 0, deployed.stderr
            worker = Process([sys.executable, "-m", "pressroom", "worker", "--pool", POOL],
                             client_env, tmp_path / "worker.log")
            assert _line_of(worker, ("started!",), 0, 240.0), worker.output()
            stop_prefect_server(server)
            down = _line_of(worker, (DOWN, "Failed the last"), _lines(worker), 240.0)
            assert down.startswith("pressroom: ") and DOWN in down, worker.output()
            server = start_prefect_server(port, env)
            back = _line_of(worker, ("answers again",), _lines(worker), 240.0)
            assert back.startswith("pressroom: "), worker.output()
            run_id = trigger(api, "ingest/belta")
            poll(lambda: flow_states(api, [run_id])[0] in ("COMPLETED", "FAILED", "CRASHED"),
                 "the run triggered after the restart to end", 300.0)
            assert flow_states(api, [run_id]) == ["COMPLETED"], worker.output()
            assert worker.proc.poll() is None, worker.output()  # working on
    finally:
        if worker is not None:
            worker.stop()
        stop_prefect_server(server)
    said = worker.output()
    assert "Traceback" not in said and "Failed the last" not in said, said
    ours = [line for line in said.splitlines() if DOWN in line or "answers again" in line]
    assert len(ours) == 2, said  # one line each, not one per poll loop
    assert db.exists()
