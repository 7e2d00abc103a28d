"""A link preview card's author is the linked page's, never this page's byline (issue 17,
x37b): Ghost's bookmark card ("kg-bookmark-author"), WordPress's post embeds, oEmbed and
link-preview cards. The rule's cases fail without it (the card's name); the guards pass
both ways."""

from __future__ import annotations

import pytest

from parsers import extract

BODY = "<p>" + " ".join(["The reading list for May runs long this year, and gladly."] * 8) + "</p>"
URL = "https://www.example.com/reading-list-may/"

GHOST = (
    '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" '
    'href="https://other.example.org/interview/"><div class="kg-bookmark-content">'
    '<div class="kg-bookmark-title">Imagining the Culture</div><div class="kg-bookmark-metadata">'
    '<span class="kg-bookmark-author">Marta Quill</span>'
    '<span class="kg-bookmark-publisher">Other Weekly</span></div></div></a></figure>'
)
WORDPRESS = (
    '<figure class="wp-block-embed is-type-wp-embed"><div class="wp-block-embed__wrapper">'
    '<blockquote class="wp-embedded-content"><a href="https://other.example.org/p/">A post</a>'
    '<span class="post-author">Marta Quill</span></blockquote></div></figure>'
)
PREVIEW = (
    '<div class="link-preview"><a href="https://other.example.org/p/">A post</a>'
    '<span class="link-preview__author">Marta Quill</span></div>'
)


def _authors(card: str, head: str = "", byline: str = "") -> tuple[str, ...]:
    html = (
        f'<html lang="en"><head><title>Reading list</title>{head}</head><body><article>'
        f"<h1>Reading list for May</h1>{byline}{BODY * 3}{card}{BODY * 3}</article></body></html>"
    )
    return extract(html, url=URL).authors


SHARING_CARD = (
    '<meta name="twitter:label1" content="Written by">'
    '<meta name="twitter:data1" content="Dana Ellery">'
)


@pytest.mark.parametrize("card", [GHOST, WORDPRESS, PREVIEW])
def test_a_cards_author_is_not_the_byline(card: str) -> None:
    assert "Marta Quill" not in _authors(card)


# Guards: a declared writer (a sharing card's "Written by") stands; so does the page's own
# byline element, card or no card.
@pytest.mark.parametrize("card", [GHOST, WORDPRESS, PREVIEW])
def test_the_sharing_cards_writer_stands_beside_a_link_card(card: str) -> None:
    assert _authors(card, head=SHARING_CARD) == ("Dana Ellery",)


@pytest.mark.parametrize("card", [GHOST, WORDPRESS, PREVIEW, ""])
def test_the_pages_own_byline_stands(card: str) -> None:
    byline = '<p class="byline">By <span class="author-name">Dana Ellery</span></p>'
    assert _authors(card, byline=byline) == ("Dana Ellery",)
