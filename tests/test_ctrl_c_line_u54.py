"""u54: a run stopped by Ctrl-C ends with one line saying it was interrupted, what it
stored and that the next run fetches the rest (exit 130); its runs rows say
"interrupted", not "process N ended without finishing the run"; nothing is lost.

Before: `pressroom ingest --no-prefect` ended with `pressroom: error: interrupted`, its row
stayed 'running' until `status` judged the process gone ("crashed: process N ended
without finishing the run"); through Prefect the console also had four ERROR lines
("Crash detected! Execution was cancelled by the runtime environment." and "Finished in
state Crashed(...)", for the task and the flow).

Real parts: a generated press site on loopback, `pressroom ingest` subprocesses sent a
real SIGINT mid-fetch, a real Prefect server (the session's test harness), DuckDB files.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.outcome_lines import said_by_the_cli
from tests.cli_run import run_cli
from tests.crash.bulk_site import BulkSite

ARTICLES = 200
LINE = re.compile(r"pressroom: interrupted; (?:nothing stored yet|(\d+) articles? stored and "
                  r"kept), the next run fetches the rest")


def _interrupted_run(tmp_path: Path, env: dict[str, str], *extra: str) -> None:
    db = tmp_path / "w.duckdb"
    with BulkSite(ARTICLES, delay=0.01) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        args = ("ingest", *extra, "--sources", str(sources), "--db", str(db),
                "--parse-workers", "1")
        proc = subprocess.Popen([sys.executable, "-m", "pressroom", *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)
        try:
            assert site.wait_served(ARTICLES // 2, timeout=300)
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=300)
        finally:
            proc.kill()
        assert proc.returncode == 130, err
        assert "Traceback" not in err and "Crash" not in err, err
        said = [line for line in err.splitlines() if line.startswith("pressroom:")]
        assert len(said) == 1, err
        found = LINE.fullmatch(said[0])
        assert found, said
        with duckdb.connect(str(db), read_only=True) as con:
            row = con.execute("SELECT (SELECT count(*) FROM article_versions), status, error "
                              "FROM runs").fetchall()
        (stored, status, error), = row
        assert int(found.group(1) or 0) == stored, (said, stored)
        assert (status, error) == (
            "crashed", f"interrupted (Ctrl-C) after storing {stored} article(s); the next "
            "run fetches the rest"), row
        (shown,) = json.loads(run_cli("status", "--db", str(db), "--format", "json").stdout)
        assert shown["run_error"] == error, shown
        again = subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                               text=True, env=env, timeout=600, check=False)
    assert again.returncode == 0, again.stderr[-3000:]
    with duckdb.connect(str(db), read_only=True) as con:
        counts = con.execute(
            "SELECT count(*), count(DISTINCT url), (SELECT count(*) FROM article_versions), "
            "(SELECT count(*) FROM runs WHERE status = 'running') FROM articles").fetchone()
    assert counts == (ARTICLES, ARTICLES, ARTICLES, 0), counts


def test_ctrl_c_without_prefect_says_what_was_stored(tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    _interrupted_run(tmp_path, env, "--no-prefect")


def test_ctrl_c_through_prefect_is_one_line_no_crash_lines(tmp_path: Path,
                                                           prefect_api: str) -> None:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_API_URL": prefect_api}
    _interrupted_run(tmp_path, env)


def test_crash_lines_of_a_real_crash_still_reach_the_console() -> None:
    """Guard: the crash lines held back while the flow runs are dropped only when Ctrl-C
    ended it; a crash of any other cause prints them when the flow ends. (The console
    handler here is a real logging handler on the root logger, as Prefect's is.)"""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    log = logging.getLogger("prefect.task_runs")
    try:
        with pytest.raises(RuntimeError), said_by_the_cli():
            log.error("Crash detected! Execution was interrupted by an unexpected exception")
            log.error("Finished in state Crashed('boom')")
            assert stream.getvalue() == ""  # held while the flow runs
            raise RuntimeError("boom")
        assert stream.getvalue().splitlines() == [
            "Crash detected! Execution was interrupted by an unexpected exception",
            "Finished in state Crashed('boom')"]
        stream.truncate(0)
        stream.seek(0)
        with pytest.raises(KeyboardInterrupt), said_by_the_cli():
            log.error("Crash detected! Execution was cancelled by the runtime environment.")
            raise KeyboardInterrupt
        log.error("Finished in state Completed()")  # after the flow: not held
        assert stream.getvalue().splitlines() == ["Finished in state Completed()"]
    finally:
        root.removeHandler(handler)
