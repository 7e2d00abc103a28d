"""g55: `pressroom worker` stopped (`kill`, systemd, `timeout`, Ctrl-C) while a run it
started is mid-run in its child process: the run ends as an interrupted `ingest` does.

Before, the worker's loop was torn down at once and Prefect's process handling killed the
run's process (SIGKILL): a crash. Its Prefect flow run stayed `Running`, its `runs` row
`running` with no reason (until the next run of the source), its source's cluster lease
held until it lapsed (60 s: a run triggered meanwhile skipped the source, "another worker is
running it"), and the worker printed asyncio's "Exception in callback" traceback. Now the
worker takes no new run, passes the signal on to its runs and waits for them: the row is
closed as interrupted, the flow run `Crashed`, one line (the lease: see below).

Real parts: the session's Prefect server, `pressroom deploy` and `pressroom worker`
subprocesses, a loopback press site holding article responses past the 40th (so the run
is mid-run when the signal comes), a DuckDB file.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import duckdb
import pytest

from tests.crash.bulk_site import BulkSite
from tests.hosts.cluster import base_env, deploy_then_worker, flow_states, trigger

POOL = "g55-stop"


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the runs a worker started), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.parametrize("how", ["sigterm", "sigterm-group", "ctrl-c-group"])
def test_a_stopped_worker_ends_its_runs_as_interrupted(prefect_api: str, tmp_path: Path,
                                                       how: str) -> None:
    source = f"bulk_{how.replace('-', '_')}"  # a lease of its own: one case's is not the next's
    env = {**base_env(tmp_path / "home", prefect_api),
           "PRESSROOM_STATE_DIR": os.environ["PRESSROOM_STATE_DIR"]}
    db = tmp_path / "w.duckdb"
    with BulkSite(200, gate_after=40, gate_wait=120.0) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(source, schedule="0 0 1 1 *"), encoding="utf-8")
        log = tmp_path / "worker.log"
        worker = deploy_then_worker(env, POOL, sources, db, ["pressroom", "worker"], log).proc
        runs: list[int] = []
        try:
            run_id = trigger(prefect_api, f"ingest/{source}")
            assert site.wait_started(41, timeout=300), log.read_text()  # mid-run
            runs = _children(worker.pid)
            assert runs, log.read_text()
            if how == "sigterm":  # `kill PID`, systemd's KillMode=mixed
                os.kill(worker.pid, signal.SIGTERM)
            else:  # systemd's default KillMode, `timeout`; a terminal's Ctrl-C
                os.killpg(worker.pid, signal.SIGTERM if how == "sigterm-group"
                          else signal.SIGINT)
            code = worker.wait(timeout=120)
            left = [pid for pid in runs if _alive(pid)]
        finally:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
            for pid in runs:
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)
        said = log.read_text(errors="replace")
        assert code == 0, said
        assert left == [], said  # no run left behind, fetching and writing
        ours = [line for line in said.splitlines() if line.startswith("pressroom: worker")]
        assert ours[-1] == "pressroom: worker stopped", said
        assert "Traceback" not in said, said
        assert flow_states(prefect_api, [run_id]) == ["CRASHED"], said  # was RUNNING
        # Not asked: the source's cluster lease. Given back when the interrupt reaches the
        # run through asyncio's cancellation; held until it lapses (60 s) when it surfaces
        # as KeyboardInterrupt (2 of 4 runs here; BENCHMARKS g55, left).
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT status, error FROM runs").fetchall()
    # Was [('running', None)]: closed as an interrupted ingest closes its rows.
    assert [status for status, _ in rows] == ["crashed"], rows
    assert str(rows[0][1]).startswith("interrupted (Ctrl-C) after storing"), rows
