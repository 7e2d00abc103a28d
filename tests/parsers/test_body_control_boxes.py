"""b44: small boxes in the story built around one on/off control (parsers/body/controls.py,
the controls recorded by parsers/scan.py; fundus's ZEIT, GameStar and Tagesspiegel pages,
20 Minuten's polls: docs/BENCHMARKS.md "Body, b44").

Category "a consent placeholder for an embed": a box asking leave to load an embedded post
or video, with a checkbox to give it, goes; so does a poll's radio group. A list the reader
ticks (a checklist's items, a recipe's ingredients), a form with a field to type into, and a
CSS-only "Read more" toggle stay as they were."""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.tram_story import STADTRAT_STORY, STADTRAT_URL, page, paragraphs
from tests.parsers.tram_story import TRAM_STORY as STORY
from tests.parsers.tram_story import TRAM_URL as URL

# ZEIT's markup (class names as served), in the story between two paragraphs.
ZEIT_BOX = (
    "<div class='embed-wrapper embed-wrapper--blocked js-embed-consent'>"
    "<div class='embed-wrapper__inner'><div class='embed-wrapper__text'>"
    "<h3>Empfohlener redaktioneller Inhalt</h3><p>An dieser Stelle finden Sie externen Inhalt, "
    "der den Artikel ergänzt. Sie können sich hier alle externen Inhalte mit einem Klick "
    "anzeigen lassen oder wieder ausblenden.</p></div><div class='embed-consent'>"
    "<label class='embed-consent__toggle'><input class='js-embed-consent__toggle' "
    "type='checkbox'><span></span> Externer Inhalt</label>"
    "<a href='/hilfe/datenschutz'>Datenschutzerklärung</a></div>"
    "<div class='embed-wrapper__footer'><p>Ich bin damit einverstanden, dass mir externe "
    "Inhalte angezeigt werden. Damit können personenbezogene Daten an Drittplattformen "
    "übermittelt werden.</p></div></div></div>"
)
# Tagesspiegel's: hashed class names, the control straight among the paragraphs.
HASHED_BOX = (
    "<div class='B4br'><div class='Nbr Nbs'><div class='Nbv Nbt'><p class='Nbw'>Recommended "
    "editorial content</p><p>Here you will find external content chosen by our editors that "
    "adds information to the article. You can show or hide it with one click.</p>"
    "<input id='id_29' type='checkbox' class='Nby visually-hidden'>"
    "<label for='id_29' class='Nbx'>Show external content</label><p class='Nb2'>I agree to "
    "external content being shown to me. Personal data may be passed to third-party "
    "platforms.</p></div></div></div>"
)
POLL = (
    "<div class='sc-c0e0cae7-0'><div><p>Should the city build more tram lines?</p></div><div>"
    + "".join(
        f"<label><div class='sc-95-1'><input type='radio' name='poll-answer' value='{i}'></div>"
        f"<label class='sc-95-5'>{answer}</label></label>"
        for i, answer in enumerate(["Yes, absolutely.", "No, buses will do.", "I am not sure."])
    )
    + "</div></div>"
)


@pytest.mark.parametrize(
    ("box", "story", "url"),
    [(ZEIT_BOX, STADTRAT_STORY, STADTRAT_URL), (HASHED_BOX, STORY, URL), (POLL, STORY, URL)],
    ids=["zeit", "hashed", "poll"],
)
def test_a_box_around_one_control_in_the_story_goes(box: str, story: list[str], url: str) -> None:
    body = extract(page(paragraphs(story[:2]) + box + paragraphs(story[2:])), url=url).body
    assert body.split("\n\n") == story


def test_the_items_of_a_checklist_stay() -> None:
    # WCXB dev 4053: a buyer's checklist, each step a heading and a paragraph beside its
    # checkbox; the list is longer than a box, each step a box of its own, alike.
    steps = [
        (
            "Check the battery report",
            "Ask the seller for a verified battery health report "
            "rather than the dashboard estimate, and compare it with the figure the maker gives.",
        ),
        (
            "Read the warranty terms",
            "Most electric cars carry an eight-year battery warranty "
            "from new; check how much of it remains given the date of first registration.",
        ),
        (
            "Plan where you will charge",
            "A home garage, a workplace or public chargers: where "
            "you charge most decides how much the fast-charging speed of the car matters.",
        ),
        (
            "Match the range to your week",
            "Track a normal week of driving first, then make sure "
            "the range left after some wear still covers it with a buffer for winter days.",
        ),
        (
            "Compare the running costs",
            "Add the insurance, the charger at home and the "
            "expected savings on fuel before comparing a new model with a used one.",
        ),
    ]
    checklist = (
        "<div class='steps'>"
        + "".join(
            f"<div class='step'><input type='checkbox'><h4>{head}</h4><p>{text}</p></div>"
            for head, text in steps
        )
        + "</div>"
    )
    body = extract(page(paragraphs(STORY[:2]) + checklist + paragraphs(STORY[2:])), url=URL).body
    assert all(text in body for _, text in steps)


def test_a_list_with_several_checkboxes_stays() -> None:
    # WCXB dev 4159: a recipe's ingredients, each ticked off as it goes in.
    items = ["400 grams of bread flour", "280 grams of lukewarm water", "8 grams of sea salt"]
    ingredients = (
        "<div class='recipe-ingredients'><ul>"
        + "".join(
            f"<li><input type='checkbox' class='wprm-checkbox'> {item}</li>" for item in items
        )
        + "</ul></div>"
    )
    body = extract(page(paragraphs(STORY[:2]) + ingredients + paragraphs(STORY[2:])), url=URL).body
    assert all(item in body for item in items)


def test_a_box_with_a_field_to_type_into_stays() -> None:
    # WCXB dev 4460: a writer's sign-up box (an email field, "Remember me"), which the gold keeps.
    signup = (
        "<div class='qm'><h2>Get Jane Doe's stories in your inbox</h2><p>Join for free to get "
        "updates from this writer.</p><div><input type='text' placeholder='Enter your email'>"
        "</div><label><input type='checkbox' checked><p>Remember me for faster sign in</p>"
        "</label></div>"
    )
    body = extract(page(paragraphs(STORY[:2]) + signup + paragraphs(STORY[2:])), url=URL).body
    assert "Get Jane Doe's stories in your inbox" in body


def test_a_css_toggle_over_the_storys_folded_tail_stays() -> None:
    # k43's shape, wrapped: the checkbox and the folded paragraphs in one small box.
    toggle = (
        "<div class='more'><input type='checkbox' class='peer' id='more'>"
        "<label for='more'>Read more</label>"
        f"<div class='hidden peer-checked:block'>{paragraphs(STORY[3:])}</div></div>"
    )
    body = extract(page(paragraphs(STORY[:3]) + toggle), url=URL).body
    assert body.split("\n\n") == STORY
