"""An unlabelled credit line under the headline, "Name | Role | Date" (corporate newsrooms
and blogs: "Aaron Ricadela | Senior Writer | July 2, 2025"), names the author (issue 17,
x37c: ``parsers.byline_lines.name_role_date``). The rule's cases fail without it (no
author); the guards (a breadcrumb, a title with the site's name, a dateline with a place,
a line with no role) pass both ways."""

from __future__ import annotations

import pytest

from parsers import extract

BODY = "<p>" + " ".join(["Hospitals are testing new tools to cut the paperwork."] * 8) + "</p>"
URL = "https://www.example.com/health/ai-in-hospitals/"


def _authors(line: str) -> tuple[str, ...]:
    html = (
        '<html lang="en"><head><title>AI in hospitals</title></head><body><main>'
        f"<header><h1>How AI is changing hospitals</h1><p>{line}</p></header>"
        f"<article>{BODY * 4}</article></main></body></html>"
    )
    return extract(html, url=URL).authors


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Aaron Ricadela | Senior Writer | July 2, 2025", "Aaron Ricadela"),
        ("Dana Ellery | Contributing Editor | 2 July 2025", "Dana Ellery"),
        ("Marta Quill · Staff Reporter · Jul. 2, 2025", "Marta Quill"),
        ("Jane Doe | Content Strategist | 07/02/2025", "Jane Doe"),
    ],
)
def test_a_name_role_date_line_names_the_author(line: str, name: str) -> None:
    assert _authors(line) == (name,)


@pytest.mark.parametrize(
    "line",
    [
        "Home | News | Politics",
        "How AI is changing hospitals | Example Health",
        "Kyiv | July 2, 2025",
        "Kyiv | Ukraine | July 2, 2025",
        "Health | Technology | July 2, 2025",
        "The Editors | Opinion | July 2, 2025",
        "Aaron Ricadela | July 2, 2025",
    ],
)
def test_lines_of_other_shapes_name_no_one(line: str) -> None:
    assert _authors(line) == ()
