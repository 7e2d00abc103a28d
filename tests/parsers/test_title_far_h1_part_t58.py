"""t58, k57's left case of t57's far <h1> (``title_headings.far_h1``): an event's name set as
the page's only <h1> far above a statement made on that day ("World Day against Trafficking
in Persons 2024" over "Statement by the Executive Director on the World Day against
Trafficking in Persons") shares every long word with the release's title, so k57's guard
let it through and it was taken as the headline. The metadata title holds the whole <h1>
inside its own sentence (two words or more before it, no separator between): the <h1> is a
part of the headline, not the headline, and the metadata title is given. A far <h1> that
the metadata title only adds a kicker, a subtitle or a site's name to ("Kashmir issue: ...",
"...: what we found", "... | Agency") is still taken, as t57 and k57 measured.
"""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.far_h1_pages import far_h1_page

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "On this day we remember the millions of women, men and children who are exploited "
        "for profit, in forced labour, in sexual exploitation and in forced crime.",
        "Traffickers increasingly recruit their victims online, and the agency calls on "
        "governments to train border officers and to fund shelters for survivors.",
        "The agency will publish its biennial global report on trafficking in persons at "
        "the end of the year, with data from more than one hundred countries.",
    )
)
URL = "https://www.agency.example/press/2024/world-day-statement.html"


def _page(h1: str, og: str) -> str:
    return far_h1_page(h1, og, STORY)


@pytest.mark.parametrize(
    ("h1", "og"),
    [
        (
            "World Day against Trafficking in Persons 2024",
            "Statement by the Executive Director on the World Day against Trafficking in "
            "Persons 2024",
        ),
        # The event's year printed in the <h1> only.
        (
            "World Day against Trafficking in Persons 2024",
            "Statement by the Executive Director on the World Day against Trafficking in Persons",
        ),
        (
            "International Day in Support of Victims of Torture",
            "Secretary-General's message on the International Day in Support of Victims of "
            "Torture: end impunity now",
        ),
        (
            "Journée mondiale de lutte contre la traite d'êtres humains",
            "Déclaration de la Directrice exécutive à l'occasion de la Journée mondiale de "
            "lutte contre la traite d'êtres humains",
        ),
        (
            "Día Mundial contra la Trata de Personas 2024",
            "Declaración de la Directora Ejecutiva con motivo del Día Mundial contra la "
            "Trata de Personas 2024",
        ),
    ],
)
def test_a_far_event_name_inside_the_metadata_title_keeps_the_metadata_title(
    h1: str, og: str
) -> None:
    assert extract(_page(h1, og), url=URL).title == og


@pytest.mark.parametrize(
    ("h1", "og"),
    [
        # A kicker before a separator (fourth timesofindia's shape).
        (
            "China snubs Imran Khan, says resolve Kashmir bilaterally",
            "Kashmir issue: China snubs Imran Khan, says resolve Kashmir bilaterally",
        ),
        # A subtitle after the <h1>.
        (
            "Victims of human trafficking rose by a quarter last year",
            "Victims of human trafficking rose by a quarter last year: what the report found",
        ),
        # One word before the <h1> (an SEO variant's "Why"), not a sentence of its own.
        (
            "Victims of human trafficking rose by a quarter last year",
            "Why victims of human trafficking rose by a quarter last year",
        ),
    ],
)
def test_a_far_headline_the_metadata_title_only_labels_is_still_taken(h1: str, og: str) -> None:
    assert extract(_page(h1, og), url=URL).title == h1
