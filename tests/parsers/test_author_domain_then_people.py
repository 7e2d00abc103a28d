"""A declared credit led by the outlet's domain, then its people (k35, attacking g35's
author_outlets.outlet_credit): "example.com, Jane Doe" names Jane Doe. g35 read a credit
led by a bare domain as the outlet and its address whatever followed, so the people went;
a credit led by the page's own site name already kept them. The pages are made up."""

from __future__ import annotations

import pytest

from tests.parsers.budget_story import budget_authors


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("example.com, Jane Doe", ("Jane Doe",)),
        ("example.com, Jane Doe, John Roe", ("Jane Doe", "John Roe")),
    ],
)
def test_people_after_a_domain_are_the_authors(content: str, expected: tuple[str, ...]) -> None:
    # Category "an outlet's credit, then its people". Fails without the person check on
    # the domain branch of outlet_credit: ("example.com",), the people lost.
    assert budget_authors("", f"<meta name='author' content='{content}'>") == expected


def test_a_domain_with_its_address_stays_the_outlet() -> None:
    # Guard (g35's category, passes both ways): one-word places read as nobody.
    head = "<meta name='author' content='example.com, Lisbon, Portugal'>"
    assert budget_authors("", head) == ("example.com",)
