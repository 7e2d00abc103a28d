"""The retry schedule under an unlucky operator: a flood of due URLs, a wrong clock.

Real loopback server, real DuckDB file, real runs without Prefect; no sleeps:
schedule rows are written straight into the file to set up each situation.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.reliability.fault_server import FaultServer, ok, status
from tests.reliability.test_ingest_faults import page, rss, source
from tests.reliability.test_retry_schedule import ingest, rows
from warehouse import open_warehouse


def _schedule(db: Path, src: str, urls: list[str], *, failed: str, due: str) -> None:
    """Put ``urls`` on the schedule: 1 failed run at ``failed``, next attempt ``due``."""
    with open_warehouse(db):
        pass  # create and migrate the file
    con = duckdb.connect(str(db))
    try:
        for url in urls:
            con.execute(
                "INSERT INTO url_retries VALUES (?, ?, 'pending', 1, "
                f"{failed}, {failed}, {due}, 'HTTPStatusError', 'HTTP 403', 403, 'r0')",
                [url, src])
    finally:
        con.close()


def test_due_retries_count_against_max_articles(tmp_path: Path) -> None:
    """README: ``max_articles`` is the articles fetched per run. Due retries come
    on top of what the feed lists, but not past the cap (they wait for the next run)."""
    db = tmp_path / "cap.duckdb"
    with FaultServer() as srv:
        listed = [f"/n/{i}" for i in range(2)]
        due = [f"/d/{i}" for i in range(3)]
        for p in listed + due:
            srv.route(p, ok(page(f"Page {p}")))
        srv.route("/feed.xml", ok(rss([srv.url_for(p) for p in listed]), "application/rss+xml"))
        _schedule(db, "cap", [srv.url_for(p) for p in due],
                  failed="now() - INTERVAL 2 HOUR", due="now() - INTERVAL 1 HOUR")
        ingest([source("cap", srv.url_for("/feed.xml"), max_articles=2)], db)
        fetched = sum(srv.hits(p) for p in listed + due)
        ingest([source("cap", srv.url_for("/feed.xml"), max_articles=2)], db)
        fetched_due = sum(srv.hits(p) for p in due)
    assert fetched == 2, f"{fetched} article pages fetched with max_articles = 2"
    # What the cap held back is still pending and fetched by the next run.
    assert fetched_due == 2
    assert rows(db, "SELECT count(*) FROM url_retries WHERE state = 'pending'") == [(1,)]


def test_a_clock_that_ran_ahead_does_not_strand_urls(tmp_path: Path) -> None:
    """Failures recorded while the clock was 30 days ahead: once the clock is set
    right, those URLs are asked again (and rescheduled from the true time), not
    left waiting a month for a date that was never real."""
    db = tmp_path / "clock.duckdb"
    with FaultServer() as srv:
        srv.route("/c/back", ok(page("Recovered")))
        srv.route("/c/still404", status(404))
        srv.route("/feed.xml", ok(rss([srv.url_for("/c/back"), srv.url_for("/c/still404")]),
                                  "application/rss+xml"))
        _schedule(db, "clock", [srv.url_for("/c/back"), srv.url_for("/c/still404")],
                  failed="now() + INTERVAL 30 DAY",
                  due="now() + INTERVAL 30 DAY + INTERVAL 1 HOUR")
        ingest([source("clock", srv.url_for("/feed.xml"))], db)
        hits = (srv.hits("/c/back"), srv.hits("/c/still404"))
    assert hits == (1, 1)
    assert rows(db, "SELECT count(*) FROM articles WHERE url LIKE '%/c/back'") == [(1,)]
    assert rows(db, "SELECT url LIKE '%/c/still404', attempts, "
                    "next_attempt_at BETWEEN now() + INTERVAL 5 HOUR AND now() + INTERVAL 7 HOUR "
                    "FROM url_retries") == [(True, 2, True)]
