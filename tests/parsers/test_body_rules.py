"""Body rules that keep furniture out of the story: small pages, one rule each."""

from __future__ import annotations

import re

import pytest

from parsers import extract
from parsers.body import (
    HARD,
    HARD_WORDS,
    POSITIVE,
    POSITIVE_WORDS,
    SOFT,
    SOFT_WORDS,
    TAIL,
    TAIL_WORDS,
    WEAK,
    WEAK_WORDS,
    label_kind,
)

URL = "https://news.example.org/2024/05/02/story/"
STORY = [
    "The city council on Monday approved a five-year plan that adds three tram lines to the east.",
    "The plan also replaces the entire bus fleet with electric buses by 2028, officials said.",
    "Opposition members said the cost estimates were too optimistic and asked for an audit.",
    "Construction of the first line is due to start next spring, after a last consultation.",
    "Residents of the eastern districts have waited over a decade for a direct tram link.",
]


def page(before: str = "", after: str = "", story: list[str] | None = None) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in (story or STORY))
    return (
        "<html><head><title>Council approves transport plan</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news/">News</a></nav>'
        f'<article><h1>Council approves transport plan</h1><div class="story">{before}'
        f"{paragraphs}{after}</div></article></body></html>"
    )


def body(html: str) -> str:
    return extract(html, url=URL).body


def test_plain_story_is_kept_whole() -> None:
    assert body(page()).split("\n\n") == STORY


def test_a_long_paragraph_seen_twice_is_kept_once() -> None:
    text = body(page(after=f'<div class="carousel-clone"><p>{STORY[1]}</p></div>'))
    assert text.count(STORY[1]) == 1


def test_repeated_list_items_are_kept() -> None:
    item = "Warm up for fifteen minutes with easy jogging and a few drills"
    schedule = f"<ul><li>{item}</li><li>Intervals</li><li>{item}</li></ul>"
    assert body(page(after=schedule)).count(item) == 2


def test_teaser_cards_after_the_story_are_dropped() -> None:
    cards = "".join(
        f'<div class="card"><h3><a href="/n/{i}">Another headline about the city, number {i}</a>'
        f"</h3><p>A short excerpt of another story number {i}.</p></div>"
        for i in range(4)
    )
    # The cards hold well under a third of the text: teasers beside a story.
    story = STORY + [f"{p[:-1]}, the report added." for p in STORY]
    text = body(page(after=f'<div class="grid">{cards}</div>', story=story))
    assert "excerpt" not in text
    assert text.split("\n\n") == story


def test_linked_entries_inside_a_listicle_are_kept() -> None:
    entries = "".join(
        f'<div class="entry"><h3><a href="/shop/{i}">Brand number {i} of the list</a></h3>'
        f"<p>Brand {i} makes sturdy bags by hand in a small workshop, using recycled canvas.</p>"
        "</div>"
        for i in range(4)
    )
    text = body(page(before=f'<div class="grid">{entries}</div>'))
    assert "Brand 0 makes sturdy bags" in text and "Brand 3 makes sturdy bags" in text


@pytest.mark.parametrize("heading", ["Related posts", "About the author", "More from Jane Doe"])
def test_section_under_an_end_heading_is_dropped(heading: str) -> None:
    section = (
        f"<section><h2>{heading}</h2><p>Jane Doe has covered city hall for the paper since"
        " 2015 and writes about housing.</p></section>"
    )
    text = body(page(after=section))
    assert heading not in text and "covered city hall" not in text
    assert text.split("\n\n") == STORY


def test_flat_end_heading_drops_up_to_the_next_heading() -> None:
    flat = (
        "<h2>You might also like</h2><p>Some other story the reader may enjoy reading next.</p>"
        "<h2>Timeline</h2><p>The first tram is expected to run in the autumn of 2027.</p>"
    )
    text = body(page(after=flat))
    assert "Some other story" not in text
    assert "Timeline" in text and "autumn of 2027" in text


def test_author_box_at_the_end_is_dropped_even_when_it_reads_well() -> None:
    bio = (
        '<div class="post-author"><p>Jane Doe is a reporter who has covered transport and'
        " city politics for the paper for ten years.</p></div>"
    )
    text = body(page(after=bio))
    assert "Jane Doe is a reporter" not in text


def test_author_labelled_block_before_more_story_is_kept() -> None:
    # Not at the end: a story section whose wrapper happens to say "author".
    quote = (
        '<div class="author-quote"><p>We have waited long enough for this tram, said one'
        " resident of the eastern districts.</p></div>"
    )
    text = body(page(before=quote))
    assert "We have waited long enough" in text


def test_cross_links_and_repeated_bylines_are_dropped() -> None:
    extra = (
        '<p>Related: <a href="/n/9">Bus drivers strike over pay</a></p>'
        "<p>Read more: the history of the city's trams</p>"
        "<p>By Jane Doe | Updated May 2, 2024</p>"
        "<p>5 min read</p>"
    )
    text = body(page(after=extra))
    assert "Bus drivers" not in text and "history of the city" not in text
    assert "Jane Doe" not in text and "min read" not in text


def test_caption_and_form_furniture_are_dropped() -> None:
    extra = (
        '<div class="image-caption">The tram depot on the eastern edge of the city, photographed'
        " in March.</div>"
        '<div class="signup-form"><p>Get our morning briefing about the city and its politics'
        " every weekday.</p></div>"
    )
    text = body(page(after=extra))
    assert "tram depot" not in text and "morning briefing" not in text


def test_story_sections_in_toc_named_wrappers_are_kept() -> None:
    sections = "".join(f'<section class="toc-chapter"><p>{p}</p></section>' for p in STORY)
    html = (
        "<html><body><article><h1>Council approves transport plan</h1>"
        f'<div class="toc-chapters">{sections}</div></article></body></html>'
    )
    assert body(html).split("\n\n") == STORY


@pytest.mark.parametrize(
    ("label", "bits"),
    [
        ("comments", HARD),
        ("post-comments-area", HARD | POSITIVE),
        ("commentary-body", POSITIVE),
        ("ads", SOFT),
        ("loads", 0),
        ("entry-meta", SOFT | POSITIVE),
        ("metadata", 0),
        ("author-name", WEAK | TAIL),
        ("coauthor", 0),
        ("main-nav", WEAK | POSITIVE),
        ("toc-chapter", WEAK),
        ("paywall", HARD),
    ],
)
def test_label_bits(label: str, bits: int) -> None:
    assert label_kind(label) == bits


def test_label_regex_rewrite_keeps_the_matches() -> None:
    # The compiled alternation is rewritten for speed; the plain word lists must agree.
    plain = re.compile(
        f"(?P<hard>{HARD_WORDS})|(?P<soft>{SOFT_WORDS})|(?P<tail>{TAIL_WORDS})"
        f"|(?P<weak>{WEAK_WORDS})|(?P<positive>{POSITIVE_WORDS})"
    )
    bits = {"hard": HARD, "soft": SOFT, "tail": WEAK | TAIL, "weak": WEAK, "positive": POSITIVE}
    labels = [
        "comments", "x comments", "comments-x", "nocomments", "ad-slot", "bad-row", "the tags",
        "stags", "bio", "biology", "menu-main", "submenu", "post", "poster", "story-body",
        "history", "text", "context", "nav", "canvas",
    ]  # fmt: skip
    for label in labels:
        expected = 0
        for match in plain.finditer(label):
            expected |= bits[match.lastgroup or ""]
        assert label_kind(label) == expected, label
