"""Date categories of d40 (issue 17), each seen on two sets or more; each test fails without
its rule (named in the test)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"


def _page(head: str, under: str = "") -> str:
    return (
        f"<html lang='en'><head><title>Budget settled</title>{head}</head><body><article>"
        f"<h1>Budget settled</h1>{under}{BODY * 5}</article></body></html>"
    )


def test_a_publication_meta_in_javas_date_spelling_is_read() -> None:
    # Category "Java's default date spelling" (date_patterns.JAVA_DATE_RE): National
    # Geographic's article:published_time (fourth set) and a network's "published" (second
    # set, 10 pages; there the page's other dates were a related gallery's, a week late).
    # Fails without the rule: None for both.
    head = "<meta content='Mon Aug 03 12:45:00 EDT 2015' name='article:published_time'>"
    found = extract(_page(head), url=URL).published_at
    assert found == datetime(2015, 8, 3, 16, 45, tzinfo=UTC)
    assert found is not None
    assert found.utcoffset() == timedelta(hours=-4)
    head = "<meta name='published' content='Mon Jul 23 21:11:10 PDT 2012'>"
    found = extract(_page(head), url=URL).published_at
    assert found is not None
    assert found.date() == date(2012, 7, 23)
    assert found.utcoffset() == timedelta(hours=-7)


def test_javas_spelling_with_a_zone_not_known_is_read_in_the_sources_zone() -> None:
    # Fails without the rule: None.
    head = "<meta property='article:published_time' content='Mon Aug 03 12:45:00 SGT 2015'>"
    found = extract(_page(head), url=URL, timezone="Asia/Singapore").published_at
    assert found is not None
    assert found.date() == date(2015, 8, 3)
    assert found.utcoffset() == timedelta(hours=8)


def test_javas_spelling_with_the_wrong_weekday_is_no_date() -> None:
    # A weekday that is not the date's, or 30 February, is a broken value; the page's printed
    # date decides. Fails without _java_date's weekday check: 2015-08-03 for "Tue Aug 03";
    # 30 February passes both ways.
    for value in ("Tue Aug 03 12:45:00 EDT 2015", "Mon Feb 30 12:45:00 EDT 2015"):
        head = f"<meta property='article:published_time' content='{value}'>"
        assert extract(_page(head), url=URL).published_at is None
        found = extract(_page(head, "<p class='date'>July 30, 2015</p>"), url=URL).published_at
        assert found is not None
        assert found.date() == date(2015, 7, 30)
