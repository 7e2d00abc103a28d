"""k57, attack on b57's access prompts (``parsers/body/walls.py``): a press release of an
official body may end on its own call to action, asking the reader to register, sign in or
join for something of the body's ("Register to view the hearing online at ...", "Join today
to continue the fight against human trafficking."). b57's one-action form took any "to
continue/read/access/view/save ..." after the action, so these were dropped as a paywall's
prompt. A wall gates reading: the one-action form now asks that the purpose be going on
reading or an article, story, piece or content (b57's prompts all are); the two-action and
"If you already have an account" forms the same. Sentences of the story that mention
members, logging in or a video, and prompts in other languages, stay as before.
"""

from __future__ import annotations

import pytest

from tests.parsers.body_rule_pages import STORY, body, page

CALLS = [
    "Register to view the hearing online at www.parliament.example.org.",
    "Register now to access the webinar on 30 July.",
    "Join today to continue the fight against human trafficking.",
    "Sign up to read the full report on the agency's website.",
    "Log in to access the victims' support portal at www.help.example.org.",
    "Become a member to access our free training resources for frontline workers.",
    "Join or register to continue supporting survivors.",
    "Register or log in to view the full programme of the conference.",
    "Create an account to access the reporting tool for suspected cases.",
    "If you already have an account, sign in to the e-services portal to submit your claim.",
]
HELD = [
    "Members of the committee who log in to the portal can read the full report.",
    "Register to attend the briefing.",
    "Join us to continue the fight.",
    "Зарегистрируйтесь, чтобы продолжить работу с порталом.",
    "Inscrivez-vous pour participer à la consultation publique.",
]


@pytest.mark.parametrize("line", CALLS + HELD)
def test_a_call_to_action_of_the_issuing_body_stays(line: str) -> None:
    assert body(page(after=f"<p>{line}</p>")).split("\n\n") == [*STORY, line]


# Streaming, video: a sentence of the story naming a player's action is no control.
STORY_LINES = [
    "Play the video below to hear the minister's statement.",
    "Subscribers of the streaming service can watch now or later on any device.",
]


@pytest.mark.parametrize("line", STORY_LINES)
def test_a_sentence_naming_a_players_action_stays(line: str) -> None:
    assert body(page(after=f"<p>{line}</p>")).split("\n\n") == [*STORY, line]


# A step of the body's own procedure in a list is no wall's prompt: "Create an account or
# log in." was dropped. (A table cell is left to the rule: Google News fb5075ce's wall is a
# <td> "Please create an account or login to read this story", one of b57's gains.)
STEPS = [
    "<ol><li>Create an account or log in.</li><li>Fill in the application form for your "
    "region.</li><li>Upload the documents listed in the call.</li></ol>",
    "<ul><li>Create an account or log in.</li><li>Choose the training course.</li></ul>",
]


@pytest.mark.parametrize("steps", STEPS)
def test_a_step_in_a_list_stays(steps: str) -> None:
    lines = body(page(after=f"<p>To apply for the grant:</p>{steps}")).split("\n\n")
    assert lines[len(STORY) + 1] == "Create an account or log in."
