"""b57, category "a paywall's or login wall's access prompt": the lines a metered or
members-only page prints where the story stops or between its paragraphs, asking the reader
to log in, register or subscribe to go on ("Already a member? Login now", "Create an account
or sign in to continue with your reading experience.", "SUBSCRIBE TO UNLOCK MORE
ARTICLES"). Kept in the body on four measuring sets (dev: five sites; the second set's Google
News pages; extra; fundus's Postmedia, Nature, Le Monde), held by no truth there: a note
about the reader's access to the page, not a sentence of the story."""

from __future__ import annotations

import pytest

from tests.parsers.body_rule_pages import STORY, body, page

PROMPTS = [
    # Account walls: two actions, or one with what it gates.
    "Create an account or sign in to continue with your reading experience.",
    "Log in or create an account to continue",
    "Please create an account or login to read this story",
    "REGISTER / SIGN IN TO UNLOCK MORE ARTICLES",
    "Join or sign in",
    "Log in to access premium content and features on this site.",
    "Trying to save your favourites? Log in, or create an account.",
    "Already a member? Login now",
    "If you already have an account, simply login below.",
    # Subscription walls.
    "SUBSCRIBE TO UNLOCK MORE ARTICLES",
    "Subscribe now to read the latest news in your city and across Canada.",
    "Become a paid subscriber to Every to unlock this piece and learn about:",
    "Unlock this article — plus in-depth analysis, newsletters, premium events, and news alerts.",
    "THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY",
    "For free access to this article, you must be a member of HeraldTribune.com.",
    "Read more of this content when you subscribe today.",
    "Article réservé aux abonnés",
    "Il vous reste 57.09% de cet article à lire. La suite est réservée aux abonnés.",
]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_an_access_prompt_after_the_story_is_dropped(prompt: str) -> None:
    assert body(page(after=f"<p>{prompt}</p>")).split("\n\n") == STORY


def test_an_access_prompt_between_paragraphs_is_dropped() -> None:
    html = page(story=[*STORY[:2], "Already a member? Login now", *STORY[2:]])
    assert body(html).split("\n\n") == STORY


# Guards: lines that open like a prompt but are the story's (or a truth keeps them).
SENTENCES = [
    # WCXB dev keeps a subscriber's link to reports, and a blog's bare "Login here!".
    "Already a subscriber? View your reports here →",
    "Login here!",
    "Create an account (on the calendar here) to bookmark topics that interest you",
    # News about paywalls.
    "Readers must now create an account or log in to read more than five stories a month.",
    "The paper said subscribers to its print edition can log in to read every article.",
    # A quoted prompt is someone's words.
    "“Subscribe to unlock more articles,” the banner read, and readers left in droves.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_sentence_about_access_stays(sentence: str) -> None:
    assert sentence in body(page(after=f"<p>{sentence}</p>"))


# b57, category "a media player's control left as a line" (notices.VIEWER_LABEL_RE): the
# button's label alone, kept on dev (move.org), Dragnet's pages and fundus's Postmedia and
# CNBC, held by no truth. A bare "Video" or "Watch" is left (WCXB dev's truths keep them).
PLAYER_CONTROLS = ["Play Video", "Back to video", "watch now", "Play audio"]


@pytest.mark.parametrize("label", PLAYER_CONTROLS)
def test_a_media_players_control_is_dropped(label: str) -> None:
    assert body(page(before=f"<p>{label}</p>")).split("\n\n") == STORY


@pytest.mark.parametrize("label", ["Video", "Watch"])
def test_a_bare_media_label_stays(label: str) -> None:
    assert body(page(before=f"<h2>{label}</h2>")).startswith(label)
