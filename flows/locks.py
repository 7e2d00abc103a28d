"""Per-source run locks, so overlapping runs of one source never both write.

``flock`` locks vanish with the process that held them, so a killed run
never leaves a stale lock behind. Who holds a lock is read in
``warehouse.run_locks``, which query commands use without importing ``flows``.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pressroom.errors import WarehouseError
from warehouse.run_locks import lock_dir


@contextmanager
def source_lock(db_path: Path, source: str, kind: str = "ingest",
                run_id: str | None = None) -> Iterator[bool]:
    """Yield True when this process now runs ``source`` alone, False when another does.

    The lock file says the holder's pid, ``kind`` (``ingest``, ``backfill``,
    ``reparse``) and ``run_id`` when it has one, so a run it turns away can say what
    holds the source, and its runs row can name the holder (migration 014)."""
    folder = lock_dir(db_path)  # beside the file, whatever name it is given
    path = folder / f"{source}.lock"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:  # a read-only or full data folder: one line, not a traceback
        raise WarehouseError(f"cannot write run lock {path}: {exc.strerror or exc}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {kind} {run_id or ''}".strip().encode())
        except OSError as exc:  # a full disk: the pid (for messages) needs a block
            fcntl.flock(fd, fcntl.LOCK_UN)
            raise WarehouseError(
                f"cannot write run lock {path}: {exc.strerror or exc}") from exc
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
