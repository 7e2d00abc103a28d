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
import functools
import os
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


# Module-level on purpose, against the project's rule: the state it keeps is the DuckDB
# client's own, which caches one database instance per file for the whole process;
# anything narrower (a Warehouse, a flow run) would see only its own sessions of a shared
# instance and put back a value another session still needs.
_LOCK = threading.Lock()
_HELD: dict[str, dict[str, _Held]] = {}  # by file, by setting
_OPEN: dict[int, tuple[str, tuple[str, ...]]] = {}  # id(connection) -> file, names set


def apply(con: duckdb.DuckDBPyConnection, key: str, settings: Settings) -> None:
    """``SET`` each of ``settings`` on ``con`` (a session of the file ``key``), keeping
    the instance's value to put back at :func:`close` (call it on a failure here too)."""
    if not settings:  # a read-only open: nothing to give back, nothing kept
        return
    # One instance per file however its path is spelled (relative, absolute, "./", ".."):
    # keyed as given, two names of one file each read the other's batch cap as the
    # instance's own value and put it back (k43).
    key = os.path.realpath(key)
    with _LOCK:
        names = tuple(name for name, _ in settings if name not in KEPT_TO_CLOSE)
        if names:
            held = _HELD.setdefault(key, {})
            fresh = [name for name in names if name not in held]
            before = _values(con, fresh) if fresh else {}
            for name in names:
                held.setdefault(name, _Held(before.get(name, ""))).sessions += 1
            _OPEN[id(con)] = (key, names)
        # one call: an open costs what it did (o43's figures)
        con.execute("; ".join(f"SET {name} = {_quoted(value)}" for name, value in settings))


def close(con: duckdb.DuckDBPyConnection) -> None:
    """Close ``con``, first putting back what its :func:`apply` changed when no other
    open session of the file changed it too."""
    with _LOCK:
        key, names = _OPEN.pop(id(con), ("", ()))
        held = _HELD.get(key, {})
        back: list[str] = []
        for name in names:
            entry = held.get(name)
            if entry is None:
                continue
            entry.sessions -= 1
            if entry.sessions <= 0:
                del held[name]
                back.append(_restore(name, entry.before))
        if key in _HELD and not held:
            del _HELD[key]
        if back:
            with contextlib.suppress(duckdb.Error):  # a sandbox's lock_configuration
                con.execute("; ".join(back))
    con.close()


def _values(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> dict[str, str]:
    # current_setting in one SELECT: duckdb_settings() costs 1.3 ms a call, this 0.13
    row = con.execute(
        "SELECT " + ", ".join("current_setting(?)::VARCHAR" for _ in names), list(names)
    ).fetchone()
    return dict(zip(names, map(str, row or ()), strict=False))


@functools.cache
def _defaults() -> dict[str, str]:
    """DuckDB's own values, read once from an instance of our own."""
    con = duckdb.connect(":memory:")
    try:
        return {
            str(n): str(v)
            for n, v in con.execute("SELECT name, value FROM duckdb_settings()").fetchall()
        }
    finally:
        con.close()


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _restore(name: str, before: str) -> str:
    """The statement that puts ``before`` back: a RESET when it is DuckDB's default (the
    exact value), else a SET. RESET alone leaves the buffer pool at the session's cap
    (DuckDB 1.5, ``warehouse.compaction._uncapped``), so ``memory_limit`` is always SET."""
    if name != "memory_limit" and before == _defaults().get(name):
        return f"RESET {name}"
    return f"SET {name} = {_quoted(_unrounded(before))}"


def _unrounded(printed: str) -> str:
    """A size as DuckDB prints it ('18.8 GiB', rounded down from 18.83) set so it prints
    the same again ('18.85 GiB'): set as printed it reads '18.7 GiB', and each session
    would lower the instance's limit by a tenth until it stops at 18.5."""
    match = _SIZE.fullmatch(printed)
    return f"{match[1]}5 {match[2]}" if match else printed


_SIZE = re.compile(r"(\d+\.\d+) ([KMGTP]i?B)")
