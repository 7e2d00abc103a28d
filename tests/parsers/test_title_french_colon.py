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
