"""Category "the headline <h1> far above the story" (t57, issue 17): a hero image, a summary
box or a table of contents sets the page's only <h1> more than ``H1_WINDOW`` blocks above
the story's first paragraph, and og:title is worded otherwise (an SEO variant). Where the
<h1> is near the story, the unconfirmed <h1> is taken (the display headline); far above it
the metadata title was, and on dev, extra and fourth the <h1> was the truth on every page
where it read as a headline (7 words or more). A short far <h1> (a section name, a call to
action), one below the story's start, one of several, one ending in a colon and one sharing
no word with the metadata title (a site-wide banner) keep the metadata title.
"""

from __future__ import annotations

import pytest

from parsers import extract

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "Gooseneck kettles pour slowly and evenly, which is what a pour-over brew needs to "
        "extract the coffee without channels through the grounds in the filter.",
        "We tested fourteen kettles over six weeks, timing how long each took to boil a litre "
        "and how steady the stream stayed as the kettle emptied.",
        "Temperature control mattered most: the kettles that held a set heat within a degree "
        "made the most even cups in blind tastings with our panel.",
    )
)
URL = "https://www.kitchen.example/reviews/best-gooseneck-kettles"
OG = "The 5 Best Gooseneck Kettles to Perfect Your Pour-Over"


def _furniture(n: int) -> str:
    # A table of contents and a summary box between the headline and the story.
    return "".join(
        f"<div><a href='#s{i}'>Section number {i} of the guide</a></div>" for i in range(n)
    )


def _page(
    h1s_above: list[str], between: int = 16, h1_below: str | None = None, og: str = OG
) -> str:
    above = "".join(f"<h1>{h}</h1>" for h in h1s_above)
    below = f"<h1>{h1_below}</h1>" if h1_below else ""
    return (
        f"<html><head><title>{og} | Kitchen Example</title>"
        f"<meta property='og:title' content='{og}'>"
        "<meta property='og:site_name' content='Kitchen Example'></head><body>"
        f"<div class='hero'>{above}</div>{_furniture(between)}"
        f"<article>{STORY}{below}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("h1", "og"),
    [
        ("Perfect Your Pour—Here Are the 5 Best Gooseneck Kettles for Coffee Lovers", OG),
        ("Our 6 Favorite Gooseneck Kettles Make Any Pour Even", OG),
        (
            "China snubs Imran Khan, says resolve J&K bilaterally",
            "Kashmir issue: China snubs Imran Khan, says resolve Jammu and Kashmir bilaterally",
        ),
    ],
)
def test_the_only_h1_far_above_the_story_is_the_headline(h1: str, og: str) -> None:
    assert extract(_page([h1], og=og), url=URL).title == h1


@pytest.mark.parametrize(
    "page",
    [
        # A call to action or a section name: shorter than a headline.
        _page(["Form an LLC in New York"]),
        _page(["Kettles"]),
        # Two <h1>s far above: which is the headline is not known.
        _page(
            [
                "Perfect Your Pour With These Five Gooseneck Kettles Today",
                "Kitchen guides and reviews for every cook",
            ]
        ),
        # A lead-in to something else.
        _page(["A message from the founder of our kitchen and its team:"]),
        # In capitals: a banner (as near the story).
        _page(["PERFECT YOUR POUR WITH THESE FIVE GOOSENECK KETTLES TODAY"]),
        # A site-wide banner sharing no word with the metadata title names no story.
        _page(["Sign up for our newsletter and never miss a recipe again"]),
    ],
)
def test_a_far_h1_that_is_not_a_lone_headline_keeps_the_metadata_title(page: str) -> None:
    assert extract(page, url=URL).title == OG


def test_a_far_h1_below_the_story_start_keeps_the_metadata_title() -> None:
    page = (
        f"<html><head><title>{OG} | Kitchen Example</title>"
        f"<meta property='og:title' content='{OG}'></head><body>"
        f"<article>{STORY}</article>{_furniture(16)}"
        "<h1>Ten Free Kitchen Tools for Your Small Home Cafe</h1></body></html>"
    )
    assert extract(page, url=URL).title == OG


def test_a_near_h1_is_still_taken_as_before() -> None:
    h1 = "Perfect Your Pour—Here Are the 5 Best Gooseneck Kettles for Coffee Lovers"
    assert extract(_page([h1], between=2), url=URL).title == h1
