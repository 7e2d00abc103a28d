"""One DuckDB connection shared by threads: its lock, write retries and errors translated.

:class:`GuardedConnection` is what :class:`warehouse.store.Warehouse` stands on. A
DuckDB connection is not safe to share between threads, so every call holds an
instance lock (``_guard`` for reads, ``_write`` for a write transaction). A write
refused because another connection's transaction got there first is retried with
backoff until ``lock_timeout`` runs out, then DatabaseLocked is raised; any other
DuckDB failure becomes a WarehouseError (on a lake, CatalogUnavailable when its
catalog is gone). The typed calls (discovery, writes, runs, reads) live in the
Warehouse; this module holds only the mechanics they share.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

import duckdb

from pressroom.errors import DatabaseLocked, PressroomError, WarehouseError
from warehouse import instance_settings, lake, lake_errors
from warehouse.connection import FIRST_DELAY, MAX_DELAY
from warehouse.lake import LakeTarget

T = TypeVar("T")


def is_write_conflict(exc: BaseException) -> bool:
    """True if ``exc`` is DuckDB refusing a write because another transaction got there first."""
    return isinstance(exc, duckdb.TransactionException) and "conflict" in str(exc).lower()


class GuardedConnection:
    """A DuckDB connection behind an instance lock (see the module docstring)."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        path: Path | None = None,
        lock_timeout: float = 0.0,
        lake_target: LakeTarget | None = None,
    ) -> None:
        self._con = con
        self._lake = lake_target  # a lake's failures may mean its catalog is gone
        self._path = path
        self._lock_timeout = lock_timeout
        self._lock = threading.RLock()
        self._closed = False

    # -- lifecycle ---------------------------------------------------------

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The underlying DuckDB connection."""
        return self._con

    @property
    def path(self) -> Path | None:
        """The database file, when opened through :func:`open_warehouse`."""
        return self._path

    def close(self) -> None:
        """Close the connection (idempotent), releasing the file lock."""
        with self._lock:
            if not self._closed:
                self._closed = True
                instance_settings.close(self._con)  # its SETs given back (o43)
                self._close_more()

    def _close_more(self) -> None:
        """What a subclass closes beside the connection, once, under the lock."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _guard(self, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """Serialise access and turn DuckDB failures into WarehouseError."""
        with self._lock:
            if self._closed:
                raise WarehouseError(f"{what}: warehouse is closed")
            try:
                yield self._con
            except duckdb.Error as exc:
                raise self._error(exc, what) from exc

    def _error(self, exc: duckdb.Error, what: str) -> PressroomError:
        """``exc`` in the project's tree: on a lake, CatalogUnavailable when its catalog is gone."""
        if self._lake is not None:
            return lake_errors.session_error(self._con, self._lake, exc, what, lake.ALIAS)
        return WarehouseError(f"{what} failed: {exc}")

    def set_lock_timeout(self, seconds: float) -> None:
        """Seconds a write waits out other writers from now on (a held lake session's
        commit conflicts: :class:`warehouse.lake_session.HeldLake`)."""
        self._lock_timeout = seconds

    def _write(self, what: str, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run one write transaction, retrying write conflicts until ``lock_timeout``."""
        deadline = time.monotonic() + max(self._lock_timeout, 0.0)
        delay = FIRST_DELAY
        while True:
            try:
                with self._lock:
                    if self._closed:
                        raise WarehouseError(f"{what}: warehouse is closed")
                    return work(self._con)
            except duckdb.Error as exc:
                if not is_write_conflict(exc):
                    raise self._error(exc, what) from exc
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    where = (self._lake.describe() if self._lake is not None
                             else self._path if self._path is not None else "in memory")
                    raise DatabaseLocked(
                        f"database {where} is being written by another connection"
                    ) from exc
            # Sleep without the instance lock so this Warehouse's other
            # threads (readers) are not stalled meanwhile.
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, MAX_DELAY)
