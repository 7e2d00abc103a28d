"""d55 (issue 17): a source's or author's name before the date; an event's date, nothing declared.

Category "a source's or author's name before the date" (k54d's row 8, broken by d54): since
d54 a date after "Label: " is the page's only when the label is a date label or the line a
byline, so "Reuters: 16 Nov 2019", "BelTA: 16.11.2019", "Jane Doe: 16 Nov 2019" over a
release whose declared day is printed nowhere (or a build stamp: published = modified) gave
the declared day, as "Kick-off: ..." does. The sets print the day beside a name as the
byline's ("Stefan Trunzik, 26.04.2024 10:00 Uhr", "NZZ-Redaktion 18.07.2024", "Associated
Press April 28, 2023", right on every page that prints one first): a name before ": " or ", "
(a wire agency, a person's capitalised words, a word in capitals) makes the line a byline
(``date_labels.name_before_date``); "(Reuters)" in it is no photo credit.

Category "an event's date where nothing is declared" (d54's and k54d's "left"): a page that
declares no date took the first date its header prints, an event's under its label too
("Kick-off: 16 Nov 2019" over "Published: 15 Nov 2019"). Those lines are passed over by the
header's fallback when a later line prints the page's own date (``date_labels.event_dated``,
``own_date_after``); an event's date alone stays, as labels of languages the date words do not
hold ("Publikacja: 02.02.2025", fundus's Rzeczpospolita) print the page's own so.
"""

from __future__ import annotations

import pytest

from tests.parsers.published_day import declared_days, undeclared_day

# Each fails on main ed94c40: the declared 13th / the stamp's 20th (AFP's line: the 13th).
# "Jane Doe: 16 Nov 2019" left this list (k55a): before ": " only an agency names the sender
# (tests/parsers/test_date_k55a_event_labels_not_names.py: "Polls Close:", "Kick Off:").
NAMES = [
    "<p>Reuters: 16 Nov 2019</p>",
    "<p>REUTERS: 16 Nov 2019</p>",
    "<p>BelTA: 16.11.2019</p>",
    "<p>BelTA, 16.11.2019</p>",
    "<p>AFP, 16 November 2019</p>",
    "<p>Jane Doe, Reuters: 16 Nov 2019</p>",
    "<p>Jane Doe, 16 Nov 2019</p>",
    "<p>Jane Doe (Reuters): 16 Nov 2019</p>",
    "<p>Author: Jane Doe, 16 Nov 2019</p>",
]


@pytest.mark.parametrize("before", NAMES)
def test_a_name_s_date_outvotes_an_unprinted_declared_day(before: str) -> None:
    assert declared_days(before) == (16, 16)


def test_an_agency_in_brackets_is_no_photo_credit() -> None:
    # Fails on main: "(Reuters)" marked the line a caption, and the page had no date.
    assert undeclared_day("<p>Jane Doe (Reuters): 16 Nov 2019</p>") == 16


# Each fails on main ed94c40: the event's day (16, 17) was the page's.
EVENTS_UNDECLARED = [
    ("<p>Kick-off: 16 Nov 2019</p><p>Published: 15 Nov 2019</p>", 15),
    ("<p><b>Kick-off:</b><br>16 Nov 2019 20:45</p><p>Jane Doe, 15 Nov 2019</p>", 15),
    ("<p>Polls close: 17 November 2019, 20:00</p><p>By Jane Doe | 15 Nov 2019</p>", 15),
    ("<p>Kick-off: 17 Nov 2019</p><p>16 Nov 2019</p>", 16),
]


@pytest.mark.parametrize(("before", "day"), EVENTS_UNDECLARED)
def test_an_event_s_date_is_not_the_undeclared_page_s(before: str, day: int | None) -> None:
    assert undeclared_day(before) == day


# Guards (hold on main): event labels, a moment's title-cased label, update and date labels.
EVENT_LABELS = [
    "<p>Kick-off: 16 Nov 2019 20:45</p>",
    "<p>Polls close: 17 November 2019, 20:00</p>",
    "<p>Event Date: 16 November 2019</p>",
    "<p>Match day: 16.11.2019</p>",
    "<p>Start Time: 16 Nov 2019 15:00</p>",
    "<p>Datum der Veranstaltung: 16.11.2019</p>",
    "<p>Fecha Límite: 16/11/2019</p>",
]


@pytest.mark.parametrize("before", EVENT_LABELS)
def test_an_event_s_label_still_leaves_the_declared_day(before: str) -> None:
    assert declared_days(before) == (13, 20)


UNDECLARED_OWN = [
    ("<p>16 Nov 2019</p>", 16),
    ("<p>Published: 16 Nov 2019</p>", 16),
    ("<p>Updated: 16 Nov 2019</p>", 16),
    ("<p>By Jane Doe | 16 Nov 2019</p>", 16),
    ("<p>Paramita (Guha) Ghosh Published: January 3, 2024</p><p>Jane Doe, 15 Nov 2019</p>", 3),
    ("<p>Publikacja: 16.11.2019 10:00</p>", 16),
    # An event's date alone stays (left: labels the date words do not hold print the page's).
    ("<p>Kick-off: 16 Nov 2019</p>", 16),
]


@pytest.mark.parametrize(("before", "day"), UNDECLARED_OWN)
def test_the_page_s_own_date_line_is_still_read_where_nothing_is_declared(
    before: str, day: int
) -> None:
    assert undeclared_day(before) == day
