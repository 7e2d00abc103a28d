"""w56: `pressroom worker` stopped while a run it started does not act on SIGTERM.

g55's worker, stopped, passes SIGTERM on to its runs and waits up to ``--drain`` seconds
(``DRAIN_SECONDS``, 60 s, unless given) for them to end as an interrupted ``ingest`` ends.
A run that does not (frozen: stopped by a debugger or a cgroup freezer, or stuck where the
signal is not acted on) was then killed by Prefect's teardown of the worker (SIGKILL),
while the worker said '1 run(s) still ending after 60 s (pid N)' and exited 0: a run said
to be ending was dead, its flow run unnamed, the stop reported as clean. Now the worker
kills it itself at the end of the wait, says in one line which flow run (and pid) it
killed, and exits 1; Prefect reports the flow run Crashed (without its guess that a
SIGKILL means the memory ran out), and the next ``ingest`` on the warehouse closes the
run's row as crashed with its reason.

Real parts: the session's Prefect server, `pressroom deploy`, `pressroom worker` and
`pressroom ingest` subprocesses, a loopback press site holding article responses past the
40th (so the run is mid-run), a DuckDB file. The run is frozen with SIGSTOP, which no
process can catch or ignore: SIGTERM waits, SIGKILL does not.

w58: the worker runs with ``--drain 5``: the same promise at the end of the wait, and the
wait is the one given (its line says '5 s after the signal'), 55 s less than the default.
Still fails with w56's kill undone (``_kill`` returning [] unkilled: exit 0).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.crash.bulk_site import BulkSite
from tests.crash.test_worker_stop_g55 import _children
from tests.hosts.cluster import base_env, flow_states, trigger

POOL = "w56-frozen"
SOURCE = "bulk_frozen"
DRAIN = 5  # seconds: the wait is the same code whatever its length


def _state(pid: int) -> str:
    """The process's state letter (R, S, T: stopped, Z), '' when it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""


@pytest.mark.slow
def test_a_run_deaf_to_sigterm_is_killed_said_and_closed_by_the_next_ingest(
        prefect_api: str, tmp_path: Path) -> None:
    env = {**base_env(tmp_path / "home", prefect_api),
           "PRESSROOM_STATE_DIR": os.environ["PRESSROOM_STATE_DIR"]}
    db = tmp_path / "w.duckdb"
    with BulkSite(200, gate_after=40, gate_wait=300.0) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(SOURCE, schedule="0 0 1 1 *"), encoding="utf-8")
        deployed = subprocess.run(
            [sys.executable, "-m", "pressroom", "deploy", "--pool", POOL, "--sources",
             str(sources), "--db", str(db)], env=env, capture_output=True, text=True,
            timeout=300, check=False)
        assert deployed.returncode == 0, deployed.stderr
        log = tmp_path / "worker.log"
        with log.open("wb") as out:
            worker = subprocess.Popen(
                [sys.executable, "-m", "pressroom", "worker", "--pool", POOL, "--drain",
                 str(DRAIN)], env=env,
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True)
        runs: list[int] = []
        try:
            run_id = trigger(prefect_api, f"ingest/{SOURCE}")
            assert site.wait_started(41, timeout=300), log.read_text()  # mid-run
            runs = _children(worker.pid)
            assert len(runs) == 1, (runs, log.read_text())
            os.kill(runs[0], signal.SIGSTOP)  # deaf to SIGTERM from now on
            os.kill(worker.pid, signal.SIGTERM)
            code = worker.wait(timeout=DRAIN + 120)
            state = _state(runs[0])
        finally:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
            for pid in runs:
                if _state(pid) not in ("", "Z"):
                    os.kill(pid, signal.SIGKILL)
        said = log.read_text(errors="replace")
        assert state in ("", "Z"), (state, said)  # killed, not left frozen
        ours = [line for line in said.splitlines() if line.startswith("pressroom: worker")]
        assert code == 1, said  # was 0, 'still ending after 60 s'
        assert "killed" in ours[-1] and run_id in ours[-1], said
        assert f"not ended {DRAIN} s after the signal" in ours[-1], said
        assert f"pid {runs[0]}" in ours[-1], said
        assert "Traceback" not in said, said
        assert "memory" not in said, said  # Prefect's guess at a SIGKILL's cause
        site.open_gate()
        nxt = subprocess.run(
            [sys.executable, "-m", "pressroom", "ingest", "--no-prefect", "--sources",
             str(sources), "--db", str(db)], env=env, capture_output=True, text=True,
            timeout=600, check=False)
        assert nxt.returncode == 0, nxt.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT status, error FROM runs ORDER BY started_at").fetchall()
    assert [status for status, _ in rows] == ["crashed", "ok"], rows
    assert rows[0][1] == f"process {runs[0]} ended without finishing the run", rows
    assert flow_states(prefect_api, [run_id]) == ["CRASHED"], said
