"""k56b: ``pressroom worker`` stopped while its Prefect server is away, and its server
coming back on an empty database.

w56 made the worker poll through its server's restart (flows/prefect_outage.py) with
one line each way. Two nights it was not driven through: the operator stops the worker
(SIGTERM, as systemd) while the server is still away; and the server comes back on
another (empty) database, where the worker's pool is unknown.

Real ``prefect server start`` (the test's own: stopped, then started again on its port),
real ``pressroom deploy`` and ``pressroom worker`` subprocesses, a DuckDB file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flows.serve import _free_port
from tests.hosts.cluster import Process, base_env, poll
from tests.own_prefect_server import start_prefect_server, stop_prefect_server
from tests.site import PressSite
from tests.site.sources import write_sources_toml
from tests.test_worker_prefect_outage_w56 import DOWN, _line_of, _lines

POOL = "k56b-outage"


def _deployed_worker(tmp_path: Path, env: dict[str, str], site: PressSite) -> Process:
    sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                 schedule="0 0 1 1 *")
    deployed = subprocess.run(
        [sys.executable, "-m", "pressroom", "deploy", "--pool", POOL, "--sources",
         str(sources), "--db", str(tmp_path / "w.duckdb")], env=env, capture_output=True,
        text=True, timeout=300, check=False)
    assert deployed.returncode == 0, deployed.stderr
    worker = Process([sys.executable, "-m", "pressroom", "worker", "--pool", POOL], env,
                     tmp_path / "worker.log")
    assert _line_of(worker, ("started!",), 0, 240.0), worker.output()
    return worker


@pytest.mark.slow
def test_a_worker_stopped_while_its_server_is_away(tmp_path: Path) -> None:
    port = _free_port()
    env = {**base_env(tmp_path / "prefect"), "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
           "PREFECT_CLIENT_MAX_RETRIES": "2"}
    server = start_prefect_server(port, env)
    worker: Process | None = None
    try:
        with PressSite() as site:
            worker = _deployed_worker(tmp_path, env, site)
            stop_prefect_server(server)
            down = _line_of(worker, (DOWN,), _lines(worker), 240.0)
            assert down.startswith("pressroom: "), worker.output()
            os.kill(worker.proc.pid, signal.SIGTERM)
            code = worker.proc.wait(timeout=60)
    finally:
        if worker is not None:
            worker.stop()
        stop_prefect_server(server)
    said = worker.output()
    assert code == 0, said
    assert said.rstrip().splitlines()[-1] == "pressroom: worker stopped", said
    assert "Traceback" not in said and "ERROR" not in said, said


@pytest.mark.slow
def test_a_worker_whose_server_comes_back_empty(tmp_path: Path) -> None:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**base_env(tmp_path / "prefect"), "PREFECT_API_URL": api,
           "PREFECT_CLIENT_MAX_RETRIES": "2", "PREFECT_WORKER_HEARTBEAT_SECONDS": "5"}
    server = start_prefect_server(port, env)
    worker: Process | None = None
    try:
        with PressSite() as site:
            worker = _deployed_worker(tmp_path, env, site)
            stop_prefect_server(server)
            assert _line_of(worker, (DOWN,), _lines(worker), 240.0), worker.output()
            server = start_prefect_server(port, base_env(tmp_path / "other-prefect"))
            poll(lambda: worker is not None and worker.proc.poll() is not None,
                 "the worker to end", 90.0)
    finally:
        if worker is not None:
            worker.stop()
        stop_prefect_server(server)
    said = worker.output()
    assert "Traceback" not in said, said
    assert worker.proc.returncode not in (0, None), said
    assert said.rstrip().splitlines()[-1] == (
        f"pressroom: error: work pool {POOL!r} is gone from the Prefect server at {api} "
        f"(restarted on another database?); deploy again with "
        f"`pressroom deploy --pool {POOL}`"), said
