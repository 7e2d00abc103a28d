"""The site's name in a header <h1> classed as the header's branding block (issue 17, p38:
``parsers.title.LOGO_RE``): BEM themes name it "l-header__branding" or "header__branding"
("site-branding" was already read as a logo). The headline's <h1> further down wins over it.
The rule's cases fail without it (the site's name is given); the guards pass both ways."""

from __future__ import annotations

import pytest

from parsers import extract

BODY = "<p>" + " ".join(["The musical came back to the screen after decades away."] * 8) + "</p>"
URL = "https://www.rollingstone.example/movies/features/la-la-land-musical-123/"
HEADLINE = "‘La La Land’: How a Young Filmmaker Resurrected the Hollywood Musical"


# A feature's header: the headline, then more blocks (credits, share links, a gallery's
# captions) than the window in which an <h1> counts as the one over the story.
FURNITURE = "".join(f"<p>Credit line number {i}</p>" for i in range(16))


def _title(banner_class: str, banner: str = "Rolling Stone") -> str | None:
    html = (
        "<html><head><title>How 'La La Land' Resurrected the Hollywood Musical - Rolling Stone"
        f'</title></head><body><header><h1 class="{banner_class}"><a href="/">{banner}</a>'
        f'</h1></header><div class="l-article-header"><h1 class="l-article-header__row">'
        f'{HEADLINE}</h1>{FURNITURE}</div><div class="c-content">{BODY * 4}</div></body></html>'
    )
    return extract(html, url=URL).title


@pytest.mark.parametrize("banner_class", ["l-header__branding", "header__branding t-bold",
                                          "Header-branding"])
def test_a_branding_h1_is_the_site_not_the_headline(banner_class: str) -> None:
    assert _title(banner_class) == HEADLINE


@pytest.mark.parametrize("banner_class", ["site-branding", "navbar-brand", "logo"])
def test_the_logo_classes_read_before_stay_logos(banner_class: str) -> None:
    assert _title(banner_class) == HEADLINE


def test_a_word_ending_in_branding_inside_a_class_is_no_logo_class() -> None:
    # "rebranding-story" is a story's class, not the header's branding block: only a
    # whole class token ending in "branding" after a separator counts.
    from parsers.title import LOGO_RE

    assert LOGO_RE.search("rebranding-story") is None
    assert LOGO_RE.search("l-header__branding") is not None
