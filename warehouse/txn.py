"""Transactions and Arrow tables exposed to SQL: what every warehouse statement uses.

Kept apart from :mod:`warehouse.writes` so the read paths (``status``, ``sql``,
``search``) do not import the write path and the story index (issue 15: start-up).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pyarrow as pa


@contextmanager
def one_snapshot(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The block's statements as one transaction: they see one snapshot.

    Committed at the end of the block, rolled back on any exception. On a lake
    each transaction reads the catalog's newest snapshot (a PostgreSQL
    transaction and its queries) when it first touches the lake; a search's
    statements in autocommit did that 3-12 times. The snapshot is taken inside
    the block, so it holds everything committed before the block began.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        # A failed statement (or COMMIT) can leave nothing to roll back.
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT as the only writer, rolled back on any exception.

    :func:`one_snapshot` whose first statement bumps ``write_token``: a
    concurrent writer on another connection of this process then fails fast
    with a conflict (see 001_init.sql) instead of interleaving upserts.
    """
    with one_snapshot(con):
        con.execute("UPDATE write_token SET n = n + 1")
        yield


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pa.Table]) -> Iterator[None]:
    """Expose Arrow tables to SQL under the given names for the block's duration."""
    names: list[str] = []
    try:
        for name, table in tables.items():
            con.register(name, table)
            names.append(name)
        yield
    finally:
        for name in names:
            con.unregister(name)
