"""Who holds a source's run lock, read from the lock files ``flows.locks`` writes.

Here, not in ``flows``, because ``pressroom status`` reads them and query commands
import no ``flows`` (start-up cost; the layout keeps orchestration out of queries).
"""

from __future__ import annotations

import os
import stat
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


def state_folder() -> Path:
    """This host's (and user's) folder for state kept apart from any warehouse file:
    ``$PRESSROOM_STATE_DIR``, else ``$XDG_STATE_HOME/pressroom``, else
    ``~/.local/state/pressroom`` (a lake's spool and locks, and :func:`file_lock_dir`)."""
    state = os.environ.get("PRESSROOM_STATE_DIR")
    if not state:
        xdg = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        state = str(Path(xdg) / "pressroom")
    return Path(state).expanduser()


def file_lock_dir(db_path: Path) -> Path | None:
    """A second folder of source run locks, named after the warehouse file's device and
    inode (``<state>/file-<dev>-<ino>.locks``), so runs given two hard links of one file
    (which :func:`lock_dir` keeps apart: each name has its own folder) share it too.
    None when there is no file yet (a first run makes it: no other name can exist) or
    it cannot be read. Runs take it beside, not instead of, :func:`lock_dir`: a run of
    a release before ops37 takes only that one, so both are needed to hold a source."""
    try:
        st = os.stat(db_path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return state_folder() / f"file-{st.st_dev}-{st.st_ino}.locks"


def holder_of(db_path: Path, source: str) -> tuple[str, str | None]:
    """The pid ('?' if unknown) and kind of run (None if unknown: a file an earlier
    release wrote, or one being written) holding ``source``'s lock."""
    pid, kind, _run = holder(db_path, source)
    return pid, kind


def holder(db_path: Path, source: str) -> Holder:
    """The :class:`Holder` of ``source``'s lock, read once from its file
    (``flows.locks.source_lock`` writes ``PID KIND [RUN_ID]``)."""
    found = _latest(db_path, source)
    words = found[0] if found else []
    words += [""] * (3 - len(words))
    return Holder(words[0] or "?", words[1] or None, words[2] or None)


def _latest(db_path: Path, source: str) -> tuple[list[str], float] | None:
    """The words and mtime of the most recently written of ``source``'s lock files (the
    one beside the file, and the one keyed by its inode): the holder writes both when it
    takes them, so the newer names it, whichever of the two turned a run away."""
    found = []
    inode_dir = file_lock_dir(db_path)
    for folder in (lock_dir(db_path), *([inode_dir] if inode_dir else [])):
        path = folder / f"{source}.lock"
        try:
            words, mtime = path.read_text().split(), path.stat().st_mtime
        except OSError:
            continue
        if words:  # an empty one was only made, by a run it turned away
            found.append((words, mtime))
    return max(found, key=lambda f: f[1]) if found else None


def backfills_holding(db_path: Path, sources: Iterable[str]) -> dict[str, str]:
    """Source -> pid of each of ``sources`` a backfill on this host holds now (its
    lock file names a backfill whose process is alive and began before writing it).

    Read from the files, never by taking a lock: a status query must not make a
    starting run find its source held."""
    from warehouse.crashed_runs import pid_alive

    held: dict[str, str] = {}
    for name in sources:
        found = _latest(db_path, name)
        if found is None:
            continue
        pid, kind = holder_of(db_path, name)
        written = datetime.fromtimestamp(found[1], tz=UTC)
        if kind == "backfill" and pid.isdigit() and pid_alive(int(pid), since=written):
            held[name] = pid
    return held
