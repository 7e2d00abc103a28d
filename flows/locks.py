"""Per-source run locks, so overlapping runs of one source never both write.

``flock`` locks vanish with the process that held them, so a killed run
never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pressroom.errors import WarehouseError


@contextmanager
def source_lock(db_path: Path, source: str, kind: str = "ingest") -> Iterator[bool]:
    """Yield True when this process now runs ``source`` alone, False when another does.

    The lock file says the holder's pid and ``kind`` (``ingest``, ``backfill``,
    ``reparse``), so a run it turns away can say what holds the source."""
    lock_dir = db_path.with_name(db_path.name + ".locks")
    path = lock_dir / f"{source}.lock"
    try:
        lock_dir.mkdir(parents=True, exist_ok=True)
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
            os.write(fd, f"{os.getpid()} {kind}".encode())
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


def lock_holder(db_path: Path, source: str) -> str:
    """The pid written by the current holder of ``source``'s lock ('?' if unknown)."""
    return holder_of(db_path, source)[0]


def holder_of(db_path: Path, source: str) -> tuple[str, str | None]:
    """The pid ('?' if unknown) and kind of run (None if unknown: a file an earlier
    release wrote, or one being written) holding ``source``'s lock."""
    path = db_path.with_name(db_path.name + ".locks") / f"{source}.lock"
    try:
        words = path.read_text().split()
    except OSError:
        return "?", None
    return (words[0] if words else "?"), (words[1] if len(words) > 1 else None)


def backfills_holding(db_path: Path, sources: Iterable[str]) -> dict[str, str]:
    """Source -> pid of each of ``sources`` a backfill on this host holds now (its
    lock file names a backfill whose process is alive and began before writing it).

    Read from the files, never by taking a lock: a status query must not make a
    starting run find its source held."""
    from warehouse.runs import pid_alive

    held: dict[str, str] = {}
    for name in sources:
        path = db_path.with_name(db_path.name + ".locks") / f"{name}.lock"
        pid, kind = holder_of(db_path, name)
        try:
            written = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        except OSError:
            continue
        if kind == "backfill" and pid.isdigit() and pid_alive(int(pid), since=written):
            held[name] = pid
    return held
