"""Pause Python's cyclic garbage collector while one page's tree is built and read.

A parsed page is some ten thousand Python objects (tags, attribute dicts, strings),
all alive until the record is made. With the collector on, every few hundred
allocations it walks them again, and the full collections it triggers walk every
page still waiting to be freed: nearly a fifth of the extraction time on the WCXB dev
pages (bench/extraction.py, docs/BENCHMARKS.md). Paused, the tree is walked once,
by the first collection after the page is done. Reference counting still frees
everything that is not in a cycle, so memory does not pile up.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block; restore it only if it was on.

    Safe across threads: a thread that finds it off (paused by another) leaves it
    alone, and the thread that paused it turns it back on, so it never stays off
    after every block ends. A caller that turned it off keeps it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
