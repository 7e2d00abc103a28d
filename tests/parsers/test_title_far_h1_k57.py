"""k57, attack on t57's far <h1> (``title_headings.far_h1``): a press release whose page
sets a campaign banner, a site-wide slogan, an event's name or a breadcrumb as the only
<h1>, far above the story, took that line as the headline whenever it shared one word of
four letters or more with og:title ("human trafficking" in a trafficking agency's banner,
"crime" in its slogan), in any language. Before t57 the metadata title was given, and it
is again: the far <h1> must share at least half the long words of the shorter of itself
and a metadata title (t57's five gains share 2 of 3 to 7 of 7), and may not be a trail of
crumbs. A far <h1> that is the story's headline, worded otherwise, is still taken.
"""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.far_h1_pages import far_h1_page

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "The agency said on Tuesday that the number of identified victims of trafficking rose "
        "by a quarter last year, most of them women recruited online.",
        "Investigators in twelve countries took part in the operation, which ran for six "
        "months and led to forty arrests across the region.",
        "The report calls on governments to fund shelters and to train border officers to "
        "spot the signs of forced labour and exploitation.",
    )
)
URL = "https://www.agency.example/press/2024/report.html"
OG = "Human trafficking victims rise by a quarter, UNODC report finds"
OG_RU = "МВД: число жертв торговли людьми выросло на четверть"


def _page(h1: str, og: str) -> str:
    return far_h1_page(h1, og, STORY)


@pytest.mark.parametrize(
    ("h1", "og"),
    [
        # Campaign banners sharing the story's topic words.
        ("Together we can end human trafficking: join the Blue Heart Campaign today", OG),
        ("Join the Blue Heart Campaign against Human Trafficking today", OG),
        # A site-wide slogan sharing one word ("crime").
        (
            "Working for a world free of drugs, crime and terrorism",
            "UNODC report: crime networks exploit trafficking victims online",
        ),
        # An event's name.
        ("World Day against Trafficking in Persons, 30 July 2024", OG),
        # Breadcrumbs, the last crumb the story's topic or its headline.
        ("Home / Press releases / 2024 / Human trafficking report", OG),
        ("Home › Newsroom › Press releases › Human trafficking victims rise by a quarter", OG),
        # Other languages.
        ("Противодействие торговле людьми — общая задача государства и общества", OG_RU),
        (
            "Ensemble contre la traite des êtres humains : rejoignez la campagne",
            "Traite des êtres humains : le nombre de victimes augmente fortement",
        ),
        (
            "Gemeinsam gegen Menschenhandel – Informationen für Betroffene und Fachkräfte",
            "Menschenhandel: Zahl der Opfer steigt um ein Viertel",
        ),
        (
            "Juntos contra la trata de personas: únete a la campaña Corazón Azul",
            "La trata de personas aumenta un 25 por ciento, según la ONUDD",
        ),
    ],
)
def test_a_far_banner_sharing_a_word_keeps_the_metadata_title(h1: str, og: str) -> None:
    assert extract(_page(h1, og), url=URL).title == og


@pytest.mark.parametrize(
    ("h1", "og"),
    [
        ("Victims of human trafficking rose by a quarter last year, UNODC says", OG),
        ("Число жертв торговли людьми в прошлом году выросло на четверть, сообщили в МВД", OG_RU),
        # t57's gain with the fewest shared words (dev 0040: 2 of <title>'s 3).
        (
            "11 SEO Strategies for 2025 to Boost Rankings and Stay Ahead",
            "Top 11 SEO Strategies for 2025",
        ),
    ],
)
def test_a_far_headline_worded_otherwise_is_still_taken(h1: str, og: str) -> None:
    assert extract(_page(h1, og), url=URL).title == h1
