"""A server's Date header never lets its page's future date through (k43's attack on o43).

o43 briefly took a response's Date as "now" when it was 10 minutes to a year later than
this host's clock (for a host clock set back). k43 showed the hole: a site that sends a
Date eleven months ahead and dates its page so got that future date stored, its stories
first in every "latest" list for most of a year; one server's word cannot tell our clock
set back from its own clock or intent. Reverted: a date more than 10 minutes after the
fetch by this host's clock is refused, whatever the server's Date says (README, "Dates").
Real fetcher on loopback.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from flows.config import SourceConfig
from flows.http_records import Fetched
from flows.parsepool import parse_fetched
from tests.reliability.fault_server import FaultServer, ok
from tests.reliability.helpers import fetch

SOURCE = SourceConfig(name="clock", feeds=("http://127.0.0.1/feed",), timeout=0.5)
PARA = (
    "<p>The harbour authority said the works on the northern pier would end "
    "before the spring season, after two years of delays.</p>"
)


def _served(srv: FaultServer, published: datetime, date: datetime | None) -> Fetched:
    stamp = published.strftime("%Y-%m-%dT%H:%M:%SZ")
    page = (
        f'<html><head><title>Pier reopens</title><meta property="article:published_time" '
        f'content="{stamp}"></head><body><article><h1>Pier reopens</h1>{PARA * 4}'
        "</article></body></html>"
    ).encode()
    headers = [("Date", format_datetime(date, usegmt=True))] if date else []
    srv.route("/a", ok(page, headers=headers))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched), out.result
    return out.result


@pytest.mark.parametrize("ahead_days", [2, 330, 3 * 365, None])
def test_a_servers_date_ahead_does_not_let_its_future_date_through(
    srv: FaultServer, ahead_days: int | None
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    theirs = now + timedelta(days=ahead_days or 2)
    served = None if ahead_days is None else theirs
    article = parse_fetched(_served(srv, theirs - timedelta(hours=1), served), SOURCE, None)
    assert article.published_at is None


def test_a_page_dated_before_the_fetch_keeps_its_date(srv: FaultServer) -> None:
    # Guard: the refusal is of dates after the fetch only.
    now = datetime.now(UTC).replace(microsecond=0)
    published = now - timedelta(hours=1)
    article = parse_fetched(_served(srv, published, now), SOURCE, None)
    assert article.published_at == published
