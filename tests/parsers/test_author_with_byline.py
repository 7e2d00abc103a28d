""""with" in a byline (issue 17, x37b): "By Dieter Hogen with Uta Pippig" names two
writers; "with additional reporting by", "with photos by", "with contributions from",
"with the Associated Press" credit help or an agency and give no name. Every case fails
without the rule (no name, "with John Roe" or "Jane Doe with")."""

from __future__ import annotations

import pytest

from parsers import extract

BODY = "<p>" + " ".join(["The marathon field ran in cold rain along the river road."] * 8) + "</p>"
URL = "https://news.example.com/2025/04/21/race-day"


def _authors(byline: str, element: bool) -> tuple[str, ...]:
    line = f'<p class="byline">{byline}</p>' if element else f"<p>{byline}</p>"
    html = (
        '<html lang="en"><head><title>Race day</title></head><body><article>'
        f"<h1>Race day</h1>{line}{BODY * 5}</article></body></html>"
    )
    return extract(html, url=URL).authors


@pytest.mark.parametrize("element", [True, False])
@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Dieter Hogen with Uta Pippig", ("Dieter Hogen", "Uta Pippig")),
        ("By Jane Doe, with John Roe", ("Jane Doe", "John Roe")),
        ("By Jane Doe with John Roe and Mary Major", ("Jane Doe", "John Roe", "Mary Major")),
        ("By Jane Doe with additional reporting by John Roe", ("Jane Doe",)),
        ("By Jane Doe with photos by John Roe", ("Jane Doe",)),
        ("By Jane Doe with contributions from John Roe", ("Jane Doe",)),
        ("By Jane Doe with files from John Roe", ("Jane Doe",)),
        ("By Jane Doe with the Associated Press", ("Jane Doe",)),
        ("By Jane Doe with AP", ("Jane Doe",)),
    ],
)
def test_with_in_a_byline(byline: str, names: tuple[str, ...], element: bool) -> None:
    assert _authors(byline, element) == names


# Guards: a surname "With" (capitalised) is a name, not the word.
@pytest.mark.parametrize("element", [True, False])
def test_a_surname_with_stays(element: bool) -> None:
    assert _authors("By Kristian With", element) == ("Kristian With",)
