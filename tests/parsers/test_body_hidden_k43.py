"""k43's attacks on b43's hidden-class rules (parsers/body/hidden.py): pages a real site
serves where the rule dropped story text a reader sees or is one click from.

Category "the story's tail folded behind a 'Read more'": a short story shows its first
paragraphs and keeps the rest in a block hidden by a utility class, opened by a button or
a CSS-only toggle (Tailwind's "hidden peer-checked:block"). Too short to read like the
story by itself, b43 dropped it: the story lost its end. Category "shown on wider
screens" as Tailwind and Bootstrap also write it: a table or list display
("md:table-cell", "md:list-item"), Tailwind's important modifier ("lg:!block"), and
"md:not-sr-only", which shows text kept for screen readers. b43's own pages still lose
their furniture (tests/parsers/test_body_hidden_classes.py)."""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.tram_story import TRAM_STORY as STORY
from tests.parsers.tram_story import TRAM_URL as URL
from tests.parsers.tram_story import page, paragraphs

FOLDED = {
    "a button opens two paragraphs": (
        paragraphs(STORY[:2]) + "<button class='read-more-btn'>Read more</button>"
        f"<div class='story-rest hidden'>{paragraphs(STORY[2:])}</div>"
    ),
    "a CSS toggle opens two paragraphs": (
        paragraphs(STORY[:2]) + "<input type='checkbox' class='peer' id='more'>"
        "<label for='more'>Read more</label>"
        f"<div class='hidden peer-checked:block'>{paragraphs(STORY[2:])}</div>"
    ),
    "a button opens the last paragraph": (
        paragraphs(STORY[:3]) + "<button class='read-more-btn'>Read more</button>"
        f"<div class='more-text d-none'>{paragraphs(STORY[3:])}</div>"
    ),
}


@pytest.mark.parametrize("shape", sorted(FOLDED))
def test_the_storys_tail_folded_behind_read_more_stays(shape: str) -> None:
    body = extract(page(FOLDED[shape]), url=URL).body
    assert body.split("\n\n") == STORY  # b43 alone: the story without its end


@pytest.mark.parametrize(
    "classes",
    ["hidden md:table-cell", "hidden md:list-item", "hidden lg:!block", "sr-only md:not-sr-only"],
)
def test_text_shown_on_wider_screens_stays(classes: str) -> None:
    inner = paragraphs(STORY[:3]) + f"<div class='{classes}'>{paragraphs(STORY[3:])}</div>"
    body = extract(page(inner), url=URL).body
    assert body.split("\n\n") == STORY


def test_a_hidden_box_of_prose_before_the_story_still_goes() -> None:
    # b43's Kleine Zeitung shape: a machine summary in a hidden tab panel above the story
    # is no tail of it.
    summary = (
        "<div class='card hidden aria-expanded:block'><p>The council approved three new tram "
        "lines for the eastern districts after a long night of debate in the city hall.</p>"
        "</div>"
    )
    body = extract(page(summary + paragraphs(STORY)), url=URL).body
    assert body.split("\n\n") == STORY


def test_a_hidden_prose_box_followed_by_visible_story_text_still_goes() -> None:
    # Hidden prose with the story going on after it is no folded tail.
    pitch = (
        "<div class='promo-card hidden'><p>Our newsroom covers every council meeting in the "
        "city, and readers like you make that work possible with a small monthly gift.</p></div>"
    )
    body = extract(page(paragraphs(STORY[:2]) + pitch + paragraphs(STORY[2:])), url=URL).body
    assert body.split("\n\n") == STORY


def test_a_pitch_of_a_heading_and_a_list_after_the_story_still_goes() -> None:
    pitch = (
        "<div class='intro-body__premium hidden'><div class='h2'>THIS CONTENT IS RESERVED FOR "
        "SUBSCRIBERS ONLY</div><ul><li>Subscribe now to read the latest news in your city and "
        "across the country.</li><li>Unlimited online access to fifteen news sites with one "
        "account.</li></ul></div>"
    )
    body = extract(page(paragraphs(STORY) + pitch), url=URL).body
    assert body.split("\n\n") == STORY
