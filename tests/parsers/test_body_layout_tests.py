"""Body rules found on an extraction library's layout test pages (issue 17, b23).

Readability's test pages exercise structures of real markup (paragraphs split by
<br>, a template page, a paragraph repeated in place) with placeholder words. Each
test names the category its rule serves; the pages are hand-written in the shape
of the category, never copies of a test page.
"""

from __future__ import annotations

import pytest

from parsers import extract

URL = "https://news.example.org/2024/05/02/story/"
FILLER = [
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"
    " incididunt ut labore et dolore magna aliqua.",
    "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip"
    " ex ea commodo consequat.",
    "Lorem ipsum dolor sit amet, consetetur sadipscing elitr, sed diam nonumy eirmod"
    " tempor invidunt ut labore et dolore magna aliquyam erat, sed diam voluptua.",
]
STORY = [
    "The city council on Monday approved a five-year plan that adds three tram lines to the east.",
    "The plan also replaces the entire bus fleet with electric buses by 2028, officials said.",
    "Opposition members said the cost estimates were too optimistic and asked for an audit.",
    "Construction of the first line is due to start next spring, after a last consultation.",
]


def paragraphs(html: str) -> list[str]:
    return extract(html, url=URL).body.split("\n\n")


# Category: a template or layout page set wholly in placeholder words (a theme's
# demo article, a staging page): the placeholder is all the page prints, so it is
# the body. Before, every paragraph opening "Lorem ipsum" was dropped as filler.
@pytest.mark.parametrize(
    "layout",
    [
        "<article><h1>Sample post</h1>{p}</article>",
        '<div id="main"><div class="entry-content">{p}</div></div><footer>Theme demo</footer>',
    ],
)
def test_a_page_set_wholly_in_placeholder_words_keeps_them(layout: str) -> None:
    html = layout.format(p="".join(f"<p>{text}</p>" for text in FILLER))
    assert paragraphs(f"<html><body>{html}</body></html>") == FILLER


# The other side of the same category: template filler left in an unused block
# beside a story in real words is still not the story.
def test_placeholder_filler_beside_a_story_is_dropped() -> None:
    story = "".join(f"<p>{text}</p>" for text in STORY)
    html = (
        f"<html><body><article><h1>Transport plan</h1>{story}"
        f'<section class="promo"><h3>Heading line</h3><p>{FILLER[0]}</p></section>'
        "</article></body></html>"
    )
    assert paragraphs(html) == STORY


# Category: a paragraph repeated in place, beside its first copy (a pull quote set
# again inside the story, a spec line of two products, a refrain, a chorus): the
# reader sees it twice, the body keeps it twice. Before, any second copy of 40
# characters was dropped as a carousel clone.
@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # the same paragraph twice in a row (a pull quote, placeholder text)
        ([STORY[0], STORY[0], STORY[1]], [STORY[0], STORY[0], STORY[1]]),
        # a refrain between verses
        (
            [STORY[0], STORY[2], STORY[1], STORY[2]],
            [STORY[0], STORY[2], STORY[1], STORY[2]],
        ),
    ],
)
def test_a_paragraph_repeated_in_place_is_kept(story: list[str], expected: list[str]) -> None:
    html = "".join(f"<p>{text}</p>" for text in story)
    assert paragraphs(f"<html><body><article>{html}</article></body></html>") == expected


# ... while a block cloned whole (a story embedded again, a carousel's copies) is
# still read once: a run of second copies goes (only the copy of its first
# paragraph, not yet known to open a run, stays).
def test_a_block_cloned_whole_is_read_once() -> None:
    story = "".join(f"<p>{text}</p>" for text in STORY)
    found = paragraphs(f"<html><body><article>{story}{story}</article></body></html>")
    assert all(found.count(text) == 1 for text in STORY[1:])


# ... and a copy in another wrapper (a mobile and a desktop copy of a box, a teaser
# repeating the lead) is not read again.
def test_a_copy_in_another_wrapper_is_not_read_again() -> None:
    story = "".join(f"<p>{text}</p>" for text in STORY)
    html = (
        f'<html><body><article><div class="lead">{story}</div>'
        f'<div class="teaser"><p>{STORY[0]}</p></div></article></body></html>'
    )
    assert paragraphs(html) == STORY
