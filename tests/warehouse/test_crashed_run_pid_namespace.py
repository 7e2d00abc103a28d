"""A run's pid read in another pid namespace (k47 on o47's 019).

A pid names a process only inside its pid namespace: a run in a container (docker
``--network host`` or Kubernetes ``hostNetwork``, which keep the host's hostname; a
systemd unit with ``PrivatePIDs=``) writes its row with the host's hostname and a pid
such as 1, which on the host is init. 019's sweep judged that row by the host's pid 1:
alive, at other start ticks, so "a recycled pid": the live run in the container was
marked crashed by any run on the host (main before 019 judged it by pid 1's start time,
before the run's: left running). The other way, a row of the host judged inside the
container: its pid is not there, so crashed while it runs. Since 020 the row keeps the
namespace its pid was read in: the host finds the run's process in a container's
namespace (nested in its own) and judges it there, by its start ticks; inside a
container a row of the host (or of a sibling) cannot be seen, and waits
``FOREIGN_RUN_STALE_AFTER`` as a run of another host.

Real processes in real pid namespaces (``unshare --pid --fork --mount-proc``, which
needs root or user namespaces: skipped without), real DuckDB files; no sleeps.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.owner_process import can_unshare
from warehouse import Warehouse
from warehouse.schema import apply_migrations

ROOT = Path(__file__).resolve().parents[2]

# In the namespace: write a 'running' row owned by this process (or sweep), say so, and
# live until stdin closes.
CHILD = """
import os, sys
from datetime import UTC, datetime
import duckdb
from warehouse import Warehouse
wh = Warehouse(duckdb.connect(sys.argv[1]))
if sys.argv[2] == 'start':
    wh.start_run('in-ns', ['a'], datetime.now(UTC), os.getpid())
    said = os.getpid()
else:
    said = wh.mark_crashed_runs(datetime.now(UTC))
wh.close()
print(said, flush=True)
sys.stdin.read()
"""


def _unshare(*args: str, proc: bool = True) -> list[str]:
    if args[-1] == "then-end":  # the run's process (pid 2) ends, sh says so; pid 1 lives on
        return ["unshare", "--pid", "--fork", "--mount-proc", "sh", "-c",
                '"$0" -c "$1" "$2" start </dev/null && echo ended && exec cat >/dev/null',
                sys.executable, CHILD, args[0]]
    return ["unshare", "--pid", "--fork", *(["--mount-proc"] if proc else []),
            sys.executable, "-c", CHILD, *args]


pytestmark = pytest.mark.skipif(not can_unshare(), reason="needs pid namespaces")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    try:
        apply_migrations(con)
    finally:
        con.close()
    return path


@pytest.fixture
def in_namespace() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=60)


def _spawn(procs: list[subprocess.Popen[str]], *args: str, proc: bool = True) -> str:
    """Start CHILD in a new pid namespace; its first line once its connection is closed."""
    child = subprocess.Popen(_unshare(*args, proc=proc), stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    procs.append(child)
    assert child.stdout is not None
    return child.stdout.readline().strip()


def _errors(db: Path) -> list[str]:
    con = duckdb.connect(str(db))
    try:
        return [str(r[0]) for r in con.execute("SELECT error FROM runs").fetchall()]
    finally:
        con.close()


def _rows(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db))
    try:
        return [(str(r[0]), str(r[1])) for r in
                con.execute("SELECT run_id, status FROM runs ORDER BY run_id").fetchall()]
    finally:
        con.close()


def _sweep(db: Path, now: datetime, *, ticks: int = 0, back: timedelta = timedelta()) -> int:
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE runs SET pid_start_ticks = pid_start_ticks + ?, "
                    "started_at = started_at - ?::INTERVAL", [ticks, back])
        return Warehouse(con).mark_crashed_runs(now)
    finally:
        con.close()


def test_a_run_in_a_pid_namespace_is_not_judged_by_the_hosts_pid(
    db: Path, in_namespace: list[subprocess.Popen[str]]
) -> None:
    assert _spawn(in_namespace, str(db), "start") == "1"  # pid 1 there; init here
    now = datetime.now(UTC)
    # 019: 1, "process 1 ended without finishing the run" (init's ticks are not the run's)
    assert _sweep(db, now) == 0
    # Judged by its own process, seen from here: a clock step does not crash it, a day
    # does not either; other start ticks (a recycled pid there) do.
    assert _sweep(db, now + timedelta(hours=25), back=timedelta(seconds=30)) == 0
    assert _sweep(db, now, ticks=-100) == 1
    (reason,) = _errors(db)
    assert reason.startswith("process 1 of pid namespace pid:["), reason


def test_a_run_whose_namespace_ended_is_crashed_at_once(  # a guard: 019 crashed it too
    db: Path, in_namespace: list[subprocess.Popen[str]]
) -> None:
    assert _spawn(in_namespace, str(db), "start") == "1"
    child = in_namespace.pop()
    assert child.stdin is not None
    child.stdin.close()
    child.wait(timeout=60)  # the container stopped: its namespace is gone
    assert _sweep(db, datetime.now(UTC)) == 1


def test_a_run_whose_process_ended_in_a_living_namespace_is_crashed(
    db: Path, in_namespace: list[subprocess.Popen[str]]
) -> None:
    # pid 2 wrote the row and ended; pid 1 of its namespace lives on. (Here pid 2 is
    # kthreadd, alive since boot: before 019 the row stayed 'running'; 019 crashed it by
    # kthreadd's other ticks. Now judged in its namespace: the process is gone.)
    assert _spawn(in_namespace, str(db), "then-end") == "2"
    # The sweep must follow pid 2's end, not its printed line (it once ran in between).
    stdout = in_namespace[-1].stdout
    assert stdout is not None
    assert stdout.readline().strip() == "ended"
    assert _sweep(db, datetime.now(UTC)) == 1


def test_a_run_of_the_host_is_not_judged_inside_a_pid_namespace(
    db: Path, in_namespace: list[subprocess.Popen[str]]
) -> None:
    con = duckdb.connect(str(db))
    try:
        Warehouse(con).start_run("on-host", ["a"], datetime.now(UTC), os.getpid())
    finally:
        con.close()
    assert _spawn(in_namespace, str(db), "sweep") == "0"  # before: 1 (pid not there)
    assert _rows(db) == [("on-host", "running")]


def test_a_namespace_reading_the_hosts_proc_records_no_other_process(
    db: Path, in_namespace: list[subprocess.Popen[str]]
) -> None:
    # A pid namespace without its own /proc (unshare without --mount-proc; a container
    # given the host's /proc): /proc/1 there is the host's init, not the run's pid 1.
    # 019 recorded init's start ticks as the run's; its row then matched init for ever.
    assert _spawn(in_namespace, str(db), "start", proc=False) == "1"
    con = duckdb.connect(str(db))
    try:
        (ticks,) = con.execute("SELECT pid_start_ticks FROM runs").fetchone() or (None,)
        assert ticks is None
    finally:
        con.close()
