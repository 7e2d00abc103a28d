"""http_cache found by the key of its url (migration 010, warehouse/cache.py) on real files."""

from __future__ import annotations

from datetime import timedelta

from tests.warehouse.whtest import SOURCE, T0, make_batch
from warehouse import Warehouse
from warehouse.keys import key
from warehouse.records import CacheEntry

FEED = "https://example.org/feed.xml"
PAGE = "https://example.org/news/1"


def _rows(wh: Warehouse) -> list[tuple[object, ...]]:
    return wh.query("SELECT url, etag, url_key FROM http_cache ORDER BY url").rows


def test_validators_are_updated_in_place_and_new_ones_added(wh: Warehouse) -> None:
    wh.write_batch(make_batch(cache=((FEED, CacheEntry(etag='"a"')),)))
    later = T0 + timedelta(hours=1)
    wh.write_batch(make_batch(at=later, run_id="run-2", cache=(
        (FEED, CacheEntry(etag='"b"')), (PAGE, CacheEntry(etag='"p"')))))
    assert _rows(wh) == [(FEED, '"b"', key(FEED)), (PAGE, '"p"', key(PAGE))]
    got = wh.http_cache(SOURCE, [PAGE, FEED])
    assert list(got) == [PAGE, FEED]
    assert got[FEED].etag == '"b"' and got[FEED].fetched_at == later
    assert wh.integrity_problems() == []


def test_two_urls_sharing_a_key_are_never_taken_for_one_another(wh: Warehouse) -> None:
    wh.write_batch(make_batch(cache=((FEED, CacheEntry(etag='"feed"')),)))
    # The feed's row carries the page's key (a collision, or a key gone stale).
    wh.connection.execute("UPDATE http_cache SET url_key = ? WHERE url = ?", [key(PAGE), FEED])
    assert wh.http_cache(SOURCE, [PAGE]) == {}
    wh.write_batch(make_batch(run_id="run-2", cache=((PAGE, CacheEntry(etag='"page"')),)))
    assert _rows(wh) == [(FEED, '"feed"', key(PAGE)), (PAGE, '"page"', key(PAGE))]
    assert wh.http_cache(SOURCE, [PAGE])[PAGE].etag == '"page"'
    assert wh.integrity_problems() == ["http_cache keys that do not match their url: 1"]


def test_rows_put_back_without_a_key_are_found_again(wh: Warehouse) -> None:
    wh.connection.execute("INSERT INTO http_cache (source, url, etag, fetched_at) "
                          "VALUES (?, ?, ?, ?)",
                          [SOURCE, FEED, '"old"', T0])
    wh.write_batch(make_batch(cache=((FEED, CacheEntry(etag='"new"')),)))
    assert _rows(wh) == [(FEED, '"new"', key(FEED))]
