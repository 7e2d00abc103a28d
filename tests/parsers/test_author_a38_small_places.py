"""A town of under 15,000 people after a byline comma (a38, issue 17): "Jane Doe, Red
Bank" named a co-author "Red Bank". Names of two or three words are kept down to towns of
1,000 people (``bench/build_places.MIN_POPULATION_MULTI_WORD``; no true author name of two
or more words on dev, the extra set, the second set or fundus is one). One-word names stay
at 15,000: too many words of people's names name a small town (BENCHMARKS, "a38")."""

from __future__ import annotations

import json

import pytest

from parsers import places
from tests.parsers.budget_story import budget_authors


def _person(name: str) -> str:
    data = {"@type": "NewsArticle", "headline": "Budget settled",
            "author": {"@type": "Person", "name": name}}
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


@pytest.mark.parametrize(
    ("byline", "head", "expected"),
    [
        ("<p>By Jane Doe, Red Bank</p>", "", ("Jane Doe",)),
        ("<div class='author'>By Jane Doe, Glen Ridge</div>", "", ("Jane Doe",)),
        ("<p>By JANE DOE, LAKE PLACID</p>", "", ("JANE DOE",)),
        ("<p>By Jane Doe, Bar Harbor, and John Roe</p>", "", ("Jane Doe", "John Roe")),
        ("", _person("Jane Doe, Red Bank"), ("Jane Doe",)),
    ],
)
def test_a_small_town_of_two_words_after_a_comma_is_no_co_author(
    byline: str, head: str, expected: tuple[str, ...]
) -> None:
    # Fails with g37's places.bin (towns of 15,000 or more): "Red Bank", "Glen Ridge",
    # "LAKE PLACID", "Bar Harbor" come out as co-authors, and the declared name is lost.
    assert budget_authors(byline, head) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # Guards (pass both ways): people after a comma, and a one-word small town, which
        # no list can tell from a one-word name ("Sutrisno"); left as a co-author.
        ("<p>By Jane Doe, John Roe</p>", ("Jane Doe", "John Roe")),
        ("<p>By Jane Doe, Georgia Smith</p>", ("Jane Doe", "Georgia Smith")),
        ("<p>By Jane Doe, Smalltown</p>", ("Jane Doe", "Smalltown")),
    ],
)
def test_people_and_one_word_towns_after_a_comma(
    byline: str, expected: tuple[str, ...]
) -> None:
    assert budget_authors(byline) == expected


@pytest.mark.parametrize(
    ("piece", "expected"),
    [("Red Bank", True), ("glen ridge", True), ("Bar Harbor", True), ("John Roe", False),
     ("Smalltown", False)],
)
def test_small_towns_of_two_words_are_known(piece: str, expected: bool) -> None:
    assert places.known_place(piece) is expected
