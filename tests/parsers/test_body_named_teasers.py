"""bt42: one teaser of another story, in an element named for a teaser, leaves the body even
alone (parsers/body/elements.py, category "a teaser of another story, named so"; fundus's
Welt, NDR, Stern and rbb24 pages: docs/BENCHMARKS.md "Body, bt42"). A "teaser" wrapper that
holds no link line (a standfirst) or much text (the Washington Post's "teaser-content" around
the story's first paragraphs) stays."""

from __future__ import annotations

import time

import pytest

from parsers import extract
from tests.parsers.tram_story import TRAM_STORY as STORY
from tests.parsers.tram_story import TRAM_URL as URL

HEADLINE = "Bus drivers vote to strike over the new shift rota next month"
EXCERPT = "The union says the rota leaves drivers with split shifts of up to fourteen hours."

# The shapes seen on fundus's pages: an inline "read also" card between paragraphs (Welt),
# a box of headline and excerpt after the story (NDR), a card whose link wraps it (Stern).
TEASERS = {
    "inline": (
        "<div class='c-inline-teaser'><div class='c-inline-teaser__label'>Read also</div>"
        f"<h4 class='c-teaser__headline'><a href='/2024/05/01/strike/'>{HEADLINE}</a></h4></div>"
    ),
    "box": (
        f"<div class='teaser'><div class='teaserpadding'><h2><a href='/2024/05/01/strike/'>"
        f"{HEADLINE}</a></h2><div class='teasertext'><p>{EXCERPT}</p></div></div></div>"
    ),
    "card": (
        f"<div id='teaser-1'><a class='teaser__link' href='/2024/05/01/strike/'>"
        f"<h3>{HEADLINE}</h3></a><p>Video 02:53</p></div>"
    ),
}


def page(inside: str) -> str:
    first, *rest = STORY
    paragraphs = "".join(f"<p>{p}</p>" for p in rest)
    return (
        "<html><head><title>Council approves tram plan</title></head><body><article>"
        f"<h1>Council approves tram plan</h1><div class='article-body'><p>{first}</p>"
        f"{inside}{paragraphs}</div></article></body></html>"
    )


@pytest.mark.parametrize("shape", sorted(TEASERS))
def test_a_named_teaser_of_another_story_leaves_the_body(shape: str) -> None:
    body = extract(page(TEASERS[shape]), url=URL).body
    assert body.split("\n\n") == STORY


def test_a_teaser_named_wrapper_without_a_link_line_stays() -> None:
    lead = "<div class='article-teaser'><p>Three new lines, electric buses, two depots.</p></div>"
    body = extract(page(lead), url=URL).body
    assert "Three new lines, electric buses, two depots." in body


def test_the_story_in_a_teaser_named_wrapper_stays() -> None:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    link = f"<p><a href='/2023/council-vote-on-the-tram-plan/'>{HEADLINE}</a></p>"
    html = (
        "<html><head><title>Council approves tram plan</title></head><body><article>"
        "<h1>Council approves tram plan</h1><div class='article-body'>"
        f"<div class='teaser-content'>{story}{link}</div></div></article></body></html>"
    )
    body = extract(html, url=URL).body
    for paragraph in STORY:
        assert paragraph in body


def test_many_named_teasers_cost_little_cpu() -> None:
    # kg42, a hostile page: each element named for a teaser scanned every link line for a
    # heading inside it, quadratic in the cards (24,000 cards: about 8 s; now under 1 s).
    cards = "".join(
        f"<div class='teaser'><h3><a href='/s/{i}'>Another story headline number {i}</a></h3></div>"
        for i in range(24_000)
    )
    story = "".join(f"<p>{' '.join(STORY)}</p>" for _ in range(4_800))  # the story leads
    start = time.process_time()
    body = extract(page(story + cards), url=URL).body
    assert time.process_time() - start < 3.0
    assert "Another story headline number" not in body
