"""Category "a list of dated links" (parsers/page_kind.py).

A section front or archive whose every line is a headline link with its date
beside it, in the same line (``<li><a>...</a> 2019-11-16</li>``, ``（11月16日）``,
``16.11.2019 14:30``), with or without a one-line excerpt under it: the date is
text outside the link, so the line fell below the link share of a headline link
(short CJK headlines most of all) and the list was stored as one article.
"""

from __future__ import annotations

import pytest

from parsers.extract import extract
from tests.parsers.cjk_pages import CHINESE
from tests.parsers.test_cjk_listings import HEADLINES

LATIN = ["Minister opens bridge", "Budget vote set for May", "Bank holds its rate",
         "Fares frozen next year", "Farm aid package agreed", "Snow warning for north"]
STAMPS = {
    "iso": lambda i: f"2019-11-{10 + i % 9:02d}",
    "iso-time": lambda i: f"2019-11-{10 + i % 9:02d} {i % 24:02d}:30",
    "month-day": lambda i: f"11月{10 + i % 9}日",
    "bracketed": lambda i: f"（2019-11-{10 + i % 9:02d}）",
    "dotted": lambda i: f"{10 + i % 9}.11.2019 {i % 24:02d}:30",
}
LINES = {
    "inline": "<li><a href='/news/{i}.html'>{h}</a> {d}</li>",
    "excerpt": "<li><a href='/news/{i}.html'>{h}</a> {d}<p>{h}。{h}。</p></li>",
    "span-excerpt": "<li><a href='/news/{i}.html'>{h}</a><span class='date'>{d}</span>"
                    "<p>{h}, {h}.</p></li>",
}


def dated_list(heads: list[str], stamp: str, line: str, lang: str) -> bytes:
    items = "".join(LINES[line].format(i=i, h=h, d=STAMPS[stamp](i))
                    for i, h in enumerate(heads * 5))
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>News</title></head>"
            f"<body><div class='list'><h1>Latest</h1><ul>{items}</ul></div></body></html>"
            ).encode()


@pytest.mark.parametrize("line", sorted(LINES))
@pytest.mark.parametrize("stamp", sorted(STAMPS))
@pytest.mark.parametrize("lang", ["zh", "ja", "ko", "en"])
def test_a_list_of_dated_links_is_a_listing(lang: str, stamp: str, line: str) -> None:
    heads = LATIN if lang == "en" else HEADLINES[lang]
    page = extract(dated_list(heads, stamp, line, lang), url="https://news.example/news/")
    assert page.kind == "listing"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_story_with_a_box_of_dated_links_is_still_an_article(lang: str) -> None:
    paragraphs = CHINESE.paragraphs if lang == "zh" else (
        "The minister opened the new bridge over the river on Saturday, three months "
        "ahead of schedule and within the budget approved by parliament last year.",
        "The crossing carries four lanes of traffic and a cycle path, and is expected "
        "to halve journey times between the two halves of the city at rush hour.",
        "Local businesses welcomed the opening, saying the old ferry had long held back "
        "trade between the districts on either bank.")
    heads = HEADLINES["zh"] if lang == "zh" else LATIN
    related = "".join(f"<li><a href='/r/{i}.html'>{h}</a> 2019-11-{10 + i:02d}</li>"
                      for i, h in enumerate(heads * 2))
    html = (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{heads[0]}</title></head>"
            f"<body><article><h1>{heads[0]}</h1>{''.join(f'<p>{p}</p>' for p in paragraphs)}"
            f"</article><aside><h2>More</h2><ul>{related}</ul></aside></body></html>")
    page = extract(html.encode(), url="https://news.example/2019/11/16/story.html")
    assert page.kind == "article"
    assert page.body == "\n\n".join(paragraphs)
