"""k40b: attacks on d40's date rules (issue 17). Each test names the rule it needs and fails
without it; k40b's three strict xfails left were fixed by d41."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest

from parsers.dates import find_date, parse_date
from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"


def _page(head: str, under: str = "") -> str:
    return (
        f"<html lang='en'><head><title>Budget settled</title>{head}</head><body><article>"
        f"<h1>Budget settled</h1>{under}{BODY * 5}</article></body></html>"
    )


def _meta(value: str) -> str:
    return f"<meta property='article:published_time' content='{value}'>"


@pytest.mark.parametrize(
    ("value", "hours"),
    [
        ("2024-03-05T10:00:00 GMT+0100", 1),
        ("Tue, 05 Mar 2024 10:00:00 GMT+0100", 1),
        ("05 Mar 2024 10:00 GMT+01:00", 1),
        ("2024-03-05 10:00 UTC+1", 1),
        ("March 5, 2024 10:00 GMT-0500", -5),
        ("2024-03-05 10:00 GMT+5:30", 5.5),
        ("Tue Mar 05 2024 10:00:00 GMT+0100 (Central European Standard Time)", 1),
    ],
)
def test_a_clock_followed_by_gmt_and_an_offset_is_read_at_that_offset(
    value: str, hours: float
) -> None:
    # Category "a clock followed by GMT+hhmm" (date_patterns.GMT_OFFSET_RE,
    # date_offsets.gmt_offset): fromisoformat, dateutil and RFC 822 parsing read "GMT" and dropped
    # the offset. Fails without the rule: 10:00 at UTC (+00:00), hours off the moment.
    found = extract(_page(_meta(value)), url=URL).published_at
    assert found is not None
    assert found.utcoffset() == timedelta(hours=hours)
    assert (found.date(), found.hour) == (date(2024, 3, 5), 10)


def test_a_gmt_offset_is_bounded_by_the_fetch_as_any_offset() -> None:
    # 10:00 GMT+0100 is 09:00 UTC: kept when fetched at 09:30, after a fetch at 08:00 (k32's
    # bound, ten minutes at a known offset). Fails without the rule: 10:00 UTC, refused at
    # 09:30 (after the fetch) and kept at 08:00 (within the 14 h of offset 0).
    value = "2024-03-05T10:00:00 GMT+0100"
    kept = parse_date(value, UTC, datetime(2024, 3, 5, 9, 30, tzinfo=UTC))
    assert kept == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    assert parse_date(value, UTC, datetime(2024, 3, 5, 8, 0, tzinfo=UTC)) is None


def test_a_gmt_offset_no_zone_uses_gives_no_date() -> None:
    # Guard: "GMT+15" and "GMT+05:75" are broken values (d40's impossible offsets), no date;
    # on a page the printed date decides. Passes both ways for "GMT+15" (impossible_offset);
    # "GMT+0575 (name)" fails without _offset's range check (10:00+06:15).
    for value in ("2024-03-05 10:00 GMT+15", "Tue Mar 05 2024 10:00:00 GMT+0575 (Nowhere)"):
        assert parse_date(value, UTC) is None
        found = extract(_page(_meta(value), "<p>Posted July 30, 2023</p>"), url=URL).published_at
        assert found is not None
        assert found.date() == date(2023, 7, 30)


def test_javas_custom_zone_gmt_offset_is_read() -> None:
    # java.util.Date.toString() under a custom TimeZone ("GMT+01:00") prints that ID as the
    # zone. Fails without JAVA_DATE_RE's GMT+hh:mm zone: None.
    found = extract(_page(_meta("Mon Aug 03 12:45:00 GMT+01:00 2015")), url=URL).published_at
    assert found == datetime(2015, 8, 3, 11, 45, tzinfo=UTC)
    assert found is not None
    assert found.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("zone", "hours"),
    [("Asia/Shanghai", 8), ("Asia/Kolkata", 5.5), ("Europe/Dublin", 1), ("America/Chicago", -6)],
)
def test_javas_ambiguous_abbreviation_is_the_sources_zone_when_it_spells_it(
    zone: str, hours: float
) -> None:
    # A Java server in Shanghai writes "CST" (China), in Kolkata or Dublin "IST": the
    # source's zone, where it spells that abbreviation on that day, decides; ZONE_HOURS reads
    # "CST" as US Central (-06:00, 14 hours off) and leaves "IST" out. Fails without
    # date_java.java_date's tzname check for Shanghai (-06:00); Chicago is a guard.
    abbr = "CDT" if zone == "America/Chicago" else ("CST" if zone == "Asia/Shanghai" else "IST")
    hours = -5 if zone == "America/Chicago" else hours
    value = f"Mon Aug 03 12:45:00 {abbr} 2015"
    found = extract(_page(_meta(value)), url=URL, timezone=zone).published_at
    assert found is not None
    assert found.utcoffset() == timedelta(hours=hours)
    assert found.date() == date(2015, 8, 3)


def test_a_china_standard_time_java_date_is_not_pushed_past_the_fetch() -> None:
    # The pipeline always passes a fetch time: read as US Central, 12:45 CST (04:45 UTC) was
    # 18:45 UTC, after a fetch at 06:00 UTC, and refused. Fails without the tzname check: None.
    fetched = datetime(2015, 8, 3, 6, 0, tzinfo=UTC)
    head = _meta("Mon Aug 03 12:45:00 CST 2015")
    found = extract(_page(head), url=URL, timezone="Asia/Shanghai", fetched_at=fetched)
    assert found.published_at == datetime(2015, 8, 3, 4, 45, tzinfo=UTC)


def test_a_java_date_printed_in_the_byline_is_read_with_its_year() -> None:
    # A JSP template prints the Java spelling in the byline, not in metadata. Fails without
    # JAVA_DATE_RE in TEXT_PATTERNS: with a fetch time 2026-08-03 (the year-less "Aug 03" read
    # in the fetch's year), without one None.
    under = "<p class='byline'>By Jane Doe Mon Aug 03 12:45:00 EDT 2015</p>"
    for fetched in (None, datetime(2026, 12, 5, 8, 0, tzinfo=UTC)):
        found = extract(_page("", under), url=URL, fetched_at=fetched).published_at
        assert found == datetime(2015, 8, 3, 16, 45, tzinfo=UTC)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Mon Aug  3 12:45:00 2015", datetime(2015, 8, 3, 12, 45, tzinfo=UTC)),
        ("Aug 3, 12:45 PM EDT, 2015", None),
    ],
)
def test_a_day_whose_clock_the_year_follows_is_not_read_in_the_fetchs_year(
    printed: str, expected: datetime | None
) -> None:
    # C's ctime and Unix date(1) spellings in a byline: the year-less reading took "Aug 3" as
    # the fetch year's. Fails without _NO_YEAR_AFTER's clock-then-year branch: 2026-08-03.
    # d41: ctime's spelling is read with its year (JAVA_DATE_RE's padded day, no zone: the
    # source's zone); the second spelling is none of the patterns', no date.
    under = f"<p class='byline'>By Jane Doe {printed}</p>"
    fetched = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
    assert extract(_page("", under), url=URL, fetched_at=fetched).published_at == expected


@pytest.mark.parametrize(
    "printed",
    [
        "ID:A2017-03-01",
        "ref: AB2017-03-01",
        "SKU X2017-03-01-77",
        "https://example.com/p2017-03-01.html",
        "https://cdn.example.com/img/x2017/03/01/a.jpg",
    ],
)
def test_an_id_or_file_name_glued_to_a_year_first_date_is_no_date(printed: str) -> None:
    # d40's YMD_RE lookbehind let any letter precede the year; a capital or a one-letter
    # word is an ID's or a file name's prefix, not a name (names end in a small letter).
    # Fails without YMD_RE's (?<![A-Z]) and (?<!\b[a-z]): 2017-03-01.
    assert extract(_page("", f"<p>{printed}</p>"), url=URL).published_at is None


def test_a_date_glued_to_a_name_is_still_read() -> None:
    # Guard for the above (d40's category): passes both ways.
    glued = ("<p>By Seth Fiegerman2014-01-26 21:32:46 UTC</p>", "<p>谢若含2017-03-01 14:27:02</p>")
    for under in glued:
        found = extract(_page("", under), url=URL).published_at
        assert found is not None
        assert found.year in (2014, 2017)


@pytest.mark.parametrize(
    ("value", "offset"),
    [
        ("2024-03-05T10:00:00+14:00", 14 * 60),
        ("2024-03-05T10:00:00-12:00", -12 * 60),
        ("2024-03-05T10:00:00+13:45", 13 * 60 + 45),
        ("2024-03-05T10:00:00-00:00", 0),
        ("2024-03-05T10:00:00Z", 0),
    ],
)
def test_offsets_at_the_edges_are_kept(value: str, offset: int) -> None:
    # Guards for d40's impossible_offset: the widest offsets in use are dates.
    for fetched in (None, datetime(2026, 12, 5, 8, 0, tzinfo=UTC)):
        found = parse_date(value, UTC, fetched)
        assert found is not None
        assert found.utcoffset() == timedelta(minutes=offset)


def test_the_horizon_and_epoch_edges() -> None:
    # Guards: 2035 is kept and 2036 refused without a fetch time; epoch 0 and 1969 are
    # before MIN_YEAR; with a fetch time the fetch bound decides.
    assert parse_date("2035-12-31T23:59:59Z", UTC) is not None
    assert parse_date("2036-01-01T00:00:00Z", UTC) is None
    assert parse_date("0", UTC) is None
    assert parse_date("Wed Dec 31 19:00:00 EST 1969", UTC) is None
    fetched = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
    assert parse_date("2035-12-31T23:59:59Z", UTC, fetched) is None


def test_a_hostile_run_of_digits_costs_little_cpu() -> None:
    # 1 MB of digits and of glued dates in a meta value and the body: bounded by CPU time.
    for text in ("1" * 1_000_000, "a2017-03-0" * 100_000, "Mon Aug 03 12:45:00 " * 50_000):
        start = time.process_time()
        parse_date(text, UTC)
        find_date(text, UTC)
        extract(_page(_meta(text[:5000]), f"<p>{text}</p>"), url=URL)
        assert time.process_time() - start < 5.0


def test_the_unix_date_spelling_with_a_padded_day() -> None:
    # Category "Java's and C's default date spelling" (d41, k40b's xfail): Unix date(1) and
    # C's asctime/ctime pad the day with a space ("Aug  3"). Fails without JAVA_DATE_RE's
    # " {1,2}" before the day: None.
    found = extract(_page(_meta("Mon Aug  3 12:45:00 EDT 2015")), url=URL).published_at
    assert found == datetime(2015, 8, 3, 16, 45, tzinfo=UTC)


def test_javas_spelling_with_a_french_weekday() -> None:
    # The same pattern formatted under a French Locale (SimpleDateFormat, d41, k40b's xfail).
    # Fails without JAVA_DATE_RE's any-letters words and date_java.WEEKDAYS: None.
    found = extract(_page(_meta("lun. août 03 12:45:00 CEST 2015")), url=URL).published_at
    assert found == datetime(2015, 8, 3, 10, 45, tzinfo=UTC)
    assert found is not None
    assert found.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("printed", "hours"),
    [
        ("By Jane Doe | Published 16 November 2019, 00:30 GMT+0100", 1),
        ("Published 16 November 2019, 00:30 GMT+0100", 1),
        ("16.11.2019 00:30 GMT+1", 1),
        ("2019-11-16 00:30:00 UTC+5:30", 5.5),
        ("November 16, 2019 00:30 GMT-0500", -5),
    ],
)
def test_a_printed_gmt_offset(printed: str, hours: float) -> None:
    # Category "a clock printed with GMT/UTC and an offset" (z40b; k40b's xfail): free text
    # read the clock in the source's zone, UTC here, an hour off ("00:30 GMT+0100" is
    # 23:30 UTC the day before). Fails without dates._from_text's printed_offset: +00:00.
    for fetched in (None, datetime(2019, 11, 17, 8, 0, tzinfo=UTC)):
        found = extract(
            _page("", f"<p class='byline'>{printed}</p>"), url=URL, fetched_at=fetched
        ).published_at
        assert found is not None
        assert found.utcoffset() == timedelta(hours=hours)
        assert (found.date(), found.hour, found.minute) == (date(2019, 11, 16), 0, 30)


def test_a_printed_gmt_offset_no_zone_uses_is_no_reading() -> None:
    # Guard: a printed "GMT+0575" is a broken offset; its clock is no date (d40's range).
    # Fails without the None of _from_text: 00:30 read as UTC.
    under = "<p class='byline'>Published 16 November 2019, 00:30 GMT+0575</p>"
    assert extract(_page("", under), url=URL).published_at is None


def test_a_declared_utc_instant_printed_with_a_gmt_offset_is_that_offset() -> None:
    # Category "zone shift" (date_zones.printed_zone_moment) with a GMT offset: the header's
    # "00:30 GMT+0100" is the declared 23:30Z the day before, the reader's day the 16th.
    # Fails without printed_zone_moment's printed_offset: ZONED_CLOCK_RE read "GMT" as
    # offset 0 and left 2019-11-15 23:30 UTC.
    under = "<p class='byline'>Published 16 November 2019, 00:30 GMT+0100</p>"
    for declared in ("2019-11-15T23:30:00Z", "2019-11-15"):
        found = extract(_page(_meta(declared), under), url=URL).published_at
        assert found == datetime(2019, 11, 15, 23, 30, tzinfo=UTC)
        assert found is not None
        assert found.utcoffset() == timedelta(hours=1)


def test_javas_cst_on_a_chinese_page_without_a_zone() -> None:
    # Category "an ambiguous zone abbreviation on a page of a known country" (d41, k40b's
    # xfail): with no source zone, "CST" was US Central, 14 hours off. Fails without
    # date_java._page_reading (or extract's page_zones): -06:00.
    page = _page(_meta("Mon Aug 03 12:45:00 CST 2015")).replace("lang='en'", "lang='zh'")
    found = extract(page, url=URL).published_at
    assert found is not None
    assert found.utcoffset() == timedelta(hours=8)
