"""A lake's write sessions: the session an ingest run holds, and flushing what
DuckLake inlined into the catalog out to Parquet files."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import duckdb

from pressroom.errors import ConfigError, WarehouseError
from warehouse.connection import Settings
from warehouse.lake import ALIAS, LakeTarget, ident
from warehouse.lake_errors import one_line

if TYPE_CHECKING:
    from warehouse.store import Warehouse

T = TypeVar("T")


# File batch settings a lake session leaves out. DuckDB's memory limit: DuckLake
# writes inserts of at most 10 rows into the catalog (data inlining, on by
# default), page bodies included, and reads them back from PostgreSQL whole; past
# the cap that read failed with "INTERNAL Error: Attempted to access index 0
# within vector of size 0" (80 pages of 1 MB inlined, 64 MB cap; 512 MB or no
# cap read them), an error no retry can tell from a bug. See docs/SCALE.md. The
# direct commit (warehouse.connection.DIRECT_COMMIT) is about a DuckDB file's WAL;
# a lake's session is in memory and commits to its catalog.
NOT_ON_A_LAKE = ("memory_limit", "checkpoint_threshold", "auto_checkpoint_skip_wal_threshold")


class HeldLake:
    """One attached lake session, kept for a whole ingest run.

    A DuckDB file is opened for every batch and closed after it, so other
    processes get the file in between; a lake has no file lock to give back,
    and attaching it costs seconds (loading the two extensions), so the run's
    sessions share one. A session that fails drops it: the next one attaches
    anew (a catalog that went away and came back). ``settings`` are a file's
    batch settings (the gateway passes :data:`warehouse.connection.BATCH_SETTINGS`);
    the session gets those a lake can take (one thread), not :data:`NOT_ON_A_LAKE`.
    """

    def __init__(self, target: LakeTarget, settings: Settings = ()) -> None:
        self.target = target
        self.settings = tuple(s for s in settings if s[0] not in NOT_ON_A_LAKE)
        self._held: Warehouse | None = None

    def run(self, work: Callable[[Warehouse], T], lock_timeout: float = 0.0) -> T:
        """``work`` on the held session (attached on first use). Its writes retry for
        ``lock_timeout`` seconds when another writer's commit conflicts with theirs
        (another host's run writing the same tables), as a file's wait for its lock."""
        from warehouse.opening import open_warehouse

        if self._held is None:
            self._held = open_warehouse(self.target, settings=self.settings)
        held = self._held
        held.set_lock_timeout(lock_timeout)
        try:
            return work(held)
        except BaseException:
            self._held = None
            held.close()
            raise

    def flush(self, min_rows: int) -> dict[str, int]:
        """:func:`flush_inlined` on the held session (nothing when none is held)."""
        if self._held is None:
            return {}
        return self.run(lambda wh: flush_inlined(wh.connection, min_rows))

    def close(self) -> None:
        """Detach the held session, if any."""
        held, self._held = self._held, None
        if held is not None:
            held.close()




# Rows DuckLake may keep inlined in the catalog per table before a run's end moves
# them to a Parquet file ($PRESSROOM_LAKE_FLUSH_ROWS). Inlining spares a file per
# small batch; flushing at a threshold keeps page bodies out of the catalog
# (read back whole from PostgreSQL, see NOT_ON_A_LAKE) without a file per run.
FLUSH_ROWS = 500


def flush_threshold() -> int:
    """Inlined rows per table that a run's end flushes: $PRESSROOM_LAKE_FLUSH_ROWS, else 500."""
    text = os.environ.get("PRESSROOM_LAKE_FLUSH_ROWS", "").strip()
    if not text:
        return FLUSH_ROWS
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 1:
        raise ConfigError(f"PRESSROOM_LAKE_FLUSH_ROWS must be a whole number of rows "
                          f"(1 or more), not {text!r}")
    return value


def inlined_rows(con: duckdb.DuckDBPyConnection, alias: str = ALIAS) -> dict[str, int]:
    """Live rows each table of the lake ``alias`` keeps inlined in its catalog.

    Read from DuckLake's own catalog tables (``ducklake_inlined_data_tables``
    names one table of rows per table and schema version; a row whose
    ``end_snapshot`` is set was deleted and stays for time travel).
    """
    meta = ident(f"__ducklake_metadata_{alias}")
    try:
        tables = con.execute(
            f"SELECT t.table_name, i.table_name FROM {meta}.ducklake_inlined_data_tables AS i "
            f"JOIN {meta}.ducklake_table AS t USING (table_id) WHERE t.end_snapshot IS NULL "
            "ORDER BY ALL").fetchall()
        counts: dict[str, int] = {}
        for table, inlined in tables:
            row = con.execute(f"SELECT count(*) FROM {meta}.{ident(inlined)} "
                              "WHERE end_snapshot IS NULL").fetchone()
            counts[table] = counts.get(table, 0) + int(row[0] if row else 0)
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot count the lake's inlined rows: {one_line(exc)}") from exc
    return counts


def flush_inlined(con: duckdb.DuckDBPyConnection, min_rows: int, alias: str = ALIAS
                  ) -> dict[str, int]:
    """Move the inlined rows of every table holding at least ``min_rows`` of them
    into Parquet files (``ducklake_flush_inlined_data``, one commit per table).

    Returns the rows flushed per table. A table another writer changed
    meanwhile (a commit conflict) is left for the next run.
    """
    from warehouse.guarded_connection import is_write_conflict

    flushed: dict[str, int] = {}
    for table, rows in inlined_rows(con, alias).items():
        if rows < max(min_rows, 1):
            continue
        try:
            done = con.execute("CALL ducklake_flush_inlined_data(?, table_name => ?)",
                               [alias, table]).fetchall()
        except duckdb.Error as exc:
            if is_write_conflict(exc):
                continue
            raise WarehouseError(f"cannot flush the inlined rows of {table}: "
                                 f"{one_line(exc)}") from exc
        flushed[table] = sum(int(r[2]) for r in done)
    return flushed
