"""Pause Python's cyclic garbage collector while one page's tree is built and read.

A parsed page is some ten thousand Python objects (tags, attribute dicts, strings),
all alive until the record is made. With the collector on, every few hundred
allocations it walks them again, and the full collections it triggers walk every
page still waiting to be freed: nearly a fifth of the extraction time on the WCXB dev
pages (bench/extraction.py, docs/BENCHMARKS.md). Paused, the tree is not walked
at all: ``extract`` cuts its parent links when the page is done
(``parsers.tree.release``), so reference counting frees it, and the profile
path's BeautifulSoup tree (reference cycles) waits for the first collection
after the page. The record itself does not depend on it: this changes when
memory is reclaimed, never what is extracted.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block, if it is on, and turn it back on after.

    Safe across threads: only a block that found the collector on turns it off, and
    that same block turns it on again, so every pause is undone by the block that
    made it. A block that finds it off (paused by another thread, or by a caller
    who wants it off) leaves it alone.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
