"""Authors from declared metadata (a39, issue 17): the copyright holder declared as author
(Condé Nast's sites fill ``<meta name="author">`` with the company their copyright meta
names). The pages are made up; the forms are those of the fourth set's pages with their
metadata put back (wired.com, wired.jp, pitchfork.com, newyorker.com)."""

from __future__ import annotations

import pytest

from tests.parsers.budget_story import budget_authors

HOLDER = (
    "<meta name='author' content='Cond&#xE9; Nast'>"
    "<meta name='copyright' content='Copyright (c) Cond&#xE9; Nast 2022'>"
)
LD_HOLDER = (
    "<meta name='author' content='Example Media Group'>"
    '<script type=\'application/ld+json\'>{"@context": "https://schema.org",'
    ' "@type": "NewsArticle", "headline": "Budget settled",'
    ' "copyrightHolder": {"@type": "Organization", "name": "Example Media Group"}}'
    "</script>"
)


WRITER = "<meta name='article:author' content='Jane Doe'>"


@pytest.mark.parametrize(
    "head",
    [
        HOLDER + WRITER,
        HOLDER.replace("Copyright (c)", "&copy; 2019-2022")
        + "<meta name='copyright' content='All rights reserved.'>"
        + WRITER,
        LD_HOLDER + "<meta name='parsely-author' content='Jane Doe'>",
    ],
)
def test_a_writer_declared_in_a_later_key_beats_the_holder(head: str) -> None:
    # Category "the publisher in the author meta, the writer in another key". Fails
    # without author_declared.beats_weak, or without author_holders.copyright_holders in
    # bylines._meta_authors's publishers: "Condé Nast" / "Example Media Group".
    assert budget_authors("", head) == ("Jane Doe",)


def test_a_printed_line_does_not_beat_the_declared_holder() -> None:
    # A wire page declares its network as author and holder; a menu's "Top Shelf by ..."
    # is another piece's byline (second set, googlenews): the holder stays.
    head = (
        "<meta name='copyright' content='The Sports Network'>"
        "<meta name='author' content='The Sports Network'>"
    )
    byline = "<p class='byline'>Top Shelf by Dan Di Sciullo</p>"
    assert budget_authors(byline, head) == ("The Sports Network",)


def test_a_holder_that_is_the_writer_stays_when_nothing_else_names_one() -> None:
    # A personal blog: the writer holds the copyright and nothing else names anyone.
    head = "<meta name='author' content='Jane Doe'><meta name='copyright' content='© Jane Doe'>"
    assert budget_authors("", head) == ("Jane Doe",)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<meta name='parsely-author' content='Doe, Jane'>", ("Jane Doe",)),
        ("<meta name='author' content='Doe, Jane'>", ("Jane Doe",)),
        # Two one-word co-authors the byline prints as two: still two.
        ("<meta name='author' content='Smith, Jones'>", ("Smith", "Jones")),
    ],
)
def test_a_surname_first_declared_name_is_the_printed_one(
    head: str, expected: tuple[str, ...]
) -> None:
    # Category "a surname-first declared name split in two" (thepennyhoarder: Parse.ly
    # "Gillman, Steve", printed "by Steve Gillman"). Fails without
    # author_declared.one_printed_name: ("Doe", "Jane").
    byline = (
        "<p class='byline'>By <a href='/author/smith'>Smith</a> and"
        " <a href='/author/jones'>Jones</a></p>"
        if "Smith" in head
        else "<div class='author-container'><p class='author-name'>by"
        " <a href='/author/janedoe/'>Jane Doe</a></p><p class='author-title'>Contributor</p></div>"
    )
    assert budget_authors(byline, head) == expected


def test_a_printed_byline_beats_the_cards_written_by() -> None:
    # Category "a sharing card's 'Written by' is the account that posted" (Yoast's card:
    # the WordPress user, an editor; prospectmagazine). Fails without bylines' from_card:
    # ("Sam Editor",).
    head = (
        "<meta name='twitter:label1' content='Written by'>"
        "<meta name='twitter:data1' content='Sam Editor'>"
    )
    byline = "<div class='byline'><span class='byline__name'>Jane Doe</span></div>"
    assert budget_authors(byline, head) == ("Jane Doe",)
    # With no printed byline the card still names the writer.
    assert budget_authors("", head) == ("Sam Editor",)


TWO_AUTHORS = (
    "<meta name='author' content='Example Media Inc.'><meta name='author' content='Jane Doe'>"
)


def test_the_holder_a_printed_rights_notice_names_leaves_the_declared_authors() -> None:
    # Category "the publisher among the declared authors" (gizmodo.jp: author metas
    # "mediagene Inc." and the writer, footer "© mediagene Inc. All Rights Reserved.").
    # Fails without author_holders.without_holders: ("Example Media Inc.", "Jane Doe").
    box = "<footer><p>&copy; Example Media Inc. All Rights Reserved.</p></footer>"
    assert budget_authors("", TWO_AUTHORS, box=box) == ("Jane Doe",)


def test_a_pictures_copyright_credit_names_no_holder() -> None:
    # A photo credit "© John Roe" says nothing of rights reserved: its holder may be an
    # author, and both declared people stay.
    head = "<meta name='author' content='Jane Doe'><meta name='author' content='John Roe'>"
    box = "<figure><figcaption>&copy; John Roe</figcaption></figure>"
    assert budget_authors("", head, box=box) == ("Jane Doe", "John Roe")


def test_the_og_prefixed_article_author_is_read() -> None:
    # Category "Open Graph's article:author written with the og: prefix" (lemonde.fr: a
    # teaser's author box came first). Fails without "og:article:author" in
    # metadata.AUTHOR_KEYS: ("Raphaël Melka",), the teaser's writer.
    head = "<meta property='og:article:author' content='Jane Doe'>"
    teaser = (
        "<a href='/other'><div class='article__author'><div class='article__author-name'>"
        "Raphaël Melka</div></div></a>"
    )
    byline = "<section class='related'>" + teaser + "</section>"
    assert budget_authors(byline, head) == ("Jane Doe",)
