"""k40c: b40's line filters (parsers/body/notices.py) attacked as an unlucky site would.

Story text that opens like a notice, quotes one, or is data shaped like a counter must stay;
the notices themselves in upper case or nested markup still go; hostile long lines cost
bounded CPU time."""

from __future__ import annotations

import time

import pytest

from parsers.body.notices import is_page_notice, is_viewer_label
from tests.parsers.body_rule_pages import STORY, body, page


def _extra(after: str) -> list[str]:
    """The body's paragraphs after the story's own, with ``after`` put after the story."""
    paragraphs = body(page(after=after)).split("\n\n")
    assert paragraphs[: len(STORY)] == STORY
    return paragraphs[len(STORY) :]


# Counters that are data: a table of scores or a list whose cells or items wrap their
# text in a block (<p>, <div>), which the filter saw as a paragraph of the story.
DATA_COUNTS = {
    "table cells of <p>": (
        "<table><tr><td><p>Seats won</p></td><td><p>2 of 3</p></td></tr>"
        "<tr><td><p>Seats lost</p></td><td><p>1 of 4</p></td></tr></table>",
        ["Seats won", "2 of 3", "Seats lost", "1 of 4"],
    ),
    "table cells of <div>": (
        "<table><tr><td><div>Free throws</div></td><td><div>1 of 4</div></td></tr></table>",
        ["Free throws", "1 of 4"],
    ),
    "list items of <p>": (
        "<ul><li><p>1 of 15</p></li><li><p>3 of 15</p></li></ul>",
        ["1 of 15", "3 of 15"],
    ),
    "a definition of <p>": (
        "<dl><dt>Round one</dt><dd><p>1 of 4</p></dd></dl>",
        ["Round one", "1 of 4"],
    ),
}


@pytest.mark.parametrize("name", DATA_COUNTS)
def test_a_count_wrapped_in_a_block_inside_a_cell_or_item_stays(name: str) -> None:
    html, lines = DATA_COUNTS[name]
    assert _extra(html) == lines


def test_a_label_in_a_layout_cell_or_a_slideshow_item_is_still_dropped() -> None:
    # An old page's story set in a layout <td> (Google News pages of 2008, second set),
    # a slideshow whose <li> holds a caption and its counter (Dragnet, second set).
    story = "".join(f"<p>{p}</p>" for p in STORY)
    layout = (
        "<html><body><table><tr><td><h1>Council approves transport plan</h1>"
        f"<p>Click photo to enlarge</p>{story}</td></tr></table></body></html>"
    )
    assert body(layout).split("\n\n") == STORY
    slides = "".join(
        f"<li><div><p>The mayor at the depot on Monday, picture {i}.</p></div>"
        f"<div>{i} of 3</div></li>"
        for i in (1, 2, 3)
    )
    extra = _extra(f"<ul>{slides}</ul>")
    assert extra == [f"The mayor at the depot on Monday, picture {i}." for i in (1, 2, 3)]


# Quotations of a notice in the story (a newspaper's editor, a reader): the opening
# quotation mark says the words are someone's, not the page's.
QUOTED = [
    "“This story ran on page 1 of the print edition, and we stand by every word of it,” the"
    " editor said on Tuesday.",
    '"A version of this article appeared in print on page A1 of the Sunday edition, which'
    ' was a mistake," the ombudsman wrote.',
    "“This article is more than 5 years old.”",
    "« This article is more than 3 years old »",
]


@pytest.mark.parametrize("line", QUOTED)
def test_a_quoted_notice_in_the_story_stays(line: str) -> None:
    assert _extra(f"<p>{line}</p>") == [line]


def test_a_notice_set_in_a_block_quotation_stays() -> None:
    # A paper's correction quoting its own print note.
    line = "A version of this article appeared in print on page A1 of the Sunday edition."
    quote = f"<blockquote><p>{line}</p></blockquote>"
    assert _extra(f"<p>The correction printed on Monday read as follows.</p>{quote}") == [
        "The correction printed on Monday read as follows.",
        line,
    ]


def test_an_age_no_web_page_can_have_is_the_storys() -> None:
    # A story about a folk tale or a manuscript: no page of the web is 100 years old.
    lines = ["This story is more than 100 years old.", "This page is more than 500 years old."]
    assert _extra("".join(f"<p>{line}</p>" for line in lines)) == lines


# Story sentences that begin like a note but name no print copy of this page, and
# numbered captions, stay (guards: they pass before and after).
STORY_LINES = [
    "A version of this law appeared in print in 1990, when the state first published its code.",
    "1 of 15 people surveyed said they would take the tram every day.",
    "1 of 15: The mayor opens the first tram line on Monday.",
    "Photo 3 of 15 shows the depot before the fire.",
    "Prenez note que cet article de loi publié en 2017 a été modifié depuis.",
]


@pytest.mark.parametrize("line", STORY_LINES)
def test_a_story_sentence_shaped_like_a_notice_stays(line: str) -> None:
    assert _extra(f"<p>{line}</p>") == [line]


# Sentences of a story about a magazine's or a paper's scoop: they open as a print note
# and name an issue, an edition or a page, then go on with the story (a second clause).
SCOOPS = [
    "This interview appeared in the November 1976 issue of Playboy and caused an uproar when"
    " the candidate admitted he had looked on women with lust.",
    "This story ran in the first edition of the Daily Mail and was pulled from later editions"
    " after the paper's lawyers objected.",
    "This story was first published on page 1 of the Daily Mirror in 1963, which led to the"
    " minister's resignation.",
]


@pytest.mark.parametrize("line", SCOOPS)
def test_a_story_sentence_about_a_scoop_in_print_stays(line: str) -> None:
    assert _extra(f"<p>{line}</p>") == [line]


# Notes whose printed headline or paper's name holds a clause word still go.
NOTES_WITH_AND = [
    "A version of this article appeared in print on 11/06/2012, on page D6 of the New York"
    " edition with the headline: Why the Council Waited, and what it means for riders.",
    "This article also appeared in the May issue of Field and Stream.",
]


@pytest.mark.parametrize("note", NOTES_WITH_AND)
def test_a_note_whose_headline_or_paper_holds_and_is_still_dropped(note: str) -> None:
    assert _extra(f"<p>{note}</p>") == []


# The notices themselves, in upper case and in nested inline markup, still go.
NOTICES_MARKED = [
    "<p>THIS ARTICLE IS MORE THAN 5 YEARS OLD</p>",
    "<p><span>This article</span> is <b>more than 5 years old</b></p>",
    "<p><em>A version of this article appeared in print on <b>page A1</b> of the New York"
    " edition.</em></p>",
    "<p><strong>CLICK PHOTO TO ENLARGE</strong></p>",
    "<div><p><span>Page 2 of 4</span></p></div>",
]


@pytest.mark.parametrize("html", NOTICES_MARKED)
def test_a_notice_in_upper_case_or_nested_markup_is_dropped(html: str) -> None:
    assert _extra(html) == []


HOSTILE = [
    "1 of " * 200_000,
    "A version of this article appeared" + " in print" * 100_000,
    "This article is more than " + "5 " * 500_000 + "years old",
    "“" * 3 + "view images" + "!" * 1_000_000,
    "Page 1 of 4" + " " * 1_000_000,
]


@pytest.mark.parametrize("line", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_long_line_costs_bounded_cpu(line: str) -> None:
    start = time.process_time()
    for _ in range(20):
        is_page_notice(line)
        is_viewer_label(line)
    assert time.process_time() - start < 0.5
