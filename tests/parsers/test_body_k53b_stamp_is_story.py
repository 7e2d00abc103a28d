"""k53b: b53's date stamp (``stamps.is_date_stamp``, then in ``lines``) took story lines for stamps.

b53 dropped any line before the first 100-character paragraph holding a date with its year, a
clock and at most five other words. Real releases print such lines as their story: a notice
whose line is the news ("Press conference: 16 Nov 2019, 10:00, Room 5"), a result ("Final:
2-1, 16.11.2019 20:45"), a dateline run into the first sentence ("Minsk, 16 November 2019,
10:00 -" over "The UN adopted ..."), and a release of one short line with nothing under it.
A stamp names a moment and labels it; it leaves no figure of its own once its dates and
clocks are out (a room, a score, a magnitude), does not run on into the sentence under it (a
dash closing the line), and has a story under it.
"""

from __future__ import annotations

import pytest

from tests.parsers.body_rule_pages import STORY, body, page

LINES = [
    # Each fails on main (3ecaec0): the line is dropped from the body.
    "Press conference: 16 Nov 2019, 10:00, Room 5",
    "Final: 2-1, 16.11.2019 20:45",
    "Earthquake M5.2, 16.11.2019 03:14 UTC",
    "Minsk, 16 November 2019, 10:00 -",
    "MINSK, 16 November 2019, 10:00 —",
]


@pytest.mark.parametrize("line", LINES)
def test_a_line_of_the_story_with_a_date_and_a_clock_stays(line: str) -> None:
    assert body(page(before=f"<p>{line}</p>")).split("\n\n") == [line, *STORY]


def test_a_release_of_one_short_line_keeps_it() -> None:
    # Fails on main: the release's one line was taken for the stamp over a story it lacks.
    notice = "Meeting postponed to 16.11.2019, 10:00"
    html = (
        "<html><head><title>Notice</title></head><body><article><h1>Notice</h1>"
        f"<p>{notice}</p><p>Contact: press office.</p></article></body></html>"
    )
    assert notice in body(html)


STAMPS = [
    # Guards: b53's stamps, a zone's offset, still dropped.
    "Published: 15:56 BST, 27 April 2024 | Updated: 15:57 BST, 27 April 2024",
    "Giriş: 03.07.2024 - 18:24 Güncelleme: 03.07.2024 - 18:57",
    "Zuerst veröffentlicht am 30/04/2024 - 16:17",
    "16 November 2019, 10:00 GMT+3",
    "16.11.2019 10:00 (UTC+03:00)",
    # Guards from the sets (sixth's 20 Minuten, FAZ; second's and fifth's CNN Arabic): a day
    # the date pattern misses and a reading time are no figure of the story's.
    "Publiziert17. Dezember 2024, 12:17",
    "17.04.2024, 12:24Lesezeit: 5 Min.",
    "الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)",
]


# b53b: these two the date stage does not read as the test page's date, so their page carries
# it in its meta, as Habertürk's and 20 Minuten's do (the stamp restates it).
PAGE_DATES = {
    "Giriş: 03.07.2024 - 18:24 Güncelleme: 03.07.2024 - 18:57": "2024-07-03T18:24:00+03:00",
    "Publiziert17. Dezember 2024, 12:17": "2024-12-17T12:17:00+01:00",
}


@pytest.mark.parametrize("stamp", STAMPS)
def test_a_stamp_over_the_story_is_still_dropped(stamp: str) -> None:
    html = page(before=f"<p>{stamp}</p>", published=PAGE_DATES.get(stamp, ""))
    assert body(html).split("\n\n") == STORY
