"""p53: half-day words spelt with spaces, and CLDR's other spellings after a clock.

Category "half-day word spelt with spaces (es/pt CLDR: 'p. m.', 'a. m.')"
(``date_calendars.SPELT_HALF_DAY_WORDS``). CLDR's Spanish and Catalan print "8:00 p. m.",
often with a no-break space ("p.\\u00a0m."); the free-text clocks read only "[ap]\\.?m\\.?",
so the clock ended before the word and was read as 08:00, twelve hours off ("12:30 a. m." as
12:30), and an offset after the word was never reached. The same held for Greek "μ.μ."/
"π.μ.", Vietnamese "CH"/"SA" and Turkish "ÖS"/"ÖÖ" (the header's zoned clock read only
"p. m."). Portuguese and Indonesian print "p.m."/"PM", Korean, Chinese and Japanese their
words before the clock, Arabic after it: all read before p53 (guards below).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from parsers.date_yearless import yearless_under_headline
from parsers.dates import find_date, parse_date
from parsers.extract import extract

NBSP = "\u00a0"
BODY = "<p>" + " ".join(["El concejo aprobó el presupuesto del año tras una larga sesión."] * 8)
URL = "https://example.com/noticias/presupuesto"


def _at(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("printed", "hour", "minute"),
    [
        # Each fails on main (0e0612a): the hour as printed, twelve hours off.
        ("16 de noviembre de 2019 8:00 p. m.", 20, 0),
        (f"16 de noviembre de 2019 8:00 p.{NBSP}m.", 20, 0),
        ("16 de noviembre de 2019 8:00 p.\u202fm.", 20, 0),
        ("16 de noviembre de 2019, 11:30 P. M.", 23, 30),
        ("16 de noviembre de 2019 12:30 a. m.", 0, 30),
        ("16 de novembre de 2019 8:00 p. m", 20, 0),  # Catalan, the last dot left out
        ("2019-11-16 8:00 p. m.", 20, 0),
        (f"16/11/2019 9:45 p.{NBSP}m.", 21, 45),
        ("16 Νοεμβρίου 2019 8:00 μ.μ.", 20, 0),
        ("16 Νοεμβρίου 2019 12:30 π.μ.", 0, 30),
        ("16/11/2019 8:00 Μ.Μ.", 20, 0),
        ("16 tháng 11 năm 2019 8:00 CH", 20, 0),
        ("16/11/2019 12:30 SA", 0, 30),
        ("16 Kasım 2019 8:00 ÖS", 20, 0),
        ("16 Kasım 2019 12:30 ÖÖ", 0, 30),
    ],
)
def test_spelt_half_day_word_after_the_clock(printed: str, hour: int, minute: int) -> None:
    assert find_date(printed, UTC) == datetime(2019, 11, 16, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        # Each fails on main: 11:30 (at the offset, or at UTC: the offset dropped).
        "16 de noviembre de 2019 11:30 p. m. GMT-3",
        "2019-11-16 11:30 p. m. GMT-3",
        f"2019-11-16 11:30 p.{NBSP}m GMT-3",
        # Fails on main too: a year-first date's clock ended before the dot of "p.m.", so
        # the offset was not read after it (found at UTC, 23:30, three hours off).
        "2019-11-16 11:30 p.m. GMT-3",
    ],
)
def test_offset_after_a_spelt_half_day_word(value: str) -> None:
    moment = datetime(2019, 11, 16, 23, 30, tzinfo=_at(-3))
    for found in (find_date(value, UTC), parse_date(value, UTC)):
        assert found == moment
        assert found is not None and found.utcoffset() == moment.utcoffset()


def test_a_printed_date_line_reads_the_evening() -> None:
    # Fails on main: 08:15 in Mexico City, 14:15 UTC on the 16th, not 02:15 on the 17th.
    html = (
        "<html lang='es'><head><title>Presupuesto aprobado</title></head><body><article>"
        f"<h1>Presupuesto aprobado</h1><p class='date'>16 de noviembre de 2019, 8:15 p.{NBSP}m."
        f"</p>{BODY * 5}</p></article></body></html>"
    )
    found = extract(html, url=URL, timezone="America/Mexico_City").published_at
    assert found is not None
    assert found.astimezone(UTC) == datetime(2019, 11, 17, 2, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("printed", "hour"),
    [
        # Guards: read so on main as after p53.
        ("16 de novembro de 2019 8:00 p.m.", 20),  # Portuguese
        ("16 November 2019 8:00 PM", 20),  # Indonesian
        ("16 de noviembre de 2019 8:00 a. m.", 8),
        ("2019년 11월 16일 오후 8:00", 20),
        ("2019年11月16日 下午8:00", 20),
        ("2019年11月16日 午後8時30分", 20),
        ("16 نوفمبر 2019 8:00 م", 20),
        # Not a half-day word: another case, or a longer word, or a currency.
        ("16/11/2019 8:00 ch", 8),
        ("16/11/2019 8:00 SAU", 8),
        ("16/11/2019 8:00 CHF", 8),
        ("16/11/2019 8:00 ÖSYM", 8),
        ("16 Νοεμβρίου 2019 8:00 μ.Χ.", 8),
    ],
)
def test_other_spellings_and_no_half_day_word(printed: str, hour: int) -> None:
    found = find_date(printed, UTC)
    assert found is not None and found.hour == hour


@pytest.mark.parametrize(
    "line",
    [
        # Each fails on main: no date (the clock's word left over on the byline's line).
        f"16 de noviembre, 8:00 p.{NBSP}m.",
        "16 Νοεμβρίου, 8:00 μ.μ.",
    ],
)
def test_a_yearless_byline_reads_the_evening(line: str) -> None:
    fetched = datetime(2019, 11, 20, tzinfo=UTC)
    found = yearless_under_headline(["Por Ana López", line], UTC, fetched, None)
    assert found == datetime(2019, 11, 16, 20, 0, tzinfo=UTC)
