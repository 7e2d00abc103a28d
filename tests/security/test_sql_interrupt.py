"""Long ``pressroom sql`` queries: Ctrl-C, ``--timeout``, and an ingest running meanwhile.

The query is a real CLI subprocess running a cross join that would take hours.
The test knows the query is running (not still starting) from the outside: the
process holds its lock on the warehouse (``/proc/locks``) and has since burnt
another second of CPU, which only the query does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from flows.spool import SUFFIX
from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd
from warehouse import open_warehouse

SLOW = "SELECT count(*) FROM range(1000000) AS a, range(1000000) AS b WHERE a.range + b.range < 0"
ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def wait_until(check: Callable[[], bool], timeout: float = 60.0) -> None:
    """Poll an outside observation (a lock, CPU time) until it holds."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)  # a poll interval, not a wait for something to happen


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid``, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def holds_lock(pid: int, path: Path) -> bool:
    """True when ``pid`` holds a POSIX lock on ``path`` (DuckDB's file lock)."""
    inode = path.stat().st_ino
    for line in Path("/proc/locks").read_text().splitlines():
        parts = line.split()
        if "POSIX" in parts and str(pid) in parts and any(
                p.endswith(f":{inode}") for p in parts):
            return True
    return False


def start_query(db: Path, *extra: str) -> subprocess.Popen[str]:
    """``pressroom sql SLOW`` in a child process."""
    return subprocess.Popen([sys.executable, "-m", "pressroom", "sql", SLOW, "--db", str(db),
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=ENV)


def wait_running(proc: subprocess.Popen[str], db: Path) -> None:
    """Block until the child's query is running."""
    wait_until(lambda: proc.poll() is not None or holds_lock(proc.pid, db))
    assert proc.poll() is None, proc.communicate()
    at_lock = cpu_seconds(proc.pid)
    wait_until(lambda: proc.poll() is not None or cpu_seconds(proc.pid) > at_lock + 1.0)
    assert proc.poll() is None, proc.communicate()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A migrated, empty warehouse file."""
    path = tmp_path / "w.duckdb"
    open_warehouse(path).close()
    return path


@pytest.fixture
def reaper() -> Iterator[list[subprocess.Popen[str]]]:
    """Kill children the test left running (a query that ignored its signal)."""
    children: list[subprocess.Popen[str]] = []
    yield children
    for child in children:
        if child.poll() is None:
            child.kill()
            child.communicate()


def test_ctrl_c_stops_a_running_query(db: Path, reaper: list[subprocess.Popen[str]]) -> None:
    proc = start_query(db)
    reaper.append(proc)
    wait_running(proc, db)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 5.0
    assert proc.returncode == 130
    assert err.splitlines() == ["pressroom: error: interrupted"], err


def test_timeout_stops_a_running_query(db: Path) -> None:
    proc = start_query(db, "--timeout", "2")
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert err.splitlines() == ["pressroom: error: query cancelled after 2 s (--timeout)"], err


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "soon"])
def test_timeout_must_be_a_positive_number(db: Path, value: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "pressroom", "sql", "SELECT 1", "--db",
                           str(db), "--timeout", value], capture_output=True, text=True,
                          env=ENV, timeout=60, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "argument --timeout: " in proc.stderr, proc.stderr
    assert "must be a positive number of seconds" in proc.stderr or "not a number" in proc.stderr


ARTICLES = 60
GATE = 20


@pytest.mark.slow
def test_ingest_during_a_long_query_stages_then_merges(
    tmp_path: Path, reaper: list[subprocess.Popen[str]]
) -> None:
    db = tmp_path / "busy.duckdb"
    with BulkSite(ARTICLES, gate_after=GATE) as site:
        sources = tmp_path / "bulk.toml"
        # Gated responses wait for the test; the fetch timeout must outlast that.
        sources.write_text(site.sources_toml().replace("timeout = 5.0", "timeout = 60.0"),
                           encoding="utf-8")
        run = subprocess.Popen(ingest_cmd(sources, db), env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        reaper.append(run)
        assert site.wait_served(GATE, timeout=120)  # past start-up, mid-fetch
        query = start_query(db)
        reaper.append(query)
        wait_running(query, db)  # an analyst's long query now holds the file
        site.open_gate()
        assert run.stderr is not None
        progress = []
        for line in run.stderr:  # the ingest meets the held file and stages
            progress.append(line)
            if "staged" in line:
                break
        query.send_signal(signal.SIGINT)  # the analyst gives up: the file frees
        query.communicate(timeout=30)
        _out, err = run.communicate(timeout=120)
        err = "".join(progress) + err
        assert run.returncode == 0, err
        assert "database is locked; batch staged" in err
        assert all(site.hits(p) == 1 for p in site.article_paths())
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone() \
            == (ARTICLES, ARTICLES)
        assert con.execute("SELECT status, new FROM runs").fetchall() == [("ok", ARTICLES)]
    finally:
        con.close()
    assert not list(db.with_name(db.name + ".spool").glob(f"*{SUFFIX}"))


def test_ctrl_c_stops_a_query_whose_parent_ignored_sigint(
    db: Path, reaper: list[subprocess.Popen[str]]
) -> None:
    # A full suite run failed here: the CLI child inherited SIGINT ignored from its
    # parent and ran on for 30 s after Ctrl-C. Hand it SIG_IGN on purpose.
    proc = subprocess.Popen(
        [sys.executable, "-c",
         "import signal, sys, runpy; signal.signal(signal.SIGINT, signal.SIG_IGN); "
         "sys.argv = ['pressroom', *sys.argv[1:]]; runpy.run_module('pressroom', "
         "run_name='__main__')", "sql", SLOW, "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    reaper.append(proc)
    wait_running(proc, db)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err, err
