"""Dates declared only in scripts and comments (issue 17, d21): each case fails without its rule."""

from __future__ import annotations

from datetime import UTC, date, datetime

from parsers import extract
from parsers.date_scripts import MAX_SCRIPT_VALUES, MAX_SCRIPTS, PageScripts

URL = "https://example.org/a"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
BODY = "<p>" + " ".join(["The story goes on with enough words to be the body."] * 8) + "</p>"


def _page(head: str, byline: str, *, lang: str = ' lang="en"', script: str = "") -> str:
    return (
        f"<html{lang}><head>{head}</head><body><article><h1>A headline for the test</h1>"
        f"<p class='meta'>{byline}</p>{BODY}{BODY}</article>{script}</body></html>"
    )


def _day(html: str) -> date | None:
    found = extract(html, url=URL, fetched_at=FETCHED).published_at
    return None if found is None else found.date()


REACH = (
    "<script>var __reach_config = {pid: '5087f9fa', title: 'A headline',\n"
    "  date: '2012-10-07 13:42:24 UTC', // Article publish date in UTC\n"
    "  authors: ['Ann Poe']};</script>"
)


# Category "script config dates" as evidence of the order: msnbc.com's blogs print
# "9:42 AM on 10/07/2012" (lang="en", no country) and their SimpleReach config gives
# the day in ISO; without it the order is unsettled and no date is given.
def test_a_script_config_date_settles_the_order_of_a_printed_numeric_date() -> None:
    html = _page("", '<div class="date published time">9:42 AM on 10/07/2012</div>', script=REACH)
    assert _day(html) == date(2012, 10, 7)


def test_without_the_config_the_numeric_date_stays_unsettled() -> None:
    # The guard: the same page with no config still refuses to guess.
    assert _day(_page("", '<div class="date published time">9:42 AM on 10/07/2012</div>')) is None


# Category "script config dates" as the last declared fallback: a WordPress post
# object or an app's initial state is the only place the page gives its date.
def test_a_wordpress_post_object_gives_the_date_when_nothing_else_does() -> None:
    script = (
        '<script>var wpData = {post: {"ID":175757,"post_title":"Acne",'
        '"post_date":"2012-08-09 13:12:51","post_status":"publish"}};</script>'
    )
    assert _day(_page("", "By Ann Poe", script=script)) == date(2012, 8, 9)


def test_an_initial_state_date_published_gives_the_date() -> None:
    script = (
        '<script>window.__INITIAL_STATE__ = {"article":{"id":7,'
        '"datePublished":"2019-11-16T10:30:00Z","dateModified":"2020-01-02T00:00:00Z"}};'
        "</script>"
    )
    assert _day(_page("", "By Ann Poe", script=script)) == date(2019, 11, 16)


def test_a_declared_date_beats_a_script_date() -> None:
    head = '<meta property="article:published_time" content="2019-11-16T10:00:00Z">'
    script = '<script>var cfg = {"publishDate": "2012-08-09"};</script>'
    assert _day(_page(head, "By Ann Poe", script=script)) == date(2019, 11, 16)


def test_modification_keys_and_data_attributes_are_not_script_dates() -> None:
    raw = (
        '<script>var s = {"dateModified":"2020-01-02", post_modified: "2020-01-03"};</script>'
        '<div data-date="2020-01-04"></div>'
    )
    assert PageScripts(raw).script_dates() == []
    script = '<script>var s = {"dateModified":"2020-01-02"};</script>'
    assert _day(_page("", "By Ann Poe", script=script)) is None


# Category "Google PageMap": TechCrunch's theme declares the post's date only in a
# <PageMap> block inside an HTML comment; the page prints "posted 56 mins ago".
PAGEMAP = """<!--
  <PageMap>
    <DataObject type="document">
      <Attribute name="title">A headline for the test</Attribute>
      <Attribute name="post_date">Monday, November 12th, 2012</Attribute>
      <Attribute name="unixdate">1352712688</Attribute>
    </DataObject>
  </PageMap>
  -->"""


def test_a_pagemap_comment_gives_the_date() -> None:
    html = _page(PAGEMAP, '<div class="post-time">posted 56 mins ago</div>')
    assert _day(html) == date(2012, 11, 12)


def test_a_pagemap_date_is_declared_like_a_meta_date() -> None:
    # Ahead of <time> tags (here a bare one under the story, as on TechCrunch's R771).
    html = _page(PAGEMAP, "By Ann Poe").replace(
        "</article>", '</article><p>Reply <time datetime="2011-01-28"></time></p>'
    )
    assert _day(html) == date(2012, 11, 12)


def test_the_script_search_is_bounded_on_hostile_pages() -> None:
    # Thousands of script tags or quoted dates cost a bounded search, not seconds.
    keyed = '<script>var c = {"datePublished": "2019-11-16"};</script>'
    assert PageScripts(keyed).script_dates() == ["2019-11-16"]
    assert PageScripts("<script></script>" * MAX_SCRIPTS + keyed).script_dates() == []
    values = "<script>" + ", ".join(['"2020-01-01"'] * MAX_SCRIPT_VALUES)
    assert PageScripts(values + ', "datePublished": "2019-11-16"</script>').script_dates() == []


# Category "script config dates" on older pages: HTML tag names are case-insensitive
# and pages of the 2000s write ``<SCRIPT>``; such a config was not read.
def test_a_script_tag_in_upper_case_is_read() -> None:
    raw = '<SCRIPT>var c={datePublished:"2012-10-07"}</SCRIPT>'
    assert PageScripts(raw).script_dates() == ["2012-10-07"]
    mixed = '<Script type="text/javascript">var c={datePublished:"2012-10-07"}</sCRIPT>'
    assert PageScripts(mixed).script_dates() == ["2012-10-07"]
