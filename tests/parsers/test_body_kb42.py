"""kb42: b42's body rules (docs/BENCHMARKS.md "Sixth measuring set") attacked as a hostile
site and an unlucky page would ("kb42: attacks on b42's body rules").

- A story sentence that opens with "Par"/"Von"/"Por"/"Per" and an author's name and goes on
  as a sentence ("Par Le Monde entier, ...", the author being the paper; "Per Reuters, ..."
  in English) is story, not a byline;
  "Von Jane Doe mit AP" (Euronews) still is one (parsers/body/bio.py, _goes_on_as_prose).
- A spec line "Foto: 48 MP ..." in a phone review is a value, not a picture credit
  (parsers/body/credits.py, FOREIGN_CREDIT_RE: the name opens with a letter).
- A gallery whose every paragraph is a caption closed by a credit keeps its captions
  (parsers/body/__init__.py: the credited captions are the story when nothing else is).
- A paywall prompt of three long paragraphs asking for a subscription leaves (x45,
  parsers/body/labels.py PITCH_RE; kb42's strict xfail until then).
"""

from __future__ import annotations

import pytest

from parsers import extract
from parsers.body.bio import is_foreign_byline

URL = "https://nachrichten.example.de/2024/05/02/stadtrat-strassenbahn/"
STORY = [
    "Der Stadtrat hat am Montag einen Fünfjahresplan beschlossen, der drei neue "
    "Straßenbahnlinien in den Osten der Stadt bringt und den Verkehr entlasten soll.",
    "Der Plan sieht außerdem vor, die gesamte Busflotte bis 2028 auf elektrische Busse "
    "umzustellen, teilten die Verantwortlichen am Abend in einer Mitteilung mit.",
    "Die Opposition hält die Kostenschätzung für zu optimistisch und verlangt eine "
    "unabhängige Prüfung durch den Rechnungshof, bevor gebaut wird.",
    "Der Bau der ersten Linie soll im kommenden Frühjahr nach einer letzten Anhörung der "
    "Anwohner beginnen, heißt es aus dem Rathaus.",
]

# A sentence of the story opening with the preposition and an author's name (a paper
# signing as author, a one-word name, the author as the subject): it goes on in lower case
# and ends as a sentence, or glues the name into a compound.
PROSE = [
    ("Par Le Monde entier, les manifestations se multiplient.", ["Le Monde"]),
    ("Por El País circulan rumores sobre la dimisión.", ["El País"]),
    ("Per il Post-pandemia il governo prevede nuovi fondi.", ["Il Post"]),
    ("Von Merz keine Spur.", ["Merz"]),
    ("Von Anna weiß man wenig.", ["Anna"]),
    ("Von Doe kam keine Antwort.", ["Doe"]),
    # An English "per" (according to) on an English page: "per" is Catalan's "By".
    ("Per Reuters, the talks failed.", ["Reuters"]),
    ("Per AP: the vote was 52 to 48.", ["AP"]),
]
# Bylines: a wire after "mit"/"avec" without a full stop (Euronews' "Von Diana Resnik mit
# AP"), "and", a place.
BYLINES = [
    ("Von Jane Doe mit AP", ["Jane Doe"]),
    ("Par Le Monde avec AFP", ["Le Monde"]),
    ("Von Jane Doe und John Roe, Nairobi", ["Jane Doe", "John Roe"]),
    ("Por Juana Pérez y Ana Gil", ["Juana Pérez"]),
    ("Von Jane Doe Berlin", ["Jane Doe"]),
    ("Par Jane Doe, envoyée spéciale", ["Jane Doe"]),
    ("Par AFP.", ["AFP"]),
]


def page(inner: str, lang: str = "de", head: str = "") -> str:
    return (
        f"<html lang='{lang}'><head><title>Stadtrat beschließt Straßenbahnplan</title>{head}"
        "</head><body><nav><a href='/'>Start</a> <a href='/news/'>Nachrichten</a></nav>"
        f"<article><h1>Stadtrat beschließt Straßenbahnplan</h1>{inner}</article></body></html>"
    )


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def body(html: str) -> list[str]:
    return extract(html, url=URL).body.split("\n\n")


@pytest.mark.parametrize(("text", "authors"), PROSE)
def test_a_sentence_opening_with_an_authors_name_is_no_byline(
    text: str, authors: list[str]
) -> None:
    assert not is_foreign_byline(text, authors)


@pytest.mark.parametrize(("text", "authors"), BYLINES)
def test_bylines_going_on_with_a_wire_or_a_name_still_go(text: str, authors: list[str]) -> None:
    assert is_foreign_byline(text, authors)


def test_the_sentence_stays_in_the_body_when_the_paper_is_the_author() -> None:
    sentence = "Par Le Monde entier, les manifestations se multiplient."
    head = "<meta name='author' content='Le Monde'>"
    lines = [*STORY[:2], sentence, *STORY[2:]]
    got = body(page(f"<div class='story'>{paragraphs(lines)}</div>", lang="fr", head=head))
    assert sentence in got


def test_a_spec_line_opening_with_foto_stays() -> None:
    specs = (
        "<ul><li>Display: 6,1 Zoll OLED</li>"
        "<li>Foto: 48 MP Hauptkamera, 12 MP Ultraweitwinkel</li><li>Akku: 3.200 mAh</li></ul>"
    )
    inner = paragraphs(STORY[:2]) + specs + paragraphs(STORY[2:])
    assert "Foto: 48 MP Hauptkamera, 12 MP Ultraweitwinkel" in body(page(inner))


@pytest.mark.parametrize(("credit", "lang"), [("Foto: Jane Doe", "de"), ("Photo: Jane Doe", "en")])
def test_a_gallery_of_credited_captions_keeps_them(credit: str, lang: str) -> None:
    captions = [f"{line} {credit}" for line in STORY]
    got = body(page(f"<div class='gallery'>{paragraphs(captions)}</div>", lang=lang))
    assert got == captions


def test_a_lone_credit_is_no_gallery() -> None:
    """The fallback needs a caption holding a sentence: a page of one credit stays empty."""
    got = extract(page("<div class='story'><p>(Foto: REUTERS)</p></div>"), url=URL).body
    assert "REUTERS" not in got


PITCH = [
    "Unabhängiger Journalismus kostet Geld. Mit einem Abonnement unterstützen Sie unsere "
    "Redaktion und lesen alle Artikel auf unserer Website ohne jede Einschränkung.",
    "Testen Sie jetzt vier Wochen lang kostenlos unser Digital-Abo und erhalten Sie Zugang "
    "zu allen Inhalten, dem E-Paper und unseren exklusiven Newslettern.",
    "Sie sind bereits Abonnent? Dann melden Sie sich einfach mit Ihrem Konto an und lesen "
    "Sie weiter. Bei Fragen hilft Ihnen unser Leserservice gerne weiter.",
]


def test_a_paywall_prompt_of_three_long_paragraphs_leaves() -> None:
    wall = f"<div class='paywall'>{paragraphs(PITCH)}</div>"
    got = body(page(f"<div class='story'>{paragraphs(STORY)}{wall}</div>"))
    assert not any(line in got for line in PITCH)


PITCHES = {
    "en": [
        "Independent journalism costs money. With a subscription you support our newsroom and "
        "read every article on our website without any limit, on every device you own.",
        "Try our digital edition free for four weeks and get access to all of our reporting, "
        "the e-paper and our exclusive newsletters, then pay what suits you each month.",
        "Already a subscriber? Then simply sign in with your account and keep on reading. If "
        "you have any questions, our reader service team will be glad to help you further.",
    ],
    "fr": [
        "Le journalisme indépendant a un coût. En vous abonnant, vous soutenez notre rédaction "
        "et lisez tous nos articles sur notre site sans aucune limite, sur tous vos appareils.",
        "Essayez gratuitement notre offre numérique pendant quatre semaines et accédez à toute "
        "notre couverture, au journal numérique et à nos lettres d'information exclusives.",
        "Déjà abonné ? Connectez-vous simplement avec votre compte et poursuivez votre lecture. "
        "Pour toute question, notre service clients se fera un plaisir de vous aider au mieux.",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_pitch_of_three_long_paragraphs_leaves_in_other_languages(lang: str) -> None:
    # x45 (labels.PITCH_RE): each pitch holds one paragraph without a subscription word, two
    # with one; fails without: the pitch kept after the story.
    wall = f"<div class='paywall'>{paragraphs(PITCHES[lang])}</div>"
    got = body(page(f"<div class='story'>{paragraphs(STORY)}{wall}</div>", lang=lang))
    assert got == STORY


def test_a_story_about_subscriptions_in_a_paywall_wrapper_is_read() -> None:
    # Guard (b42's rule kept): a story sent whole in a wrapper named for the paywall, two of
    # whose paragraphs name subscriptions, is still the story.
    story = [
        *STORY,
        "Die Verkehrsbetriebe wollen außerdem das Abonnement für Pendler günstiger machen, "
        "damit mehr Menschen aus dem Umland auf die neuen Linien umsteigen.",
        "Wer bereits ein Jahresabo besitzt, soll nach den Plänen der Stadt automatisch in den "
        "neuen Tarif wechseln können, ohne einen Antrag stellen zu müssen.",
    ]
    inner = f"<div class='a-content'><div class='pmc-paywall'>{paragraphs(story)}</div></div>"
    assert body(page(inner)) == story
