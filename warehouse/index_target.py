"""What ``pressroom index`` finds at the path it is to write (review r26, u51).

An index path named with ``--index`` (or ``PRESSROOM_INDEX``) may name anything by a
slip of the shell history: a file there that is no search index is refused, in a line
that names the option or the variable that chose it (c52: a path from the environment
was refused with "choose another --index" though no ``--index`` was given). At its
default path (``<db stem>.search.duckdb``, or the lake's in the state folder) the file
is Pressroom's own and derived data: everything in it is copied from the warehouse at
each build. One that cannot be read as a database (zeroed, overwritten, cut before its
header) is moved aside, never deleted, and the index built again; a warehouse there is
still refused.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pressroom.errors import WarehouseError
from warehouse.connection import is_duckdb_file


def choose_another(named_by: str) -> str:
    """What to do about an index path ``named_by`` chose: ``--index`` or a variable."""
    if named_by.startswith("-"):
        return f"choose another {named_by}"
    return f"set {named_by} to another path (or unset it)"


def clear_target(target: Path, *, named_by: str | None, warn: Callable[[str], None]) -> None:
    """Refuse to replace a file at ``target`` that is no search index: a non-empty file
    that is not a DuckDB database (a sources file, a report), or another warehouse.
    ``named_by`` is what chose the path (``--index``, ``PRESSROOM_INDEX``), None at the
    default path, where an unreadable file is moved aside instead, with one line to
    ``warn`` naming where."""
    if not target.is_file() or target.stat().st_size == 0:
        return
    unreadable = None
    if not is_duckdb_file(target):
        unreadable = "not a DuckDB database"
    else:
        try:  # a warehouse in use by a writer cannot be opened: refused too
            with duckdb.connect(str(target), read_only=True) as con:
                if con.execute("SELECT count(*) FROM duckdb_tables() "
                               "WHERE table_name = 'article_versions'").fetchone() != (0,):
                    raise WarehouseError(
                        f"cannot write search index {target}: it is a warehouse; "
                        + (choose_another(named_by) if named_by is not None
                           else "give --index another path for the search index"))
        except duckdb.Error:
            unreadable = "a DuckDB database that cannot be read"
    if unreadable is None:
        return
    if named_by is not None:
        what = ("it is not a search index" if unreadable.startswith("not")
                else f"it is {unreadable}")
        raise WarehouseError(f"cannot write search index {target}: {what} (remove it if "
                             f"it is a damaged index); {choose_another(named_by)}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = target.with_name(f"{target.name}.unreadable-{stamp}-{os.getpid()}")
    try:
        os.rename(target, aside)
    except FileNotFoundError:  # another `index` moved it meanwhile
        return
    except OSError as exc:
        raise WarehouseError(f"search index {target} is unreadable ({unreadable}) and "
                             f"cannot be moved aside: {exc}; remove it") from exc
    with contextlib.suppress(OSError):  # its WAL belongs to it, not to the new index
        os.rename(target.with_name(target.name + ".wal"), aside.with_name(aside.name + ".wal"))
    warn(f"search index {target} is unreadable ({unreadable}): building it again from "
         f"the warehouse; the unreadable file is kept as {aside.name} (delete it when you like)")
