"""A help credit alone is no byline (issue 17, a38b): a story's closing line "Additional
reporting by John Roe", "(Editing by John Roe)" or a wire story's "(Additional reporting by
John Roe; Editing by Mary Poe)" credits help, not the writer, and names no author; the
writer printed before it on the same line still counts. Not "Reporting by Jane Doe;
Editing by John Roe": a wire story's reporter is its author (fundus' Reuters truths)."""

from __future__ import annotations

import pytest

from parsers import extract

BODY = "<p>" + " ".join(["The council voted on Tuesday to approve the budget."] * 8) + "</p>"
URL = "https://news.example.com/2025/04/21/council-budget"


def _authors(credit: str, byline: str = "") -> tuple[str, ...]:
    html = (
        '<html lang="en"><head><title>Council budget</title></head><body><article>'
        f"<h1>Council budget</h1>{byline}{BODY * 4}<p>{credit}</p></article></body></html>"
    )
    return extract(html, url=URL).authors


@pytest.mark.parametrize(
    "credit",
    [
        "Additional reporting by John Roe",
        "(Additional reporting by John Roe in Baidoa)",
        "Further reporting by John Roe",
        "Editing by John Roe",
        "(Editing by John Roe)",
        "Edited by John Roe",
        "(Additional reporting by John Roe; Editing by Mary Poe)",
        "– additional reporting by John Roe",
    ],
)
def test_a_help_credit_alone_names_nobody(credit: str) -> None:
    assert _authors(credit) == ()


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        ("Jane Doe, additional reporting by John Roe", ("Jane Doe",)),
        ("Jane Doe; editing by John Roe", ("Jane Doe",)),
    ],
)
def test_the_writer_before_a_help_credit_without_with(credit: str, names: tuple[str, ...]) -> None:
    assert _authors(credit) == names


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        # Guards, right before the rule: the reporter is the wire story's author.
        ("(Reporting by Jane Doe; Editing by John Roe)", ("Jane Doe",)),
        ("Reporting by Jane Doe", ("Jane Doe",)),
    ],
)
def test_a_wire_reporter_stays(credit: str, names: tuple[str, ...]) -> None:
    assert _authors(credit) == names


def test_the_byline_wins_over_the_help_credit() -> None:
    assert _authors("Additional reporting by John Roe", "<p>By Jane Doe</p>") == ("Jane Doe",)
