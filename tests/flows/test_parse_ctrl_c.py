"""Parse workers ignore Ctrl-C; the run stops them.

A terminal's Ctrl-C reaches the whole process group: a worker still importing
its modules printed a KeyboardInterrupt traceback (review r20, `ingest` stopped
8 s in). Workers, the first and the recycled ones (started by the pool's manager
thread), start with SIGINT blocked. Real spawned worker processes.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from flows.config import SourceConfig
from flows.parsepool import ParsePool
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
