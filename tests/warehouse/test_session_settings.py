"""DuckDB settings of warehouse sessions (docs/BENCHMARKS.md, "Memory over a long run")."""

from __future__ import annotations

import os
from pathlib import Path

from flows.gateway import WarehouseGateway
from tests.lakepg import running_postgres
from tests.warehouse.whtest import T0, make_article, make_batch
from warehouse import PageRecord, Warehouse, open_warehouse
from warehouse.lake import LakeTarget, parse_target

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
    assert seen["memory_limit"] == "61.0 MiB"  # 64MB as DuckDB prints it
    # The cap is the gateway's, not the file's: a later plain open has DuckDB's default.
    with open_warehouse(db_path) as wh:
        assert _settings(wh)["memory_limit"] != "61.0 MiB"


def test_a_batch_too_big_for_the_cap_is_written_without_it(db_path: Path) -> None:
    # Five incompressible 4 MB pages do not fit a 16 MB buffer pool: DuckDB fails
    # the transaction with "Out of Memory", and the gateway runs it once more
    # with DuckDB's own limit.
    pages = tuple(PageRecord(url=f"https://example.org/big/{i}", fetched_at=T0,
                             kind="article", status=200, body=os.urandom(4_000_000))
                  for i in range(5))
    gateway = WarehouseGateway(db_path, settings=(("memory_limit", "16MB"),))
    result = gateway.run_sync(lambda wh: wh.write_batch(make_batch(make_article(1),
                                                                   pages=pages)))
    assert result.new == 1
    with open_warehouse(db_path, read_only=True) as wh:
        assert wh.query("SELECT count(*), sum(body_size) FROM pages").rows == [(5, 20_000_000)]


def _lake(tmp_path: Path, catalog: str | None = None) -> LakeTarget:
    target = parse_target(catalog or f"ducklake:{tmp_path / 'meta.ducklake'}",
                          str(tmp_path / "data"))
    assert isinstance(target, LakeTarget)
    return target


def test_a_lakes_batch_session_has_one_thread_and_no_memory_cap(tmp_path: Path) -> None:
    # The held lake session of an ingest run: BATCH_SETTINGS but the memory cap
    # (warehouse.lake_session.NOT_ON_A_LAKE), on the in-memory DuckDB the lake is attached to.
    gateway = WarehouseGateway(_lake(tmp_path))
    try:
        seen = gateway.run_sync(_settings)
    finally:
        gateway.close()
    assert seen["threads"] == "1"
    assert seen["memory_limit"] != "61.0 MiB"


def test_a_lakes_batch_session_reads_the_pages_small_batches_inlined(tmp_path: Path) -> None:
    # Batches of fewer than 10 rows a table are inlined into the catalog
    # (PostgreSQL here), page bodies included: 80 MB of them. Under the file's
    # 64 MB cap DuckLake failed to read them back with an INTERNAL error.
    with running_postgres() as pg:
        lake = _lake(tmp_path, pg.new_catalog())
        writer = WarehouseGateway(lake)
        try:
            for b in range(16):
                pages = tuple(PageRecord(url=f"https://example.org/big/{b}/{i}", fetched_at=T0,
                                         kind="article", status=200, body=os.urandom(1_000_000))
                              for i in range(5))
                writer.run_sync(lambda wh, p=pages, n=b: wh.write_batch(
                    make_batch(make_article(n + 1), pages=p)))
        finally:
            writer.close()
        reader = WarehouseGateway(lake)
        try:
            rows = reader.run_sync(lambda wh: wh.query(
                "SELECT count(*), sum(body_size), sum(octet_length(body)) FROM pages").rows)
        finally:
            reader.close()
    (count, size, stored), = rows  # every stored body read (as stored: compressed)
    assert (count, size) == (80, 80_000_000) and stored >= 80_000_000
