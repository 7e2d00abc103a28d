"""b40: notes about the page, not the story (parsers/body/notices.py): print-edition notes
closing a newspaper's web copy and page-age notices over an older story are left out; a note
naming another web copy, and sentences of news about an issue or a page, stay."""

from __future__ import annotations

import pytest

from tests.parsers.body_rule_pages import STORY, body, page

PRINT_NOTES = [
    # The Wall Street Journal's and The New York Times' closing notes (second set, Dragnet).
    "A version of this article appeared October 29, 2012, on page B13 in the U.S. edition of"
    " The Wall Street Journal, with the headline: Displays Give LG a Lift.",
    "A version of this article appeared in print on 11/06/2012, on page D5 of the New York"
    " edition with the headline: Reassessing Flu Shots as the Season Draws Near.",
    # Independent Online's (second set, Google News) and a magazine's (dev).
    "This article was originally published on page 28 of The Sunday Tribune on December 30, 2007",
    "Editor’s Note: This article also appeared in the May/June 2024 issue of Consumer Reports"
    " magazine.",
]
AGE_NOTICES = [
    "This article is more than 5 years old",  # The Guardian (third and fourth sets)
    "This article is more than 3 months old",
    # Radio-Canada (fourth set).
    "Prenez note que cet article publié en 2017 pourrait contenir des informations qui ne sont"
    " plus à jour.",
]
KEPT = [
    # Another web copy: the gold texts keep these (second and fourth sets).
    "This article originally appeared on Time.com.",
    "This story originally appeared on ZDNet under the headline “PayPal to lay off 325 jobs”.",
    # News about an issue, a page, an age.
    "The study appeared in the March issue of the journal Nature and was widely cited.",
    "A version of the plan was published last year and is now law.",
    "The building is more than 200 years old and needs a new roof.",
]


@pytest.mark.parametrize("note", PRINT_NOTES)
def test_a_print_edition_note_closing_the_story_is_dropped(note: str) -> None:
    assert body(page(after=f"<p>{note}</p>")).split("\n\n") == STORY


@pytest.mark.parametrize("notice", AGE_NOTICES)
def test_a_page_age_notice_over_the_story_is_dropped(notice: str) -> None:
    assert body(page(before=f"<p>{notice}</p>")).split("\n\n") == STORY


@pytest.mark.parametrize("line", KEPT)
def test_a_note_naming_a_web_copy_or_a_sentence_about_an_issue_stays(line: str) -> None:
    assert body(page(after=f"<p>{line}</p>")).split("\n\n") == [*STORY, line]


VIEWER_LABELS = [
    "Click photo to enlarge",
    "View larger image",
    "View Images",
    "1 of 15",
    "Page 1 of 4",
]


@pytest.mark.parametrize("label", VIEWER_LABELS)
def test_a_picture_viewers_label_is_dropped(label: str) -> None:
    # Second set (Google News pages of 2008, a Dragnet slideshow), fourth (National
    # Geographic, the Miami Herald); the pager's on dev and the second set.
    assert body(page(before=f"<p>{label}</p>", after=f"<p>{label}</p>")).split("\n\n") == STORY


def test_a_count_in_a_table_cell_and_a_sentence_with_a_count_stay() -> None:
    table = "<table><tr><td>Seats won</td><td>2 of 3</td></tr></table>"
    sentence = "2 of 3 residents said the new tram line was worth the cost."
    text = body(page(after=f"{table}<p>{sentence}</p>"))
    assert "2 of 3\n" in text + "\n" and sentence in text
