"""A host clock set back: the server's Date header witnesses the time (o43, k42's find).

A VM restored from a snapshot, a host whose clock ran ahead and was corrected the wrong
way: every date a page gives was "more than 10 minutes after the fetch" and dropped
(parsers.date_bounds), so each article was stored undated. The machine's clock cannot be
set here, so the server runs ahead instead, which is the same to the fetcher: its Date
header and the page's date two days past our clock. A response's Date later than our
clock by more than a clock's skew is taken as the moment (flows.http_records.
witnessed_now); a correct server's Date (or none) leaves a future date refused as before,
and a Date years ahead is a broken server, not our clock. Real fetcher on loopback, a real
ingest into DuckDB.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from flows.config import SourceConfig
from flows.http_records import Fetched
from flows.parsepool import parse_fetched
from tests.reliability.fault_server import FaultServer, ok
from tests.reliability.helpers import fetch
from tests.reliability.test_ingest_faults import DB, ingest, rss, source

AHEAD = timedelta(days=2)
SOURCE = SourceConfig(name="clock", feeds=("http://127.0.0.1/feed",), timeout=0.5)


def _page(published: datetime) -> bytes:
    stamp = published.strftime("%Y-%m-%dT%H:%M:%SZ")
    para = (
        "<p>The harbour authority said the works on the northern pier would end "
        "before the spring season, after two years of delays.</p>"
    )
    return (
        f'<html><head><title>Pier reopens</title><meta property="article:published_time" '
        f'content="{stamp}"></head><body><article><h1>Pier reopens</h1>{para * 4}'
        "</article></body></html>"
    ).encode()


def _served(srv: FaultServer, published: datetime, date: datetime | None) -> Fetched:
    headers = [("Date", format_datetime(date, usegmt=True))] if date else []
    srv.route("/a", ok(_page(published), headers=headers))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched), out.result
    return out.result


def test_a_page_dated_by_a_server_ahead_of_our_clock_keeps_its_date(srv: FaultServer) -> None:
    theirs = datetime.now(UTC).replace(microsecond=0) + AHEAD
    published = theirs - timedelta(hours=1)
    article = parse_fetched(_served(srv, published, theirs), SOURCE, None)
    assert article.published_at == published  # None without the witness


@pytest.mark.parametrize("date", ["none", "ours", "years ahead"])
def test_a_future_date_is_still_refused_without_a_witness(srv: FaultServer, date: str) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    served = {"none": None, "ours": now, "years ahead": now + timedelta(days=3 * 365)}[date]
    article = parse_fetched(_served(srv, now + AHEAD, served), SOURCE, None)
    assert article.published_at is None


@pytest.mark.parametrize("dated_by", ["page", "feed"])
def test_an_ingest_behind_the_servers_clock_stores_the_date(tmp_path: Path, dated_by: str) -> None:
    # "feed": the page declares no date, the feed item does (flows.discover's horizon and
    # parse_fetched's fill from the feed judge it against the witness too).
    db = DB(tmp_path / "clock.duckdb")
    theirs = datetime.now(UTC).replace(microsecond=0) + AHEAD
    published = theirs - timedelta(hours=3)
    date = [("Date", format_datetime(theirs, usegmt=True))]
    body = _page(published)
    if dated_by == "feed":
        body = body.replace(b"article:published_time", b"x-none")
    with FaultServer() as srv:
        pub = [format_datetime(published, usegmt=True)] if dated_by == "feed" else None
        srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1"], pub), "application/rss+xml", date))
        srv.route("/a/1", ok(body, headers=date))
        ingest([source("clock", srv.url_for("/feed.xml"))], db.path)
    rows = db.rows("SELECT published_at FROM articles WHERE source = 'clock'")
    assert len(rows) == 1
    stored = rows[0][0]
    assert isinstance(stored, datetime)
    assert stored.astimezone(UTC) == published
