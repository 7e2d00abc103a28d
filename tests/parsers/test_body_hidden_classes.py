"""b43: elements a reader never sees, told by their class words (parsers/body/hidden.py,
read by parsers/body/elements.py's ``excluded_ranges``; fundus's Postmedia pages, WCXB dev
and Dragnet pages: docs/BENCHMARKS.md "Body, b43").

Category "hidden by a utility class": a box hidden with Tailwind's or Bootstrap's class
("hidden", "d-none") leaves the body as one hidden by the attribute does, unless a breakpoint
variant shows it ("hidden md:block"), it is a table's cell, or it reads like the story or is
one of a series of folded panels (an accordion's answers, their ids numbered).
Category "text for screen readers only": "visually-hidden", "sr-only" and the like."""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.tram_story import TRAM_STORY as STORY
from tests.parsers.tram_story import TRAM_URL as URL

PITCH = [
    "THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY",
    "Subscribe now to read the latest news in your city and across the country.",
    "Unlimited online access to fifteen news sites with one account.",
]


def page(inside: str, between: str = "") -> str:
    first, *rest = STORY
    paragraphs = between.join(f"<p>{p}</p>" for p in rest)
    return (
        "<html><head><title>Council approves tram plan</title></head><body><article>"
        f"<h1>Council approves tram plan</h1><div class='article-body'><p>{first}</p>"
        f"{between}{paragraphs}{inside}</div></article></body></html>"
    )


def pitch_box(classes: str) -> str:
    head, *items = PITCH
    lines = "".join(f"<li>{item}</li>" for item in items)
    return f"<div class='{classes}'><div class='h2'>{head}</div><ul>{lines}</ul></div>"


@pytest.mark.parametrize("classes", ["intro-body__premium hidden", "intro-box d-none"])
def test_a_box_hidden_by_a_utility_class_leaves_the_body(classes: str) -> None:
    body = extract(page(pitch_box(classes)), url=URL).body
    assert body.split("\n\n") == STORY


@pytest.mark.parametrize("classes", ["intro-box hidden md:block", "intro-box d-none d-lg-flex"])
def test_a_box_shown_on_wider_screens_stays(classes: str) -> None:
    body = extract(page(pitch_box(classes)), url=URL).body
    # The box's last line is the witness: its second, "Subscribe now to read ...", is a
    # paywall's access prompt, a line dropped wherever it stands (b57, walls.py).
    assert PITCH[2] in body


def test_the_story_hidden_by_a_utility_class_stays() -> None:
    # Streaming-rendered pages park the story in a hidden block: it reads like the story.
    story = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        "<html><head><title>Council approves tram plan</title></head><body><article>"
        f"<h1>Council approves tram plan</h1><div class='article-body'><p>{STORY[0]}</p>"
        f"<div class='rest hidden'>{story}</div></div></article></body></html>"
    )
    body = extract(html, url=URL).body
    for paragraph in STORY:
        assert paragraph in body


def test_an_accordions_answers_hidden_by_a_utility_class_stay() -> None:
    # WCXB dev's FAQ accordions: every answer but the first in "... hidden", ids numbered
    # (three alike hidden panels are a series: hidden.MIN_HIDDEN_SERIES).
    answers = [
        "The most popular software is the one most taxpayers know, but free options exist.",
        "Several free options could be better for taxpayers who qualify for them this year.",
        "Professionals mostly use the software their firm has licensed for many years.",
        "Filing early leaves more time to fix a mistake before the deadline in the spring.",
    ]
    panels = "".join(
        f"<h3>Question number {i}?</h3><div id='content-{i}' "
        f"class='accordion-content {'block' if i == 1 else 'hidden'}'><p>{answer}</p></div>"
        for i, answer in enumerate(answers, start=1)
    )
    body = extract(page(f"<div class='accordion'>{panels}</div>"), url=URL).body
    for answer in answers:
        assert answer in body


def test_text_for_screen_readers_only_leaves_the_body() -> None:
    # Postmedia: an "Article content" label before each group of paragraphs.
    label = "<div class='visually-hidden'>Article content</div>"
    body = extract(page("", between=label), url=URL).body
    assert body.split("\n\n") == STORY


@pytest.mark.parametrize("classes", ["sr-only", "screen-reader-text"])
def test_other_screen_reader_classes_leave_the_body(classes: str) -> None:
    label = f"<div class='{classes}'>Skip past the advertisement below</div>"
    body = extract(page("", between=label), url=URL).body
    assert body.split("\n\n") == STORY


def test_a_table_column_hidden_by_a_utility_class_stays() -> None:
    # WCXB dev's product comparison table: its sort keys in a "hidden" column are its data.
    rows = "".join(
        f"<tr><td class='hidden'>{rank}</td><td>Model {name} electric tram</td><td>{seats} seats"
        "</td></tr>"
        for rank, name, seats in [(3, "Alpha", 180), (1, "Beta", 220), (2, "Gamma", 200)]
    )
    head = "<tr><th class='hidden'>Rank</th><th>Model</th><th>Seats</th></tr>"
    table = f"<table>{head}{rows}</table>"
    body = extract(page(table), url=URL).body
    assert "Rank" in body
