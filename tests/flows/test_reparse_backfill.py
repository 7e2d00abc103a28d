"""reparse (no network) and backfill flows, and `sources check` (writes nothing)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from flows.config import load_sources
from flows.ingest import backfill_flow, reparse_flow, run_sources
from flows.reparse import reparse_archive
from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site import manifest as m
from tests.site.sources import write_sources_toml


def count(db: Path, sql: str) -> int:
    """One integer from the warehouse, read-only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(sql).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0])


def test_reparse_uses_the_archive_only(prefect_api: str, tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",))
        asyncio.run(run_sources(load_sources(sources), db, as_tasks=False))
    # The site is gone: reparse must not need it.
    stored = count(db, "SELECT count(*) FROM articles")
    assert stored == len(m.storable("belta"))
    result = reparse_flow(str(sources), str(db))
    assert result["pages"] == count(db, "SELECT count(*) FROM pages WHERE kind = 'article'")
    assert result["failed"] == 0 and result["new"] == 0 and result["updated"] == 0
    assert result["unchanged"] == stored
    assert count(db, "SELECT count(*) FROM article_versions") == stored


def test_backfill_walks_every_listing_page(prefect_api: str, tmp_path: Path) -> None:
    db = tmp_path / "b.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",))
        rows = asyncio.run(backfill_flow(
            str(sources), str(db), "belta", datetime(2019, 1, 1, tzinfo=UTC), 10
        ))
        deepest = [s for s in m.storable("belta") if s.listing_page == m.LISTING.pages]
        assert deepest, "the fixture must link an article only from the last listing page"
        for spec in deepest:
            assert site.hits(spec.path) == 1
        assert site.hits(m.LISTING.page_path(m.LISTING.pages + 1)) == 0  # no next link there
    assert rows[0]["new"] == len(m.storable("belta"))


def test_sources_check_writes_nothing(tmp_path: Path) -> None:
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",))
        proc = run_cli("sources", "check", "belta", "--sources", str(sources))
        listing = run_cli("sources", "--sources", str(sources))
        base = site.url
    assert proc.returncode == 0, proc.stderr
    for spec in m.storable("belta"):
        assert spec.url(base) in proc.stdout
    assert "nothing written" in proc.stderr
    assert not any(tmp_path.glob("*.duckdb"))
    assert listing.stdout.startswith("belta\t")


def test_reparse_fills_local_publication_days_in_place(tmp_path: Path) -> None:
    """Rows stored before migration 005 get their day and offset from the archive, no version."""
    db = tmp_path / "d.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",))
        asyncio.run(run_sources(load_sources(sources), db, as_tasks=False))
        base = site.url
    con = duckdb.connect(str(db))
    try:
        # What migration 005 leaves on rows written before it.
        con.execute("UPDATE article_versions SET published_local_date = NULL, "
                    "published_utc_offset_minutes = NULL")
    finally:
        con.close()
    dated = count(db, "SELECT count(*) FROM articles WHERE published_at IS NOT NULL")
    assert dated > 0
    # The flow's body, without a Prefect server (reparse_flow only wraps it).
    result = reparse_archive(db, {s.name: s for s in load_sources(sources)})
    assert result["new"] == 0 and result["updated"] == 0
    assert result["dates_refreshed"] == dated
    versions = count(db, "SELECT count(*) FROM article_versions")
    assert versions == count(db, "SELECT count(*) FROM articles")
    by_url = {s.url(base): s for s in m.storable("belta")}
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT url, published_local_date, published_utc_offset_minutes "
                           "FROM articles WHERE published_at IS NOT NULL").fetchall()
    finally:
        con.close()
    for url, local_date, offset in rows:
        spec = by_url[url].published_at
        assert (local_date, offset) == (spec.date(), spec.utcoffset().total_seconds() // 60), url


def test_reparse_reports_progress_per_source(tmp_path: Path) -> None:
    """Review r23: reparse said nothing until its summary (35 s on 600 pages); review
    r24: each line says of how many ("N of total")."""
    db = tmp_path / "p.duckdb"
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",))
        asyncio.run(run_sources(load_sources(sources), db, as_tasks=False))
    said: list[str] = []
    # every=0: a line per page, as a long source gets one every PROGRESS_EVERY seconds.
    result = reparse_archive(db, {s.name: s for s in load_sources(sources)},
                             progress=said.append, every=0)
    pages = result["pages"]
    assert pages > 1
    assert said == ["reparse: reading the page archive of every source",
                    *(f"belta: {n}/{pages} pages reparsed" for n in range(1, pages + 1)),
                    f"belta: {pages}/{pages} pages reparsed"]
