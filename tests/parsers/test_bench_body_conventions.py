"""bench/body_conventions.py (b41): which lines of a page are of a convention's kind, and
whether the gold and our body hold them."""

from __future__ import annotations

from bench.body_conventions import AGENCY_ONLY_RE, held_in, kinds_of_page

STORY = [
    "The city council on Monday approved a five-year plan that adds three tram lines.",
    "The plan also replaces the entire bus fleet with electric buses by 2028, officials said.",
]
PAGE = (
    "<html><body><article><h1>Council approves plan</h1><p>March 5, 2017 10:42 AM</p>"
    f"<p>{STORY[0]}</p><figure><img src='a.jpg'><figcaption>Jane Doe/AP Photo</figcaption>"
    f"</figure><p>{STORY[1]}</p><p>Associated Press</p></article></body></html>"
)


def test_a_line_is_held_only_by_a_line_not_much_longer() -> None:
    lines = ["march 5 2017", "on march 5 2017 the council met and approved a long plan"]
    assert held_in("March 5, 2017", lines[:1])
    assert not held_in("March 5, 2017", lines[1:])


def test_agency_only_lines() -> None:
    assert AGENCY_ONLY_RE.search("The Associated Press")
    assert AGENCY_ONLY_RE.search("AFP, AP")
    assert not AGENCY_ONLY_RE.search("By Reuters")


def test_kinds_of_a_page_and_who_holds_them() -> None:
    gold = "\n".join(["March 5, 2017 10:42 AM", *STORY])
    body = "\n\n".join([*STORY, "Associated Press"])
    rows = kinds_of_page(PAGE, gold, body, start_only=False) or []
    assert ("date stamp over story", "March 5, 2017 10:42 AM", True, False) in rows
    assert ("credit in caption markup", "Jane Doe/AP Photo", False, False) in rows
    assert ("agency-only line", "Associated Press", False, True) in rows


def test_a_start_only_gold_judges_the_lines_over_the_story() -> None:
    rows = kinds_of_page(PAGE, "The city council on Monday approved a", "", start_only=True)
    assert rows == [("date stamp over story", "March 5, 2017 10:42 AM", False, False)]
