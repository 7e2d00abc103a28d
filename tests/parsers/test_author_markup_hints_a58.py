"""Markup hints of a byline holder that only trafilatura read (issue 17, a58; its metadata
tests list them, ``bench/metadata_snippets.py``), read by ``parsers.author_hints``:

- an ``id`` naming the author (``id="author"``, ``id="author-name"``),
  ``data-component="Byline"``, a ``data-testid`` naming the author (``AuthorURL``) and the
  custom ``<author>`` element hold the byline;
- guards: what a hint holds inside a form (WordPress's comment form, a login form), inside
  the comments, inside embedded XML (a feed's ``<author>``, a publisher's markup), in the
  masthead's link home, or when it holds a whole story or a bio sentence, is no byline;
  nor is a name from a hint that is not a person's (a desk's credit).

The rule cases fail on main (it reads none of these hints). Each guard case fails when its
guard is taken out of ``author_hints.refused`` (checked by hand, a58 in docs/BENCHMARKS.md).
"""

from __future__ import annotations

import pytest

from parsers import extract

URL = "https://www.example.org/news/ministry-approves-regional-programme"
SENTENCE = "The ministry said on Monday that the programme would start next year in every region."
STORY = "<p>" + " ".join([SENTENCE] * 4) + "</p>"


def _authors(byline: str = "", after: str = "", head: str = "") -> tuple[str, ...]:
    html = (
        f'<html lang="en"><head><title>Ministry approves regional programme</title>{head}</head>'
        f"<body><article><h1>Ministry approves regional programme</h1>{byline}"
        f"{STORY * 4}{after}</article></body></html>"
    )
    return extract(html, url=URL).authors


@pytest.mark.parametrize(
    "byline",
    [
        '<span id="author">Jenny Smith</span>',
        '<p class="meta">Published 12 May 2024 <span id="author-name">Jenny Smith</span></p>',
        '<p class="meta"><span id="authorName">Jenny Smith</span></p>',
        '<div data-component="Byline"><p>Jenny Smith</p><p>Political reporter</p></div>',
        '<div data-component="meta-byline">Jenny Smith in Brussels</div>',
        '<div><strong><a class="d1dba0c3" data-testid="AuthorURL" href="/by/p535y1">'
        "Jenny Smith</a></strong></div>",
        "<author>Jenny Smith</author>",
    ],
    ids=[
        "id-author", "id-author-name", "id-authorName",
        "data-component-Byline", "data-component-meta-byline", "data-testid-AuthorURL",
        "author-element",
    ],
)
def test_a_markup_hint_holds_the_byline(byline: str) -> None:
    assert _authors(byline) == ("Jenny Smith",)


def test_a_name_hint_takes_a_name_in_capitals() -> None:
    """``id="author-name"`` and ``data-testid="AuthorURL"`` mark the name itself, as a
    class ``author-name`` does: a name in capitals counts (trafilatura's "AUTHOR NAME")."""
    byline = '<p><a data-testid="AuthorURL" href="/by/p535y1">JENNY SMITH</a></p>'
    assert _authors(byline) == ("JENNY SMITH",)


# WordPress's comment-respond form, with the logged-in commenter's name shown in an element
# the theme gives ``id="author"`` (the field itself is an <input>, never read).
COMMENT_FORM = (
    '<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3>'
    '<form action="/wp-comments-post.php" method="post" id="commentform">'
    '<p class="logged-in-as">Logged in as <span id="author">Robert Miles</span>.</p>'
    '<p><label for="author">Name</label><input id="author" name="author" type="text"'
    ' value="Robert Miles"></p><p><textarea id="comment" name="comment"></textarea></p>'
    "</form></div>"
)
# A login box: the site's account menu prints the signed-in reader's name in a field's row.
LOGIN_FORM = (
    '<form class="sign-in" action="/login" method="post"><div class="field">'
    '<label for="username">Username</label><span data-testid="author-name">Robert Miles</span>'
    '<input id="username" name="username" type="text"></div></form>'
)
# A reader's comment whose name the comment system marks like a byline.
COMMENT = (
    '<section id="comments"><ol class="commentlist"><li><div class="comment-body">'
    '<span data-testid="author-name">Robert Miles</span><p>Good news for the regions.</p>'
    "</div></li></ol></section>"
)
# A feed embedded in the page (a widget's RSS kept as markup): its <author> is an item's.
EMBEDDED_FEED = (
    "<rss><channel><item><title>Older release</title><author>Robert Miles</author></item>"
    "</channel></rss>"
)
# A publisher's own XML vocabulary printed as markup (an e-paper's quotation box).
PUBLISHER_XML = '<box type="citation"><p>A fine programme.</p><author>Robert Miles</author></box>'
# The masthead: the blog's name in a link to its home page.
MASTHEAD = '<a href="/" class="logo"><img src="/logo.png" alt=""><author>Robert Miles</author></a>'
# A hint on a whole region of the page: its first line is a headline, not a name.
WHOLE_STORY = (
    '<div id="author"><h2>Robert Miles Wins Regional Award</h2>' + STORY * 3 + "</div>"
)
# A desk's credit in a hint (Australian papers, 2008): no person.
DESK = (
    '<dl id="author"><dt>From correspondents in Karachi, Pakistan</dt>'
    "<dd>January 11, 2008</dd></dl>"
)
# A sentence in a hint (a bio, a summary): its first capitalised words are no name.
BIO = (
    '<p data-component="byline">Leeds City Council and Robert Miles agreed the programme'
    " with the ministry on Monday.</p>"
)


@pytest.mark.parametrize(
    ("where", "block"),
    [
        ("before", COMMENT_FORM),
        ("before", LOGIN_FORM),
        ("after", COMMENT),
        ("before", EMBEDDED_FEED),
        ("before", PUBLISHER_XML),
        ("before", MASTHEAD),
        ("before", WHOLE_STORY),
        ("before", BIO),
        ("before", DESK),
    ],
    ids=[
        "comment-form", "login-form", "comments", "embedded-feed", "publisher-xml",
        "masthead", "whole-story", "bio-sentence", "desk-credit",
    ],
)
def test_what_a_hint_holds_there_is_no_byline(where: str, block: str) -> None:
    authors = _authors(block) if where == "before" else _authors(after=block)
    assert not {"Robert Miles", "correspondents in Karachi"} & set(authors)
    # The page's own byline, printed after the block, is still read.
    byline = '<p class="byline">By Jenny Smith</p>'
    with_byline = _authors(block + byline) if where == "before" else _authors(byline, block)
    assert with_byline == ("Jenny Smith",)
