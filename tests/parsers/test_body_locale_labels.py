"""p50, category "an ad slot's or a 'read also' box's label, not in English": the bare
label line is dropped as its English form is (``BOILERPLATE_RE``); sentences opening with
the same words stay."""

from __future__ import annotations

import pytest

from tests.parsers.body_rule_pages import STORY, body, page


@pytest.mark.parametrize(
    "label",
    [
        "Anzeige",  # Die Welt, Junge Welt
        "REKLAM",  # Habertürk
        "Czytaj więcej",  # Rzeczpospolita
        "Lesen Sie auch",  # Die Welt, heise
        "Auch interessant",  # WAZ, Hamburger Abendblatt
        "Lesen Sie mehr zum Thema",  # Süddeutsche, Berliner Zeitung
        "Zum selben Thema",  # Euronews
        "Publicité",  # Les Échos
        "Lee también",  # La Vanguardia
    ],
)
def test_a_label_in_the_publishers_language_among_the_paragraphs_is_dropped(label: str) -> None:
    story = [*STORY[:2], label, *STORY[2:]]
    assert body(page(story=story)).split("\n\n") == STORY


@pytest.mark.parametrize(
    "line",
    [
        "Anzeige gegen Unbekannt erstattet",
        "Lesen Sie auch, was die Stadt über die neuen Trambahnen sagt.",
        "Mehr zum Thema Verkehr gibt es morgen im Stadtrat",
        "Czytaj więcej o nowych tramwajach w naszym raporcie",
    ],
)
def test_sentences_that_open_with_a_label_stay(line: str) -> None:
    story = [*STORY[:2], line, *STORY[2:]]
    assert line in body(page(story=story))


@pytest.mark.parametrize(
    "part",
    [
        # k50t: an ad slot's word is also the noun "advertising": the story's own there.
        "<ul><li>Personal</li><li>Werbung</li><li>Miete</li><li>Reklama</li></ul>",
        "<table><tr><th>Posten</th><th>Mio</th></tr><tr><td>Werbung</td><td>1,2</td></tr>"
        "<tr><td>Anzeige</td><td>0,2</td></tr></table>",
        "<h2>Publicité</h2>",
        "<h3>Werbung</h3>",
    ],
)
def test_an_ad_word_as_a_heading_list_item_or_cell_stays(part: str) -> None:
    html = page(story=STORY).replace(f"<p>{STORY[2]}</p>", f"{part}<p>{STORY[2]}</p>")
    got = body(html)
    for word in ("Werbung", "Reklama", "Publicité", "Anzeige"):
        if f">{word}<" in part:
            assert word in got.split("\n\n")


def test_a_read_also_heading_is_still_dropped() -> None:
    label = "<h3>Lesen Sie auch</h3>"
    html = page(story=STORY).replace(f"<p>{STORY[2]}</p>", f"{label}<p>{STORY[2]}</p>")
    assert body(html).split("\n\n") == STORY
