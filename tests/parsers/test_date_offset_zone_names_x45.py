"""Zones tzdata names by their offset (x45, k41b's xfail).

Category "a zone tzdata names by its offset" (``date_java.OFFSET_ZONE_NAMES``): tzdata spells
Arabia's, the Gulf's and Bangladesh's zones "+03", "+04", "+06"; Java prints "AST", "GST",
"BDT", Bangladesh's press "BST". A page of those countries (its tag or its host's domain)
read them in the source's zone, or "BST" as British. Each case fails without its rule;
guards pass both ways.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"


def _page(value: str, lang: str) -> str:
    meta = f"<meta property='article:published_time' content='{value}'>"
    return (
        f"<html lang='{lang}'><head><title>Budget settled</title>{meta}</head><body>"
        f"<article><h1>Budget settled</h1>{BODY * 5}</article></body></html>"
    )


def _printed(stamp: str, url: str, lang: str = "en") -> datetime | None:
    html = (
        f"<html lang='{lang}'><head><title>Budget settled</title></head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{stamp}</p>{BODY * 5}</article></body></html>"
    )
    return extract(html, url=url).published_at


def _offset(found: datetime | None) -> timedelta | None:
    return None if found is None else found.utcoffset()


@pytest.mark.parametrize(
    ("lang", "zone", "hours"),
    [
        ("ar-SA", "AST", 3),
        ("ar-KW", "AST", 3),
        ("ar-QA", "AST", 3),
        ("ar-BH", "AST", 3),
        ("ar-YE", "AST", 3),
        ("ar-IQ", "AST", 3),
        ("ar-AE", "GST", 4),
        ("ar-OM", "GST", 4),
        ("bn-BD", "BDT", 6),
        ("en-BD", "BST", 6),
    ],
)
def test_java_names_a_zone_tzdata_spells_by_its_offset(lang: str, zone: str, hours: int) -> None:
    # Fails without the country's REGION_ZONES entry or its OFFSET_ZONE_NAMES names: +00:00
    # (the source's zone), "BST" +01:00 (ZONE_HOURS' British reading in July).
    value = f"Sun Jul 05 12:45:00 {zone} 2015"
    found = extract(_page(value, lang), url="https://example.com/news/1").published_at
    assert _offset(found) == timedelta(hours=hours)


def test_a_gulf_hosts_clock_zone_is_its_countrys() -> None:
    # The host's country (k44's host_region) reaches the new countries: fails without the
    # "ae" entry, +00:00.
    found = _printed("Published: Jul 05, 2015 10:13 PM GST", "https://www.thenational.ae/a/1")
    assert found is not None and found.isoformat() == "2015-07-05T22:13:00+04:00"


@pytest.mark.parametrize(
    ("lang", "url", "hours"),
    [
        ("en-CA", "https://example.com/news/1", -4),  # Halifax: tzdata's own AST
        ("ar", "https://example.com/news/1", 0),  # Arabic names no country: the source's zone
        ("en", "https://example.sa/news/1", 3),  # the host's country
    ],
)
def test_ast_on_other_pages(lang: str, url: str, hours: int) -> None:
    # Guards for the first two (pass both ways); the third fails without "sa": +00:00.
    found = extract(_page("Mon Jan 05 12:45:00 AST 2015", lang), url=url).published_at
    assert _offset(found) == timedelta(hours=hours)


@pytest.mark.parametrize(
    ("stamp", "hours"),
    [
        ("Published: 05 Jul 2024, 11:40 PM BST", 6),  # British summer: Bangladesh's by the host
        ("Published: 05 Jan 2024, 11:40 PM BST", 6),
        ("Published: 05 Jan 2024, 11:40 PM BDT", 6),
    ],
)
def test_bst_on_a_bangladeshi_host_is_dhakas(stamp: str, hours: int) -> None:
    # Fails without the "bd" entry or Dhaka's OFFSET_ZONE_NAMES: +01:00, +01:00, +00:00.
    assert _offset(_printed(stamp, "https://www.example.com.bd/politics/abc")) == timedelta(
        hours=hours
    )


def test_a_british_sites_winter_bst_is_not_read_as_bangladeshs() -> None:
    # Guard (passes both ways): InTheNews.co.uk (second set, Google News) prints "15 January
    # 2008 16:00 BST" in winter; with no Bangladeshi tag or host it stays ZONE_HOURS' +01:00
    # (x45's dropped "BST out of British summer" rule read it at +06:00).
    assert _offset(
        _printed("15 January 2008 16:00 BST", "http://fakehost/test/page.html")
    ) == timedelta(hours=1)
