"""k55a (review of d55, issue 17): an event's or a notice's label before ": " is no name.

d55 made a name before ": " or ", " a byline (``date_labels.name_before_date``): a wire agency,
a person's capitalised words or one word in capitals. Before ": " that took every title-cased
event label for a person ("Polls Close:", "Kick Off:", "Doors Open:", "Super Bowl:"), every
notice in capitals for an agency ("NOTE:", "EMBARGO:", "CORRECTION:", "LIVE:") and every
product spelt in CamelCase ("PlayStation:"): the event's date beat the page's declared day
(unprinted, or a build stamp), and where nothing is declared it beat the page's own date
printed under it (d55's own event rule passed over only the lower-case "Kick-off:").

The sets' evidence for d55 prints a person's or a word in capitals beside the date with ", "
or nothing ("Stefan Trunzik, 26.04.2024 10:00 Uhr", "NZZ-Redaktion 18.07.2024"); before ": "
an event's label is the common case (d54's "Kick-off:", "Polls close:"). So before ": " only a
label with a wire agency in it names who sent the story ("Reuters:", "BelTA:", "Jane Doe,
Reuters:", "Jane Doe (Reuters):"); before ", " the rule stays as d55 made it.
"""

from __future__ import annotations

import pytest

from tests.parsers.published_day import declared_days, undeclared_day

# Each fails on main 5310ed1: the event's 16th over the declared 13th / the stamp's 20th.
# "NOTE", "LIVE", "WWDC" since before d55: 2-5 capitals first on a line were a time zone's
# piece, so the line a date line and its label a date label (date_pieces._date_pieces).
LABELS_BEFORE_A_COLON = [
    "Polls Close",
    "Kick Off",
    "Doors Open",
    "Final Whistle",
    "Registration Opens",
    "Super Bowl",
    "Court Hearing",
    "UPDATE",
    "EMBARGO",
    "CORRECTION",
    "PlayStation",
    "NOTE",
    "LIVE",
    "WWDC",
    # The price: a person's name alone before ": " reads as "Polls Close:" does (d55 had it
    # the page's; no set prints one so).
    "Jane Doe",
]


@pytest.mark.parametrize("label", LABELS_BEFORE_A_COLON)
def test_an_event_or_notice_label_leaves_the_declared_day(label: str) -> None:
    assert declared_days(f"<p>{label}: 16 Nov 2019</p>") == (13, 20)


# Each fails on main 5310ed1: the event's 17th was the page's.
EVENTS_OVER_THE_OWN_DATE = [
    ("<p>Polls Close: 17 November 2019, 20:00</p><p>By Jane Doe | 15 Nov 2019</p>", 15),
    ("<p>Kick Off: 17 Nov 2019</p><p>16 Nov 2019</p>", 16),
    ("<p>Doors Open: 17 Nov 2019</p><p>Published: 15 Nov 2019</p>", 15),
    ("<p>EMBARGO: 17 Nov 2019</p><p>Published: 15 Nov 2019</p>", 15),
]


@pytest.mark.parametrize(("before", "day"), EVENTS_OVER_THE_OWN_DATE)
def test_a_title_cased_event_s_date_is_not_the_undeclared_page_s(before: str, day: int) -> None:
    assert undeclared_day(before) == day


# Guards (hold on main and after): an agency before ": ", any name before ", ". The others
# k55a kept ("Reuters:", "BelTA:", "Jane Doe, Reuters:", "Jane Doe (Reuters):", "Jane Doe,",
# "AFP,", "Author: Jane Doe,") are d55's NAMES, held by the same check there (h56).
NAMES_KEPT = [
    "<p>NZZ-Redaktion, 16.11.2019</p>",
]


@pytest.mark.parametrize("before", NAMES_KEPT)
def test_an_agency_before_a_colon_or_a_name_before_a_comma_still_outvotes(before: str) -> None:
    assert declared_days(before) == (16, 16)
