"""r54: a run stopped by SIGTERM (what `timeout`, systemd and `kill` send; `timeout` and
systemd to the whole process group) ends as Ctrl-C does (README, "Exit codes", 130): one
line saying what it stored, its runs rows closed as interrupted, exit 130, nothing lost.
Ctrl-C sent to the process group, as a terminal sends it (the parse worker too), is the
same. A SIGKILL is still a crash, not "interrupted".

Before: SIGTERM killed `pressroom ingest` on the spot (exit -15): no line of its own,
multiprocessing's "resource_tracker: There appear to be 5 leaked semaphore objects"
warning instead, its runs row left 'running' until `status` judged it "process N ended
without finishing the run".

Real parts: a generated press site on loopback, `pressroom ingest` subprocesses in their
own session signalled mid-fetch, a real Prefect server (the session's), DuckDB files."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.crash.bulk_site import BulkSite

ARTICLES = 200
LINE = re.compile(r"pressroom: interrupted; (?:nothing stored yet|(\d+) articles? stored and "
                  r"kept), the next run fetches the rest")


def _stopped_run(tmp_path: Path, env: dict[str, str], sig: signal.Signals,
                 *extra: str) -> tuple[int, str, list[tuple[object, ...]], list[str]]:
    """An ingest sent ``sig`` to its process group halfway: its exit, stderr, runs rows;
    then a second run to the end. Returns also the args to run again."""
    db = tmp_path / "w.duckdb"
    with BulkSite(ARTICLES, delay=0.01) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        args = [sys.executable, "-m", "pressroom", "ingest", *extra, "--sources",
                str(sources), "--db", str(db), "--parse-workers", "1"]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env, start_new_session=True)
        try:
            assert site.wait_served(ARTICLES // 2, timeout=300)
            os.killpg(proc.pid, sig)
            _, err = proc.communicate(timeout=300)
        finally:
            proc.kill()
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute("SELECT status, error FROM runs").fetchall()
        again = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600,
                               check=False)
    assert again.returncode == 0, again.stderr[-3000:]
    with duckdb.connect(str(db), read_only=True) as con:
        counts = con.execute(
            "SELECT count(*), count(DISTINCT url), (SELECT count(*) FROM article_versions), "
            "(SELECT count(*) FROM runs WHERE status = 'running') FROM articles").fetchone()
    assert counts == (ARTICLES, ARTICLES, ARTICLES, 0), counts  # nothing lost or doubled
    return proc.returncode, err, rows, args


def _assert_interrupted(code: int, err: str, rows: list[tuple[object, ...]]) -> None:
    assert code == 130, err
    assert "Traceback" not in err and "Crash" not in err and "leaked" not in err, err
    said = [line for line in err.splitlines() if line.startswith("pressroom:")]
    assert len(said) == 1 and LINE.fullmatch(said[0]), err
    ((status, error),) = rows
    assert status == "crashed" and str(error).startswith("interrupted ("), rows


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_group_without_prefect_is_one_interrupted_line(
        tmp_path: Path, sig: signal.Signals) -> None:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    _assert_interrupted(*_stopped_run(tmp_path, env, sig, "--no-prefect")[:3])


@pytest.mark.slow
def test_sigterm_through_prefect_is_one_interrupted_line(tmp_path: Path,
                                                         prefect_api: str) -> None:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_API_URL": prefect_api}
    _assert_interrupted(*_stopped_run(tmp_path, env, signal.SIGTERM)[:3])


@pytest.mark.slow
def test_sigkill_is_still_a_crash(tmp_path: Path) -> None:
    """Guard: a killed run is not "interrupted": its row stays 'running' and `status`
    says the process ended without finishing the run."""
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    code, err, rows, _ = _stopped_run(tmp_path, env, signal.SIGKILL, "--no-prefect")
    assert code == -signal.SIGKILL, err
    assert "interrupted" not in err, err
    assert rows == [("running", None)], rows
