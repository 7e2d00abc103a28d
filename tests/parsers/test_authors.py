"""Author rules: declared versus printed bylines, roles, reviewers, co-authors."""

from __future__ import annotations

import json

from parsers import extract
from parsers.author_elements import names_from_strings
from parsers.authors import clean_author, extends, is_weak, split_byline
from tests.parsers.council_story import TEXT

URL = "https://news.example.org/2019/11/16/story/"


def authors(head: str = "", byline: str = "", after: str = "") -> tuple[str, ...]:
    html = (
        f"<html><head>{head}</head><body><article><h1>Council approves transport plan</h1>"
        f"{byline}{TEXT}{after}</article></body></html>"
    )
    return extract(html, url=URL).authors


def ld(author: object) -> str:
    data = {"@type": "NewsArticle", "headline": "Council approves transport plan",
            "author": author, "publisher": {"@type": "Organization", "name": "Example News"}}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_site_name_as_json_ld_person_yields_to_printed_byline() -> None:
    head = ld({"@type": "Person", "name": "Example News"})
    assert authors(head, '<div class="byline">By Jane Doe</div>') == ("Jane Doe",)


def test_login_handle_and_admin_yield_to_printed_byline() -> None:
    byline = '<span class="author">Jane Doe</span>'
    assert authors('<meta name="author" content="jdoe.writer">', byline) == ("Jane Doe",)
    assert authors('<meta name="author" content="Site Admin">', byline) == ("Jane Doe",)
    # Without a printed name the handle is still the best answer.
    assert authors('<meta name="author" content="jdoe.writer">') == ("jdoe.writer",)


def test_declared_person_beats_a_different_printed_name() -> None:
    head = ld({"@type": "Person", "name": "John Roe"})
    assert authors(head, '<div class="byline">By Jane Doe</div>') == ("John Roe",)


def test_printed_byline_with_more_co_authors_wins() -> None:
    head = '<meta name="author" content="Jane Doe">'
    byline = '<div class="byline">Written by Dr Jane Doe, John Roe</div>'
    assert authors(head, byline) == ("Dr Jane Doe", "John Roe")


def test_co_authors_in_sibling_links() -> None:
    byline = (
        '<div class="meta"><a href="/author/jane-doe/">Jane Doe</a>, '
        '<a href="/author/john-roe/">John Roe</a> &amp; <a href="/author/ann-poe/">Ann Poe</a>'
        "</div>"
    )
    assert authors(byline=byline) == ("Jane Doe", "John Roe", "Ann Poe")


def test_comment_authors_are_not_bylines() -> None:
    after = '<ol><li><span class="comment-author">Bob Reader</span> Great story!</li></ol>'
    assert authors(after=after) == ()


def test_reviewer_is_not_the_writer() -> None:
    byline = (
        '<div class="author-box">Reviewed by Dr. Ann Poe</div>'
        '<div class="author-name">Jane Doe</div>'
    )
    assert authors(byline=byline) == ("Jane Doe",)
    # A page that credits only its reviewer still names a person rather than nobody.
    assert authors(byline='<div class="byline">Medically reviewed by Ann Poe</div>') == (
        "Ann Poe",
    )


def test_reviewer_after_writer_on_one_line() -> None:
    byline = "<p>By Jane Doe | Medically reviewed by Dr. Ann Poe</p>"
    assert authors(byline=byline) == ("Jane Doe",)
    assert authors(byline="<p>Medically reviewed by Dr. Ann Poe</p>") == ()


def test_name_only_elements_accept_brands_and_teams() -> None:
    assert authors(byline='<span itemprop="author">Acmecorp</span>') == ("Acmecorp",)
    assert authors(byline='<p class="authorName">Newsroom Staff</p>') == ("Newsroom Staff",)
    assert authors(byline='<span class="author">By the Example Team</span>') == (
        "the Example Team",
    )


def test_contributors_label_line() -> None:
    assert authors(byline="<p>Contributors: Jane Doe</p>") == ("Jane Doe",)


def test_names_from_strings_stops_at_titles() -> None:
    assert names_from_strings(["Ann Poe", ",", "Print Managing Editor"]) == ["Ann Poe"]
    # "Eland" ends in "and" but announces no second name; "Doe and" does.
    assert names_from_strings(["Matt Eland", "Jane Roe"]) == ["Matt Eland"]
    assert names_from_strings(["Jane Doe and", "Jane Roe"]) == ["Jane Doe", "Jane Roe"]
    assert names_from_strings(
        ["This post was written by Jane Doe, Head of Marketing and Community Development"]
    ) == ["Jane Doe"]


def test_clean_author_quotes_affiliations_and_credits() -> None:
    assert clean_author('"David Kim"') == "David Kim"
    assert clean_author("David Jackson - FullStack Editorial Team") == "David Jackson"
    assert clean_author("ACME - Cloud") == "ACME - Cloud"
    assert split_byline("content: Example, design: Jane Doe, code: John Roe") == []


def test_weak_names_and_extends() -> None:
    sites = frozenset({"examplenews"})
    assert is_weak("Example News", sites)
    assert is_weak("jane.doe", sites)
    assert is_weak("JaneD", sites)
    assert not is_weak("Jane Doe", sites)
    assert not is_weak("Mazi", sites)
    assert is_weak("janedoe", sites)
    assert is_weak("вадим", sites)


def test_names_capitalised_outside_ascii_or_in_caseless_scripts_are_not_handles() -> None:
    # Category: declared author names in Cyrillic, Greek, accented Latin, or a script
    # without case (Chinese, Japanese, Korean, Arabic); they were read as login handles
    # because they hold no ASCII capital, so a printed byline or the site name won.
    sites = frozenset({"examplenews"})
    for name in ("Élodie", "Вадим", "Ἀθηνᾶ", "新間", "김민수", "محمد"):
        assert not is_weak(name, sites), name
    assert extends(["Dr Jane Doe", "John Roe"], ["Jane Doe"])
    assert not extends(["Jane Doe"], ["Jane Doe"])
    assert not extends(["Ann Poe", "John Roe"], ["Jane Doe"])


def test_a_lower_case_name_of_two_words_is_no_handle() -> None:
    # Category: declared names written all in lower case ("jane doe"); a handle is one
    # token (k35: the one-token test counted distinct words, so a name whose two words
    # are the same, "mohamed mohamed", "ali ali", was a handle and lost to the printed byline).
    sites = frozenset({"examplenews"})
    for name in ("mohamed mohamed", "ali ali", "jane doe"):
        assert not is_weak(name, sites), name
    assert is_weak("janedoe", sites)


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    body = "<p>" + " ".join(["Council members met again to talk about the trams."] * 8) + "</p>"
    html = (
        "<html><body><article><h1>Trams return to the city centre</h1>"
        "<p>By Monday, the council had approved the plan.</p>"
        f"{body}</article></body></html>"
    )
    article = extract(html, url="https://example.org/trams")
    assert article.authors == ()


def test_sharing_card_labelled_written_by() -> None:
    head = (
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Jane Doe">'
        '<meta name="twitter:label2" content="Est. reading time">'
        '<meta name="twitter:data2" content="4 minutes">'
    )
    assert authors(head=head) == ("Jane Doe",)
    unlabelled = '<meta name="twitter:label1" content="Est. reading time">'
    assert authors(head=unlabelled + '<meta name="twitter:data1" content="4 minutes">') == ()


def test_label_glued_to_the_name() -> None:
    byline = "<div><span>By</span><span>Jane Doe</span></div>"
    assert authors(byline=byline) == ("Jane Doe",)
    assert authors(byline="<p>Byron Bay</p>") == ()
    # Glued to a sentence, not a name: "By" + "Monday the council had approved the plan".
    sentence = "<div><span>By</span><span>Monday the council had approved the plan</span></div>"
    assert authors(byline=sentence) == ()


def test_author_in_category_line() -> None:
    assert authors(byline="<p>Dec 26, 2025 • Jane Doe in City Transport</p>") == ("Jane Doe",)
    assert authors(byline="<p>12 min read | Jane Doe in transport</p>") == ("Jane Doe",)
    # Without a separator "<Name> in <Place>" is a headline or a caption.
    assert authors(byline="<p>Alexander Lukashenko in Beijing</p>") == ()
    # A heading with " in " is not a byline.
    assert authors(byline="<p>The Latest Statistics in Transport Planning Today</p>") == ()
    # The words before " in " must look like a person's name.
    assert authors(byline="<p>May 2, 2024 • Read More in Transport</p>") == ()


def test_author_in_category_line_loses_to_a_real_declared_author() -> None:
    head = ld({"@type": "Person", "name": "John Roe"})
    assert authors(head, "<p>Dec 26, 2025 • Jane Doe in City Transport</p>") == ("John Roe",)


def authors_with_related(in_story: str = "", after_related: str = "") -> tuple[str, ...]:
    """Authors of a story followed by a long related-links section."""
    links = "".join(f"<p><a href='/r/{i}'>Related story number {i}</a></p>" for i in range(20))
    html = (
        "<html><body><article><h1>Council approves transport plan</h1>"
        f"{TEXT}{in_story}</article><section>{links}</section>{after_related}</body></html>"
    )
    return extract(html, url=URL).authors


def test_written_by_box_at_the_end_of_the_story() -> None:
    box = "<div><h3>Written by Jane Doe</h3><p>Jane writes about transport.</p></div>"
    assert authors_with_related(in_story=box) == ("Jane Doe",)


def test_written_by_outside_the_story_names_another_piece() -> None:
    card = "<aside><h3>Written by John Roe</h3><p>Why the trams are late again.</p></aside>"
    assert authors_with_related(after_related=card) == ()


def test_written_by_mid_story_must_be_an_unlinked_person() -> None:
    def mid_story(line: str) -> tuple[str, ...]:
        # Far from both the header and the trailer, so only the author-box rule reads it.
        paragraphs = "".join(f"<p>Paragraph {i} of the council's long transport report.</p>"
                             for i in range(12))
        html = (
            "<html><body><article><h1>Council approves transport plan</h1>"
            f"{paragraphs}{line}{paragraphs}</article></body></html>"
        )
        return extract(html, url=URL).authors

    assert mid_story("<p>Written by Jane Doe</p>") == ("Jane Doe",)
    # A linked line is a teaser for another column.
    assert mid_story('<p><a href="/col">Written by John Roe</a></p>') == ()
    # A UI phrase after the label is not a person.
    assert mid_story("<p>Written by Read More</p>") == ()
