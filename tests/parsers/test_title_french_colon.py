"""A spaced colon followed by a lower-case word is the headline's own (issue 17, p38:
``parsers.title_text.TITLE_SPLIT_RE``): French typography sets a space before the colon,
"Affaire KPMG : un juge se récuse | Radio-Canada.ca"; the clause after it was read as a
label and cut. The rule's cases fail without it (the headline's first half is given); the
guards pass both ways."""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.title_text import title_parts

BODY = "<p>" + " ".join(["Le juge a annoncé sa récusation dans cette affaire mardi."] * 8) + "</p>"
URL = "https://ici.example.ca/nouvelle/1022342/kpmg-juge-recuse"


def _title(headline: str, site: str = "Radio-Canada.ca") -> str | None:
    html = (
        f'<html lang="fr"><head><title>{headline} | {site}</title></head><body><article>'
        f"<h1>{headline}</h1>{BODY * 4}</article></body></html>"
    )
    return extract(html, url=URL).title


@pytest.mark.parametrize(
    "headline", ["Affaire KPMG : un juge se récuse", "Santé : écoles fermées jusqu'à lundi"]
)
def test_a_french_spaced_colon_is_the_headlines_own(headline: str) -> None:
    assert _title(headline) == headline


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("SunHerald.com : Bush declares flooded town",
         ["SunHerald.com", "Bush declares flooded town"]),
        ("Lyon : Le maire réélu | Le Progrès", ["Lyon", "Le maire réélu", "Le Progrès"]),
        ("Affaire KPMG : un juge se récuse | Radio-Canada.ca",
         ["Affaire KPMG : un juge se récuse", "Radio-Canada.ca"]),
    ],
)
def test_a_capitalised_part_after_a_spaced_colon_is_a_label(title: str, parts: list[str]) -> None:
    assert title_parts(title) == parts


# Attacked (k38): a site's name printed in lower case after a spaced colon is still a
# label, not the headline's clause: "Un juge se récuse : franceinfo" (og:site_name
# "franceinfo"), "Bush declares victory : sunherald.com" (a domain, with or without
# og:site_name) kept the site in the title after p38's rule. Each case fails without the
# fix in ``parsers.title.strip_site_name``; a French headline's own clause stays.
def _page_title(title: str, site: str | None) -> str | None:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    html = (
        f'<html lang="fr"><head><title>{title}</title>{meta}</head><body><article>'
        f"{BODY * 4}</article></body></html>"
    )
    return extract(html, url=URL).title


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        ("Un juge se récuse : franceinfo", "franceinfo", "Un juge se récuse"),
        ("Bush declares victory : sunherald.com", "sunherald.com", "Bush declares victory"),
        ("Bush declares victory : sunherald.com", None, "Bush declares victory"),
        ("franceinfo : un juge se récuse", "franceinfo", "un juge se récuse"),
    ],
)
def test_a_lower_case_site_name_after_a_spaced_colon_is_a_label(
    title: str, site: str | None, headline: str
) -> None:
    assert _page_title(title, site) == headline


# Guards (pass both ways): the headline's own clause after a spaced colon stays, with or
# without a site name.
@pytest.mark.parametrize("site", ["franceinfo", None])
def test_a_clause_after_a_spaced_colon_stays(site: str | None) -> None:
    headline = "Affaire KPMG : un juge se récuse"
    assert _page_title(headline, site) == headline
