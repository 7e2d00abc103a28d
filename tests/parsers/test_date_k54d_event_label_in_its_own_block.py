"""k54d (issue 17, review of d54): an event's label in its own block over its date.

d54 (5d0fd23, 98d200d): "Kick-off: 16 Nov 2019 20:45" over a release no longer outvotes its
declared day (printed nowhere, or a build stamp: published = modified), because the label
before ": " names what the date is of. The same label printed in its own block, the date
under it ("<p><b>Kick-off:</b><br>16 Nov 2019 20:45</p>", "<div>Deadline:</div><div>...</div>"),
left a date line alone under the headline, and the event's day was still taken for the page's
(on main c51da36 as on f76e393).

Category "an event's label in its own block": a date line under a line that is a label (ends
in ":", at most 40 characters) is the label's unless the label is a date label, an update's
or a byline (``date_labels.event_label_over``). A page that declares nothing still takes
the date (the fallback, d54's "left").
"""

from __future__ import annotations

import pytest

from tests.parsers.published_day import story_day

# Each fails on main c51da36: the event's day (16, 17) is taken.
EVENTS = [
    "<p><b>Kick-off:</b><br>16 Nov 2019 20:45</p>",
    "<div>Deadline:</div><div>16 November 2019</div>",
    "<div>Polls close:</div><div>17 November 2019, 20:00</div>",
    "<div>Anstoß:</div><div>16.11.2019</div>",
    "<div>截止日期：</div><div>2019-11-16</div>",
]


@pytest.mark.parametrize("before", EVENTS)
def test_an_event_label_s_own_block_leaves_the_declared_day(before: str) -> None:
    assert story_day(before) == 13
    assert story_day(before, build_stamp=True) == 20


# Guards (hold on main): a date label or a byline in its own block over the date.
DATE_LABELS = [
    "<div>Published:</div><div>16 November 2019</div>",
    "<div>Posted on:</div><div>16 November 2019</div>",
    "<div>Fecha de publicación:</div><div>16/11/2019</div>",
    "<div>发布时间：</div><div>2019-11-16</div>",
    "<div>By Jane Doe:</div><div>16 November 2019</div>",
    "<div>Date:</div><div>16 November 2019</div>",
    # dev 0096 (bhf.org.uk): the page's own update, its only printed date, is its date there.
    "<div>Page updated:</div><div>16 November 2019</div>",
]


@pytest.mark.parametrize("before", DATE_LABELS)
def test_a_date_label_s_own_block_is_the_page_s_date(before: str) -> None:
    assert story_day(before) == 16
    assert story_day(before, build_stamp=True) == 16
