"""Three author categories found in trafilatura's metadata tests (issue 17, t56;
``bench/metadata_snippets.py``), on press-release shaped pages:

- a quotation's attribution (a pull quote's or testimonial's "— Jane Doe, CEO") is not
  the byline (``author_boxes.in_quotation``); an author box in a <figure> still is;
- ``og:author`` is read as an author meta name (``metadata.AUTHOR_KEYS``);
- HTML in a declared author ("By <a href=...>Amir Vera</a>, ...", CNN) keeps its text
  (``bylines.MARKUP_TAG_RE``).

The rule cases fail without the change; the guards pass both ways.
"""

from __future__ import annotations

import pytest

from parsers import extract

URL = "https://www.example.org/news/ministry-approves-regional-programme"
STORY = (
    "<p>"
    + " ".join(
        ["The ministry said on Monday that the programme would start next year in every region."]
        * 4
    )
    + "</p>"
)


def _authors(head: str = "", body: str = "", byline: str = "") -> tuple[str, ...]:
    html = (
        f'<html lang="en"><head><title>Ministry approves regional programme</title>{head}</head>'
        f"<body><article><h1>Ministry approves regional programme</h1>{byline}"
        f"{STORY * 2}{body}{STORY * 2}</article></body></html>"
    )
    return extract(html, url=URL).authors


PULL_QUOTE = (
    '<div class="quote"><p>This programme reaches every region.</p>'
    '<p class="quote-author"><span>—</span> Jenny Smith</p></div>'
)
BLOCKQUOTE = (
    "<blockquote><p>This programme reaches every region.</p>"
    '<cite class="author">Jenny Smith, Minister</cite></blockquote>'
)
TESTIMONIAL = (
    '<div class="testimonial"><p>A fine programme.</p>'
    '<span class="author-name">Jenny Smith</span></div>'
)


@pytest.mark.parametrize(
    "quote",
    [PULL_QUOTE, BLOCKQUOTE, TESTIMONIAL],
    ids=["pull-quote", "blockquote", "testimonial"],
)
def test_a_quotations_attribution_is_not_the_byline(quote: str) -> None:
    assert "Jenny Smith" not in _authors(body=quote)


@pytest.mark.parametrize(
    "quote",
    [PULL_QUOTE, BLOCKQUOTE, TESTIMONIAL, ""],
    ids=["pull-quote", "blockquote", "testimonial", "none"],
)
def test_the_pages_own_byline_stands_beside_a_quotation(quote: str) -> None:
    byline = '<p class="byline">By <a href="/author/dana-ellery">Dana Ellery</a></p>'
    assert _authors(body=quote, byline=byline) == ("Dana Ellery",)


def test_an_author_box_in_a_figure_is_still_the_byline() -> None:
    # Berliner Morgenpost's shape (fundus): a figure with no author class, the name in
    # its figcaption's <address>.
    morgenpost = (
        '<figure class="flex items-start"><a class="mr-2" href="/author/dana-ellery/">'
        '<img src="/dana.jpg" alt=""></a><figcaption><address class="not-italic">'
        '<a class="hover:underline" href="/author/dana-ellery/">Dana Ellery</a>'
        "</address></figcaption></figure>"
    )
    assert _authors(byline=morgenpost) == ("Dana Ellery",)
    portrait = (
        '<figure class="author-box"><img src="/dana.jpg" alt="">'
        '<figcaption class="author-name"><a href="/author/dana-ellery">Dana Ellery</a>'
        "</figcaption></figure>"
    )
    assert _authors(byline=portrait) == ("Dana Ellery",)


def test_og_author_is_an_author_meta_name() -> None:
    assert _authors(head='<meta property="og:author" content="Jenny Smith"/>') == ("Jenny Smith",)


def test_markup_in_a_declared_author_keeps_its_text() -> None:
    cnn = (
        '<meta name="author" content="By &lt;a href=&quot;/profiles/amir-vera&quot;&gt;'
        "Amir Vera&lt;/a&gt;, Seán Federico O&#x27;Murchú, &lt;a href=&quot;/profiles/tara-s&quot;"
        '&gt;Tara Subramaniam&lt;/a&gt; and Adam Renton, CNN"/>'
    )
    assert _authors(head=cnn) == (
        "Amir Vera",
        "Seán Federico O'Murchú",
        "Tara Subramaniam",
        "Adam Renton",
    )
    named = (
        '<meta name="author" content="&lt;a href=&quot;/author/jane-doe&quot;&gt;'
        'Jane Doe&lt;/a&gt;"/>'
    )
    assert _authors(head=named) == ("Jane Doe",)


# Guards: an og:author naming the site or an organisation's acronym stays out (dev 0074,
# the CDC's "CDC"); one with no markup is read as before; a "<" in a name that opens no
# tag is kept.
def test_og_author_naming_an_organisation_is_not_a_person() -> None:
    assert _authors(head='<meta property="og:author" content="CDC"/>') == ()


def test_a_plain_declared_author_is_unchanged() -> None:
    assert _authors(head='<meta name="author" content="Jane Doe and John Roe"/>') == (
        "Jane Doe",
        "John Roe",
    )


def test_a_class_that_only_holds_the_word_quote_is_no_quotation() -> None:
    # The Times' column header (Google News, 2008): the columnist's byline sits in
    # "header-quote-right", a layout name.
    header = (
        '<div class="header-quote-container"><div class="header-quote-right">'
        '<p class="byline">Dana Ellery</p></div></div>'
    )
    assert _authors(byline=header) == ("Dana Ellery",)


def test_a_line_break_in_a_declared_author_still_parts_the_outlet() -> None:
    # The Patriot Ledger (Google News, 2008): the meta holds the printed byline's markup,
    # "<BR>" and a newline before the outlet; the printed "By" line names the writer.
    ledger = '<meta name="author" content="   DANA ELLERY&lt;BR&gt;\nThe Patriot Ledger"/>'
    printed = "<p><i>By   DANA ELLERY<br>The Patriot Ledger</i></p>"
    assert _authors(head=ledger, byline=printed) == ("DANA ELLERY",)
