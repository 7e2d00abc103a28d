"""iter_archived_pages: what reparse reads back."""

from __future__ import annotations

import gzip
import os
import zlib
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from tests.warehouse.whtest import SOURCE, T0, make_article, make_batch
from warehouse import PageRecord, Warehouse, open_warehouse
from warehouse.compaction import MAX_TAIL
from warehouse.connection import BATCH_SETTINGS

URL = "https://example.org/news/1"


def _page(
    url: str = URL,
    *,
    at_hours: int = 0,
    body: bytes = b"<html>v1</html>",
    status: int = 200,
    kind: str = "article",
) -> PageRecord:
    return PageRecord(
        url=url,
        fetched_at=T0 + timedelta(hours=at_hours),
        kind=kind,  # type: ignore[arg-type]
        status=status,
        final_url=url + "/",
        headers=(("Content-Type", "text/html; charset=utf-8"),),
        content_type="text/html",
        encoding="utf-8",
        body=body,
    )


def test_latest_successful_page_per_url_oldest_first(wh: Warehouse) -> None:
    wh.write_batch(make_batch(pages=(_page(body=b"old"), _page("https://example.org/news/2"))))
    wh.write_batch(
        make_batch(
            pages=(
                _page(at_hours=2, body=b"new"),
                _page(at_hours=3, status=304, body=b""),  # not a document
                _page(at_hours=4, status=500, body=b"oops"),
                _page("https://example.org/feed", at_hours=1, kind="feed"),
            ),
            run_id="run-2",
        )
    )
    pages = list(wh.iter_archived_pages(SOURCE))
    assert [(p.url, p.body, p.run_id) for p in pages] == [
        ("https://example.org/news/2", b"<html>v1</html>", "run-1"),
        (URL, b"new", "run-2"),
    ]
    page = pages[1]
    assert page.final_url == URL + "/" and page.source == SOURCE and page.status == 200
    assert page.headers == {"content-type": "text/html; charset=utf-8"}
    assert (page.content_type, page.encoding) == ("text/html", "utf-8")
    assert page.fetched_at == T0 + timedelta(hours=2)


def test_the_copy_written_last_is_reparsed_whatever_its_time(wh: Warehouse) -> None:
    # o38: a clock set back stores a later copy with an earlier time, and two copies can
    # share one; the articles view's current version is the one written last, so is the
    # page reparse takes, and pages come in write order.
    wh.write_batch(make_batch(pages=(_page(at_hours=24, body=b"fast clock"),
                                     _page("https://example.org/news/2", at_hours=30))))
    wh.write_batch(make_batch(pages=(_page(at_hours=1, body=b"edit"),), run_id="run-2"))
    wh.write_batch(make_batch(pages=(_page("https://example.org/news/2", at_hours=30,
                                           body=b"same instant"),), run_id="run-3"))
    assert [(p.url, p.body) for p in wh.iter_archived_pages(SOURCE)] == [
        (URL, b"edit"), ("https://example.org/news/2", b"same instant")]
    assert [p.body for p in wh.iter_archived_pages(SOURCE, latest_only=False)] == [
        b"fast clock", b"<html>v1</html>", b"edit", b"same instant"]


def test_write_order_survives_the_compaction_of_the_page_archive(db_path: Path) -> None:
    # A run's end rewrites the archive's small trailing row groups (other row ids):
    # the copy written last must still be the one reparse takes. Each session's copy
    # of the URL carries an earlier time than the one before (a clock going back).
    sessions = MAX_TAIL + 4
    for n in range(sessions):
        with open_warehouse(db_path, settings=BATCH_SETTINGS) as wh:
            wh.write_batch(make_batch(pages=(_page(at_hours=-n, body=f"copy {n}".encode()),),
                                      run_id=f"run-{n}"))
    with open_warehouse(db_path, settings=BATCH_SETTINGS) as wh:
        assert wh.compact_tails().get("pages", 0) >= MAX_TAIL
        wh.write_batch(make_batch(pages=(_page("https://example.org/news/2"),), run_id="next"))
    with open_warehouse(db_path, read_only=True) as ro:
        assert [p.body for p in ro.iter_archived_pages(SOURCE)] == [
            f"copy {sessions - 1}".encode(), b"<html>v1</html>"]
        assert [p.body for p in ro.iter_archived_pages(SOURCE, latest_only=False)][:sessions] \
            == [f"copy {n}".encode() for n in range(sessions)]


def test_all_versions_kind_and_source_filters(wh: Warehouse) -> None:
    wh.write_batch(make_batch(pages=(_page(body=b"a"), _page(at_hours=1, body=b"b"))))
    assert [p.body for p in wh.iter_archived_pages(None, latest_only=False)] == [b"a", b"b"]
    assert list(wh.iter_archived_pages("other-source")) == []
    assert list(wh.iter_archived_pages(SOURCE, kind="feed")) == []


def test_large_archive_streams_in_batches(wh: Warehouse) -> None:
    pages = tuple(_page(f"{URL}/{n}", body=b"x" * 5000 + str(n).encode()) for n in range(700))
    wh.write_batch(make_batch(pages=pages))
    seen = [p.body[-3:] for p in wh.iter_archived_pages(SOURCE, batch_size=64)]
    assert len(seen) == 700


def test_writing_while_iterating(wh: Warehouse) -> None:
    # reparse writes articles back while it walks the archive.
    wh.write_batch(make_batch(pages=tuple(_page(f"{URL}/{n}") for n in range(60))))
    written = 0
    for n, _page_read in enumerate(wh.iter_archived_pages(SOURCE, batch_size=16)):
        result = wh.write_batch(make_batch(make_article(n), run_id="reparse"))
        written += result.new
    assert written == 60
    assert wh.query("SELECT count(*) FROM articles").rows == [(60,)]


def test_iteration_memory_is_bounded_by_the_chunk(db_path: Path) -> None:
    # 60 MB of incompressible bodies read under a 48 MB memory limit, read-only
    # (so DuckDB cannot spill): one ORDER BY over the bodies runs out of
    # memory; chunked fetching by rowid does not.
    with open_warehouse(db_path) as wh:
        for b in range(6):
            pages = tuple(
                _page(f"{URL}/{b}/{n}", at_hours=b, body=os.urandom(100_000)) for n in range(100)
            )
            wh.write_batch(make_batch(pages=pages, run_id=f"r{b}"))
    with open_warehouse(db_path, read_only=True) as ro:
        ro.connection.execute("SET memory_limit = '48MB'")
        sizes = [len(p.body) for p in ro.iter_archived_pages(SOURCE, batch_size=16)]
    assert sizes == [100_000] * 600


def test_archived_times_are_utc_whatever_the_default_zone(wh: Warehouse) -> None:
    # TimeZone is a session setting: the iteration's own cursor must set it too.
    wh.connection.execute("SET GLOBAL TimeZone = 'America/New_York'")
    wh.connection.execute("SET SESSION TimeZone = 'UTC'")
    wh.write_batch(make_batch(pages=(_page(),)))
    (page,) = wh.iter_archived_pages(SOURCE)
    assert page.fetched_at == T0
    assert page.fetched_at.utcoffset() == timedelta(0)


def test_abandoned_iteration_releases_its_snapshot(wh: Warehouse) -> None:
    wh.write_batch(make_batch(pages=tuple(_page(f"{URL}/{n}", at_hours=n) for n in range(10))))
    pages = wh.iter_archived_pages(SOURCE, batch_size=3)
    first = next(pages)
    assert first.url == f"{URL}/0"
    pages.close()
    wh.write_batch(make_batch(pages=(_page(f"{URL}/late"),), run_id="run-2"))
    # A new iteration sees the page written after the abandoned one began.
    assert len(list(wh.iter_archived_pages(SOURCE))) == 11


def test_iteration_reads_one_snapshot(wh: Warehouse) -> None:
    # Pages pruned by another connection mid-iteration are still delivered:
    # the walk sees the archive as it was when it started.
    wh.write_batch(make_batch(pages=tuple(_page(f"{URL}/{n}", at_hours=n) for n in range(9))))
    pages = wh.iter_archived_pages(SOURCE, batch_size=3)
    urls = [next(pages).url]
    wh.connection.execute("DELETE FROM pages")
    urls.extend(p.url for p in pages)
    assert urls == [f"{URL}/{n}" for n in range(9)]


def test_latest_page_is_per_source_and_url(wh: Warehouse) -> None:
    """Two sources that fetched one URL each get their own page re-parsed: a
    newer fetch by another source must not hide this source's page from reparse."""
    wh.write_batch(make_batch(pages=(_page(body=b"mine"),)))
    wh.write_batch(replace(make_batch(pages=(_page(at_hours=1, body=b"theirs"),),
                                      run_id="run-2"), source="other-source"))
    assert [(p.source, p.body) for p in wh.iter_archived_pages(None)] == [
        (SOURCE, b"mine"), ("other-source", b"theirs")]


def test_pages_of_every_stored_codec_read_back(wh: Warehouse) -> None:
    # Bodies are written as zstd now (issue 15: a third of zlib's CPU); rows an older
    # version wrote as zlib, gzip or uncompressed read back unchanged, as does a
    # zstd row, whose body_size is how long it must come out.
    bodies = {"zstd": b"<p>new</p>" * 50, "zlib": b"<p>older</p>" * 50,
              "gzip": b"<p>oldest</p>" * 50, "none": b"<p>plain</p>"}
    wh.write_batch(make_batch(pages=tuple(
        _page(f"{URL}/{codec}", body=body) for codec, body in bodies.items())))
    encoded = {"zlib": zlib.compress(bodies["zlib"]),
               "gzip": gzip.compress(bodies["gzip"]), "none": bodies["none"]}
    for codec, stored in encoded.items():
        wh.connection.execute("UPDATE pages SET compression = ?, body = ? WHERE url = ?",
                              [codec, stored, f"{URL}/{codec}"])
    assert wh.query("SELECT url, compression FROM pages ORDER BY url").rows == [
        (f"{URL}/{codec}", codec) for codec in sorted(bodies)]
    read = {p.url.rsplit("/", 1)[1]: p.body for p in wh.iter_archived_pages(SOURCE)}
    assert read == bodies
