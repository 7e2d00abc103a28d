"""Who holds a source's run lock, read from the lock files ``flows.locks`` writes.

Here, not in ``flows``, because ``pressroom status`` reads them and query commands
import no ``flows`` (start-up cost; the layout keeps orchestration out of queries).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from warehouse.catalog_spelling import lock_spelling

if TYPE_CHECKING:
    from warehouse.lake import LakeTarget

# A pid or a tick count (64-bit at most) has no more digits than this.
MAX_DIGITS = 20
# What a holder writes is under 200 bytes (pid, kind, run id, boot id, ticks, namespace).
MAX_LOCK_BYTES = 4096


class Holder(NamedTuple):
    """What a lock file says of the run holding a source: pid ('?' if unknown), kind
    and run_id (None if unknown: a file an earlier release wrote, a reparse, or one
    being written)."""

    pid: str
    kind: str | None
    run_id: str | None


def lock_holder(db: Path | LakeTarget, source: str) -> str:
    """The pid written by the current holder of ``source``'s lock ('?' if unknown)."""
    return holder_of(db, source)[0]


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
    # os.path's, not Path's: a ~user with no home is a name, not a RuntimeError (the
    # command line refuses one in $PRESSROOM_STATE_DIR before this is asked: k52c)
    return Path(os.path.expanduser(state))


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


def lock_folders(db: Path | LakeTarget) -> tuple[Path, Path | None]:
    """The two folders of the source run locks of ``db``: a warehouse file's state path
    (:func:`warehouse.lake.state_path`: links followed) or a lake. The first is the one
    every release takes (:func:`lock_dir`; a lake's beside its state folder, named by its
    catalog as given), the second keeps apart what the first does not (None when there
    is none yet): a file's :func:`file_lock_dir` (hard links), a lake's
    :func:`catalog_lock_dir` (its catalog spelt otherwise)."""
    if isinstance(db, Path):
        return lock_dir(db), file_lock_dir(db)
    return lock_dir(db.local_path), catalog_lock_dir(db)


def catalog_lock_dir(lake: LakeTarget) -> Path | None:
    """A second folder of a lake's source run locks, named by its catalog's one spelling
    (o56b): ``<state>/catalog-<digest>.locks``. The lake's state folder (spool, search
    index, and the locks every release takes) is named by the catalog as typed, so
    ``dbname=n host=localhost``, ``host=127.0.0.1 dbname=n``, a URI or a link to the
    socket folder had a folder each, and two runs of one source spelt apart both wrote
    it. Here they share a lock (:func:`warehouse.catalog_spelling.lock_spelling`); the
    folders stay where they are (a spool staged under one spelling is merged by its next
    run). A catalog file: its device and inode, as a warehouse file's (hard links)."""
    file = lake.catalog_file
    if file is not None:
        return file_lock_dir(file)
    digest = hashlib.sha256(lock_spelling(lake.catalog).encode()).hexdigest()[:16]
    return state_folder() / f"catalog-{digest}.locks"


def holder_of(db: Path | LakeTarget, source: str) -> tuple[str, str | None]:
    """The pid ('?' if unknown) and kind of run (None if unknown: a file an earlier
    release wrote, or one being written) holding ``source``'s lock."""
    pid, kind, _run = holder(db, source)
    return pid, kind


def holder(db: Path | LakeTarget, source: str) -> Holder:
    """The :class:`Holder` of ``source``'s lock, read once from its file
    (``flows.locks.source_lock`` writes ``PID KIND [RUN_ID [OWNER...]]``)."""
    found = _latest(db, source)
    words = found[0] if found else []
    words += [""] * (3 - len(words))
    return Holder(words[0] or "?", words[1] or None, words[2] or None)


def owner_words(pid: int) -> list[str]:
    """What a lock file says after ``PID KIND RUN_ID`` of its holder, process ``pid`` of
    this host (o48): ``boot=BOOT_ID ticks=START_TICKS ns=PID_NAMESPACE``, what a runs
    row keeps of its process (019, 020: :mod:`warehouse.crashed_runs`), so the holder is
    known without a clock; those /proc cannot say are left out (none without /proc)."""
    from warehouse.crashed_runs import pid_namespace, process_identity

    identity, ns = process_identity(pid), pid_namespace()
    words = [f"boot={identity[0]}", f"ticks={identity[1]}"] if identity else []
    return words + ([f"ns={ns}"] if ns else [])


def _owner(words: list[str]) -> tuple[tuple[str, int] | None, str | None, str | None]:
    """(boot id, start ticks) or None, pid namespace and boot id (None if unknown) read
    from a lock file's words after ``PID KIND RUN_ID`` (none in a file of a release before
    o48, or one without a run id)."""
    said = dict(w.split("=", 1) for w in words[3:] if "=" in w)
    boot, ticks, ns = said.get("boot") or None, said.get("ticks", ""), said.get("ns") or None
    identity = (boot, int(ticks)) if boot and _number(ticks) else None
    return identity, ns, boot


def _number(word: str) -> bool:
    """Whether a lock file's ``word`` is a pid or a tick count: ASCII digits, at most
    MAX_DIGITS (k48: ``str.isdigit`` takes "²" and "٣", ``int()`` refuses 4,301 digits;
    a hand-edited or torn file must not end ``pressroom status`` in a traceback)."""
    return 0 < len(word) <= MAX_DIGITS and word.isascii() and word.isdigit()


def _latest(db: Path | LakeTarget, source: str) -> tuple[list[str], float] | None:
    """The words and mtime of the most recently written of ``source``'s lock files (in
    both :func:`lock_folders`): the holder writes both when it takes them, so the newer
    names it, whichever of the two turned a run away."""
    found = []
    for folder in lock_folders(db):
        if folder is None:
            continue
        path = folder / f"{source}.lock"
        try:
            # Bytes no release writes are read, not a traceback; MAX_LOCK_BYTES at most (a
            # lock file made a link to /dev/zero filled the memory; k48).
            with path.open("rb") as handle:
                words = handle.read(MAX_LOCK_BYTES).decode("utf-8", "replace").split()
            mtime = path.stat().st_mtime
        except OSError:
            continue
        if words:  # an empty one was only made, by a run it turned away
            found.append((words, mtime))
    return max(found, key=lambda f: f[1]) if found else None


def backfills_holding(db: Path | LakeTarget, sources: Iterable[str]) -> dict[str, str]:
    """Source -> pid of each of ``sources`` a backfill on this host holds now (its lock
    file names a backfill whose process is alive and is the one that wrote it).

    The process is judged as a running run's (:func:`warehouse.crashed_runs.owner_alive`):
    by the boot id, start ticks and pid namespace the file says (o48), no clock; a file
    of a release before o48 says none, and a process that began more than 2 s after its
    mtime is taken for another one on a recycled pid (which a wall clock stepped forward
    since the write also makes a live holder look like). Read from the files, never by
    taking a lock: a status query must not make a starting run find its source held."""
    from warehouse.crashed_runs import owner_alive

    held: dict[str, str] = {}
    for name in sources:
        found = _latest(db, name)
        if found is None:
            continue
        words = found[0]
        pid, kind = words[0], (words[1] if len(words) > 1 else None)
        if kind != "backfill" or not _number(pid):
            continue
        identity, ns, boot = _owner(words)
        written = datetime.fromtimestamp(found[1], tz=UTC)
        if owner_alive(int(pid), written, identity, ns, boot):
            held[name] = pid
    return held
