"""Fixtures: a real DuckDB file per test, under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from warehouse import Warehouse, open_warehouse


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "warehouse.duckdb"


@pytest.fixture
def wh(db_path: Path) -> Iterator[Warehouse]:
    with open_warehouse(db_path) as warehouse:
        yield warehouse
