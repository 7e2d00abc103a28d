"""Publication dates by category, third pass (issue 17, d22): each case fails without its rule."""

from __future__ import annotations

from datetime import UTC, date, datetime

from parsers import extract

URL = "https://example.org/a"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
BODY = "<p>" + " ".join(["The story goes on with enough words to be the body."] * 8) + "</p>"


def _day(html: str) -> date | None:
    found = extract(html, url=URL, fetched_at=FETCHED).published_at
    return None if found is None else found.date()


# Category "a listing's <time> before the story's" (casact.org): a "latest news" list
# over the story dates its items with <time> tags; the story's own <time> sits in the
# line under the headline. Nothing is declared in metadata.
LATEST = (
    "<ul class='latest'>"
    "<li><a href='/n/1'>Pre-testers wanted for the spring exams</a>"
    "<time datetime='2025-01-31T12:00:00Z'>01/31/2025</time></li>"
    "<li><a href='/n/2'>A past president passes away</a>"
    "<time datetime='2025-01-06T12:00:00Z'>01/06/2025</time></li></ul>"
)


def _listed_page(byline: str) -> str:
    return (
        f"<html lang='en-US'><head></head><body>{LATEST}<article><h1>Candidate experience "
        f"compared</h1><p class='meta'>{byline}</p>{BODY}{BODY}</article></body></html>"
    )


def test_the_time_under_the_headline_beats_a_listing_time_above_it() -> None:
    byline = "<time datetime='2017-03-01T12:00:00Z'>03/01/2017</time> by Agatha Caleo"
    assert _day(_listed_page(byline)) == date(2017, 3, 1)


def test_a_listing_time_still_dates_a_story_that_has_none() -> None:
    # The guard: with no <time> under the headline the first one still answers.
    assert _day(_listed_page("by Agatha Caleo")) == date(2025, 1, 31)


# Category "build stamp printed nowhere" (uschamber.com, levitatemedia.com): the CMS
# declares the moment it built the page as both publication and modification; that day
# is printed nowhere, the header prints no date, and the page's first date line gives
# the story's day (below the story here, out of the header's reach).
def _stamped_page(published: str, modified: str, line: str = "Published August 13, 2025") -> str:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tools",'
        f' "datePublished": "{published}", "dateModified": "{modified}"}}</script>'
    )
    return (
        f"<html lang='en'><head>{ld}</head><body><article><h1>Free accounting tools</h1>"
        f"<p class='meta'>By Ann Poe</p>{BODY * 12}<p>{line}</p></article></body></html>"
    )


STAMP = "2025-11-29T12:28:31-05:00"


def test_a_build_stamp_printed_nowhere_yields_to_the_date_line() -> None:
    assert _day(_stamped_page(STAMP, STAMP)) == date(2025, 8, 13)


def test_a_declared_publication_before_its_modification_stands() -> None:
    # The guard: published earlier than modified is a real publication, not a stamp.
    assert _day(_stamped_page(STAMP, "2025-12-01T10:00:00-05:00")) == date(2025, 11, 29)


def test_a_build_stamp_yields_to_no_update_line() -> None:
    # The guard: the page's first date line is an update, not the story's day.
    page = _stamped_page(STAMP, STAMP, "Updated August 13, 2025")
    assert _day(page) == date(2025, 11, 29)


# Category "JSON-LD in an attribute" (parsers/jsonld.py): Next.js's
# ``metadata.other["script:ld+json"]`` renders a meta tag, not a script (recharged.com).
LD_ATTR = (
    "{&quot;@type&quot;:&quot;Article&quot;,&quot;headline&quot;:&quot;Full EV cars&quot;,"
    "&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}"
)


def test_json_ld_in_a_meta_tag_is_read() -> None:
    page = (f'<html><head><meta name="script:ld+json" content="{LD_ATTR}"></head><body>'
            f"<article><h1>Full EV cars</h1>{BODY}{BODY}</article></body></html>")
    assert _day(page) == date(2025, 11, 17)



# Category "date line over a share bar" (CNN's Political Ticker): the date is printed
# over the title with share, comment and permalink links between, further up than
# the header reaches; a comment's date after the story was read first.
SHARE_BAR = "".join(f"<div><a href='/s/{n}'>Share {n}</a></div>" for n in range(14))
COMMENTS = "<ol class='comments'><li><p>Great piece.</p><p>August 9, 2012 02:07 pm</p></li></ol>"


def _shared_page(line: str) -> str:
    return (
        f"<html lang='en'><head></head><body><div class='post'><div>{line}</div>"
        f"<div>08:38 PM ET</div>{SHARE_BAR}<h1>Portman will stay in the Senate</h1>"
        f"<div class='entry'>{BODY * 12}</div></div>{COMMENTS}</body></html>"
    )


def test_a_date_line_over_a_share_bar_beats_a_comment_date() -> None:
    assert _day(_shared_page("August 8th, 2012")) == date(2012, 8, 8)


def test_an_update_line_over_the_title_is_not_taken_for_it() -> None:
    # The guard: "Updated ..." over the title is no publication date.
    assert _day(_shared_page("Updated August 7th, 2012")) != date(2012, 8, 7)
