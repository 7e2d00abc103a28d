"""b42: the byline of the page's authors in the page's language ("Von Jane Doe", "von Jane
Doe, MDR SACHSEN-ANHALT", "Par Jane Doe") left among the story's paragraphs is no more the
story than the English "By Jane Doe" (parsers/body/bio.py, category "a byline in the page's
language left in the body"; fundus's publishers, docs/BENCHMARKS.md "Sixth measuring set").
A sentence opening with "Von" and a place, a name that is no author, or the author's name in
a sentence stays."""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.body.bio import is_foreign_byline, without_author_bio
from tests.parsers.tram_story import STADTRAT_STORY
from tests.parsers.tram_story import STADTRAT_URL as URL

STORY = STADTRAT_STORY[:3]
BYLINES = [
    # Die Welt, SZ, WDR; Börsen-Zeitung, FAZ (a place); MDR (the broadcaster); n-tv (a date);
    # junge Welt, BSZ (two names, "und"); Berliner Morgenpost (a job); AFP's ("Von:").
    ("Von Jane Doe", ["Jane Doe"]),
    ("Von Jane Doe, Frankfurt", ["Jane Doe"]),
    ("von Jane Doe, MDR SACHSEN-ANHALT", ["Jane Doe"]),
    ("Von Jane Doe 28.04.2023, 18:11 Uhr", ["Jane Doe"]),
    ("Von Jane Doe und John Roe, Nairobi", ["Jane Doe", "John Roe"]),
    ("Von Jane Doe, John Roe, Anna Berg und Max Kurz", ["Jane Doe", "John Roe"]),
    ("Von Jane Doe, Redakteurin für Finanzen", ["Jane Doe"]),
    ("Von: Jane DOE, John ROE", ["Jane DOE", "John ROE"]),
    # Euronews (French), and the other prepositions of author_words.TABLE.
    ("Par Jane Doe", ["Jane Doe"]),
    ("Por Juana Pérez", ["Juana Pérez"]),
    ("Door Jan Jansen", ["Jan Jansen"]),
    ("Av Per Olsson", ["Per Olsson"]),
]
KEPT = [
    ("Von Berlin aus fuhr der Zug weiter nach Hamburg.", ["Jane Doe"]),
    ("Von Jana Doe", ["Jan"]),  # a longer name than the author's
    ("Von Jane Doe stammt der Satz, dass die Stadt den Plan nie bezahlen kann.", ["Jane Doe"]),
    ("Von Braun", ["Jane Doe"]),  # no author: a name with its particle
    ("Par ailleurs, la ville a voté le plan.", ["Jane Doe"]),
    # English bylines are lines.is_repeated_byline's (the body's line filter), not this rule's.
    ("By Jane Doe", ["Jane Doe"]),
]


@pytest.mark.parametrize(("line", "authors"), BYLINES)
def test_a_byline_of_the_authors_in_another_language_goes(line: str, authors: list[str]) -> None:
    assert is_foreign_byline(line, authors)
    assert without_author_bio([STORY[0], line, *STORY[1:]], authors) == STORY


@pytest.mark.parametrize(("line", "authors"), KEPT)
def test_a_sentence_or_another_name_stays(line: str, authors: list[str]) -> None:
    assert not is_foreign_byline(line, authors)
    assert without_author_bio([*STORY, line], authors) == [*STORY, line]


def test_a_german_pages_byline_paragraph_leaves_the_body_and_names_the_author() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        "<html lang='de'><head><title>Stadtrat beschließt Straßenbahnplan</title></head><body>"
        "<article><h1>Stadtrat beschließt Straßenbahnplan</h1><div class='story'>"
        f"<p>Von Jane Doe, Frankfurt</p>{paragraphs}</div></article></body></html>"
    )
    article = extract(html, url=URL)
    assert article.authors == ("Jane Doe",)
    assert article.body.split("\n\n") == STORY


def test_a_long_line_is_no_byline() -> None:
    line = "Von Jane Doe, " + ", ".join(f"Ort {n}" for n in range(40))
    assert not is_foreign_byline(line, ["Jane Doe"])
