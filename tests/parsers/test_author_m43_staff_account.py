"""A staff account declared, a person printed (issue 17, m43, metascraper's set).

Wired's JSON-LD names "WIRED Staff" while the byline prints "Author: Adam Rogers"; Ars
Technica's names "Ars Staff" over "Chris Stokel-Walker". A credit of a few words ending in
"Staff" is the account that posted the piece (``parsers.authors.is_weak``), so the printed
byline wins; without the rule the cases give the staff credit. Guards: with no printed
byline the declared credit stays; a declared person is not overridden by it.
"""

from __future__ import annotations

import json

import pytest

from parsers import extract

PARAGRAPH = "<p>" + " ".join(["The iceberg broke away from the shelf in the night."] * 8) + "</p>"
URL = "https://www.example.com/story/giant-antarctic-icebergs"


def _page(declared: str, byline: str) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Giant Antarctic icebergs",
        "author": {"@type": "Person", "name": declared},
        "publisher": {"@type": "Organization", "name": "WIRED"},
    }
    return (
        '<html lang="en"><head><title>Giant Antarctic icebergs | WIRED</title>'
        '<meta property="og:site_name" content="WIRED">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body><article>'
        f"<h1>Giant Antarctic icebergs</h1>{byline}{PARAGRAPH * 6}</article></body></html>"
    )


BYLINE = (
    '<span class="byline-component"><span class="byline-component__label">Author:</span> '
    '<span class="byline-component__content" itemprop="author">'
    '<a rel="author" href="/author/adam-rogers/">Adam Rogers</a></span></span>'
)


@pytest.mark.parametrize("declared", ["WIRED Staff", "Ars Staff", "The Verge Staff"])
def test_the_printed_person_beats_a_declared_staff_account(declared: str) -> None:
    assert extract(_page(declared, BYLINE), url=URL).authors == ("Adam Rogers",)


def test_a_staff_account_alone_stays() -> None:
    assert extract(_page("WIRED Staff", ""), url=URL).authors == ("WIRED Staff",)


def test_a_declared_person_is_kept_over_another_printed_name() -> None:
    assert extract(_page("Jane Doe", BYLINE), url=URL).authors == ("Jane Doe",)
