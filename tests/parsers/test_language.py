"""Article.language: the declaration when the text bears it out, else the text's language."""

from __future__ import annotations

from parsers import extract
from parsers.language import language_of

URL = "https://news.example.org/2019/11/16/story/"
GERMAN = [
    "Der Stadtrat hat am Montag einen Fünfjahresplan gebilligt, der drei neue Straßenbahnlinien "
    "vorsieht und die Busflotte bis 2024 vollständig auf Elektrobusse umstellt.",
    "Die Opposition hielt die Kostenschätzungen für zu optimistisch und verlangte eine Prüfung "
    "durch den Landesrechnungshof, bevor das erste Geld ausgegeben wird.",
    "Die Verkehrsbetriebe rechnen damit, dass die erste neue Linie in drei Jahren fährt.",
]
RUSSIAN = [
    "Городской совет в понедельник утвердил пятилетний план, который добавляет три новые "
    "трамвайные линии и полностью заменяет автобусный парк электробусами к 2024 году.",
    "Оппозиция сочла оценки расходов слишком оптимистичными и потребовала провести аудит, "
    "прежде чем будут потрачены первые деньги.",
    "Транспортное предприятие рассчитывает запустить первую новую линию через три года.",
]
UKRAINIAN = [
    "Міська рада в понеділок ухвалила п'ятирічний план, який додає три нові трамвайні лінії "
    "та повністю замінює автобусний парк електробусами до 2024 року.",
    "Опозиція вважала оцінки витрат надто оптимістичними і вимагала провести аудит, перш ніж "
    "будуть витрачені перші гроші.",
    "Транспортне підприємство розраховує запустити першу нову лінію через три роки.",
]


def page(paragraphs: list[str], lang: str | None) -> str:
    declared = f' lang="{lang}"' if lang else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html{declared}><head><title>Story</title></head><body>"
        f"<article><h1>Story</h1>{body}</article></body></html>"
    )


def test_an_undeclared_german_page_is_german() -> None:
    assert extract(page(GERMAN, None), url=URL).language == "de"


def test_a_page_declaring_english_whose_text_is_russian_is_russian() -> None:
    assert extract(page(RUSSIAN, "en"), url=URL).language == "ru"


def test_a_page_declaring_english_whose_text_is_german_is_german() -> None:
    assert extract(page(GERMAN, "en-US"), url=URL).language == "de"


def test_a_page_declaring_russian_whose_text_is_ukrainian_is_ukrainian() -> None:
    assert extract(page(UKRAINIAN, "ru-RU"), url=URL).language == "uk"


def test_a_declaration_the_text_bears_out_is_kept() -> None:
    assert extract(page(GERMAN, "de-AT"), url=URL).language == "de"
    assert extract(page(RUSSIAN, "ru"), url=URL).language == "ru"


def test_short_text_gets_no_guess_but_keeps_the_declaration() -> None:
    short = "The council approved the plan on Monday, officials said."
    assert language_of(None, short) is None
    assert language_of("de", short) == "de"


def test_a_near_twin_the_model_confuses_keeps_the_declaration() -> None:
    bokmal = (
        "Bystyret vedtok mandag en femårsplan som gir tre nye trikkelinjer og bytter ut hele "
        "bussparken med elektriske busser innen 2024, sa kommunen i en pressemelding."
    )
    assert language_of("nb-NO", bokmal) == "no"
    assert language_of("da", bokmal) == "da"
