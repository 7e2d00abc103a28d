"""The collector during a run: fewer young collections, the start-up heap frozen, both undone."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import flows.run
from flows import collector
from flows.config import load_sources
from flows.run import run_sources
from tests.crash.bulk_site import BulkSite


def test_a_run_collects_less_often_and_puts_the_collector_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = gc.get_threshold()
    assert before[0] < collector.RUN_GEN0  # the interpreter's own setting
    seen: list[tuple[tuple[int, int, int], int]] = []
    inner = collector.collector_for_run

    @contextmanager
    def spy() -> Iterator[None]:  # the collector as the run sees it
        with inner():
            seen.append((gc.get_threshold(), gc.get_freeze_count()))
            yield

    monkeypatch.setattr(flows.run, "collector_for_run", spy)
    db = tmp_path / "c.duckdb"
    with BulkSite(30) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        asyncio.run(run_sources(load_sources(sources), db, as_tasks=False, parse_workers=0))
    (during, frozen), = seen
    assert during == (collector.RUN_GEN0, *before[1:])
    assert frozen > 10_000  # the imports' objects, out of every collection of the run
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_block_inside_a_raised_threshold_leaves_it_alone() -> None:
    before = gc.get_threshold()
    gc.set_threshold(collector.RUN_GEN0 * 2, *before[1:])
    try:
        with collector.collector_for_run():
            assert gc.get_threshold()[0] == collector.RUN_GEN0 * 2
            assert gc.get_freeze_count() == 0
        assert gc.get_threshold()[0] == collector.RUN_GEN0 * 2
    finally:
        gc.set_threshold(*before)


class _Node:
    link: object = None


def test_what_a_run_leaves_in_cycles_is_collected_when_it_ends() -> None:
    # A long-lived process (serve, the soak) must not keep a run's cyclic garbage
    # until a full collection happens to come.
    with collector.collector_for_run():
        node = _Node()
        node.link = node
        ref = weakref.ref(node)
        del node
    assert ref() is None
