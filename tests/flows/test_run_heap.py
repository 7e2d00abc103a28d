"""A run keeps the collector off the heap it started with, and hands it back after.

The ingest process's start-up heap (imported modules, the open warehouse) is
frozen (``gc.freeze``) while the sources are fetched, so the cyclic collector's
runs do not walk it for every batch; the run unfreezes it at the end, so a
long-lived ``serve`` process can still collect whatever of it dies later.
"""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

from flows.config import load_sources
from flows.run import run_sources
from tests.site import PressSite
from tests.site import manifest as m
from tests.site.sources import write_sources_toml

# Far fewer objects than an ingest process holds once DuckDB and httpx are loaded (~75k here).
START_HEAP_AT_LEAST = 20_000


def test_a_run_freezes_its_start_up_heap_while_fetching_and_unfreezes_it(
        tmp_path: Path) -> None:
    frozen_while_fetching: list[int] = []

    def progress(line: str) -> None:
        if "fetching" in line:  # said once the articles to fetch are known
            frozen_while_fetching.append(gc.get_freeze_count())

    assert gc.get_freeze_count() == 0
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",))
        _run_id, (report,) = asyncio.run(run_sources(
            load_sources(sources), tmp_path / "h.duckdb", as_tasks=False,
            progress=progress, parse_workers=0))
    assert report.counts.new == len(m.storable("belta"))
    assert frozen_while_fetching and min(frozen_while_fetching) > START_HEAP_AT_LEAST
    assert gc.get_freeze_count() == 0  # handed back: nothing stays out of reach
