"""Group commit: after a source's first batch, a batch grows while writes are recent."""

from __future__ import annotations

import asyncio
from pathlib import Path

import duckdb
import pytest

from flows import pipeline
from flows.config import load_sources
from flows.run import run_sources
from tests.crash.bulk_site import BulkSite

ARTICLES = 250


def batch_sizes(db: Path) -> list[int]:
    """Articles per batch, in write order: a batch's seen rows share its timestamp."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT count(*) FROM seen_urls WHERE kind = 'article' "
                           "GROUP BY first_seen_at ORDER BY first_seen_at").fetchall()
    finally:
        con.close()
    return [int(r[0]) for r in rows]


def test_batches_grow_after_the_first_when_writes_are_recent(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every write is "recent" for the whole run: the first batch is BATCH_ARTICLES
    # (readers and the crash tests see it as before), the rest gather in one.
    monkeypatch.setattr(pipeline, "WRITE_EVERY", 3600.0, raising=False)
    db = tmp_path / "g.duckdb"
    with BulkSite(ARTICLES) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        asyncio.run(run_sources(load_sources(sources), db, as_tasks=False, parse_workers=0))
    assert batch_sizes(db) == [pipeline.BATCH_ARTICLES, ARTICLES - pipeline.BATCH_ARTICLES]


def test_a_batch_is_written_at_the_group_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "WRITE_EVERY", 3600.0, raising=False)
    monkeypatch.setattr(pipeline, "GROUP_ARTICLES", 120, raising=False)
    db = tmp_path / "l.duckdb"
    with BulkSite(ARTICLES) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        asyncio.run(run_sources(load_sources(sources), db, as_tasks=False, parse_workers=0))
    assert batch_sizes(db) == [100, 120, 30]
