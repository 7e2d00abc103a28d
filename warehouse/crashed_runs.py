"""Crashed-run detection: 'running' rows whose process is gone, found and closed.

A run's rows say 'running' from its start to its end (:mod:`warehouse.runs`); a run
killed between (Ctrl-C, kill -9, a host lost) leaves them so. The next run's start
marks them 'crashed' (:func:`mark_crashed_runs`), and ``status`` shows them so
(:func:`dead_runs`, read-only). Moved unchanged from ``warehouse/runs.py`` (o46).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import duckdb

from warehouse.leftovers import alive
from warehouse.txn import transaction


def _process_start(pid: int) -> datetime | None:
    """Start time of ``pid`` from /proc (Linux), or None when it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
        with open("/proc/stat", encoding="ascii") as fh:
            btime = next(int(line.split()[1]) for line in fh if line.startswith("btime "))
        # Field 22 (starttime, in clock ticks since boot) follows the
        # parenthesised command name, which may itself contain spaces.
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        hz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None
    return datetime.fromtimestamp(btime + ticks / hz, tz=UTC)


def pid_alive(pid: int, since: datetime | None = None) -> bool:
    """True if ``pid`` runs on this host (and, when known, started before ``since``).

    The start-time check catches a recycled pid: a process that began after the
    run started cannot be the one that owns it.
    """
    if not alive(pid):
        return False
    if since is not None:
        started = _process_start(pid)
        # Two seconds of slack: btime and clock ticks are coarse.
        if started is not None and started.timestamp() > since.timestamp() + 2:
            return False
    return True


# A run of another host (or without a pid) cannot be checked by pid; after
# this long it is presumed dead. Containers get a new hostname per start, so
# without this such rows would stay 'running' forever.
FOREIGN_RUN_STALE_AFTER = timedelta(hours=24)


def dead_runs(
    con: duckdb.DuckDBPyConnection,
    now: datetime,
    host: str | None = None,
    stale_after: timedelta | None = FOREIGN_RUN_STALE_AFTER,
) -> list[tuple[str, str, str]]:
    """(run_id, source, reason) of each 'running' run whose process is gone.

    Runs of this host are judged by their pid (and its start time, against
    pid reuse). Runs of other hosts, or without a pid, are dead once they
    started more than ``stale_after`` before ``now`` (never, if None).
    """
    this_host = host or socket.gethostname()
    rows = con.execute(
        "SELECT run_id, source, pid, host, started_at FROM runs WHERE status = 'running'"
    ).fetchall()
    dead: list[tuple[str, str, str]] = []
    for run_id, source, pid, run_host, started_at in rows:
        if pid is not None and run_host in (None, this_host):
            if not pid_alive(int(pid), started_at):
                dead.append((run_id, source, f"process {pid} ended without finishing the run"))
        elif stale_after is not None and started_at < now - stale_after:
            dead.append(
                (
                    run_id,
                    source,
                    f"still running on {run_host or 'an unknown host'} "
                    f"after {stale_after}; presumed crashed",
                )
            )
    return dead


def mark_crashed_runs(
    con: duckdb.DuckDBPyConnection,
    now: datetime,
    host: str | None = None,
    stale_after: timedelta | None = FOREIGN_RUN_STALE_AFTER,
) -> int:
    """Mark the :func:`dead_runs` as 'crashed'; returns how many."""
    dead = dead_runs(con, now, host, stale_after)
    return _mark_crashed(con, now, dead) if dead else 0


def _mark_crashed(
    con: duckdb.DuckDBPyConnection, now: datetime, dead: Sequence[tuple[str, str, str]]
) -> int:
    """Mark each (run_id, source, reason) row still 'running' as 'crashed', in one
    transaction (a row that finished meanwhile is left); returns how many."""
    marked = 0
    with transaction(con):
        for run_id, source, reason in dead:
            result = con.execute(
                "UPDATE runs SET status = 'crashed', finished_at = ?, error = coalesce(error, ?) "
                "WHERE run_id = ? AND source = ? AND status = 'running'",
                [now, reason, run_id, source],
            ).fetchone()
            marked += int(result[0]) if result else 0
    return marked


def mark_superseded_runs(
    con: duckdb.DuckDBPyConnection,
    sources: Sequence[str],
    run_id: str,
    now: datetime,
    host: str | None = None,
) -> int:
    """Mark the other 'running' runs of ``sources`` as crashed; returns how many.

    Only for a run that holds these sources' cluster-wide lease
    (:mod:`flows.concurrency`): no other run of them is alive anywhere, so a row
    still 'running' belongs to a worker that died, on any host. Rows of other
    hosts cannot be judged by pid and would otherwise wait out
    :data:`FOREIGN_RUN_STALE_AFTER`.
    """
    if not sources:
        return 0
    this_host = host or socket.gethostname()
    wanted = list(dict.fromkeys(sources))
    rows = con.execute(
        "SELECT run_id, source, pid, host FROM runs "
        "WHERE status = 'running' AND run_id <> ? AND list_contains(?, source)",
        [run_id, wanted],
    ).fetchall()
    dead = []
    for old_run, source, pid, old_host in rows:
        where = f"{old_host or 'an unknown host'}" + (f" (pid {pid})" if pid else "")
        reason = (f"run on {where} ended without finishing: run {run_id} on {this_host} "
                  f"holds the cluster lease of {source}, so no other run of it is alive "
                  "(its worker was killed or its host lost)")
        dead.append((str(old_run), str(source), reason))
    return _mark_crashed(con, now, dead)
