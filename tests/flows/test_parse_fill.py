"""What the flow adds to a parsed page: the feed's date when the page has none (issue 17)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from flows.config import SourceConfig
from flows.discovery_records import Candidate
from flows.http_records import Fetched
from flows.parsepool import parse_fetched

SOURCE = SourceConfig(name="dates", feeds=("http://127.0.0.1/feed",))
MINSK = timezone(timedelta(hours=3))
FETCHED_AT = datetime(2019, 11, 20, tzinfo=UTC)
# A story with no date anywhere: not in metadata, the text or the URL.
PAGE = (
    "<html><head><title>Council adopts the budget</title></head><body><article>"
    "<h1>Council adopts the budget</h1>"
    + "<p>The council adopted the budget for the coming year after a long debate.</p>" * 6
    + "</article></body></html>"
).encode()


def _fetched() -> Fetched:
    url = "http://127.0.0.1/news/council-budget"
    return Fetched(url=url, final_url=url, status=200, headers={}, body=PAGE,
                   fetched_at=FETCHED_AT, elapsed_ms=1.0)


@pytest.mark.parametrize(
    ("feed_date", "expected_day", "expected_offset"),
    [
        # 00:30 in Minsk: the feed's own day and offset are kept, not UTC's 15th.
        (datetime(2019, 11, 16, 0, 30, tzinfo=MINSK), date(2019, 11, 16), 180),
        # A feed date after the fetch is an error in the feed: no date rather than it.
        (datetime(2019, 11, 21, tzinfo=UTC), None, None),
    ],
)
def test_feed_date_fills_a_dateless_page_with_its_own_day(
    feed_date: datetime, expected_day: date | None, expected_offset: int | None
) -> None:
    candidate = Candidate(url=_fetched().url, published_at=feed_date)
    article = parse_fetched(_fetched(), SOURCE, candidate)
    assert article.published_local_date == expected_day
    assert article.published_utc_offset_minutes == expected_offset
