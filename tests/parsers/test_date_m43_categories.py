"""Date categories the seventh measuring set showed (issue 17, m43: metascraper's pages).

- "a microdata date in an <abbr>'s title": Blogger's template (and hAtom themes) writes
  ``<abbr class="published" itemprop="datePublished" title="2024-02-03T20:38:00Z">8:38
  pm</abbr>``; the title is the instant (before: the day the date header prints, at
  midnight).
- "a story never updated, declared in UTC": published and modified both at the same UTC
  instant, and a <time> in the header declaring that instant in the site's offset and
  printing its local day; that day is the same moment, no older publication (before: the
  printed day at midnight UTC, a day off in UTC and with no time).

Each rule's cases fail without it; the guards pass both ways.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from parsers import extract

PARAGRAPH = "<p>" + " ".join(["The map was good enough to steer the next year by."] * 8) + "</p>"
BODY = PARAGRAPH * 6


def _blog(abbr: str) -> str:
    return (
        '<html lang="en"><head><title>A good enough map</title></head><body>'
        '<div class="date-outer"><h2 class="date-header"><span>Saturday, February 03, 2024'
        '</span></h2><div class="post hentry"><h3 class="post-title">A good enough map</h3>'
        f'<div class="post-body">{BODY}</div><div class="post-footer">Posted by '
        f'<span class="fn">swardley</span> at {abbr}</div></div></div></body></html>'
    )


BLOG_URL = "https://blog.example.org/2024/02/a-good-enough-map.html"


def test_a_microdata_date_in_an_abbr_title_is_the_instant() -> None:
    html = _blog(
        '<abbr class="published" itemprop="datePublished" title="2024-02-03T20:38:00Z">'
        "8:38 pm</abbr>"
    )
    found = extract(html, url=BLOG_URL).published_at
    assert found == datetime(2024, 2, 3, 20, 38, tzinfo=UTC)


def test_an_abbr_title_in_its_own_offset_keeps_it() -> None:
    html = _blog(
        '<abbr class="published" itemprop="datePublished" '
        'title="2024-02-03T12:38:00-08:00">12:38 pm</abbr>'
    )
    found = extract(html, url=BLOG_URL).published_at
    assert found == datetime(2024, 2, 3, 20, 38, tzinfo=UTC)
    assert found is not None and found.utcoffset() == timedelta(hours=-8)


# Guards: a title that is no instant; a microdata date's content wins over a title.
def test_an_abbr_title_that_is_no_date_is_not_read() -> None:
    html = _blog(
        '<abbr class="published" itemprop="datePublished" title="permalink">8:38 pm</abbr>'
    )
    found = extract(html, url=BLOG_URL).published_at
    assert found is not None and found.date().isoformat() == "2024-02-03"
    assert found.hour == 0


def test_content_beats_an_abbr_title() -> None:
    html = _blog(
        '<abbr itemprop="datePublished" content="2024-02-03T09:00:00Z" '
        'title="2024-02-03T20:38:00Z">8:38 pm</abbr>'
    )
    assert extract(html, url=BLOG_URL).published_at == datetime(2024, 2, 3, 9, tzinfo=UTC)


STORY_URL = "https://www.example.com/artificial-intelligence/robotics-companies/"


def _story(published: str, modified: str, time_value: str, printed: str) -> str:
    return (
        '<html lang="en"><head><title>7 Top Robotics Companies</title>'
        f'<meta property="article:published_time" content="{published}">'
        f'<meta property="article:modified_time" content="{modified}">'
        "</head><body><article><h1>7 Top Robotics Companies</h1>"
        '<div class="meta"><span class="author">Aminu Abdullahi</span> '
        f'<time class="entry-date updated" datetime="{time_value}">{printed}</time></div>'
        f"{BODY}</article></body></html>"
    )


def test_a_never_updated_utc_story_keeps_its_instant_in_local_time() -> None:
    html = _story(
        "2024-02-10T00:32:11+00:00",
        "2024-02-10T00:32:11+00:00",
        "2024-02-09T19:32:11-05:00",
        "February 9, 2024",
    )
    found = extract(html, url=STORY_URL).published_at
    assert found == datetime(2024, 2, 10, 0, 32, 11, tzinfo=UTC)
    # The day the reader saw, as printed.
    assert found is not None and found.utcoffset() == timedelta(hours=-5)
    assert found.date().isoformat() == "2024-02-09"


# Guards: a build stamp (declared later than the printed <time>'s instant) still gives way
# to the printed day; a <time> of the same instant in the same offset confirms nothing new.
def test_a_build_stamp_still_gives_way_to_the_printed_day() -> None:
    html = _story(
        "2024-02-10T00:32:11+00:00",
        "2024-02-10T00:32:11+00:00",
        "2024-02-08T10:15:00-05:00",
        "February 8, 2024",
    )
    found = extract(html, url=STORY_URL).published_at
    assert found is not None and found.date().isoformat() == "2024-02-08"


def test_a_time_in_utc_is_no_other_offset() -> None:
    html = _story(
        "2024-02-10T00:32:11+00:00",
        "2024-02-10T00:32:11+00:00",
        "2024-02-10T00:32:11+00:00",
        "February 9, 2024",
    )
    found = extract(html, url=STORY_URL).published_at
    assert found is not None and found.date().isoformat() == "2024-02-09"
