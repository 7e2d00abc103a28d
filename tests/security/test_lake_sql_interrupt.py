"""Ctrl-C and ``pressroom sql`` on a PostgreSQL lake: one line, exit 130, no scratch left.

A read-only session on a PostgreSQL lake copies the catalog into a private scratch
folder (warehouse/lake_catalog.py). Review r19: a statement that ignored Ctrl-C
for more than 5 s left that folder behind, and Ctrl-C while the session opened
printed a traceback. Real parts: a throwaway PostgreSQL (tests/lakepg.py) and the
CLI as a subprocess; the test knows where the child is from the outside (the
extensions it has mapped, its CPU time).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.lakepg import running_postgres
from tests.security.test_sql_interrupt import cpu_seconds, wait_until
from warehouse import open_warehouse
from warehouse.lake import parse_target

# One call of a scalar function on one row: DuckDB checks for an interrupt between
# chunks, not inside the call, so this statement ignores Ctrl-C (about 8 s of CPU here).
DEAF = "SELECT levenshtein(repeat('a', 60000), repeat('b', 60000))"


def maps(pid: int, name: str) -> bool:
    """True when ``pid`` has the extension ``name`` loaded."""
    try:
        return f"{name}.duckdb_extension" in Path(f"/proc/{pid}/maps").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False


def start_sql(lake: str, sql: str, scratch: Path) -> subprocess.Popen[str]:
    """``pressroom sql`` in a child whose temporary folders go to ``scratch``."""
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.Popen([sys.executable, "-m", "pressroom", "sql", sql, "--db", lake],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def interrupt(proc: subprocess.Popen[str]) -> tuple[str, float]:
    """Ctrl-C the child; its stderr and the seconds it took to exit."""
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return err, time.monotonic() - sent


def test_a_statement_deaf_to_ctrl_c_leaves_no_catalog_copy_behind(tmp_path: Path) -> None:
    with running_postgres() as pg:
        lake = pg.new_catalog()
        open_warehouse(parse_target(lake, str(tmp_path / "data"))).close()
        scratch = tmp_path / "tmp"
        proc = start_sql(lake, DEAF, scratch)
        # The session attaches the lake (the ducklake extension, loaded only by the
        # sandboxed session) and then burns CPU on the statement alone.
        wait_until(lambda: proc.poll() is not None or maps(proc.pid, "ducklake"), 120)
        assert proc.poll() is None, proc.communicate()
        at_attach = cpu_seconds(proc.pid)
        wait_until(lambda: proc.poll() is not None or cpu_seconds(proc.pid) > at_attach + 1.5)
        assert proc.poll() is None, proc.communicate()
        assert list(scratch.iterdir()), "no catalog copy while the statement runs"
        err, took = interrupt(proc)
    assert proc.returncode == 130, err
    assert err.splitlines() == ["pressroom: error: interrupted"], err
    assert took >= 4.0, f"the statement stopped after {took:.1f} s: it did not ignore Ctrl-C"
    assert list(scratch.iterdir()) == []


def test_ctrl_c_while_the_session_copies_the_catalog_is_one_line(tmp_path: Path) -> None:
    with running_postgres() as pg:
        lake = pg.new_catalog()
        open_warehouse(parse_target(lake, str(tmp_path / "data"))).close()
        scratch = tmp_path / "tmp"
        # A statement that would run for minutes (and heeds Ctrl-C) after the copy: on a
        # busy machine the interrupt may land after the copy and the attach, and a
        # statement done by then would exit 0 (p48 saw it once); it must still be one line.
        proc = start_sql(lake, "SELECT sum(range) FROM range(100000000000)", scratch)
        # The copy's file appears once the scanner is loaded and PostgreSQL attached:
        # the interrupt reaches DuckDB inside the copy (or the attach or statement after it).
        wait_until(lambda: proc.poll() is not None
                   or any(scratch.glob("*/catalog.ducklake")), 120)
        assert proc.poll() is None, proc.communicate()
        err, _took = interrupt(proc)
    assert proc.returncode == 130, err
    assert err.splitlines() == ["pressroom: error: interrupted"], err
    assert list(scratch.iterdir()) == []
