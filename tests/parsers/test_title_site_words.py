"""A title part made only of og:site_name's words is the site's label (issue 17, t44:
``parsers.title_text.not_site_words``, called by ``strip_site_name``), category "site
name spelt another way": no part of "Website Design Portfolio | Thrive Internet
Marketing" is og:site_name ("Thrive Internet Marketing Agency"), and the longest part,
the site's, was taken for the headline; an og:site_name that holds separators itself
("Postlight — Digital Strategy, Design and Engineering") splits into parts that are none
of them the whole name. The rule's cases fail without it (the site's part is given); the
guards pass both ways."""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.title import strip_site_name

BODY = "<p>" + " ".join(["Our designers built these sites with their clients."] * 8) + "</p>"
URL = "https://agency.example.com/portfolio-work/"


def _page_title(title: str, site: str) -> str | None:
    # No <h1>: the page's title is the metadata title with the site's name cut.
    html = (
        f'<html><head><title>{title}</title><meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{site}"></head><body><article>'
        f"{BODY * 4}</article></body></html>"
    )
    return extract(html, url=URL).title


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        (
            "Website Design Portfolio | Thrive Internet Marketing",
            "Thrive Internet Marketing Agency",
            "Website Design Portfolio",
        ),
        (
            "Guide to Home Loans | Acme Savings and Loan Bank",
            "The Acme Savings and Loan Bank of Ohio",
            "Guide to Home Loans",
        ),
        (
            "Three Ways to Be the Thermostat — Postlight — "
            "Digital Strategy, Design and Engineering",
            "Postlight — Digital Strategy, Design and Engineering",
            "Three Ways to Be the Thermostat",
        ),
    ],
)
def test_a_part_of_only_site_words_is_the_site(title: str, site: str, headline: str) -> None:
    assert strip_site_name(title, site) == headline
    assert _page_title(title, site) == headline


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        # A part that only shares some of the site's words is not its label: the
        # headline names the company ("Thrive Internet Marketing wins award").
        (
            "Thrive Internet Marketing wins design award | Thrive Agency",
            "Thrive Internet Marketing Agency",
            "Thrive Internet Marketing wins design award",
        ),
        # og:site_name itself, as before.
        ("Website Design Portfolio | Thrive", "Thrive", "Website Design Portfolio"),
    ],
)
def test_a_headline_with_other_words_stays(title: str, site: str, headline: str) -> None:
    assert strip_site_name(title, site) == headline


def test_every_part_of_site_words_leaves_the_longest() -> None:
    # When every part is made of the site's words, none is dropped: the longest stays.
    assert strip_site_name("Marketing | Thrive Internet", "Thrive Internet Marketing") == (
        "Thrive Internet"
    )
