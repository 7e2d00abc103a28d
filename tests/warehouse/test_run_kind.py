"""runs.kind and fetch_log.older_page (migration 012): what `status --retries` needs to
tell a failed older feed page (asked by the next backfill) from the rest."""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.cli_run import run_cli
from tests.warehouse.whtest import T0
from warehouse import RunCounts, open_warehouse
from warehouse.schema import apply_migrations, load_migrations


def test_rows_before_012_are_ingest_runs_and_no_older_pages(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    apply_migrations(con, [m for m in load_migrations() if m.version < 12])
    con.execute("INSERT INTO runs (run_id, source, started_at, status) "
                "VALUES ('old', 'example', ?, 'ok')", [T0])
    con.execute("INSERT INTO fetch_log (run_id, source, url, started_at, attempt, error_class) "
                "VALUES ('old', 'example', 'https://example.org/feed?page=2', ?, 1, "
                "'HTTPStatusError')", [T0])
    con.close()
    with open_warehouse(db) as wh:  # migrates
        assert wh.query("SELECT run_id, kind FROM runs").rows == [("old", "ingest")]
        assert wh.query("SELECT older_page FROM fetch_log").rows == [(False,)]
        # Read as before 012: the latest run's failure, asked again next run.
        assert [r[1] for r in wh.retry_list().rows] == ["next_run"]


def test_a_run_records_its_kind_also_when_only_finished(tmp_path: Path) -> None:
    """A run that found the file locked skips start_run: finish_run creates the row."""
    with open_warehouse(tmp_path / "x.duckdb") as wh:
        wh.start_run("r1", ["a"], T0, 1, kind="backfill")
        wh.finish_run("r1", "a", RunCounts(), "ok", None, T0)
        wh.finish_run("r2", "a", RunCounts(), "ok", None, T0, kind="backfill")
        wh.finish_run("r3", "a", RunCounts(), "ok", None, T0)
        assert wh.query("SELECT run_id, kind FROM runs ORDER BY 1").rows == [
            ("r1", "backfill"), ("r2", "backfill"), ("r3", "ingest")]
        with pytest.raises(ValueError, match="ingest or backfill"):
            wh.start_run("r4", ["a"], T0, 1, kind="reparse")


def test_status_on_a_file_of_the_previous_release_names_the_command_that_migrates_it(
    tmp_path: Path,
) -> None:
    """README ('Upgrading'): a read-only command on a warehouse an earlier release wrote
    says in one line which command migrates it; that command does, and status then works
    (it said 'open it read-write once', which names no command)."""
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    apply_migrations(con, [m for m in load_migrations() if m.version < 12])
    con.close()

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, "--db", str(db), timeout=120)

    status = cli("status", "--retries")
    assert status.returncode == 1 and status.stdout == ""
    pending = [m.version for m in load_migrations() if m.version >= 12]  # 013 came after
    assert status.stderr.count("\n") == 1 and f"needs migrations {pending}" in status.stderr
    assert "`pressroom sql --write 'SELECT 1'`" in status.stderr, status.stderr
    migrate = cli("sql", "--write", "SELECT 1")
    assert migrate.returncode == 0, migrate.stderr
    after = cli("status", "--retries")
    assert after.returncode == 0 and "(0 rows)" in after.stdout, after.stdout + after.stderr
