"""Newspapers whose name ends in a weekday (k35, attacking g35's weekday rule): "The Mail on
Sunday", "Scotland on Sunday", "Wales on Sunday", "The Independent on Sunday". A byline's
weekday is cut only where a date follows it ("on Wednesday, October 19, 2011"); a title that
ends in "on Sunday" is no weekday. The pages are made up; the forms are the UK Sunday
papers' own (the Daily Mail's "By JANE DOE FOR THE MAIL ON SUNDAY")."""

from __future__ import annotations

import pytest

from parsers.authors import clean_author
from tests.parsers.budget_story import budget_authors


@pytest.mark.parametrize(
    "name", ["The Mail on Sunday", "Scotland on Sunday", "Wales on Sunday",
             "The Independent on Sunday"])
def test_a_sunday_paper_keeps_its_name(name: str) -> None:
    # Category "a newspaper named for its weekday". Fails with the weekday cut whatever
    # follows it (g35's WEEKDAY_TAIL_RE in clean_author): "The Mail", "Scotland".
    assert clean_author(name) == name


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<p class='byline'>By Jane Doe, The Independent on Sunday</p>", ("Jane Doe",)),
        ("<p class='byline'>By JANE DOE FOR THE MAIL ON SUNDAY</p>", ()),
        ("<p class='byline'>By Jane Doe of Wales on Sunday</p>", ()),
    ],
)
def test_a_sunday_papers_credit_is_no_persons_name(
    byline: str, expected: tuple[str, ...]
) -> None:
    # Same category, printed: fails with the weekday cut whatever follows it ("The
    # Independent", "JANE DOE FOR THE MAIL", "Jane Doe of Wales" taken as names; before
    # that cut these gave what is expected here).
    assert budget_authors(byline) == expected
