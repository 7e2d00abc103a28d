"""write_batch: versioning, idempotency, atomicity and the side tables."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from pressroom.errors import WarehouseError
from tests.warehouse.whtest import SOURCE, T0, make_article, make_batch
from warehouse import (
    BatchResult,
    CacheEntry,
    FetchRecord,
    PageRecord,
    SeenURL,
    Warehouse,
    open_warehouse,
)


def _count(wh: Warehouse, table: str) -> int:
    return int(wh.query(f"SELECT count(*) FROM {table}").rows[0][0])


def _state(wh: Warehouse, article_id: str) -> dict[str, Any]:
    result = wh.query("SELECT * FROM article_state WHERE article_id = ?", [article_id])
    assert len(result.rows) == 1
    return dict(zip(result.columns, result.rows[0], strict=True))


def test_new_articles_get_version_one_and_a_state_row(wh: Warehouse) -> None:
    a1, a2 = make_article(1), make_article(2)
    assert wh.write_batch(make_batch(a1, a2)) == BatchResult(new=2, updated=0, unchanged=0)
    rows = wh.query(
        "SELECT article_id, version, source, title, body, authors, tags, published_at, run_id "
        "FROM articles ORDER BY title"
    ).rows
    assert rows == [
        (
            a.article_id,
            1,
            SOURCE,
            a.title,
            a.body,
            list(a.authors),
            list(a.tags),
            a.published_at,
            "run-1",
        )
        for a in (a1, a2)
    ]
    state = _state(wh, a1.article_id)
    assert state["first_seen_at"] == state["last_seen_at"] == state["last_fetched_at"] == T0
    assert state["latest_version"] == 1 and state["content_hash"] == a1.content_hash


def test_same_content_is_unchanged_and_only_bumps_times(wh: Warehouse) -> None:
    wh.write_batch(make_batch(make_article(1)))
    later = T0 + timedelta(hours=6)
    result = wh.write_batch(make_batch(make_article(1), run_id="run-2", at=later))
    assert result == BatchResult(new=0, updated=0, unchanged=1)
    assert _count(wh, "article_versions") == 1
    state = _state(wh, make_article(1).article_id)
    assert state["first_seen_at"] == T0
    assert state["last_seen_at"] == state["last_fetched_at"] == later
    assert state["latest_version"] == 1


def test_changed_body_adds_version_two_and_keeps_version_one(wh: Warehouse) -> None:
    original = make_article(1)
    edited = make_article(1, body="Corrected text.", url="https://example.org/news/1?v=2")
    wh.write_batch(make_batch(original))
    later = T0 + timedelta(days=1)
    result = wh.write_batch(make_batch(edited, run_id="run-2", at=later))
    assert result == BatchResult(new=0, updated=1, unchanged=0)

    assert wh.query("SELECT version, body, url FROM articles").rows == [
        (2, "Corrected text.", edited.url)
    ]
    versions = wh.query(
        "SELECT version, body, run_id, fetched_at FROM article_versions ORDER BY version"
    ).rows
    assert versions == [
        (1, original.body, "run-1", T0),
        (2, "Corrected text.", "run-2", later),
    ]
    state = _state(wh, original.article_id)
    assert state["content_hash"] == edited.content_hash
    assert state["first_seen_at"] == T0 and state["last_fetched_at"] == later


def test_changed_title_alone_is_a_new_version(wh: Warehouse) -> None:
    wh.write_batch(make_batch(make_article(1)))
    result = wh.write_batch(make_batch(make_article(1, title="New headline")))
    assert result.updated == 1
    assert wh.query("SELECT title, version FROM articles").rows == [("New headline", 2)]


def test_reverting_content_is_another_version(wh: Warehouse) -> None:
    for body in ("A", "B", "A"):
        wh.write_batch(make_batch(make_article(1, body=body)))
    assert wh.query("SELECT version, body FROM articles").rows == [(3, "A")]


def test_writing_the_same_batch_twice_adds_nothing(wh: Warehouse) -> None:
    page = PageRecord(
        url="https://example.org/news/1",
        fetched_at=T0,
        kind="article",
        status=200,
        body=b"<html>release</html>",
    )
    batch = make_batch(
        make_article(1),
        make_article(2),
        pages=(page,),
        fetch_log=(FetchRecord("https://example.org/news/1", T0, 200, 20, 12.5),),
        cache=(("https://example.org/news/1", CacheEntry(etag='"v1"')),),
        seen=(SeenURL("https://example.org/news/", "not_article"),),
    )
    tables = ("article_versions", "article_state", "pages", "fetch_log", "http_cache", "seen_urls")
    assert wh.write_batch(batch) == BatchResult(new=2)
    before = {t: wh.query(f"SELECT * FROM {t} ORDER BY ALL").rows for t in tables}
    assert wh.write_batch(batch) == BatchResult(unchanged=2)
    after = {t: wh.query(f"SELECT * FROM {t} ORDER BY ALL").rows for t in tables}
    assert after == before


def test_rewriting_a_batch_in_a_later_session_adds_nothing_at_its_time_span_ends(
    db_path: Path,
) -> None:
    # The pages and fetch_log anti-joins look only at rows inside the batch's
    # time span (so DuckDB can skip other row groups): the earliest and the
    # latest page and attempt must still be found after a checkpoint.
    hour = timedelta(hours=1)
    pages = tuple(PageRecord(url=f"https://example.org/news/{i}", fetched_at=T0 + i * hour,
                             kind="article", status=200, body=f"<p>{i}</p>".encode())
                  for i in range(3))
    batch = make_batch(
        make_article(1), pages=pages,
        fetch_log=tuple(FetchRecord(p.url, p.fetched_at, 200, 9, 1.0) for p in pages),
    )
    other = make_batch(make_article(2), run_id="run-2", at=T0 + hour, pages=(
        PageRecord(url="https://example.org/news/9", fetched_at=T0 + hour, kind="article",
                   status=200, body=b"<p>9</p>"),))
    with open_warehouse(db_path) as wh:
        wh.write_batch(batch)
        wh.write_batch(other)
        before = {t: _count(wh, t) for t in ("pages", "fetch_log")}
    assert before == {"pages": 4, "fetch_log": 3}
    with open_warehouse(db_path) as wh:
        wh.write_batch(batch)
        assert {t: _count(wh, t) for t in ("pages", "fetch_log")} == before


def test_duplicate_ids_in_one_batch_are_collapsed_last_wins(wh: Warehouse) -> None:
    first = make_article(1, body="first")
    second = make_article(1, body="second")
    result = wh.write_batch(make_batch(first, make_article(2), second))
    assert result == BatchResult(new=2)
    # The folded copy is stored once and counted by a run as unchanged (u40).
    assert (result.folded, result.unchanged_urls) == (1, 1)
    assert _count(wh, "article_versions") == 2
    assert wh.query("SELECT body FROM articles WHERE article_id = ?", [first.article_id]).rows == [
        ("second",)
    ]


def test_mixed_batch_counts(wh: Warehouse) -> None:
    wh.write_batch(make_batch(make_article(1), make_article(2)))
    result = wh.write_batch(
        make_batch(make_article(1), make_article(2, body="edited"), make_article(3))
    )
    assert result == BatchResult(new=1, updated=1, unchanged=1)
    assert wh.query("SELECT count(*), sum(version) FROM articles").rows == [(3, 4)]


def test_listing_pages_become_not_article_seen_urls(wh: Warehouse) -> None:
    listing = make_article(9, kind="listing", url="https://example.org/news/page/2")
    assert wh.write_batch(make_batch(listing)) == BatchResult()
    assert _count(wh, "article_state") == 0
    assert wh.query("SELECT url, kind, article_id FROM seen_urls").rows == [
        ("https://example.org/news/page/2", "not_article", None)
    ]


def test_articles_register_their_urls_as_seen(wh: Warehouse) -> None:
    a = make_article(1, url="https://example.org/news/1-slug")
    wh.write_batch(make_batch(a))
    rows = wh.query("SELECT url, kind, article_id, source FROM seen_urls ORDER BY url").rows
    assert rows == [
        ("https://example.org/news/1", "article", a.article_id, SOURCE),
        ("https://example.org/news/1-slug", "article", a.article_id, SOURCE),
    ]


def test_seen_kind_changes_and_first_seen_is_kept(wh: Warehouse) -> None:
    url = "https://example.org/old"
    wh.write_batch(make_batch(seen=(SeenURL(url, "not_article"),)))
    later = T0 + timedelta(days=3)
    wh.write_batch(make_batch(seen=(SeenURL(url, "gone"),), at=later))
    assert wh.query("SELECT kind, first_seen_at, last_seen_at FROM seen_urls").rows == [
        ("gone", T0, later)
    ]


def test_pages_are_archived_compressed(wh: Warehouse) -> None:
    body = ("<p>Lorem ipsum dolor sit amet</p>" * 200).encode()
    page = PageRecord(
        url="https://example.org/news/1",
        final_url="https://example.org/news/1/",
        fetched_at=T0,
        kind="article",
        status=200,
        headers=(("Content-Type", "text/html"), ("Set-Cookie", "a=1"), ("set-cookie", "b=2")),
        content_type="text/html",
        encoding="utf-8",
        body=body,
    )
    wh.write_batch(make_batch(pages=(page,)))
    row = wh.query(
        "SELECT run_id, source, url, final_url, status, kind, headers::VARCHAR, body_sha256, "
        "body_size, compression, body FROM pages"
    ).rows[0]
    run_id, source, url, final_url, status, kind, headers, sha, size, compression, stored = row
    assert (run_id, source, url, final_url, status, kind) == (
        "run-1",
        SOURCE,
        page.url,
        page.final_url,
        200,
        "article",
    )
    assert sha == page.body_sha256 and size == len(body) and compression == "zstd"
    # A plain zstd frame of the body (the codec any zstd reads), body_size long.
    assert stored[:4] == b"\x28\xb5\x2f\xfd" and len(stored) < len(body)
    assert pa.Codec("zstd").decompress(stored, decompressed_size=size, asbytes=True) == body
    assert '"set-cookie": "a=1, b=2"' in headers


def test_cache_entries_are_upserted(wh: Warehouse) -> None:
    url = "https://example.org/feed.xml"
    wh.write_batch(make_batch(cache=((url, CacheEntry(etag='"1"', body_sha256="aa")),)))
    later = T0 + timedelta(hours=1)
    wh.write_batch(
        make_batch(cache=((url, CacheEntry(last_modified="Sun, 01 Mar 2026")),), at=later)
    )
    assert wh.http_cache(SOURCE, [url, "https://example.org/other"]) == {
        url: CacheEntry(etag=None, last_modified="Sun, 01 Mar 2026", fetched_at=later)
    }


def test_fetch_log_rows(wh: Warehouse) -> None:
    url = "https://example.org/news/1"
    records = (
        FetchRecord(url, T0, None, None, 30000.0, 1, "FetchTimeout", "read timeout"),
        FetchRecord(url, T0 + timedelta(seconds=31), 200, 1234, 80.5, 2),
    )
    wh.write_batch(make_batch(fetch_log=records))
    rows = wh.query(
        "SELECT run_id, source, attempt, status, bytes, error_class FROM fetch_log ORDER BY attempt"
    ).rows
    assert rows == [
        ("run-1", SOURCE, 1, None, None, "FetchTimeout"),
        ("run-1", SOURCE, 2, 200, 1234, None),
    ]


def test_failed_batch_is_rolled_back_entirely(wh: Warehouse) -> None:
    # Break the last table write_batch touches: everything before it must vanish too.
    wh.connection.execute("DROP TABLE fetch_log")
    batch = make_batch(
        make_article(1),
        seen=(SeenURL("https://example.org/x", "gone"),),
        fetch_log=(FetchRecord("https://example.org/news/1", T0, 200),),
    )
    with pytest.raises(WarehouseError, match="write_batch"):
        wh.write_batch(batch)
    for table in ("article_versions", "article_state", "seen_urls"):
        assert _count(wh, table) == 0, table
    # The connection is usable again afterwards.
    assert wh.write_batch(make_batch(make_article(1))) == BatchResult(new=1)


def test_naive_datetimes_are_rejected() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        make_batch(at=T0.replace(tzinfo=None))
    with pytest.raises(ValueError, match="timezone-aware"):
        PageRecord(url="u", fetched_at=T0.replace(tzinfo=None), kind="article")
    with pytest.raises(ValueError, match="kind"):
        PageRecord(url="u", fetched_at=T0, kind="image")  # type: ignore[arg-type]


def test_bulk_batch(wh: Warehouse) -> None:
    articles = [make_article(n, body="x" * 2000) for n in range(3000)]
    assert wh.write_batch(make_batch(*articles)) == BatchResult(new=3000)
    changed = [make_article(n, body="y") if n % 3 == 0 else a for n, a in enumerate(articles)]
    assert wh.write_batch(make_batch(*changed)) == BatchResult(updated=1000, unchanged=2000)
    assert wh.query("SELECT count(*), max(version) FROM articles").rows == [(3000, 2)]


def test_duplicate_pages_in_one_batch_are_stored_once(wh: Warehouse) -> None:
    page = PageRecord(url="https://example.org/news/1", fetched_at=T0, kind="article", body=b"x")
    wh.write_batch(make_batch(pages=(page, page)))
    assert _count(wh, "pages") == 1


def test_keys_stay_unique_over_many_batches(wh: Warehouse) -> None:
    # The growing tables carry no index (see 001_init.sql); write_batch keeps
    # their keys unique, which integrity_problems() verifies.
    for round_ in range(4):
        articles = [make_article(n, body=f"round {round_ // 2}") for n in range(50)]
        seen = tuple(SeenURL(f"https://example.org/list/{n}", "not_article") for n in range(20))
        pages = tuple(
            PageRecord(url=a.url, fetched_at=T0, kind="article", body=a.body.encode())
            for a in articles
        )
        wh.write_batch(make_batch(*articles, seen=seen, pages=pages, run_id=f"r{round_}"))
    assert wh.integrity_problems() == []
    assert wh.query("SELECT count(*), max(version) FROM articles").rows == [(50, 2)]
    assert _count(wh, "article_versions") == 100
    assert _count(wh, "seen_urls") == 70
    assert _count(wh, "pages") == 200


def test_integrity_problems_reports_broken_invariants(wh: Warehouse) -> None:
    wh.write_batch(make_batch(make_article(1)))
    assert wh.integrity_problems() == []
    con = wh.connection
    con.execute("INSERT INTO seen_urls SELECT * FROM seen_urls")
    con.execute("UPDATE article_state SET latest_version = 7")
    problems = wh.integrity_problems()
    assert any(p.startswith("duplicate seen_urls.url: 1") for p in problems)
    assert any("latest_version" in p for p in problems)
    assert len(problems) == 2


def test_concurrent_threads_share_one_warehouse_safely(wh: Warehouse) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def write(worker: int) -> BatchResult:
        # Workers overlap on half of the ids, so they race on the same keys.
        articles = [make_article(n) for n in range(worker * 10, worker * 10 + 20)]
        return wh.write_batch(make_batch(*articles, run_id=f"w{worker}"))

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(write, range(8)))
    assert sum(r.new for r in results) == 90
    assert sum(r.unchanged for r in results) == 70
    assert wh.integrity_problems() == []


def test_invalid_unicode_outside_the_hashed_text_is_repaired(wh: Warehouse) -> None:
    # title/body cannot hold lone surrogates (Article hashes them as UTF-8),
    # but authors, description or headers decoded with surrogateescape can.
    article = make_article(1, authors=("Bad \udc80 Name",), description="ok \udcff")
    page = PageRecord(
        url=article.url, fetched_at=T0, kind="article", headers=(("X-Odd", "\udc80"),)
    )
    assert wh.write_batch(make_batch(article, pages=(page,))) == BatchResult(new=1)
    assert wh.query("SELECT authors, description FROM articles").rows == [
        (["Bad \ufffd Name"], "ok \ufffd")
    ]
    assert wh.unknown_urls(["https://example.org/\udc80"]) == ["https://example.org/\ufffd"]


def test_times_are_stored_as_utc_instants(wh: Warehouse) -> None:
    from datetime import timezone

    cest = timezone(timedelta(hours=2))
    article = make_article(1, published_at=T0.astimezone(cest))
    wh.write_batch(make_batch(article, at=T0.astimezone(cest)))
    published, seen = wh.query("SELECT published_at, first_seen_at FROM articles").rows[0]
    assert published == T0 and seen == T0
    assert published.utcoffset() == timedelta(0)


def test_nul_characters_survive(wh: Warehouse) -> None:
    wh.write_batch(make_batch(make_article(1, body="before\x00after")))
    assert wh.query("SELECT body FROM articles").rows == [("before\x00after",)]
