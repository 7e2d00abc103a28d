"""k58a, a review of b58 (walls in six more languages, reading time in other languages):
a press release's own sentences shaped like a wall's prompt or a reading-time label stay;
walls b58 meant to read, in the shapes it missed, go.

b58's reading-on forms ("Para seguir leyendo ...", "Per continuare a leggere ...", "Para
continuar a ler ...", "Um weiterzulesen, ...") took any clause that held an action's stem
anywhere: "acceda a la web", "accedi alla sezione", "entre no site", "el Registro Oficial",
"a sessão plenária", "inicia el curso" dropped a ministry's pointer to read on elsewhere.
A wall's reading on has no object but the piece itself, and its next words are the action.
Italian's "Registrati per leggere ..." took anything read ("il bando"), where English asks
for what a wall gates. "Weiterlesen mit ..." took any words ("dem vollständigen Bericht"),
where a wall names its product ("BZ+", "ESG PRO", "SPIEGEL+", "WELTplus").

The reading-time label in another language was searched anywhere in a short line, so a
sentence ending on its minutes ("Der Bericht umfasst 120 Seiten, rund 90 Minuten
Lesezeit.") went: only a date, a time or a separator may stand before the label.
"""

from __future__ import annotations

import pytest

from tests.parsers.body_rule_pages import STORY, body, page

RELEASE_SENTENCES = [
    # A pointer to read on elsewhere, with an action-like word in it.
    "Para seguir leyendo el informe completo, acceda a la web del Ministerio.",
    "Para seguir leyendo, consulte el Registro Oficial del Estado.",
    "Para continuar leyendo la resolución, ingrese al portal de transparencia.",
    "Para seguir leyendo sobre el programa, inicia el curso gratuito en línea.",
    "Per continuare a leggere il rapporto, accedi alla sezione Documenti del sito.",
    "Per continuare a leggere il rapporto, l'accesso è libero dal sito dell'Istat.",
    "Para continuar lendo o relatório, entre no site do ministério.",
    "Para continuar a ler o relatório, consulte a sessão plenária de 12 de março.",
    "Um weiterzulesen, melden Sie sich im Bürgerportal an und öffnen den Bericht.",
    # An agency's call to action: reading a call for applications, instructions.
    "Registrati per leggere il bando completo e candidarti entro il 30 giugno.",
    "Accedi per leggere le istruzioni per compilare la domanda.",
    # A pointer, not a product.
    "Weiterlesen mit dem vollständigen Bericht",
    "Weiterlesen mit dem Jahresbericht 2024",
    "Weiterlesen mit den Zahlen pro Bundesland",
    # Sentences ending on a reading time.
    "Der Bericht umfasst 120 Seiten, rund 90 Minuten Lesezeit.",
    "Die Kurzfassung ist knapp gehalten, Lesezeit ca. 10 Minuten.",
    "El resumen ofrece una síntesis de 15 minutos de lectura.",
    "Het rapport telt 80 pagina's, leestijd: 45 minuten.",
    "Un dossier agile: appena 20 minuti di lettura.",
    "O guia tem 30 páginas e 25 minutos de leitura.",
    "Доклад небольшой, время чтения 15 минут.",
    "La synthèse du rapport se lit vite : 10 minutes de lecture.",
]


@pytest.mark.parametrize("line", RELEASE_SENTENCES)
def test_a_release_sentence_shaped_like_furniture_stays(line: str) -> None:
    assert body(page(after=f"<p>{line}</p>")).split("\n\n") == [*STORY, line]


# Walls in b58's languages, in shapes its forms missed (the sources in walls_languages).
WALLS = [
    "Schon Abonnent? Hier anmelden",
    "Conteúdo exclusivo para assinantes",
    "Artigo exclusivo para assinantes.",
    "Maak een account en log in om verder te lezen.",
    "Para seguir leyendo, accede a tu cuenta.",
]


@pytest.mark.parametrize("line", WALLS)
def test_a_wall_in_another_language_goes(line: str) -> None:
    assert body(page(after=f"<p>{line}</p>")).split("\n\n") == STORY


# b58's walls and furniture that must still go once the sentences above stay.
STILL_DROPPED = [
    "Jetzt weiterlesen mit BZ+",
    "Jetzt weiterlesen mit ESG PRO",
    "Weiterlesen mit SPIEGEL+",
    "Um weiterzulesen, melden Sie sich bitte an.",
    "Para seguir leyendo ingresá o suscribite",
    "Per continuare a leggere abbonati o accedi.",
    "Para continuar a ler este artigo, inicie sessão ou assine.",
    "Чтобы продолжить чтение, пожалуйста, оплатите доступ.",
    "Abbonati per continuare a leggere",
    "Publié le 12 mars 2024 · Temps de lecture 4 min.",
    "Stand: 10:49 UhrLesedauer: 5 Minuten",
    "06.01.2026, Lesezeit 5 Min.",
]


@pytest.mark.parametrize("line", STILL_DROPPED)
def test_a_wall_or_label_b58_read_still_goes(line: str) -> None:
    assert body(page(after=f"<p>{line}</p>")).split("\n\n") == STORY
