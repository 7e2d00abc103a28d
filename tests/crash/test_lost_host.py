"""A run of a lost host (SIGKILLed, another host name) is marked crashed by the next
clustered run of its source, not 24 h later.

Real parts: a ``pressroom ingest --no-prefect`` subprocess under another host name
(its own UTS namespace, ``unshare --uts``, as root) SIGKILLed while it waits at the
loopback site's robots.txt, a DuckLake catalog on a throwaway PostgreSQL
(tests/lakepg.py), then a real Prefect flow run of ``ingest`` with ``cluster=True``
(the source's lease on the test harness's server), and ``status``/``health`` CLIs.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flows.ingest import ingest_flow
from tests.hosts.cluster import TimedSite, poll
from tests.lakepg import run_cli, running_postgres
from tests.site.sources import write_sources_toml
from warehouse.lake import parse_target
from warehouse.lake_read import connect_read_only

LOST_HOST = "lost-worker-b"
DEADLINE = 240.0


def _runs(lake: str, data: str) -> list[tuple[str, str, str | None]]:
    con = connect_read_only(parse_target(lake, data))
    try:
        rows = con.execute("SELECT status, host, error FROM runs WHERE source = 'belta' "
                           "ORDER BY started_at").fetchall()
    finally:
        con.close()
    return [(str(s), str(h), e) for s, h, e in rows]


def test_a_clustered_run_marks_a_lost_hosts_run_of_its_source_crashed(
    tmp_path: Path, prefect_api: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.geteuid() != 0:
        pytest.fail("needs root for unshare --uts (another host name); run the suite as root")
    state = str(tmp_path / "state")
    monkeypatch.setenv("PRESSROOM_STATE_DIR", state)
    data = str(tmp_path / "lake-data")
    with running_postgres() as pg, TimedSite("127.0.0.1") as site:
        lake = pg.new_catalog()
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",))
        site.gate.clear()  # the lost host's run waits at robots.txt, its row 'running'
        script = 'hostname "$1" && shift && exec "$@"'
        argv = ["unshare", "--uts", "sh", "-c", script, "sh", LOST_HOST, sys.executable,
                "-m", "pressroom", "ingest", "--no-prefect", "--sources", str(sources),
                "--db", lake, "--data-path", data]
        env = {**os.environ, "PRESSROOM_STATE_DIR": state}
        log = tmp_path / "lost.log"
        with log.open("wb") as out:
            lost = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        try:
            def waiting() -> bool:
                assert lost.poll() is None, log.read_text(errors="replace")[-3000:]
                return bool(site.held)

            poll(waiting, "the lost host's run to reach robots.txt", DEADLINE)
            os.killpg(lost.pid, signal.SIGKILL)
            lost.wait()
        finally:
            if lost.poll() is None:
                os.killpg(lost.pid, signal.SIGKILL)
                lost.wait()
        site.gate.set()
        assert _runs(lake, data) == [("running", LOST_HOST, None)]
        before = run_cli("status", "--db", lake, "--data-path", data, "--verbose")
        print(f"status before the clustered run:\n{before.stdout}{before.stderr}")

        # The next run of belta holds its cluster lease: the lost host's row is dead.
        rows = asyncio.run(ingest_flow(sources_file=str(sources), db_path=lake,
                                       data_path=data, cluster=True))
        assert isinstance(rows, list) and rows[0]["status"] == "ok", rows

        after = _runs(lake, data)
        status = run_cli("status", "--db", lake, "--data-path", data, "--verbose")
        health = run_cli("health", "--db", lake, "--data-path", data)
    print(f"status after:\n{status.stdout}{status.stderr}\nhealth after:\n{health.stdout}")
    assert [(s, h) for s, h, _ in after] == [("crashed", LOST_HOST), ("ok", os.uname().nodename)]
    error = after[0][2] or ""
    assert error.startswith(f"run on {LOST_HOST} (pid "), error
    assert "holds the cluster lease of belta, so no other run of it is alive" in error
    assert status.returncode == 0 and health.returncode == 0, status.stderr + health.stderr
    assert f"run on {LOST_HOST}" in status.stdout
    assert f"crashed: run on {LOST_HOST}" in " ".join(health.stdout.split())
