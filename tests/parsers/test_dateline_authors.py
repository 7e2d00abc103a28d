"""Datelines and author bylines."""

from __future__ import annotations

import pytest

from parsers.authors import clean_author, dedupe, split_byline
from parsers.dateline import parse_dateline


@pytest.mark.parametrize(
    ("body", "place", "agency"),
    [
        ("MINSK, 16 November (BelTA) - On 15 November, ...", "MINSK", "BelTA"),
        ("MINSK, 3 March (BelTA) – Belarus and ...", "MINSK", "BelTA"),
        ("GRODNO, 14 November (BelTA) — Belarus increased ...", "GRODNO", "BelTA"),
        ("VIENNA, 19 April 2023 – The Board ...", "VIENNA", None),
        ("UNITED NATIONS, 15 November – The Third Committee ...", "UNITED NATIONS", None),
        ("МИНСК, 16 ноября (БЕЛТА) - Текст", "МИНСК", "БЕЛТА"),
        ("MINSK (BelTA) - Text", "MINSK", "BelTA"),
    ],
)
def test_datelines(body: str, place: str, agency: str | None) -> None:
    assert parse_dateline(body) == (place, agency)


@pytest.mark.parametrize(
    "body",
    [
        "On 15 November, the Third Committee adopted ...",
        "Minsk, 16 November - mixed case is not a dateline",
        "NOTE - an upper-case word and a dash alone is not a dateline",
        "",
    ],
)
def test_not_datelines(body: str) -> None:
    assert parse_dateline(body) == (None, None)


def test_clean_author_strips_by_and_roles() -> None:
    assert clean_author("By Jane Doe") == "Jane Doe"
    assert clean_author("Written by: Sean Peek, Senior Analyst") == "Sean Peek"
    assert clean_author("Jane Doe | Staff Writer") == "Jane Doe"
    assert clean_author("https://example.com/authors/jane") is None
    assert clean_author("Updated 12:30") is None


def test_split_byline_and_dedupe() -> None:
    assert split_byline("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert split_byline("Dylan Bailey, MS, RD") == ["Dylan Bailey"]
    assert dedupe(["Jane Doe", "jane doe", "John Roe"]) == ("Jane Doe", "John Roe")
