"""Opening the DuckDB file: lock handling, error translation and settings."""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import duckdb

from pressroom.errors import DatabaseLocked, WarehouseError
from warehouse import instance_settings

_T = TypeVar("_T")

# Backoff between attempts while another process holds the file: start small
# so a short writer is waited out quickly, cap so we still notice the release.
FIRST_DELAY = 0.05
MAX_DELAY = 1.0

Settings = Sequence[tuple[str, str]]
"""DuckDB settings of a session, ``(name, value)`` pairs applied with ``SET``."""

# Every read-write session: no vacuum at the checkpoint that closes it. DuckDB
# 1.5 gives each session's append a row group of its own, and vacuum merges
# them by rewriting them whole, page bodies included, so a writer's peak memory
# grew with the archive (445 MB after 1,000 pages, 814 MB after 4,000). See
# docs/BENCHMARKS.md, "Memory over a long run".
WRITER_SETTINGS: Settings = (("max_vacuum_tasks", "0"),)

# Short batch sessions (ingest, backfill, the spool merge) add a cap on
# DuckDB's buffer pool: a lookup by a hashed key (seen_urls, article_state)
# reads one block of every row group it scans, and without a cap those blocks
# stayed cached until the session closed, so each session's memory grew with
# the archive. With the cap they are evicted past it (a bounded cache, not a
# leak); a batch too big for it (pages of several MB each) is retried once
# without it (flows.gateway.WarehouseGateway; a lake's held session takes the
# thread setting only, see warehouse.lake_session.NOT_ON_A_LAKE). One thread: a 100-row batch
# gains nothing from parallel scans, and the parse workers want the cores.
# A batch's COMMIT checkpoints into the file at once, without writing its rows to the
# WAL first (DuckDB skips the WAL when a commit is to checkpoint anyway): the session
# ends with that checkpoint in any case, and writing every page and article twice
# (WAL, then file) was ~0.6 ms of the write thread's CPU a page (docs/BENCHMARKS.md,
# "The write thread, w29"). The checkpoint is as atomic as the commit: the header
# that names the new blocks is written last.
DIRECT_COMMIT: Settings = (("checkpoint_threshold", "0b"),
                           ("auto_checkpoint_skip_wal_threshold", "0"))
BATCH_SETTINGS: Settings = (*WRITER_SETTINGS, ("memory_limit", "64MB"), ("threads", "1"),
                            *DIRECT_COMMIT)


# DuckDB 1.5: 'IO Error: Could not set lock on file "...": Conflicting lock is
# held in <exe> (PID n)'. A bare "lock" substring would also match "block" in
# corruption errors, which must not be retried as if the file were busy.
_LOCK_MESSAGE = re.compile(r"could not set lock|conflicting lock|\block(ed)?\b", re.IGNORECASE)


def is_duckdb_file(path: Path) -> bool:
    """Whether ``path`` is an existing DuckDB database file (its header says ``DUCK``)."""
    if not path.is_file():  # never open a pipe or device: reading it could block
        return False
    try:
        with path.open("rb") as f:
            return f.read(12)[8:12] == b"DUCK"
    except OSError:
        return False


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` is a regular file that opens as an SQLite database: DuckDB then
    tries to download and load its ``sqlite_scanner`` extension to attach it (k42: the
    story index, ``<stem>.stories.sqlite``, given as ``--db``)."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def is_lock_error(exc: BaseException) -> bool:
    """True if ``exc`` is DuckDB refusing the file because another process holds it."""
    return isinstance(exc, duckdb.IOException) and _LOCK_MESSAGE.search(str(exc)) is not None


# The buffer pool's refusal as a failed COMMIT reports it (DuckDB 1.5: a
# TransactionException "Failed to commit: failed to pin block of size ...").
_OOM_MESSAGE = re.compile(r"(failed to pin|could not allocate) block of size")


def is_out_of_memory(exc: BaseException | None) -> bool:
    """True if DuckDB's memory limit is what failed ``exc`` (or its causes)."""
    while exc is not None:
        if isinstance(exc, duckdb.OutOfMemoryException) or (
                isinstance(exc, duckdb.Error) and _OOM_MESSAGE.search(str(exc))):
            return True
        exc = exc.__cause__
    return False


def real_file(path: str | Path) -> Path:
    """The warehouse file ``path`` names, its symbolic links followed (relative ones and
    chains too); a path that is not a link, as given.

    Pressroom names its spool, run locks, story sidecar and search index after the
    file, so a run given a link and one given the file's own name share them (DuckDB
    1.5 itself names the WAL of an existing file after the file, not the link: a
    SIGKILLed write through a link left ``<file>.wal``, measured in ops37). A link to
    nothing is an error, not a new warehouse made wherever it points; so is a path (or
    a link to one) that is no regular file (k37b: DuckDB's open of a named pipe waited
    for ever, a folder or ``/dev/null`` failed deep inside DuckDB).
    """
    given = Path(path).expanduser()
    found = _followed(given) if _looked_up(given, given.is_symlink) else given
    if (mode := _looked_up(given, lambda: found.stat().st_mode)) is None:
        return found  # no file yet (a first run makes it), or DuckDB says why not
    if not stat.S_ISREG(mode):
        what = ("a folder" if stat.S_ISDIR(mode) else "a named pipe" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket")
        shown = given if found == given else f"{given} (a symbolic link to {found})"
        raise WarehouseError(f"warehouse {shown} is not a file but {what}")
    return found


def _looked_up(given: Path, look: Callable[[], _T]) -> _T | None:
    """``look()``, None when the path is missing or not ours to see (DuckDB says why);
    any other failure (a name too long: a traceback in every command, k49a) is one line."""
    try:
        return look()
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None
    except OSError as exc:
        raise WarehouseError(f"warehouse {given}: {exc.strerror or exc}") from None


def _followed(given: Path) -> Path:
    """The file the symbolic link ``given`` names, or a WarehouseError in words."""
    try:
        return given.resolve(strict=True)
    except FileNotFoundError:
        raise WarehouseError(f"warehouse {given} is a symbolic link to "
                             f"{os.readlink(given)}, which does not exist (to make a new "
                             "warehouse, give its own path)") from None
    except (OSError, RuntimeError) as exc:  # a loop of links (RuntimeError before 3.13)
        raise WarehouseError(f"warehouse {given}: its symbolic links cannot be followed "
                             f"({exc})") from None


# A DuckDB configuration no other open uses: DuckDB gives it an instance of its own (it
# never shares one between configurations), so an instance-wide lockdown set on it (the
# SQL sandbox's ``lock_configuration``, which nothing can undo) reaches no other
# connection of the process (o44). The option itself changes nothing a session does.
OWN_INSTANCE = (("custom_user_agent", "pressroom-sql-sandbox"),)
# DuckDB's words when the file is open in the process under another configuration.
OTHER_INSTANCE = "different configuration than existing connections"


def connect(
    path: str | Path,
    *,
    read_only: bool = False,
    lock_timeout: float = 0.0,
    settings: Settings = (),
    own_instance: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> duckdb.DuckDBPyConnection:
    """Connect to ``path``, retrying a locked file with capped backoff until ``lock_timeout``.

    ``settings`` are applied to the new session (see :data:`WRITER_SETTINGS`) and given
    back to the DuckDB instance when it is closed with :func:`instance_settings.close`
    (``Warehouse.close`` does): they are the whole instance's (o43). ``own_instance``:
    the session gets a DuckDB instance no other connection of the process shares (the SQL
    sandbox's, whose lockdown cannot be undone, o44); while either is open the other
    cannot be, and :class:`WarehouseError` says why.

    Raises :class:`DatabaseLocked` if the lock is still held at the deadline and
    :class:`WarehouseError` for any other DuckDB failure.
    """
    db_path = real_file(path)
    if read_only and not db_path.exists():
        raise WarehouseError(f"no warehouse at {db_path}")
    if not read_only:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarehouseError(f"cannot create directory for {db_path}: {exc}") from exc
    if is_sqlite_file(db_path):
        raise WarehouseError(f"cannot open warehouse {db_path}: it is an SQLite database, "
                             "not a DuckDB file (the story index beside a warehouse is one); "
                             "give the warehouse's own path")
    creating = not read_only and not db_path.exists()
    deadline = clock() + max(lock_timeout, 0.0)
    delay = FIRST_DELAY
    while True:
        try:
            con = duckdb.connect(str(db_path), read_only=read_only,
                                 config=dict(OWN_INSTANCE) if own_instance else {})
        except duckdb.Error as exc:
            if OTHER_INSTANCE in str(exc):
                raise WarehouseError(
                    f"cannot open warehouse {db_path}: another connection of this process has "
                    "it open under another DuckDB configuration (the SQL sandbox keeps an "
                    "instance of its own: its lockdown cannot be undone); close that "
                    "connection first") from exc
            if not is_lock_error(exc):
                if creating:
                    _remove_if_empty(db_path)
                raise WarehouseError(f"cannot open warehouse {db_path}: {exc}") from exc
            remaining = deadline - clock()
            if remaining <= 0:
                raise DatabaseLocked(f"database {db_path} is locked by another process") from exc
            sleep(min(delay, remaining))
            delay = min(delay * 2, MAX_DELAY)
            continue
        try:
            configure_session(con)
            instance_settings.apply(con, str(db_path), settings)
        except duckdb.Error as exc:
            instance_settings.close(con)
            raise WarehouseError(f"cannot configure warehouse {db_path}: {exc}") from exc
        return con


def _remove_if_empty(db_path: Path) -> None:
    """Remove the empty file a failed create left (a full disk): left there, every later
    command would call it "not a valid DuckDB database file" once space is back."""
    try:
        if db_path.stat().st_size == 0:
            db_path.unlink()
    except OSError:
        pass


def configure_session(con: duckdb.DuckDBPyConnection) -> None:
    """Per-connection settings; call it for every ``cursor()`` too (they are sessions)."""
    # Stored values are UTC instants; reading them back must not depend on
    # the host's zone.
    con.execute("SET SESSION TimeZone = 'UTC'")
