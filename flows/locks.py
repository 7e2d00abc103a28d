"""Per-source run locks, so overlapping runs of one source never both write.

``flock`` locks vanish with the process that held them, so a killed run
never leaves a stale lock behind. Who holds a lock is read in
``warehouse.run_locks``, which query commands use without importing ``flows``.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pressroom.errors import WarehouseError
from warehouse.run_locks import lock_folders, owner_words

if TYPE_CHECKING:
    from warehouse.lake import LakeTarget


@contextmanager
def source_lock(db: Path | LakeTarget, source: str, kind: str = "ingest",
                run_id: str | None = None) -> Iterator[bool]:
    """Yield True when this process now runs ``source`` alone, False when another does.

    The lock file says the holder's pid, ``kind`` (``ingest``, ``backfill``,
    ``reparse``) and ``run_id`` when it has one, so a run it turns away can say what
    holds the source, and its runs row can name the holder (migration 014); after the
    run id, its process's boot id, start ticks and pid namespace (o48), by which
    ``pressroom status`` knows a backfill's holder alive without a clock.

    ``db``: a warehouse file's state path (:func:`warehouse.lake.state_path`) or a lake.
    Two locks (:func:`warehouse.run_locks.lock_folders`): the one beside the file
    (whatever name the file is given through a symlink; a lake's beside its state folder;
    the one every release takes) and the one keyed by the file's device and inode (hard
    links of the file share it) or by a lake's catalog in one spelling (o56b: runs given
    ``host=localhost`` and ``host=127.0.0.1`` share it). Held only when both are; written
    only then, so a run turned away by one never writes over the holder's name in the
    other."""
    # The holder's process after its run id (o48: warehouse.run_locks.owner_words), so
    # status knows it without a clock; never without a run id, where a release before o48
    # would read the first of those words as the run id.
    owner = owner_words(os.getpid()) if run_id else []
    text = " ".join([str(os.getpid()), kind, *([run_id] if run_id else []), *owner]).encode()
    with ExitStack() as stack:
        first, second = lock_folders(db)
        beside = first / f"{source}.lock"
        paths = [beside, *([second / f"{source}.lock"] if second is not None else [])]
        held = [stack.enter_context(_flock(beside, required=True))]
        if held[0] is not None and second is not None:
            held.append(stack.enter_context(_flock(paths[1], required=False)))
        if any(fd is None for fd in held):
            yield False
            return
        for fd, path in zip(held, paths, strict=False):
            if fd is None or fd < 0:
                continue
            try:
                os.ftruncate(fd, 0)
                os.write(fd, text)
            except OSError as exc:  # a full disk: the pid (for messages) needs a block
                if path is beside:
                    raise WarehouseError(
                        f"cannot write run lock {path}: {exc.strerror or exc}") from exc
        yield True


@contextmanager
def _flock(path: Path, *, required: bool) -> Iterator[int | None]:
    """Hold an exclusive ``flock`` on ``path``: its descriptor, or None when another
    process holds it. A lock file that cannot be made is a WarehouseError when
    ``required``, else -1 (not taken: the other lock holds the source)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:  # a read-only or full data folder: one line, not a traceback
        if not required:
            yield -1
            return
        raise WarehouseError(f"cannot write run lock {path}: {exc.strerror or exc}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
            return
        try:
            yield fd
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
