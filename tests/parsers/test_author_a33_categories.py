"""Author categories k32 found and left (a33): a link after a lone author label, a blog
named after a co-author, a reviewed book's fact box printed with bold labels and no colons.
The pages are made up; the forms are those k32 described (docs/BENCHMARKS.md, review k32)."""

from __future__ import annotations

import json

import pytest

from parsers.extract import extract
from tests.parsers.budget_story import budget_authors as _authors
from tests.parsers.budget_story import budget_page


@pytest.mark.parametrize(
    "byline",
    [
        "<p>By</p><p><a href='/news/budget-more'>Read more</a></p>",
        "<p>Author:</p><p><a href='/news/budget-more'>Read More »</a></p>",
        "<div><span>By</span> <a href='/author/'>View all posts</a></div>",
        # k33: a sharing link; fails without its words: ('Share on Facebook',).
        "<p>By</p><p><a href='https://facebook.com/sharer'>Share on Facebook</a></p>",
    ],
)
def test_a_link_after_a_lone_author_label_is_no_name(byline: str) -> None:
    # Category "call to action after an author label". Fails without ACTION_WORDS:
    # ('Read more',), ('Read More',), ('View all posts',).
    assert _authors(byline) == ()


def test_a_name_holding_a_navigation_word_stays() -> None:
    # Guards (pass both ways): a surname that is also a navigation word; the label's name.
    assert _authors("<p>By Thomas More</p>") == ("Thomas More",)
    assert _authors("<p>Written by</p><p>Herbert Read</p>") == ("Herbert Read",)


def _site(name: str) -> str:
    return f"<meta property='og:site_name' content='{name}'>"


@pytest.mark.parametrize(
    ("byline", "head"),
    [
        ("<p>By Jane Doe and Polly Barks</p>", _site("Polly Barks")),
        ("", _site("Polly Barks") + "<meta name='author' content='Jane Doe, Polly Barks'>"),
        ("", _site("Polly Barks") + "<script type='application/ld+json'>"
         + json.dumps({"@type": "BlogPosting", "author": {"@type": "Person",
                                                         "name": "Jane Doe and Polly Barks"}})
         + "</script>"),
    ],
)
def test_a_co_author_the_blog_is_named_after_stays(byline: str, head: str) -> None:
    # Category "a blog named after a person". Fails without _names_a_person: ('Jane Doe',)
    # each time (the co-author cut as the page's own site).
    assert _authors(byline, head) == ("Jane Doe", "Polly Barks")


@pytest.mark.parametrize(
    ("byline", "head"),
    [
        ("<p>By Jane Doe and The Daily Planet</p>", _site("The Daily Planet")),
        ("<p>By Jane Doe, Ars Weekly</p>", _site("Ars Weekly")),
        ("<p>Von Anna Berg und Die Zeit</p>", _site("Die Zeit")),
    ],
)
def test_a_site_that_is_an_outlet_is_still_cut(byline: str, head: str) -> None:
    # Guards (pass both ways): a32's outlet trim, for site names an article or an outlet
    # word marks as outlets.
    lang = "de" if byline.startswith("<p>Von") else "en"
    expected = ("Anna Berg",) if lang == "de" else ("Jane Doe",)
    assert _authors(byline, head, lang) == expected


@pytest.mark.parametrize(
    "box",
    [
        "<div><p><strong>Titel</strong> Das Institut</p><p><strong>Autor</strong> Stephen King"
        "</p><p><strong>Verlag</strong> Heyne</p></div>",
        "<dl><dt>Titel</dt><dd>Das Institut</dd><dt>Autor</dt><dd>Stephen King</dd>"
        "<dt>Verlag</dt><dd>Heyne</dd></dl>",
    ],
)
def test_a_bold_label_fact_box_names_the_books_author_not_the_storys(box: str) -> None:
    # Category "fact box of a reviewed work", DW's form without colons. Fails without
    # WORK_INLINE_RE / WORK_LONE_RE: ('Stephen King',) for each.
    assert _authors("", lang="de", box=box) == ()


def test_a_bold_label_author_box_without_work_facts_still_names_the_author() -> None:
    # Guards (pass both ways): a32's DW author box; a lone label whose next lines are a
    # name and a headline starting with a label word.
    box = "<div><p><strong>Autorin/Autor</strong> Roman Goncharenko</p></div>"
    assert _authors("", lang="de", box=box) == ("Roman Goncharenko",)
    assert _authors("<p>Written by</p><p>Jane Doe</p><p>Title IX suit goes ahead</p>") == (
        "Jane Doe",
    )


@pytest.mark.parametrize(
    ("headline", "byline", "lang", "expected"),
    [
        ("Title IX suit goes ahead", "<p>Author Jane Doe</p>", "en", ("Jane Doe",)),
        ("Price of bread doubles", "<p>Author Jane Doe</p>", "en", ("Jane Doe",)),
        ("Titel verteidigt: Bayern gewinnt erneut", "<p>Autor Anna Berg</p>", "de",
         ("Anna Berg",)),
    ],
)
def test_a_headline_opening_with_a_work_label_is_no_fact_box(
    headline: str, byline: str, lang: str, expected: tuple[str, ...]
) -> None:
    # k33: the headline right above a bold-label author line read as the box's 'Titel'
    # line. Fails with headings taken as fact lines (bylines._byline_from_lines): () each.
    html = budget_page(byline, lang=lang, headline=headline)
    assert extract(html, url="https://example.com/news/budget").authors == expected
