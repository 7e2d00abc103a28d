"""k53b: p53's capital half-day words (Vietnamese "CH"/"SA", Turkish "ÖS"/"ÖÖ") read only where
they end the clock's phrase.

p53 read "CH" and "SA" after any clock, so a capitalised word opening the next sentence or
name was taken for the afternoon: "16.11.2019 10:00 CH Media reported" (CH Media, the Swiss
publisher) was read at 22:00, "16/11/2019 12:30 SA Police said" (South Australia Police) at
00:30, twelve hours off. A Vietnamese or Turkish half-day word closes the clock's phrase (the
line ends, or punctuation or a zone follows), as p53's own cases print it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from parsers.dates import find_date, parse_date


@pytest.mark.parametrize(
    ("printed", "hour", "minute"),
    [
        # Each fails on main (3ecaec0): read twelve hours off.
        ("16.11.2019 10:00 CH Media reported the vote", 10, 0),
        ("16/11/2019 12:30 SA Police said the road was closed", 12, 30),
        ("2019-11-16 11:30 CH Media", 11, 30),
        ("2019-11-16 12:30 SA Water said", 12, 30),
        ("16.11.2019 09:15 CH Bundesrat", 9, 15),
        ("16.11.2019 10:00 ÖS Bank", 10, 0),
    ],
)
def test_a_capital_word_opening_the_next_phrase_is_no_half_day(
    printed: str, hour: int, minute: int
) -> None:
    moment = datetime(2019, 11, 16, hour, minute, tzinfo=UTC)
    assert find_date(printed, UTC) == moment
    assert parse_date(printed, UTC) == moment


@pytest.mark.parametrize(
    ("printed", "hour", "minute"),
    [
        # Guards: the word closing the clock's phrase is read, as p53 reads it.
        ("16 tháng 11 năm 2019 8:00 CH", 20, 0),
        ("16/11/2019 12:30 SA", 0, 30),
        ("16/11/2019 8:00 CH | Thời sự", 20, 0),
        ("16 Kasım 2019 8:00 ÖS, Ankara", 20, 0),
        ("16 Kasım 2019 12:30 ÖÖ", 0, 30),
        ("2019-11-16 8:00 CH", 20, 0),
    ],
)
def test_a_capital_half_day_word_closing_the_clock_is_read(
    printed: str, hour: int, minute: int
) -> None:
    assert find_date(printed, UTC) == datetime(2019, 11, 16, hour, minute, tzinfo=UTC)


def test_an_offset_after_a_capital_half_day_word_is_read() -> None:
    found = find_date("2019-11-16 8:00 CH GMT+7", UTC)
    assert found is not None and found.isoformat() == "2019-11-16T20:00:00+07:00"
