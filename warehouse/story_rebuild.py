"""``stories --rebuild``: every story recomputed in one transaction, and the live
story sidecar replaced by one built alongside (the :class:`~warehouse.store.Warehouse`
method is a thin wrapper of :func:`rebuild_stories`)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from datetime import datetime

import duckdb

from warehouse import story_index
from warehouse.leftovers import remove_dead
from warehouse.story_index import AssignResult
from warehouse.story_sidecar import Sidecar, staged_path
from warehouse.txn import transaction


def rebuild_stories(con: duckdb.DuckDBPyConnection, live: Sidecar | None,
                    when: datetime) -> AssignResult:
    """Recompute every story (``story_index.rebuild``); with a ``live`` sidecar,
    fill a staged one as the replay goes and put it in place after the commit."""
    if live is None:
        with transaction(con):
            return story_index.rebuild(con, when)
    # The live sidecar goes first: a crash before the new one is in place
    # leaves none (rebuilt from DuckDB), never one of the old clusters.
    live.discard()
    with contextlib.suppress(OSError):  # copies left by rebuilds killed before their rename
        remove_dead(live.path, ".rebuild-")
    staged = Sidecar(staged_path(live.path))
    try:
        staged.start_empty()
        with transaction(con):
            result = story_index.rebuild(con, when, staged)
            staged.stamp(con)
    except (story_index.SidecarFailed, sqlite3.Error, OSError) as exc:
        staged.discard()  # the rebuild rolled back: again, by DuckDB scans
        with transaction(con):
            result = story_index.rebuild(con, when)
        # Said once the rebuild without it has worked: when that fails too (a full
        # disk), its error is the one line the command prints.
        print(f"pressroom: warning: story index {staged.path}: {exc.__cause__ or exc}; "
              "stories rebuilt without it", file=sys.stderr)
        return result
    except BaseException:
        staged.discard()
        raise
    staged.close()
    try:
        os.replace(staged.path, live.path)
    except OSError as exc:  # a directory in its place: batches scan DuckDB
        staged.discard()
        print(f"story index {live.path} not replaced: {exc}", file=sys.stderr)
    return result
