"""The one line a run stopped by Ctrl-C ends with (u54): what it stored, and that the
next run picks up the rest. Before, ``ingest`` and ``backfill`` said
``pressroom: error: interrupted`` and left their rows 'running', which ``status`` then
showed as "crashed: process N ended without finishing the run"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pressroom.errors import PressroomError

if TYPE_CHECKING:
    from warehouse.lake import LakeTarget

# Seconds to wait for the warehouse: an interrupted run should end at once; the next
# run closes rows left 'running' as crashed (warehouse.crashed_runs) if this cannot.
CLOSE_WAIT = 5.0
BEFORE = "pressroom: interrupted before the run began; nothing fetched"


def interrupted_line(target: Path | LakeTarget, *, backfill: bool) -> str:
    """Close this process's 'running' rows of ``target`` as interrupted
    (:mod:`warehouse.interrupted_runs`) and say what the run stored, in one line."""
    rest = "the next backfill walks the rest" if backfill else "the next run fetches the rest"
    try:
        from warehouse import open_warehouse
        from warehouse.lake import target_exists

        if not target_exists(target):  # stopped before the run made it: make nothing
            return BEFORE
        with open_warehouse(target, lock_timeout=CLOSE_WAIT) as wh:
            done = wh.close_interrupted_runs(datetime.now(UTC))
    except (PressroomError, OSError):  # busy or gone: what was stored stays all the same
        return f"pressroom: interrupted; what the run stored is kept, {rest}"
    if not done.runs:
        return BEFORE
    if not done.stored:
        return f"pressroom: interrupted; nothing stored yet, {rest}"
    stored = f"{done.stored} article{'' if done.stored == 1 else 's'}"
    return f"pressroom: interrupted; {stored} stored and kept, {rest}"
