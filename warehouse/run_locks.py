"""Who holds a source's run lock, read from the lock files ``flows.locks`` writes.

Here, not in ``flows``, because ``pressroom status`` reads them and query commands
import no ``flows`` (start-up cost; the layout keeps orchestration out of queries).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple


class Holder(NamedTuple):
    """What a lock file says of the run holding a source: pid ('?' if unknown), kind
    and run_id (None if unknown: a file an earlier release wrote, a reparse, or one
    being written)."""

    pid: str
    kind: str | None
    run_id: str | None


def lock_holder(db_path: Path, source: str) -> str:
    """The pid written by the current holder of ``source``'s lock ('?' if unknown)."""
    return holder_of(db_path, source)[0]


def lock_dir(db_path: Path) -> Path:
    """The folder of the source run locks of the warehouse ``db_path`` names: beside the
    file itself, so runs given two names of one file (a symlink to it) share them and
    never both run a source."""
    if db_path.is_symlink():  # state_path has resolved it already, unless it dangles
        db_path = db_path.resolve()
    return db_path.with_name(db_path.name + ".locks")


def holder_of(db_path: Path, source: str) -> tuple[str, str | None]:
    """The pid ('?' if unknown) and kind of run (None if unknown: a file an earlier
    release wrote, or one being written) holding ``source``'s lock."""
    pid, kind, _run = holder(db_path, source)
    return pid, kind


def holder(db_path: Path, source: str) -> Holder:
    """The :class:`Holder` of ``source``'s lock, read once from its file
    (``flows.locks.source_lock`` writes ``PID KIND [RUN_ID]``)."""
    path = lock_dir(db_path) / f"{source}.lock"
    try:
        words = path.read_text().split()
    except OSError:
        return Holder("?", None, None)
    words += [""] * (3 - len(words))
    return Holder(words[0] or "?", words[1] or None, words[2] or None)


def backfills_holding(db_path: Path, sources: Iterable[str]) -> dict[str, str]:
    """Source -> pid of each of ``sources`` a backfill on this host holds now (its
    lock file names a backfill whose process is alive and began before writing it).

    Read from the files, never by taking a lock: a status query must not make a
    starting run find its source held."""
    from warehouse.runs import pid_alive

    held: dict[str, str] = {}
    for name in sources:
        path = lock_dir(db_path) / f"{name}.lock"
        pid, kind = holder_of(db_path, name)
        try:
            written = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        except OSError:
            continue
        if kind == "backfill" and pid.isdigit() and pid_alive(int(pid), since=written):
            held[name] = pid
    return held
