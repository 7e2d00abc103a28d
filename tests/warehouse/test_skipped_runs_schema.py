"""Migration 014 ('skipped' runs, runs.held_by): a warehouse at 013 with rows in runs,
'held' ones included, reaches 014 with nothing lost, on the DuckDB file and on a lake
(local and PostgreSQL catalog); a skipped row names its holder and is never a source's
latest run for `status` and `status --retries`."""

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
from tests.warehouse.test_held_runs_schema import (
    _COLUMNS_012,
    _INSERT,
    LATEST,
    ROWS_012,
    T1,
    _counts,
    runs_at,
)
from tests.warehouse.whtest import T0
from warehouse import RunCounts, open_warehouse
from warehouse.lake import LakeTarget, parse_target
from warehouse.schema import load_migrations

BEFORE = [m for m in load_migrations() if m.version < 14]
ROWS_013: list[tuple[Any, ...]] = [
    *ROWS_012, ("r5", "a", T1, T1, "held", 14, "h1", 0, 0, 0, 0, 0, 0, None, "ingest")]
_ALL = f"SELECT {_COLUMNS_012}, held_by FROM runs ORDER BY run_id, source"
_KEPT = [(*r, None) for r in sorted(ROWS_013, key=lambda r: (r[0], r[1]))]
_TURNED_AWAY = ("SELECT run_id, source, status, kind, started_at = finished_at, pid, "
                "discovered + fetched + new + updated + unchanged + failed, error, held_by "
                "FROM runs WHERE status IN ('held', 'skipped') ORDER BY run_id, source")


def _file_at_013(db: Path) -> dict[str, int]:
    return runs_at(db, BEFORE, ROWS_013)


def test_a_file_at_013_migrates_to_014_with_every_run_kept(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    before = _file_at_013(db)
    with open_warehouse(db) as wh:  # migrates
        assert wh.schema_version() == LATEST
        con = wh.connection
        assert con.execute(_ALL).fetchall() == _KEPT
        assert _counts(con) == before
        # The rebuilt table keeps its key and its CHECK, which now takes 'skipped'.
        with pytest.raises(duckdb.ConstraintException):
            con.execute(_INSERT, ROWS_013[0])
        with pytest.raises(duckdb.ConstraintException):
            con.execute("INSERT INTO runs (run_id, source, started_at, status) "
                        "VALUES ('x', 'a', now(), 'bogus')")
        wh.record_held("r6", ["a", "b"], T1, 99, status="skipped",
                       held_by={"a": "r2", "b": None})
        wh.record_held("r6", ["a"], T1, 99, status="skipped", held_by={"a": "r2"})  # again
        wh.record_held("r7", ["c"], T1, 98, status="skipped", kind="backfill",
                       held_by={"c": "r4"})
        wh.record_held("r8", ["a"], T1, 97, held_by={"a": "r2"})
        assert con.execute(_TURNED_AWAY).fetchall() == [
            ("r5", "a", "held", "ingest", True, 14, 0, None, None),
            ("r6", "a", "skipped", "ingest", True, 99, 0, None, "r2"),
            ("r6", "b", "skipped", "ingest", True, 99, 0, None, None),
            ("r7", "c", "skipped", "backfill", True, 98, 0, None, "r4"),
            ("r8", "a", "held", "ingest", True, 97, 0, None, "r2")]
        assert con.execute("SELECT count(*) FROM source_health").fetchone() == (3,)
        with pytest.raises(ValueError, match="held or skipped"):
            wh.record_held("r9", ["a"], T1, 1, status="ok")
    with open_warehouse(db) as wh:  # opened again: nothing is applied twice
        assert [r[0] for r in wh.query("SELECT version FROM schema_migrations "
                                       "ORDER BY 1").rows] == [m.version for m in load_migrations()]


def test_a_014_that_cannot_finish_leaves_the_file_at_013_with_its_runs(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _file_at_013(db)
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE runs_014 AS SELECT * FROM runs")
    con.close()
    with pytest.raises(WarehouseError, match=r"^migration 014_skipped_runs failed: .*runs_014"):
        open_warehouse(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute(f"SELECT {_COLUMNS_012} FROM runs ORDER BY run_id, source"
                           ).fetchall() == [r[:-1] for r in _KEPT]
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone() == (13,)
    finally:
        con.close()


def test_a_skipped_run_is_never_the_sources_latest_run(tmp_path: Path) -> None:
    """status: the run that holds the source (running, then done); status --retries: that
    run's failures stay 'next_run'. Fails without the filters: the skipped row shown."""
    now = datetime.now(UTC)  # the holder is this live process: 'running', not 'crashed'
    with open_warehouse(tmp_path / "x.duckdb") as wh:
        wh.start_run("first", ["a"], now, os.getpid())
        wh.connection.execute(
            "INSERT INTO fetch_log (run_id, source, url, started_at, attempt, error_class, "
            "older_page) VALUES ('first', 'a', 'https://a.test/1', ?, 1, 'FetchTimeout', false)",
            [now])
        wh.record_held("second", ["a"], now + timedelta(minutes=5), 2, status="skipped",
                       held_by={"a": "first"})
        (st,) = wh.status()
        assert (st.last_run_id, st.status, st.held_runs) == ("first", "running", 0)
        assert [r[1] for r in wh.retry_list().rows] == ["next_run"]
        wh.finish_run("first", "a", RunCounts(), "partial", None, now + timedelta(minutes=20))
        (st,) = wh.status()
        assert (st.last_run_id, st.status) == ("first", "partial")


# -- the lake -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


@pytest.mark.parametrize("catalog", ["local", "postgres"])
def test_a_lake_at_013_migrates_to_014_with_every_run_kept(
        tmp_path: Path, catalog: str, request: pytest.FixtureRequest) -> None:
    uri = (request.getfixturevalue("postgres").new_catalog() if catalog == "postgres"
           else f"ducklake:{tmp_path / 'meta.ducklake'}")
    target = parse_target(uri, str(tmp_path / "data"))
    assert isinstance(target, LakeTarget)
    before = runs_at(target, BEFORE, ROWS_013)
    with open_warehouse(target) as wh:
        assert wh.schema_version() == LATEST
        assert wh.connection.execute(_ALL).fetchall() == _KEPT
        assert _counts(wh.connection) == before
        wh.record_held("r6", ["a"], T0, 99, status="skipped", held_by={"a": "r2"})
        assert wh.query("SELECT status, kind, held_by FROM runs WHERE run_id = 'r6'").rows == [
            ("skipped", "ingest", "r2")]
    with open_warehouse(target) as wh:
        assert wh.query("SELECT max(version), count(*) FROM schema_migrations").rows == [
            (LATEST, len(load_migrations()))]
