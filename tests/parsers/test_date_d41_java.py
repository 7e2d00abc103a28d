"""d41: Java's and C's date spelling beyond k40b's fixes (issue 17). Categories (date_java,
date_patterns.JAVA_DATE_RE): "an ambiguous zone abbreviation on a page of a known country",
"Java's pattern under a non-English Locale", "C's padded day". Each test names what it needs
and fails without it; guards (passing both ways) keep a wrong date from appearing."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from parsers.date_java import zones_of
from parsers.dates import find_date, parse_date
from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"
US_PACIFIC = "America/Los_Angeles"


def _page(value: str, lang: str = "en", head: str = "", under: str = "") -> str:
    meta = f"<meta property='article:published_time' content='{value}'>" if value else ""
    return (
        f"<html lang='{lang}'><head><title>Budget settled</title>{meta}{head}</head><body>"
        f"<article><h1>Budget settled</h1>{under}{BODY * 5}</article></body></html>"
    )


def _offset(found: datetime | None) -> timedelta | None:
    return None if found is None else found.utcoffset()


@pytest.mark.parametrize(
    ("value", "lang", "hours"),
    [
        ("Mon Aug 03 12:45:00 CST 2015", "zh-CN", 8),
        ("Mon Aug 03 12:45:00 CST 2015", "zh-TW", 8),
        ("Mon Aug 03 12:45:00 CST 2015", "zh-Hant", 8),
        ("Mon Aug 03 12:45:00 IST 2015", "hi", 5.5),
        ("Mon Aug 03 12:45:00 IST 2015", "en-IN", 5.5),
        ("Mon Aug 03 12:45:00 IST 2015", "en-IE", 1),
        ("Sat Jan 03 12:45:00 IST 2015", "he", 2),
        ("Mon Aug 03 12:45:00 IDT 2015", "he-IL", 3),
        ("Mon Aug 03 12:45:00 PST 2015", "en-PH", 8),
        ("Mon Aug 03 12:45:00 HKT 2015", "zh-HK", 8),
        ("Mon Aug 03 12:45:00 ACST 2015", "en-AU", 9.5),
        ("Mon Aug 03 12:45:00 AWST 2015", "en-AU", 8),
        ("Mon Aug 03 12:45:00 NZST 2015", "en-NZ", 12),
        ("Mon Aug 03 12:45:00 SAST 2015", "en-ZA", 2),
        ("Mon Aug 03 12:45:00 PKT 2015", "ur-PK", 5),
        ("Mon Aug 03 12:45:00 WIB 2015", "id-ID", 7),
        ("Mon Aug 03 12:45:00 WAT 2015", "en-NG", 1),
        ("Mon Aug 03 12:45:00 EAT 2015", "sw-KE", 3),
        ("Mon Jan 05 12:45:00 AST 2015", "en-CA", -4),
        ("Mon Aug 03 12:45:00 NDT 2015", "fr-CA", -2.5),
    ],
)
def test_an_ambiguous_abbreviation_is_the_declared_countrys(
    value: str, lang: str, hours: float
) -> None:
    # Category "an ambiguous zone abbreviation on a page of a known country": no source zone;
    # the page's declared country or language names the zone that spells the abbreviation.
    # Fails without date_java._page_reading: CST -06:00, PST -08:00, the others +00:00 (the
    # source's zone, UTC); each country's case fails without its REGION_ZONES entry.
    found = extract(_page(value, lang), url=URL).published_at
    assert _offset(found) == timedelta(hours=hours)
    assert found is not None
    assert (found.day, found.hour, found.minute) == (int(value[8:10]), 12, 45)


def test_an_ambiguous_abbreviation_read_in_the_declared_zone_is_kept_by_the_fetch_bound() -> None:
    # Read as US Central, 12:45 CST (04:45 UTC in China) was 18:45 UTC: after a fetch at
    # 06:00 UTC and refused, no date. Fails without _page_reading: None.
    fetched = datetime(2015, 8, 3, 6, 0, tzinfo=UTC)
    found = extract(_page("Mon Aug 03 12:45:00 CST 2015", "zh"), url=URL, fetched_at=fetched)
    assert found.published_at == datetime(2015, 8, 3, 4, 45, tzinfo=UTC)


def test_a_chinese_page_of_undeclared_language_is_read_by_its_text() -> None:
    # No lang at all: the text's language (fastText, Article.language) is the evidence.
    # Fails without the identified language in extract's page_zones tags: -06:00.
    sentence = "市议会再次开会，讨论今年的预算安排，并就多项公共服务的资金问题进行了长时间的辩论。"
    text = "<p>" + sentence * 6
    page = (
        "<html><head><title>预算</title><meta property='article:published_time' "
        "content='Mon Aug 03 12:45:00 CST 2015'></head><body><article><h1>预算</h1>"
        f"{text}</p></article></body></html>"
    )
    assert _offset(extract(page, url=URL).published_at) == timedelta(hours=8)


@pytest.mark.parametrize(
    ("lang", "hours"),
    [
        ("zh-US", -6),  # a US page in Chinese: its country is the US's
        ("en", -6),  # no country named: US Central, as English news pages print it
        ("zh-HK", -6),  # Hong Kong prints HKT; its "CST" is not China's by this rule
    ],
)
def test_cst_stays_us_central_where_no_declared_country_spells_it(lang: str, hours: int) -> None:
    # Guards: passing both ways.
    found = extract(_page("Mon Jan 05 12:45:00 CST 2015", lang), url=URL).published_at
    assert _offset(found) == timedelta(hours=hours)


def test_evidence_naming_two_readings_keeps_the_old_one() -> None:
    # A page declaring Chinese and the US (lang="zh", og:locale en_US) in January: Shanghai
    # and Chicago both spell "CST", 14 hours apart; the reading stays ZONE_HOURS' (-06:00).
    # Fails without _page_reading's one-reading check (the first zone that spells it,
    # Shanghai): +08:00.
    head = "<meta property='og:locale' content='en_US'>"
    found = extract(_page("Mon Jan 05 12:45:00 CST 2015", "zh", head), url=URL).published_at
    assert _offset(found) == timedelta(hours=-6)


def test_the_sources_zone_comes_before_the_pages() -> None:
    # Guard: a source in Chicago publishing in Chinese: its zone spells "CST" in January.
    page = _page("Mon Jan 05 12:45:00 CST 2015", "zh")
    found = extract(page, url=URL, timezone="America/Chicago").published_at
    assert _offset(found) == timedelta(hours=-6)


def test_an_abbreviation_the_declared_zone_does_not_spell_that_day_is_not_moved() -> None:
    # Guard: Dublin spells "IST" in summer only; a January "IST" on an Irish page is not read
    # there (nor anywhere: IST is not in ZONE_HOURS), so the source's zone stands.
    found = extract(_page("Mon Jan 05 12:45:00 IST 2015", "en-IE"), url=URL).published_at
    assert _offset(found) == timedelta(0)


@pytest.mark.parametrize(
    ("tags", "zones"),
    [
        (["zh-CN"], ("Asia/Shanghai",)),
        (["zh_TW", None, ""], ("Asia/Taipei",)),
        (["zh-Hans-CN"], ("Asia/Shanghai",)),
        (["en-US"], ("America/New_York", "America/Chicago", "America/Denver", US_PACIFIC)),
        (["fr", "de-DE", "xx-99"], ()),
    ],
)
def test_zones_of_declared_tags(tags: list[str | None], zones: tuple[str, ...]) -> None:
    assert zones_of(tags) == zones


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("lun. août 03 12:45:00 CEST 2015", datetime(2015, 8, 3, 10, 45, tzinfo=UTC)),
        ("lun août 03 12:45:00 CEST 2015", datetime(2015, 8, 3, 10, 45, tzinfo=UTC)),
        ("lun. ago. 03 12:45:00 CEST 2015", datetime(2015, 8, 3, 10, 45, tzinfo=UTC)),
        ("Mo. Aug. 03 12:45:00 CEST 2015", datetime(2015, 8, 3, 10, 45, tzinfo=UTC)),
        # A zone name Java prints in German ("MESZ") is no abbreviation we know: the source's.
        ("Mo. Aug. 03 12:45:00 MESZ 2015", datetime(2015, 8, 3, 12, 45, tzinfo=UTC)),
        ("Sun Nov  6 08:49:37 1994", datetime(1994, 11, 6, 8, 49, 37, tzinfo=UTC)),
        ("Sun Nov 6 08:49:37 1994", datetime(1994, 11, 6, 8, 49, 37, tzinfo=UTC)),
    ],
)
def test_javas_pattern_in_another_locale_and_cs_spelling(value: str, expected: datetime) -> None:
    # Categories "Java's pattern under a non-English Locale" and "C's asctime/ctime" (HTTP's
    # asctime form). Fails without JAVA_DATE_RE's any-letters words, date_java.WEEKDAYS, the
    # padded day or the optional zone: None.
    assert parse_date(value, UTC) == expected


@pytest.mark.parametrize(
    "value",
    [
        "mar. août 03 12:45:00 CEST 2015",  # Tuesday's name on a Monday
        "Di. Aug. 03 12:45:00 CEST 2015",
        "Sun Nov  7 08:49:37 1994",
        "Doe Aug 03 12:45:00 EDT 2015",  # a name, not a weekday
        "lun. foo 03 12:45:00 CEST 2015",  # not a month
        "Mon Aug 32 12:45:00 EDT 2015",
        "Mon Aug 03 25:45:00 EDT 2015",
    ],
)
def test_a_broken_or_foreign_shape_is_no_date(value: str) -> None:
    # A wrong date is worse than none: a weekday that is not the date's (in any language), a
    # word that is no weekday or no month, an impossible day or hour. The first three fail
    # without the weekday check: a date.
    assert parse_date(value, UTC) is None
    assert find_date(f"Posted {value} by the desk", UTC) is None


def test_a_printed_ctime_in_a_byline_is_read_with_its_year_not_the_fetchs() -> None:
    # C's ctime printed under the headline (a Python or C CMS's default): read with its year.
    # Fails without JAVA_DATE_RE's optional zone: None (k40b kept it from 2026). The page's
    # text has its spaces folded ("Aug 3"): the padded day matters in attribute values.
    fetched = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
    under = "<p class='byline'>Posted Mon Aug  3 12:45:00 2015</p>"
    found = extract(_page("", under=under), url=URL, fetched_at=fetched).published_at
    assert found == datetime(2015, 8, 3, 12, 45, tzinfo=UTC)


def test_hostile_runs_of_the_shape_cost_little_cpu() -> None:
    # 1 MB of the any-letters shape, with and without a weekday of the date.
    for text in ("lun. août 03 12:45:00 " * 45_000, "ab cde  3 12:45:00 XYZ 2015 " * 36_000):
        start = time.process_time()
        parse_date(text, UTC)
        find_date(text, UTC)
        extract(_page(text[:5000], under=f"<p>{text}</p>"), url=URL)
        assert time.process_time() - start < 5.0
