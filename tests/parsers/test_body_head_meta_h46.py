"""h46: date lines over the story that the lead-meta filter (lines.is_lead_meta) and the
post-date filter (lines.is_post_meta) missed: a numeric date with slashes, a law firm's
"On Behalf of" byline, an author's handle, Drupal's "Submitted on" line. Shapes taken from
the head lines of dev and second-set pages whose truths drop them."""

from __future__ import annotations

import pytest

from tests.parsers.body_rule_pages import STORY, body, page


@pytest.mark.parametrize(
    "line",
    [
        # A numeric date heading the byline line (dev: mises.org-style, an actuarial
        # society's blog; second: topicseed; a Spanish paper).
        "12/19/2025 • Friday Philosophy • David Gordon",
        "03/01/2017 by Agatha Caleo",
        "On 6/13/2018 by @lazharichir",
        "Patricio Candia | Palma de Mallorca | 08/01/2014",
        # A law firm's blog byline (the template of many law firms' sites).
        "On Behalf of O’Malley Tunstall PLLC | Apr 21, 2017 | Products Liability",
        "On Behalf of Smith & Jones LLP | Mar 3, 2024 | Personal Injury",
        # Drupal's default submitted line.
        "Submitted on Mon, 2019-01-21 13:49",
    ],
)
def test_a_date_line_over_the_story_is_dropped(line: str) -> None:
    assert body(page(before=f"<p>{line}</p>")).split("\n\n") == STORY


@pytest.mark.parametrize(
    "line",
    [
        "On behalf of the council, Jane Doe thanked the donors.",
        "On Behalf of the Families of the Missing | A Memorial",
        "12/19/2025 was the day the council voted on the tram plan.",
        "Submitted on time, the budget passed the council on Monday.",
        "24/7 coverage | Live",
    ],
)
def test_lines_shaped_like_date_lines_are_kept(line: str) -> None:
    assert body(page(before=f"<p>{line}</p>")).startswith(line)
