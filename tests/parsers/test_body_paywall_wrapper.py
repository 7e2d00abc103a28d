"""b42: the story sent whole in a wrapper named for the paywall ("pmc-paywall", "paywall
is-hidden", "...paywalled") is the story (parsers/body/labels.py, category "the story in a
wrapper named for the paywall"; fundus's Rolling Stone, ABC and Jyllands-Posten pages, whose
bodies were empty or one line: docs/BENCHMARKS.md "Sixth measuring set"). The prompt box,
named so and holding a line or two of pitch, is still dropped."""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.tram_story import TRAM_STORY as STORY
from tests.parsers.tram_story import TRAM_URL as URL

PROMPT = "Subscribe now to keep reading this story and get unlimited access."


# What a news page holds beside its story: a menu of other stories, a picture over the
# article, the publisher's words in the footer (together more text than the story, so the
# wrapper is no "misnamed" wrapper holding most of the page, score.MISNAMED_MIN_SHARE).
MENU = "".join(
    f"<li><a href='/news/{n}'>Another story from the city desk, number {n}, on the budget</a></li>"
    for n in range(12)
)
PICTURE = (
    "Trams wait at the depot on the eastern edge of the city, where the first of the three "
    "new lines is due to start running in 2027."
)
ABOUT = (
    "<p>The Daily Example has covered the city and its region since 1901. It is owned by a "
    "trust that reinvests its profits in local reporting and training for young journalists.</p>"
) * 3


def paywalled_page(wrapper: str) -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        "<html><head><title>Council approves tram plan</title></head><body>"
        f"<nav><ul>{MENU}</ul></nav><main><div class='hero'><p>{PICTURE}</p></div>"
        "<article><h1>Council approves tram plan</h1>"
        f"<div class='a-content'><div class='{wrapper}'>{story}</div>"
        f"<div class='paywall-prompt'><p>{PROMPT}</p></div></div></article></main>"
        f"<footer>{ABOUT}</footer></body></html>"
    )


@pytest.mark.parametrize(
    "wrapper", ["pmc-paywall", "paywall is-hidden", "inline-container paywalled"]
)
def test_the_story_in_a_wrapper_named_for_the_paywall_is_read(wrapper: str) -> None:
    body = extract(paywalled_page(wrapper), url=URL).body
    assert body.split("\n\n") == STORY


def test_a_paywall_box_holding_a_pitch_is_still_dropped() -> None:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    pitch = f"<p>Our reporting is funded by readers like you.</p><p>{PROMPT}</p>"
    html = (
        "<html><head><title>Council approves tram plan</title></head><body><article>"
        f"<h1>Council approves tram plan</h1><div class='story'>{story}"
        f"<div class='paywall'>{pitch}</div></div></article></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == STORY
