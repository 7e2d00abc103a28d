"""The lake's schema: the file's numbered migrations, run on a DuckLake.

DuckLake refuses PRIMARY KEY, UNIQUE and CHECK constraints. The lake's schema
is derived from the same numbered migrations as the file's: every statement
runs as written, except ``CREATE TABLE``, which DuckDB parses in a scratch
in-memory database and which is re-declared from what it made (column names,
types, NOT NULL, literal defaults) without the constraints. One set of files
stays the truth, a new migration reaches both backends, and no SQL text is
rewritten by pattern. Uniqueness on the lake comes from ownership (see
:mod:`warehouse.lake`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

import duckdb

from pressroom.errors import WarehouseError
from warehouse.connection import FIRST_DELAY, MAX_DELAY
from warehouse.lake import ident
from warehouse.lake_errors import FIRST_RUN_WAIT, one_line
from warehouse.schema import (
    Migration,
    SchemaRaced,
    load_migrations,
    migration_steps,
    pending_migrations,
    run_step,
)

# A CREATE TABLE statement, after the comment lines that extract_statements keeps.
_CREATE_TABLE = re.compile(
    r"^(?:\s*--[^\n]*\n)*\s*CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\b", re.IGNORECASE
)


def apply_lake_migrations(
    con: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] | None = None
) -> list[int]:
    """Bring the lake's schema up to date, each migration in one transaction with its record
    (``migrations``: these instead of all shipped, as :func:`warehouse.schema.apply_migrations`).

    Two first runs on a brand-new lake create its tables at once: DuckLake's
    conflict check fails the later commit. The loser waits and reads what is
    pending again (usually nothing), for up to :data:`warehouse.lake.FIRST_RUN_WAIT`.
    """
    deadline = time.monotonic() + FIRST_RUN_WAIT
    delay = FIRST_DELAY
    while True:
        try:
            return _apply_pending(con, migrations)
        except SchemaRaced:
            if time.monotonic() >= deadline:
                raise WarehouseError(
                    "another process kept changing the lake's schema for "
                    f"{FIRST_RUN_WAIT:g} s; run again once it is done"
                ) from None
        time.sleep(delay)
        delay = min(delay * 2, MAX_DELAY)


def _raced(exc: duckdb.Error) -> bool:
    # DuckLake's conflict check ("Transaction conflict - attempting to create table
    # ... but it has been created by another transaction"), or a catalog entry the
    # other process committed between our read and our write.
    from warehouse.guarded_connection import is_write_conflict

    return is_write_conflict(exc) or "already exists" in str(exc).lower()


def _apply_pending(
    con: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] | None
) -> list[int]:
    try:
        con.execute(_lake_sql(_SCHEMA_MIGRATIONS))
        pending = pending_migrations(con, migrations)
    except duckdb.Error as exc:
        if _raced(exc):
            raise SchemaRaced from exc
        raise WarehouseError(f"cannot read schema_migrations: {one_line(exc)}") from exc
    return apply_lake_steps(con, migration_steps(pending))  # as the file (REDONE_BY)


def apply_lake_steps(
    con: duckdb.DuckDBPyConnection, steps: Sequence[tuple[Migration, Sequence[Migration]]]
) -> list[int]:
    """Run ``steps`` (:func:`warehouse.schema.migration_steps` of what was read as pending),
    each in one transaction with its records; raises :class:`SchemaRaced` if another
    process applied one of them since (the caller reads what is pending again).

    ``steps`` may be stale: another first run can commit a step between our read of
    ``schema_migrations`` and our step's transaction. A step that runs again whole
    without an error (014 rebuilding runs, 015 replacing views) would then be applied
    and recorded twice (issue 18). So each transaction first reads, in its own
    snapshot, whether its versions are recorded (:func:`warehouse.schema.run_step`,
    the file's too). Two steps whose transactions overlap
    are refused by DuckLake's conflict check at the later commit (each shipped step
    drops, replaces or alters a catalog entry the other one does) and retried.
    """
    applied: list[int] = []
    for migration, recorded in steps:
        try:
            run_step(con, migration, recorded, lake_statements(migration))
        except duckdb.Error as exc:
            if _raced(exc):
                raise SchemaRaced(f"migration {migration.version:03d} raced") from exc
            raise WarehouseError(
                f"migration {migration.version:03d}_{migration.name} failed "
                f"on the lake: {one_line(exc)}"
            ) from exc
        applied += [done.version for done in recorded]
    return applied


def lake_statements(migration: Migration) -> list[str]:
    """The migration's statements as the lake runs them (CREATE TABLE re-declared)."""
    out = []
    for statement in duckdb.extract_statements(migration.sql):
        text = statement.query
        if not text.strip():
            continue
        out.append(_lake_sql(text) if _CREATE_TABLE.match(text) else text)
    return out


def all_lake_statements() -> list[str]:
    """Every migration's lake statements in order (for tests and docs)."""
    return [s for m in load_migrations() for s in lake_statements(m)]


_SCHEMA_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
)
"""


def _lake_sql(create_table: str) -> str:
    """``create_table`` without PRIMARY KEY, UNIQUE or CHECK: DuckDB parses it in a
    scratch database and the table it made is declared again from its columns."""
    scratch = duckdb.connect()
    try:
        scratch.execute(create_table)
        tables = scratch.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'memory'"
        ).fetchall()
        if len(tables) != 1:
            raise WarehouseError(f"expected one table from {create_table[:80]!r}")
        (name,) = tables[0]
        columns = scratch.execute(
            "SELECT column_name, data_type, is_nullable, column_default FROM duckdb_columns() "
            "WHERE database_name = 'memory' AND table_name = ? ORDER BY column_index",
            [name],
        ).fetchall()
    finally:
        scratch.close()
    parts = []
    for column, data_type, nullable, default in columns:
        part = f"{ident(column)} {data_type}"
        if not nullable:
            part += " NOT NULL"
        if default is not None:
            part += f" DEFAULT {default}"
        parts.append(part)
    exists = " IF NOT EXISTS" if re.search(r"\bIF\s+NOT\s+EXISTS\b", create_table, re.I) else ""
    return f"CREATE TABLE{exists} {ident(name)} ({', '.join(parts)})"
