"""The event loop a command's run goes on: uvloop's when it is installed.

uvloop is libuv's loop in C: the same asyncio API, with the loop's own work
(its selector, transports, callbacks, wake-ups from the parse pool's threads)
done outside the interpreter. In an ingest that work is the ingest process's
CPU, which the parse workers need on a saturated machine (docs/BENCHMARKS.md,
w26). Without uvloop (another platform, a trimmed install) asyncio's own loop
runs the same code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's loop constructor, or None (asyncio's default) when it is not installed."""
    try:
        import uvloop
    except ImportError:
        return None
    new_loop: Callable[[], asyncio.AbstractEventLoop] = uvloop.new_event_loop
    return new_loop


def run(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(main)`` on :func:`loop_factory`'s loop."""
    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        return runner.run(main)
