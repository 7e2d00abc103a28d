"""k54d (issue 17): a bare "时间" (time) label is a notice's event time unless the line is a byline.

k54d's first version (b844875) read every CJK "…时间"/"日期" label before "：" as a date label,
bare "时间" too: a notice's "时间：2019年11月16日 地点：北京会议中心" (time and place of the
event) over a release whose declared day is printed nowhere, or a build stamp, gave the
event's day (the 16th), as "Kick-off:" did before d54.

Category "CJK field lines": a bare "时间" is no date label; the line is the page's byline when
it names a source, author or editor ("时间：2019-11-16 10:00 来源：人民网"), as "By" makes a line
one (``date_labels.CJK_BYLINE_RE``).
"""

from __future__ import annotations

import pytest

from tests.parsers.published_day import story_day


# The first fails on main f4b10cb (the event's 16th); the second holds there (a guard).
@pytest.mark.parametrize(
    "line", ["时间：2019年11月16日 地点：北京会议中心", "活动时间：2019-11-16 14:00"]
)
def test_a_notice_s_time_leaves_the_declared_day(line: str) -> None:
    assert story_day(f"<p>{line}</p>") == 13
    assert story_day(f"<p>{line}</p>", build_stamp=True) == 20


# Guards: a byline's time (source, author), a publication time.
BYLINES = [
    "时间：2019-11-16 10:00 来源：人民网",
    "作者：张三 时间：2019-11-16",
    "发布时间：2019-11-16 10:00",
]


@pytest.mark.parametrize("line", BYLINES)
def test_a_byline_s_time_is_the_page_s(line: str) -> None:
    assert story_day(f"<p>{line}</p>") == 16
    assert story_day(f"<p>{line}</p>", build_stamp=True) == 16
