"""t58, category "the headline in an <h2> under the site's <h1>" (issue 17): blog and
newspaper themes set the site's name as the page's <h1> in the masthead ("Jan's Blog",
"The Political Insider") and the story's headline as an <h2> right over its first
paragraph, while og:title is an SEO variant printed nowhere on the page. With no <h1> near
the story the metadata title was given; the printed <h2> is the headline (dev 4450, fourth
thepoliticalinsider). The <h2> must sit at most ``H2_ABOVE`` blocks over the story, read as
a headline (4 words or more, not in capitals, not a lead-in ending in a colon) and share a
long word with the metadata title; a metadata title printed on the page, a page with no
<h1>, an <h1> near the story and a box heading ("Key points", "What you need to know")
keep what was given before.
"""

from __future__ import annotations

import pytest

from parsers import extract

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "I started woodworking two years ago with a borrowed saw and a stack of pallets, and "
        "this journal is where I keep the notes I wish I had had at the start.",
        "Each project gets its own post: the plan, the cuts that went wrong, the tools I "
        "bought and the ones I should have bought, and what the piece cost in the end.",
        "The posts are tagged by technique, so a beginner can follow the joinery from the "
        "first butt joint to the first dovetail without reading everything in order.",
    )
)
URL = "https://jans-blog.example/about-this-blog/"
OG = "Introductions to my woodworking and DIY projects blog"
H2 = "About Jan's beginner woodworking blog and this project journal"


def _page(
    h2: str = H2,
    og: str = OG,
    h1: str | None = "Jan's Blog",
    furniture: int = 16,
    between: str = "",
    printed: str = "",
) -> str:
    masthead = f"<header><h1>{h1}</h1></header>" if h1 else ""
    menu = "".join(
        f"<div><a href='/t{i}'>Posts by tag number {i}</a></div>" for i in range(furniture)
    )
    return (
        f"<html><head><title>{og} - Jan's Blog</title>"
        f"<meta property='og:title' content=\"{og}\"></head><body>{masthead}{menu}"
        f"<article><h2>{h2}</h2>{between}{STORY}{printed}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("h2", "og"),
    [
        (H2, OG),
        (
            "Hillary Clinton Gets More Faithless Electors Than Trump",
            "As Electoral College Elects Trump, Hillary is Embarrassed in a HUGE Way!",
        ),
    ],
)
def test_the_headline_h2_under_the_sites_h1_is_the_title(h2: str, og: str) -> None:
    assert extract(_page(h2=h2, og=og), url=URL).title == h2


def test_a_date_line_between_the_h2_and_the_story_leaves_it_the_headline() -> None:
    page = _page(between="<p class='meta'>Posted on March 3, 2024</p>")
    assert extract(page, url=URL).title == H2


@pytest.mark.parametrize(
    "page",
    [
        # A box heading over the story, sharing no word with the metadata title.
        _page(h2="What you need to know before you start"),
        _page(h2="Key points"),
        # Too short for a headline, or a banner in capitals, or a lead-in.
        _page(h2="About woodworking"),
        _page(h2="ABOUT JAN'S BEGINNER WOODWORKING BLOG AND THIS PROJECT JOURNAL"),
        _page(h2="About Jan's beginner woodworking blog and this journal:"),
        # The metadata title is printed on the page too: two printed titles, as before.
        _page(printed=f"<p>{OG}</p>"),
        # No <h1> on the page at all.
        _page(h1=None),
    ],
)
def test_other_h2s_keep_the_metadata_title(page: str) -> None:
    assert extract(page, url=URL).title == OG


def test_an_h1_near_the_story_is_taken_as_before() -> None:
    near = _page(h1="Jan's beginner woodworking blog and this project journal", furniture=2)
    assert (
        extract(near, url=URL).title == "Jan's beginner woodworking blog and this project journal"
    )
