"""k44's attack on b44's hidden class forms and consent boxes (``parsers.body.hidden``,
``parsers.body.controls``).

A short story (a brief: two or three paragraphs, under ``HIDDEN_MIN_GOOD_CHARS``) whose
whole text sits in an element a script shows ("brief brief--hidden", b44's BEM modifier;
"hidden", "d-none", display:none alike) was dropped as a hidden box, and the page had no
body at all: story text dropped is worse than furniture kept. A hidden element that holds
all of its container's story text is now kept (``hidden_drop``); the cases fail without
it. b44's own pages (an audio player's "speech--hidden" box beside a story, hidden
pitches) keep their guards (tests/parsers/test_body_hidden_modifiers.py and the b43 tests).

f44: a CSS-only "Read more" toggle over the story's tail is no consent box
(``controls._ends_in_tail``), and a fold may hold twice the shown text
(``hidden.FOLDED_TAIL_MIN_SHOWN_SHARE``); consent boxes last in the story still go.
"""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.test_body_control_boxes import HASHED_BOX, ZEIT_BOX
from tests.parsers.tram_story import (
    STADTRAT_STORY,
    STADTRAT_URL,
    TRAM_STORY,
    TRAM_URL,
    page,
    paragraphs,
)

P = (
    "The council voted seven to two on Tuesday night to approve the budget, which adds "
    "money for buses and clinics.",
    "Supporters said the plan would shorten waits at the two busiest clinics, while "
    "critics warned about the deficit.",
    "The mayor said the city would publish a spending report every quarter so residents "
    "could follow the money.",
    "A final vote on the transit levy is expected next month after public hearings in "
    "each of the five districts.",
    "Residents who want to speak at the hearings can sign up online or at any library "
    "branch before the deadline.",
)


def _body(inner: str) -> str:
    html = (
        "<html><head><title>Council passes budget</title></head><body><header><nav>"
        "<a href='/'>Home</a> <a href='/news'>News</a></nav></header><main><article>"
        f"<h1>Council passes budget</h1>{inner}</article></main>"
        "<footer>© City Paper</footer></body></html>"
    )
    return extract(html, url="https://citypaper.example.com/news/2024/03/05/budget").body


def _paragraphs(count: int) -> str:
    return "".join(f"<p>{p}</p>" for p in P[:count])


@pytest.mark.parametrize(
    "wrapper",
    [
        "<div class='brief brief--hidden'>",
        "<div class='brief is--hidden'>",
        "<div class='brief hidden'>",
        "<div class='brief d-none'>",
        "<div class='brief' style='display:none'>",
    ],
)
@pytest.mark.parametrize("count", [2, 3])
def test_a_short_story_wholly_in_a_hidden_element_is_kept(wrapper: str, count: int) -> None:
    body = _body(f"{wrapper}{_paragraphs(count)}</div>")
    assert all(p in body for p in P[:count]), body


def test_a_hidden_box_beside_a_visible_story_still_goes() -> None:
    # the story is visible: a hidden pitch box after it is furniture, as before
    pitch = (
        "<div class='promo promo--hidden'><p>Subscribe today for unlimited access to "
        "every story.</p></div>"
    )
    body = _body(_paragraphs(5) + pitch)
    assert all(p in body for p in P) and "Subscribe" not in body


def test_a_css_read_more_toggle_keeps_the_storys_tail() -> None:
    toggle = (
        "<div class='toggle'><input type='checkbox' id='more'><label for='more'>Read more"
        f"</label><div class='toggle-content'>{''.join(f'<p>{p}</p>' for p in P[3:])}"
        "</div></div>"
    )
    body = _body(_paragraphs(3) + toggle)
    assert all(p in body for p in P), body


def test_a_fold_longer_than_the_shown_part_is_the_storys_end() -> None:
    folded = "".join(f"<p>{p}</p>" for p in P[2:])
    fold = f"<div class='story__more story__more--hidden'>{folded}</div>"
    body = _body(_paragraphs(2) + fold + "<button>Read more</button>")
    assert all(p in body for p in P), body


@pytest.mark.parametrize("box", ["zeit", "hashed"])
def test_a_consent_box_ending_the_story_still_goes(box: str) -> None:
    # f44's guard: a consent box's ask comes before its control and outweighs what follows
    # it, so a box last in the story is no CSS "Read more" toggle over the story's tail.
    markup, story, url = (
        (ZEIT_BOX, STADTRAT_STORY, STADTRAT_URL)
        if box == "zeit"
        else (HASHED_BOX, TRAM_STORY, TRAM_URL)
    )
    body = extract(page(paragraphs(story) + markup), url=url).body
    assert body.split("\n\n") == story
