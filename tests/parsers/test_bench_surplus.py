"""bench/surplus.py (b45): a body line is placed in a kind by the markup around its block,
not by a large wrapper's name, and held or surplus by the truth."""

from __future__ import annotations

from bench.body_conventions import page_scan
from bench.surplus import block_index, element_sizes, find_block, kind_of, page_of

STORY = [
    "The city council on Monday approved a five-year plan that adds three tram lines to the "
    "eastern districts, after a debate that ran late into the night.",
    "The plan also replaces the entire bus fleet with electric buses by 2028, officials said, "
    "and sets aside money for two new depots on land the city bought from the railway.",
]
PAGE = (
    "<html><body><div class='more-wrapper'><article><h1>Council approves plan</h1>"
    f"<p>{STORY[0]}</p><figure><img src='a.jpg'><figcaption><p>The depot at dusk.</p>"
    f"</figcaption></figure><p>{STORY[1]}</p>"
    "<div class='article-share'><p>Share this story on your favourite network</p></div>"
    "<div class='newsletter-box'><p>Get our morning briefing every weekday</p></div>"
    "<h3><a href='/other'>Another story about the harbour</a></h3>"
    f"{'<p>' + ' '.join(STORY * 6) + '</p>'}"
    "</article></div></body></html>"
)


def _kind(line: str) -> str:
    scan = page_scan(PAGE)
    assert scan is not None
    return kind_of(scan, element_sizes(scan), find_block(scan, block_index(scan), line), line)[0]


def test_lines_are_placed_by_the_markup_around_them() -> None:
    assert _kind("The depot at dusk.") == "caption/credit"
    assert _kind("Share this story on your favourite network") == "share/social"
    assert _kind("Get our morning briefing every weekday") == "newsletter/subscription"
    assert _kind("Another story about the harbour") == "headings of other stories"


def test_a_large_wrapper_names_no_line() -> None:
    # "more-wrapper" is a related-links word, but the element holds the whole story.
    assert _kind(STORY[0]) == "other prose"


def test_held_and_surplus_lines_against_the_truth() -> None:
    page = page_of("dev", "k", "https://example.org/a", PAGE, "\n".join(STORY))
    held = {line.text: line.held for line in page.lines}
    assert held[STORY[0]] is True
    assert held.get("Get our morning briefing every weekday", False) is False
