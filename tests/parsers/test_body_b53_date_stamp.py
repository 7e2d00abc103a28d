"""b53, category "a date stamp over the story": the publication (and update) moment printed
as a line of its own above the first paragraph, with a clock beside the date and a label or
zone around it, in the words of the publisher's language. `lines.is_lead_meta` dropped only
the stamps whose every part `dates.is_date_line` reads; these (fundus's Daily Mail, Die Zeit,
Hessenschau, Euronews, Golem, Habertürk, The Japan News; Google News' AP pages) stayed in the
body, and no truth of fundus or Google News keeps them."""

from __future__ import annotations

import pytest

from tests.parsers.body_rule_pages import STORY, body, page

STAMPS = [
    "Published: 15:56 BST, 27 April 2024 | Updated: 15:57 BST, 27 April 2024",
    "Aktualisiert am 28. April 2023, 20:22 Uhr",
    "Veröffentlicht am 27.04.24 um 07:39 Uhr",
    "Zuerst veröffentlicht am 30/04/2024 - 16:17",
    "Giriş: 03.07.2024 - 18:24 Güncelleme: 03.07.2024 - 18:57",
    "17:41 JST, October 13, 2024",
    "Associated Press - January 8, 2008 4:33 PM ET",
    "Jan 15, 2008 7:00 pm US/Eastern",
]


# b53b: a stamp is dropped when it restates the page's date. The date stage reads the others
# as the test page's date; these two it does not read (a two-digit year, two stamps on a
# line), so their page carries the date in its meta, as Die Zeit's and Habertürk's do.
PAGE_DATES = {
    "Veröffentlicht am 27.04.24 um 07:39 Uhr": "2024-04-27T07:39:00+02:00",
    "Giriş: 03.07.2024 - 18:24 Güncelleme: 03.07.2024 - 18:57": "2024-07-03T18:24:00+03:00",
}


@pytest.mark.parametrize("stamp", STAMPS)
def test_a_date_stamp_over_the_story_is_dropped(stamp: str) -> None:
    html = page(before=f"<p>{stamp}</p>", published=PAGE_DATES.get(stamp, ""))
    assert body(html).split("\n\n") == STORY


# Guards (they hold on 648b78e): is_date_stamp must not take these.
SENTENCES = [
    # A sentence holding a date and a clock is story, over it or not.
    "The council met on 27 April 2024 at 15:56 and voted the plan through.",
    "Am 28. April 2023 um 20:22 Uhr rief der Bürgermeister den Notstand aus.",
    # A schedule's line: a date and a clock, and words that are no label.
    "Trams return to the eastern line on Monday, 3 June 2024 from 05:30 onwards, the operator said",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_sentence_with_a_date_and_a_clock_stays(sentence: str) -> None:
    assert sentence in body(page(before=f"<p>{sentence}</p>"))
