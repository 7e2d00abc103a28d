"""The cyclic garbage collector during a run: started less often, the start-up heap left out.

An ingest process allocates containers by the hundred thousand in every batch
(story clustering's word lists and shingle sets, Arrow rows, httpx's per-request
objects). At CPython 3.11's default threshold (a young collection every 700 net
allocations) that was ~470 young and ~4 full collections per 1,000 pages, each full
one walking every object the imports left (Prefect, httpx, DuckDB, pyarrow):
0.53 ms of CPU a page, and 16 % of the write thread's samples in a profile
(docs/BENCHMARKS.md, "All cores", w23). For the run, the start-up heap is frozen
(``gc.freeze``: kept out of every collection) and a young collection waits for
:data:`RUN_GEN0` allocations (CPython 3.12 raised its own default to 2,000 for the
same reason). Both are undone when the run ends, so a long-lived process (``serve``,
a test session) goes back to its own settings, and one full collection then takes
what the run left in cycles (tens of ms, once a run): without it, in a soak of runs
in one process, RSS crept up ~2 MB a run, full collections being rare between runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

RUN_GEN0 = 10_000


@contextmanager
def collector_for_run() -> Iterator[None]:
    """Freeze the heap and raise the young threshold for the block; undo both after,
    then collect once.

    A block that finds the threshold already at least :data:`RUN_GEN0` (another run in
    this process, or the caller's own tuning) leaves the collector alone.
    """
    before = gc.get_threshold()
    if before[0] >= RUN_GEN0:
        yield
        return
    gc.freeze()
    gc.set_threshold(RUN_GEN0, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
        gc.collect()
