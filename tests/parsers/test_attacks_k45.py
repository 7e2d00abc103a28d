"""k45: attacks on session 45's parser rules (docs/BENCHMARKS.md "k45: attacks on this
session's landings"). Each case is a page a real site could serve that a new rule read
wrong; each fails without its fix. Guards of what held are in the rule's own tests."""

from __future__ import annotations

from parsers import extract
from tests.parsers.tram_story import TRAM_STORY as STORY
from tests.parsers.tram_story import TRAM_URL as URL
from tests.parsers.tram_story import page, paragraphs

QUOTE = (
    "We will keep the old depot open until the last bus has been replaced, whatever the "
    "auditor says."
)


def test_a_quote_attribution_before_its_blockquote_stays() -> None:
    # b45 (body/captions.py) kept a figcaption after the figure's blockquote as the quote's
    # attribution; HTML lets the caption come first too, and that one was dropped as a
    # picture's caption (story text lost).
    figure = (
        "<figure><figcaption><p>Jane Doe, head of the transport committee</p></figcaption>"
        f"<blockquote><p>{QUOTE}</p></blockquote></figure>"
    )
    body = extract(page(paragraphs(STORY[:2]) + figure + paragraphs(STORY[2:])), url=URL).body
    assert "Jane Doe, head of the transport committee" in body
    assert QUOTE in body
