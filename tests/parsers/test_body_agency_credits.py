"""b41: a line naming only a news or picture agency is a credit, not the story
(parsers/body/credits.py, category "credits of wire stories and their pictures"): the
gold texts of every set we may use lack it (docs/BENCHMARKS.md, "Body, b41"). "(AP)"
alone, a sentence naming an agency, a data table and a list of agencies stay."""

from __future__ import annotations

import pytest

from parsers.body.credits import is_agency_credit
from tests.parsers.body_rule_pages import STORY, body, page

CREDITS = [
    # Google News' (second set) wire stories and photo credits, as the pages print them.
    "The Associated Press",
    "THE ASSOCIATED PRESS",
    "Associated Press",
    "Reuters",
    "- REUTERS",
    "© Reuters",  # also a rights notice (lines.is_rights_notice): dropped before b41 too
    "AFP, AP",
    "- AAP",
    "Press Association",
    "Agence France-Presse",
    "Staff and agencies",
    # Dragnet's photo credits under a picture; Readability's (The Independent's).
    "AP",
    "AP file",
    "Reuters file",
    "/Associated Press",
    "GETTY IMAGES",  # also lines.BOILERPLATE_RE's: dropped before b41 too
    "EPA",
]
KEPT_LINES = [
    "(AP)",  # the wire's dateline split off the first sentence: Google News' gold keeps it
    "(AFP)",
    "Reuters reported that the council had approved the plan on Monday.",
    "AP reporters were at the scene.",
    "Associated Press writer Jane Doe contributed to this report.",
    "Ap",
    "pa",
]


@pytest.mark.parametrize("credit", CREDITS)
def test_a_line_naming_only_an_agency_is_dropped(credit: str) -> None:
    html = page(before=f"<p>{credit}</p>", after=f"<p>{credit}</p>")
    assert body(html).split("\n\n") == STORY


@pytest.mark.parametrize("credit", CREDITS)
def test_an_agency_credit_in_a_picture_box_inside_the_story_is_dropped(credit: str) -> None:
    figure = f'<div class="photo"><img src="a.jpg"><p class="credit">{credit}</p></div>'
    html = page(story=STORY[:2]).replace(f"<p>{STORY[1]}</p>", f"<p>{STORY[1]}</p>{figure}")
    assert body(html).split("\n\n") == STORY[:2]


@pytest.mark.parametrize("line", KEPT_LINES)
def test_a_bracketed_dateline_credit_or_a_sentence_naming_an_agency_stays(line: str) -> None:
    assert not is_agency_credit(line)
    assert body(page(after=f"<p>{line}</p>")).split("\n\n") == [*STORY, line]


def test_a_data_table_or_a_list_of_agencies_stays() -> None:
    rows = "".join(
        f"<tr><td>{name}</td><td>{city}, founded in {year} as a cooperative of papers</td></tr>"
        for name, city, year in (
            ("Reuters", "London", 1851),
            ("AFP", "Paris", 1835),
            ("AP", "New York", 1846),
        )
    )
    table = f"<table><tr><th>Agency</th><th>Where and when</th></tr>{rows}</table>"
    sources = "<p>Sources for this story:</p><ul><li>Reuters</li><li>Associated Press</li></ul>"
    lines = body(page(after=f"{table}{sources}")).split("\n\n")
    for name in ("Reuters", "AFP", "AP", "Associated Press"):
        assert name in lines
    assert lines.count("Reuters") == 2  # the cell and the list item


def test_a_credit_in_a_layout_tables_cell_is_dropped() -> None:
    # Google News' older portals: the wire credit in a byline table under the headline.
    credit = '<table class="byln"><tr><td class="byln">The Associated Press</td></tr></table>'
    assert body(page(before=credit)).split("\n\n") == STORY


@pytest.mark.parametrize("tag", ["h3", "h4", "h6"])
def test_an_agency_credit_set_as_a_heading_is_dropped(tag: str) -> None:
    # The Boston Globe's and Google News pages' credits under a photo or a wire story.
    credit = f'<{tag} class="credit">Associated Press</{tag}>'
    assert body(page(before=credit, after=credit)).split("\n\n") == STORY


def test_a_hostile_long_line_costs_bounded_cpu() -> None:
    import time

    hostile = ["AP / " * 200_000, "Associated Press " + "and AP " * 100_000, "AP" + " " * 10**6]
    start = time.process_time()
    for _ in range(20):
        for line in hostile:
            assert not is_agency_credit(line)
    assert time.process_time() - start < 0.5
