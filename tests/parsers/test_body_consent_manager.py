"""A consent manager's banner and preference centre are never the story (issue 17, p38:
``parsers.body.labels.HARD_WORDS``, "onetrust", "optanon"): OneTrust's SDK puts its
"Strictly Necessary Cookies ... Your Privacy" text in ``#onetrust-consent-sdk`` (older
releases: ``optanon-*``); on two pages of the fourth measuring set (a news site's and a
lifestyle site's) its text outscored a story of about the same length and was given as the
body. The names now mark it HARD like "cookie" and "popup". The rule's cases fail without
it; the guards pass both ways."""

from __future__ import annotations

import pytest

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
