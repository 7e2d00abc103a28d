"""Inlined rows of a lake flushed to Parquet at a run's end, past a threshold.

DuckLake writes inserts of at most 10 rows into its catalog (data inlining);
:meth:`flows.gateway.WarehouseGateway.flush_inlined` moves a table's inlined
rows to a Parquet file once it holds $PRESSROOM_LAKE_FLUSH_ROWS of them. Real
lakes: a local DuckDB catalog file and a database on a throwaway PostgreSQL.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.gateway import WarehouseGateway
from pressroom.errors import ConfigError
from tests.lakepg import Postgres, running_postgres
from tests.warehouse.whtest import make_article, make_batch
from warehouse import Warehouse
from warehouse.lake import LakeTarget, parse_target
from warehouse.lake_copy import SKIPPED, fingerprint
from warehouse.lake_session import inlined_rows


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


@pytest.fixture(params=["file catalog", "postgres catalog"])
def lake(request: pytest.FixtureRequest, tmp_path: Path) -> LakeTarget:
    if request.param == "file catalog":
        db = f"ducklake:{tmp_path / 'meta.ducklake'}"
    else:
        db = request.getfixturevalue("postgres").new_catalog()
    target = parse_target(db, str(tmp_path / "data"))
    assert isinstance(target, LakeTarget)
    return target


def _state(wh: Warehouse) -> tuple[dict[str, int], dict[str, tuple[int, int]]]:
    """Inlined rows per table, and every table's row count and content fingerprint."""
    con = wh.connection
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'lake'").fetchall()]
    return inlined_rows(con), {t: fingerprint(con, "lake", t) for t in tables
                               if t not in SKIPPED}


def _parquet_tables(data: Path) -> set[str]:
    return {p.parent.name for p in data.rglob("*.parquet")}


def test_a_runs_end_flushes_tables_past_the_threshold_and_keeps_every_row(
    lake: LakeTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRESSROOM_LAKE_FLUSH_ROWS", "4")
    data = tmp_path / "data"
    gateway = WarehouseGateway(lake)
    files: set[str] = set()

    def write_and_flush(numbers: tuple[int, ...]) -> set[str]:
        for n in numbers:  # one article a batch: every table's rows inlined
            gateway.run_sync(lambda wh, n=n: wh.write_batch(make_batch(
                make_article(n), run_id=f"run-{n}")))
        before, rows = gateway.run_sync(_state)
        flushed = asyncio.run(gateway.flush_inlined())
        after, rows_after = gateway.run_sync(_state)
        due = {t for t, n in before.items() if n >= 4}
        assert flushed == {t: before[t] for t in due}
        # Flushed tables hold no inlined row and have a Parquet file; the others
        # are untouched.
        assert after == {t: (0 if t in due else n) for t, n in before.items()}
        files.update(due)
        assert _parquet_tables(data) == files
        # Every row intact: the same count and content fingerprint in every table.
        assert rows_after == rows
        return due

    try:
        first = write_and_flush((1, 2, 3))
        assert "article_versions" not in first  # 3 rows < 4: left inlined
        assert "article_versions" in write_and_flush((4, 5))
    finally:
        gateway.close()


def test_a_bad_flush_threshold_is_refused_before_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRESSROOM_LAKE_FLUSH_ROWS", "0")
    target = parse_target(f"ducklake:{tmp_path / 'meta.ducklake'}", str(tmp_path / "data"))
    with pytest.raises(ConfigError, match="PRESSROOM_LAKE_FLUSH_ROWS must be a whole number"):
        WarehouseGateway(target)
