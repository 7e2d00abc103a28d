"""k44's attack on t44's "site name spelt another way" (``parsers.title_text.not_site_words``).

t44 drops a title part made only of og:site_name's words, however long, and takes the
longest part left. A site whose og:site_name is a tagline ("Postlight — Digital Strategy,
Design and Engineering", "Women's Health: Fitness, Health and Wellness Tips for Women")
prints headlines made of its tagline's words, and its <title> ends in a short label that
names the site another way ("Postlight Blog", "Women's Health Mag"): t44 gave that label
as the page's title. Now a part of the site's words is dropped only when what is left is
not itself such a label (a few words naming the site); t44's pages keep their headline.
"""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.title import strip_site_name

BODY = "<p>" + " ".join(["The team wrote down what the work taught them."] * 8) + "</p>"


def _page_title(title: str, site: str) -> str | None:
    # No <h1>: the page's title is the metadata title with the site's label cut.
    html = (
        f'<html><head><title>{title}</title><meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{site}"></head><body><article>'
        f"{BODY * 4}</article></body></html>"
    )
    return extract(html, url="https://www.example.com/2024/03/story/").title


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        (
            "Digital Design Strategy — Postlight Blog",
            "Postlight — Digital Strategy, Design and Engineering",
            "Digital Design Strategy",
        ),
        (
            "Health and Fitness Tips for Women | Women's Health Mag",
            "Women's Health: Fitness, Health and Wellness Tips for Women",
            "Health and Fitness Tips for Women",
        ),
    ],
)
def test_a_headline_of_the_sites_words_beats_a_short_label_naming_the_site(
    title: str, site: str, headline: str
) -> None:
    # Fails without k44's guard: the label ("Postlight Blog") was given.
    assert strip_site_name(title, site) == headline
    assert _page_title(title, site) == headline


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        # t44's own pages, whose other part names nothing of the site: still cut
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
        # a headline sharing a word with the tagline is more than a label: still cut
        (
            "How we rebuilt our design system — Postlight — "
            "Digital Strategy, Design and Engineering",
            "Postlight — Digital Strategy, Design and Engineering",
            "How we rebuilt our design system",
        ),
    ],
)
def test_the_rule_stays_sure_on_the_pages_it_was_made_for(
    title: str, site: str, headline: str
) -> None:
    assert strip_site_name(title, site) == headline
    assert _page_title(title, site) == headline


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        (
            "New York City Housing News | NY1",
            "New York City Housing News Network",
            "New York City Housing News",
        ),
        (
            "Wall Street Journal Live | WSJ",
            "The Wall Street Journal Live",
            "Wall Street Journal Live",
        ),
    ],
)
def test_an_acronym_label_beside_a_headline_of_the_sites_words(
    title: str, site: str, headline: str
) -> None:
    # k44's xfail, fixed by x45 (title_text._site_acronym): a label of capitals whose
    # letters are initials of consecutive words of og:site_name names the site. Fails
    # without: "NY1", "WSJ".
    assert strip_site_name(title, site) == headline
    assert _page_title(title, site) == headline


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        # capitals that are no initials of the site's words: the label is cut as before
        ("New York City Housing News | NBC", "New York City Housing News Network", "NBC"),
        # initials, but not of consecutive words
        ("New York City Housing News | NH", "New York City Housing News Network", "NH"),
    ],
)
def test_other_capitals_are_no_site_acronym(title: str, site: str, headline: str) -> None:
    # Guards: pass both ways.
    assert strip_site_name(title, site) == headline
