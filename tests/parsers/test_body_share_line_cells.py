"""z40a: a share-bar-shaped line that is a table cell's or list item's data stays, even when
the cell wraps its text in a <p> or a <div> (the gap k40c closed for the viewer labels).

A table of a survey ("Facebook | Twitter" as the channels a group used), a glossary of
sharing terms, a list of the platforms a story compares: the cell or item is the story's.
A share bar in a layout cell (an old page's whole story in one <td>) still goes."""

from __future__ import annotations

import pytest

from parsers.body.bars import is_share_line
from tests.parsers.body_rule_pages import STORY, body, page


def _extra(after: str) -> list[str]:
    """The body's paragraphs after the story's own, with ``after`` put after the story."""
    paragraphs = body(page(after=after)).split("\n\n")
    assert paragraphs[: len(STORY)] == STORY
    return paragraphs[len(STORY) :]


# Share-bar-shaped data in cells or items that wrap their text in a block.
DATA_SHARES = {
    "table cells of <p>": (
        "<table><tr><th><p>Group</p></th><th><p>Channels used</p></th></tr>"
        "<tr><td><p>Under 30</p></td><td><p>Facebook | Twitter</p></td></tr>"
        "<tr><td><p>Over 60</p></td><td><p>Facebook | Email</p></td></tr></table>",
        ["Group", "Channels used", "Under 30", "Facebook | Twitter", "Over 60", "Facebook | Email"],
    ),
    "table cells of <div>": (
        "<table><tr><td><div>Campaign reach</div></td>"
        "<td><div>Facebook • WhatsApp</div></td></tr></table>",
        ["Campaign reach", "Facebook • WhatsApp"],
    ),
    "list items of <p>": (
        "<ul><li><p>Reddit | Digg</p></li><li><p>LinkedIn | Email</p></li></ul>",
        ["Reddit | Digg", "LinkedIn | Email"],
    ),
    "a glossary of <p>": (
        "<dl><dt>Cross-posting</dt><dd><p>Twitter | Facebook</p></dd></dl>",
        ["Cross-posting", "Twitter | Facebook"],
    ),
}


@pytest.mark.parametrize("name", DATA_SHARES)
def test_a_share_shaped_line_wrapped_in_a_cell_or_item_stays(name: str) -> None:
    html, lines = DATA_SHARES[name]
    assert all(is_share_line(line) for line in lines if "|" in line or "•" in line)
    assert _extra(html) == lines


def test_a_share_bar_in_a_layout_cell_is_still_dropped() -> None:
    # An old page's story set in one layout <td> with its share bar (k40c's guard): the
    # cell holds more blocks than one, so the bar is the page's, not the story's data.
    story = "".join(f"<p>{p}</p>" for p in STORY)
    layout = (
        "<html><body><table><tr><td><h1>Council approves transport plan</h1>"
        f"<p>Email | Print | Facebook</p>{story}</td></tr></table></body></html>"
    )
    assert body(layout).split("\n\n") == STORY


def test_a_share_bar_after_the_story_is_still_dropped() -> None:
    assert _extra("<p>Digg | Facebook | E-mail</p>") == []
    assert _extra("<div><p>Share: Twitter • Facebook</p></div>") == []


def test_a_share_bar_in_an_item_of_more_blocks_is_still_dropped() -> None:
    # A gallery or a live blog whose <li> holds an entry and its own share bar: the item
    # of more blocks than one is a layout's, its bar the page's (k40c's reading of a cell).
    items = "".join(
        f"<li><div><p>The mayor at the depot on Monday, picture {i}.</p></div>"
        "<div>Facebook | Twitter</div></li>"
        for i in (1, 2, 3)
    )
    extra = _extra(f"<ul>{items}</ul>")
    assert extra == [f"The mayor at the depot on Monday, picture {i}." for i in (1, 2, 3)]
