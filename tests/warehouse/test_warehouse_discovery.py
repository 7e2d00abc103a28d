"""unknown_urls, stale_urls, http_cache and touch_seen."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.warehouse.whtest import SOURCE, T0, make_article, make_batch
from warehouse import CacheEntry, SeenURL, Warehouse


def test_unknown_urls_on_empty_warehouse_keeps_order_and_drops_repeats(wh: Warehouse) -> None:
    urls = ["https://b.test/2", "https://a.test/1", "https://b.test/2", "https://c.test/3"]
    assert wh.unknown_urls(urls) == ["https://b.test/2", "https://a.test/1", "https://c.test/3"]
    assert wh.unknown_urls([]) == []


def test_unknown_urls_skips_articles_seen_and_listings(wh: Warehouse) -> None:
    stored = make_article(1, url="https://example.org/news/1?ref=feed")
    wh.write_batch(
        make_batch(
            stored,
            seen=(
                SeenURL("https://example.org/news/page/2", "not_article"),
                SeenURL("https://example.org/news/404", "gone"),
            ),
        )
    )
    # Simulate an older state row whose url is not in seen_urls: article_state
    # alone must be enough to know a URL.
    wh.connection.execute("DELETE FROM seen_urls WHERE kind = 'article'")
    candidates = [
        "https://example.org/news/5",
        stored.url,
        "https://example.org/news/page/2",
        stored.canonical_url,
        "https://example.org/news/404",
        "https://example.org/news/4",
    ]
    assert wh.unknown_urls(candidates) == [
        "https://example.org/news/5",
        "https://example.org/news/4",
    ]


def test_unknown_urls_many(wh: Warehouse) -> None:
    known = [make_article(n) for n in range(0, 2000, 2)]
    wh.write_batch(make_batch(*known))
    urls = [f"https://example.org/news/{n}" for n in range(2000)]
    assert wh.unknown_urls(urls) == urls[1::2]


def test_stale_urls(wh: Warehouse) -> None:
    a1, a2, a3 = make_article(1), make_article(2), make_article(3, url="https://example.org/n3")
    wh.write_batch(make_batch(a1, a2, a3))
    before, after = T0 - timedelta(hours=1), T0 + timedelta(hours=1)
    candidates = [
        ("https://example.org/news/never-fetched", after),  # unknown: discovery's job
        (a2.url, after),  # edited after our fetch
        (a1.url, before),  # we already have this edit
        (a1.url, T0),  # same instant is not later
        (a3.canonical_url, after),  # known by canonical URL only
        (a2.url, after),  # repeats collapse
    ]
    assert wh.stale_urls(candidates) == [a2.url, a3.canonical_url]
    assert wh.stale_urls([]) == []


def test_stale_urls_follow_seen_alias_and_clear_after_refetch(wh: Warehouse) -> None:
    article = make_article(1)
    alias = "https://example.org/news/1-old-slug"
    wh.write_batch(make_batch(article, seen=(SeenURL(alias, "article", article.article_id),)))
    edited_at = T0 + timedelta(days=1)
    assert wh.stale_urls([(alias, edited_at)]) == [alias]
    refetched = make_article(1, body="edited")
    wh.write_batch(make_batch(refetched, run_id="run-2", at=edited_at + timedelta(minutes=5)))
    assert wh.stale_urls([(alias, edited_at), (article.url, edited_at)]) == []


def test_stale_urls_requires_aware_times(wh: Warehouse) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        wh.stale_urls([("https://example.org/news/1", T0.replace(tzinfo=None))])


def test_http_cache_returns_only_stored_urls(wh: Warehouse) -> None:
    feed = "https://example.org/feed.xml"
    entry = CacheEntry(etag='W/"abc"', last_modified="Sun, 01 Mar 2026 12:00:00 GMT")
    wh.write_batch(make_batch(cache=((feed, entry),)))
    got = wh.http_cache(SOURCE, [feed, "https://example.org/other", feed])
    assert list(got) == [feed]
    assert got[feed].etag == entry.etag
    assert got[feed].last_modified == entry.last_modified
    assert got[feed].fetched_at == T0
    assert wh.http_cache(SOURCE, []) == {}


def test_touch_seen_bumps_urls_and_their_articles(wh: Warehouse) -> None:
    article = make_article(1, url="https://example.org/news/1-slug")
    listing = "https://example.org/news/page/2"
    untouched = make_article(2)
    wh.write_batch(make_batch(article, untouched, seen=(SeenURL(listing, "not_article"),)))
    later = T0 + timedelta(days=2)
    wh.touch_seen([article.url, listing, "https://example.org/unknown"], later)

    seen = dict(wh.query("SELECT url, last_seen_at FROM seen_urls").rows)
    assert seen[article.url] == later and seen[listing] == later
    assert seen[article.canonical_url] == T0  # only the URL that was rediscovered
    state = dict(wh.query("SELECT article_id, last_seen_at FROM article_state").rows)
    assert state == {article.article_id: later, untouched.article_id: T0}
    fetched = wh.query("SELECT DISTINCT last_fetched_at FROM article_state").rows
    assert fetched == [(T0,)]

    # Never moves backwards.
    wh.touch_seen([article.url], T0)
    assert wh.query(
        "SELECT last_seen_at FROM articles WHERE article_id = ?", [article.article_id]
    ).rows == [(later,)]


def test_unknown_urls_of_a_source_ignore_other_sources_marks(wh: Warehouse) -> None:
    """Another source's canonical claim, sighting or retry never hides a URL."""
    claimed, sighted = "https://example.org/news/1", "https://example.org/news/2"
    own = "https://example.org/news/3"
    claim = make_article(9, url="https://other.example/9", canonical_url=claimed)
    wh.write_batch(replace(make_batch(claim, seen=(SeenURL(sighted, "not_article"),)),
                           source="beta"))
    wh.write_batch(make_batch(make_article(3, url=own, canonical_url=own)))
    urls = [claimed, sighted, own]
    assert wh.unknown_urls(urls) == []  # no source: every mark counts, as before
    assert wh.unknown_urls(urls, "beta") == [own]
    assert wh.unknown_urls(urls, make_batch().source) == [claimed, sighted]
