"""A worker-pool run (``cluster=True``) that finds a source's cluster lease taken by
another worker skips it, exit status unchanged, and now records that it did: a
'skipped' runs row of its own, as a source another process on the host holds (ops14).

Real parts: the loopback press site, a real Prefect flow run of ``ingest`` against the
session's test-harness server, the other worker's lease taken through
``flows.concurrency.clustered`` (what a worker on another host holds), a DuckDB file.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import duckdb

from flows.concurrency import clustered
from flows.config import load_sources
from flows.ingest import ingest_flow
from tests.site import PressSite
from tests.site.sources import write_sources_toml


def test_a_source_another_worker_holds_is_a_skipped_row(
    press_site: PressSite, prefect_api: str, tmp_path: Path
) -> None:
    sources = write_sources_toml(press_site, tmp_path / "s.toml", names=("belta", "fixture"))
    db = tmp_path / "p.duckdb"
    every = load_sources(sources)
    # The other worker runs `fixture`; this run gets both and may run only `belta`.
    fixture = tuple(s for s in every if s.name == "fixture")

    async def scenario() -> object:
        async with clustered(every, fixture) as (owned, elsewhere, _pacer):
            assert [s.name for s in owned] == ["fixture"] and elsewhere == []
            return await ingest_flow(sources_file=str(sources), db_path=str(db), cluster=True)

    rows = asyncio.run(scenario())
    assert isinstance(rows, list), rows  # a clean run: skipping a held source is no failure
    by_source = {r["source"]: r for r in rows}
    assert by_source["belta"]["status"] == "ok", rows
    assert by_source["fixture"]["status"] == "skipped", rows
    # Before (w56b): "skipped: another worker is running fixture", untrue when the holder
    # ended without giving the lease back (killed; its give-back unanswered).
    assert by_source["fixture"]["note"] == (
        "skipped: the cluster lease of fixture is held by another run (one running now, or "
        "one that ended without giving it back: that lease lapses within 60 s)")
    con = duckdb.connect(str(db), read_only=True)
    try:
        runs = con.execute("SELECT source, status, kind, fetched, new, held_by, run_id "
                           "FROM runs ORDER BY source").fetchall()
        held_articles = con.execute(
            "SELECT count(*) FROM articles WHERE source = 'fixture'").fetchone()
    finally:
        con.close()
    assert len(runs) == 2, runs  # before: no row for the source the other worker held
    (b_source, b_status, *_rest, b_run), (f_source, *f_row, f_run) = runs
    assert (b_source, b_status, f_source) == ("belta", "ok", "fixture"), runs
    # One row for the turned-away source, of this very run; the holder is on another
    # worker, whose run_id this worker cannot read, so held_by stays NULL.
    assert f_row == ["skipped", "ingest", 0, 0, None], runs
    assert f_run == b_run
    assert held_articles == (0,)
