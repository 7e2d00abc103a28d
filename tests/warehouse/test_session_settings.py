"""DuckDB settings of warehouse sessions (docs/BENCHMARKS.md, "Memory over a long run")."""

from __future__ import annotations

from pathlib import Path

from flows.pipeline import WarehouseGateway
from warehouse import Warehouse, open_warehouse

SETTINGS = ("max_vacuum_tasks", "memory_limit", "threads")


def _settings(wh: Warehouse) -> dict[str, str]:
    rows = wh.query("SELECT name, value FROM duckdb_settings() WHERE name IN (?, ?, ?)",
                    list(SETTINGS)).rows
    return {str(name): str(value) for name, value in rows}


def test_every_read_write_open_checkpoints_without_vacuum(db_path: Path) -> None:
    # reparse, migrate, sql --write and stories --rebuild open the file this way.
    with open_warehouse(db_path) as wh:
        assert _settings(wh)["max_vacuum_tasks"] == "0"
    with open_warehouse(db_path, read_only=True) as wh:
        assert _settings(wh)["max_vacuum_tasks"] != "0"  # DuckDB's default


def test_batch_sessions_cap_the_buffer_pool_and_use_one_thread(db_path: Path) -> None:
    gateway = WarehouseGateway(db_path)
    seen = gateway.run_sync(_settings)
    assert seen["max_vacuum_tasks"] == "0"
    assert seen["threads"] == "1"
    assert seen["memory_limit"] == "122.0 MiB"  # 128MB as DuckDB prints it
    # The cap is the gateway's, not the file's: a later plain open has DuckDB's default.
    with open_warehouse(db_path) as wh:
        assert _settings(wh)["memory_limit"] != "122.0 MiB"
