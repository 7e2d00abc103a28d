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
    # date decides. Fails without date_java.java_date's weekday check: 2015-08-03 for "Tue Aug 03";
    # 30 February passes both ways.
    for value in ("Tue Aug 03 12:45:00 EDT 2015", "Mon Feb 30 12:45:00 EDT 2015"):
        head = f"<meta property='article:published_time' content='{value}'>"
        assert extract(_page(head), url=URL).published_at is None
        found = extract(_page(head, "<p class='date'>July 30, 2015</p>"), url=URL).published_at
        assert found is not None
        assert found.date() == date(2015, 7, 30)


def test_a_year_first_date_glued_to_the_bylines_name_is_read() -> None:
    # Category "a year-first date glued to the byline" (date_patterns.YMD_RE's lookbehind):
    # the name and the date in inline tags with no space between them (qdaily, fourth set;
    # Mashable, fifth set). Fails without the rule: None (no word boundary before the year).
    for name, printed, day in [
        ("谢若含", "2017-03-01 14:27:02", date(2017, 3, 1)),
        ("By Seth Fiegerman", "2014-01-26 21:32:46", date(2014, 1, 26)),
        ("島津健吾", "2019.03.26", date(2019, 3, 26)),
    ]:
        under = f"<div class='author'><span class='name'>{name}</span><span>{printed}</span></div>"
        found = extract(_page("", under), url=URL).published_at
        assert found is not None
        assert found.date() == day


def test_a_year_first_date_after_a_digit_or_underscore_is_not_read() -> None:
    # Guards (pass both ways): "12017-03-01" (a longer number) and "ref_2017-03-01" (an
    # identifier) are no dates.
    for printed in ("Ref 12017-03-01", "ref_2017-03-01"):
        under = f"<p class='meta'>{printed}</p>"
        assert extract(_page("", under), url=URL).published_at is None
