"""k41d, attacks on b41's agency-credit rule (parsers/body/credits.py): a line naming only
an agency is story, not a credit, where the line before asks a question or opens with a
colon, or is itself an agency line kept (``follows_an_opener``): an interview's answer
("Reuters."), a list of outlets set as paragraphs or as lines broken by ``<br>``. Section
headings naming agencies in a story about them are still dropped (strict xfail below)."""

from __future__ import annotations

import time

import pytest

from parsers.body.credits import follows_an_opener
from tests.parsers.body_rule_pages import STORY, body, page

OUTLETS = ["The Associated Press", "Reuters", "Agence France-Presse", "Bloomberg News"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Which outlet did you first work for after college?", "Reuters."),
        ('She asked the panel: "Who broke the story first?"', "The Associated Press."),
        ("Who took the picture that ran on every front page the next day?", "AFP"),
    ],
)
def test_an_agency_answering_a_question_stays(question: str, answer: str) -> None:
    after = f"<p>{question}</p><p>{answer}</p><p>{STORY[0]}</p>"
    assert body(page(after=after)).split("\n\n") == [*STORY, question, answer, STORY[0]]


def test_agencies_listed_as_paragraphs_after_a_colon_stay() -> None:
    intro = "The news organisations that signed the letter to the ministry were:"
    after = f"<p>{intro}</p>" + "".join(f"<p>{name}</p>" for name in OUTLETS)
    assert body(page(after=after)).split("\n\n") == [*STORY, intro, *OUTLETS]


def test_agencies_listed_as_broken_lines_after_a_colon_stay() -> None:
    after = "<p>The outlets that signed:<br>" + "<br>".join(OUTLETS) + "</p>"
    lines = body(page(after=after)).split("\n\n")
    assert lines[len(STORY) :] == ["The outlets that signed:", *OUTLETS]


def test_a_credit_after_a_statement_is_still_dropped() -> None:
    # The credit under a wire story's last sentence, or under a photo between two.
    html = page(after="<p>Associated Press</p>").replace(
        f"<p>{STORY[1]}</p>", f'<p>{STORY[1]}</p><div class="photo"><p>Reuters</p></div>'
    )
    assert body(html).split("\n\n") == STORY


@pytest.mark.parametrize(
    ("kept", "expected"),
    [
        ([], False),
        (["Officials said the plan would be costly."], False),
        (["The outlets were:"], True),
        (["Who was there?"], True),
        (['He asked: "Who was there?"'], True),
        (["He asked (who was there?)"], True),
        (["The outlets were:", "Reuters"], True),
        (["The panel asked three questions."], False),
    ],
)
def test_follows_an_opener(kept: list[str], expected: bool) -> None:
    assert follows_an_opener(kept) is expected


def test_a_hostile_last_line_costs_bounded_cpu() -> None:
    hostile = ["x" * 10**6 + '"' * 10**6, "?" + " " * 10**6 + "x", "Reuters " * 200_000]
    start = time.process_time()
    for _ in range(20):
        for line in hostile:
            follows_an_opener([line])
    assert time.process_time() - start < 1.0


@pytest.mark.xfail(
    strict=True,
    reason=(
        "left (k41d): a story about the agencies with a section heading per agency loses"
        " the headings; a credit set as <h3>-<h6> under a photo inside the story sits"
        " the same way between prose, and b41 measured such heading credits on the second set"
    ),
)
def test_section_headings_naming_agencies_stay() -> None:
    after = (
        "<h3>Reuters</h3><p>The London-based agency will cut about 200 jobs in its newsroom.</p>"
        "<h3>The Associated Press</h3><p>The New York cooperative froze hiring this year.</p>"
    )
    assert "Reuters" in body(page(after=after)).split("\n\n")


@pytest.mark.xfail(
    strict=True,
    reason=(
        "left (k41d): 'EPA' alone is the European Pressphoto Agency's credit and the US"
        " Environmental Protection Agency's section heading; capitals do not tell them apart"
    ),
)
def test_an_acronym_heading_of_a_government_agency_stays() -> None:
    after = "<h3>EPA</h3><p>The agency proposed tighter limits on soot from power plants.</p>"
    assert "EPA" in body(page(after=after)).split("\n\n")
