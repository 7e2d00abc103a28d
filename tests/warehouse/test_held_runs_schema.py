"""Migration 013 ('held' runs): a warehouse at 012 with rows in runs reaches 013 with
nothing lost, on the DuckDB file and on a lake (local and PostgreSQL catalog); a held
row is never a source's latest run for `status` and `status --retries`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pressroom.errors import WarehouseError
from tests.lakepg import Postgres, running_postgres
from tests.warehouse.whtest import T0
from warehouse import RunCounts, open_warehouse
from warehouse.lake import LakeTarget, connect_lake, parse_target
from warehouse.lake_schema import apply_lake_migrations
from warehouse.schema import Migration, apply_migrations, load_migrations

BEFORE = [m for m in load_migrations() if m.version < 13]
LATEST = max(m.version for m in load_migrations())
T1 = T0 + timedelta(hours=1)
# Every status and kind 012 allows, NULLs where the columns take them, odd text.
ROWS_012: list[tuple[Any, ...]] = [
    ("r1", "a", T0, T1, "ok", 11, "h1", 1, 2, 3, 4, 5, 6, None, "ingest"),
    ("r1", "b", T0, T1, "partial", 11, "h1", 7, 6, 5, 4, 3, 2, None, "ingest"),
    ("r2", "a", T1, None, "running", None, None, 0, 0, 0, 0, 0, 0, None, "backfill"),
    ("r3", "a", T0, T0, "failed", 12, "h2", 0, 0, 0, 0, 0, 0, "FeedError: 'x'\n\u00e9", "ingest"),
    ("r4", "c", T0, T1, "crashed", 13, "h3", 9, 9, 0, 0, 0, 9, "process 13 ended", "backfill"),
]
_COLUMNS_012 = ("run_id, source, started_at, finished_at, status, pid, host, discovered, "
                "fetched, new, updated, unchanged, failed, error, kind")
_INSERT = f"INSERT INTO runs ({_COLUMNS_012}) VALUES (" + ", ".join(["?"] * 15) + ")"
_ALL = f"SELECT {_COLUMNS_012} FROM runs ORDER BY run_id, source"


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
        "AND table_catalog = current_database() AND table_name <> 'schema_migrations'"
    ).fetchall()]
    return {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])  # type: ignore[index]
            for t in tables}


def runs_at(where: Path | LakeTarget, migrations: list[Migration],
            rows: list[tuple[Any, ...]]) -> dict[str, int]:
    """A DuckDB file (``where`` a path) or a lake with ``migrations`` applied and ``rows``
    in runs; the row count of every table."""
    lake = isinstance(where, LakeTarget)
    con = connect_lake(where) if lake else duckdb.connect(str(where))
    try:
        (apply_lake_migrations if lake else apply_migrations)(con, migrations)
        con.executemany(_INSERT, rows)
        return _counts(con)
    finally:
        con.close()


def _file_at_012(db: Path) -> dict[str, int]:
    return runs_at(db, BEFORE, ROWS_012)


def test_a_file_at_012_migrates_to_013_with_every_run_kept(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    before = _file_at_012(db)
    with open_warehouse(db) as wh:  # migrates
        assert wh.schema_version() == LATEST  # 013, and 014 after it
        con = wh.connection
        assert con.execute(_ALL).fetchall() == sorted(ROWS_012, key=lambda r: (r[0], r[1]))
        assert _counts(con) == before
        # The rebuilt table keeps its key and its CHECK, which now takes 'held'.
        with pytest.raises(duckdb.ConstraintException):
            con.execute(_INSERT, ROWS_012[0])
        with pytest.raises(duckdb.ConstraintException):
            con.execute("INSERT INTO runs (run_id, source, started_at, status) "
                        "VALUES ('x', 'a', now(), 'bogus')")
        wh.record_held("r5", ["a", "a", "b"], T1, 99)
        wh.record_held("r5", ["a"], T1, 99)  # again: nothing changes
        assert con.execute("SELECT source, status, kind, started_at, finished_at, pid, "
                           "discovered + fetched + new + updated + unchanged + failed, error "
                           "FROM runs WHERE run_id = 'r5' ORDER BY source").fetchall() == [
            ("a", "held", "ingest", T1, T1, 99, 0, None),
            ("b", "held", "ingest", T1, T1, 99, 0, None)]
        # The views over runs still read it.
        assert con.execute("SELECT count(*) FROM source_health").fetchone() == (3,)
    with open_warehouse(db) as wh:  # opened again: nothing is applied twice
        assert [r[0] for r in wh.query("SELECT version FROM schema_migrations "
                                       "ORDER BY 1").rows] == [m.version for m in load_migrations()]
        assert wh.query("SELECT count(*) FROM runs").rows == [(len(ROWS_012) + 2,)]


def test_a_013_that_cannot_finish_leaves_the_file_at_012_with_its_runs(tmp_path: Path) -> None:
    """A table named runs_013 already there (an analyst's copy made with sql --write):
    the migration fails in one line and rolls back whole; runs and version stay. (013 is
    applied as the last one here: with 014 pending after it, 013 is not run at all,
    warehouse.schema.REDONE_BY, tests/warehouse/test_migration_steps.py.)"""
    db = tmp_path / "old.duckdb"
    _file_at_012(db)
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE runs_013 AS SELECT * FROM runs")
    try:
        with pytest.raises(WarehouseError, match=r"^migration 013_held_runs failed: .*runs_013"):
            apply_migrations(con, [m for m in load_migrations() if m.version <= 13])
    finally:
        con.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute(_ALL).fetchall() == sorted(ROWS_012, key=lambda r: (r[0], r[1]))
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone() == (12,)
    finally:
        con.close()


def test_a_file_from_the_first_release_reaches_013_with_its_runs(tmp_path: Path) -> None:
    """Through 003's rebuild, 012's kind and 013's rebuild: values kept, kind 'ingest'."""
    db = tmp_path / "first.duckdb"
    con = duckdb.connect(str(db))
    apply_migrations(con, [m for m in load_migrations() if m.version == 1])
    con.executemany("INSERT INTO runs VALUES (" + ", ".join(["?"] * 14) + ")",
                    [r[:14] for r in ROWS_012 if r[4] != "partial"])
    con.close()
    with open_warehouse(db) as wh:
        assert wh.query(_ALL).rows == [(*r[:14], "ingest") for r in ROWS_012
                                       if r[4] != "partial"]


def test_a_held_run_is_never_the_sources_latest_run(tmp_path: Path) -> None:
    """status: the last run that ran (a backfill still running, or done) and the held runs
    since it began; status --retries: the failures of that run stay 'next_run'."""
    now = datetime.now(UTC)  # the backfill is this live process: 'running', not 'crashed'
    with open_warehouse(tmp_path / "x.duckdb") as wh:
        wh.start_run("fill", ["a"], now, os.getpid(), kind="backfill")
        wh.connection.execute(
            "INSERT INTO fetch_log (run_id, source, url, started_at, attempt, error_class, "
            "older_page) VALUES ('fill', 'a', 'https://a.test/1', ?, 1, 'FetchTimeout', false)",
            [now])
        wh.record_held("sched1", ["a"], now + timedelta(minutes=5), 2)
        wh.record_held("sched2", ["a"], now + timedelta(minutes=10), 3)
        (st,) = wh.status()
        assert (st.last_run_id, st.status, st.held_runs, st.last_held_at) == (
            "fill", "running", 2, now + timedelta(minutes=10))
        assert [r[1] for r in wh.retry_list().rows] == ["next_run"]
        wh.finish_run("fill", "a", RunCounts(), "partial", None, now + timedelta(minutes=20),
                      kind="backfill")
        (st,) = wh.status()
        assert (st.last_run_id, st.status, st.held_runs) == ("fill", "partial", 2)
        wh.start_run("next", ["a"], now + timedelta(minutes=30), os.getpid())
        wh.finish_run("next", "a", RunCounts(), "ok", None, now + timedelta(minutes=31))
        (st,) = wh.status()
        assert (st.last_run_id, st.status, st.held_runs, st.last_held_at) == (
            "next", "ok", 0, None)


# -- the lake -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


@pytest.mark.parametrize("catalog", ["local", "postgres"])
def test_a_lake_at_012_migrates_to_013_with_every_run_kept(
        tmp_path: Path, catalog: str, request: pytest.FixtureRequest) -> None:
    uri = (request.getfixturevalue("postgres").new_catalog() if catalog == "postgres"
           else f"ducklake:{tmp_path / 'meta.ducklake'}")
    target = parse_target(uri, str(tmp_path / "data"))
    assert isinstance(target, LakeTarget)
    before = runs_at(target, BEFORE, ROWS_012)
    with open_warehouse(target) as wh:
        assert wh.schema_version() == LATEST  # 013, and 014 after it
        assert wh.connection.execute(_ALL).fetchall() == sorted(ROWS_012,
                                                                 key=lambda r: (r[0], r[1]))
        assert _counts(wh.connection) == before
        wh.record_held("r5", ["a"], T1, 99)
        assert wh.query("SELECT status, kind FROM runs WHERE run_id = 'r5'").rows == [
            ("held", "ingest")]
    with open_warehouse(target) as wh:
        assert wh.query("SELECT max(version), count(*) FROM schema_migrations").rows == [
            (LATEST, len(load_migrations()))]
        assert wh.query("SELECT count(*) FROM runs").rows == [(len(ROWS_012) + 1,)]
