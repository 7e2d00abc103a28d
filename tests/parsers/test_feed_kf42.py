"""kf42 (review of f42, issue 17): a hostile feed's dates. One item's date must never cost the
feed its other items (``parse_feed`` turns anything a date reader raises into "unreadable
feed"). Each test says what it gave without the fix."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

from parsers.feed_dates import parse_feed_date
from parsers.feeds import parse_feed

GOOD = "Mon, 06 Jan 2020 10:00:00 GMT"
# Thousands of offsets after GMT: f42's offset rule read the rest of the value at the
# offset by calling itself, once per "GMT+01" (12 KB here).
CHAINED = "Mon, 06 Jan 2020 10:00:00" + " 1GMT+01" * 1500


def _rss(date: str) -> bytes:
    return (
        "<rss version='2.0'><channel><title>N</title>"
        f"<item><link>https://a.example/1</link><pubDate>{GOOD}</pubDate></item>"
        f"<item><link>https://a.example/2</link><pubDate>{date}</pubDate></item>"
        "</channel></rss>"
    ).encode()


def _json(date: str) -> bytes:
    items = [
        {"url": "https://a.example/1", "date_published": "2020-01-06T10:00:00Z"},
        {"url": "https://a.example/2", "date_published": date},
    ]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()


def test_a_chain_of_gmt_offsets_costs_one_date_not_the_feed() -> None:
    # Without the fix: FeedError "unreadable feed: RecursionError", both items lost.
    for data in (_rss(CHAINED), _json(CHAINED)):
        items = parse_feed(data).items
        assert [i.url for i in items] == ["https://a.example/1", "https://a.example/2"]
        assert items[0].published_at == datetime(2020, 1, 6, 10, tzinfo=UTC)
        assert items[1].published_at is None


def test_one_offset_after_gmt_is_still_read() -> None:
    # What f42's rule reads (feedparser's fixture) holds with the offset read once.
    minus_61 = timezone(-timedelta(minutes=61))
    assert parse_feed_date("Wed, 19 Feb 2012 22:40:00 GMT-01:01") == datetime(
        2012, 2, 19, 22, 40, tzinfo=minus_61
    )


def test_a_value_longer_than_a_date_is_none() -> None:
    # A 12 KB value is no date (``MAX_DATE_CHARS``); before: read by ``email.utils`` from
    # its head, "2020-01-06 10:00" for a pubDate of a date and a megabyte of anything.
    assert parse_feed_date(GOOD + " x" * 200) is None
    assert parse_feed_date(GOOD + " x" * 20) is not None
