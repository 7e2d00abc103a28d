"""A migration the next one redoes whole (warehouse.schema.REDONE_BY: 013, which 014
redoes) is recorded in that one's transaction and not run, when both are pending: a
warehouse at 012 rebuilds runs once. What is checked: the runner skips only such a
migration, and only when the one that redoes it comes next; a failure leaves neither
recorded; and for 013/014, the shipped files, "013, then 014 later" (a warehouse that
stopped at 013) and "014 alone" give the same warehouse, on the DuckDB file and on a
lake (local and PostgreSQL catalog): columns, constraints, views, rows, records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pressroom.errors import WarehouseError
from tests.lakepg import Postgres, running_postgres
from tests.warehouse.test_held_runs_schema import ROWS_012, runs_at
from warehouse import open_warehouse
from warehouse.lake import LakeTarget, connect_lake, parse_target
from warehouse.lake_schema import apply_lake_migrations
from warehouse.schema import Migration, apply_migrations, load_migrations, migration_steps

SHIPPED = load_migrations()
UP_TO_012 = [m for m in SHIPPED if m.version <= 12]
M013, M014 = (next(m for m in SHIPPED if m.version == v) for v in (13, 14))
RAISES = "SELECT error('this migration ran')"


def _versions(db: Path) -> list[int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY 1")
                .fetchall()]
    finally:
        con.close()


def test_013_is_recorded_with_014_not_run_when_both_are_pending(tmp_path: Path) -> None:
    """013 stands in for a statement that fails if run: with 014 pending after it the
    file reaches 014 and records both; without the rule, 013 runs and fails."""
    db = tmp_path / "w.duckdb"
    runs_at(db, UP_TO_012, ROWS_012)
    con = duckdb.connect(str(db))
    try:
        assert apply_migrations(con, [*UP_TO_012, Migration(13, M013.name, RAISES), M014]) == [
            13, 14]
        assert con.execute("SELECT count(*), count(held_by) FROM runs").fetchone() == (
            len(ROWS_012), 0)
    finally:
        con.close()
    assert _versions(db)[-2:] == [13, 14]


def test_on_a_lake_too_013_is_recorded_with_014_not_run(tmp_path: Path) -> None:
    target = parse_target(f"ducklake:{tmp_path / 'meta.ducklake'}", str(tmp_path / "data"))
    assert isinstance(target, LakeTarget)
    runs_at(target, UP_TO_012, ROWS_012)
    con = connect_lake(target)
    try:
        assert apply_lake_migrations(
            con, [*UP_TO_012, Migration(13, M013.name, RAISES), M014]) == [13, 14]
        assert con.execute("SELECT count(*), count(held_by) FROM runs").fetchone() == (
            len(ROWS_012), 0)
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone() == (14,)
    finally:
        con.close()


def test_013_runs_when_014_is_not_pending_after_it(tmp_path: Path) -> None:
    """Alone, 013 runs (here it fails: nothing is recorded); a 014 that fails takes the
    record of the 013 it stood for with it."""
    db = tmp_path / "w.duckdb"
    runs_at(db, UP_TO_012, ROWS_012)
    con = duckdb.connect(str(db))
    try:
        with pytest.raises(WarehouseError, match=r"^migration 013_held_runs failed: .*ran"):
            apply_migrations(con, [*UP_TO_012, Migration(13, M013.name, RAISES)])
        with pytest.raises(WarehouseError, match=r"^migration 014_skipped_runs failed: .*ran"):
            apply_migrations(con, [*UP_TO_012, M013, Migration(14, M014.name, RAISES)])
    finally:
        con.close()
    assert max(_versions(db)) == 12
    assert [([m.version for m in recorded], run.version) for run, recorded in
            migration_steps([M013, M014])] == [([13, 14], 14)]
    assert [run.version for run, _ in migration_steps([M014])] == [14]
    assert [run.version for run, _ in migration_steps(SHIPPED)] == [
        m.version for m in SHIPPED if m.version != 13]


def test_from_012_a_runs_013_of_an_analyst_is_left_alone_and_a_runs_014_stops_both(
        tmp_path: Path) -> None:
    """013 not run: a table an analyst named runs_013 no longer stops the upgrade (it
    did: 013's CREATE failed), and is kept; one named runs_014 stops 014 in one line,
    and 013 is not recorded either: runs and the version stay at 012."""
    for name, fails in (("runs_013", False), ("runs_014", True)):
        db = tmp_path / f"{name}.duckdb"
        runs_at(db, UP_TO_012, ROWS_012)
        con = duckdb.connect(str(db))
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM runs")
        con.close()
        if fails:
            with pytest.raises(WarehouseError,
                               match=r"^migration 014_skipped_runs failed: .*runs_014"):
                open_warehouse(db)
        else:
            with open_warehouse(db) as wh:
                assert wh.schema_version() == max(m.version for m in SHIPPED)
        con = duckdb.connect(str(db), read_only=True)
        try:
            assert con.execute(f"SELECT count(*) FROM {name}").fetchone() == (len(ROWS_012),)
            assert con.execute("SELECT count(*) FROM runs").fetchone() == (len(ROWS_012),)
            assert con.execute("SELECT max(version) FROM schema_migrations").fetchone() == (
                (12,) if fails else (max(m.version for m in SHIPPED),))
        finally:
            con.close()


# What a warehouse is, compared between the two ways of reaching 014.
_SHAPE = {
    "columns": "SELECT table_name, column_name, column_index, data_type, is_nullable, "
               "column_default FROM duckdb_columns() WHERE database_name = current_database() "
               "ORDER BY ALL",
    "constraints": "SELECT table_name, constraint_type, constraint_text FROM "
                   "duckdb_constraints() WHERE database_name = current_database() ORDER BY ALL",
    "views": "SELECT view_name, sql FROM duckdb_views() WHERE database_name = "
             "current_database() AND NOT internal ORDER BY ALL",
    "runs": "SELECT * FROM runs ORDER BY ALL",
    "records": "SELECT version, name FROM schema_migrations ORDER BY ALL",
}


def _shape(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    return {key: con.execute(sql).fetchall() for key, sql in _SHAPE.items()}


def _file_at_014(db: Path, *, stopped_at_013: bool) -> dict[str, list[tuple[Any, ...]]]:
    runs_at(db, UP_TO_012, ROWS_012)
    con = duckdb.connect(str(db))
    try:
        if stopped_at_013:
            assert apply_migrations(con, [*UP_TO_012, M013]) == [13]
        assert apply_migrations(con, [*UP_TO_012, M013, M014]) == (
            [14] if stopped_at_013 else [13, 14])
        return _shape(con)
    finally:
        con.close()


def test_on_the_file_014_alone_is_013_then_014(tmp_path: Path) -> None:
    two = _file_at_014(tmp_path / "two.duckdb", stopped_at_013=True)
    one = _file_at_014(tmp_path / "one.duckdb", stopped_at_013=False)
    assert one == two
    assert any("'skipped'" in str(c) for c in one["constraints"]), one["constraints"]
    assert len(one["runs"]) == len(ROWS_012)


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


def _lake_at_014(target: LakeTarget, *, stopped_at_013: bool) -> dict[str, list[tuple[Any, ...]]]:
    runs_at(target, UP_TO_012, ROWS_012)
    con = connect_lake(target)
    try:
        if stopped_at_013:
            assert apply_lake_migrations(con, [*UP_TO_012, M013]) == [13]
        assert apply_lake_migrations(con, [*UP_TO_012, M013, M014]) == (
            [14] if stopped_at_013 else [13, 14])
        return _shape(con)
    finally:
        con.close()


@pytest.mark.parametrize("catalog", ["local", "postgres"])
def test_on_a_lake_014_alone_is_013_then_014(tmp_path: Path, catalog: str,
                                              request: pytest.FixtureRequest) -> None:
    shapes = []
    for way in ("two", "one"):
        uri = (request.getfixturevalue("postgres").new_catalog() if catalog == "postgres"
               else f"ducklake:{tmp_path / f'{way}.ducklake'}")
        target = parse_target(uri, str(tmp_path / f"{way}-data"))
        assert isinstance(target, LakeTarget)
        shapes.append(_lake_at_014(target, stopped_at_013=way == "two"))
    assert shapes[0] == shapes[1]
    assert ("runs", "held_by") in {c[:2] for c in shapes[0]["columns"]}
    assert len(shapes[0]["runs"]) == len(ROWS_012)
