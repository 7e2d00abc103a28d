"""o41: a link-bar-shaped line that is a data table's cell stays (a cell guard for
is_link_bar, as z40a gave share-bar lines; narrower, measured).

Category: data tables in a story, with header cells, whose cells read like a portal's
bar: a survey of how readers shared a story ("Email | Print"), a timetable's days ("Mon |
Wed | Fri | Sun"). is_link_bar dropped every such cell, bare or wrapped in a <p>/<div>.

z40a's guard (links.in_cell: any table cell or list item, or its only block) kept 26
bodies' tool and section bars on the second set (older portals set "E-mail | Print",
"View all news | Send to a friend | Print" or "News: ePaper | Front Page | ..." in
one-cell tables and tool lists), so the guard here is a table with header cells
(links.in_data_table); a list item's bar, a header-less table's, a layout cell's and a
bar after the story still go."""

from __future__ import annotations

import pytest

from parsers.body.bars import is_link_bar
from tests.parsers.body_rule_pages import STORY, body, page


def _extra(after: str) -> list[str]:
    """The body's paragraphs after the story's own, with ``after`` put after the story."""
    paragraphs = body(page(after=after)).split("\n\n")
    assert paragraphs[: len(STORY)] == STORY
    return paragraphs[len(STORY) :]


# Link-bar-shaped data in the cells of tables with header cells, bare and wrapped.
DATA_BARS = {
    "table cells": (
        "<table><tr><th>Readers aged</th><th>Shared it by</th></tr>"
        "<tr><td>Under 30</td><td>Email | Print</td></tr>"
        "<tr><td>Over 60</td><td>Print | Email</td></tr></table>",
        ["Readers aged", "Shared it by", "Under 30", "Email | Print", "Over 60", "Print | Email"],
    ),
    "table cells of <p>, a header column": (
        "<table><tr><th><p>Route 4 runs on</p></th>"
        "<td><p>Mon | Wed | Fri | Sun</p></td></tr>"
        "<tr><th><p>Route 9 runs on</p></th><td><div>Tue | Thu | Sat | Sun</div></td></tr>"
        "</table>",
        ["Route 4 runs on", "Mon | Wed | Fri | Sun", "Route 9 runs on", "Tue | Thu | Sat | Sun"],
    ),
}


@pytest.mark.parametrize("name", DATA_BARS)
def test_a_link_bar_shaped_line_in_a_data_tables_cell_stays(name: str) -> None:
    html, lines = DATA_BARS[name]
    assert all(is_link_bar(line) for line in lines if "|" in line)
    assert _extra(html) == lines


def test_a_tool_bar_in_a_table_without_headers_or_in_a_list_item_is_still_dropped() -> None:
    # Older portals' tool and section bars, as the second set's pages set them.
    assert _extra("<table><tr><td>View all news | Send to a friend | Print</td></tr></table>") == []
    assert _extra("<table><tr><td><p>E-mail | Print</p></td></tr></table>") == []
    assert _extra("<ul><li>E-mail | Print</li><li>Home | News | Sport | Weather</li></ul>") == []


def test_a_link_bar_in_a_layout_cell_is_still_dropped() -> None:
    # An old page's story set in one layout <td> with its tool bars: the cell holds more
    # blocks than one, so the bars are the page's.
    story = "".join(f"<p>{p}</p>" for p in STORY)
    layout = (
        "<html><body><table><tr><td><h1>Council approves transport plan</h1>"
        f"<p>Email | Print</p>{story}<p>Home | News | Sport | Contact</p></td></tr></table>"
        "</body></html>"
    )
    assert body(layout).split("\n\n") == STORY


def test_a_link_bar_after_the_story_is_still_dropped() -> None:
    assert _extra("<p>Email | Print</p>") == []
    assert _extra("<div><p>Home | News | Sport | Weather</p></div>") == []
