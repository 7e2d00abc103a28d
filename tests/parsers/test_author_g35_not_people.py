"""Author names that are not people (g35, issue 17): a byline's section links after
", in", an outlet's credit with its address. The pages are made up; the forms are those
g35 found (fundus ThePortugalNews, Hessenschau)."""

from __future__ import annotations

import pytest

from tests.parsers.budget_story import budget_authors

SECTIONS = (
    " in <a href='/news/news'>News</a>, <a href='/news/portugal'>Portugal</a>,"
    " <a href='/news/business'>Business</a> &middot; <span>31 Jan 2025, 20:02</span>"
    " &middot; <a href='#comments'>0 Comments</a>"
)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        (f"<p class='meta'>By Jane Doe,{SECTIONS}</p>", ("Jane Doe",)),
        (f"<p class='meta'>By Jane Doe and John Roe,{SECTIONS}</p>", ("Jane Doe", "John Roe")),
        # The credit is a lone upper-case token (read as a credential, so nobody), but
        # the sections are still no authors.
        (f"<p class='meta'>By TPN,{SECTIONS}</p>", ()),
        ("<p class='info'>by Joseph Dickerson , Filed under: <a href='/category/fan/'>Fan"
         " Productions</a>, <a href='/category/interview/'>Interview</a></p>",
         ("Joseph Dickerson",)),
    ],
)
def test_the_sections_after_a_bylines_in_are_no_authors(
    byline: str, expected: tuple[str, ...]
) -> None:
    # Category "a byline with its sections after ', in'". Fails without
    # byline_split.SECTION_TAIL_RE: "in News", "Portugal", "Business" come out as names
    # ("Filed under: Fan Productions", "Interview" for the filing label).
    assert budget_authors(byline) == expected


@pytest.mark.parametrize(
    "byline",
    [
        "<p class='meta'>by <a href='/lucyz'>Lucy Zhang</a> on Wednesday, October 19, 2011"
        " at 1:31pm</p>",
        "<p class='meta'>By Jane Doe and John Roe on Friday, 3 May 2024</p>",
    ],
)
def test_a_weekday_after_the_names_is_no_part_of_them(byline: str) -> None:
    # Category "a byline with its weekday". Fails without byline_split.WEEKDAY_TAIL_RE:
    # "Lucy Zhang on Wednesday" (the date's comma cuts the line before TRAILING_RE's digit).
    expected = ("Lucy Zhang",) if "Lucy" in byline else ("Jane Doe", "John Roe")
    assert budget_authors(byline) == expected


@pytest.mark.parametrize(
    ("head", "lang", "expected"),
    [
        ("<meta name='author' content='hessenschau.de, Frankfurt, Germany'>"
         "<meta property='og:site_name' content='hessenschau.de'>", "de", ("hessenschau.de",)),
        ("<meta name='author' content='example.com, Lisbon, Portugal'>", "en", ("example.com",)),
        ("<meta name='author' content='Daily Planet, Metropolis, USA'>"
         "<meta property='og:site_name' content='Daily Planet'>", "en", ("Daily Planet",)),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type":'
         ' "Person", "name": "example.com, Lisbon, Portugal"}}</script>', "en",
         ("example.com",)),
    ],
)
def test_an_outlet_with_its_address_is_one_credit(
    head: str, lang: str, expected: tuple[str, ...]
) -> None:
    # Category "an outlet's credit with its address". Fails without
    # author_outlets.outlet_credit: the places come out as names ("Frankfurt", "Germany").
    assert budget_authors("", head, lang) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<meta name='author' content='Jane Doe, John Roe, Ann Poe'>",
         ("Jane Doe", "John Roe", "Ann Poe")),
        # The site's name before people is no address.
        ("<meta name='author' content='Daily Planet, Jane Doe'>"
         "<meta property='og:site_name' content='Daily Planet'>", ("Daily Planet", "Jane Doe")),
    ],
)
def test_credits_of_people_or_agencies_stay_split(head: str, expected: tuple[str, ...]) -> None:
    # Guards (pass both ways): a list of people; a person after the outlet's name.
    assert budget_authors("", head) == expected


@pytest.mark.parametrize(
    ("byline", "head", "expected"),
    [
        ("", "<meta name='author' content='Eliot Caroom/The Star-Ledger'>", ("Eliot Caroom",)),
        ("<p>By Jarrett Renshaw/Statehouse Bureau</p>", "", ("Jarrett Renshaw",)),
        # Guard: one word before the slash is no name ("Internet/E-Mail Tools").
        ("<p>By Internet/E-Mail Tools</p>", "", ("Internet/E-Mail Tools",)),
    ],
)
def test_an_outlet_or_desk_after_a_slash_goes(
    byline: str, head: str, expected: tuple[str, ...]
) -> None:
    # Category "outlet or desk after a slash". Fails without the SLASH_TAIL_RE cut in
    # author_names.clean_author: "Eliot Caroom/The Star-Ledger", "Jarrett Renshaw/Statehouse
    # Bureau" whole.
    assert budget_authors(byline, head) == expected


def test_an_engineers_role_and_team_after_the_name_go() -> None:
    # Category "a role after the name" (author_names._ROLE_NOUNS, data), the engineer's role of
    # tech blogs. Fails without "engineer": ("Karl Schmidt", "Software Engineer",
    # "Google Maps").
    assert budget_authors("<p>By Karl Schmidt, Software Engineer, Google Maps</p>") == (
        "Karl Schmidt",
    )
