"""How a lake's failures read: passwords hidden, a catalog outage, storage that
takes no writes, and the race of two first runs (translated once, here)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from pressroom.errors import (
    CatalogUnavailable,
    PressroomError,
    StorageUnavailable,
    WarehouseError,
)

if TYPE_CHECKING:
    from warehouse.lake import LakeTarget

# A password in a catalog string, kept out of messages: libpq's ``password=``
# (quoted or not; unquoted, a backslash escapes the next character, a space
# too), or the ``user:password@`` of a ``postgresql://`` URI.
_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'?|(?:[^\s\\]|\\.?)+)"
                       r"|(postgres(?:ql)?://[^:@/\s]*:)[^@\s]*(?=@)", re.IGNORECASE)


def hide_password(text: str) -> str:
    """``text`` with any catalog password in it replaced by ``***``."""
    return _PASSWORD.sub(lambda m: (m.group(1) or m.group(3)) + "***", text)


# Seconds a process waits out another one creating a brand-new lake's catalog
# tables or schema at the same moment (two first runs started at once).
FIRST_RUN_WAIT = 60.0
# How PostgreSQL words a second CREATE TABLE of DuckLake's catalog tables racing
# the first one's (not yet committed): the loser's attach failed, the tables exist.
_FIRST_RUN_RACE = re.compile(
    r"Failed to initialize DuckLake.*(?:duplicate key value violates unique constraint"
    r"|already exists)", re.IGNORECASE | re.DOTALL)


def first_run_race(exc: BaseException) -> bool:
    """True if ``exc`` is an attach that lost the race to create a new lake's catalog."""
    return isinstance(exc, duckdb.Error) and bool(_FIRST_RUN_RACE.search(str(exc)))


# How libpq, the postgres scanner and DuckLake word a catalog connection that
# could not be made or broke off (server stopped, restarting, unreachable).
_CATALOG_GONE = re.compile(
    r"Unable to connect to Postgres|server closed the connection|no connection to the server"
    r"|terminating connection due to administrator command|could not connect to server"
    r"|could not (?:send|receive) data (?:to|from) server|Connection refused"
    r"|SSL SYSCALL error|connection to server .{0,200}failed", re.IGNORECASE | re.DOTALL)
_LIBPQ_REASON = re.compile(r'Unable to connect to Postgres at "[^"]*": ([^\n]+)')
# A server that answered and refused the login names a mistake in the catalog
# string (no such database or role, wrong password, no pg_hba entry): waiting will
# not fix it, so it is not an outage and nothing is fetched to be staged.
_CATALOG_REFUSED = re.compile(
    r'FATAL:\s+(?:database "[^"]*" does not exist|role "[^"]*" does not exist'
    r"|password authentication failed|no pg_hba\.conf entry|\w+ authentication failed)",
    re.IGNORECASE)


def catalog_unreachable(exc: BaseException) -> bool:
    """True if ``exc`` says the lake's catalog database could not be reached (for now)."""
    if not isinstance(exc, duckdb.Error):
        return False
    text = str(exc)
    return bool(_CATALOG_GONE.search(text)) and not _CATALOG_REFUSED.search(text)


def unavailable(target: LakeTarget, exc: BaseException) -> CatalogUnavailable:
    """The one-line error for a catalog that cannot be reached, without a password."""
    found = _LIBPQ_REASON.search(str(exc))
    reason = found.group(1).strip() if found else one_line(exc)
    reason = hide_password(reason)[:300]
    return CatalogUnavailable(f"the catalog of DuckLake {target.describe()} cannot be "
                              f"reached ({reason})")


# How DuckDB words a file it could not write because of where it goes: a data
# folder that is full, over quota, read-only, or an NFS/FUSE share that went away.
# A mistake (no such bucket, a bad path) is none of these and is not staged.
_STORAGE_GONE = re.compile(
    r"No space left on device|Disk quota exceeded|Read-only file system|Stale file handle"
    r"|Transport endpoint is not connected|Input/output error", re.IGNORECASE)
_IO_FILE = re.compile(r'(?:write|open|create|sync|close)\w* (?:file|directory) "([^"]+)"',
                      re.IGNORECASE)


def storage_refused(exc: BaseException) -> bool:
    """True if ``exc`` says a lake file could not be written for want of storage."""
    return isinstance(exc, duckdb.IOException) and bool(_STORAGE_GONE.search(str(exc)))


def storage_unavailable(target: LakeTarget, exc: BaseException) -> StorageUnavailable:
    """The one-line error for a lake whose files cannot be written now."""
    text = str(exc)
    found = _STORAGE_GONE.search(text)
    reason = found.group(0) if found else one_line(exc)
    path = _IO_FILE.search(text)
    where = Path(path.group(1)).parent if path else target.data_path
    return StorageUnavailable(f"DuckLake {target.describe()} cannot write its files "
                              f"({reason}: {where})")


def session_error(con: duckdb.DuckDBPyConnection, target: LakeTarget, exc: duckdb.Error,
                  what: str, alias: str = "lake") -> PressroomError:
    """The project's error for ``exc``, raised by ``what`` on a session of ``target``.

    :class:`CatalogUnavailable` when the catalog is gone. A commit cut off by a
    stopping server says only that its ROLLBACK failed: when the message tells
    nothing, one probe of the catalog (a snapshot read) decides.
    """
    if catalog_unreachable(exc):
        return unavailable(target, exc)
    if storage_refused(exc):
        return storage_unavailable(target, exc)
    if target.is_postgres and not isinstance(exc, duckdb.CatalogException | duckdb.BinderException
                                             | duckdb.ParserException):
        try:
            con.execute("FROM ducklake_current_snapshot(?)", [alias]).fetchall()
        except duckdb.Error as probe:
            if catalog_unreachable(probe):
                return unavailable(target, probe)
    return WarehouseError(f"{what} failed: {exc}")




def one_line(exc: BaseException) -> str:
    return " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
