"""Short, serialised warehouse sessions for the async pipeline, with durable staging.

The DuckDB file is opened only for one unit of work at a time, so other readers
get in between batches; a batch that finds the file locked, or a lake whose
catalog cannot be reached, is staged in the spool (:mod:`flows.spool`) and
merged once the warehouse takes writes again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from flows.spool import Spool
from pressroom.errors import (
    ConfigError,
    StorageUnavailable,
    WarehouseError,
    WarehouseUnavailable,
)
from warehouse import Warehouse, open_warehouse
from warehouse.connection import BATCH_SETTINGS, Settings, is_out_of_memory
from warehouse.lake import LakeTarget, state_path
from warehouse.lake_session import HeldLake, flush_threshold
from warehouse.records import Batch, BatchResult

T = TypeVar("T")
Merged = list[tuple[Batch, BatchResult]]
WRITE_LOCK_WAIT = 2.0  # seconds a batch waits for the lock before it is staged
DEFAULT_LOCK_TIMEOUT = 60.0


def until_note(refused: WarehouseUnavailable) -> str:
    """When batches staged for ``refused`` go in: a lake's catalog back, its files writable."""
    if isinstance(refused, StorageUnavailable):
        return "once the lake's files can be written again"
    return "once the catalog is back"


class WarehouseGateway:
    """Short, serialised warehouse sessions for async code, with durable staging.

    Each call opens the DuckDB file, does one unit of work and closes it, in a
    worker thread so the event loop keeps fetching while it waits for a lock.
    Batches that find the file locked are staged in a :class:`Spool` and
    merged once the lock frees, so a user's open DuckDB shell costs no data.

    A run whose file is busy at start-up (:meth:`open`) works *blind*: its
    start-up work waits, and the first session that gets the file does it
    before anything else (so older staged batches still go in first).
    """

    def __init__(self, db_path: str | Path | LakeTarget, *,
                 lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
                 settings: Settings = BATCH_SETTINGS) -> None:
        # The warehouse opened by each session; db_path is where this host keeps the
        # spool and the source locks (beside the file, or a lake's local folder).
        given: Path | LakeTarget = (
            db_path if isinstance(db_path, LakeTarget) else Path(db_path))
        self.db_path = state_path(given)
        # A symlink is resolved once, here: every session opens the file whose locks and
        # spool this run holds, even if the link is swapped mid-run (k37b).
        self.target: Path | LakeTarget = given if isinstance(given, LakeTarget) else self.db_path
        self._held = HeldLake(db_path, settings) if isinstance(db_path, LakeTarget) else None
        # A bad $PRESSROOM_LAKE_FLUSH_ROWS fails here, before anything is fetched.
        self._flush_rows = flush_threshold() if self._held is not None else 0
        if isinstance(db_path, LakeTarget):
            folder = self.db_path.parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # a mistyped $PRESSROOM_STATE_DIR, a user without a home
                raise ConfigError(
                    f"cannot create {folder}/, this host's folder for DuckLake {db_path} "
                    f"(its spool and source locks; set $PRESSROOM_STATE_DIR): "
                    f"{exc.strerror or exc}") from exc
        self.lock_timeout = lock_timeout
        self.settings = settings  # each session's DuckDB settings
        self.spool = Spool(self.db_path)
        # Batches a release before ops37 staged beside the symlink it was given (it
        # named the spool after the link): merged with this run's, when given that link.
        named = given.expanduser() if isinstance(given, Path) else None
        self.legacy = Spool(named) if named is not None and named != self.db_path else None
        self._lock = asyncio.Lock()
        self._staged = 0
        self._opening: Callable[[Warehouse], Merged] | None = None
        self._merged: Merged = []
        # Why the last batch or the start-up work was refused (a locked file, a
        # catalog that is down), for the run's messages.
        self.refused: WarehouseUnavailable | None = None

    @property
    def blind(self) -> bool:
        """True while the start-up work still waits for the file (it was busy at start)."""
        return self._opening is not None

    async def open(self, begin: Callable[[Warehouse], Merged], wait: float) -> bool:
        """Run the start-up work ``begin`` (it returns the spool batches it merged) now,
        or, when the file stays locked for ``wait`` seconds, keep it for the first
        session that gets the file and return False (the run goes on blind)."""
        try:
            self._merged.extend(await self.call(begin, wait))
        except WarehouseUnavailable as exc:
            self.refused = exc
            self._opening = begin
            return False
        return True

    def _opened(self, work: Callable[[Warehouse], T]) -> Callable[[Warehouse], T]:
        """``work``, preceded by the pending start-up work if there is any."""
        opening = self._opening
        if opening is None:
            return work

        def both(wh: Warehouse) -> T:
            if self._opening is not None:  # not again when a session is retried
                self._merged.extend(opening(wh))
                self._opening = None
            return work(wh)

        return both

    def run_sync(self, work: Callable[[Warehouse], T], lock_timeout: float | None = None) -> T:
        """Run ``work`` in a fresh short session (blocking)."""
        wait = self.lock_timeout if lock_timeout is None else lock_timeout
        if self._held is not None:  # a lake: one attached session serves the run
            return self._held.run(work, wait)
        try:
            with open_warehouse(self.target, lock_timeout=wait, settings=self.settings) as wh:
                return work(wh)
        except WarehouseError as exc:
            if not is_out_of_memory(exc):
                raise
        # Too big for the capped buffer pool (a batch of pages of several MB each):
        # the transaction rolled back; once more with DuckDB's own limit.
        uncapped = tuple(s for s in self.settings if s[0] != "memory_limit")
        with open_warehouse(self.target, lock_timeout=wait, settings=uncapped) as wh:
            return work(wh)

    def close(self) -> None:
        """Detach a lake session held for the run (a file is closed after every session)."""
        if self._held is not None:
            self._held.close()

    async def flush_inlined(self) -> dict[str, int]:
        """On a lake, move the rows DuckLake inlined into its catalog to Parquet files,
        for each table holding at least $PRESSROOM_LAKE_FLUSH_ROWS of them (the run's
        end; :func:`warehouse.lake_session.flush_inlined`). A file: nothing."""
        held = self._held
        if held is None:
            return {}
        async with self._lock:
            return await asyncio.to_thread(held.flush, self._flush_rows)

    async def call(self, work: Callable[[Warehouse], T], lock_timeout: float | None = None) -> T:
        """Run ``work`` in a short session without blocking the event loop."""
        async with self._lock:
            return await asyncio.to_thread(self.run_sync, work, lock_timeout)

    async def write(self, batch: Batch) -> BatchResult | None:
        """Write a batch now, or stage it durably (None) when the file is locked or the
        lake's catalog cannot be reached (:attr:`refused` says which)."""
        # A lake's write conflicts are other hosts' commits, over in moments: a batch
        # waits them out as a run's start and end do (a catalog that is down is
        # CatalogUnavailable at once). A file's lock may be held for long: stage soon.
        wait = self.lock_timeout if self._held is not None else min(WRITE_LOCK_WAIT,
                                                                    self.lock_timeout)
        try:
            return await self.call(self._opened(lambda wh: wh.write_batch(batch)), wait)
        except WarehouseUnavailable as exc:
            self.refused = exc
            async with self._lock:
                self._staged += 1
                await asyncio.to_thread(self.spool.stage, batch, self._staged)
            return None

    async def stage_row(self, batch: Batch) -> None:
        """Stage ``batch`` (a run's closing row) without trying the warehouse first."""
        async with self._lock:
            self._staged += 1
            await asyncio.to_thread(self.spool.stage, batch, self._staged)

    def pending(self) -> bool:
        """True when a staged batch waits (in the spool, or a link's legacy one)."""
        return bool(self.spool.pending() or (self.legacy and self.legacy.pending()))

    def waiting(self) -> int:
        """How many staged files wait for the next run: this run's (its batches and its
        rows) and any an earlier run left; this run's count when the spool cannot be read."""
        try:
            return len(self.spool.pending()) + len(self.legacy.pending() if self.legacy else [])
        except WarehouseError:
            return self._staged

    def merge_staged(self, wh: Warehouse) -> Merged:
        """Merge every staged batch into ``wh``: a link's legacy spool first (older),
        then the file's."""
        merged: Merged = []
        if self.legacy is not None and self.legacy.pending():
            merged.extend(self.legacy.merge_into(wh))
        merged.extend(self.spool.merge_into(wh))
        return merged

    async def merge_spool(self, lock_timeout: float | None = None) -> Merged:
        """Merge every staged batch (this run's and any earlier run's).

        Returns every batch merged since the last call, start-up included.
        """
        if self._opening is not None or self.pending():
            self._merged.extend(await self.call(self._opened(self.merge_staged), lock_timeout))
        merged, self._merged = self._merged, []
        return merged
