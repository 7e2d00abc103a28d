"""b46's outlet pitches and topic labels closing a story (``parsers/body/tail.py``:
FOLLOW_PITCH_RE, OUTLET_PITCH_RE, TOPIC_LABEL_RE), moved here from test_body_end_cuts.py
(k46: that module had grown past ~400 lines), with k46's guards: a story's own last lines
that report a newsletter, e-mail alerts or an appeal stay.
"""

from __future__ import annotations

import pytest

from tests.parsers.body_rule_pages import LONG_STORY, body, page


@pytest.mark.parametrize(
    "pitch",
    [
        # category "a follow pitch naming the outlet and its networks"
        "Follow AP on Facebook, X, Instagram, YouTube and TikTok",
        "Visit the FDA on Facebook, Flickr, YouTube and Twitter",
        "Follow Metro.co.uk on Twitter and Facebook for the latest news updates.",
        "Follow TechRadar on Google News to get our expert news and reviews in your feeds.",
        # category "a newsletter pitch inside a sentence"
        "Please bookmark nationalpost.com and sign up for our daily newsletter, Posted, here.",
        "Get Free E-mail Alerts on These Topics",
        "To receive these entries once a month by e-mail, sign up for the Crypto-Gram "
        "Newsletter.",
        "Start Receiving PR-inside.com News Headlines per email",
        "Subscribe to receive monthly updates about the institute's work.",
        # category "a donation pitch"
        "Since you made it to the bottom of this article, we have a small favor to ask.",
        "If you've enjoyed this interview, please support us by donating a small amount.",
        "In these difficult times we ask you to support The Portugal News by making a "
        "contribution.",
        "Consider a donation if you like what you see here!",
    ],
)
def test_an_outlet_pitch_after_the_story_cuts_the_rest(pitch: str) -> None:
    after = f"<p>{pitch}</p><p>We send one e-mail a week and never share your address.</p>"
    assert body(page(after=after, story=LONG_STORY)).split("\n\n") == LONG_STORY


@pytest.mark.parametrize(
    "line",
    [
        "Follow the river on foot for two miles to reach the old mill.",
        "Police found the suspect on Facebook, the statement said.",
        "Follow hashtag #njstorm on Twitter for information about the storm's effect.",
        "Follow Marcas on Twitter @MarcasG",
        "Support the Bridge Restoration project by donating to the Kickstarter.",
        "Residents who sign up for the council's e-mail alerts, the mayor said, hear first.",
        # k46: each cut on main 18984ba (the line and the story's next paragraph).
        "Residents can sign up for the free emergency email alerts on the county website.",
        "Parents will receive email updates from the district while the repairs go on.",
        "Voters can get email alerts when their ballot is received by signing up online.",
        "Those who sign up for the free weekly newsletter, which launched on Monday, get the "
        "digest each Friday.",
        "The charity, which has a small favour to ask of every household this Christmas, hopes "
        "to raise two million pounds.",
        "In their letter the bishops wrote: we ask you to support the families of the miners.",
        "Please consider donating to the Maui Strong Fund, the foundation's appeal for the "
        "families who lost their homes.",
    ],
)
def test_lines_shaped_like_outlet_pitches_after_the_story_are_kept(line: str) -> None:
    after = f"<p>{line}</p><p>The council meets again on Tuesday to vote on the plan.</p>"
    text = body(page(after=after, story=LONG_STORY))
    assert line in text and "meets again on Tuesday" in text


@pytest.mark.parametrize(
    "label",
    [
        "Explore more on these topics",
        "Part of complete coverage on",
        "MORE ABOUT",
        "Schlagwörter zu diesem Artikel",
        "#Themen",
        "Archivado En",
        "İlgili konular",
    ],
)
def test_a_topic_label_closing_the_story_cuts_the_rest(label: str) -> None:
    # b46, tail.TOPIC_LABEL_RE: the label stays alone once its topic links are dropped.
    after = f"<p>{label}</p><p>Trams return to the old town</p>"
    assert body(page(after=after, story=LONG_STORY)).split("\n\n") == LONG_STORY


def test_a_topic_label_inside_the_story_is_kept() -> None:
    story = [*LONG_STORY[:2], "Topics", *LONG_STORY[2:]]
    assert body(page(story=story)).split("\n\n") == story
