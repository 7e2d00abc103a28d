"""A page with no <h1> whose headline is the first <h2> of its <main> (issue 17, x37c:
``parsers.headline_blocks.main_h2``): the heading wins over a shorter metadata title whose
every word it prints. The rule's cases fail without it (the metadata title); the guards
(a section heading, an <h2> outside <main>, a page with an <h1>) pass both ways."""

from __future__ import annotations

import pytest

from parsers import extract

BODY = "<p>" + " ".join(["Start with one plant-based meal a day and build from it."] * 8) + "</p>"
URL = "https://shop.example.com/blogs/news/plant-based-diet"
OG = '<meta property="og:title" content="7 Ways to Transition to a Plant-Based Diet | Koia">'
CART = '<div class="drawer"><h2>Your cart is empty</h2></div>'


def _title(main_head: str, before_main: str = CART, head: str = OG) -> str | None:
    html = (
        f'<html lang="en"><head><title>Plant-based | Koia</title>{head}'
        '<meta property="og:site_name" content="Drink Koia Online"></head><body>'
        f"{before_main}<main><article>{main_head}{BODY * 4}</article></main></body></html>"
    )
    return extract(html, url=URL).title


HEADLINE = "7 Ways to Help You Transition to a Plant Based Diet"


@pytest.mark.parametrize(
    "main_head",
    [
        f"<h3>blog | February 01, 2022</h3><h2>{HEADLINE}</h2>",
        f"<h2>{HEADLINE}</h2>",
    ],
)
def test_the_first_h2_of_main_is_the_headline(main_head: str) -> None:
    assert _title(main_head) == HEADLINE


@pytest.mark.parametrize(
    ("main_head", "before_main"),
    [
        ("<h2>Architecture &amp; Design</h2>", CART),  # a section heading
        ("<h3>blog</h3>", f"<h2>{HEADLINE}</h2>"),  # an <h2> outside <main>
        (f"<h1>7 Ways to Transition to a Plant-Based Diet</h1><h2>{HEADLINE}</h2>", CART),
    ],
)
def test_other_pages_keep_the_metadata_title(main_head: str, before_main: str) -> None:
    assert _title(main_head, before_main) == "7 Ways to Transition to a Plant-Based Diet"
