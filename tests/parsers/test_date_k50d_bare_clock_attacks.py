"""k50d's attacks on d50's bare-clock rule (``date_offsets.naive_clock_offset``): pages that
declare a bare local clock next to a moment that is *not* the same moment (a draft created
15 minutes before, a day without its clock, an update at a round hour, a stamp in the page's
own offset at another clock, two stamps in UTC giving two offsets). At a62f2c4 the rule read
the bare clock in an offset no zone uses (+00:15, +02:15) or one the page never gives, and
once moved the local day off the one the page prints. The real odd offsets (Nepal, Chatham,
Marquesas) are held."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"


def _page(head: str, printed: str = "") -> str:
    return (
        f"<html lang='en'><head><title>Budget settled</title>{head}</head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )


def _ld(**dates: str) -> str:
    article = {"@type": "NewsArticle", "headline": "Budget settled", **dates}
    return f'<script type="application/ld+json">{json.dumps(article)}</script>'


def _meta(name: str, value: str) -> str:
    return f"<meta name='{name}' content='{value}'>"


def _published(head: str, printed: str = "") -> datetime:
    article = extract(_page(head, printed), url="https://example.com/news/budget.html")
    assert article.published_at is not None
    return article.published_at


@pytest.mark.parametrize(
    ("head", "clock"),
    [
        # A draft created 15 minutes before it went out (UTC): +00:15 at a62f2c4.
        (
            _ld(datePublished="2023-01-01T02:00:00", dateCreated="2023-01-01T01:45:00Z"),
            datetime(2023, 1, 1, 2, 0),
        ),
        # A day written with a midnight clock beside the moment: -07:00 and -09:30 at a62f2c4.
        (
            _ld(datePublished="2023-04-28T00:00:00")
            + _meta("article:published_time", "2023-04-28T09:00:00+02:00"),
            datetime(2023, 4, 28),
        ),
        (
            _ld(datePublished="2023-04-28T00:00:00")
            + _meta("article:published_time", "2023-04-28T09:30:00Z"),
            datetime(2023, 4, 28),
        ),
        # A round hour beside a stamp five round hours later (an update): -05:00 at a62f2c4.
        (
            _ld(datePublished="2023-04-28T09:00:00")
            + _meta("article:published_time", "2023-04-28T14:00:00Z"),
            datetime(2023, 4, 28, 9, 0),
        ),
        # The stamp spells the page's offset (+02:00) at another clock: +02:15 and -04:00.
        (
            _ld(datePublished="2023-04-28 18:26:01")
            + _meta("article:published_time", "2023-04-28T18:11:01+02:00"),
            datetime(2023, 4, 28, 18, 26, 1),
        ),
        (
            _ld(datePublished="2023-04-28 12:11:01")
            + _meta("article:published_time", "2023-04-28T18:11:01+02:00"),
            datetime(2023, 4, 28, 12, 11, 1),
        ),
        # A stamp in UTC 15 minutes off (another moment): +00:15, no zone's, at a62f2c4.
        (
            _ld(datePublished="2023-04-28 18:26:01")
            + _meta("parsely-pub-date", "2023-04-28T18:11:01Z"),
            datetime(2023, 4, 28, 18, 26, 1),
        ),
        # Two stamps in UTC, each a whole number of hours off the bare clock (-05:00 and
        # +02:00): no one moment, so no offset (-05:00, the first, at a62f2c4).
        (
            _ld(datePublished="2023-04-28 12:07:13")
            + _meta("parsely-pub-date", "2023-04-28T17:07:13Z")
            + _meta("sailthru.date", "2023-04-28T10:07:13Z"),
            datetime(2023, 4, 28, 12, 7, 13),
        ),
    ],
)
def test_a_bare_clock_beside_another_moment_gets_no_invented_offset(
    head: str, clock: datetime
) -> None:
    published = _published(head)
    assert published == clock.replace(tzinfo=UTC)
    assert published.utcoffset() == timedelta(0)


def test_a_bare_clock_beside_another_moment_keeps_the_printed_local_day() -> None:
    # The bare clock is in UTC (02:00 on the 29th), the draft was created 15 minutes before,
    # the header's <time> in New York prints the 28th. At a62f2c4: 2023-04-29T02:00+00:15,
    # a day the page never prints; at 3cd3480 and now the <time>'s offset, the 28th.
    head = _ld(datePublished="2023-04-29T02:00:00", dateCreated="2023-04-29T01:45:00Z")
    printed = "<time datetime='2023-04-28T22:00:00-04:00'>April 28, 2023</time> April 28, 2023"
    article = extract(_page(head, printed), url="https://example.com/news/budget.html")
    assert article.published_local_date is not None
    assert article.published_local_date.isoformat() == "2023-04-28"
    assert article.published_utc_offset_minutes == -240
    assert article.published_at == datetime(2023, 4, 29, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("bare", "stamp", "minutes"),
    [
        ("2023-04-28 00:20:31", "2023-04-27T18:35:31Z", 345),  # Nepal
        ("2023-01-02 00:05:07", "2023-01-01T10:20:07Z", 825),  # Chatham, summer
        ("2023-04-27 22:02:03", "2023-04-28T07:32:03Z", -570),  # Marquesas
        ("2024-02-29 20:30:15", "2024-03-01T01:30:15+00:00", -300),  # leap day, New York
        ("2023-12-31 23:59:59", "2024-01-01T04:59:59Z", -300),  # the year's last second
    ],
)
def test_a_bare_clock_in_a_real_odd_offset_is_still_read_in_it(
    bare: str, stamp: str, minutes: int
) -> None:
    # Guard (passes at a62f2c4 too): the same moment, the local day the page prints.
    local = datetime.fromisoformat(bare)
    head = _meta("sailthru.date", bare) + _meta("article:published_time", stamp)
    published = _published(head, f"{local:%B} {local.day}, {local.year}")
    assert published.utcoffset() == timedelta(minutes=minutes)
    assert published.replace(tzinfo=None) == local
    assert published == datetime.fromisoformat(stamp.replace("Z", "+00:00"))
