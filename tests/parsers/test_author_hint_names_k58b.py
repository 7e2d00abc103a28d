"""k58b, review of a58's markup hints (``parsers.author_hints``; issue 17): a hint's name
passed the person check as any two to five capitalised words, so an office ("Press
Office", "Oficina de Prensa", "Пресс-служба МИД") or a copyright line in an ``<author>`` in
the footer was given as the author, and a label of the page's language stayed in the name
("Автор: Мария Соколова"). ``author_hint_guards.hint_name`` reads a person's name or none.
"""

from __future__ import annotations

import pytest

from parsers import extract

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "The ministry announced on Tuesday that the new programme for regional development "
        "will start next spring with funding for two hundred projects.",
        "Officials said the applications would be reviewed by an independent panel and the "
        "first grants paid out before the end of the summer season.",
        "The programme follows a consultation that drew more than four thousand responses "
        "from councils, businesses and residents across the country.",
    )
)
URL = "https://news.example/2024/03/story"


def _page(hint: str, lang: str = "en", after: str = "") -> str:
    return (
        f"<html lang='{lang}'><head><title>New regional programme announced</title></head>"
        "<body><header><a href='/'>Site</a></header><article>"
        f"<h1>New regional programme announced</h1>{hint}{STORY}{after}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("hint", "lang"),
    [
        ("<div id='author'>Press Office</div>", "en"),
        ("<span id='author'>Oficina de Prensa</span>", "es"),
        ("<span id='author'>Пресс-служба МИД</span>", "ru"),
    ],
)
def test_an_office_in_a_hint_is_no_author(hint: str, lang: str) -> None:
    assert extract(_page(hint, lang), url=URL).authors == ()


def test_a_copyright_line_in_an_author_element_is_no_author() -> None:
    page = _page("", after="<footer><author>Copyright Example Media Group</author></footer>")
    assert extract(page, url=URL).authors == ()


def test_a_label_before_the_name_in_a_hint_is_cut() -> None:
    page = _page("<div data-component='byline'>Автор: Мария Соколова</div>", "ru")
    assert extract(page, url=URL).authors == ("Мария Соколова",)


@pytest.mark.parametrize(
    ("hint", "lang", "name"),
    [
        ("<span id='author'>Иван Петров</span>", "ru", "Иван Петров"),
        ("<a data-testid='AuthorURL' href='/authors/jd'>Jane Doe</a>", "en", "Jane Doe"),
    ],
)
def test_a_persons_name_in_a_hint_is_still_read(hint: str, lang: str, name: str) -> None:
    assert extract(_page(hint, lang), url=URL).authors == (name,)
