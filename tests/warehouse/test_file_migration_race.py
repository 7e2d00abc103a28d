"""Two connections of one process migrating one DuckDB file record each migration once.

One process writes a file (DuckDB's lock), but its connections share one DuckDB
instance: two threads opening an old file at once both read what is pending, then run
each step in its own transaction (o42, as r41 found on the lake). Before the guard, one
open (sometimes both) failed: "migration 014_skipped_runs failed: Duplicate key" when
the other committed the step first, "Catalog write-write conflict" when their steps
overlapped. Both interleavings are made here without threads or sleeps; then real
threads open old and new files at once.

Real parts: DuckDB files, two connections of this process, ``open_warehouse``.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from pressroom.errors import DatabaseLocked
from tests.cli_run import versions_from
from warehouse import open_warehouse
from warehouse.connection import connect
from warehouse.schema import (
    SchemaRaced,
    apply_migrations,
    apply_steps,
    load_migrations,
    migration_steps,
    pending_migrations,
)

SHIPPED = load_migrations()
UP_TO_012 = [m for m in SHIPPED if m.version <= 12]
ONCE = [(m.version, 1) for m in SHIPPED]


def _old_file(path: Path) -> Path:
    """A warehouse file an earlier release left at migration 012."""
    con = connect(path)
    try:
        assert apply_migrations(con, UP_TO_012) == [m.version for m in UP_TO_012]
    finally:
        con.close()
    return path


def _recorded(path: Path) -> list[tuple[int, int]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "SELECT version, count(*) FROM schema_migrations GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    return [(int(v), int(n)) for v, n in rows]


def test_a_step_read_as_pending_before_the_other_connection_applied_it_is_not_run(
    tmp_path: Path,
) -> None:
    db = _old_file(tmp_path / "old.duckdb")
    first, second = connect(db), connect(db)
    try:
        stale = migration_steps(pending_migrations(second))  # 013+014, 015 ... the latest
        assert [m.version for m, _ in stale] == versions_from(14)
        assert apply_migrations(first) == versions_from(13)
        # Without the guard 014 ran again and its record met the primary key:
        # WarehouseError "migration 014_skipped_runs failed: ... Duplicate key".
        with pytest.raises(SchemaRaced) as lost:
            apply_steps(second, stale)
        assert not lost.value.busy
        assert apply_migrations(second) == []  # read again: nothing is pending
    finally:
        first.close()
        second.close()
    assert _recorded(db) == ONCE


def test_a_step_another_connection_is_applying_is_waited_for_not_failed(tmp_path: Path) -> None:
    db = _old_file(tmp_path / "old.duckdb")
    first, second = connect(db), connect(db)
    try:
        (step, recorded), *_ = migration_steps(pending_migrations(first))
        assert step.version == 14
        # The other connection is mid-step: 014's statements run, not committed.
        first.execute("BEGIN TRANSACTION")
        first.execute(step.sql)
        # lock_timeout 0: given up at once, as a locked file or a conflicting write is.
        # Without the guard: WarehouseError "... Catalog write-write conflict".
        with pytest.raises(DatabaseLocked, match="being migrated by another connection"):
            apply_migrations(second, lock_timeout=0)
        for done in recorded:
            first.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, now())", [done.version, done.name]
            )
        first.execute("COMMIT")
        assert apply_migrations(second, lock_timeout=30) == versions_from(15)
    finally:
        first.close()
        second.close()
    assert _recorded(db) == ONCE


@pytest.mark.parametrize("old", [True, False], ids=["file-at-012", "new-file"])
def test_two_threads_opening_a_file_at_once_both_open_it_migrated(
    tmp_path: Path, old: bool
) -> None:
    """The user's shape. Measured without the guard: an open failed in every one of
    20 rounds on a file at 012 and 30 rounds on a new file."""
    for round_ in range(5):
        db = tmp_path / f"w{round_}.duckdb"
        if old:
            _old_file(db)
        start = threading.Barrier(2)

        def open_it(db: Path = db, start: threading.Barrier = start) -> int:
            start.wait()
            with open_warehouse(db, lock_timeout=30) as wh:
                found = wh.connection.execute("SELECT max(version) FROM schema_migrations")
                row = found.fetchone()
                assert row is not None
                return int(row[0])

        with ThreadPoolExecutor(max_workers=2) as pool:
            opened = [pool.submit(open_it) for _ in range(2)]
            assert [f.result(timeout=120) for f in opened] == [SHIPPED[-1].version] * 2
        assert _recorded(db) == ONCE
