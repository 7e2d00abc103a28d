"""A picture's agency credit after a spaced slash is a caption line (issue 17, g39, category
"picture credits", ``parsers.body.credits.CAPTION_CREDIT_RE``): "Jane Doe / Getty Images"
opened a news magazine's body in goose3's fixtures; the pattern read only the glued
"Jane Doe/Getty Images". A credit label in parentheses ("(Credit: Jane Doe/CNET)") was
tried and dropped (the second set's Dragnet truths keep it on 7 pages and leave it out on
8): it stays, as the last test states. The rule's cases fail without it; the guards pass
both ways."""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.body.credits import is_credited_caption
from parsers.body.lines import BOILERPLATE_RE

STORY = "".join(
    f"<p>The harbour authority said on Tuesday that works on pier {i} would resume next "
    "month after the ministry approved the revised budget for the project.</p>"
    for i in range(5)
)


@pytest.mark.parametrize(
    "line", ["Win McNamee / Getty Images", "Jane Doe / Getty Images", "Jane Doe / Shutterstock"]
)
def test_an_agency_credit_after_a_spaced_slash_is_a_caption(line: str) -> None:
    assert is_credited_caption(line)


@pytest.mark.parametrize("credit", ["<div class='credit'>Win McNamee / Getty Images</div>",
                                    "<div><span>Jane Doe / Shutterstock</span></div>"])
def test_the_credit_does_not_open_the_body(credit: str) -> None:
    html = (
        "<html><head><title>Pier works resume</title></head><body><article>"
        f"<h1>Pier works resume</h1><img src='/pier.jpg' alt=''>{credit}{STORY}"
        "</article></body></html>"
    )
    body = extract(html, url="https://news.example.com/pier").body
    assert body.startswith("The harbour authority said on Tuesday")


@pytest.mark.parametrize(
    "line",
    [
        "(Credit: Jane Doe/CNET)",
        "Credit unions / banks: a comparison",
        "The pictures were sold to Getty Images",
    ],
)
def test_guards(line: str) -> None:
    # A credit label in parentheses (left, see above), a label that only holds a slash,
    # and a sentence naming the agency stay.
    assert not BOILERPLATE_RE.match(line) and not is_credited_caption(line)
