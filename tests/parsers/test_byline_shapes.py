"""Byline shapes found on unseen pages (issue 17, a29): each test names its category.

The pages are made up, shaped like the dev-set pages each category was found on
(blog themes that print "date · name", Blogger's post footer, brands named with a number).
"""

from __future__ import annotations

import json

import pytest

from parsers import extract
from parsers.authors import clean_author
from parsers.name_trims import is_numbered_brand
from tests.parsers.council_story import TEXT

URL = "https://blog.example.org/2025/12/19/council-plan/"


def page(head: str = "", meta_line: str = "", after: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><main><h1>Council approves transport plan</h1>"
        f"{meta_line}<div class='content'>{TEXT}</div>{after}</main></body></html>"
    )


@pytest.mark.parametrize(
    ("meta_line", "expected"),
    [
        # Category "date and name on one meta line" (no "By", no author markup).
        ("<div class='meta'>Dec. 19, 2025 · Jane Doe</div>", ("Jane Doe",)),
        (
            "<div class='meta'>December 15, 2025 · 30 min · 6279 words · Jane Doe</div>",
            ("Jane Doe",),
        ),
        # "on behalf of" names whom she wrote for, not a co-author.
        (
            "<div class='meta'>Dec. 19, 2025 · Jane Doe on behalf of "
            "<a href='/teams/vision'>Vision Doc group</a></div>",
            ("Jane Doe",),
        ),
        # The name in a block of its own after the separator.
        (
            "<div class='meta'><span>2025-12-17</span><span>·</span>"
            "<a title='Jane Doe'><div>Jane Doe</div></a></div>",
            ("Jane Doe",),
        ),
        # Guards: sections or tags beside the date are not a name.
        ("<div class='meta'>Sides, Sourdough · December 9, 2021</div>", ()),
        ("<div class='meta'>Ethereum • December 16, 2025</div>", ()),
        ("<div class='meta'>Dec 18, 2025 · 12 min read</div>", ()),
        # A bar sets a column's name beside the date (Dragnet, BBC Future).
        ("<div class='meta'>Future Thinking | 17 July 2012</div>", ()),
    ],
)
def test_date_and_name_meta_line(meta_line: str, expected: tuple[str, ...]) -> None:
    assert extract(page(meta_line=meta_line), url=URL).authors == expected


def test_posted_by_name_at_date_footer() -> None:
    # Category "Posted by NAME at DATE": Blogger's and Movable Type's post footer; the
    # name may be one word, the date ends it.
    after = "<span class='posted'>Posted by David at December 16, 2025 11:15 AM</span>"
    assert extract(page(after=after), url=URL).authors == ("David",)
    after = "<p class='post-footer'>Posted by Jane Doe on Tuesday, August 29, 2023</p>"
    assert extract(page(after=after), url=URL).authors == ("Jane Doe",)
    # The category between name and date goes.
    after = "<p class='post-footer'>Posted by jdoe in Auto Blog on Aug 9th, 2012</p>"
    assert extract(page(after=after), url=URL).authors == ("jdoe",)


def test_posted_by_colon_signs_a_comment() -> None:
    # Guard: "Posted by: NAME at DATE" signs a comment under the post (Movable Type, TypePad).
    after = "<p class='comment-footer'>Posted by: John at December 18, 2025 05:48 PM</p>"
    assert extract(page(after=after), url=URL).authors == ()


def test_a_brand_that_starts_with_a_number() -> None:
    # Category "a brand that starts with a number", printed after "By" and declared.
    by = "<div class='meta'><time>Feb 6, 2025</time><p>By 3i Global</p></div>"
    assert extract(page(meta_line=by), url=URL).authors == ("3i Global",)
    ld = {"@type": "BlogPosting", "headline": "Council approves transport plan",
          "author": {"@type": "Person", "name": "98 Buck Social"}}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert extract(page(head=head), url=URL).authors == ("98 Buck Social",)


@pytest.mark.parametrize("text", ["2 Comments", "5 Min Read", "12 Hours Ago", "2025", "10 Tips"])
def test_a_count_is_not_a_numbered_brand(text: str) -> None:
    assert not is_numbered_brand(text)
    assert clean_author(text) is None
