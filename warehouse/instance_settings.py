"""A session's DuckDB settings, given back when it closes (o43, o42's find).

DuckDB's ``memory_limit``, ``threads`` and the checkpoint settings are GLOBAL options:
``SET`` changes the whole database instance, and the Python client shares one instance
among every connection of a process to the same file. DuckDB offers no narrower scope
for them ("LOCAL: not yet implemented", ``SET SESSION memory_limit``: "cannot be set
locally"; docs/BENCHMARKS.md, o43). So a batch session's 64 MB cap and single thread
(:data:`warehouse.connection.BATCH_SETTINGS`) stayed on the instance after the session
closed, for any connection to the file that outlived it and every one opened while it
lived on: a user's script, a test, a second flow in the same worker.

Here each session's settings are taken back when it closes: the instance's own value of
a setting is read before the first session of the process changes it and put back when
the last session that changed it closes (sessions of one file overlap: a reader opened
during a batch). While a session is open the settings are the instance's, as DuckDB
makes them. ``max_vacuum_tasks`` is left as set: the checkpoint that closes the file
(when the last connection goes) must run without vacuum (``WRITER_SETTINGS``), and every
Pressroom writer sets it anyway.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

Settings = Sequence[tuple[str, str]]

# Must hold until the file's closing checkpoint, which runs after any close of ours.
KEPT_TO_CLOSE = frozenset({"max_vacuum_tasks"})


@dataclass
class _Held:
    """A setting sessions of one file changed: the instance's value before, and how many
    open sessions changed it."""

    before: str
    sessions: int = 0


_LOCK = threading.Lock()
_HELD: dict[str, dict[str, _Held]] = {}  # by file, by setting
_OPEN: dict[int, tuple[str, tuple[str, ...]]] = {}  # id(connection) -> file, names set


def apply(con: duckdb.DuckDBPyConnection, key: str, settings: Settings) -> None:
    """``SET`` each of ``settings`` on ``con`` (a session of the file ``key``), keeping
    the instance's value to put back at :func:`close`."""
    names: list[str] = []
    with _LOCK:
        held = _HELD.setdefault(key, {})
        try:
            for name, value in settings:
                if name not in KEPT_TO_CLOSE and name not in held:
                    held[name] = _Held(_current(con, name))
                con.execute(f"SET {name} = '{value}'")
                if name in held:
                    held[name].sessions += 1
                    names.append(name)
        finally:
            _OPEN[id(con)] = (key, tuple(names))
            for name in [n for n, h in held.items() if not h.sessions]:
                del held[name]  # read but never set: a SET failed


def close(con: duckdb.DuckDBPyConnection) -> None:
    """Close ``con``, first putting back what its :func:`apply` changed when no other
    open session of the file changed it too."""
    with _LOCK:
        key, names = _OPEN.pop(id(con), ("", ()))
        held = _HELD.get(key, {})
        for name in names:
            entry = held.get(name)
            if entry is None:
                continue
            entry.sessions -= 1
            if entry.sessions <= 0:
                del held[name]
                with contextlib.suppress(duckdb.Error):  # a sandbox's lock_configuration
                    _restore(con, name, entry.before)
        if key in _HELD and not held:
            del _HELD[key]
    con.close()


def _current(con: duckdb.DuckDBPyConnection, name: str) -> str:
    row = con.execute("SELECT current_setting(?)::VARCHAR", [name]).fetchone()
    return str(row[0]) if row else ""


def _restore(con: duckdb.DuckDBPyConnection, name: str, before: str) -> None:
    """Put ``before`` back: a RESET when that gives it (the exact default), else a SET.
    RESET alone leaves the buffer pool at the session's cap (DuckDB 1.5,
    ``warehouse.compaction._uncapped``), so ``memory_limit`` is always SET."""
    con.execute(f"RESET {name}")
    if name != "memory_limit" and _current(con, name) == before:
        return
    con.execute("SET " + name + " = ?", [_unrounded(before)])


def _unrounded(printed: str) -> str:
    """A size as DuckDB prints it ('18.8 GiB', rounded down from 18.83) set so it prints
    the same again ('18.85 GiB'): set as printed it reads '18.7 GiB', and each session
    would lower the instance's limit by a tenth until it stops at 18.5."""
    match = _SIZE.fullmatch(printed)
    return f"{match[1]}5 {match[2]}" if match else printed


_SIZE = re.compile(r"(\d+\.\d+) ([KMGTP]i?B)")
