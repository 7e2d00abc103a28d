"""Parse workers ignore Ctrl-C; the run stops them.

A terminal's Ctrl-C reaches the whole process group: a worker still importing
its modules printed a KeyboardInterrupt traceback (review r20, `ingest` stopped
8 s in). Workers, the first and the recycled ones (started by the pool's manager
thread), start with SIGINT blocked. Real spawned worker processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from pathlib import Path

import pytest

from flows.config import SourceConfig
from flows.parsepool import TEST_HANG_ENV, ParsePool, _kill_workers
from tests.flows.test_parse_queue import _page


def _blocks_sigint(pid: int) -> bool | None:
    """Whether process ``pid`` blocks SIGINT (None: it has exited already)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    (mask,) = [line.split()[1] for line in status.splitlines() if line.startswith("SigBlk:")]
    return bool(int(mask, 16) >> (signal.SIGINT - 1) & 1)


def test_parse_workers_first_and_recycled_start_with_ctrl_c_blocked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A worker per two pages: each new one is checked while it waits for its second.
    monkeypatch.setattr("flows.parsepool.TASKS_PER_WORKER", 2)
    pool = ParsePool(1)
    source = SourceConfig(name="bulk")
    seen: list[bool | None] = []

    async def go() -> None:
        for i in range(6):
            known = set(pool.peak_rss_kib)
            await pool.parse(_page(i), source, None)
            seen.extend(_blocks_sigint(pid) for pid in set(pool.peak_rss_kib) - known)

    try:
        asyncio.run(go())
    finally:
        pool.close()
    checked = [s for s in seen if s is not None]
    assert len(checked) >= 3 and all(checked), seen
    assert not _blocks_sigint(os.getpid())  # this process still takes Ctrl-C


def test_ctrl_c_while_a_page_hangs_in_a_worker_does_not_hold_the_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Ctrl-C cancels the run's tasks, then the run closes its pool. A page still in a
    # worker (here one that never finishes) held that close, so `ingest` printed
    # "interrupted" and never exited (README: Ctrl-C is exit 130; a parser that never
    # returns cannot hang the run). Real spawned workers; the hook hangs the page.
    marker = "pressroom-test-marker-hang-at-ctrl-c"
    monkeypatch.setenv(TEST_HANG_ENV, marker)  # spawned workers inherit it
    pool = ParsePool(1)
    source = SourceConfig(name="bulk")

    async def go() -> None:
        first = asyncio.create_task(pool.parse(_page(1), source, None))
        hung = asyncio.create_task(pool.parse(_page(2, f"<p>{marker}</p>"), source, None))
        # Both are submitted before the first result: the pool's manager has put the
        # hanging page in the worker's queue by the time the first comes back.
        await first
        hung.cancel()  # what asyncio.run does to the run's task on Ctrl-C
        with contextlib.suppress(asyncio.CancelledError):
            await hung

    asyncio.run(go())
    closing = threading.Thread(target=pool.close, daemon=True)
    closing.start()
    closing.join(60)  # the worker's start-up is behind us: closing takes well under 1 s
    stuck = closing.is_alive()
    if stuck:  # let the test process end: the pool's workers are the ones hanging
        for executor in (pool._executor, pool._alone):
            if executor is not None:
                _kill_workers(executor)
        closing.join()
    assert not stuck, "closing the pool waited for a page that never finishes"
