"""Review k37: the long-lived Prefect server (README's fast path) goes away mid-run.

The run's work does not need the server: the articles were stored and its ``runs``
row said ``ok``. But the CLI ended in a 70-line httpx traceback
(``httpx.ConnectError: All connection attempts failed``, from Prefect reporting the
flow's state), after retrying for about 4.5 minutes, and printed no summary. README:
errors are one line. It is now ``pressroom: error: the Prefect API stopped answering
during the run ...``, exit 1, naming ``pressroom status`` for what was stored.
Slow: a real ``prefect server start``. ``PREFECT_CLIENT_MAX_RETRIES=0`` only spares
the test Prefect's retries against the dead server; the error is the same.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from flows.serve import _free_port
from tests.crash.bulk_site import BulkSite
from tests.hosts.cluster import poll
from warehouse.connection import connect

N = 40


@pytest.mark.slow
def test_the_prefect_server_lost_mid_run_is_one_line_and_loses_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_CLIENT_MAX_RETRIES="0")
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    prefect = str(Path(sys.executable).parent / "prefect")
    server = subprocess.Popen([prefect, "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    db = tmp_path / "w.duckdb"
    try:
        def healthy() -> bool:
            try:
                return httpx.get(f"{api}/health", timeout=2.0).status_code == 200
            except httpx.HTTPError:
                return False

        poll(healthy, "the Prefect server to answer", 240.0)
        with BulkSite(N, gate_after=N // 2) as site:
            toml = tmp_path / "s.toml"
            toml.write_text(site.sources_toml(timeout=120.0), encoding="utf-8")
            run = subprocess.Popen(
                [sys.executable, "-m", "pressroom", "ingest", "--sources", str(toml),
                 "--db", str(db)], env={**env, "PREFECT_API_URL": api},
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                assert site.wait_served(N // 2, timeout=240.0)  # mid-run: the rest held
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
                site.open_gate()
                out, err = run.communicate(timeout=600)
            finally:
                if run.poll() is None:
                    run.kill()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert run.returncode == 1, out + err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    errors = [line for line in err.splitlines() if line.startswith("pressroom: error:")]
    assert len(errors) == 1, err[-3000:]
    assert "Prefect API stopped answering" in errors[0] and "pressroom status" in errors[0]
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (N,)
        assert con.execute("SELECT status FROM runs").fetchall() == [("ok",)]
    finally:
        con.close()
