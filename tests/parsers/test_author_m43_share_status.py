"""A copy-link button's label or status inside the byline element is no name (issue 17, m43).

Yahoo's article template (metascraper's yahoo-news page) puts its share bar inside the
byline element: the outlet's name, "Updated", the date, and the copy-link button whose
status span reads "Link Copied". The outlet's name is no person, so the status text was
taken for the author. "Copy link" and "Link copied" are navigation words now
(``parsers.author_words.ACTION_WORDS``); without them the first two cases give
``('Link Copied',)`` and ``('Copy Link',)``. The guard: a person named Link stays.
"""

from __future__ import annotations

import pytest

from parsers import extract

PARAGRAPH = "<p>" + " ".join(["The singer threw the gift out of the car window."] * 8) + "</p>"


def _page(byline: str) -> str:
    return (
        '<html lang="en"><head><title>A gift out of the window</title></head><body>'
        "<article><header><h1>A gift out of the window</h1></header>"
        f'<div class="caas-content-byline-wrapper">{byline}'
        '<div class="caas-attr-time-style">Updated <time datetime="2016-05-25T13:38:00Z">'
        "May 25, 2016</time></div>"
        '<button class="caas-copylink"><span class="caas-copylink-success">{status}</span>'
        "</button></div>"
        f"{PARAGRAPH * 6}</article></body></html>"
    )


URL = "https://news.example.com/a-gift-out-of-the-window-133800208.html"
OUTLET = '<div class="caas-attr-item-author"><span>Mic</span></div>'


@pytest.mark.parametrize("status", ["Link Copied", "Copy Link", "Link copied!"])
def test_a_copy_link_status_is_no_author(status: str) -> None:
    html = _page(OUTLET).replace("{status}", status)
    assert status.rstrip("!").casefold() not in [
        a.casefold() for a in extract(html, url=URL).authors
    ]


def test_a_person_named_link_is_still_an_author() -> None:
    html = _page('<div class="caas-attr-item-author"><span>Jordan Link</span></div>')
    html = html.replace("{status}", "Link Copied")
    assert extract(html, url=URL).authors == ("Jordan Link",)
