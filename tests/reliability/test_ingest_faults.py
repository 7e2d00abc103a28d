"""Faults through a real ingest run (``run_sources(as_tasks=False)``) into DuckDB.

A run with a healthy source next to faulty, dead and broken ones must finish,
store the healthy articles, record each failure with its class in ``fetch_log``
and ``runs``, retry transient failures and not terminal ones, and recover on a
later run whatever has become available.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import duckdb
import pytest

from flows.config import SourceConfig
from flows.ingest import run_sources
from flows.source_records import SourceReport
from tests.reliability.fault_server import (
    FaultServer,
    broken_chunked,
    brotli_bomb,
    closed_port,
    encoded,
    hang,
    ok,
    redirect,
    reset_mid_body,
    status,
)

ATTEMPTS = 4  # FetchPolicy.max_attempts as the pipeline builds it
# A request's timeout covers all of it, including the time the event loop spends on
# other requests (a brotli bomb inflating, pages handed to the parser): under load a
# broken chunked body took over 0.5 s to end and was logged as FetchTimeout. Only the
# route that never answers needs a short timeout; every other fault must show its own
# class however slow the machine is.
TIMEOUT = 10.0
HANG_TIMEOUT = 0.5


def page(title: str, extra: str = "") -> bytes:
    """A small article page with a unique title and body."""
    para = (f"<p>{title}: the committee met on Tuesday and agreed the text of the statement "
            f"that will be published after the session ends.</p>")
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{para * 4}{extra}</article></body></html>").encode()


def rss(links: list[str], dates: list[str] | None = None) -> bytes:
    """An RSS 2.0 feed listing ``links`` (optionally with pubDates)."""
    items = "".join(
        f"<item><title>Item {i}</title><link>{link}</link>"
        + (f"<pubDate>{dates[i]}</pubDate>" if dates else "") + "</item>"
        for i, link in enumerate(links)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}'
            "</channel></rss>").encode()


def source(name: str, feed: str, **options: object) -> SourceConfig:
    """A loopback source with small limits (fast failures, small backoff)."""
    base: dict[str, object] = {
        "allow_private_network": True, "min_delay": 0.0, "timeout": TIMEOUT, "concurrency": 8,
        "max_bytes": 1_000_000, "respect_robots": False,
    }
    base.update(options)
    return SourceConfig(name=name, feeds=(feed,), **base)  # type: ignore[arg-type]


@dataclass
class DB:
    """Read-only views of a warehouse file."""

    path: Path

    def rows(self, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
        """Run ``sql`` read-only."""
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def log(self, url: str, run_id: str | None = None) -> list[tuple[object, ...]]:
        """(status, error_class, attempt) of every request for ``url``."""
        sql = "SELECT status, error_class, attempt FROM fetch_log WHERE url = ?"
        params: list[object] = [url]
        if run_id:
            sql += " AND run_id = ?"
            params.append(run_id)
        return self.rows(sql + " ORDER BY started_at", params)

    def titles(self, source: str) -> set[str]:
        """Stored titles of ``source``."""
        return {str(r[0]) for r in self.rows("SELECT title FROM articles WHERE source = ?",
                                             [source])}

    def run_row(self, run_id: str, source: str) -> dict[str, object]:
        """The ``runs`` row of one source in one run."""
        cols = ["status", "discovered", "fetched", "new", "failed", "error"]
        (row,) = self.rows(f"SELECT {', '.join(cols)} FROM runs WHERE run_id = ? AND source = ?",
                           [run_id, source])
        return dict(zip(cols, row, strict=True))


@dataclass
class FaultyRun:
    """The warehouse and ids of the two runs, and the server's hit counts around them."""

    db: DB
    base: str
    first: str
    second: str
    hits_before: dict[str, int]
    hits_after: dict[str, int]


def ingest(sources: list[SourceConfig], db: Path) -> tuple[str, dict[str, SourceReport]]:
    """One real run without Prefect; returns the run id and reports by source."""
    run_id, reports = asyncio.run(run_sources(sources, db, as_tasks=False, lock_timeout=5.0))
    return run_id, {r.source: r for r in reports}


FAULTY = MappingProxyType({
    # path: (behaviours, error class, attempts)
    "/f/reset": ((reset_mid_body(page("Reset"))), "BodyBrokeOff", ATTEMPTS),
    "/f/hang": ((hang()), "FetchTimeout", ATTEMPTS),  # listed by the 'hanging' source
    "/f/chunk": ((broken_chunked([b"<html><body>", b"<p>half"])), "BodyBrokeOff", ATTEMPTS),
    "/f/gone": ((status(404)), "HTTPStatusError", 1),
    "/f/bomb": ((encoded(brotli_bomb(1 << 28), "br")), "TooLarge", 1),
    "/f/loop": ((redirect("/f/loop")), "TooManyRedirects", 1),
    "/f/file": ((redirect("file:///etc/passwd")), "BlockedURL", 1),
})
STORED_FIRST_RUN = MappingProxyType({
    "/f/ok": (ok(page("Plain")),),
    "/f/burst": (status(503), status(502), ok(page("After burst"))),
    "/f/busy": (status(429, headers=[("Retry-After", "1")]), ok(page("After 429"))),
    "/f/lying": (ok(page("Lying charset"), "text/html; charset=utf-16"),),
    "/f/nul": (ok(page("With NULs", "<p>a\x00b</p>") + b"\x00\xff\xfe"),),
})


@pytest.fixture(scope="module")
def faulty_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultyRun]:
    """One run over good, faulty, hanging, dead and not-XML sources, then a healed second run."""
    db = tmp_path_factory.mktemp("faults") / "pressroom.duckdb"
    with FaultServer() as srv:
        good_paths = [f"/g/{i}" for i in range(3)]
        for i, path in enumerate(good_paths):
            srv.route(path, ok(page(f"Good {i}")))
        srv.route("/g/feed.xml", ok(rss([srv.url_for(p) for p in good_paths]), "application/xml"))
        for path, (behaviour, _cls, _n) in FAULTY.items():
            srv.route(path, behaviour)
        for path, behaviours in STORED_FIRST_RUN.items():
            srv.route(path, *behaviours)
        srv.route("/f/binary", ok(random.Random(0).randbytes(100_000)))
        faulty_links = [*(p for p in FAULTY if p != "/f/hang"), *STORED_FIRST_RUN, "/f/binary"]
        srv.route("/f/feed.xml", ok(rss([srv.url_for(p) for p in faulty_links]),
                                    "application/rss+xml"))
        srv.route("/s/feed.xml", ok(rss([srv.url_for("/f/hang")]), "application/rss+xml"))
        srv.route("/n/feed.xml", ok(b"<html><body>This is not a feed</body></html>"))
        sources = [
            source("good", srv.url_for("/g/feed.xml"), respect_robots=True),
            source("faulty", srv.url_for("/f/feed.xml")),
            source("hanging", srv.url_for("/s/feed.xml"), timeout=HANG_TIMEOUT),
            source("dead", f"http://127.0.0.1:{closed_port()}/feed.xml"),
            source("notxml", srv.url_for("/n/feed.xml")),
        ]
        first, _ = ingest(sources, db)
        hits_before = {p: srv.hits(p) for p in [*good_paths, "/f/gone", "/f/bomb"]}
        # The transient faults clear; the terminal ones stay as they are.
        srv.route("/f/reset", ok(page("Reset")))
        srv.route("/f/hang", ok(page("Hang")))
        srv.route("/f/chunk", ok(page("Chunk")))
        second, _ = ingest(sources, db)
        hits_after = {p: srv.hits(p) for p in hits_before}
        yield FaultyRun(DB(db), srv.url, first, second, hits_before, hits_after)


def test_run_finishes_and_healthy_source_is_unaffected(faulty_run: FaultyRun) -> None:
    db, first = faulty_run.db, faulty_run.first
    assert db.titles("good") == {"Good 0", "Good 1", "Good 2"}
    row = db.run_row(first, "good")
    assert (row["status"], row["new"], row["failed"], row["error"]) == ("ok", 3, 0, None)


def test_each_fault_is_logged_with_its_class_and_retry_count(
    faulty_run: FaultyRun
) -> None:
    db, base, first = faulty_run.db, faulty_run.base, faulty_run.first
    for path, (_b, cls, attempts) in FAULTY.items():
        log = db.log(f"{base}{path}", first)
        failed = [r for r in log if r[1] is not None]
        assert [r[1] for r in failed] == [cls] * attempts, path
        assert [r[2] for r in failed] == list(range(1, attempts + 1)), path
        # Any other row is a redirect hop, never a success.
        assert all(r[0] in (301, 302) for r in log if r[1] is None), (path, log)


def test_transient_bursts_are_retried_within_the_run(faulty_run: FaultyRun) -> None:
    db, base, first = faulty_run.db, faulty_run.base, faulty_run.first
    assert [r[:2] for r in db.log(f"{base}/f/burst", first)] == [
        (503, "ServerError"), (502, "ServerError"), (200, None)]
    assert [r[:2] for r in db.log(f"{base}/f/busy", first)] == [(429, "RateLimited"), (200, None)]


def test_faulty_source_stores_what_it_could_and_counts_failures(
    faulty_run: FaultyRun
) -> None:
    db, first = faulty_run.db, faulty_run.first
    stored = {r[0] for r in db.rows(
        "SELECT title FROM article_versions WHERE source = 'faulty' AND run_id = ?", [first])}
    assert stored == {"Plain", "After burst", "After 429", "Lying charset", "With NULs"}
    row = db.run_row(first, "faulty")
    assert row["status"] == "partial"  # some URLs failed: not 'ok' (issue 14)
    assert row["new"] == len(STORED_FIRST_RUN)
    # FAULTY but the hang (another source's) + the binary page (ParseError)
    assert row["failed"] == len(FAULTY) - 1 + 1
    (body,) = db.rows("SELECT body FROM articles WHERE title = 'With NULs'")[0]
    assert "\x00" not in str(body)


def test_dead_and_broken_sources_fail_with_their_class(faulty_run: FaultyRun) -> None:
    db, first = faulty_run.db, faulty_run.first
    dead = db.run_row(first, "dead")
    assert dead["status"] == "failed" and str(dead["error"]).startswith("ConnectError:")
    notxml = db.run_row(first, "notxml")
    assert notxml["status"] == "failed" and str(notxml["error"]).startswith("FeedError:")
    (dead_log,) = db.rows("SELECT count(*), min(error_class), max(error_class) FROM fetch_log "
                          "WHERE run_id = ? AND source = 'dead'", [first])
    assert dead_log == (ATTEMPTS, "ConnectError", "ConnectError")


def test_later_run_recovers_transient_and_skips_terminal(faulty_run: FaultyRun) -> None:
    db, second = faulty_run.db, faulty_run.second
    assert {"Reset", "Chunk"} <= db.titles("faulty")
    assert db.titles("hanging") == {"Hang"}
    row = db.run_row(second, "faulty")
    assert (row["status"], row["new"]) == ("ok", 2)
    hanging = db.run_row(second, "hanging")
    assert (hanging["status"], hanging["new"]) == ("ok", 1)
    # Healthy articles are not fetched again; terminal failures are not retried.
    assert faulty_run.hits_before == faulty_run.hits_after
    dupes = db.rows("SELECT url FROM articles GROUP BY url HAVING count(*) > 1")
    assert dupes == []


def test_parse_failure_is_recorded_with_its_class(faulty_run: FaultyRun) -> None:
    db, base, first = faulty_run.db, faulty_run.base, faulty_run.first
    classes = {r[1] for r in db.log(f"{base}/f/binary", first)}
    assert "ParseError" in classes


# -- feeds -------------------------------------------------------------------------------


def test_hostile_feeds_in_one_run(tmp_path: Path) -> None:
    """100k items, repeated GUIDs, odd dates, other hosts and a truncated feed."""
    db = DB(tmp_path / "feeds.duckdb")
    with FaultServer() as srv:
        port = srv.port
        # 100k items: bounded by MAX_ITEMS and max_articles, parsed in bounded time.
        items = "".join(f"<item><link>{srv.url}/h/{i}</link></item>" for i in range(100_000))
        srv.route("/h/feed.xml", ok(f'<rss version="2.0"><channel>{items}</channel></rss>'
                                    .encode(), "application/xml"))
        for i in range(3):
            srv.route(f"/h/{i}", ok(page(f"Huge {i}")))
        # One article under 50 items with the same guid and link.
        dup = "".join(f'<item><guid>{srv.url}/d/1</guid><title>Dup {i}</title></item>'
                      for i in range(50))
        srv.route("/d/feed.xml", ok(f'<rss version="2.0"><channel>{dup}</channel></rss>'
                                    .encode(), "application/xml"))
        srv.route("/d/1", ok(page("Duplicate")))
        # Dates in the future and in 1900: neither may become published_at.
        srv.route("/t/feed.xml", ok(rss([f"{srv.url}/t/future", f"{srv.url}/t/old"],
                                        ["Tue, 01 Jan 2999 00:00:00 GMT",
                                         "Mon, 01 Jan 1900 00:00:00 GMT"]), "application/xml"))
        srv.route("/t/future", ok(page("Future")))
        srv.route("/t/old", ok(page("Old")))
        # Links to other hosts (metadata service, another loopback spelling) are skipped.
        srv.route("/o/feed.xml", ok(rss([
            "http://169.254.169.254/latest/meta-data/", f"http://localhost:{port}/o/x",
            "http://evil.example/steal", f"http://[::1]:{port}/o/x", f"{srv.url}/o/mine",
        ]), "application/xml"))
        srv.route("/o/x", ok(page("Never")))
        srv.route("/o/mine", ok(page("Mine")))
        # A feed cut off mid-item: the complete items are kept (as feed readers do).
        full = rss([f"{srv.url}/x/{i}" for i in range(10)])
        cut = full[: len(full) // 2]
        complete = cut.count(b"</item>")
        srv.route("/x/feed.xml", ok(cut, "application/xml"))
        for i in range(10):
            srv.route(f"/x/{i}", ok(page(f"Cut {i}")))
        run_id, reports = ingest([
            source("huge", srv.url_for("/h/feed.xml"), max_articles=3, max_bytes=20_000_000,
                   timeout=10.0),
            source("dupes", srv.url_for("/d/feed.xml")),
            source("dates", srv.url_for("/t/feed.xml")),
            source("offhost", srv.url_for("/o/feed.xml")),
            source("truncated", srv.url_for("/x/feed.xml")),
        ], db.path)
        assert srv.hits("/o/x") == 0
        assert srv.hits("/h/3") == 0
    assert db.titles("huge") == {"Huge 0", "Huge 1", "Huge 2"}
    # Listed: the feed's first MAX_ITEMS; fetched: max_articles; the rest is left for
    # later runs (review r22: it was cut from the listing and never fetched).
    assert db.run_row(run_id, "huge")["discovered"] == 50_000
    assert reports["huge"].later == 50_000 - 3
    assert db.titles("dupes") == {"Duplicate"}
    assert db.rows("SELECT count(*) FROM article_versions WHERE source = 'dupes'") == [(1,)]
    dates = db.rows("SELECT title, published_at FROM articles WHERE source = 'dates' "
                    "ORDER BY title")
    assert dates == [("Future", None), ("Old", None)]
    assert db.titles("offhost") == {"Mine"}
    assert reports["offhost"].counts.discovered == 1
    assert 0 < complete < 10
    assert db.titles("truncated") == {f"Cut {i}" for i in range(complete)}


def test_future_modified_date_does_not_refetch_every_run(tmp_path: Path) -> None:
    db = tmp_path / "future.duckdb"
    with FaultServer() as srv:
        feed = (f'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>F</title>'
                f'<link rel="alternate" href="{srv.url}/a/1"/>'
                "<updated>2999-01-01T00:00:00Z</updated></entry></feed>").encode()
        srv.route("/a/feed.xml", ok(feed, "application/atom+xml"))
        srv.route("/a/1", ok(page("Forever new")))
        src = source("future", srv.url_for("/a/feed.xml"))
        ingest([src], db)
        # Feeds change between runs (a new story): the old entry is read again.
        srv.route("/a/feed.xml", ok(feed.replace(b"<entry>", (
            f'<entry><title>G</title><link rel="alternate" href="{srv.url}/a/2"/></entry>'
            "<entry>").encode(), 1), "application/atom+xml"))
        srv.route("/a/2", ok(page("Second")))
        ingest([src], db)
        assert srv.hits("/a/1") == 1
