"""Keep the collector off the heap a run starts with.

By the time a run fetches its first page the ingest process holds a large,
long-lived heap: the imported modules (DuckDB, pyarrow, httpx, the parsers'
tables; Prefect's too when a flow runs here) and the open warehouse. The
cyclic collector's full collections walk all of it, again and again, though
none of it becomes garbage during the run. ``gc.freeze()`` moves it out of
the collector's reach for the run; ``gc.unfreeze()`` at the end hands it back
(to the oldest generation), so whatever of it does become garbage is still
collected later: a long ``serve`` process leaks nothing by running many runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def start_heap_frozen() -> Iterator[None]:
    """Freeze every object alive now for the block; unfreeze them after it.

    Overlapping blocks (two runs in one process) are safe: the first to end
    unfreezes everything, which only gives the other run's collections more
    to walk, never lets anything leak.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
