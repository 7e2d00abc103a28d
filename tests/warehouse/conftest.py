"""Fixtures: a real DuckDB file per test, under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from warehouse import Warehouse, open_warehouse
from warehouse.lake import LakeTarget, connect_lake, parse_target
from warehouse.lake_schema import apply_lake_migrations
from warehouse.schema import apply_migrations


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "warehouse.duckdb"


@pytest.fixture
def wh(db_path: Path) -> Iterator[Warehouse]:
    with open_warehouse(db_path) as warehouse:
        yield warehouse


@pytest.fixture(params=["file", "lake"])
def file_or_lake(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Warehouse]:
    """A migrated warehouse on a DuckDB file, then on a DuckDB-catalog lake."""
    if request.param == "file":
        con = duckdb.connect(str(tmp_path / "w.duckdb"))
        apply_migrations(con)
    else:
        target = parse_target(f"ducklake:{tmp_path / 'meta.ducklake'}", str(tmp_path / "data"))
        assert isinstance(target, LakeTarget)
        con = connect_lake(target)
        apply_lake_migrations(con)
    try:
        yield Warehouse(con)
    finally:
        con.close()
