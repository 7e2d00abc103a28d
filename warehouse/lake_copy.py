"""``pressroom migrate --to ducklake:...``: copy a DuckDB warehouse into a lake.

The copy is one DuckLake transaction: every table or none. Each table is
compared by its row count and a content fingerprint (the sum of a hash of
every whole row, so row order does not matter) on both sides, before the
commit; a mismatch rolls everything back. Re-running is safe: a table whose
lake copy already has the file's fingerprint is left alone, an empty one is
filled, and a table holding other rows (a lake already written to) is refused
rather than mixed with the file's rows.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pressroom.errors import WarehouseError
from warehouse.lake import LakeTarget
from warehouse.opening import open_warehouse

# Not data: the schema's own record, and the row every write transaction bumps.
SKIPPED = ("schema_migrations", "write_token")


@dataclass(frozen=True, slots=True)
class TableCopy:
    """One table: its rows, fingerprint, and what migrate did with it."""

    table: str
    rows: int
    fingerprint: int
    action: str  # 'copied' or 'already there'


def fingerprint(con: duckdb.DuckDBPyConnection, database: str, table: str) -> tuple[int, int]:
    """Row count and content fingerprint of ``database.main.table``."""
    row = con.execute(
        f'SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) FROM "{database}".main."{table}" AS t'
    ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def copy_into_lake(source: Path, target: LakeTarget, *, lock_timeout: float = 15.0
                   ) -> list[TableCopy]:
    """Copy the warehouse file ``source`` into the lake ``target`` (see the module doc)."""
    if not source.exists():
        raise WarehouseError(f"database {source} does not exist")
    # Refuses a file this code cannot read (schema behind or ahead) in one line.
    with open_warehouse(source, read_only=True, lock_timeout=lock_timeout) as file:
        file_version = file.schema_version()
    with open_warehouse(target) as lake:
        if lake.schema_version() != file_version:
            raise WarehouseError(f"{source} is at schema {file_version}, the lake at "
                                 f"{lake.schema_version()}")
        con = lake.connection
        literal = "'" + str(source.resolve()).replace("'", "''") + "'"
        try:
            con.execute(f"ATTACH {literal} AS src (READ_ONLY)")
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot attach {source}: {exc}") from exc
        try:
            return _copy(con, source, target)
        finally:
            with contextlib.suppress(duckdb.Error):
                con.execute("DETACH src")


def _copy(con: duckdb.DuckDBPyConnection, source: Path, target: LakeTarget) -> list[TableCopy]:
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'lake' "
        "ORDER BY table_name").fetchall() if r[0] not in SKIPPED]
    done: list[TableCopy] = []
    try:
        con.execute("BEGIN TRANSACTION")
        for table in tables:
            want = fingerprint(con, "src", table)
            have = fingerprint(con, "lake", table)
            if have == want:
                done.append(TableCopy(table, want[0], want[1], "already there"))
                continue
            if have[0]:
                raise WarehouseError(
                    f"lake table {table} already holds {have[0]} rows that differ from "
                    f"{source}; migrate copies a warehouse into an empty lake")
            con.execute(f'INSERT INTO lake.main."{table}" BY NAME SELECT * FROM src.main."{table}"')
            got = fingerprint(con, "lake", table)
            if got != want:
                raise WarehouseError(f"copy of {table} does not match: {got[0]} rows, "
                                     f"fingerprint {got[1]} against {want[0]}, {want[1]}")
            done.append(TableCopy(table, want[0], want[1], "copied"))
        con.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        if isinstance(exc, duckdb.Error):
            raise WarehouseError(f"migrate to {target.describe()} failed: {exc}") from exc
        raise
    return done
