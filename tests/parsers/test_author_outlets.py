"""An outlet joined to the names (issue 17, a32): the names stay, the agency or the page's
own site goes (``parsers.author_outlets``). The pages are made up; the forms are those of
fundus's publisher pages (Braunschweiger Zeitung's "A und B, dpa", Le Figaro's "Le Figaro
et AFP") and of agency credits in English and Spanish."""

from __future__ import annotations

import json

import pytest

from parsers import extract
from tests.parsers.test_author_languages import URL, page


def declared(name: str, site: str = "") -> str:
    """A head declaring one JSON-LD Person ``name`` (and the site's name, if any)."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Neuer Verkehrsplan",
        "author": {"@type": "Person", "name": name},
    }
    og = f"<meta property='og:site_name' content='{site}'>" if site else ""
    return f"{og}<script type='application/ld+json'>{json.dumps(ld)}</script>"


@pytest.mark.parametrize(
    ("lang", "head", "header", "expected"),
    [
        # Declared: names joined to an agency by a comma, by the page language's "and".
        ("de", declared("Anna Berg und Jonas Weber, dpa"), "", ("Anna Berg", "Jonas Weber")),
        ("en", declared("Jane Doe and Reuters"), "", ("Jane Doe",)),
        ("es", declared("María López y EFE"), "", ("María López",)),
        ("pl", declared("Jan Kowalski i PAP"), "", ("Jan Kowalski",)),
        # "A, B, Outlet": the last item is the page's own site.
        (
            "en",
            "<meta property='og:site_name' content='The Daily Planet'>"
            "<meta name='author' content='Jane Doe, John Roe, The Daily Planet'>",
            "",
            ("Jane Doe", "John Roe"),
        ),
        # A printed byline ending in the site's name.
        (
            "en",
            "<meta property='og:site_name' content='The Daily Planet'>",
            "<p>By Jane Doe and The Daily Planet</p>",
            ("Jane Doe",),
        ),
        # Outlets only: the credit as printed, whole (it was cut to "Le Figaro et").
        ("fr", declared("Le Figaro et AFP", "Le Figaro"), "", ("Le Figaro et AFP",)),
    ],
)
def test_an_outlet_after_the_names_goes(
    lang: str, head: str, header: str, expected: tuple[str, ...]
) -> None:
    assert extract(page(lang, header, head), url=URL).authors == expected


@pytest.mark.parametrize(
    ("lang", "head", "expected"),
    [
        # Guards: no outlet, an agency alone, an organisation with "and" in its name.
        ("en", declared("Jane Doe and John Roe"), ("Jane Doe", "John Roe")),
        ("en", declared("Reuters"), ("Reuters",)),
        ("en", declared("Center for Drug Evaluation and Research"),
         ("Center for Drug Evaluation and Research",)),
    ],
)
def test_no_outlet_no_cut(lang: str, head: str, expected: tuple[str, ...]) -> None:
    assert extract(page(lang, "", head), url=URL).authors == expected


@pytest.mark.parametrize(
    ("lang", "box", "expected"),
    [
        # Category "label box without a colon" (DW): a fact box under the story prints
        # the label in bold and the name after it, in the page language or in English.
        ("de", "<li><strong>Autorin/Autor</strong> Roman Goncharenko</li>", ("Roman Goncharenko",)),
        ("en", "<li><strong>Authors</strong> Jane Doe and John Roe</li>", ("Jane Doe", "John Roe")),
        # Guards: what follows the label must read as people only.
        ("de", "<li><strong>Autor</strong> seit 2019 bei der Zeitung</li>", ()),
        ("en", "<li><strong>Author</strong> interviews, 2025</li>", ()),
    ],
)
def test_a_label_box_under_the_story(lang: str, box: str, expected: tuple[str, ...]) -> None:
    html = page(lang, "").replace(
        "</main>", f"</main><div class='facts'><ul><li>Datum 28.04.2023</li>{box}</ul></div>"
    )
    assert extract(html, url=URL).authors == expected
