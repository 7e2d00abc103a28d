"""A site label glued to the metadata title without a separator we part at (t51, issue 17,
``parsers.title_glued_label.printed_end``): " @ SYS-CON Media", " on ChicagoSports.com",
" _English_Xinhua", "(The Korea Times)", ":phpspot開発日誌", a tagline before "-China
promises ...". The page prints the headline alone at the story's start; that block is the
title. The rule's cases keep the label without the rule; the guards pass both ways."""

from __future__ import annotations

import pytest

from parsers import extract

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "The venture found and fixed hundreds of defects in widely used open-source projects "
        "over the past year, the company said in a statement on Tuesday.",
        "Officials said the programme would continue next year with a wider list of projects "
        "and that the results would be published for every maintainer to read.",
        "The maintainers of several projects said the reports had helped them find flaws that "
        "had gone unnoticed for years in code that runs on millions of machines.",
    )
)
NAV = "".join(
    f"<td><a href='/s{n}'>{word}</a></td>"
    for n, word in enumerate(["Home", "News", "Sports", "Business", "Features", "About Us"])
)
HEADLINE = "Coverity Venture Resolves Security Flaws in Open-Source Projects"
URL = "http://news.example.com/read/story/2245.htm"


def _page(title: str, headline: str = HEADLINE, *, og: str | None = None, cell: str = "div") -> str:
    meta = f"<meta property='og:title' content='{og}'>" if og else ""
    return (
        f"<html><head><title>{title}</title>{meta}</head><body><table>"
        f"<tr>{NAV}</tr></table><{cell} class='storytitle'>{headline}</{cell}>"
        f"<div class='story'>{STORY}</div></body></html>"
    )


@pytest.mark.parametrize(
    "title",
    [
        f"{HEADLINE} @ SYS-CON Media",
        f"{HEADLINE} on ChicagoSports.com",
        f"{HEADLINE} _English_Xinhua",
        f"{HEADLINE}(The Korea Times)",
        f"Montana's News Station - Fair. Accurate. To the Point. -{HEADLINE}",
    ],
)
def test_a_label_glued_to_title_gives_way_to_the_printed_headline(title: str) -> None:
    assert extract(_page(title), url=URL).title == HEADLINE


def test_a_label_glued_to_og_title_by_an_unspaced_colon_gives_way() -> None:
    headline = "マインドマップ風のツリーを描画できる「Treeviz」"
    page = _page("phpspot開発日誌", headline, og=f"{headline}:phpspot開発日誌", cell="h3")
    assert extract(page, url=URL).title == headline


def test_a_linked_line_printing_the_title_start_is_not_the_headline() -> None:
    # A list of stories may print the start of the title as a link: not the headline.
    title = f"{HEADLINE} and What Comes Next"
    page = _page(title, f"<a href='/s/1'>{HEADLINE}</a>")
    assert extract(page, url=URL).title == title


def test_a_block_of_two_words_is_too_short_to_be_a_title_part() -> None:
    title = "Coverity Venture Expands"
    assert extract(_page(title, "Coverity Venture"), url=URL).title == title


def test_the_short_end_line_of_a_long_headline_is_not_the_title() -> None:
    # A long headline printed on two lines: its last line alone is the title's end, and
    # what precedes it is no label (longer than the line).
    title = f"Officials Say the Programme Found Hundreds of Defects in Widely Used Code, {HEADLINE}"
    assert extract(_page(title), url=URL).title == title
