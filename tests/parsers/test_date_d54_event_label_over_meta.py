"""d54 (issue 17, b53b's lead): an event's date printed under a label does not outvote the meta.

``published.published_date`` takes the header's printed date over a declared one printed
nowhere on the page (a CMS import or build stamp) when the header prints another date in a
date line or a byline (``date_printed.header_date``). A byline's parts were split at ": " too,
so any "Label: <date>" line counted as one: "Kick-off: 16 Nov 2019 20:45", "Deadline: 20
November 2019" over a release whose ``article:published_time`` is the 13th gave the event's
day as the page's (a wrong date, worse than none; b53b's census found the line and left it).

Category "an event's date under its label": a date after ": " is the page's own only when the
label is a date label ("Veröffentlicht:", "Stand:", "Published on:"; ``date_pieces``) or the
line is a byline (an author's "By", a "|" or a dash beside it: businesstoday's "By Sonal
Khetarpal Delhi Print Edition: June 5, 2016"). Otherwise the label names what the date is of.
"""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.body_rule_pages import STORY, page
from tests.parsers.published_day import STORY_URL, UNPRINTED, story_day

# Each fails on main (f76e393): the event's day is taken for the page's.
EVENTS = [
    "Kick-off: 16 Nov 2019 20:45",
    "Deadline: 20 November 2019",
    "Polls close: 17 November 2019, 20:00",
    "Premiere: November 16, 2019",
    "Match day: 16.11.2019",
]


@pytest.mark.parametrize("line", EVENTS)
def test_an_event_s_labelled_date_leaves_the_declared_day(line: str) -> None:
    assert story_day(f"<p>{line}</p>") == 13


def test_the_event_s_line_stays_in_the_body() -> None:
    # b53b's stamp rule keeps a dated line of another day than the page's: with the meta's day
    # read, the kick-off line is no stamp of the page's own moment (fails on main: dropped).
    html = page(before="<p>Kick-off: 16 Nov 2019 20:45</p>", published=UNPRINTED)
    assert extract(html, url=STORY_URL).body.split("\n\n") == [
        "Kick-off: 16 Nov 2019 20:45",
        *STORY,
    ]


# Guards (hold on main): a date line, a date label's line, a byline's date still outvote a
# declared day printed nowhere on the page.
HEADER_DATES = [
    "16 Nov 2019",
    "Published: 16 Nov 2019",
    "Veröffentlicht: 16.11.2019",
    "By Jane Doe | 16 Nov 2019",
    "Jane Doe - 16/11/2019",
    "By Jane Doe Delhi Print Edition: 16 November 2019",
]


@pytest.mark.parametrize("line", HEADER_DATES)
def test_a_header_date_line_still_outvotes_an_unprinted_declared_day(line: str) -> None:
    assert story_day(f"<p>{line}</p>") == 16
