"""b58, category "a paywall's or login wall's access prompt" (b57, k57) in German, Spanish,
Italian, Portuguese, Russian and Dutch: the whole short paragraph that gates reading
itself ("Jetzt weiterlesen mit BZ+", "Regístrate gratis para seguir leyendo", "Войдите,
чтобы продолжить чтение."). ``parsers/body/walls.py`` read English and Le Monde's French
only, so these stayed in the body. The wording is real sites': fundus's saved pages
(Börsen-Zeitung, Freie Presse, Kicker, El País, ABC), public scrapers' paywall marker lists
(Spiegel's "Weiterlesen mit SPIEGEL+", la diaria's "Para seguir leyendo ingresá o
suscribite", Il Sole 24 Ore's "Sei già abbonato?"), a Russian reader's "Чтобы продолжить
чтение, пожалуйста, оплатите доступ.", letras.mus.br's "Já é assinante? Faça login.", Dutch
sites' "Al abonnee? Log in.". Guards: an issuing body's own call to action in those
languages (register for an event, read on in a report) stays, as k57 asked for English;
so does a prompt quoted or in a list item.

k57 left, also here: a step of a procedure in a table cell ("Create an account or log in.")
was dropped, while Google News fb5075ce's wall sits in a table layout's ``<td>``. The two
part on what the line gates: a wall names it ("... to read this story", "Already a member?
Login now"), a step names only the actions. In a cell only a prompt that names what it
gates is dropped.
"""

from __future__ import annotations

import pytest

from tests.parsers.body_rule_pages import STORY, body, page

PROMPTS = [
    # German: Börsen-Zeitung (fundus), Spiegel, Freie Presse and Kicker (fundus).
    "Jetzt weiterlesen mit BZ+",
    "Weiterlesen mit SPIEGEL+",
    "Jetzt anmelden und weiterlesen",
    "Um weiterzulesen, melden Sie sich bitte an.",
    "Sie sind bereits Abonnent? Hier anmelden",
    "Bereits PUR-Abonnent? Hier anmelden",
    "Dieser Artikel ist exklusiv für Abonnenten.",
    # Spanish: El País (fundus), la diaria, ABC (fundus).
    "Regístrate gratis para seguir leyendo",
    "Inicia sesión o regístrate gratis para continuar leyendo en incógnito",
    "Suscríbete para seguir leyendo",
    "Para seguir leyendo ingresá o suscribite",
    "¿Ya eres suscriptor? Inicia sesión",
    "Si ya estás suscrito, inicia sesión",
    "Este contenido es exclusivo para suscriptores.",
    # Italian.
    "Per continuare a leggere abbonati o accedi.",
    "Abbonati per continuare a leggere",
    "Sei già abbonato? Accedi",
    "Questo articolo è riservato agli abbonati.",
    # Portuguese.
    "Já é assinante? Faça login.",
    "Assine para continuar lendo",
    "Para continuar a ler este artigo, inicie sessão ou assine.",
    "Esse conteúdo é exclusivo para assinantes.",
    # Russian.
    "Чтобы продолжить чтение, пожалуйста, оплатите доступ.",
    "Войдите, чтобы продолжить чтение.",
    "Оформите подписку, чтобы читать дальше.",
    "Уже подписаны? Войдите",
    "Этот материал доступен только подписчикам.",
    # Dutch.
    "Al abonnee? Log in.",
    "Ben je al abonnee? Log hier in",
    "Log in om verder te lezen",
    "Word abonnee en lees verder",
    "Dit artikel is alleen beschikbaar voor abonnees.",
]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_an_access_prompt_in_another_language_is_dropped(prompt: str) -> None:
    assert body(page(after=f"<p>{prompt}</p>")).split("\n\n") == STORY


# An issuing body's own call to action, or a pointer to read on elsewhere: not a wall.
CALLS = [
    "Melden Sie sich jetzt an, um an der Anhörung teilzunehmen.",
    "Weiterlesen: der Jahresbericht des Bundeskriminalamts.",
    "Um weiterzulesen, öffnen Sie den vollständigen Bericht auf der Website des Ministeriums.",
    "Regístrate para seguir la conferencia en directo.",
    "Para seguir leyendo sobre la trata de personas, consulte el informe anual.",
    "Registrati per partecipare al webinar del 30 luglio.",
    "Per continuare a leggere il rapporto completo, visita il sito dell'agenzia.",
    "Inscreva-se para participar da audiência pública.",
    "Para continuar lendo sobre o tema, consulte o relatório anual.",
    "Подпишитесь на наш канал, чтобы следить за новостями агентства.",
    "Чтобы продолжить чтение доклада, перейдите на сайт ведомства.",
    "Meld je aan om deel te nemen aan de hoorzitting.",
    "Lees verder in het jaarverslag van de inspectie.",
]


@pytest.mark.parametrize("line", CALLS)
def test_a_call_to_action_in_another_language_stays(line: str) -> None:
    assert body(page(after=f"<p>{line}</p>")).split("\n\n") == [*STORY, line]


def test_a_quoted_prompt_stays() -> None:
    line = "„Jetzt weiterlesen mit BZ+“, stand über dem Text, den kaum jemand las."
    assert body(page(after=f"<p>{line}</p>")).split("\n\n") == [*STORY, line]


def test_a_prompt_in_a_list_item_stays() -> None:
    steps = "<ol><li>Войдите, чтобы продолжить чтение.</li><li>Выберите тариф.</li></ol>"
    lines = body(page(after=f"<p>Как читать архив:</p>{steps}")).split("\n\n")
    assert "Войдите, чтобы продолжить чтение." in lines


# k57 left: a step in a table cell. A table of steps keeps its bare actions; a table
# layout's wall (Google News fb5075ce) names what it gates and goes.
def _table(cells: list[str]) -> str:
    rows = "".join(f"<tr><td>{i}</td><td>{cell}</td></tr>" for i, cell in enumerate(cells, 1))
    return f"<p>To apply for the grant:</p><table>{rows}</table>"


def test_a_step_in_a_table_cell_stays() -> None:
    cells = [
        "Create an account or log in.",
        "Fill in the application form for your region.",
        "Upload the documents listed in the call.",
    ]
    assert "Create an account or log in." in body(page(after=_table(cells))).split("\n\n")


def test_a_wall_in_a_table_layouts_cell_goes() -> None:
    wall = (
        "<table><tr><td>Please create an account or login to read this story</td></tr>"
        "<tr><td>ALREADY A MEMBER? LOGIN NOW.</td></tr></table>"
    )
    assert body(page(after=wall)).split("\n\n") == STORY
