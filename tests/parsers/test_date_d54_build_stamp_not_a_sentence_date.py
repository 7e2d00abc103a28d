"""d54 (issue 17): a never-updated story's declared day is not outvoted by a date its lead mentions.

``published.published_date`` reads a declared publication no earlier than the declared
modification as a build stamp (the CMS stamped both when it built the page) and takes the
first date the header prints, when earlier. WordPress declares both the same when a post was
never edited, so a press release whose lead says "The UN General Assembly on 16 November 2019
adopted ..." and whose meta says the 20th (printed nowhere) was dated the 16th: the news's day.
The same for an event's labelled date ("Kick-off: 16 Nov 2019 20:45", "Deadline: ...").

Category "the news's date in the lead" (``header_date``'s rule, now in the build-stamp branch
too): the header's first date outvotes the declared one only when it stands in a date line
or a byline's date part (``date_printed.printed_as_date_line``). On the allowed sets the branch
fires on 8 pages, every one from a date line ("12 November 2025", "Published: Dec. 22, 2016,
6:47 p.m."): the guards below.
"""

from __future__ import annotations

import pytest

from tests.parsers.published_day import story_day

# Each fails on main (1b7723f): the lead's or the label's day (16) is taken.
NEWS_DATES = [
    "The UN General Assembly on 16 November 2019 adopted a resolution on trafficking, the "
    "ministry said.",
    "On 16 November 2019 the UN adopted it.",
    "Kick-off: 16 Nov 2019 20:45",
    "Deadline: 12 November 2019",
]


@pytest.mark.parametrize("line", NEWS_DATES)
def test_the_news_s_date_leaves_the_declared_day(line: str) -> None:
    assert story_day(f"<p>{line}</p>", build_stamp=True) == 20


# Guards (hold on main): a date line or a byline over the story is the older, real day.
DATE_LINES = [
    "16 Nov 2019",
    "Published: Nov. 16, 2019, 6:47 p.m.",
    "Published Nov 16, 2019",
    "By Jane Doe | 16 Nov 2019",
]


@pytest.mark.parametrize("line", DATE_LINES)
def test_a_date_line_still_outvotes_a_build_stamp(line: str) -> None:
    assert story_day(f"<p>{line}</p>", build_stamp=True) == 16
