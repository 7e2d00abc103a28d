"""A consent manager's banner and preference centre are never the story (issue 17, p38:
``parsers.body.labels.HARD_WORDS``, "onetrust", "optanon"): OneTrust's SDK puts its
"Strictly Necessary Cookies ... Your Privacy" text in ``#onetrust-consent-sdk`` (older
releases: ``optanon-*``); on two pages of the fourth measuring set (a news site's and a
lifestyle site's) its text outscored a story of about the same length and was given as the
body. The names now mark it HARD like "cookie" and "popup". The rule's cases fail without
it; the guards pass both ways."""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.body.labels import HARD, POSITIVE, label_kind


@pytest.mark.parametrize(
    "label",
    ["onetrust-consent-sdk", "onetrust-pc-sdk otpccenter", "onetrust-banner-sdk",
     "optanon-alert-box-wrapper", "optanon-popup-wrapper"],
)
def test_the_consent_managers_containers_are_never_the_story(label: str) -> None:
    assert label_kind(label) & HARD


@pytest.mark.parametrize("label", ["article-body", "story-content", "trust-and-safety-report"])
def test_story_containers_and_other_trust_words_are_not_marked(label: str) -> None:
    kind = label_kind(label)
    assert not kind & HARD
    assert kind & POSITIVE or label.startswith("trust")


STORY = "".join(
    f"<p>The harbour authority said on Tuesday that works on pier {i} would resume next "
    "month after the ministry approved the revised budget for the project.</p>"
    for i in range(5)
)
CENTRE = "".join(
    f"<p>Strictly Necessary Cookies number {i}: these cookies are necessary for the website "
    "to function and cannot be switched off in our systems. They are usually only set in "
    "response to actions made by you which amount to a request for services, such as setting "
    "your privacy preferences, logging in or filling in forms.</p>"
    for i in range(2)
)


@pytest.mark.parametrize("sdk", ['id="onetrust-consent-sdk"', 'class="optanon-alert-box-wrapper"'])
def test_a_preference_centre_beside_the_story_is_not_in_the_body(sdk: str) -> None:
    # The whole page through extract (lead's review): the centre after the story's
    # container, a sibling under <body>, was appended to the body without the rule.
    # Limit (not covered): a centre holding half the page's text or more is read as a
    # misnamed wrapper (body.score.MISNAMED_MIN_SHARE) and stays.
    html = (
        "<html><head><title>Harbour works resume</title></head><body>"
        '<header><a href="/">Site</a></header>'
        f'<div class="content"><h1>Harbour works resume</h1>{STORY}</div>'
        f"<div {sdk}><h2>Your Privacy</h2>{CENTRE}</div></body></html>"
    )
    body = extract(html, url="https://example.org/news/harbour-works").body
    assert "pier 4 would resume" in body
    assert "Cookies" not in body
