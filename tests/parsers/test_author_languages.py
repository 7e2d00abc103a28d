"""Bylines beyond English (issue 17, a31): the "By", the author label and the "and" of the
page's language (``parsers.author_words``), and a label word is never a name. The pages
are made up; their forms are those of fundus's publisher pages (AFP Faktencheck, SRF,
LTO, Junge Welt, Sermitsiaq)."""

from __future__ import annotations

import json

import pytest

from parsers import extract
from tests.parsers.council_story import TEXT

URL = "https://news.example.org/2025/05/14/council-plan/"
STORIES = {
    "de": (
        "Der Stadtrat hat am Dienstag den neuen Verkehrsplan beschlossen. Die Busse sollen "
        "künftig alle zehn Minuten fahren, und in der Innenstadt entstehen neue Radwege. "
        "Die Opposition kritisierte die Kosten, die Bürgermeisterin verteidigte den Plan."
    ),
    "fr": (
        "Le conseil municipal a adopté mardi le nouveau plan de transport. Les bus "
        "passeront toutes les dix minutes et de nouvelles pistes cyclables seront créées "
        "dans le centre-ville. L'opposition a critiqué le coût du projet."
    ),
    "es": (
        "El ayuntamiento aprobó el martes el nuevo plan de transporte. Los autobuses "
        "pasarán cada diez minutos y se construirán nuevos carriles para bicicletas en el "
        "centro de la ciudad. La oposición criticó el coste del proyecto."
    ),
    "da": (
        "Byrådet vedtog tirsdag den nye trafikplan. Busserne skal fremover køre hvert "
        "tiende minut, og der kommer nye cykelstier i midtbyen. Oppositionen kritiserede "
        "udgifterne, men borgmesteren forsvarede planen."
    ),
    "pl": (
        "Rada miasta przyjęła we wtorek nowy plan transportowy. Autobusy będą kursować co "
        "dziesięć minut, a w centrum powstaną nowe ścieżki rowerowe. Opozycja "
        "skrytykowała koszty, ale burmistrz bronił planu."
    ),
    "en": TEXT,
}


def page(lang: str, header: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{s}.</p>" for s in STORIES[lang].split(". ") for _ in range(2))
    return (
        f"<html lang='{lang}'><head>{head}</head><body><main><h1>Neuer Verkehrsplan</h1>"
        f"{header}<div class='content'>{paragraphs}</div></main></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "header", "expected"),
    [
        # Germanic: "Von:" before the names (AFP Faktencheck), "von" with a title
        # (LTO), "und" between them (Junge Welt).
        ("de", "<p>Von: Anna Berg und Jonas Weber</p>", ("Anna Berg", "Jonas Weber")),
        ("de", "<p class='meta'>von <a href='/autoren/max-kolter'>Dr. Max Kolter</a></p>",
         ("Dr. Max Kolter",)),
        # Romance: "Par ... et ...", "Por ... y ...".
        ("fr", "<p>Par Claire Dubois et Marc Lefèvre</p>", ("Claire Dubois", "Marc Lefèvre")),
        ("es", "<p>Por María López y Juan Pérez</p>", ("María López", "Juan Pérez")),
        # Nordic: "Af ... og ...".
        ("da", "<p>Af Trine Jørgensen og Mads Rasmussen</p>",
         ("Trine Jørgensen", "Mads Rasmussen")),
        # Slavic: "Autor:" and "i".
        ("pl", "<p>Autor: Jan Kowalski i Anna Nowak</p>", ("Jan Kowalski", "Anna Nowak")),
        # The label alone over the name, in both forms (DW's "Autorin/Autor").
        ("de", "<p>Autorin/Autor</p><p>Roman Goncharenko</p>", ("Roman Goncharenko",)),
    ],
)
def test_a_byline_in_the_page_language(
    lang: str, header: str, expected: tuple[str, ...]
) -> None:
    assert extract(page(lang, header), url=URL).authors == expected


def test_declared_names_joined_by_the_page_language_and() -> None:
    """Sermitsiaq declares two people in one JSON-LD name joined by "og"."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Neuer Verkehrsplan",
        "author": {"@type": "Person", "name": "Trine Juncher Jørgensen og Tôrtia Reimer-Johansen"},
    }
    head = f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    assert extract(page("da", "", head), url=URL).authors == (
        "Trine Juncher Jørgensen",
        "Tôrtia Reimer-Johansen",
    )


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_label_word_is_never_a_name(lang: str) -> None:
    """SRF: an off-screen "Autor:" in the name element came back as the author "Autor"."""
    header = (
        "<p class='article-author__name'><span class='h-offscreen'>Autor:&nbsp;</span>"
        "<span itemprop='author'><span itemprop='name'>Monika Bolliger</span></span></p>"
    )
    assert extract(page(lang, header), url=URL).authors == ("Monika Bolliger",)


@pytest.mark.parametrize(
    ("lang", "header"),
    [
        # Another language's "By" is not a byline word on an English page...
        ("en", "<p>Von</p><p>Anna Berg</p>"),
        ("en", "<p>Par Claire Dubois</p>"),
        # ...and on a German page the words after "Von" must read as people.
        ("de", "<p>Von Berlin nach Hamburg</p>"),
    ],
)
def test_foreign_words_need_the_page_language(lang: str, header: str) -> None:
    assert extract(page(lang, header), url=URL).authors == ()

