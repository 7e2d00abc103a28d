"""A run stopped by Ctrl-C closes its own rows, saying so (u54).

Before, its rows stayed 'running' until a later read or run judged the process gone and
closed them as ``crashed`` with "process N ended without finishing the run": true of a
kill, not of a user who pressed Ctrl-C. The CLI, once the run has unwound, closes the
rows this process still holds 'running' (its pid on this host, and, where the row keeps
them, its boot id and start ticks: :mod:`warehouse.crashed_runs`) as ``crashed`` (the
status the next run and ``status`` already treat as "picked up by the next run") with
an error saying it was interrupted and how many article versions it stored. Nothing else
is written: what the run stored stays, what it did not is fetched by the next run.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime

import duckdb

from warehouse.crashed_runs import process_identity
from warehouse.run_seq import runs_has_column
from warehouse.txn import transaction


@dataclass(frozen=True, slots=True)
class Interrupted:
    """What an interrupted run left: its rows closed, and the article versions stored."""

    runs: int
    stored: int


def interrupted_reason(stored: int) -> str:
    """The ``runs.error`` of an interrupted run's rows."""
    return (f"interrupted (Ctrl-C) after storing {stored} article(s); the next run "
            "fetches the rest")


def close_interrupted_runs(con: duckdb.DuckDBPyConnection, now: datetime,
                           pid: int | None = None) -> Interrupted:
    """Close the rows this process (``pid``) still has 'running' on this host as
    'crashed', interrupted; count the article versions those runs stored."""
    pid = os.getpid() if pid is None else pid
    owned = runs_has_column(con, "pid_start_ticks")
    rows = con.execute(
        "SELECT run_id, source, " + ("boot_id, pid_start_ticks" if owned else "NULL, NULL")
        + " FROM runs WHERE status = 'running' AND pid = ? AND host = ?",
        [pid, socket.gethostname()]).fetchall()
    identity = process_identity(pid)
    ours = [(str(run), str(source)) for run, source, boot, ticks in rows
            if boot is None or ticks is None or identity is None
            or (str(boot), int(ticks)) == identity]  # else a recycled pid's old row
    if not ours:
        return Interrupted(0, 0)
    run_ids = sorted({run for run, _ in ours})
    found = con.execute("SELECT count(*) FROM article_versions WHERE list_contains(?, run_id)",
                        [run_ids]).fetchone()
    stored = int(found[0]) if found else 0
    reason = interrupted_reason(stored)
    with transaction(con):
        for run_id, source in ours:
            con.execute("UPDATE runs SET status = 'crashed', finished_at = ?, error = ? "
                        "WHERE run_id = ? AND source = ? AND status = 'running'",
                        [now, reason, run_id, source])
    return Interrupted(len(ours), stored)
