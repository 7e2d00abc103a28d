"""A batch session's DuckDB settings end with it (o43, o42's find).

``memory_limit``, ``threads`` and the checkpoint settings are GLOBAL in DuckDB, and one
process shares one instance among its connections to a file: a batch session's 64 MB
cap and single thread (BATCH_SETTINGS) stayed on the instance for any connection that
outlived it, and every Warehouse opened beside that one inherited them (a user's
script, a second flow in the same worker). Real DuckDB files, real gateway sessions.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from flows.gateway import WarehouseGateway
from warehouse import Warehouse, open_warehouse
from warehouse.connection import BATCH_SETTINGS

NAMES = ("memory_limit", "threads", "checkpoint_threshold", "auto_checkpoint_skip_wal_threshold")
CAPPED = "61.0 MiB"  # 64MB as DuckDB prints it


def _seen(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name IN (?, ?, ?, ?)", list(NAMES)
    ).fetchall()
    return {str(name): str(value) for name, value in rows}


def _of(wh: Warehouse) -> dict[str, str]:
    return _seen(wh.connection)


def _defaults(db_path: Path) -> dict[str, str]:
    with open_warehouse(db_path) as wh:  # alone: a fresh instance, DuckDB's own values
        return _of(wh)


def test_a_warehouse_beside_a_closed_batch_session_has_duckdbs_settings(db_path: Path) -> None:
    defaults = _defaults(db_path)
    assert defaults["memory_limit"] != CAPPED and defaults["checkpoint_threshold"] != "0 bytes"
    with open_warehouse(db_path) as held:  # a user's script, another flow of the worker
        WarehouseGateway(db_path).run_sync(lambda wh: _of(wh)["memory_limit"] == CAPPED)
        assert _of(held) == defaults  # was 61.0 MiB, 1 thread, 0 bytes
        with open_warehouse(db_path) as later:
            assert _of(later) == defaults


def test_a_raw_connection_held_through_batches_keeps_its_own_values(db_path: Path) -> None:
    _defaults(db_path)  # migrated
    raw = duckdb.connect(str(db_path))
    try:
        raw.execute("SET memory_limit = '1GB'")
        raw.execute("SET threads = 1")
        mine = _seen(raw)
        gateway = WarehouseGateway(db_path)
        for _ in range(3):
            assert gateway.run_sync(lambda wh: _of(wh)["memory_limit"]) == CAPPED
        assert _seen(raw) == mine
    finally:
        raw.close()


def test_overlapping_sessions_give_back_only_when_the_last_one_closes(db_path: Path) -> None:
    defaults = _defaults(db_path)
    first = open_warehouse(db_path, settings=BATCH_SETTINGS)
    second = open_warehouse(db_path, settings=BATCH_SETTINGS)
    first.close()
    assert _of(second)["memory_limit"] == CAPPED  # still a batch session's
    assert _of(second)["threads"] == "1"
    with open_warehouse(db_path) as plain:  # a writer opened meanwhile shares the cap
        second.close()
        assert _of(plain) == defaults


def test_the_default_limit_does_not_creep_down_over_many_sessions(db_path: Path) -> None:
    # DuckDB prints the limit rounded down ('18.8 GiB' sets '18.7 GiB'): setting back the
    # printed value at each close would lower it session after session.
    defaults = _defaults(db_path)
    with open_warehouse(db_path) as held:
        gateway = WarehouseGateway(db_path)
        for _ in range(6):
            gateway.run_sync(lambda wh: None)
        assert _of(held)["memory_limit"] == defaults["memory_limit"]  # was 18.5 GiB
