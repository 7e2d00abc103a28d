"""The DuckLake backend through the Warehouse API: schema, writes, read-only, failures.

Lakes here have a real catalog: a local DuckDB catalog file, or a database on a
throwaway PostgreSQL (tests/lakepg.py) where the test is about Postgres.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pressroom.errors import CatalogUnavailable, QueryRefused, WarehouseError
from tests.lakepg import Postgres, running_postgres
from tests.warehouse.whtest import make_article, make_batch
from warehouse import RunCounts, Warehouse, open_warehouse
from warehouse.lake import LakeTarget, parse_target
from warehouse.schema import load_migrations

T1 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

_COLUMNS = """
SELECT c.table_name, c.column_name, c.data_type, c.is_nullable
FROM information_schema.columns AS c
JOIN information_schema.tables AS t USING (table_catalog, table_schema, table_name)
WHERE c.table_catalog = current_database() AND t.table_type = 'BASE TABLE'
ORDER BY ALL
"""
_VIEWS = """
SELECT table_name FROM information_schema.tables
WHERE table_catalog = current_database() AND table_type = 'VIEW' ORDER BY 1
"""


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


def _lake(tmp_path: Path) -> LakeTarget:
    target = parse_target(f"ducklake:{tmp_path / 'meta.ducklake'}", str(tmp_path / "data"))
    assert isinstance(target, LakeTarget)
    return target


def test_lake_schema_is_the_files_schema_without_keys(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "file.duckdb") as file, open_warehouse(_lake(tmp_path)) as lake:
        assert lake.query(_COLUMNS).rows == file.query(_COLUMNS).rows
        assert lake.query(_VIEWS).rows == file.query(_VIEWS).rows
        assert [r[0] for r in lake.query(_VIEWS).rows] == [
            "articles", "articles_latest", "daily_counts", "run_clock", "source_health", "stories"]
        # The lake holds no PRIMARY KEY, UNIQUE or CHECK (DuckLake refuses them) ...
        kinds = lake.query("SELECT DISTINCT constraint_type FROM duckdb_constraints() "
                           "WHERE database_name = current_database()").rows
        assert kinds == [("NOT NULL",)]
        # ... while the file keeps its small tables' keys.
        file_kinds = {r[0] for r in file.query(
            "SELECT constraint_type FROM duckdb_constraints()").rows}
        assert {"PRIMARY KEY", "CHECK"} <= file_kinds
        assert lake.schema_version() == file.schema_version() == load_migrations()[-1].version
        # The analysts' macro from 002 is in the lake too.
        assert lake.query("SELECT count(*) FROM search('anything')").rows == [(0,)]


def test_reopening_a_lake_migrates_nothing_twice(tmp_path: Path) -> None:
    for _ in range(2):
        with open_warehouse(_lake(tmp_path)) as lake:
            rows = lake.query("SELECT version FROM schema_migrations ORDER BY 1").rows
    assert [r[0] for r in rows] == [m.version for m in load_migrations()]


def _write_the_same_story(wh: Warehouse) -> None:
    batch = make_batch(make_article(1), make_article(2))
    wh.upsert_sources({"example": {"feeds": ["a"]}}, T1)
    wh.start_run("run-1", ["example"], T1, 1)
    wh.write_batch(batch)
    wh.write_batch(batch)  # re-written: changes nothing
    wh.write_batch(make_batch(make_article(2, body="Edited body. " * 40), run_id="run-2"))
    wh.start_run("run-1", ["example"], T1, 2)  # restarted: the row is reset, not doubled
    wh.finish_run("run-1", "example", RunCounts(2, 2, 2, 0, 0, 0), "ok", None, T1)
    wh.upsert_sources({"example": {"feeds": ["a", "b"]}}, T1)


_STATE = [
    "SELECT article_id, version, content_hash FROM article_versions ORDER BY ALL",
    "SELECT article_id, latest_version, content_hash FROM article_state ORDER BY ALL",
    "SELECT url, kind, article_id FROM seen_urls ORDER BY ALL",
    "SELECT run_id, source, status, pid, new FROM runs ORDER BY ALL",
    "SELECT name, config::VARCHAR FROM sources ORDER BY ALL",
]


def test_writes_on_a_postgres_lake_equal_the_files(tmp_path: Path, postgres: Postgres) -> None:
    target = parse_target(postgres.new_catalog(), str(tmp_path / "data"))
    with open_warehouse(tmp_path / "file.duckdb") as file, open_warehouse(target) as lake:
        _write_the_same_story(file)
        _write_the_same_story(lake)
        for sql in _STATE:
            assert lake.query(sql).rows == file.query(sql).rows, sql
        assert len(lake.query(_STATE[0]).rows) == 3  # 2 articles, one edited once
        assert lake.integrity_problems() == []
    # A second process's view: the rows are in the catalog and the Parquet files.
    with open_warehouse(target, read_only=True) as again:
        assert len(again.query(_STATE[0]).rows) == 3
    assert any((tmp_path / "data").rglob("*.parquet"))


def test_a_read_only_lake_refuses_writes(tmp_path: Path) -> None:
    target = _lake(tmp_path)
    with open_warehouse(target) as lake:
        lake.write_batch(make_batch(make_article(1)))
    with open_warehouse(target, read_only=True) as ro:
        for sql in ("INSERT INTO runs (run_id, source, started_at, status) "
                    "VALUES ('x', 'y', now(), 'ok')",
                    "DROP TABLE article_versions",
                    "DELETE FROM __ducklake_metadata_lake.ducklake_snapshot"):
            with pytest.raises(WarehouseError, match="read-only"):
                ro.query(sql)
        assert ro.query("SELECT count(*) FROM article_versions").rows == [(1,)]


def test_a_missing_or_unreachable_lake_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError, match="no warehouse at ducklake:") as missing:
        open_warehouse(_lake(tmp_path), read_only=True)
    unreachable = parse_target(
        f"ducklake:postgres:dbname=nowhere host={tmp_path} user=postgres password=s3cret")
    # A catalog that cannot be reached is transient: an ingest stages its batches.
    with pytest.raises(CatalogUnavailable, match=r"catalog of DuckLake .* cannot be reached"
                       ) as refused:
        open_warehouse(unreachable)
    for exc in (missing.value, refused.value):
        assert "\n" not in str(exc)
    assert "s3cret" not in str(refused.value)  # the password stays out of messages


def test_targets_are_told_apart(tmp_path: Path) -> None:
    assert parse_target(str(tmp_path / "x.duckdb")) == tmp_path / "x.duckdb"
    lake = parse_target("ducklake:postgres:dbname=p host=h", "s3://bucket/lake/")
    assert lake == LakeTarget("postgres:dbname=p host=h", "s3://bucket/lake/")
    assert isinstance(lake, LakeTarget) and lake.is_postgres and lake.catalog_file is None
    with pytest.raises(WarehouseError, match="only for a DuckLake"):
        parse_target(str(tmp_path / "x.duckdb"), "/data")
    with pytest.raises(WarehouseError, match="needs a catalog"):
        parse_target("ducklake:")


def test_sql_sandbox_cannot_reattach_a_local_lake_catalog_read_write(tmp_path: Path) -> None:
    from warehouse.sandbox import open_session

    target = _lake(tmp_path)
    with open_warehouse(target) as lake:
        lake.start_run("r1", ["example"], T1, 1)
    catalog = str(tmp_path / "meta.ducklake")
    with open_session(target) as session:
        session.run("USE memory")
        # Statements that open files are refused on a lake by type, DETACH first ...
        with pytest.raises(QueryRefused, match="DETACH"):
            session.run("DETACH lake")
        # ... and DuckDB keeps attached files on its allowed list: the session works on
        # a private copy of the catalog, so the real one cannot be attached again.
        with pytest.raises(WarehouseError):
            session.run(f"ATTACH 'ducklake:{catalog}' AS again")
        with pytest.raises(WarehouseError):
            session.run("DROP TABLE again.runs")
    with open_warehouse(target, read_only=True) as after:
        assert after.query("SELECT count(*) FROM runs").rows == [(1,)]


def test_a_held_lake_session_serves_a_run_and_is_dropped_after_a_failure(
    tmp_path: Path,
) -> None:
    from warehouse.lake_session import HeldLake

    held = HeldLake(_lake(tmp_path))
    first = held.run(lambda wh: wh)
    assert held.run(lambda wh: wh) is first  # attached once for the run
    first.start_run("r1", ["example"], T1, 1)

    def broken(wh: Warehouse) -> None:
        wh.query("SELECT * FROM no_such_table")

    with pytest.raises(WarehouseError):
        held.run(broken)
    with pytest.raises(WarehouseError, match="closed"):
        first.status()  # the failed session was let go ...
    again = held.run(lambda wh: wh)
    assert again is not first  # ... and the next one attached anew
    assert again.query("SELECT count(*) FROM runs").rows == [(1,)]
    held.close()
    with pytest.raises(WarehouseError, match="closed"):
        again.status()
