"""Crashed-run detection: 'running' rows whose process is gone, found and closed.

A run's rows say 'running' from its start to its end (:mod:`warehouse.runs`); a run
killed between (Ctrl-C, kill -9, a host lost) leaves them so. The next run's start
marks them 'crashed' (:func:`mark_crashed_runs`), and ``status`` shows them so
(:func:`dead_runs`, read-only). Moved from ``warehouse/runs.py`` (o46).

**Which process owns a run, without a clock (019, o47).** A pid alone can be recycled.
The row keeps its process's start ticks (field 22 of /proc/PID/stat: clock ticks since
boot) and the kernel's boot id (/proc/sys/kernel/random/boot_id), read when
:func:`warehouse.runs.start_run` writes it (:func:`process_identity`); the process is
the run's while both are what /proc says now: another boot id is a reboot, other ticks a
recycled pid. Rows without them (written before 019, or where /proc could not be read)
are judged as before: the process's start time, /proc/stat's ``btime`` plus its ticks,
against the row's ``started_at``. ``btime`` is the kernel's now minus uptime, so it
moves with the wall clock: a clock stepped forward by more than the 2 s of slack while
the run is alive (NTP's first sync on a board without a real-time clock, a VM resumed)
makes the live process look younger than its run, and such a row is marked crashed.
Without /proc (not Linux) only the pid is checked, as before.

**A pid is judged in its own pid namespace (020, k47).** A run in a container that keeps
the host's hostname (docker ``--network host``, Kubernetes ``hostNetwork``, systemd's
``PrivatePIDs=``) writes a pid of its namespace, such as 1: on the host that is init,
alive at other ticks, and 019 took the live run as crashed; inside the container a row of
the host was crashed because its pid is not there. The row keeps the namespace its pid
was read in (:func:`pid_namespace`). A row of another namespace is judged by its process
as seen from here when that namespace is nested in ours (the host sees its containers:
:func:`_pid_here`), as ended when its namespace is seen without it or, from the initial
namespace, not seen at all; otherwise (a sibling container's, seen from inside one) as a
run of another host, presumed crashed after :data:`FOREIGN_RUN_STALE_AFTER`. Another boot
id is a reboot, as above. A /proc that is not this namespace's (a container
given the host's /proc: /proc/self is not ``os.getpid()``) names other processes by our
pids: nothing is read from it, and only the pid is checked.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from warehouse.leftovers import alive
from warehouse.run_seq import runs_has_column
from warehouse.txn import transaction

# Where the kernel's process table is read (Linux); a folder without it reads as no /proc.
PROC = Path("/proc")


def _start_ticks(pid: int) -> int | None:
    """Field 22 of /proc/PID/stat (starttime, clock ticks since boot), or None."""
    try:
        stat = (PROC / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
        # It follows the parenthesised command name, which may itself hold spaces.
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def boot_id() -> str | None:
    """This boot's id (new at every boot of the kernel), or None without /proc."""
    try:
        found = (PROC / "sys" / "kernel" / "random" / "boot_id").read_text(encoding="ascii")
    except (OSError, ValueError):
        return None
    return found.strip() or None


def own_proc() -> bool:
    """Whether /proc shows this process's pid namespace (/proc/self is our pid); in a
    namespace given another's /proc, /proc/PID is another process than our PID."""
    try:
        return int(os.readlink(PROC / "self")) == os.getpid()
    except (OSError, ValueError):
        return False


def pid_namespace() -> str | None:
    """This process's pid namespace as readlink gives it ('pid:[4026531836]'), or None
    without /proc."""
    try:
        return os.readlink(PROC / "self" / "ns" / "pid")
    except OSError:
        return None


# The initial pid namespace's inode (PROC_PID_INIT_INO), the same on every kernel since 3.8.
INIT_PID_NS = "pid:[4026531836]"


def _pid_here(ns: str, pid: int) -> tuple[int | None, bool]:
    """(its pid here, or None; whether None is sure) of process ``pid`` of pid namespace
    ``ns``. A namespace nested in ours is in /proc: ``NSpid`` in /proc/N/status lists a
    process's pid in each namespace from ours inwards, the last its own. Its absence is
    sure when ``ns`` is seen (the process ended), or when this is the initial namespace
    and every process could be read (the namespace ended with its last process)."""
    seen = unreadable = False
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text(encoding="ascii", errors="replace")
            nspid = next((line.split()[1:] for line in status.splitlines()
                          if line.startswith("NSpid:")), [])
            if not nspid:
                raise PermissionError("no NSpid (Linux before 4.1): cannot tell")
            if len(nspid) < 2:
                continue  # of our own namespace, not a nested one
            if os.readlink(entry / "ns" / "pid") != ns:
                continue
        except FileNotFoundError:
            continue  # ended meanwhile
        except OSError:
            unreadable = True  # another user's, without the right to look
            continue
        seen = True
        if nspid[-1] == str(pid):
            return int(entry.name), True
    return None, seen or (not unreadable and pid_namespace() == INIT_PID_NS)


def process_identity(pid: int) -> tuple[str, int] | None:
    """(boot id, start ticks) of ``pid`` on this host, or None when /proc cannot say
    (none, or another pid namespace's)."""
    if not own_proc():
        return None
    boot, ticks = boot_id(), _start_ticks(pid)
    return None if boot is None or ticks is None else (boot, ticks)


def _process_start(pid: int) -> datetime | None:
    """Start time of ``pid`` from /proc (Linux), or None when it cannot be read: boot
    time (``btime``, which moves with the wall clock) plus its start ticks."""
    ticks = _start_ticks(pid)
    try:
        with (PROC / "stat").open(encoding="ascii") as fh:
            btime = next(int(line.split()[1]) for line in fh if line.startswith("btime "))
        hz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None
    return None if ticks is None else datetime.fromtimestamp(btime + ticks / hz, tz=UTC)


def pid_alive(pid: int, since: datetime | None = None,
              identity: tuple[str, int] | None = None) -> bool:
    """True if ``pid`` runs on this host and is the process that owns the run.

    ``identity``: the (boot id, start ticks) :func:`process_identity` read when the run
    began; the process is its owner while /proc says the same (no clock involved).
    Without it (or without /proc now), ``since``: a process that began after the run
    started (its start time by the wall clock, 2 s of slack) cannot be its owner.
    """
    if not alive(pid):
        return False
    if not own_proc():
        return True  # /proc names other processes by our pids (or there is none)
    if identity is not None:
        boot = boot_id()
        if boot is not None and boot != identity[0]:
            return False  # rebooted since: no process of that boot is alive
        ticks = _start_ticks(pid)
        if boot is not None and ticks is not None:
            return ticks == identity[1]
    if since is not None:
        started = _process_start(pid)
        # Two seconds of slack: btime and clock ticks are coarse.
        if started is not None and started.timestamp() > since.timestamp() + 2:
            return False
    return True


def _other_namespace(ns: str | None, boot: str | None) -> bool:
    """Whether a pid read in pid namespace ``ns`` at boot ``boot`` is of another pid
    namespace of this boot than ours (020); after a reboot it names nothing alive."""
    here_ns, here_boot = pid_namespace(), boot_id()
    rebooted = boot is not None and here_boot is not None and boot != here_boot
    return None not in (ns, here_ns) and ns != here_ns and not rebooted


def owner_alive(pid: int, since: datetime | None, identity: tuple[str, int] | None,
                ns: str | None, boot: str | None = None, *,
                other_ns: bool | None = None) -> bool | None:
    """Whether process ``pid`` of this host, recorded with ``identity`` (boot id, start
    ticks), in pid namespace ``ns`` (None: ours) at boot ``boot`` (``identity``'s when
    given), at ``since`` by the clock, lives and is the one recorded (:func:`pid_alive`).
    A pid of another namespace is judged by its process as seen from here (020); None
    when that cannot be seen (a sibling container's, seen from inside one). ``other_ns``:
    :func:`_other_namespace` of these, when the caller has it (None: found here)."""
    boot = identity[0] if identity is not None else boot
    if other_ns is None:
        other_ns = _other_namespace(ns, boot)
    if other_ns:
        here_pid, sure = _pid_here(str(ns), pid) if own_proc() else (None, False)
        if here_pid is None:
            return False if sure else None
        pid = here_pid
    return pid_alive(pid, since, identity)


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

    Runs of this host are judged by their pid (and, against pid reuse, its boot id and
    start ticks, or for older rows its start time: :func:`pid_alive`). Runs of other
    hosts, of another pid namespace of this boot (020), or without a pid, are dead once
    they started more than ``stale_after`` before ``now`` (never, if None).
    """
    this_host = host or socket.gethostname()
    owner = ("boot_id, pid_start_ticks" if runs_has_column(con, "pid_start_ticks")
             else "NULL, NULL")  # before 019: judged by the clock
    owner += ", pid_ns" if runs_has_column(con, "pid_ns") else ", NULL"  # 020
    rows = con.execute(
        f"SELECT run_id, source, pid, host, started_at, {owner} FROM runs "
        "WHERE status = 'running'"
    ).fetchall()
    dead: list[tuple[str, str, str]] = []
    for run_id, source, pid, run_host, started_at, boot, ticks, ns in rows:
        local = pid is not None and run_host in (None, this_host)
        boot, ns = (None if v is None else str(v) for v in (boot, ns))
        identity = None if boot is None or ticks is None else (boot, int(ticks))
        # A pid read in another pid namespace of this boot (020): its process as seen
        # from here, when it can be; else (None) a run of another host.
        other_ns = local and _other_namespace(ns, boot)  # once a row: here and the reason
        alive = (owner_alive(int(pid), started_at, identity, ns, boot, other_ns=other_ns)
                 if local else None)
        if alive is False:
            where = f" of pid namespace {ns}" if other_ns else ""
            dead.append((run_id, source, f"process {pid}{where} ended without finishing the run"))
        elif alive is None and stale_after is not None and started_at < now - stale_after:
            dead.append(
                (
                    run_id,
                    source,
                    f"still running on {run_host or 'an unknown host'}"
                    + (f" (pid {pid} of pid namespace {ns})" if other_ns else "")
                    + f" after {stale_after}; presumed crashed",
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
