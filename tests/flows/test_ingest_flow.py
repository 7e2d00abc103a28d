"""The real ingest flow (Prefect test harness) against the loopback press site.

One module-scoped ingest fills a DuckDB file; the tests read the stored rows.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from flows.ingest import ingest_flow
from tests.site import PressSite
from tests.site import manifest as m
from tests.site.sources import write_sources_toml

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_3e1effd98bd41d56.txt"
MINSK = ZoneInfo("Europe/Minsk")


@dataclass
class Ingested:
    """A site, its sources file, the database and the first run's summary."""

    site: PressSite
    sources: Path
    db: Path
    summary: list[dict[str, object]]

    def run(self, **kwargs: object) -> list[dict[str, object]]:
        """Run the ingest flow once more."""
        return asyncio.run(ingest_flow(str(self.sources), str(self.db), **kwargs))  # type: ignore[arg-type]

    def rows(self, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
        """Query the warehouse file read-only."""
        con = duckdb.connect(str(self.db), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


@pytest.fixture(scope="module")
def ingested(prefect_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ingested]:
    """Start the site and run ``ingest`` once into a fresh DuckDB file."""
    tmp = tmp_path_factory.mktemp("ingest")
    with PressSite(slow_delay=3.0) as site:
        sources = write_sources_toml(site, tmp / "sources.toml", timeout=1.0)
        db = tmp / "pressroom.duckdb"
        summary = asyncio.run(ingest_flow(str(sources), str(db)))
        yield Ingested(site, sources, db, summary)


def seed_body() -> tuple[str, str]:
    """(title, body) of the seed article."""
    text = SEED.read_text(encoding="utf-8").strip()
    first, _, body = text.partition("\n")
    title = first.split(" ", 2)[2].strip()
    return title, body.strip()


def test_seed_article_is_stored_as_published(ingested: Ingested) -> None:
    title, body = seed_body()
    spec = m.by_key("belta_un_trafficking")
    rows = ingested.rows(
        "SELECT title, body, published_at, dateline_place, dateline_agency, source, url, "
        "canonical_url FROM articles WHERE url = ?",
        [spec.url(ingested.site.url)],
    )
    assert len(rows) == 1
    got_title, got_body, published, place, agency, source, _url, canonical = rows[0]
    assert got_title == title
    assert got_body == body
    assert isinstance(published, datetime)
    assert published.astimezone(MINSK).date().isoformat() == "2019-11-16"
    assert published.astimezone(MINSK).strftime("%H:%M") == "10:45"
    assert (place, agency, source) == ("MINSK", "BelTA", "belta")
    assert canonical == spec.canonical_url(ingested.site.url)


def test_every_storable_article_stored_once(ingested: Ingested) -> None:
    base = ingested.site.url
    expected = {s.url(base) for name in ("belta", "fixture") for s in m.storable(name)}
    stored = ingested.rows("SELECT url, count(*) FROM articles GROUP BY url")
    counts = dict(stored)
    assert set(counts) == expected
    assert all(n == 1 for n in counts.values())
    dupes = ingested.rows(
        "SELECT article_id FROM article_versions GROUP BY article_id, version HAVING count(*) > 1"
    )
    assert dupes == []


def test_fields_match_the_manifest(ingested: Ingested) -> None:
    base = ingested.site.url
    for spec in m.storable("belta") + m.storable("fixture"):
        (row,) = ingested.rows(
            "SELECT title, body, published_at, dateline_place, dateline_agency "
            "FROM articles WHERE url = ?", [spec.url(base)]
        )
        title, body, published, place, agency = row
        assert title == spec.title, spec.key
        assert isinstance(body, str) and body.startswith(spec.first_sentence), spec.key
        assert body.count("\n\n") == spec.paragraphs - 1, spec.key
        assert published is not None, spec.key
        if spec.date_only:
            assert published.astimezone(spec.published_at.tzinfo).date() == spec.published_at.date()
        else:
            assert published == spec.published_at, spec.key
        assert (place, agency) == (spec.dateline_place, spec.dateline_agency), spec.key


def test_windows_1251_pages_decode(ingested: Ingested) -> None:
    base = ingested.site.url
    cp1251 = [s for s in m.ARTICLES if s.encoding.replace("-", "") in ("windows1251", "cp1251")]
    assert cp1251, "the site must carry windows-1251 pages"
    for spec in cp1251:
        (row,) = ingested.rows("SELECT title, body FROM articles WHERE url = ?", [spec.url(base)])
        assert row[0] == spec.title
        assert "\ufffd" not in str(row[1])
        assert str(row[1]).startswith(spec.first_sentence)


def test_faults_are_logged_with_their_class(ingested: Ingested) -> None:
    base = ingested.site.url

    def log(path: str) -> list[tuple[object, ...]]:
        return ingested.rows(
            "SELECT status, error_class, attempt FROM fetch_log WHERE url = ? ORDER BY started_at",
            [base + path],
        )

    gone = log(m.SPECIAL.gone)
    assert [(s, e) for s, e, _ in gone] == [(404, "HTTPStatusError")]  # terminal: no retry
    flaky = log(m.SPECIAL.flaky)
    assert [(s, e) for s, e, _ in flaky] == [(500, "ServerError"), (200, None)]
    busy = log(m.SPECIAL.busy)
    assert [(s, e) for s, e, _ in busy] == [(429, "RateLimited"), (200, None)]
    slow = log(m.SPECIAL.slow)
    assert slow and all(e == "FetchTimeout" for _, e, _ in slow)
    assert len(slow) > 1  # transient: retried
    assert ingested.site.hits(m.SPECIAL.private) == 0  # robots.txt refused it
    (fixture_run,) = ingested.rows(
        "SELECT status, new, failed FROM runs WHERE source = 'fixture'"
    )
    assert fixture_run[0] == "partial"  # some URLs failed (issue 14)
    assert fixture_run[2] >= 3  # gone, slow, private


def test_summary_counts_match_the_rows(ingested: Ingested) -> None:
    by_source = {row["source"]: row for row in ingested.summary}
    for name in ("belta", "fixture"):
        (stored,) = ingested.rows("SELECT count(*) FROM articles WHERE source = ?", [name])
        assert by_source[name]["new"] == stored[0] == len(m.storable(name))


def test_raw_pages_are_archived(ingested: Ingested) -> None:
    rows = ingested.rows(
        "SELECT kind, count(*) FROM pages GROUP BY kind ORDER BY kind"
    )
    kinds = dict(rows)
    assert kinds.get("article", 0) >= len(m.storable("belta")) + len(m.storable("fixture"))
    assert kinds.get("feed", 0) >= 1


def test_second_run_fetches_no_article_again(ingested: Ingested) -> None:
    article_paths = [s.path for s in m.storable("belta") + m.storable("fixture")]
    before = {p: ingested.site.hits(p) for p in article_paths}
    (count_before,) = ingested.rows("SELECT count(*) FROM article_versions")
    summary = ingested.run()
    assert all(row["new"] == 0 and row["updated"] == 0 for row in summary)
    assert {p: ingested.site.hits(p) for p in article_paths} == before
    assert ingested.rows("SELECT count(*) FROM article_versions") == [count_before]


def test_edited_page_becomes_a_version_row(ingested: Ingested) -> None:
    spec = m.by_key("belta_un_trafficking")
    site = ingested.site
    html = site.get_page(spec.path)
    edited = html.replace(b"co-sponsored by 80 countries", b"co-sponsored by 81 countries")
    assert edited != html
    site.set_page(spec.path, edited)
    summary = ingested.run(source_names=["belta"])
    assert {r["source"]: r["updated"] for r in summary} == {"belta": 1}
    rows = ingested.rows(
        "SELECT v.version, v.body FROM article_versions v JOIN articles a USING (article_id) "
        "WHERE a.url = ? ORDER BY v.version", [spec.url(site.url)]
    )
    assert [r[0] for r in rows] == [1, 2]
    assert "80 countries" in str(rows[0][1]) and "81 countries" in str(rows[1][1])
    (current,) = ingested.rows("SELECT body FROM articles WHERE url = ?", [spec.url(site.url)])
    assert "81 countries" in str(current[0])
