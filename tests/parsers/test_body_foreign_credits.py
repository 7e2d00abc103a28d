"""b42: a caption closed by a picture credit in the page's language ("Bildrechte: MDR/...",
"(Foto: REUTERS)", "Foto: Jane Doe, Seznam Zprávy") is no more the story than the English
"Photo: Jane Doe" (parsers/body/credits.py, category "a picture credit in the page's
language"; fundus's publishers, docs/BENCHMARKS.md "Sixth measuring set"). A sentence that
names a picture or a paper called Bild, and a source line, stay."""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.body.credits import is_credited_caption
from tests.parsers.tram_story import STADTRAT_STORY as STORY
from tests.parsers.tram_story import STADTRAT_URL as URL

CREDITS = [
    # MDR's and Freie Presse's captions, set as paragraphs, the credit closing them.
    "Pro Stunde werden in der Halle etwa 45 Tiere verarbeitet. Bildrechte: MDR/Jane Doe",
    "Im Vorjahr zog das Festival Tausende Besucher an. Bild: Jane Doe/Archiv",
    # n-tv's credit under a picture, in brackets.
    "(Foto: REUTERS)",
    "(Foto: Pool via REUTERS)",
    # Seznam Zprávy (Czech), Rzeczpospolita (Polish), Expressen (Swedish), junge Welt.
    "Foto: Jane Doe, Seznam Zprávy",
    "Foto: REUTERS/Jane Doe",
    "Foto: JANE DOE",
    "Foto: dpa",
]
KEPT_LINES = [
    "Das Bild: Eine Frau steht am Fenster und schaut auf die leere Straße hinaus",
    "Quelle: Statistisches Bundesamt",
    "Die Zeitung Bild: ein Blatt, das polarisiert, sagte der Sprecher.",
]


def german_page(between: str) -> str:
    paragraphs = [f"<p>{p}</p>" for p in STORY]
    paragraphs.insert(2, between)
    return (
        "<html lang='de'><head><title>Stadtrat beschließt Straßenbahnplan</title></head><body>"
        '<nav><a href="/">Start</a> <a href="/news/">Nachrichten</a></nav>'
        "<article><h1>Stadtrat beschließt Straßenbahnplan</h1><div class='story'>"
        f"{''.join(paragraphs)}</div></article></body></html>"
    )


def body(html: str) -> list[str]:
    return extract(html, url=URL).body.split("\n\n")


@pytest.mark.parametrize("credit", CREDITS)
def test_a_caption_closed_by_a_credit_in_the_pages_language_is_dropped(credit: str) -> None:
    assert body(german_page(f"<p>{credit}</p>")) == STORY


@pytest.mark.parametrize("credit", CREDITS)
def test_such_a_credit_in_a_picture_box_is_dropped(credit: str) -> None:
    box = f'<div class="bild"><img src="a.jpg"><p>{credit}</p></div>'
    assert body(german_page(box)) == STORY


@pytest.mark.parametrize("line", KEPT_LINES)
def test_a_sentence_naming_a_picture_or_a_source_line_stays(line: str) -> None:
    assert not is_credited_caption(line)
    assert line in body(german_page(f"<p>{line}</p>"))


def test_a_hostile_long_line_costs_bounded_cpu() -> None:
    import time

    hostile = ["Foto: " + "a" * 10**6, ". Bild: " * 100_000, "(Foto: " + " " * 10**6]
    start = time.process_time()
    for _ in range(20):
        for line in hostile:
            assert not is_credited_caption(line)
    assert time.process_time() - start < 0.5
