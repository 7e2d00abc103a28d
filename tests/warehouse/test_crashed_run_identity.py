"""A live run's process known without a clock (migration 019, o47).

The sweep (:func:`warehouse.crashed_runs.mark_crashed_runs`) judged a run of this host
by its pid and, against a recycled pid, by the process's start time read from /proc
(``btime`` + start ticks) against the row's ``started_at``, with 2 s of slack. ``btime``
is the kernel's now minus uptime: a clock stepped forward while the run is alive (NTP's
first sync on a board without a real-time clock, a VM resumed) moves it, and the live
run's process looked younger than its run: marked crashed while still writing. Since
019 the row keeps its process's start ticks and the kernel's boot id, compared as they
are. The step is simulated by moving the row's ``started_at`` back by the step, which
is what the comparison sees. Real processes, real DuckDB files and DuckDB-catalog lakes
(conftest.file_or_lake), one PostgreSQL-catalog lake; no sleeps.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.cli_run import refused_then_migrated, versions_from
from tests.owner_process import live_process
from warehouse import Warehouse, crashed_runs
from warehouse.schema import apply_migrations, load_migrations

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

STEP = timedelta(seconds=30)  # the clock stepped forward by this after the run began


@pytest.fixture
def wh(file_or_lake: Warehouse) -> Warehouse:
    return file_or_lake  # conftest: a DuckDB file, then a lake


@pytest.fixture
def live() -> Iterator[int]:
    """The pid of a live process, the run's owner; it ends when its stdin closes."""
    with live_process() as pid:
        yield pid


def _start(wh: Warehouse, run_id: str, pid: int) -> None:
    """The run's row as flows.run writes it: after its process started, at its clock."""
    wh.start_run(run_id, ["a"], datetime.now(UTC), pid)


def _step_clock(wh: Warehouse, run_id: str) -> None:
    wh.connection.execute(
        "UPDATE runs SET started_at = started_at - ?::INTERVAL WHERE run_id = ?",
        [STEP, run_id])


def _status(wh: Warehouse, run_id: str) -> str:
    (row,) = wh.query("SELECT status FROM runs WHERE run_id = ?", [run_id]).rows
    return str(row[0])


def test_a_clock_stepped_forward_does_not_crash_a_live_run(wh: Warehouse, live: int) -> None:
    _start(wh, "live", live)
    _step_clock(wh, "live")
    now = datetime.now(UTC)
    assert wh.mark_crashed_runs(now) == 0  # main: 1, "process ... ended without finishing"
    assert _status(wh, "live") == "running"
    assert [s.status for s in wh.status() if s.source == "a"] == ["running"]
    # The row says which process it is: this boot's id and the process's start ticks.
    (owner,) = wh.query("SELECT boot_id, pid_start_ticks FROM runs").rows
    assert owner == crashed_runs.process_identity(live)


def test_a_recycled_pid_is_not_the_runs_owner(wh: Warehouse, live: int) -> None:
    # The pid is alive and its start time by the clock fits the run; the process there
    # began at other ticks: another process took the pid. Dead, whatever the clock says.
    _start(wh, "recycled", live)
    wh.connection.execute("UPDATE runs SET pid_start_ticks = pid_start_ticks - 100")
    assert wh.mark_crashed_runs(datetime.now(UTC)) == 1
    (row,) = wh.query("SELECT status, error FROM runs").rows
    assert row[0] == "crashed" and f"process {live} ended" in row[1]


def test_another_boot_id_is_a_reboot(wh: Warehouse, live: int) -> None:
    _start(wh, "before-reboot", live)
    wh.connection.execute("UPDATE runs SET boot_id = '00000000-0000-4000-8000-000000000000'")
    assert wh.mark_crashed_runs(datetime.now(UTC)) == 1
    assert _status(wh, "before-reboot") == "crashed"


def test_a_restarted_run_records_its_new_process(wh: Warehouse, live: int) -> None:
    # start_run again (same run_id) resets the row: its owner is the new process.
    wh.start_run("again", ["a"], datetime.now(UTC), 1)
    _start(wh, "again", live)
    _step_clock(wh, "again")
    assert wh.mark_crashed_runs(datetime.now(UTC)) == 0
    (owner,) = wh.query("SELECT boot_id, pid_start_ticks FROM runs").rows
    assert owner == crashed_runs.process_identity(live)


def test_rows_without_an_owner_are_judged_by_the_clock(wh: Warehouse, live: int) -> None:
    # A row written before 019 (or where /proc could not be read): as before, a process
    # that began more than 2 s after the run's start is not its owner; one before it is.
    for run_id in ("old-stepped", "old-fits"):
        _start(wh, run_id, live)
    wh.connection.execute("UPDATE runs SET boot_id = NULL, pid_start_ticks = NULL")
    _step_clock(wh, "old-stepped")
    assert wh.mark_crashed_runs(datetime.now(UTC)) == 1
    assert (_status(wh, "old-stepped"), _status(wh, "old-fits")) == ("crashed", "running")


def test_without_proc_the_pid_alone_is_checked(
    wh: Warehouse, live: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No /proc (not Linux): nothing to record, and a live pid is its run's owner, as before.
    monkeypatch.setattr(crashed_runs, "PROC", tmp_path / "no-proc")
    _start(wh, "no-proc", live)
    assert wh.query("SELECT boot_id, pid_start_ticks FROM runs").rows == [(None, None)]
    _step_clock(wh, "no-proc")
    assert wh.mark_crashed_runs(datetime.now(UTC)) == 0
    monkeypatch.undo()  # /proc back, the row still without an owner: by the clock
    assert wh.mark_crashed_runs(datetime.now(UTC)) == 1


def test_a_dead_owner_is_crashed(wh: Warehouse) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    _start(wh, "gone", proc.pid)  # recorded while it runs, or not at all if it ended first
    proc.wait(timeout=60)
    assert wh.mark_crashed_runs(datetime.now(UTC)) == 1


# -- migration 019 on a warehouse written before it ---------------------------------------


def test_a_warehouse_at_018_needs_019_and_its_running_rows_keep_the_clock_check(
    tmp_path: Path, live: int
) -> None:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    try:
        apply_migrations(con, [m for m in load_migrations() if m.version <= 18])
        wh = Warehouse(con)
        _start(wh, "old-run", live)  # written by 018's release: no owner columns
        _step_clock(wh, "old-run")
        _start(wh, "old-fits", live)
    finally:
        con.close()
    refused_then_migrated(db, "status", 19)  # read-only: refused in one line
    con = duckdb.connect(str(db))
    try:
        wh = Warehouse(con)
        assert wh.query("SELECT DISTINCT boot_id, pid_start_ticks FROM runs").rows == [
            (None, None)]
        assert wh.mark_crashed_runs(datetime.now(UTC)) == 1  # old-run: by the clock, as before
        assert _status(wh, "old-fits") == "running"
        _start(wh, "new-run", live)  # written after the migration: its owner recorded
        _step_clock(wh, "new-run")
        assert wh.mark_crashed_runs(datetime.now(UTC)) == 0
        assert _status(wh, "new-run") == "running"
    finally:
        con.close()


def test_019_on_a_postgresql_catalog_lake(tmp_path: Path, live: int) -> None:
    from tests.lakepg import running_postgres
    from warehouse.lake import LakeTarget, connect_lake, parse_target
    from warehouse.lake_schema import apply_lake_migrations

    with running_postgres() as pg:
        target = parse_target(pg.new_catalog(), str(tmp_path / "data"))
        assert isinstance(target, LakeTarget)
        con = connect_lake(target)
        try:
            assert apply_lake_migrations(con, [m for m in load_migrations()
                                               if m.version <= 18])[-1] == 18
            wh = Warehouse(con, lake_target=target)
            _start(wh, "old-run", live)
            assert apply_lake_migrations(con) == versions_from(19)
            _start(wh, "new-run", live)
            wh.connection.execute("UPDATE runs SET started_at = started_at - ?::INTERVAL",
                                  [STEP])  # both runs, as a clock step would
            assert wh.mark_crashed_runs(datetime.now(UTC)) == 1
            assert (_status(wh, "old-run"), _status(wh, "new-run")) == ("crashed", "running")
            assert wh.query("SELECT boot_id, pid_start_ticks FROM runs "
                            "WHERE run_id = 'new-run'").rows == [
                crashed_runs.process_identity(live)]
        finally:
            con.close()
